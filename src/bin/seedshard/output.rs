//! Turning library results and errors into what a person (or a script) reads.

use std::io::Write;

use seedshard::{ParseShareError, ShareSet};
use serde::Serialize;

use crate::error::{CliError, CliResult};
use crate::io::Origin;

/// The error for a share that does not parse, naming the share, its origin and the word.
pub fn parse_error(number: usize, origin: &Origin, e: &ParseShareError) -> CliError {
    use std::io::IsTerminal;
    // The words closest to a mistyped word usually include the real one: a terminal only.
    let hint = seedshard::describe::recovery::parse_hint(e, std::io::stderr().is_terminal());
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

/// The JSON form of a split (the scripting contract in the README).
#[derive(Serialize)]
pub struct SplitJson {
    /// The set identifier.
    pub identifier: u16,
    /// The extendable flag.
    pub extendable: bool,
    /// The iteration exponent.
    pub iteration_exponent: u8,
    /// Groups needed.
    pub group_threshold: u8,
    /// The groups.
    pub groups: Vec<GroupJson>,
}

/// One group in [`SplitJson`].
#[derive(Serialize)]
pub struct GroupJson {
    /// Members needed.
    pub member_threshold: u8,
    /// The shares' words.
    pub shares: Vec<zeroize::Zeroizing<String>>,
    /// Each share's roll-call code, in the order of `shares`.
    pub rollcall: Vec<String>,
}

impl SplitJson {
    /// The JSON view of `set`.
    pub fn new(set: &ShareSet) -> Self {
        Self {
            identifier: set.identifier().get(),
            extendable: set.extendable(),
            iteration_exponent: set.iteration_exponent().get(),
            group_threshold: set.group_threshold(),
            groups: set
                .groups()
                .iter()
                .map(|g| GroupJson {
                    member_threshold: g[0].member_threshold(),
                    shares: g.iter().map(|s| s.to_words()).collect(),
                    rollcall: g
                        .iter()
                        .map(|s| seedshard::rollcall::RollCallCode::of(s).to_string())
                        .collect(),
                })
                .collect(),
        }
    }
}

/// Writes the shares of `set` for people: a comment line describing each share, then its
/// words, after the machine-readable mode line when the mode is known. The whole output is
/// valid input to `seedshard combine`.
pub fn write_share_set(
    out: &mut impl Write,
    set: &ShareSet,
    mode: Option<crate::io::ShareMode>,
) -> std::io::Result<()> {
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
                members_needed(t, group.len())
            )?;
        }
        for share in group {
            writeln!(
                out,
                "# {}",
                share_label(
                    share.member_index(),
                    group.len(),
                    t,
                    gi,
                    group_count,
                    set.group_threshold()
                )
            )?;
            writeln!(out, "{}", share.to_words().as_str())?;
        }
    }
    Ok(())
}

/// A plain-words label: "group 2 of 3, share 4 of 5; this group needs 3 of its 5 shares;
/// 2 of the 3 groups are needed".
pub fn share_label(
    member_index: u8,
    members: usize,
    member_threshold: u8,
    group_index: usize,
    groups: usize,
    group_threshold: u8,
) -> String {
    let share = u16::from(member_index) + 1;
    if groups == 1 {
        if members == 1 {
            format!("share {share} of 1; it alone is needed")
        } else {
            format!(
                "share {share} of {members}; {member_threshold} of the {members} shares are needed"
            )
        }
    } else {
        let groups_needed = if group_threshold == 1 {
            format!("any 1 of the {groups} groups is enough")
        } else {
            format!("{group_threshold} of the {groups} groups are needed")
        };
        format!(
            "group {} of {groups}, share {share} of {members}; this group needs {}; {groups_needed}",
            group_index + 1,
            members_needed(member_threshold, members),
        )
    }
}

/// "3 of its 5 shares", or "its one share" for a group of one.
fn members_needed(threshold: u8, members: usize) -> String {
    if members == 1 {
        "its one share".to_string()
    } else {
        format!("{threshold} of its {members} shares")
    }
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
    fn labels_say_one_share_and_one_group_in_the_singular() {
        assert_eq!(
            super::share_label(0, 1, 1, 0, 2, 2),
            "group 1 of 2, share 1 of 1; this group needs its one share; 2 of the 2 groups are needed"
        );
        assert_eq!(
            super::share_label(2, 5, 3, 1, 3, 1),
            "group 2 of 3, share 3 of 5; this group needs 3 of its 5 shares; any 1 of the 3 groups is enough"
        );
        assert_eq!(
            super::share_label(0, 1, 1, 0, 1, 1),
            "share 1 of 1; it alone is needed"
        );
        assert_eq!(
            super::share_label(1, 3, 2, 0, 1, 1),
            "share 2 of 3; 2 of the 3 shares are needed"
        );
    }

    #[test]
    fn hex_matches_std_formatting_for_every_byte() {
        let all: Vec<u8> = (0..=255).collect();
        let expected: String = all.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(super::hex(&all).as_str(), expected);
    }
}
