//! `seedshard reissue`: make a share for one member of a group from threshold shares of
//! that group, without the master secret and without changing any other card.

use std::io::Write;

use seedshard::describe::maintain as say;
use seedshard::report::backup::ReissueReport;

use crate::cli::ReissueArgs;
use crate::cmd::cards::{resolve_mode, CardPlan};
use crate::error::{CliError, CliResult};
use crate::io::{Inputs, ShareMode};
use crate::pile::{failed_share, words_to_stderr, Gathered};

/// Runs `reissue`.
pub fn run(args: &ReissueArgs) -> CliResult {
    // The plan first: 1-based numbers as printed on the cards.
    if !(1..=16).contains(&args.member_index) {
        return Err(CliError::input(
            format!("--member-index {} is out of range", args.member_index),
            "members are numbered 1 to 16, as on the cards",
        ));
    }
    if let Some(g) = args.group_index {
        if !(1..=16).contains(&g) {
            return Err(CliError::input(
                format!("--group-index {g} is out of range"),
                "groups are numbered 1 to 16, as on the cards",
            ));
        }
    }
    let card_plan = CardPlan::from_options(args.cards.cards_dir.as_deref(), &args.cards.card)?;
    let mut inputs = Inputs::default();
    let show_words = words_to_stderr();
    let g = Gathered::read_files(&mut inputs, &args.inputs, "reissue")?;
    // The mode from --bip39-mode or the file's mode line: a card needs it (it names the
    // wallet to use); the share printed carries it when known.
    let flag = args.cards.bip39_mode.map(crate::io::mode_of_arg);
    let mode = match (flag, g.mode) {
        (None, None) if card_plan.is_none() => None,
        (f, m) => Some(resolve_mode(f, m, "reissue")?),
    };
    let rec = g.pile.recovery();
    if let Some((label, lines)) = g.first_failure(show_words) {
        return Err(CliError::input(
            format!("share ({label}): {}", failed_share(&lines)),
            say::UNREADABLE_SHARE_HINT,
        ));
    }
    let mut err = std::io::stderr().lock();
    for n in g.repair_notes(show_words) {
        let _ = writeln!(err, "note: {n}");
    }
    let share = rec
        .reissue_in(args.group_index.map(|g| g - 1), args.member_index - 1)
        .map_err(|e| {
            let (what, hint) = say::reissue_error(&e, args.member_index, |i| {
                rec.entries()[i].source().to_string()
            });
            CliError::input(what, hint)
        })?;
    for line in say::reissued_lines(&share) {
        let _ = writeln!(err, "{line}");
    }
    drop(err);
    if let Some(cards) = card_plan {
        // The card first: if it cannot be written, the share is not printed either.
        cards.partial().write(
            vec![share.clone()],
            mode.and_then(ShareMode::bip39_mode),
            None,
            None,
        )?;
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        let report = ReissueReport::new(&share, mode.map(ShareMode::as_str));
        return crate::output::write_json(&mut out, &report);
    }
    // The mode is carried, so that `cards` on the new share knows it.
    if let Some(m) = mode {
        writeln!(out, "{}", m.line()).map_err(crate::write_error)?;
    }
    writeln!(out, "{}", share.to_words().as_str())
        .and_then(|()| out.flush())
        .map_err(crate::write_error)
}
