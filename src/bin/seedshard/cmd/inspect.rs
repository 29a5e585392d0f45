//! `seedshard inspect`: the public fields of one share (set, group, member, thresholds,
//! length, iteration exponent, extendable flag). Nothing secret is shown and no other share
//! is needed.

use std::io::Write;
use std::path::PathBuf;

use seedshard::report::recovery::InspectReport;
use seedshard::slip39::recovery::PublicFields;

use crate::cli::InspectArgs;
use zeroize::Zeroizing;

use crate::error::{CliError, CliResult};
use crate::io::{interactive, Inputs};
use crate::pile::{failed_share, Gathered};

/// Runs `inspect`.
pub fn run(args: &InspectArgs) -> CliResult {
    // The notes go to standard output: worked-out words only when that is a terminal (never
    // with --json, whose report gives positions only).
    let show_words = !args.json && crate::pile::words_to_stdout();
    let mut inputs = Inputs::default();
    let g: Gathered = if args.input.is_none() && interactive() {
        // On a terminal: ask for the share without echo.
        let line = rpassword::prompt_password("share (not shown as you type): ")
            .map(Zeroizing::new)
            .map_err(|e| {
                CliError::input(
                    format!("cannot read the share from the terminal: {e}"),
                    "give the share in a file instead: seedshard inspect share.txt",
                )
            })?;
        let mut g = Gathered::default();
        if !line.trim().is_empty() {
            g.add_items(&[(line.as_str(), "typed share".to_string())])?;
        }
        g
    } else {
        let paths: Vec<PathBuf> = args.input.iter().cloned().collect();
        Gathered::read_files(&mut inputs, &paths, "inspect")?
    };
    if g.pile.items().len() != 1 {
        return Err(CliError::input(
            format!(
                "the input holds {} shares; inspect reads exactly one",
                g.pile.items().len()
            ),
            "put one share in the file, or use `seedshard check` for several",
        ));
    }
    let entry = match g.first_failure(show_words) {
        None => g.pile.items()[0].read().expect("not a failure"),
        Some((label, lines)) => {
            return Err(CliError::input(
                format!("share ({label}): {}", failed_share(&lines)),
                "compare the words with the card; write ? for a word you cannot read",
            ));
        }
    };
    let share = g.pile.recovery().entries()[entry].share();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        return crate::output::write_json(&mut out, &InspectReport::of(&g.pile, entry));
    }
    writeln!(out, "{}", PublicFields::of(share)).map_err(crate::write_error)?;
    for line in &seedshard::describe::recovery::entry_repairs(&g.pile, entry, show_words) {
        writeln!(out, "note: {line}").map_err(crate::write_error)?;
    }
    out.flush().map_err(crate::write_error)
}
