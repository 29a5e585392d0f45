//! Turning library results and errors into what a person (or a script) reads.

use std::io::Write;

use seedshard::{ParseShareError, ShareSet};
use serde::Serialize;

use crate::error::{CliError, CliResult};
use crate::io::Origin;

/// The error for a share that does not parse, naming the share, its origin and the word.
pub fn parse_error(number: usize, origin: &Origin, e: &ParseShareError) -> CliError {
    let hint = match e {
        ParseShareError::UnknownWord {
            position,
            suggestions,
        } => format!(
            "compare word {position} with the card{}; each word may be written whole or by its first 4 letters",
            closest_words(suggestions)
        ),
        ParseShareError::TooShort { .. }
        | ParseShareError::InvalidLength { .. }
        | ParseShareError::TooLong { .. } => "a share has 20 words (128-bit secret), 33 (256-bit) or 59 (512-bit); \
             check for a missing or extra word, or a share broken across two lines"
            .to_string(),
        ParseShareError::Checksum => {
            "compare every word with the card: one or more words were misread or mistyped".to_string()
        }
        _ => "this is not a valid SLIP-39 share; check it was copied from the right card".to_string(),
    };
    CliError::input(format!("share {number} ({origin}): {e}"), hint)
}

/// " (closest words in the list: a, b, c)" when a person is at the terminal, else nothing.
///
/// The words closest to a mistyped word usually include the real one, so they are never
/// written where output may be logged or piped: only to a terminal.
pub fn closest_words(suggestions: &[&str]) -> String {
    use std::io::IsTerminal;
    if suggestions.is_empty() || !std::io::stderr().is_terminal() {
        return String::new();
    }
    format!(" (closest words in the list: {})", suggestions.join(", "))
}

/// The JSON form of a share set (the scripting contract in the README).
pub use seedshard::report::backup::ShareSetReport as SplitJson;

/// Writes the shares of `set` for people: a comment line describing each share, then its
/// words, after the machine-readable mode line when the mode is known. The whole output is
/// valid input to `seedshard combine`.
pub fn write_share_set(
    out: &mut impl Write,
    set: &ShareSet,
    mode: Option<crate::io::ShareMode>,
) -> std::io::Result<()> {
    use seedshard::describe::backup::{members_needed, ShareLabel};
    let group_count = set.groups().len();
    let needed = if group_count == 1 {
        let g = &set.groups()[0];
        if g.len() == 1 {
            "its one share is needed".to_string()
        } else {
            format!("{} of {} shares needed", g[0].member_threshold(), g.len())
        }
    } else {
        format!("{} of {} groups needed", set.group_threshold(), group_count)
    };
    writeln!(
        out,
        "# SLIP-39 share set {}: {needed} (extendable: {}; iteration exponent {})",
        set.identifier(),
        if set.extendable() { "yes" } else { "no" },
        set.iteration_exponent()
    )?;
    if let Some(m) = mode {
        writeln!(out, "{}", m.line())?;
    }
    for (gi, group) in set.groups().iter().enumerate() {
        let t = group[0].member_threshold();
        writeln!(out, "#")?;
        if group_count > 1 {
            writeln!(
                out,
                "# Group {} of {}: needs {}",
                gi + 1,
                group_count,
                members_needed(t, u16::try_from(group.len()).unwrap_or(u16::MAX))
            )?;
        }
        for share in group {
            writeln!(out, "# {}", ShareLabel::new(share, group.len()).comment())?;
            writeln!(out, "{}", share.to_words().as_str())?;
        }
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
