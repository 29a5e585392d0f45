//! Sentences of recovery: share statuses, group progress, repairs and what to do next.
//!
//! Worked-out words are usually the card's own, so every function that could name one takes
//! `show_words`: a front end passes `true` only when the text goes to a screen the person
//! reads (a terminal), never to a pipe or a file that may be logged; with `false` the
//! sentences name positions only.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::slip39::recovery::{
    Analysis, Pile, RecoveryError, RepairNote, SetOutcome, ShareStatus, TextError,
};
use crate::slip39::repair::{Candidate, ShareWords, MAX_ERASURES};
use crate::slip39::wordlist;
use crate::{ParseShareError, Share};

/// Appended where a worked-out word is left out because the output is not a terminal.
pub const WORD_HIDDEN: &str = " (the word is shown only when the output is a terminal)";

fn upper(index: u16) -> String {
    wordlist::word(index).to_uppercase()
}

/// One thing done to a share's words, for the person to compare with the card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepairLine {
    /// The word's 1-based position as typed, for a line about one word the person can
    /// confirm against the card; `None` for a line about the share as a whole.
    pub position: Option<usize>,
    /// What was done, in words.
    pub text: String,
}

/// What was done to a share's words (`typed` as read, `share` as worked out), one line each,
/// for the person to compare with the card. Positions are those typed.
pub fn repair_lines(
    typed: &str,
    share: &Share,
    note: &RepairNote,
    show_words: bool,
) -> Vec<String> {
    repair_items(typed, share, note, show_words)
        .into_iter()
        .map(|l| l.text)
        .collect()
}

/// [`repair_lines`] with the position of each word worked out: what a front end shows
/// word by word, to have each confirmed against the card (the positions to confirm are
/// those of the lines with one).
pub fn repair_items(
    typed: &str,
    share: &Share,
    note: &RepairNote,
    show_words: bool,
) -> Vec<RepairLine> {
    let at = |position: usize, text: String| RepairLine {
        position: Some(position),
        text,
    };
    let whole = |text: String| RepairLine {
        position: None,
        text,
    };
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
        out.push(at(p, if show_words {
            format!(
                "word {p} was unreadable; every share of this set has {} there (from the other shares): compare with the card",
                upper(idx[p - 1])
            )
        } else {
            format!(
                "word {p} was unreadable; it is taken from the other shares of the set, which all have the same word there{WORD_HIDDEN}"
            )
        }));
    }
    if let Some(p) = note.extra_word {
        let was = read.as_ref().and_then(|r| r.get(p)).filter(|_| show_words);
        out.push(at(
            p,
            format!(
                "word {p}{} is one word too many: the share fits the checksum without it{}",
                was.map(|w| format!(" ({})", upper(w))).unwrap_or_default(),
                if show_words {
                    ": compare with the card"
                } else {
                    ""
                }
            ),
        ));
    }
    for fix in &note.fixes {
        let p = fix.position;
        if note.missing_word == Some(p) {
            out.push(at(
                p,
                format!(
                    "a word is missing before word {p} as typed; {}",
                    gives(p - 1)
                ),
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
        out.push(at(p, line));
    }
    if note.chosen_by_other_shares {
        out.push(whole(
            "the checksum allowed two readings; the other shares of the set decided between them"
                .to_string(),
        ));
    }
    if note.checksum_used() >= MAX_ERASURES {
        out.push(whole(
            "working these out used up the whole checksum: nothing checked the share's other words"
                .to_string(),
        ));
    }
    out
}

/// The repair lines of `entry` of a pile (empty for a share read whole).
pub fn entry_repairs(pile: &Pile, entry: usize, show_words: bool) -> Vec<String> {
    entry_repair_items(pile, entry, show_words)
        .into_iter()
        .map(|l| l.text)
        .collect()
}

/// [`entry_repairs`] with each word's position as typed (see [`repair_items`]).
pub fn entry_repair_items(pile: &Pile, entry: usize, show_words: bool) -> Vec<RepairLine> {
    let e = &pile.recovery().entries()[entry];
    match (e.note(), pile.item_of(entry).and_then(|i| i.typed())) {
        (Some(note), Some(typed)) => repair_items(typed, e.share(), note, show_words),
        _ => Vec::new(),
    }
}

/// What to do about a share that does not parse. The words of the list closest to a
/// mistyped word usually include the real one, so they are named only when `show_words`.
pub fn parse_hint(e: &ParseShareError, show_words: bool) -> String {
    match e {
        ParseShareError::UnknownWord {
            position,
            suggestions,
        } => format!(
            "compare word {position} with the card{}; each word may be written whole or by its first 4 letters",
            if show_words && !suggestions.is_empty() {
                format!(" (closest words in the list: {})", suggestions.join(", "))
            } else {
                String::new()
            }
        ),
        ParseShareError::TooShort { .. }
        | ParseShareError::InvalidLength { .. }
        | ParseShareError::TooLong { .. } => "a share has 20 words (128-bit secret), 33 (256-bit) or 59 (512-bit); \
             check for a missing or extra word, or a share broken across two lines"
            .to_string(),
        ParseShareError::Checksum => {
            "compare every word with the card: one or more words were misread or mistyped".to_string()
        }
        _ => "this is not a valid SLIP-39 share; check it was copied from the right card".to_string(),
    }
}

/// What is wrong with share text that could not be added: a first line (positions only,
/// fit for an error message), then one line per candidate reading when several fit.
pub fn text_error_lines(typed: &str, e: &TextError, show_words: bool) -> Vec<String> {
    #[cfg(feature = "bip39")]
    if !matches!(e, TextError::Ambiguous(_)) {
        use crate::bip39::{classify, MnemonicKind};
        if let kind @ (MnemonicKind::Bip39 { .. } | MnemonicKind::Bip39OtherLanguage { .. }) =
            classify(typed)
        {
            return alloc::vec![format!(
                "this looks like {}, not a SLIP-39 share",
                kind.describe()
            )];
        }
    }
    let mut out = alloc::vec![e.to_string()];
    if let TextError::Ambiguous(cands) = e {
        for (k, c) in cands.iter().enumerate() {
            out.push(format!(
                "reading {}: {}",
                k + 1,
                candidate(typed, c, show_words)
            ));
        }
    }
    out
}

fn candidate(typed: &str, c: &Candidate, show_words: bool) -> String {
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
    super::backup::ShareLabel::new(share, 0).short()
}

/// How a share fits the others, as `check` lists it ("fits the other shares", ...);
/// `first` names the share a duplicate repeats ("share 2", "line 3").
pub fn status_verdict(status: ShareStatus, first: &str) -> String {
    match status {
        ShareStatus::Fits => "fits the other shares".to_string(),
        ShareStatus::Waiting => {
            "too few shares of its group to check it against the others".to_string()
        }
        ShareStatus::Disagrees => {
            "DOES NOT FIT the other shares of its group: it is mistyped, damaged or from a different split".to_string()
        }
        ShareStatus::GroupDisagrees => "its group DOES NOT FIT the other groups".to_string(),
        ShareStatus::Unresolved => {
            "its group's shares do not fit together; add another share of the group to find which is wrong".to_string()
        }
        ShareStatus::Duplicate { .. } => format!("the same share as {first}; ignored"),
        ShareStatus::OtherSet => "another set: set aside".to_string(),
    }
}

/// The label of `entry` in sentences: "share N (SOURCE)", N its place in the input.
pub fn label(pile: &Pile, entry: usize) -> String {
    format!(
        "share {} ({})",
        pile.number_of(entry),
        pile.recovery().entries()[entry].source()
    )
}

/// "belongs to another set (NAME) and was set aside", or for a share with the set's
/// identifier but other parameters, which parameter differs.
pub fn set_aside(pile: &Pile, a: &Analysis, entry: usize) -> String {
    match pile.differing_parameter(a, entry) {
        Some(field) => format!(
            "has the set's identifier but a different {field} than the others (damaged or tampered) and was set aside"
        ),
        None => format!(
            "belongs to another set ({}) and was set aside",
            pile.other_set_name(a, entry).unwrap_or_default()
        ),
    }
}

/// What a person should know about the shares of a set that recovers, one note each:
/// words worked out, duplicates, shares set aside or left out, which set is recovered.
pub fn recovery_notes(pile: &Pile, a: &Analysis, show_words: bool) -> Vec<String> {
    let mut out = Vec::new();
    for i in 0..pile.recovery().entries().len() {
        let label = label(pile, i);
        for l in entry_repairs(pile, i, show_words) {
            out.push(format!("{label}: {l}"));
        }
        let line = match a.status[i] {
            ShareStatus::Duplicate { .. } => format!("{label} was given before; ignored"),
            ShareStatus::OtherSet => format!("{label} {}", set_aside(pile, a, i)),
            ShareStatus::Disagrees => format!(
                "{label} does not fit the other shares of its group; it is left out: compare it with its card"
            ),
            ShareStatus::GroupDisagrees => {
                format!("{label}: its group does not fit the other groups; it is left out")
            }
            ShareStatus::Unresolved => format!(
                "{label}: the shares of its group do not fit together; the group is left out"
            ),
            _ => continue,
        };
        out.push(line);
    }
    if let (false, Some(p)) = (a.other_sets.is_empty(), &a.progress) {
        out.push(format!(
            "recovering set {} (it has the most shares)",
            p.identifier.short_name()
        ));
    }
    out
}

/// " (and N more)" for N > 0.
fn more(n: usize) -> String {
    if n == 0 {
        String::new()
    } else {
        format!(" (and {n} more)")
    }
}

/// Why a pile does not recover, and what to do: (what, hint).
pub fn cannot_recover(pile: &Pile, a: &Analysis, e: Option<&RecoveryError>) -> (String, String) {
    let set = a
        .progress
        .as_ref()
        .map(|p| p.identifier.short_name())
        .unwrap_or_default();
    let mut what = e.map_or_else(
        || "the shares do not recover".to_string(),
        |e| e.to_string(),
    );
    let entries = pile.recovery().entries();
    let with_status = |f: &dyn Fn(ShareStatus, &Share) -> bool| -> Vec<String> {
        (0..entries.len())
            .filter(|&i| f(a.status[i], entries[i].share()))
            .map(|i| label(pile, i))
            .collect()
    };
    let hint = match e {
        Some(RecoveryError::GroupUnresolved { group_index }) => {
            let g = *group_index;
            let named =
                with_status(&|s, sh| s == ShareStatus::Unresolved && sh.group_index() == g);
            if !named.is_empty() {
                what.push_str(&format!(" ({})", named.join(", ")));
            }
            format!(
                "give one more share of group {} to tell which is wrong, or compare each with its card; `seedshard check` lists every share",
                u16::from(g) + 1
            )
        }
        Some(RecoveryError::NotEnoughShares(_)) => format!(
            "add shares from more cards of set {set}; each group needs its threshold of shares (`seedshard check` lists every share)"
        ),
        _ => "compare each share with its card and set aside shares from other sets; `seedshard check` lists every share".to_string(),
    };
    let odd =
        with_status(&|s, _| matches!(s, ShareStatus::Disagrees | ShareStatus::GroupDisagrees));
    if let Some(first) = odd.first() {
        what.push_str(&format!(
            "; {first} does not fit the other shares of its group{}",
            more(odd.len() - 1)
        ));
    }
    if let Some((first, second)) = pile.conflict(a) {
        what.push_str(&format!(
            "; {} and {} are the same member of the same group but differ: one of them was copied wrongly",
            label(pile, first),
            label(pile, second)
        ));
    }
    let aside: usize = a.other_sets.iter().map(|o| o.entries.len()).sum();
    if let Some(o) = a.other_sets.first() {
        let i = o.entries[0];
        what.push_str(&format!(
            "; {} {}{}",
            label(pile, i),
            set_aside(pile, a, i),
            more(aside - 1)
        ));
    }
    (what, hint)
}

/// Worked-out words of the shares used that nothing confirms, "share N (SOURCE): words 3
/// and 5 were worked out ...", joined with "; ".
pub fn unconfirmed(pile: &Pile, a: &Analysis) -> String {
    a.unconfirmed
        .iter()
        .map(|u| format!("{}: {u}", label(pile, u.entry)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Said when the wallet opened is the one expected and words were worked out: the match
/// confirms them.
pub const CONFIRMED_BY_WALLET: &str =
    "the wallet matches the one expected: this confirms the words worked out from the checksum";

/// For a front end that asks for the passphrase again and lets each worked-out word be
/// confirmed on screen: what to do when no reading opens the wallet expected.
pub const NO_MATCH_ON_SCREEN: &str =
    "a wrong SLIP-39 passphrase opens a different wallet without any error; \
     type the SLIP-39 passphrase again (the shares stay as they are)";

/// For a front end that lets each worked-out word be confirmed on screen: why the secret is
/// not shown yet, and what to do.
pub const UNCONFIRMED_ON_SCREEN: &str = "Some words were worked out from the checksum and nothing \
     confirms them: compare each with the card and confirm it, give the wallet's fingerprint or \
     an address from the owner sheet, or add another card of the set, before the secret can be shown.";

/// When worked-out words that nothing confirms (`what`, from [`unconfirmed`]) would make the
/// secret, and nothing will confirm them: (what, hint), the secret withheld.
pub fn unconfirmed_secret_withheld(what: &str) -> (String, String) {
    (
        format!(
            "{what}; the secret is not shown, since if a worked-out word is wrong it opens a different wallet"
        ),
        "confirm the words in one of these ways: give the wallet's fingerprint (--expect-fingerprint) or one of its addresses (--expect-address); or add another card of the set; or run `seedshard combine` at a terminal without files, type the share and confirm each worked-out word against the card".to_string(),
    )
}

/// The hint when the wallet expected does not match and words were worked out (`what`,
/// from [`unconfirmed`]).
pub fn unconfirmed_mismatch_hint(what: &str) -> String {
    format!(
        "words were worked out from the checksum ({what}): a wrong one gives a different wallet; compare them with the card, or find another card of the set"
    )
}

/// The last line of `check`: whether and how the set recovers ("the set recovers; the
/// digest confirms the shares used"), with whether it recovers.
pub fn check_result(pile: &Pile, a: &Analysis) -> (String, bool) {
    let unconfirmed: Vec<String> = a
        .unconfirmed
        .iter()
        .map(|u| format!("share {}: {u}", pile.number_of(u.entry)))
        .collect();
    let confirm = if a.digest_checked {
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
    match a.outcome {
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
        _ => match pile.recovery().recover() {
            Err(e) => (format!("the set does not recover yet: {e}"), false),
            Ok(_) => ("the set recovers".to_string(), true),
        },
    }
}

/// The verdict of `check` when shares need attention (`problems` of them): what and hint.
pub fn check_problems(problems: usize) -> (String, &'static str) {
    (
        format!(
            "{problems} share{} attention",
            if problems == 1 { " needs" } else { "s need" }
        ),
        "compare the shares named above with their cards; the words named by position were worked out from the checksum (run `seedshard check` at a terminal to see them)",
    )
}

/// The lines `check` writes, one per item and per set, then the result (repairs and
/// failures with words only when `show_words`).
pub fn check_lines(pile: &Pile, a: &Analysis, show_words: bool) -> Vec<String> {
    let entries = pile.recovery().entries();
    let mut report = Vec::new();
    for (n, item) in pile.items().iter().enumerate() {
        let number = n + 1;
        match item.read() {
            Err(e) => {
                let lines = text_error_lines(item.typed().unwrap_or_default(), e, show_words);
                report.push(format!(
                    "share {number} ({}): unusable: {}",
                    item.source(),
                    lines[0]
                ));
                report.extend(lines[1..].iter().map(|l| format!("    {l}")));
            }
            Ok(entry) => {
                let e = &entries[entry];
                let status = a.status[entry];
                let first = match status {
                    ShareStatus::Duplicate { of } => format!("share {}", pile.number_of(of)),
                    _ => String::new(),
                };
                let notes = entry_repairs(pile, entry, show_words);
                let checksum = if notes.is_empty() {
                    "checksum ok"
                } else {
                    "checksum ok once repaired as below"
                };
                report.push(format!(
                    "share {number} ({}): {checksum}; {}: {}",
                    e.source(),
                    where_in_set(e.share()),
                    status_verdict(status, &first)
                ));
                report.extend(notes.iter().map(|l| format!("    {l}")));
            }
        }
    }
    if let Some(p) = &a.progress {
        report.push(format!(
            "set {} (identifier {}):",
            p.identifier.short_name(),
            p.identifier
        ));
        report.extend(p.lines().into_iter().map(|l| format!("    {l}")));
    }
    for o in &a.other_sets {
        let why = if o.same_identifier {
            "same identifier but other parameters: damaged or tampered"
        } else {
            "another set"
        };
        let nums: Vec<String> = o
            .entries
            .iter()
            .map(|&e| pile.number_of(e).to_string())
            .collect();
        report.push(format!(
            "set {} ({why}): share{} {} set aside",
            o.name,
            if nums.len() == 1 { "" } else { "s" },
            nums.join(", ")
        ));
    }
    report.push(format!("result: {}", check_result(pile, a).0));
    report
}

/// How many shares need attention: items that are not shares, shares with a problem
/// status, and shares whose words were worked out.
pub fn problems(pile: &Pile, a: &Analysis) -> usize {
    pile.items()
        .iter()
        .filter(|item| match item.read() {
            Err(_) => true,
            Ok(entry) => {
                a.status[entry].is_problem() || !entry_repairs(pile, entry, false).is_empty()
            }
        })
        .count()
}
