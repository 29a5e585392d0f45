//! `seedshard rollcall`: a card's roll-call code, or the owner's comparison of the codes
//! holders read out with the ones kept since the split.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use seedshard::describe;
use seedshard::rollcall::{roll_call, sheet, Expected};
use seedshard::Share;
use zeroize::Zeroizing;

use crate::cli::RollcallArgs;
use crate::error::{CliError, CliResult};
use crate::io::{display_name, interactive, Inputs};
use crate::output;

/// Runs `rollcall`.
pub fn run(args: &RollcallArgs) -> CliResult {
    match &args.sheet {
        Some(sheet) => compare(args, sheet),
        None => codes(args),
    }
}

/// Prints the code of each share given.
fn codes(args: &RollcallArgs) -> CliResult {
    let mut inputs = Inputs::default();
    let shares: Vec<Share> = if args.inputs.is_empty() && interactive() {
        let line = rpassword::prompt_password("share (not shown as you type): ")
            .map(Zeroizing::new)
            .map_err(|e| {
                CliError::input(
                    format!("cannot read the share from the terminal: {e}"),
                    "give the share in a file instead: seedshard rollcall share.txt",
                )
            })?;
        crate::io::whole_shares([("typed share", line.as_str())])?
    } else {
        let paths: Vec<PathBuf> = if args.inputs.is_empty() {
            vec![PathBuf::from("-")]
        } else {
            args.inputs.clone()
        };
        // A code is of the card as written: nothing is worked out (as for `cards`).
        let texts = crate::pile::read_texts(&mut inputs, &paths)?;
        crate::io::whole_shares(texts.iter().map(|(n, t)| (n.as_str(), t.as_str())))?
    };
    if shares.is_empty() {
        return Err(CliError::input(
            "the input holds no share",
            "give the words of the card, one share a line",
        ));
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        return output::write_json(
            &mut out,
            &seedshard::report::backup::CodesReport::new(&shares),
        );
    }
    output::write_lines(&mut out, &sheet::codes_file_lines(&shares))
        .and_then(|()| out.flush())
        .map_err(crate::write_error)
}

/// Reads the expected codes from a split, extend, cards or reissue JSON document or a codes
/// file.
fn read_sheet(inputs: &mut Inputs, path: &std::path::Path) -> CliResult<Vec<Expected>> {
    let name = display_name(path);
    let text = inputs.read_text(path)?;
    let bad = |what: String| CliError::input(format!("{name}: {what}"), sheet::SHEET_HINT);
    if !text.trim_start().starts_with('{') {
        return sheet::parse_codes_file(&text).map_err(|e| bad(e.to_string()));
    }
    let doc: sheet::SheetDocument =
        serde_json::from_str(&text).map_err(|e| bad(format!("not valid JSON ({e})")))?;
    doc.expected().map_err(|e| bad(e.to_string()))
}

/// Compares the answers with the sheet.
fn compare(args: &RollcallArgs, sheet: &std::path::Path) -> CliResult {
    let mut inputs = Inputs::default();
    let expected = read_sheet(&mut inputs, sheet)?;
    let mut answers = Vec::new();
    if args.inputs.is_empty() && interactive() {
        eprintln!("{}", describe::rollcall::ANSWERS_PROMPT);
        let stdin = std::io::stdin();
        let mut n = 0;
        loop {
            eprint!("code: ");
            let mut line = String::new();
            if stdin.lock().read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                break;
            }
            n += 1;
            match sheet::parse_answer(&line, &expected) {
                Ok(a) => answers.push(a),
                Err(e) => {
                    eprintln!("error: answer {n}: {e}");
                    eprintln!("hint: {} (type it again)", sheet::ANSWER_HINT);
                    n -= 1;
                }
            }
        }
    } else {
        let paths: Vec<PathBuf> = if args.inputs.is_empty() {
            vec![PathBuf::from("-")]
        } else {
            args.inputs.clone()
        };
        for path in &paths {
            let text = inputs.read_text(path)?;
            let found = sheet::parse_answers(&text, &expected).map_err(|e| {
                CliError::input(format!("{} {e}", display_name(path)), sheet::ANSWER_HINT)
            })?;
            answers.extend(found);
        }
    }
    let report = roll_call(&expected, &answers);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        output::write_json(
            &mut out,
            &seedshard::report::backup::Versioned::new(&report),
        )?;
    } else {
        let mut write_all = || -> std::io::Result<()> {
            for line in report.lines() {
                writeln!(out, "{line}")?;
            }
            out.flush()
        };
        write_all().map_err(crate::write_error)?;
    }
    match describe::rollcall::not_all_matching(&report) {
        Some((what, hint)) => Err(CliError::check_failed(what, hint)),
        None => Ok(()),
    }
}
