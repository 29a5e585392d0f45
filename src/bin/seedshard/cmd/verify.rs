//! `seedshard verify`: show which wallet shares, a master secret or a BIP-39 phrase open.

use std::io::Write;

use seedshard::describe::backup as describe;
use seedshard::report::backup::VerifyReport;
use seedshard::wallet::{readings, WalletFacts};

use crate::bridge;
use crate::cli::VerifyArgs;
use crate::error::{CliError, CliResult};
use crate::io::Inputs;
use crate::output;
use seedshard::report::backup::{readings_report, ReadingReport, WalletFactsReport};

/// Runs `verify`.
pub fn run(args: &VerifyArgs) -> CliResult {
    let (network, expectation) = bridge::wallet(&args.wallet)?;
    let mut inputs = Inputs::default();

    if let Some(path) = &args.bip39_file {
        let phrase = bridge::read_phrase(&mut inputs, Some(path))?;
        let pass = bridge::read_bip39_passphrase(
            &mut inputs,
            args.bip39_passphrase_file.as_deref(),
            false,
            false,
        )?;
        let facts = WalletFacts::from_bip39(&phrase, &pass, network);
        let sentence = describe::phrase_sentence(phrase.word_count(), !pass.is_empty(), &facts);
        if let Some(want) = &expectation {
            if !want.matches(&facts) {
                let (what, hint) = describe::phrase_mismatch(&facts);
                return Err(CliError::check_failed(what, hint));
            }
        }
        return print(
            args,
            "bip39",
            vec![ReadingReport {
                kind: "bip39",
                sentence: sentence.clone(),
                wallet: WalletFactsReport::new(&facts),
            }],
            expectation.as_ref().map(|_| "bip39"),
            |out| {
                writeln!(out, "{sentence}.")?;
                bridge::write_facts(out, &facts, true, "  ")?;
                if expectation.is_some() {
                    writeln!(out, "{}", describe::phrase_matched_line(&facts))?;
                }
                Ok(())
            },
        );
    }

    let mut unconfirmed = None;
    let (secret, source) = match &args.secret_file {
        Some(path) => (inputs.read_secret_hex(path)?, "secret"),
        None => {
            // The same reading of shares as `combine`: strays set aside, duplicates ignored,
            // damaged words worked out and shown; typed in on a terminal when no file is named.
            // Worked-out words that nothing confirms: only a matching wallet can.
            let g = crate::cmd::combine::gather(&mut inputs, &args.inputs, &[], true)?;
            if let (Some(u), None) = (&g.unconfirmed, &expectation) {
                return Err(u.error());
            }
            let ems = g.ems;
            unconfirmed = g.unconfirmed;
            let passphrase = inputs.slip39_passphrase(
                args.passphrase_file.as_deref(),
                crate::io::PassphrasePurpose::Recovery,
            )?;
            let secret = crate::cmd::combine::decrypt(&ems, &passphrase);
            (secret, "shares")
        }
    };
    let pass = bridge::read_bip39_passphrase(
        &mut inputs,
        args.bip39_passphrase_file.as_deref(),
        false,
        false,
    )?;
    let all = readings(&secret, &pass, network);
    drop(secret);
    let matched = match bridge::check_expectation(&all, expectation.as_ref()) {
        Ok(m) => m,
        Err(mut e) => {
            // Show what the secret does open, to help find the mistake.
            let mut err = std::io::stderr().lock();
            let _ = bridge::write_readings(&mut err, &all, false);
            if let Some(u) = &unconfirmed {
                e.hint = format!("{}; or {}", u.mismatch_hint(), e.hint);
            }
            return Err(e);
        }
    };
    print(
        args,
        source,
        readings_report(&all, WalletFactsReport::new),
        matched.map(|i| all[i].kind().as_str()),
        |out| {
            bridge::write_readings(out, &all, true)?;
            if let Some(i) = matched {
                writeln!(out, "{}", bridge::matched_line(&all, i))?;
            }
            Ok(())
        },
    )
}

fn print(
    args: &VerifyArgs,
    source: &'static str,
    readings: Vec<ReadingReport<WalletFactsReport>>,
    matched: Option<&'static str>,
    human: impl FnOnce(&mut std::io::StdoutLock<'static>) -> std::io::Result<()>,
) -> CliResult {
    let mut out = std::io::stdout().lock();
    if args.json {
        return output::write_json(&mut out, &VerifyReport::new(source, readings, matched));
    }
    human(&mut out)
        .and_then(|()| out.flush())
        .map_err(crate::write_error)
}
