//! `seedshard extend`: from shares of an extendable set, a brand-new set (new identifier,
//! new plan) that restores the same wallet with the same passphrase. The passphrase is not
//! needed: the encrypted master secret is split again as it is.

use std::io::Write;

use seedshard::slip39::recovery::{ExtendError, RecoveryError};

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
            "compare the words with the card (write ? for a word you cannot read), or run `seedshard check` on the file",
        ));
    }
    {
        let mut err = std::io::stderr().lock();
        for n in g.repair_notes(show_words) {
            let _ = writeln!(err, "note: {n}");
        }
    }
    let set = rec
        .extend(&plan, &mut seedshard::os_rng())
        .map_err(|e| match e {
            ExtendError::NotExtendable => CliError::input(
                e.to_string(),
                "without the flag the identifier is part of the encryption; instead recover the \
                 secret with `seedshard combine` and split it again with `seedshard split \
                 --secret-file` (same wallet; this needs the passphrase and shows the secret)",
            ),
            ExtendError::Recovery(RecoveryError::Unconfirmed(list)) => CliError::check_failed(
                format!(
                    "no new set was made: {}; if a worked-out word is wrong the new set would restore a different wallet",
                    list.iter()
                        .map(|u| format!("{}: {u}", rec.entries()[u.entry].source()))
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
                "confirm the words first: run `seedshard combine --expect-fingerprint` (or `--expect-address`) on the file, or type the share at a terminal with `seedshard combine` and compare each worked-out word with the card; then write the confirmed words into the file, or add another card of the set",
            ),
            ExtendError::Recovery(r) => CliError::input(
                r.to_string(),
                "give enough shares of the old set to recover it; `seedshard check` shows what is missing",
            ),
            _ => CliError::input(e.to_string(), "check the shares with `seedshard check`"),
        })?;
    let old = rec.identifier().expect("the set recovered");
    {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(
            err,
            "new set {} (identifier {}) restores the same wallet as set {} with the same passphrase",
            set.identifier().short_name(),
            set.identifier(),
            old.short_name()
        );
        let _ = writeln!(
            err,
            "the old cards still work: destroy them if the new set is to replace them"
        );
    }
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
