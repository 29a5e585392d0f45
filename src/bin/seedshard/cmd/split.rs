//! `seedshard split`: make a share set from a new or given secret.

use std::io::{IsTerminal, Write};

use seedshard::backup::{default_group_threshold, Backup, BackupRequest, SecretSource};
use seedshard::bip39::{Bip39Mode, Bip39Passphrase};
use seedshard::report::backup::SplitReport;
use seedshard::{GroupSpec, IterationExponent, SplitPlan};

use crate::bridge;
use crate::cli::SplitArgs;
use crate::cmd::cards::CardPlan;
use crate::error::{CliError, CliResult};
use crate::io::Inputs;
use crate::output;

/// Where the secret comes from, before any I/O.
enum Source {
    Generate {
        bits: usize,
    },
    HexFile(std::path::PathBuf),
    /// A BIP-39 phrase from a file or the prompt, bridged in `mode`.
    Bip39 {
        file: Option<std::path::PathBuf>,
        mode: Bip39Mode,
    },
    /// A new BIP-39 phrase of `bits` bits, bridged in entropy mode.
    Bip39Generate {
        bits: usize,
    },
    /// A BIP-39 phrase read from a SeedQR in an image, bridged in `mode`.
    Bip39Scan {
        image: std::path::PathBuf,
        mode: Bip39Mode,
    },
}

/// The checked plan of a split, built before any I/O.
struct Plan {
    plan: SplitPlan,
    source: Source,
}

/// The group plan from `--group` (repeated) and `--group-threshold`: shared by `split` and
/// `extend`.
pub fn group_plan(groups: &[String], group_threshold: Option<u8>) -> CliResult<SplitPlan> {
    let mut specs = Vec::with_capacity(groups.len());
    for (i, g) in groups.iter().enumerate() {
        let spec: GroupSpec = g.parse().map_err(|e| {
            CliError::input(
                format!("--group {g} (group {}): {e}", i + 1),
                "write each group as THRESHOLDofCOUNT, e.g. --group 2of3; counts go up to 16",
            )
        })?;
        specs.push(spec);
    }
    let n = specs.len();
    let Some(group_threshold) = group_threshold.or(default_group_threshold(n)) else {
        return Err(CliError::input(
            format!("{n} groups were given but not how many are needed"),
            format!("add --group-threshold G with G from 1 to {n}"),
        ));
    };
    SplitPlan::new(group_threshold, specs)
        .map_err(|e| CliError::input(e, "check the --group and --group-threshold values"))
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
    let source = match (&args.generate, &args.secret_file) {
        _ if args.bip39_mode.is_some()
            || args.scan.is_some()
            || args.bip39_file.is_some()
            || args.bip39_passphrase_file.is_some() =>
        {
            bip39_source(args)?
        }
        (Some(bits), None) => match bits {
            128 | 256 => Source::Generate {
                bits: usize::from(*bits),
            },
            other => {
                return Err(CliError::input(
                    format!("--generate {other}: seedshard generates 128- or 256-bit secrets"),
                    "use --generate 128 or --generate 256",
                ))
            }
        },
        (None, Some(path)) => Source::HexFile(path.clone()),
        _ => return Err(CliError::input(
            "no secret to split was named",
            "add --generate 128 for a new secret, --secret-file FILE (hex; - for standard input), \
                 or --bip39-file FILE --bip39-mode entropy|seed to back up a BIP-39 phrase",
        )),
    };
    Ok(Plan { plan, source })
}

/// The BIP-39 source named by `--bip39-mode` with `--bip39-file`, the prompt, or `--generate`.
fn bip39_source(args: &SplitArgs) -> CliResult<Source> {
    let Some(mode) = args.bip39_mode.map(bridge::mode) else {
        return Err(if args.scan.is_some() {
            CliError::input(
                "--scan needs --bip39-mode entropy or seed",
                "entropy: recovery gives back the phrase, but the shares are not for a Trezor; \
                 seed: a SLIP-39 wallet opens the same wallet from 59-word shares, but the phrase is not kept",
            )
        } else if args.bip39_file.is_some() {
            CliError::input(
                "--bip39-file needs --bip39-mode entropy or seed",
                "entropy: recovery gives back the phrase, but the shares are not for a Trezor; \
                 seed: a SLIP-39 wallet opens the same wallet from 59-word shares, but the phrase is not kept",
            )
        } else {
            CliError::input(
                "--bip39-passphrase-file applies only to a BIP-39 phrase",
                "add --bip39-file FILE --bip39-mode entropy|seed, or give the SLIP-39 passphrase with --passphrase-file",
            )
        });
    };
    match (args.generate, mode) {
        (Some(_), Bip39Mode::Seed) => Err(CliError::input(
            "--generate with --bip39-mode seed would make shares that can never give back the new phrase",
            "use --bip39-mode entropy to create a new BIP-39 phrase with its shares",
        )),
        (Some(bits @ (128 | 256)), _) => Ok(Source::Bip39Generate {
            bits: usize::from(bits),
        }),
        (Some(other), _) => Err(CliError::input(
            format!("--generate {other}: seedshard generates 128- or 256-bit BIP-39 phrases (12 or 24 words)"),
            "use --generate 128 or --generate 256",
        )),
        (None, mode) => Ok(match &args.scan {
            Some(image) => Source::Bip39Scan {
                image: image.clone(),
                mode,
            },
            None => Source::Bip39 {
                file: args.bip39_file.clone(),
                mode,
            },
        }),
    }
}

/// Runs `split`.
pub fn run(args: &SplitArgs) -> CliResult {
    let plan = plan(args)?;
    let card_plan = CardPlan::from_options(args.cards_dir.as_deref(), &args.card)?;
    // What the plan survives: a few lines to standard error, on the owner sheet and in JSON.
    let report = seedshard::backup::plan_report(&plan.plan, &args.card.holders);
    let card_plan = card_plan.map(|c| c.with_plan_summary(report.summary()));
    let mut inputs = Inputs::default();
    let source = match plan.source {
        Source::Generate { bits } => SecretSource::Generate { bits },
        Source::HexFile(path) => SecretSource::Secret(inputs.read_secret_hex(&path)?),
        Source::Bip39 { file, mode } => SecretSource::Bip39 {
            phrase: bridge::read_phrase(&mut inputs, file.as_deref())?,
            mode,
        },
        Source::Bip39Scan { image, mode } => SecretSource::Bip39 {
            phrase: crate::cmd::cards::scan_seedqr(&image)?,
            mode,
        },
        Source::Bip39Generate { bits } => SecretSource::NewBip39 { bits },
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
        .map_err(|e| match e {
            seedshard::backup::BackupError::Split(e) => CliError::input(e, "check the plan"),
            e => CliError::input(e, "use --generate 128 or 256"),
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
