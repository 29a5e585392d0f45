//! `seedshard reissue`: make a share for one member of a group from threshold shares of
//! that group, without the master secret and without changing any other card.

use std::io::Write;

use seedshard::slip39::recovery::ReissueError;

use seedshard::report::backup::ReissueReport;

use crate::cli::ReissueArgs;
use crate::cmd::cards::{resolve_mode, CardPlan};
use crate::error::{CliError, CliResult};
use crate::io::{Inputs, ShareMode};
use crate::pile::{failed_share, words_to_stderr, Gathered};
use seedshard::describe::recovery::where_in_set;

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
            "compare the words with the card (write ? for a word you cannot read), or run `seedshard check` on the file",
        ));
    }
    let mut err = std::io::stderr().lock();
    for n in g.repair_notes(show_words) {
        let _ = writeln!(err, "note: {n}");
    }
    let Some(progress) = rec.progress() else {
        return Err(CliError::input(
            "the input holds no shares",
            "give shares of the group, one a line",
        ));
    };
    let group = match args.group_index {
        Some(gi) => gi - 1,
        None => {
            if progress.groups.len() != 1 {
                return Err(CliError::input(
                    "the shares come from several groups",
                    "say which group the new share is for with --group-index N",
                ));
            }
            progress.groups[0].group_index
        }
    };
    let member = args.member_index - 1;
    let share = rec.reissue(group, member).map_err(|e| {
        if let ReissueError::AlreadyGiven { entry } = e {
            return CliError::input(
                format!(
                    "the share from {} is member {}'s share already",
                    rec.entries()[entry].source(),
                    args.member_index
                ),
                "that card is among the shares given: copy it instead",
            );
        }
        let hint = match e {
            ReissueError::NotEnoughShares { .. } => {
                "give at least the group's threshold of its shares"
            }
            ReissueError::SingleCardGroup => "make a copy of that group's card instead",
            ReissueError::GroupUnresolved => {
                "run `seedshard check` on the shares to find the wrong one"
            }
            _ => "check the group and member numbers against the cards",
        };
        CliError::input(e.to_string(), hint)
    })?;
    let _ = writeln!(
        err,
        "new share: {} (made from the other shares of the group)",
        where_in_set(&share)
    );
    let _ = writeln!(
        err,
        "roll-call code of the new share: {} (the same as the lost card's; keep it with your codes)",
        seedshard::rollcall::RollCallCode::of(&share)
    );
    let _ = writeln!(
        err,
        "warning: if this replaces a lost card, the lost card still counts: whoever finds it holds this same share. If that is a risk, make a new set with `seedshard extend` and destroy every old card."
    );
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
