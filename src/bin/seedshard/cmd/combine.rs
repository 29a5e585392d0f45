//! `seedshard combine`: recover the secret from shares.

use std::io::Write;
use std::path::PathBuf;

use seedshard::bip39::Bip39Phrase;
use seedshard::wallet::{readings, RootXprv};
use seedshard::{combine, recover_ems};
use serde::Serialize;
use zeroize::Zeroizing;

use crate::bridge::{self, ReadingJson, WalletJson};
use crate::cli::{CombineArgs, SecretFormat};
use crate::error::{CliError, CliResult};
use crate::io::Inputs;
use crate::output;

#[derive(Serialize)]
struct CombineJson {
    master_secret_hex: Zeroizing<String>,
    identifier: u16,
    extendable: bool,
    iteration_exponent: u8,
    shares_used: usize,
    /// Both readings of the secret, each with its wallet's fingerprint and first address.
    readings: Vec<ReadingJson<WalletJson>>,
    /// The reading that matched `--expect-*`, if given.
    #[serde(skip_serializing_if = "Option::is_none")]
    matched_reading: Option<&'static str>,
    /// The BIP-32 root key, with `--to xprv`.
    #[serde(skip_serializing_if = "Option::is_none")]
    xprv: Option<Zeroizing<String>>,
    /// The BIP-39 phrase, with `--to bip39`.
    #[serde(skip_serializing_if = "Option::is_none")]
    bip39_phrase: Option<Zeroizing<String>>,
}

/// Runs `combine`.
pub fn run(args: &CombineArgs) -> CliResult {
    let network = bridge::network(args.network);
    let expectation = bridge::expectation(
        args.expect_fingerprint.as_deref(),
        args.expect_address.as_deref(),
    )?;
    let mut inputs = Inputs::default();
    let mut shares = if args.inputs.is_empty() && !args.scan.is_empty() {
        // Only photos of cards.
        Vec::new()
    } else if args.inputs.is_empty() && crate::io::interactive() {
        // On a terminal without files: type the shares in, one at a time.
        crate::cmd::entry::enter_shares(&mut crate::cmd::entry::Tty)?
    } else {
        let paths: Vec<PathBuf> = if args.inputs.is_empty() {
            vec![PathBuf::from("-")]
        } else {
            args.inputs.clone()
        };
        let mut texts = Vec::with_capacity(paths.len());
        for path in &paths {
            texts.push((crate::io::display_name(path), inputs.read_text(path)?));
        }
        if texts
            .iter()
            .any(|(_, t)| crate::cmd::check::has_unreadable_marks(t))
        {
            // Words marked unreadable: work them out and show them (see `check`).
            crate::cmd::check::lenient_shares(&texts)?
        } else {
            let mut shares = Vec::new();
            for (name, text) in &texts {
                crate::io::parse_share_lines(text, name, &mut shares)?;
            }
            shares
        }
    };
    shares.extend(crate::cmd::cards::scan_shares(&args.scan)?);
    if shares.is_empty() {
        return Err(CliError::input(
            "the input holds no shares",
            "put one share a line; lines starting with # are comments",
        ));
    }
    let plain: Vec<seedshard::Share> = shares.iter().map(|s| s.share.clone()).collect();
    // Check the shares before asking for the passphrase: a person should not type it for a
    // set that cannot recover.
    let ems = recover_ems(&plain).map_err(|e| output::combine_error(&shares, &e))?;
    // The length alone tells whether the secret can be a BIP-39 phrase: say so before asking
    // for a passphrase.
    if args.to == SecretFormat::Bip39 && !matches!(ems.len(), 16 | 20 | 24 | 28 | 32) {
        return Err(not_bip39_entropy(ems.len()));
    }
    let passphrase = inputs.slip39_passphrase(
        args.passphrase_file.as_deref(),
        crate::io::PassphrasePurpose::Recovery,
    )?;
    let secret = combine(&plain, &passphrase).map_err(|e| output::combine_error(&shares, &e))?;
    let bip39_pass = bridge::read_bip39_passphrase(
        &mut inputs,
        args.bip39_passphrase_file.as_deref(),
        false,
        false,
    )?;
    let all = readings(&secret, &bip39_pass, network);
    let matched = match bridge::check_expectation(&all, expectation.as_ref()) {
        Ok(m) => m,
        Err(e) => {
            // Show which wallets the shares do open (public facts only), to help find the mistake.
            let _ = bridge::write_readings(&mut std::io::stderr().lock(), &all, false);
            return Err(e);
        }
    };
    let phrase = match args.to {
        SecretFormat::Bip39 => Some(
            Bip39Phrase::from_master_secret(&secret)
                .map_err(|_| not_bip39_entropy(secret.len()))?,
        ),
        _ => None,
    };
    // The root key of the matching reading, else of the SLIP-39 reading (the master secret as
    // BIP-32 seed, as SLIP-39 wallets use it).
    let xprv = match args.to {
        SecretFormat::Xprv => Some(match matched.map(|i| &all[i]).and_then(|r| r.phrase()) {
            Some(p) => RootXprv::from_seed(p.to_seed(&bip39_pass).expose_secret(), network)
                .expect("a BIP-39 seed is a valid BIP-32 seed"),
            None => RootXprv::from_master_secret(&secret, network),
        }),
        _ => None,
    };
    if !args.json {
        let mut err = std::io::stderr().lock();
        let _ = bridge::write_readings(&mut err, &all, false);
        if let Some(i) = matched {
            let _ = writeln!(err, "{}", bridge::matched_line(&all, i));
        }
        if xprv.is_some() && matched.is_none() && all.len() > 1 {
            let _ = writeln!(
                err,
                "The xprv printed is reading 1's; if these shares were made from a BIP-39 phrase in entropy mode, use --to bip39 (or --expect-fingerprint to pick reading 2)."
            );
        }
    }

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let hex = output::hex(secret.expose_secret());
    if args.json {
        return output::write_json(
            &mut out,
            &CombineJson {
                master_secret_hex: hex,
                identifier: ems.identifier().get(),
                extendable: ems.extendable(),
                iteration_exponent: ems.iteration_exponent().get(),
                shares_used: plain.len(),
                readings: bridge::readings_json(&all, WalletJson::new),
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

/// The error for `--to bip39` with a secret whose length is not BIP-39 entropy.
fn not_bip39_entropy(len: usize) -> CliError {
    CliError::input(
        format!(
            "the recovered secret is {} bits long, which is not BIP-39 entropy (128 to 256 bits in steps of 32)",
            len * 8
        ),
        "shares made in seed mode (59 words) hold the BIP-39 seed, not the phrase: use --to xprv for the wallet's root key",
    )
}
