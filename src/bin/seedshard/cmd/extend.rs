//! `seedshard extend`: from shares of an extendable set, a brand-new set (new identifier,
//! new plan) that restores the same wallet with the same passphrase. The passphrase is not
//! needed: the encrypted master secret is split again as it is.

use std::io::Write;

use seedshard::describe::maintain as say;

use crate::cli::ExtendArgs;
use crate::cmd::cards::{resolve_mode, CardPlan};
use crate::error::{CliError, CliResult};
use crate::io::{Inputs, ShareMode};
use crate::output;
use crate::pile::{failed_share, words_to_stderr, Gathered};

/// Runs `extend`.
pub fn run(args: &ExtendArgs) -> CliResult {
    let plan = crate::cmd::split::group_plan(&args.plan.groups, args.plan.group_threshold)?;
    let card_plan = CardPlan::from_options(args.cards.cards_dir.as_deref(), &args.cards.card)?;
    let mut inputs = Inputs::default();
    let show_words = words_to_stderr();
    let g = Gathered::read_files(&mut inputs, &args.inputs, "extend")?;
    let rec = g.pile.recovery();
    // The bridging mode is carried to the new set: from --bip39-mode or the old file's mode
    // line. Cards need it (they name the wallet to use); a share file without cards keeps it
    // only when known.
    let flag = args.cards.bip39_mode.map(crate::io::mode_of_arg);
    let mode = if card_plan.is_some() {
        Some(resolve_mode(flag, g.mode, "extend")?)
    } else {
        match (flag, g.mode) {
            (None, None) => None,
            (f, m) => Some(resolve_mode(f, m, "extend")?),
        }
    };
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
    let set = rec.extend(&plan, &mut seedshard::os_rng()).map_err(|e| {
        let (what, hint) = say::extend_error(&e, |i| rec.entries()[i].source().to_string());
        if say::extend_error_is_finding(&e) {
            CliError::check_failed(what, hint)
        } else {
            CliError::input(what, hint)
        }
    })?;
    let old = rec.identifier().expect("the set recovered");
    for line in say::extended_lines(set.identifier(), old) {
        let _ = writeln!(err, "{line}");
    }
    drop(err);
    if let Some(cards) = &card_plan {
        // Cards first: if they cannot be written, no shares are printed either. The wallet's
        // facts are not known here: the passphrase is not asked for.
        cards.write(
            set.shares().cloned().collect(),
            mode.and_then(ShareMode::bip39_mode),
            None,
            None,
        )?;
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        return output::write_json(
            &mut out,
            &seedshard::report::backup::ExtendReport::new(&set, mode.map(ShareMode::as_str)),
        );
    }
    output::write_share_set(&mut out, &set, mode)
        .and_then(|()| out.flush())
        .map_err(crate::write_error)
}
