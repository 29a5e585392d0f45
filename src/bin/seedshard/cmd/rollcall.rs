//! `seedshard rollcall`: a card's roll-call code, or the owner's comparison of the codes
//! holders read out with the ones kept since the split.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use seedshard::rollcall::{roll_call, sheet, Answer, Expected};
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
        let mut out = Vec::new();
        let mut limits = seedshard::slip39::recovery::ShareLimits::default();
        crate::io::parse_share_lines(&line, "typed share", &mut out, &mut limits)?;
        out.into_iter().map(|s| s.share).collect()
    } else {
        let paths: Vec<PathBuf> = if args.inputs.is_empty() {
            vec![PathBuf::from("-")]
        } else {
            args.inputs.clone()
        };
        // A code is of the card as written: nothing is worked out (as for `cards`).
        let mut out = Vec::new();
        let mut limits = seedshard::slip39::recovery::ShareLimits::default();
        for path in &paths {
            let text = inputs.read_text(path)?;
            let name = crate::io::display_name(path);
            crate::io::parse_share_lines(&text, &name, &mut out, &mut limits)?;
        }
        out.into_iter().map(|s| s.share).collect()
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

/// The strings of a JSON list (an entry `None` when it is not a string).
fn strings(v: &serde_json::Value) -> Option<Vec<Option<&str>>> {
    Some(
        v.as_array()?
            .iter()
            .map(serde_json::Value::as_str)
            .collect(),
    )
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
    let v: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| bad(format!("not valid JSON ({e})")))?;
    let groups: Option<Vec<sheet::ReportGroup>> = v["groups"].as_array().map(|groups| {
        groups
            .iter()
            .map(|g| sheet::ReportGroup {
                codes: strings(&g["rollcall"]),
                numbered: g.get("group").is_some(),
                number: g["group"].as_u64(),
                members: g["members"]
                    .as_array()
                    .map(|m| m.iter().map(serde_json::Value::as_u64).collect()),
                holders: strings(&g["holders"]),
            })
            .collect()
    });
    sheet::expected_from_groups(groups.as_deref()).map_err(|e| bad(e.to_string()))
}

/// Parses one answer line: `[G.M|NAME][:] word word word word`.
fn parse_answer(line: &str, expected: &[Expected], where_: &str) -> CliResult<Answer> {
    sheet::parse_answer(line, expected)
        .map_err(|e| CliError::input(format!("{where_}: {e}"), sheet::ANSWER_HINT))
}

/// Compares the answers with the sheet.
fn compare(args: &RollcallArgs, sheet: &std::path::Path) -> CliResult {
    let mut inputs = Inputs::default();
    let expected = read_sheet(&mut inputs, sheet)?;
    let mut answers = Vec::new();
    if args.inputs.is_empty() && interactive() {
        eprintln!("Type each code as read out (optionally after the share number, e.g. 2.3 word word word word); an empty line ends.");
        let stdin = std::io::stdin();
        let mut n = 0;
        loop {
            eprint!("code: ");
            let mut line = String::new();
            if stdin.lock().read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                break;
            }
            n += 1;
            match parse_answer(&line, &expected, &format!("answer {n}")) {
                Ok(a) => answers.push(a),
                Err(e) => {
                    eprintln!("error: {}", e.what);
                    eprintln!("hint: {} (type it again)", e.hint);
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
            let name = display_name(path);
            for (i, line) in text.lines().enumerate() {
                let content = line.split('#').next().unwrap_or("");
                if content.trim().is_empty() {
                    continue;
                }
                answers.push(parse_answer(
                    content,
                    &expected,
                    &format!("{name} line {}", i + 1),
                )?);
            }
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
    if report.all_matching {
        Ok(())
    } else {
        Err(CliError::check_failed(
            format!(
                "{} of {} shares answered and matching",
                report.matching,
                report.shares.len()
            ),
            "call the holders who did not answer or whose code does not match; a mismatch is explained above",
        ))
    }
}
