//! BIP-39 phrases, BIP-39 passphrases, wallet facts and readings, as `split`, `combine` and
//! `verify` read and print them.

use std::io::Write;
use std::path::Path;

use seedshard::bip39::{
    classify, Bip39Mode, Bip39Passphrase, Bip39Phrase, MnemonicKind, ParseBip39Error,
};
use seedshard::describe::backup as describe;
use seedshard::wallet::{
    matching, AddressError, ExpectError, Expectation, Network, Reading, WalletFacts,
};
use seedshard::ParseShareError;
use zeroize::Zeroizing;

use crate::cli::{Bip39ModeArg, NetworkArg, WalletArgs};
use crate::error::{CliError, CliResult};
use crate::io::{display_name, interactive, Inputs, Origin};

/// The library's network for the flag value.
pub fn network(arg: NetworkArg) -> Network {
    match arg {
        NetworkArg::Bitcoin => Network::Bitcoin,
        NetworkArg::Testnet => Network::Testnet,
        NetworkArg::Signet => Network::Signet,
        NetworkArg::Regtest => Network::Regtest,
    }
}

/// The library's bridging mode for the flag value.
pub fn mode(arg: Bip39ModeArg) -> Bip39Mode {
    match arg {
        Bip39ModeArg::Entropy => Bip39Mode::Entropy,
        Bip39ModeArg::Seed => Bip39Mode::Seed,
    }
}

/// The network and the expected wallet of `--network`, `--expect-fingerprint` and
/// `--expect-address`.
pub fn wallet(args: &WalletArgs) -> CliResult<(Network, Option<Expectation>)> {
    let network = network(args.network);
    let expectation = expectation(
        args.expect_fingerprint.as_deref(),
        args.expect_address.as_deref(),
        network,
    )?;
    Ok((network, expectation))
}

/// Checks `--expect-fingerprint` / `--expect-address` (at most one is given; clap enforces it).
fn expectation(
    fingerprint: Option<&str>,
    address: Option<&str>,
    network: Network,
) -> CliResult<Option<Expectation>> {
    Expectation::parse(fingerprint, address, network).map_err(|e| match e {
        ExpectError::Fingerprint(_) => CliError::input(
            format!("--expect-fingerprint {}: {e}", fingerprint.unwrap_or_default()),
            "give the master fingerprint as your wallet shows it, 8 hex digits such as 73c5da0a",
        ),
        ExpectError::NotBech32 => CliError::input(
            format!("--expect-address {}: {e}", address.unwrap_or_default()),
            "give a bc1q... or bc1p... address of the wallet (tb1/bcrt1 on test networks), or use --expect-fingerprint",
        ),
        ExpectError::Address(a) => {
            let hint = match a {
                AddressError::OtherNetwork => format!(
                    "--network is {}: give an address of that network (bc1 on bitcoin, tb1 on testnet and signet, bcrt1 on regtest), or the --network the address belongs to",
                    network.as_str()
                ),
                AddressError::Unsupported => "give a bc1q... or bc1p... address of the wallet, or use --expect-fingerprint".to_string(),
                _ => "copy the address again from the wallet or a past transaction, character by character".to_string(),
            };
            CliError::input(
                format!("--expect-address {}: {a}", address.unwrap_or_default().trim()),
                hint,
            )
        }
        _ => CliError::input(e, "check --expect-fingerprint and --expect-address"),
    })
}

/// Reads a BIP-39 phrase from a file (or `-`), or from a no-echo prompt on a terminal.
///
/// In a file, `#` starts a comment and the words may span several lines.
pub fn read_phrase(inputs: &mut Inputs, file: Option<&Path>) -> CliResult<Bip39Phrase> {
    let (text, source) = match file {
        Some(path) => {
            let raw = inputs.read_text(path)?;
            let mut joined = Zeroizing::new(String::with_capacity(raw.len()));
            for line in raw.lines() {
                let line = line.trim_start_matches('\u{feff}');
                joined.push_str(line.split('#').next().unwrap_or(""));
                joined.push(' ');
            }
            (joined, display_name(path))
        }
        None if interactive() => {
            let text = rpassword::prompt_password(
                "BIP-39 phrase (12 to 24 words separated by spaces; typing is not shown): ",
            )
            .map(Zeroizing::new)
            .map_err(|e| {
                CliError::input(
                    format!(
                        "cannot read the BIP-39 phrase from the terminal: {}",
                        crate::io::io_reason(&e)
                    ),
                    "use --bip39-file FILE instead (or - for standard input)",
                )
            })?;
            (text, "the prompt".to_string())
        }
        None => {
            return Err(CliError::input(
                "no BIP-39 phrase was given",
                "add --bip39-file FILE with the phrase (or - for standard input)",
            ))
        }
    };
    Bip39Phrase::parse(&text).map_err(|e| phrase_error(&source, &e))
}

/// The error for a phrase that does not parse.
pub fn phrase_error(source: &str, e: &ParseBip39Error) -> CliError {
    let hint = match e {
        ParseBip39Error::Empty => {
            "write the 12 to 24 words of the BIP-39 phrase, separated by spaces".to_string()
        }
        ParseBip39Error::WordCount { .. } => {
            "check for a missing or extra word; a BIP-39 phrase has 12, 15, 18, 21 or 24 words".to_string()
        }
        ParseBip39Error::UnknownWord {
            position,
            suggestions,
        } => format!(
            "compare word {position} with your backup{}; each word may be written whole or by its first 4 letters",
            crate::output::closest_words(suggestions)
        ),
        ParseBip39Error::Checksum => {
            "compare every word and their order with your backup; the last word carries the checksum".to_string()
        }
        ParseBip39Error::NotEnglish { .. } => {
            "seedshard backs up English phrases only; the same entropy in English words would be a different wallet, so do not translate the phrase".to_string()
        }
        ParseBip39Error::LooksLikeSlip39Share { .. } => {
            "to recover a secret from SLIP-39 shares use `seedshard combine FILE`; to see which wallet they open use `seedshard verify FILE`".to_string()
        }
        _ => "check the phrase against your backup".to_string(),
    };
    CliError::input(format!("BIP-39 phrase ({source}): {e}"), hint)
}

/// The error for a share line that does not parse: says so when the line is a BIP-39 phrase,
/// else defers to the general share error.
pub fn share_error(number: usize, origin: &Origin, line: &str, e: &ParseShareError) -> CliError {
    match classify(line) {
        kind @ (MnemonicKind::Bip39 { .. } | MnemonicKind::Bip39OtherLanguage { .. }) => {
            CliError::input(
                format!(
                    "share {number} ({origin}) looks like {}, not a SLIP-39 share",
                    kind.describe()
                ),
                "to back up a BIP-39 phrase use `seedshard split --bip39-file FILE --bip39-mode entropy`; \
                 to see its wallet use `seedshard verify --bip39-file FILE`",
            )
        }
        _ => crate::output::parse_error(number, origin, e),
    }
}

/// Reads the BIP-39 passphrase from a file, or prompts for it on a terminal when `prompt`
/// (twice when `confirm`), or takes the empty passphrase.
pub fn read_bip39_passphrase(
    inputs: &mut Inputs,
    file: Option<&Path>,
    prompt: bool,
    confirm: bool,
) -> CliResult<Bip39Passphrase> {
    let text = match file {
        Some(path) => {
            let mut text = inputs.read_text(path)?;
            if text.ends_with('\n') {
                text.pop();
                if text.ends_with('\r') {
                    text.pop();
                }
            }
            text
        }
        None if prompt && interactive() => {
            let ask = |p: &str| {
                rpassword::prompt_password(p)
                    .map(Zeroizing::new)
                    .map_err(|e| {
                        CliError::input(
                            format!(
                                "cannot read the BIP-39 passphrase from the terminal: {}",
                                crate::io::io_reason(&e)
                            ),
                            "use --bip39-passphrase-file FILE instead",
                        )
                    })
            };
            let first = ask(
                "BIP-39 passphrase (the optional \"25th word\" of the phrase, not the SLIP-39 one; press Enter for none): ",
            )?;
            if confirm {
                let second = ask("BIP-39 passphrase again: ")?;
                if *first != *second {
                    return Err(CliError::input(
                        "the two BIP-39 passphrases differ",
                        "run the command again and type the same BIP-39 passphrase twice",
                    ));
                }
            }
            first
        }
        None => return Ok(Bip39Passphrase::empty()),
    };
    Ok(Bip39Passphrase::new(String::clone(&text)))
}

/// Writes the readings for people (see [`seedshard::describe::backup::readings_lines`]).
pub fn write_readings(
    out: &mut impl Write,
    readings: &[Reading],
    full: bool,
) -> std::io::Result<()> {
    for line in describe::readings_lines(readings, full) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// Writes wallet facts, one per line, indented by `indent`.
pub fn write_facts(
    out: &mut impl Write,
    f: &WalletFacts,
    full: bool,
    indent: &str,
) -> std::io::Result<()> {
    for line in describe::fact_lines(f, full) {
        writeln!(out, "{indent}{line}")?;
    }
    Ok(())
}

/// Applies an expectation: the index of the matching reading, or exit 1 when none matches.
pub fn check_expectation(
    readings: &[Reading],
    expectation: Option<&Expectation>,
) -> CliResult<Option<usize>> {
    matching(readings, expectation).map_err(|()| {
        let want = expectation.expect("only an expectation can fail to match");
        CliError::check_failed(
            describe::no_match(readings, want),
            "a wrong SLIP-39 or BIP-39 passphrase opens a different wallet: check both, the --network, \
             and that the shares come from the right set",
        )
    })
}

/// One line saying which reading matched.
pub fn matched_line(readings: &[Reading], index: usize) -> String {
    describe::matched_line(readings, index)
}
