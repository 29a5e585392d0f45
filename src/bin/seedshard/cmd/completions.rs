//! `seedshard completions SHELL`: a completion script generated from the clap definition.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::error::CliResult;

/// Writes the completion script for the chosen shell to standard output.
pub fn run(args: &CompletionsArgs) -> CliResult {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "seedshard", &mut script);
    std::io::stdout()
        .lock()
        .write_all(&script)
        .map_err(crate::write_error)
}
