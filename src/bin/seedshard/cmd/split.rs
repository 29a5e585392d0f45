//! `seedshard split`: make a share set from a new or given secret.

use std::io::Write;

use seedshard::{GroupSpec, IterationExponent, MasterSecret, Passphrase, ShareSet, SplitPlan};

use crate::cli::SplitArgs;
use crate::error::{CliError, CliResult};
use crate::io::Inputs;
use crate::output;

/// Where the secret comes from.
enum SecretSource {
    Generate { bytes: usize },
    HexFile(std::path::PathBuf),
}

/// The checked plan of a split, built before any I/O.
struct Plan {
    plan: SplitPlan,
    source: SecretSource,
}

fn plan(args: &SplitArgs) -> CliResult<Plan> {
    let mut groups = Vec::with_capacity(args.groups.len());
    for (i, g) in args.groups.iter().enumerate() {
        let spec: GroupSpec = g.parse().map_err(|e| {
            CliError::input(
                format!("--group {g} (group {}): {e}", i + 1),
                "write each group as THRESHOLDofCOUNT, e.g. --group 2of3; counts go up to 16",
            )
        })?;
        groups.push(spec);
    }
    let group_threshold = match (args.group_threshold, groups.len()) {
        (Some(g), _) => g,
        (None, 1) => 1,
        (None, n) => {
            return Err(CliError::input(
                format!("{n} groups were given but not how many are needed"),
                format!("add --group-threshold G with G from 1 to {n}"),
            ))
        }
    };
    let e = IterationExponent::new(args.iteration_exponent).ok_or_else(|| {
        CliError::input(
            format!(
                "iteration exponent {} is out of range",
                args.iteration_exponent
            ),
            "use --iteration-exponent from 0 to 15 (1 is the usual choice)",
        )
    })?;
    let plan = SplitPlan::new(group_threshold, groups)
        .map_err(|e| CliError::input(e, "check the --group and --group-threshold values"))?
        .with_iteration_exponent(e)
        .with_extendable(!args.no_extendable);
    let source = match (&args.generate, &args.secret_file) {
        (Some(bits), None) => match bits {
            128 | 256 => SecretSource::Generate {
                bytes: usize::from(*bits) / 8,
            },
            other => {
                return Err(CliError::input(
                    format!("--generate {other}: seedshard generates 128- or 256-bit secrets"),
                    "use --generate 128 or --generate 256",
                ))
            }
        },
        (None, Some(path)) => SecretSource::HexFile(path.clone()),
        _ => {
            return Err(CliError::input(
                "no secret to split was named",
                "add --generate 128 for a new secret, or --secret-file FILE (hex; - for standard input)",
            ))
        }
    };
    Ok(Plan { plan, source })
}

/// Runs `split`.
pub fn run(args: &SplitArgs) -> CliResult {
    let plan = plan(args)?;
    let mut inputs = Inputs::default();
    let secret = match &plan.source {
        SecretSource::Generate { bytes } => MasterSecret::generate(*bytes)
            .map_err(|e| CliError::input(e, "use --generate 128 or 256"))?,
        SecretSource::HexFile(path) => inputs.read_secret_hex(path)?,
    };
    let passphrase: Passphrase = inputs.slip39_passphrase(args.passphrase_file.as_deref(), true)?;
    let set = plan
        .plan
        .split(&secret, &passphrase)
        .map_err(|e| CliError::input(e, "check the plan"))?;
    write(args, &set)
}

fn write(args: &SplitArgs, set: &ShareSet) -> CliResult {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        output::write_json(&mut out, &output::SplitJson::new(set))
    } else {
        output::write_share_set(&mut out, set)
            .and_then(|()| out.flush())
            .map_err(crate::write_error)
    }
}
