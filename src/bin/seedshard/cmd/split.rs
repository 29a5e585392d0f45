//! `seedshard split`: make a share set from a new or given secret.

use std::io::{IsTerminal, Write};

use seedshard::backup::{
    Backup, BackupRequest, SecretSource, SourceChoice, SourceChoiceError, SourceKind,
};
use seedshard::bip39::Bip39Passphrase;
use seedshard::describe::options;
use seedshard::report::backup::SplitReport;
use seedshard::{IterationExponent, SplitPlan};

use crate::bridge;
use crate::cli::SplitArgs;
use crate::cmd::cards::CardPlan;
use crate::error::{CliError, CliResult};
use crate::io::Inputs;
use crate::output;

/// The checked plan of a split, built before any I/O.
struct Plan {
    plan: SplitPlan,
    source: SourceKind,
}

/// The group plan from `--group` (repeated) and `--group-threshold`: shared by `split`,
/// `extend` and `plan`.
pub fn group_plan(groups: &[String], group_threshold: Option<u8>) -> CliResult<SplitPlan> {
    seedshard::backup::group_plan(groups, group_threshold).map_err(|e| {
        let (what, hint) = options::group_plan_error(groups, &e);
        CliError::input(what, hint)
    })
}

fn plan(args: &SplitArgs) -> CliResult<Plan> {
    let e = IterationExponent::new(args.iteration_exponent).ok_or_else(|| {
        CliError::input(
            format!(
                "iteration exponent {} is out of range",
                args.iteration_exponent
            ),
            "use --iteration-exponent from 0 to 15 (1 is the usual choice)",
        )
    })?;
    let plan = group_plan(&args.plan.groups, args.plan.group_threshold)?
        .with_iteration_exponent(e)
        .with_extendable(!args.no_extendable);
    let choice = SourceChoice {
        generate: args.generate,
        secret_hex: args.secret_file.is_some(),
        phrase: args.bip39_file.is_some(),
        seedqr_image: args.scan.is_some(),
        bip39_mode: args.bip39_mode.map(bridge::mode),
        bip39_passphrase: args.bip39_passphrase_file.is_some(),
    };
    let source = choice.check().map_err(|e| {
        let (what, hint) = options::source_choice_error(&e);
        CliError::input(what, hint)
    })?;
    Ok(Plan { plan, source })
}

/// Runs `split`.
pub fn run(args: &SplitArgs) -> CliResult {
    let plan = plan(args)?;
    let card_plan = CardPlan::from_options(args.cards_dir.as_deref(), &args.card)?;
    // What the plan survives: a few lines to standard error, on the owner sheet and in JSON.
    let report = seedshard::backup::plan_report(&plan.plan, &args.card.holders);
    let card_plan = card_plan.map(|c| c.with_plan_summary(report.summary()));
    let mut inputs = Inputs::default();
    let source = match (plan.source, &args.secret_file, &args.scan) {
        (SourceKind::Generate { bits }, ..) => SecretSource::Generate { bits },
        (SourceKind::SecretHex, Some(path), _) => {
            SecretSource::Secret(inputs.read_secret_hex(path)?)
        }
        (SourceKind::Bip39 { mode }, ..) => SecretSource::Bip39 {
            phrase: bridge::read_phrase(&mut inputs, args.bip39_file.as_deref())?,
            mode,
        },
        (SourceKind::Bip39Scan { mode }, _, Some(image)) => SecretSource::Bip39 {
            phrase: crate::scan::scan_seedqr(image)?,
            mode,
        },
        (SourceKind::NewBip39 { bits }, ..) => SecretSource::NewBip39 { bits },
        _ => {
            let (what, hint) = options::source_choice_error(&SourceChoiceError::NoSource);
            return Err(CliError::input(what, hint));
        }
    };
    let bip39_passphrase = if source.is_bip39() {
        bridge::read_bip39_passphrase(
            &mut inputs,
            args.bip39_passphrase_file.as_deref(),
            true,
            true,
        )?
    } else {
        Bip39Passphrase::empty()
    };
    let passphrase = inputs.slip39_passphrase(
        args.passphrase_file.as_deref(),
        crate::io::PassphrasePurpose::NewSet,
    )?;
    let backup = BackupRequest::new(source, plan.plan)
        .with_passphrase(passphrase)
        .with_bip39_passphrase(bip39_passphrase)
        .with_network(bridge::network(args.network))
        .run()
        .map_err(|e| {
            let (what, hint) = options::backup_error(&e);
            CliError::input(what, hint)
        })?;
    if let Some(cards) = &card_plan {
        // Cards first: if they cannot be written, no shares are printed either.
        cards.write(
            backup.set().shares().cloned().collect(),
            backup.bip39_mode(),
            Some(backup.wallet().clone()),
            Some(backup.has_passphrase()),
        )?;
    }
    write(args, &backup, report)
}

/// The short summary of what the plan survives, as `note:` lines on standard error once the
/// shares are out.
fn plan_notes(report: &seedshard::plan::PlanReport) {
    let mut err = std::io::stderr().lock();
    for line in report.summary() {
        let _ = writeln!(err, "note: {line}");
    }
}

fn write(args: &SplitArgs, backup: &Backup, report: seedshard::plan::PlanReport) -> CliResult {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        let json = SplitReport::new(backup, report);
        output::write_json(&mut out, &json)?;
        plan_notes(&json.plan);
        return Ok(());
    }
    output::write_lines(&mut out, &backup.share_file_lines())
        .and_then(|()| out.flush())
        .map_err(crate::write_error)?;
    plan_notes(&report);
    // When the shares go to a file, the warning against typing them into a Trezor must still
    // reach the person at the terminal.
    if backup.warns_against_trezor() && !std::io::stdout().is_terminal() {
        let mut err = std::io::stderr().lock();
        for line in &backup.notes() {
            let _ = writeln!(err, "note: {line}");
        }
    }
    Ok(())
}
