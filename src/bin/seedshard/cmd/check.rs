//! `seedshard check`: check a pile of shares without recovering the secret: each share's
//! checksum, set, group and member, whether it fits the others, and whether the set recovers.
//!
//! Also the share reading shared by `check`, `inspect`, `reissue` and `extend`, and the
//! notes `combine` shows: lenient (a word may be `?`, damaged words are worked out and
//! shown) and accumulating.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use seedshard::slip39::recovery::{RepairNote, SetOutcome, TextError};
use seedshard::slip39::repair::{Candidate, ShareWords};
use seedshard::slip39::wordlist;
use seedshard::{Recovery, Share, ShareStatus};

use crate::cli::CheckArgs;
use crate::error::{CliError, CliResult, EXIT_CHECK_FAILED};
use crate::io::{display_name, interactive, Inputs};
use crate::limits::ShareLimits;
use crate::output;
use serde::Serialize;

/// Shares read leniently into a recovery, with the lines that could not be read.
#[derive(Default)]
pub struct Gathered {
    /// The accepted shares.
    pub rec: Recovery,
    /// Per accepted entry (indexed by entry), what to tell the person about it (repairs).
    pub notes: Vec<Vec<String>>,
    /// Lines that are not shares, with what is wrong: (label, message lines).
    pub failed: Vec<(String, Vec<String>)>,
    /// The input order of everything read: `Ok(entry)` or `Err(index into failed)`.
    pub order: Vec<Result<usize, usize>>,
    /// The mode recorded in the files' `# seedshard: mode=` lines, if any.
    pub mode: Option<crate::io::ShareMode>,
    /// What was read, counted against the limits of every command that reads shares.
    pub limits: ShareLimits,
}

/// True when worked-out share words may be written to standard output (a terminal), as
/// opposed to positions only (a pipe or file, which may be logged).
pub fn words_to_stdout() -> bool {
    std::io::stdout().is_terminal()
}

/// True when worked-out share words may be written to standard error (a terminal).
pub fn words_to_stderr() -> bool {
    std::io::stderr().is_terminal()
}

/// Reads every share line of `paths` (stdin when empty and not a terminal), all together
/// under the one rule for files ([`Recovery::add_texts`]). The notes show worked-out words
/// only when `show_words` (their destination is a terminal); otherwise positions only.
pub fn gather(
    inputs: &mut Inputs,
    paths: &[PathBuf],
    command: &str,
    show_words: bool,
) -> CliResult<Gathered> {
    let paths: Vec<PathBuf> = if paths.is_empty() {
        if interactive() {
            return Err(CliError::input(
                "no share files were given",
                format!(
                    "name files with one share a line, or pipe them in: seedshard {command} - < shares.txt"
                ),
            ));
        }
        vec![PathBuf::from("-")]
    } else {
        paths.to_vec()
    };
    let mut texts = Vec::with_capacity(paths.len());
    for path in &paths {
        texts.push((display_name(path), inputs.read_text(path)?));
    }
    let mut found = Vec::new();
    for (name, text) in &texts {
        for item in seedshard::slip39::text::share_texts(text) {
            let label = format!("{name} line {}", item.line);
            found.push((item, label));
        }
    }
    let lines: Vec<(&str, String)> = found
        .iter()
        .map(|(item, label)| (item.words.as_str(), label.clone()))
        .collect();
    let mut g = Gathered {
        mode: crate::io::share_mode(texts.iter().map(|(n, t)| (n.as_str(), t.as_str())))?,
        ..Gathered::default()
    };
    add_lines(&mut g, &lines, show_words)?;
    Ok(g)
}

/// Adds lines of share text to `g` (see [`gather`]).
///
/// # Errors
///
/// Past the limits of every command that reads shares ([`crate::limits`]), checked in input
/// order before any work: every line counts, and a share read whole counts its set.
pub fn add_lines(g: &mut Gathered, lines: &[(&str, String)], show_words: bool) -> CliResult {
    let first = g.order.len();
    for (k, (content, label)) in lines.iter().enumerate() {
        let numbered = format!("share {} ({label})", first + k + 1);
        g.limits.admit_text(content, &numbered)?;
    }
    let results = g.rec.add_texts(lines.iter().map(|(t, l)| (*t, l.clone())));
    g.notes.resize(g.rec.entries().len(), Vec::new());
    for ((content, label), result) in lines.iter().zip(results) {
        match result {
            Ok(added) => {
                g.notes[added.entry] = added
                    .note
                    .as_ref()
                    .map(|n| {
                        describe_note(content, g.rec.entries()[added.entry].share(), n, show_words)
                    })
                    .unwrap_or_default();
                g.order.push(Ok(added.entry));
            }
            Err(e) => {
                g.failed
                    .push((label.clone(), describe_text_error(content, &e, show_words)));
                g.order.push(Err(g.failed.len() - 1));
            }
        }
    }
    Ok(())
}

/// Appended where a worked-out word is left out because the output is not a terminal.
pub const WORD_HIDDEN: &str = " (the word is shown only when the output is a terminal)";

fn upper(index: u16) -> String {
    wordlist::word(index).to_uppercase()
}

/// What was done to a share's words, one line each, for the person to compare with the card.
/// With `show_words` false (the lines go to a pipe or file), positions only: the worked-out
/// words are usually the card's, so they are never written where output may be logged.
pub fn describe_note(
    typed: &str,
    share: &Share,
    note: &RepairNote,
    show_words: bool,
) -> Vec<String> {
    let read = ShareWords::parse(typed, true).ok();
    let idx = share.to_indices();
    let gives = |i: usize| {
        if show_words {
            format!(
                "the checksum gives {}: compare with the card",
                upper(idx[i])
            )
        } else {
            format!("the checksum works it out{WORD_HIDDEN}")
        }
    };
    let mut out = Vec::new();
    for &p in &note.from_other_shares {
        out.push(if show_words {
            format!(
                "word {p} was unreadable; every share of this set has {} there (from the other shares): compare with the card",
                upper(idx[p - 1])
            )
        } else {
            format!(
                "word {p} was unreadable; it is taken from the other shares of the set, which all have the same word there{WORD_HIDDEN}"
            )
        });
    }
    if let Some(p) = note.extra_word {
        let was = read.as_ref().and_then(|r| r.get(p)).filter(|_| show_words);
        out.push(format!(
            "word {p}{} is one word too many: the share fits the checksum without it{}",
            was.map(|w| format!(" ({})", upper(w))).unwrap_or_default(),
            if show_words {
                ": compare with the card"
            } else {
                ""
            }
        ));
    }
    for fix in &note.fixes {
        let p = fix.position;
        if note.missing_word == Some(p) {
            out.push(format!(
                "a word is missing before word {p} as typed; {}",
                gives(p - 1)
            ));
            continue;
        }
        // Positions after a removed word are those of the repaired share.
        let typed_p = match note.extra_word {
            Some(x) if p >= x => p + 1,
            _ => p,
        };
        let sp = fix.position;
        let p = typed_p;
        let was = read.as_ref().and_then(|r| r.get(p));
        let line = match (fix.was_unreadable, was) {
            (true, _) if note.unknown_words.contains(&p) => {
                format!("word {p} is not a SLIP-39 word; {}", gives(sp - 1))
            }
            (true, _) => format!("word {p} was unreadable; {}", gives(sp - 1)),
            (false, Some(w)) if show_words => format!(
                "word {p} reads {} but the checksum points at it and gives {}: compare with the card",
                upper(w),
                upper(idx[sp - 1])
            ),
            (false, _) if show_words => format!(
                "word {p} is wrong; the checksum gives {}: compare with the card",
                upper(idx[sp - 1])
            ),
            (false, _) => format!(
                "word {p} is wrong: the checksum points at it and works out another word{WORD_HIDDEN}"
            ),
        };
        out.push(line);
    }
    if note.chosen_by_other_shares {
        out.push(
            "the checksum allowed two readings; the other shares of the set decided between them"
                .to_string(),
        );
    }
    if note.checksum_used() >= seedshard::slip39::repair::MAX_ERASURES {
        out.push(
            "working these out used up the whole checksum: nothing checked the share's other words"
                .to_string(),
        );
    }
    out
}

/// The error text for a share that could not be read: the first line of
/// [`describe_text_error`] (positions only); candidate readings, which show words, go to
/// standard error as notes for the person to compare with the card.
pub fn failed_share(lines: &[String]) -> String {
    for l in &lines[1..] {
        eprintln!("note: {l}");
    }
    lines[0].clone()
}

/// What is wrong with share text that could not be added, with candidates when several
/// corrections fit.
pub fn describe_text_error(typed: &str, e: &TextError, show_words: bool) -> Vec<String> {
    use seedshard::bip39::{classify, MnemonicKind};
    if !matches!(e, TextError::Ambiguous(_)) {
        if let kind @ (MnemonicKind::Bip39 { .. } | MnemonicKind::Bip39OtherLanguage { .. }) =
            classify(typed)
        {
            return vec![format!(
                "this looks like {}, not a SLIP-39 share",
                kind.describe()
            )];
        }
    }
    let mut out = vec![e.to_string()];
    if let TextError::Ambiguous(cands) = e {
        for (k, c) in cands.iter().enumerate() {
            out.push(format!(
                "reading {}: {}",
                k + 1,
                describe_candidate(typed, c, show_words)
            ));
        }
    }
    out
}

fn describe_candidate(typed: &str, c: &Candidate, show_words: bool) -> String {
    let read = ShareWords::parse(typed, true).ok();
    let mut parts: Vec<String> = Vec::new();
    if let Some(r) = c.removed {
        parts.push(format!("without word {r}"));
    }
    parts.extend(c.fixes.iter().map(|f| {
        if !show_words {
            return if c.inserted == Some(f.position) {
                format!("a word put back as word {}", f.position)
            } else if f.was_unreadable {
                format!("word {} worked out", f.position)
            } else {
                format!("word {} changed", f.position)
            };
        }
        let now = c.word(f.position).to_uppercase();
        match read.as_ref().and_then(|r| r.get(f.position)) {
            Some(w) if !f.was_unreadable => {
                format!("word {} {} instead of {}", f.position, now, upper(w))
            }
            _ if c.inserted == Some(f.position) => {
                format!("{} put back as word {}", now, f.position)
            }
            _ => format!("word {} {}", f.position, now),
        }
    }));
    let words = if show_words { "" } else { WORD_HIDDEN };
    format!(
        "{} (set {}){words}",
        parts.join(", "),
        c.share.identifier().short_name()
    )
}

/// "set MAUVE CORAL, group 2, member 3" (group omitted for one-group sets).
pub fn where_in_set(share: &Share) -> String {
    let group = if share.group_count() > 1 {
        format!(", group {}", u16::from(share.group_index()) + 1)
    } else {
        String::new()
    };
    format!(
        "set {}{group}, member {}",
        share.identifier().short_name(),
        u16::from(share.member_index()) + 1
    )
}

/// One share in `check --json` (positions and public fields only, never words).
#[derive(Serialize)]
struct ShareJson {
    number: usize,
    source: String,
    /// fits, waiting, disagrees, group_disagrees, unresolved, duplicate, other_set, unusable
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    set: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    member: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    duplicate_of: Option<usize>,
    /// Words worked out or corrected: {"position": p, "kind": unreadable|wrong|missing|extra|from_other_shares}.
    repaired: Vec<RepairJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

#[derive(Serialize)]
struct RepairJson {
    position: usize,
    kind: &'static str,
}

#[derive(Serialize)]
struct GroupJson {
    group: u16,
    have: u8,
    need: u8,
}

#[derive(Serialize)]
struct SetJson {
    set: String,
    identifier: u16,
    group_threshold: u8,
    group_count: u8,
    complete_groups: u8,
    groups: Vec<GroupJson>,
}

#[derive(Serialize)]
struct CheckJson {
    shares: Vec<ShareJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    set: Option<SetJson>,
    other_sets: Vec<OtherSetJson>,
    recovers: bool,
    /// Worked-out words in the shares used that nothing confirms (no digest).
    unconfirmed: Vec<UnconfirmedJson>,
    problems: usize,
}

#[derive(Serialize)]
struct UnconfirmedJson {
    share: usize,
    positions: Vec<usize>,
    checksum_spent: bool,
}

#[derive(Serialize)]
struct OtherSetJson {
    set: String,
    shares: Vec<usize>,
}

fn repairs_json(note: Option<&RepairNote>) -> Vec<RepairJson> {
    let Some(n) = note else {
        return Vec::new();
    };
    let mut out: Vec<RepairJson> = n
        .from_other_shares
        .iter()
        .map(|&position| RepairJson {
            position,
            kind: "from_other_shares",
        })
        .collect();
    out.extend(n.extra_word.map(|position| RepairJson {
        position,
        kind: "extra",
    }));
    out.extend(n.fixes.iter().map(|f| RepairJson {
        position: f.position,
        kind: if n.missing_word == Some(f.position) {
            "missing"
        } else if f.was_unreadable {
            "unreadable"
        } else {
            "wrong"
        },
    }));
    out
}

/// Runs `check`.
pub fn run(args: &CheckArgs) -> CliResult {
    // The report goes to standard output: worked-out words only when that is a terminal.
    let show_words = !args.json && words_to_stdout();
    let mut inputs = Inputs::default();
    let mut g = if args.inputs.is_empty() && !args.scan.is_empty() {
        Gathered::default()
    } else {
        gather(&mut inputs, &args.inputs, "check", show_words)?
    };
    for scanned in crate::cmd::cards::scan_shares(&args.scan)? {
        let label = format!("share {} ({})", g.order.len() + 1, scanned.origin.source);
        g.limits.admit(&scanned.share, &label)?;
        let added = g.rec.add(scanned.share, scanned.origin.source);
        g.notes.resize(g.rec.entries().len(), Vec::new());
        g.order.push(Ok(added.entry));
    }
    if g.order.is_empty() {
        return Err(CliError::input(
            "the input holds no shares",
            "put one share a line; lines starting with # are comments",
        ));
    }
    let analysis = g.rec.analyze();
    let entries = g.rec.entries();
    let mut report: Vec<String> = Vec::new();
    let mut json: Vec<ShareJson> = Vec::new();
    let mut problems = g.failed.len();
    for (n, item) in g.order.iter().enumerate() {
        let number = n + 1;
        match *item {
            Err(k) => {
                let (label, lines) = &g.failed[k];
                json.push(ShareJson {
                    number,
                    source: label.clone(),
                    status: "unusable",
                    set: None,
                    identifier: None,
                    group: None,
                    member: None,
                    duplicate_of: None,
                    repaired: Vec::new(),
                    error: Some(lines[0].clone()),
                });
                report.push(format!(
                    "share {number} ({label}): not usable: {}",
                    lines[0]
                ));
                report.extend(lines[1..].iter().map(|l| format!("    {l}")));
            }
            Ok(entry) => {
                let e = &entries[entry];
                let share = e.share();
                let status = analysis.status[entry];
                let verdict = match status {
                    ShareStatus::Fits => "fits the other shares".to_string(),
                    ShareStatus::Waiting => {
                        "too few shares of its group to check it against the others".to_string()
                    }
                    ShareStatus::Disagrees => {
                        "DOES NOT FIT the other shares of its group: it is mistyped, damaged or from a different split".to_string()
                    }
                    ShareStatus::GroupDisagrees => {
                        "its group DOES NOT FIT the other groups".to_string()
                    }
                    ShareStatus::Unresolved => {
                        "its group's shares do not fit together; add another share of the group to find which is wrong".to_string()
                    }
                    ShareStatus::Duplicate { of } => {
                        let first = g
                            .order
                            .iter()
                            .position(|o| *o == Ok(of))
                            .map_or(of + 1, |p| p + 1);
                        format!("the same share as share {first}; ignored")
                    }
                    ShareStatus::OtherSet => "another set: set aside".to_string(),
                    _ => "unknown".to_string(),
                };
                let number_of = |of: usize| {
                    g.order
                        .iter()
                        .position(|o| *o == Ok(of))
                        .map_or(of + 1, |p| p + 1)
                };
                json.push(ShareJson {
                    number,
                    source: e.source().to_string(),
                    status: match status {
                        ShareStatus::Fits => "fits",
                        ShareStatus::Waiting => "waiting",
                        ShareStatus::Disagrees => "disagrees",
                        ShareStatus::GroupDisagrees => "group_disagrees",
                        ShareStatus::Unresolved => "unresolved",
                        ShareStatus::Duplicate { .. } => "duplicate",
                        ShareStatus::OtherSet => "other_set",
                        _ => "unknown",
                    },
                    set: Some(share.identifier().short_name()),
                    identifier: Some(share.identifier().get()),
                    group: Some(u16::from(share.group_index()) + 1),
                    member: Some(u16::from(share.member_index()) + 1),
                    duplicate_of: match status {
                        ShareStatus::Duplicate { of } => Some(number_of(of)),
                        _ => None,
                    },
                    repaired: repairs_json(e.note()),
                    error: None,
                });
                if status.is_problem() || !g.notes[entry].is_empty() {
                    problems += 1;
                }
                let checksum = if g.notes[entry].is_empty() {
                    "checksum ok"
                } else {
                    "checksum ok once repaired as below"
                };
                report.push(format!(
                    "share {number} ({}): {checksum}; {}: {verdict}",
                    e.source(),
                    where_in_set(share)
                ));
                report.extend(g.notes[entry].iter().map(|l| format!("    {l}")));
            }
        }
    }
    if let Some(p) = &analysis.progress {
        report.push(format!(
            "set {} (identifier {}):",
            p.identifier.short_name(),
            p.identifier
        ));
        report.extend(p.lines().into_iter().map(|l| format!("    {l}")));
    }
    for o in &analysis.other_sets {
        let why = if o.same_identifier {
            "same identifier but other parameters: damaged or tampered"
        } else {
            "another set"
        };
        let nums: Vec<String> = o
            .entries
            .iter()
            .filter_map(|e| g.order.iter().position(|x| *x == Ok(*e)))
            .map(|p| (p + 1).to_string())
            .collect();
        report.push(format!(
            "set {} ({why}): share{} {} set aside",
            o.name,
            if nums.len() == 1 { "" } else { "s" },
            nums.join(", ")
        ));
    }
    let number_of_entry = |entry: usize| {
        g.order
            .iter()
            .position(|o| *o == Ok(entry))
            .map_or(entry + 1, |p| p + 1)
    };
    let unconfirmed: Vec<String> = analysis
        .unconfirmed
        .iter()
        .map(|u| format!("share {}: {u}", number_of_entry(u.entry)))
        .collect();
    let confirm = if analysis.digest_checked {
        "; the digest confirms the shares used".to_string()
    } else if unconfirmed.is_empty() {
        " (the shares used have a threshold of 1, so there is no digest to confirm them)"
            .to_string()
    } else {
        format!(
            ", but only with worked-out words that nothing confirms: {}; they are confirmed by a \
             further share of the set, by `seedshard combine --expect-fingerprint` or \
             `--expect-address` with the wallet's fingerprint or an address, or by typing the \
             share at a terminal with `seedshard combine` and confirming each word against the card",
            unconfirmed.join("; ")
        )
    };
    let (result, recovers) = match analysis.outcome {
        SetOutcome::Recovers => (format!("the set recovers{confirm}"), true),
        SetOutcome::RecoversDespiteProblems => (
            format!(
                "the set recovers from the shares that fit{confirm}; the others are named above"
            ),
            true,
        ),
        SetOutcome::GroupsDisagree => (
            "the set does not recover: the groups do not fit together".to_string(),
            false,
        ),
        SetOutcome::NoShares => ("no share could be read".to_string(), false),
        _ => match g.rec.recover() {
            Err(e) => (format!("the set does not recover yet: {e}"), false),
            Ok(_) => ("the set recovers".to_string(), true),
        },
    };
    report.push(format!("result: {result}"));
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        let doc = CheckJson {
            shares: json,
            set: analysis.progress.as_ref().map(|p| SetJson {
                set: p.identifier.short_name(),
                identifier: p.identifier.get(),
                group_threshold: p.group_threshold,
                group_count: p.group_count,
                complete_groups: p.complete_groups,
                groups: p
                    .groups
                    .iter()
                    .map(|gp| GroupJson {
                        group: u16::from(gp.group_index) + 1,
                        have: gp.have,
                        need: gp.need,
                    })
                    .collect(),
            }),
            other_sets: analysis
                .other_sets
                .iter()
                .map(|o| OtherSetJson {
                    set: o.name.clone(),
                    shares: o
                        .entries
                        .iter()
                        .filter_map(|e| g.order.iter().position(|x| *x == Ok(*e)))
                        .map(|p| p + 1)
                        .collect(),
                })
                .collect(),
            recovers,
            unconfirmed: analysis
                .unconfirmed
                .iter()
                .map(|u| UnconfirmedJson {
                    share: number_of_entry(u.entry),
                    positions: u.positions.clone(),
                    checksum_spent: u.checksum_spent,
                })
                .collect(),
            problems,
        };
        output::write_json(&mut out, &doc)?;
    } else {
        for line in &report {
            writeln!(out, "{line}").map_err(crate::write_error)?;
        }
    }
    out.flush().map_err(crate::write_error)?;
    if problems > 0 {
        return Err(CliError::check_failed(
            format!(
                "{problems} share{} attention",
                if problems == 1 { " needs" } else { "s need" }
            ),
            "compare the shares named above with their cards; the words named by position were worked out from the checksum (run `seedshard check` at a terminal to see them)",
        ));
    }
    if args.complete && !recovers {
        return Err(CliError {
            what: "the set does not recover from these shares".into(),
            hint: "add shares from more cards".into(),
            code: EXIT_CHECK_FAILED,
        });
    }
    Ok(())
}
