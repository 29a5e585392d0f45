//! `seedshard rollcall`: a card's roll-call code, or the owner's comparison of the codes
//! holders read out with the ones kept since the split.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use seedshard::rollcall::{roll_call, Answer, Expected, RollCallCode};
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
        let mut limits = crate::limits::ShareLimits::default();
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
        let mut limits = crate::limits::ShareLimits::default();
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
    let mut write_all = || -> std::io::Result<()> {
        let mut last_set = None;
        for s in &shares {
            if last_set != Some(s.identifier()) {
                writeln!(
                    out,
                    "# roll-call codes of set {} (read yours to the owner; it does not reveal the card)",
                    s.identifier().short_name()
                )?;
                last_set = Some(s.identifier());
            }
            writeln!(
                out,
                "{}.{} {}",
                s.group_index() + 1,
                s.member_index() + 1,
                RollCallCode::of(s)
            )?;
        }
        out.flush()
    };
    write_all().map_err(crate::write_error)
}

/// Reads the expected codes from a split/extend JSON document or a codes file.
fn read_sheet(inputs: &mut Inputs, path: &std::path::Path) -> CliResult<Vec<Expected>> {
    let name = display_name(path);
    let text = inputs.read_text(path)?;
    let bad = |what: String| {
        CliError::input(
            format!("{name}: {what}"),
            "give the JSON of `split --json` or `extend --json`, or the codes `seedshard rollcall` printed (G.M word word word word [NAME] a line)",
        )
    };
    let mut out = Vec::new();
    if text.trim_start().starts_with('{') {
        let v: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| bad(format!("not valid JSON ({e})")))?;
        let groups = v["groups"]
            .as_array()
            .ok_or_else(|| bad("no \"groups\" list".into()))?;
        for (gi, g) in groups.iter().enumerate() {
            let codes = g["rollcall"]
                .as_array()
                .ok_or_else(|| bad(format!("group {} has no \"rollcall\" list", gi + 1)))?;
            for (mi, c) in codes.iter().enumerate() {
                let code = c
                    .as_str()
                    .and_then(|c| RollCallCode::parse(c).ok())
                    .ok_or_else(|| {
                        bad(format!(
                            "group {} code {} is not a roll-call code",
                            gi + 1,
                            mi + 1
                        ))
                    })?;
                out.push(Expected {
                    group: gi as u8,
                    member: mi as u8,
                    holder: None,
                    code,
                });
            }
        }
    } else {
        for (i, line) in text.lines().enumerate() {
            let content = line.split('#').next().unwrap_or("").trim();
            if content.is_empty() {
                continue;
            }
            let tokens: Vec<&str> = content.split_whitespace().collect();
            let share = tokens.first().and_then(|t| share_number(t));
            let (Some((group, member)), true) = (share, tokens.len() >= 5) else {
                return Err(bad(format!(
                    "line {} is not G.M followed by the 4 words of a code",
                    i + 1
                )));
            };
            let code = RollCallCode::parse(&tokens[1..5].join(" "))
                .map_err(|e| bad(format!("line {}: {e}", i + 1)))?;
            let holder = (tokens.len() > 5).then(|| tokens[5..].join(" "));
            out.push(Expected {
                group,
                member,
                holder,
                code,
            });
        }
    }
    if out.is_empty() {
        return Err(bad("no expected codes".into()));
    }
    Ok(out)
}

/// "2.3" as 0-based (group, member).
fn share_number(text: &str) -> Option<(u8, u8)> {
    let (g, m) = text.trim_end_matches(':').split_once('.')?;
    let g: u8 = g.parse().ok()?;
    let m: u8 = m.parse().ok()?;
    ((1..=16).contains(&g) && (1..=16).contains(&m)).then_some((g - 1, m - 1))
}

/// Parses one answer line: `[G.M|NAME][:] word word word word`.
fn parse_answer(line: &str, expected: &[Expected], where_: &str) -> CliResult<Answer> {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    let hint = "write each answer as the 4 words of the code, optionally after the share number or the holder's name (2.3 word word word word)";
    if tokens.len() < 4 {
        return Err(CliError::input(
            format!("{where_}: a roll-call code has 4 words"),
            hint,
        ));
    }
    let split = tokens.len() - 4;
    let code = RollCallCode::parse(&tokens[split..].join(" "))
        .map_err(|e| CliError::input(format!("{where_}: {e}"), hint))?;
    let share = if split == 0 {
        None
    } else {
        let label = tokens[..split].join(" ");
        let label = label.trim_end_matches(':').trim();
        match share_number(label) {
            Some(s) => Some(s),
            None => match expected
                .iter()
                .find(|e| e.holder.as_deref().is_some_and(|h| h.eq_ignore_ascii_case(label)))
            {
                Some(e) => Some((e.group, e.member)),
                None => {
                    return Err(CliError::input(
                        format!("{where_}: {label} is neither a share number (2.3) nor a holder named on the sheet"),
                        hint,
                    ))
                }
            },
        }
    };
    Ok(Answer { share, code })
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
