//! The CLI's error: one line saying what is wrong and where, a hint line saying what to do,
//! and an exit code.

use std::fmt;

/// Exit code: a check ran and found a problem.
pub const EXIT_CHECK_FAILED: u8 = 1;
/// Exit code: usage, input or I/O error.
pub const EXIT_USAGE: u8 = 2;

/// An error to report to the person at the terminal.
#[derive(Debug)]
pub struct CliError {
    /// What is wrong, and where (never secret material).
    pub what: String,
    /// What to do about it.
    pub hint: String,
    /// The process exit code.
    pub code: u8,
}

impl CliError {
    /// An input, usage or I/O error (exit code 2).
    pub fn input(what: impl fmt::Display, hint: impl fmt::Display) -> Self {
        Self {
            what: what.to_string(),
            hint: hint.to_string(),
            code: EXIT_USAGE,
        }
    }

    /// A check that ran and failed (exit code 1).
    pub fn check_failed(what: impl fmt::Display, hint: impl fmt::Display) -> Self {
        Self {
            what: what.to_string(),
            hint: hint.to_string(),
            code: EXIT_CHECK_FAILED,
        }
    }
}

/// Input past a limit of one recovery (labels "share N (SOURCE)"): exit code 2.
impl From<seedshard::slip39::recovery::LimitError<String>> for CliError {
    fn from(e: seedshard::slip39::recovery::LimitError<String>) -> Self {
        let (what, hint) = seedshard::describe::input::limit_error(&e);
        Self::input(what, hint)
    }
}

/// Shorthand for command results.
pub type CliResult<T = ()> = Result<T, CliError>;
