//! `seedshard inspect`: the public fields of one share (set, group, member, thresholds,
//! length, iteration exponent, extendable flag). Nothing secret is shown and no other share
//! is needed.

use std::io::Write;
use std::path::PathBuf;

use seedshard::slip39::recovery::PublicFields;

use crate::cli::InspectArgs;
use zeroize::Zeroizing;

use crate::cmd::check::{add_lines, failed_share, gather, Gathered};
use crate::error::{CliError, CliResult};
use crate::io::{interactive, Inputs};

/// Runs `inspect`.
pub fn run(args: &InspectArgs) -> CliResult {
    // The notes go to standard output: worked-out words only when that is a terminal.
    let show_words = crate::cmd::check::words_to_stdout();
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
            add_lines(
                &mut g,
                &[(line.as_str(), "typed share".to_string())],
                show_words,
            )?;
        }
        g
    } else {
        let paths: Vec<PathBuf> = args.input.iter().cloned().collect();
        gather(&mut inputs, &paths, "inspect", show_words)?
    };
    if g.order.len() != 1 {
        return Err(CliError::input(
            format!(
                "the input holds {} shares; inspect reads exactly one",
                g.order.len()
            ),
            "put one share in the file, or use `seedshard check` for several",
        ));
    }
    let entry = match g.order[0] {
        Ok(entry) => entry,
        Err(k) => {
            let (label, lines) = &g.failed[k];
            return Err(CliError::input(
                format!("share ({label}): {}", failed_share(lines)),
                "compare the words with the card; write ? for a word you cannot read",
            ));
        }
    };
    let share = g.rec.entries()[entry].share();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    writeln!(out, "{}", PublicFields::of(share)).map_err(crate::write_error)?;
    for line in &g.notes[entry] {
        writeln!(out, "note: {line}").map_err(crate::write_error)?;
    }
    out.flush().map_err(crate::write_error)
}
