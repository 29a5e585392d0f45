//! `seedshard man`: manual pages generated from the clap definition, so they never disagree
//! with `--help`.

use std::io::Write;
use std::path::Path;

use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};
use crate::error::{CliError, CliResult};
use crate::io;

/// Prints seedshard.1, or writes seedshard.1 and seedshard-COMMAND.1 for every command into
/// `--out DIR`.
pub fn run(args: &ManArgs) -> CliResult {
    let cmd = Cli::command();
    let Some(dir) = &args.out else {
        let page = render(&cmd)?;
        return std::io::stdout()
            .lock()
            .write_all(&page)
            .map_err(crate::write_error);
    };
    io::create_out_dir(dir)?;
    let mut pages = vec![("seedshard.1".to_string(), render(&cmd)?)];
    for sub in cmd.get_subcommands() {
        if sub.is_hide_set() {
            continue;
        }
        // The page of `seedshard split` is named and titled seedshard-split.
        let name = format!("seedshard-{}", sub.get_name());
        let sub = sub
            .clone()
            .display_name(name.clone())
            .bin_name(name.clone())
            .version(env!("CARGO_PKG_VERSION"));
        pages.push((format!("{name}.1"), render(&sub)?));
    }
    // All or none: without --force, refuse before writing anything if a page exists.
    if !args.force {
        if let Some((file, _)) = pages.iter().find(|(file, _)| dir.join(file).exists()) {
            return Err(CliError::input(
                format!("{} already exists", io::display_name(&dir.join(file))),
                "add --force to replace the pages, or give another directory with --out",
            ));
        }
    }
    for (file, page) in &pages {
        write_page(&dir.join(file), page, args.force)?;
    }
    eprintln!(
        "note: wrote {} manual pages to {}; read one with: man {}",
        pages.len(),
        io::display_name(dir),
        io::display_name(&dir.join("seedshard.1")),
    );
    Ok(())
}

fn render(cmd: &clap::Command) -> CliResult<Vec<u8>> {
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd.clone())
        .render(&mut page)
        .map_err(|e| {
            CliError::input(format!("cannot render the manual page: {e}"), "report this")
        })?;
    Ok(page)
}

/// Manual pages hold no secret: plain files, replaced only with `--force`.
fn write_page(path: &Path, page: &[u8], force: bool) -> CliResult {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    let mut file = options.open(path).map_err(|e| {
        let hint = if e.kind() == std::io::ErrorKind::AlreadyExists {
            "add --force to replace the pages"
        } else {
            "give a directory you can write to with --out"
        };
        CliError::input(
            format!(
                "cannot write {}: {}",
                io::display_name(path),
                io::io_reason(&e)
            ),
            hint,
        )
    })?;
    file.write_all(page).map_err(|e| {
        CliError::input(
            format!(
                "cannot write {}: {}",
                io::display_name(path),
                io::io_reason(&e)
            ),
            "check the free space of the disk",
        )
    })
}
