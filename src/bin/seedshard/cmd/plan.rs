//! `seedshard plan`: what a plan survives, before any card is printed.

use std::io::Write;

use seedshard::describe::options;
use seedshard::plan::suggest::{self, Goals};
use seedshard::plan::{parse_place, Layout};

use crate::cli::PlanArgs;
use crate::error::{CliError, CliResult};
use crate::output;

/// The layout from `--group`, `--group-threshold`, `--holder`, `--place` and `--owner`.
pub fn layout(args: &PlanArgs) -> CliResult<Layout> {
    let plan = crate::cmd::split::group_plan(&args.groups, args.group_threshold)?;
    let mut layout = Layout::new(plan);
    if !args.holders.is_empty() {
        layout = layout
            .with_holders(&args.holders)
            .map_err(|e| input(options::holders_error(&e)))?;
    }
    for p in &args.places {
        let Some((name, who)) = parse_place(p) else {
            return Err(input(options::place_error(p, None)));
        };
        layout = layout
            .with_place(name, &who)
            .map_err(|e| input(options::place_error(p, Some(&e))))?;
    }
    if let Some(owner) = &args.owner {
        layout = layout
            .with_owner(owner)
            .map_err(|e| input(options::owner_error(&e)))?;
    }
    Ok(layout)
}

/// An input error from a library (what, hint).
fn input((what, hint): (String, &str)) -> CliError {
    CliError::input(what, hint)
}

/// Runs `plan`.
pub fn run(args: &PlanArgs) -> CliResult {
    if args.suggest {
        return crate::cmd::plan::suggest(args);
    }
    let layout = layout(args)?;
    let report = layout.analyse();
    if let Some(path) = &args.picture {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let bytes: Vec<u8> = match ext.as_deref() {
            Some("svg") => seedshard::card::plan_svg(&layout, &report)
                .as_bytes()
                .to_vec(),
            Some("png") => seedshard::card::plan_png(&layout, &report, 150).to_vec(),
            _ => {
                return Err(CliError::input(
                    format!(
                        "--picture {}: the file name must end in .svg or .png",
                        path.display()
                    ),
                    "name the picture plan.svg or plan.png",
                ))
            }
        };
        crate::io::write_new_file(path, &bytes, args.force)?;
        eprintln!("note: wrote the picture of the plan to {}", path.display());
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        return output::write_json(
            &mut out,
            &seedshard::report::backup::Versioned::new(&report),
        );
    }
    let mut write_all = || -> std::io::Result<()> {
        for line in report.lines() {
            writeln!(out, "{line}")?;
        }
        out.flush()
    };
    write_all().map_err(crate::write_error)
}

/// Runs `plan --suggest`.
fn suggest(args: &PlanArgs) -> CliResult {
    let Some(holders) = args.holder_count else {
        return Err(CliError::input(
            "--suggest needs the number of holders",
            "add --holders N (one card each), and the goals --survive-losses L and --resist R",
        ));
    };
    let goals = Goals {
        holders,
        survive_losses: args.survive_losses.unwrap_or(1),
        resist: args.resist.unwrap_or(1),
    };
    let found = suggest::suggest(goals, 5)
        .map_err(|e| CliError::input(e, "give --holders from 1 to 256"))?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        let none = found.is_empty();
        output::write_json(
            &mut out,
            &seedshard::report::backup::SuggestReport {
                schema: seedshard::report::SCHEMA_VERSION,
                holders: goals.holders,
                plans: found,
                resist: goals.resist,
                survive_losses: goals.survive_losses,
            },
        )?;
        // The same exit code as the text: 1 when no plan meets the goals.
        return if none {
            Err(CliError::check_failed(
                suggest::NO_PLAN,
                suggest::NO_PLAN_HINT,
            ))
        } else {
            Ok(())
        };
    }
    output::write_lines(&mut out, &suggest::lines(goals, &found))
        .and_then(|()| out.flush())
        .map_err(crate::write_error)?;
    if found.is_empty() {
        return Err(CliError::check_failed(
            suggest::NO_PLAN,
            suggest::NO_PLAN_HINT,
        ));
    }
    Ok(())
}
