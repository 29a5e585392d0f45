//! The `seedshard` command-line tool: a thin layer over the `seedshard` library.

#![forbid(unsafe_code)]

mod bridge;
mod cli;
mod cmd;
mod error;
mod hygiene;
mod io;
mod output;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};
use crate::error::{CliError, EXIT_USAGE};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let _ = hygiene::harden();
    let result = match &cli.command {
        Command::Split(args) => cmd::split::run(args),
        Command::Combine(args) => cmd::combine::run(args),
        Command::Verify(args) => cmd::verify::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Inspect(args) => cmd::inspect::run(args),
        Command::Reissue(args) => cmd::reissue::run(args),
        Command::Extend(args) => cmd::extend::run(args),
        Command::Cards(args) => cmd::cards::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.code == 0 => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", e.what);
            eprintln!("hint: {}", e.hint);
            ExitCode::from(e.code)
        }
    }
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
