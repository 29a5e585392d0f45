//! BIP-39 phrases, BIP-39 passphrases, wallet facts and readings, as `split`, `combine` and
//! `verify` read and print them.

use std::io::{IsTerminal, Write};
use std::path::Path;

use seedshard::bip39::{Bip39Mode, Bip39Passphrase, Bip39Phrase, ParseBip39Error};
use seedshard::describe::{backup as describe, input};
use seedshard::wallet::{matching, Expectation, Network, Reading, WalletFacts};
use zeroize::Zeroizing;

use crate::cli::{Bip39ModeArg, NetworkArg, WalletArgs};
use crate::error::{CliError, CliResult};
use crate::io::{display_name, interactive, Inputs};

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
    Expectation::parse(fingerprint, address, network).map_err(|e| {
        let (what, hint) = input::expectation_error(fingerprint, address, network, &e);
        CliError::input(what, hint)
    })
}

/// Reads a BIP-39 phrase from a file (or `-`), or from a no-echo prompt on a terminal; the
/// text is read as [`Bip39Phrase::parse`] reads it (several lines, numbers, `#` comments).
pub fn read_phrase(inputs: &mut Inputs, file: Option<&Path>) -> CliResult<Bip39Phrase> {
    let (text, source) = match file {
        Some(path) => (inputs.read_text(path)?, display_name(path)),
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

/// The error for a phrase that does not parse (the closest words to a mistyped one only
/// when standard error is a terminal).
pub fn phrase_error(source: &str, e: &ParseBip39Error) -> CliError {
    let hint = input::phrase_hint(e, std::io::stderr().is_terminal());
    CliError::input(format!("BIP-39 phrase ({source}): {e}"), hint)
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
        Some(path) => inputs.read_passphrase_text(path)?,
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
        CliError::check_failed(describe::no_match(readings, want), describe::NO_MATCH_HINT)
    })
}

/// One line saying which reading matched.
pub fn matched_line(readings: &[Reading], index: usize) -> String {
    describe::matched_line(readings, index)
}
