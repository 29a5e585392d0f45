//! The `seedshard` command-line tool: a thin layer over the `seedshard` library.

#![forbid(unsafe_code)]

mod argsafe;
mod bridge;
mod cli;
mod cmd;
mod error;
mod files;
mod hygiene;
mod interrupt;
mod io;
mod output;
mod pile;
mod progress;
mod scan;
mod version;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};
use crate::error::{CliError, EXIT_USAGE};
use clap::error::ErrorKind;

/// Every block of memory the tool frees is overwritten with zeros first, and so is the old
/// block when a buffer grows: a share typed one character at a time, a growing PDF, the
/// decoded pixels of a photo or an xprv built a character at a time leave no copy behind in
/// freed memory. (Values that are never freed are wiped by their zeroizing types; the stack
/// is wiped before `main` returns, see [`hygiene::wipe_stack`].)
#[global_allocator]
static ALLOCATOR: zeroizing_alloc::ZeroAlloc<std::alloc::System> =
    zeroizing_alloc::ZeroAlloc(std::alloc::System);

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // --help and --version print as clap writes them.
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        // No command at all: the overview of commands is the most useful answer.
        Err(e) if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return ExitCode::from(EXIT_USAGE);
        }
        Err(e) => {
            let e = usage_error(&e);
            print_error(&e);
            return ExitCode::from(e.code);
        }
    };
    let _ = hygiene::harden();
    interrupt::restore_terminal_on_interrupt();
    let result = match &cli.command {
        Command::Split(args) => cmd::split::run(args),
        Command::Combine(args) => cmd::combine::run(args),
        Command::Verify(args) => cmd::verify::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Inspect(args) => cmd::inspect::run(args),
        Command::Reissue(args) => cmd::reissue::run(args),
        Command::Extend(args) => cmd::extend::run(args),
        Command::Cards(args) => cmd::cards::run(args),
        Command::Completions(args) => cmd::completions::run(args),
        Command::Man(args) => cmd::man::run(args),
        Command::Plan(args) => cmd::plan::run(args),
        Command::Rollcall(args) => cmd::rollcall::run(args),
        Command::Page(args) => cmd::page::run(args),
    };
    // A prompt that returned because of Ctrl-C ends as interrupted, not as a read error.
    interrupt::end_if_interrupted();
    let code = match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.code == 0 => ExitCode::SUCCESS,
        Err(e) => {
            print_error(&e);
            ExitCode::from(e.code)
        }
    };
    // The commands ran in stack frames below this one: overwrite what they left there.
    hygiene::wipe_stack();
    code
}

/// Prints the `error:` and `hint:` lines. An argument that looks like a secret is never
/// echoed: it is named by its position, and the hint says to clear the shell history.
fn print_error(e: &CliError) {
    let (what, secret_arg) = argsafe::redact_argv(&e.what);
    let hint = if secret_arg {
        argsafe::HISTORY_HINT.to_string()
    } else {
        e.hint.clone()
    };
    eprintln!("error: {what}");
    eprintln!("hint: {hint}");
}

/// Recasts a command-line error from clap as an `error:` line and a `hint:` line.
fn usage_error(e: &clap::Error) -> CliError {
    let text = e.render().to_string();
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let what = lines
        .next()
        .unwrap_or("the command line is not valid")
        .trim_start_matches("error: ")
        .to_string();
    let rest: Vec<&str> = lines.collect();
    let mut hint = String::new();
    for line in &rest {
        if let Some(tip) = line.strip_prefix("tip: ") {
            hint.push_str(tip);
            hint.push_str("; ");
        } else if line.starts_with("[possible values") {
            hint.push_str(line.trim_matches(|c| c == '[' || c == ']'));
            hint.push_str("; ");
        }
    }
    match rest.iter().find_map(|l| l.strip_prefix("Usage: ")) {
        Some(usage) => hint.push_str(&format!("usage: {usage} (add --help to see every option)")),
        None => hint.push_str("run seedshard COMMAND --help to see every option"),
    }
    CliError::input(what, hint)
}

/// Maps a failed write to standard output; a closed pipe ends the program quietly.
pub fn write_error(e: std::io::Error) -> CliError {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        return CliError {
            what: String::new(),
            hint: String::new(),
            code: 0,
        };
    }
    CliError::input(
        format!("cannot write to standard output: {}", io::io_reason(&e)),
        "check where the output goes",
    )
}
