//! Turning library results and errors into what a person (or a script) reads.

use std::io::Write;

use seedshard::ShareSet;
use serde::Serialize;

use crate::error::{CliError, CliResult};

/// Writes the shares of `set` for people (see [`seedshard::backup::share_file_lines`]): the
/// whole output is valid input to `seedshard combine`.
pub fn write_share_set(
    out: &mut impl Write,
    set: &ShareSet,
    mode: Option<crate::io::ShareMode>,
) -> std::io::Result<()> {
    write_lines(out, &seedshard::backup::share_file_lines(set, mode))
}

/// Writes each line and a line end.
pub fn write_lines(out: &mut impl Write, lines: &[impl AsRef<str>]) -> std::io::Result<()> {
    for line in lines {
        writeln!(out, "{}", line.as_ref())?;
    }
    Ok(())
}

/// Writes `value` as pretty JSON and a newline.
pub fn write_json(out: &mut impl Write, value: &impl Serialize) -> CliResult {
    serde_json::to_writer_pretty(&mut *out, value).map_err(|e| match e.io_error_kind() {
        // A closed pipe (`| head`) ends quietly, as for plain output.
        Some(kind) => crate::write_error(std::io::Error::from(kind)),
        None => CliError::input(format!("cannot write output: {e}"), "check standard output"),
    })?;
    writeln!(out)
        .and_then(|()| out.flush())
        .map_err(crate::write_error)
}

/// Lowercase hex of `bytes` in a zeroizing string, without branches or table look-ups on
/// the (secret) bytes (see [`seedshard::hex`]).
pub fn hex(bytes: &[u8]) -> zeroize::Zeroizing<String> {
    seedshard::hex::encode(bytes)
}

#[cfg(test)]
mod tests {
    #[test]
    fn hex_matches_std_formatting_for_every_byte() {
        let all: Vec<u8> = (0..=255).collect();
        let expected: String = all.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(super::hex(&all).as_str(), expected);
    }
}
