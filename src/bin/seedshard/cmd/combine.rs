//! `seedshard combine`: recover the secret from shares.

use std::io::Write;

use seedshard::bip39::Bip39Phrase;
use seedshard::describe::reveal;
use seedshard::report::{recovery::CombineReport, SCHEMA_VERSION};
use seedshard::wallet::readings;
use seedshard::{EncryptedMasterSecret, MasterSecret};
use zeroize::Zeroizing;

use seedshard::dialogue::PassphraseTries;

use crate::bridge;
use crate::cli::{CombineArgs, SecretFormat};
use crate::cmd::entry;
use crate::error::{CliError, CliResult};
use crate::io::Inputs;
use crate::output;
/// The shares' reading shared with `verify`.
pub use crate::pile::gather_to_combine as gather;
use crate::pile::Recovered;
use crate::progress::Progress;
use seedshard::describe::dialogue as say;
use seedshard::report::backup::{readings_report, WalletReport};

/// Runs `combine`.
pub fn run(args: &CombineArgs) -> CliResult {
    let (network, expectation) = bridge::wallet(&args.wallet)?;
    let mut inputs = Inputs::default();
    let Recovered {
        ems,
        shares_used,
        unconfirmed,
        typed,
    } = gather(&mut inputs, &args.inputs, &args.scan, args.hide_words)?;
    // Worked-out words that nothing confirms: only a matching wallet can (checked below);
    // without --expect-* nothing will, so stop before asking for the passphrase.
    if let (Some(u), None) = (&unconfirmed, &expectation) {
        return Err(u.error());
    }
    // The length alone tells whether the secret can be a BIP-39 phrase: say so before asking
    // for a passphrase.
    if args.to == SecretFormat::Bip39 {
        if let Some((what, hint)) = reveal::not_bip39_entropy(ems.len()) {
            return Err(CliError::input(what, hint));
        }
    }
    let mut passphrase = inputs.slip39_passphrase(
        args.passphrase_file.as_deref(),
        crate::io::PassphrasePurpose::Recovery,
    )?;
    // A passphrase typed at the terminal that opens another wallet than the one expected is
    // asked for again, the shares kept (a passphrase from a file would only be read again).
    let asked = args.passphrase_file.is_none() && crate::io::interactive();
    let mut tries = PassphraseTries::new();
    let bip39_pass = bridge::read_bip39_passphrase(
        &mut inputs,
        args.bip39_passphrase_file.as_deref(),
        false,
        false,
    )?;
    let (secret, all, matched) = loop {
        let secret = decrypt(&ems, &passphrase);
        let all = readings(&secret, &bip39_pass, network);
        match bridge::check_expectation(&all, expectation.as_ref()) {
            Ok(m) => break (secret, all, m),
            Err(mut e) => {
                // Show which wallets the shares do open (public facts only), to help find the
                // mistake.
                let _ = bridge::write_readings(&mut std::io::stderr().lock(), &all, false);
                if asked && entry::passphrase_again(&mut tries)? {
                    passphrase =
                        inputs.slip39_passphrase(None, crate::io::PassphrasePurpose::Recovery)?;
                    continue;
                }
                if let Some(u) = &unconfirmed {
                    e.hint = format!("{}; or {}", u.mismatch_hint(), e.hint);
                }
                return Err(e);
            }
        }
    };
    // The words typed stay on the screen: offer to clear them now that they did their work.
    if typed && !args.hide_words && crate::io::interactive() {
        entry::offer_to_clear()?;
    }
    if unconfirmed.is_some() && matched.is_some() {
        eprintln!(
            "note: {}",
            seedshard::describe::recovery::CONFIRMED_BY_WALLET
        );
    }
    // What is printed must belong to the reading that matched: a BIP-39 phrase cannot
    // express the SLIP-39 reading (it would open the other wallet).
    if let (SecretFormat::Bip39, Some(i)) = (args.to, matched) {
        if let Some((what, hint)) = reveal::phrase_of_matched(&all[i]) {
            let _ = writeln!(
                std::io::stderr().lock(),
                "{}",
                bridge::matched_line(&all, i)
            );
            return Err(CliError::check_failed(what, hint));
        }
    }
    let phrase = match args.to {
        SecretFormat::Bip39 => Some(Bip39Phrase::from_master_secret(&secret).map_err(|_| {
            let (what, hint) = reveal::entropy_length_error(secret.len());
            CliError::input(what, hint)
        })?),
        _ => None,
    };
    // The root key of the matching reading, else of the SLIP-39 reading (reading 1, the
    // master secret as BIP-32 seed, as SLIP-39 wallets use it).
    let xprv = match args.to {
        SecretFormat::Xprv => Some(all[matched.unwrap_or(0)].root_xprv(&secret, &bip39_pass)),
        _ => None,
    };
    if !args.json {
        let mut err = std::io::stderr().lock();
        let _ = bridge::write_readings(&mut err, &all, false);
        if let Some(i) = matched {
            let _ = writeln!(err, "{}", bridge::matched_line(&all, i));
        }
        if let (Some(_), Some(note)) = (&xprv, reveal::xprv_reading_note(all.len(), matched)) {
            let _ = writeln!(err, "{note}");
        }
    }

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let hex = output::hex(secret.expose_secret());
    if args.json {
        return output::write_json(
            &mut out,
            &CombineReport {
                schema: SCHEMA_VERSION,
                master_secret_hex: hex,
                identifier: ems.identifier().get(),
                extendable: ems.extendable(),
                iteration_exponent: ems.iteration_exponent().get(),
                shares_used,
                readings: readings_report(&all, WalletReport::new),
                matched_reading: matched.map(|i| all[i].kind().as_str()),
                xprv: xprv.map(|x| Zeroizing::new(x.expose_secret().to_string())),
                bip39_phrase: phrase.map(|p| p.to_words()),
            },
        );
    }
    match args.to {
        SecretFormat::Hex => writeln!(out, "{}", hex.as_str()),
        SecretFormat::Xprv => writeln!(out, "{}", xprv.as_ref().map_or("", |x| x.expose_secret())),
        SecretFormat::Bip39 => writeln!(
            out,
            "{}",
            phrase
                .as_ref()
                .map(|p| p.to_words())
                .unwrap_or_default()
                .as_str()
        ),
    }
    .and_then(|()| out.flush())
    .map_err(crate::write_error)
}

/// Decrypts the master secret, first saying so when the iteration exponent makes it slow.
pub fn decrypt(ems: &EncryptedMasterSecret, passphrase: &seedshard::Passphrase) -> MasterSecret {
    let e = ems.iteration_exponent().get();
    // 10000 x 2^e iterations (SLIP-0039, "Encryption of the master secret": 4 rounds of
    // 2500 x 2^e): a valid set with a high exponent must not look like a hang. A terminal
    // shows a progress line while it lasts; a pipe gets one note.
    let progress = Progress::start(say::decrypting(e));
    if e >= SLOW_EXPONENT && progress.is_none() {
        eprintln!("note: {}", say::decrypting(e));
    }
    let secret = ems.decrypt(passphrase);
    drop(progress);
    secret
}

/// Iteration exponents from which decrypting takes long enough to say so first.
const SLOW_EXPONENT: u8 = 5;
