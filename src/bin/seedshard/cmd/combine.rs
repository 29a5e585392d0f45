//! `seedshard combine`: recover the secret from shares.

use std::io::Write;
use std::path::PathBuf;

use seedshard::bip39::Bip39Phrase;
use seedshard::describe::recovery as describe;
use seedshard::report::{recovery::CombineReport, SCHEMA_VERSION};
use seedshard::slip39::recovery::{Pile, PileItem, TextError};
use seedshard::wallet::{readings, ReadingKind, RootXprv};
use seedshard::{EncryptedMasterSecret, MasterSecret, ParseShareError};
use zeroize::Zeroizing;

use crate::bridge::{self, WalletJson};
use crate::cli::{CombineArgs, SecretFormat};
use crate::error::{CliError, CliResult};
use crate::io::Inputs;
use crate::output;
use crate::pile::failed_share;

/// Runs `combine`.
pub fn run(args: &CombineArgs) -> CliResult {
    let network = bridge::network(args.network);
    let expectation = bridge::expectation(
        args.expect_fingerprint.as_deref(),
        args.expect_address.as_deref(),
        network,
    )?;
    let mut inputs = Inputs::default();
    let Gathered {
        ems,
        shares_used,
        unconfirmed,
    } = gather(&mut inputs, &args.inputs, &args.scan, args.hide_words)?;
    // Worked-out words that nothing confirms: only a matching wallet can (checked below);
    // without --expect-* nothing will, so stop before asking for the passphrase.
    if let (Some(u), None) = (&unconfirmed, &expectation) {
        return Err(u.error());
    }
    // The length alone tells whether the secret can be a BIP-39 phrase: say so before asking
    // for a passphrase.
    if args.to == SecretFormat::Bip39 && !matches!(ems.len(), 16 | 20 | 24 | 28 | 32) {
        return Err(not_bip39_entropy(ems.len()));
    }
    let passphrase = inputs.slip39_passphrase(
        args.passphrase_file.as_deref(),
        crate::io::PassphrasePurpose::Recovery,
    )?;
    let secret = decrypt(&ems, &passphrase);
    let bip39_pass = bridge::read_bip39_passphrase(
        &mut inputs,
        args.bip39_passphrase_file.as_deref(),
        false,
        false,
    )?;
    let all = readings(&secret, &bip39_pass, network);
    let matched = match bridge::check_expectation(&all, expectation.as_ref()) {
        Ok(m) => m,
        Err(mut e) => {
            // Show which wallets the shares do open (public facts only), to help find the mistake.
            let _ = bridge::write_readings(&mut std::io::stderr().lock(), &all, false);
            if let Some(u) = &unconfirmed {
                e.hint = format!("{}; or {}", u.mismatch_hint(), e.hint);
            }
            return Err(e);
        }
    };
    if unconfirmed.is_some() && matched.is_some() {
        eprintln!(
            "note: the wallet matches the one expected: this confirms the words worked out from the checksum"
        );
    }
    // What is printed must belong to the reading that matched: a BIP-39 phrase cannot
    // express the SLIP-39 reading (it would open the other wallet).
    if let (SecretFormat::Bip39, Some(i)) = (args.to, matched) {
        if all[i].kind() == ReadingKind::Slip39 {
            let _ = writeln!(
                std::io::stderr().lock(),
                "{}",
                bridge::matched_line(&all, i)
            );
            return Err(CliError::check_failed(
                "the expected wallet is opened by reading 1 (the SLIP-39 master secret), which no BIP-39 phrase can express: as a phrase, this secret opens a different wallet",
                "use --to xprv for that wallet's root key (or --to hex for the master secret); a Trezor or other SLIP-39 wallet opens it from the shares themselves",
            ));
        }
    }
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
            &CombineReport {
                schema: SCHEMA_VERSION,
                master_secret_hex: hex,
                identifier: ems.identifier().get(),
                extendable: ems.extendable(),
                iteration_exponent: ems.iteration_exponent().get(),
                shares_used,
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

/// Reads every share given (files or standard input, typed on a terminal when there are
/// none, and scanned cards) into one pile, reports what was set aside or worked out, and
/// recovers the encrypted master secret. Returns it with the number of shares used. Used by
/// `combine` and `verify`.
pub fn gather(
    inputs: &mut Inputs,
    paths_given: &[PathBuf],
    scan: &[PathBuf],
    hide_words: bool,
) -> CliResult<Gathered> {
    let mut g = crate::pile::Gathered::default();
    let show_words = crate::pile::words_to_stderr();
    if paths_given.is_empty() && !scan.is_empty() {
        // Only photos of cards.
    } else if paths_given.is_empty() && crate::io::interactive() {
        // On a terminal without files: type the shares in, one at a time (each checked and
        // confirmed as it is typed).
        for (k, typed) in crate::cmd::entry::enter_shares(&mut crate::cmd::entry::Tty, hide_words)?
            .into_iter()
            .enumerate()
        {
            g.add_share(typed.share, format!("typed share {}", k + 1))?;
        }
    } else {
        let paths: Vec<PathBuf> = if paths_given.is_empty() {
            vec![PathBuf::from("-")]
        } else {
            paths_given.to_vec()
        };
        // Every line under the one rule for files (as `check`, `extend`, `reissue` and
        // `inspect` read them): damaged words are worked out and shown by position; what is
        // worked out is used only when something confirms it (see below).
        let texts = crate::pile::read_texts(inputs, &paths)?;
        g.add_texts(&texts)?;
        if let Some((n, item)) = g
            .pile
            .items()
            .iter()
            .enumerate()
            .find(|(_, i)| i.read().is_err())
        {
            return Err(text_error(n + 1, item));
        }
    }
    for scanned in crate::cmd::cards::scan_shares(scan)? {
        g.add_share(scanned.share, scanned.origin.source)?;
    }
    let pile = &g.pile;
    if pile.is_empty() {
        return Err(CliError::input(
            "the input holds no shares",
            "put one share a line; lines starting with # are comments",
        ));
    }
    // Check the shares before asking for the passphrase: a person should not type it for a
    // set that cannot recover.
    let analysis = pile.analyze();
    let ems = match pile.recovery().recover_unconfirmed() {
        Ok((ems, _)) if analysis.recovers() => ems,
        result => {
            let (what, hint) = describe::cannot_recover(pile, &analysis, result.err().as_ref());
            return Err(CliError::input(what, hint));
        }
    };
    let mut err = std::io::stderr().lock();
    for line in describe::recovery_notes(pile, &analysis, show_words) {
        let _ = writeln!(err, "note: {line}");
    }
    let unconfirmed = (!analysis.unconfirmed.is_empty()).then(|| Unconfirmed {
        what: describe::unconfirmed(pile, &analysis),
    });
    Ok(Gathered {
        ems,
        shares_used: Pile::shares_used(&analysis),
        unconfirmed,
    })
}

/// The error for share text that is not a share (`number`: its place in the input).
fn text_error(number: usize, item: &PileItem) -> CliError {
    let content = item.typed().unwrap_or_default();
    let e = item.read().expect_err("a failed item");
    let label = format!("share {number} ({})", item.source());
    if let seedshard::bip39::MnemonicKind::Bip39 { .. }
    | seedshard::bip39::MnemonicKind::Bip39OtherLanguage { .. } =
        seedshard::bip39::classify(content)
    {
        // A BIP-39 phrase among the shares: say so, with the command for it.
        // The pile's sources read "NAME line N".
        let (source, line) = item
            .source()
            .rsplit_once(" line ")
            .unwrap_or((item.source(), "0"));
        let origin = crate::io::Origin {
            source: source.to_string(),
            line: line.parse().unwrap_or(0),
        };
        return crate::bridge::share_error(number, &origin, content, &ParseShareError::Empty);
    }
    let lines = describe::text_error_lines(content, e, crate::pile::words_to_stderr());
    let hint = match e {
        TextError::LengthDiffers { .. }
        | TextError::Parse(
            ParseShareError::TooShort { .. }
            | ParseShareError::InvalidLength { .. }
            | ParseShareError::TooLong { .. },
        ) => "a share has 20 words (128-bit secret), 33 (256-bit) or 59 (512-bit): check for a missing or extra word, or a share broken across two lines; `seedshard check` on the file shows every problem",
        _ => "compare the words with the card, write ? for each word you cannot read, \
              and run `seedshard check` on the file to see every problem",
    };
    CliError::input(format!("{label}: {}", failed_share(&lines)), hint)
}

/// What `gather` recovered.
pub struct Gathered {
    /// The encrypted master secret.
    pub ems: EncryptedMasterSecret,
    /// Shares that fit and were used.
    pub shares_used: usize,
    /// Worked-out words that nothing confirms yet (a set without a digest): the secret may
    /// be another wallet's, so it may be shown only when the wallet matches
    /// `--expect-fingerprint` or `--expect-address`.
    pub unconfirmed: Option<Unconfirmed>,
}

/// Worked-out words that nothing confirms, ready to tell the person.
pub struct Unconfirmed {
    what: String,
}

impl Unconfirmed {
    /// The error when nothing will confirm them (no `--expect-*` given): exit 1, naming the
    /// positions and what would confirm them.
    pub fn error(&self) -> CliError {
        CliError::check_failed(
            format!(
                "{}; the secret is not shown, since if a worked-out word is wrong it opens a different wallet",
                self.what
            ),
            "confirm the words in one of these ways: give the wallet's fingerprint (--expect-fingerprint) or one of its addresses (--expect-address); or add another card of the set; or run `seedshard combine` at a terminal without files, type the share and confirm each worked-out word against the card",
        )
    }

    /// The hint added when `--expect-*` was given but no reading matched.
    pub fn mismatch_hint(&self) -> String {
        format!(
            "words were worked out from the checksum ({}): a wrong one gives a different wallet; compare them with the card, or find another card of the set",
            self.what
        )
    }
}

/// Decrypts the master secret, first saying so when the iteration exponent makes it slow.
pub fn decrypt(ems: &EncryptedMasterSecret, passphrase: &seedshard::Passphrase) -> MasterSecret {
    let e = ems.iteration_exponent().get();
    if e >= SLOW_EXPONENT {
        // 10000 x 2^e iterations (SLIP-0039, "Encryption of the master secret": 4 rounds of
        // 2500 x 2^e): a valid set with a high exponent must not look like a hang.
        eprintln!(
            "note: decrypting takes a while: iteration exponent {e} means {} PBKDF2 iterations (10000 x 2^{e})",
            10_000u64 << e
        );
    }
    ems.decrypt(passphrase)
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

/// Iteration exponents from which decrypting takes long enough to say so first.
const SLOW_EXPONENT: u8 = 5;
