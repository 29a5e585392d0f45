//! `seedshard check`: check a pile of shares without recovering the secret: each share's
//! checksum, set, group and member, whether it fits the others, and whether the set recovers.

use std::io::Write;

use seedshard::describe::input::NO_SHARES;
use seedshard::describe::recovery as describe;
use seedshard::report::recovery::CheckReport;

use crate::cli::CheckArgs;
use crate::error::{CliError, CliResult, EXIT_CHECK_FAILED};
use crate::io::Inputs;
use crate::output;
use crate::pile::{words_to_stdout, Gathered};

/// Runs `check`.
pub fn run(args: &CheckArgs) -> CliResult {
    // The report goes to standard output: worked-out words only when that is a terminal.
    let show_words = !args.json && words_to_stdout();
    let mut inputs = Inputs::default();
    let mut g = if args.inputs.is_empty() && !args.scan.is_empty() {
        Gathered::default()
    } else {
        Gathered::read_files(&mut inputs, &args.inputs, "check")?
    };
    for (share, source) in crate::scan::scan_shares(&args.scan)? {
        g.add_share(share, source)?;
    }
    if g.pile.is_empty() {
        return Err(CliError::input(NO_SHARES.0, NO_SHARES.1));
    }
    let analysis = g.pile.analyze();
    let report = CheckReport::of(&g.pile, &analysis);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        output::write_json(&mut out, &report)?;
    } else {
        for line in describe::check_lines(&g.pile, &analysis, show_words) {
            writeln!(out, "{line}").map_err(crate::write_error)?;
        }
    }
    out.flush().map_err(crate::write_error)?;
    let problems = report.problems;
    if problems > 0 {
        let (what, hint) = describe::check_problems(problems);
        return Err(CliError::check_failed(what, hint));
    }
    if args.complete && !report.recovers {
        return Err(CliError {
            what: "the set does not recover from these shares".into(),
            hint: "add shares from more cards".into(),
            code: EXIT_CHECK_FAILED,
        });
    }
    Ok(())
}
