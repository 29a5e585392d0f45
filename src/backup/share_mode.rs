//! The machine-readable mode line of a share file: `# seedshard: mode=slip39|entropy|seed`.

use core::fmt;
use core::str::FromStr;

use crate::bip39::Bip39Mode;

/// The prefix of the machine-readable line of a share file.
pub const MODE_LINE_PREFIX: &str = "# seedshard: mode=";

/// What secret a share file's shares hold, as recorded in its machine-readable line
/// `# seedshard: mode=slip39|entropy|seed` (written with every share set seedshard prints; a
/// comment, so every reader of share files, older seedshard included, skips it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ShareMode {
    /// A SLIP-39 master secret used directly, as a Trezor does.
    Slip39,
    /// The entropy of a BIP-39 phrase ([`Bip39Mode::Entropy`]).
    Entropy,
    /// The 64-byte seed of a BIP-39 phrase ([`Bip39Mode::Seed`]).
    Seed,
}

impl ShareMode {
    /// The word used in the mode line: `slip39`, `entropy` or `seed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Slip39 => "slip39",
            Self::Entropy => "entropy",
            Self::Seed => "seed",
        }
    }

    /// The mode line for a share file, e.g. `# seedshard: mode=entropy`.
    pub fn line(self) -> alloc::string::String {
        alloc::format!("{MODE_LINE_PREFIX}{}", self.as_str())
    }

    /// The BIP-39 bridging mode (none for a plain SLIP-39 secret).
    pub fn bip39_mode(self) -> Option<Bip39Mode> {
        match self {
            Self::Slip39 => None,
            Self::Entropy => Some(Bip39Mode::Entropy),
            Self::Seed => Some(Bip39Mode::Seed),
        }
    }
}

/// Why the mode of an existing set's shares cannot be settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ModeConflict {
    /// The mode given contradicts the share file's mode line.
    Contradicts {
        /// The mode given.
        given: ShareMode,
        /// The mode the share file says.
        file: ShareMode,
    },
    /// Neither a mode was given nor does the share file say one.
    Unknown,
}

impl fmt::Display for ModeConflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Contradicts { given, file } => write!(
                f,
                "the mode {given} contradicts the share file, which says mode={file}"
            ),
            Self::Unknown => f.write_str(
                "the share file does not say whether the shares were made from a BIP-39 phrase",
            ),
        }
    }
}

impl core::error::Error for ModeConflict {}

impl ShareMode {
    /// The mode of an existing set's shares: the one given, else the share file's. Without
    /// either nobody can say which wallet the shares open (the same shares are a Trezor
    /// wallet, or the entropy or seed of a BIP-39 phrase), so it is an error rather than a
    /// guess.
    ///
    /// # Errors
    ///
    /// [`ModeConflict`] when the two disagree, or neither is known.
    pub fn resolve(given: Option<Self>, file: Option<Self>) -> Result<Self, ModeConflict> {
        match (given, file) {
            (Some(given), Some(file)) if given != file => {
                Err(ModeConflict::Contradicts { given, file })
            }
            (Some(m), _) | (None, Some(m)) => Ok(m),
            (None, None) => Err(ModeConflict::Unknown),
        }
    }
}

impl From<Option<Bip39Mode>> for ShareMode {
    fn from(mode: Option<Bip39Mode>) -> Self {
        match mode {
            None => Self::Slip39,
            Some(Bip39Mode::Entropy) => Self::Entropy,
            Some(Bip39Mode::Seed) => Self::Seed,
        }
    }
}

impl fmt::Display for ShareMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A mode name that is none of `slip39`, `entropy`, `seed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct UnknownShareMode;

impl fmt::Display for UnknownShareMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown share mode; the modes are slip39, entropy and seed")
    }
}

impl core::error::Error for UnknownShareMode {}

impl FromStr for ShareMode {
    type Err = UnknownShareMode;

    /// Reads a mode name in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "slip39" => Ok(Self::Slip39),
            "entropy" => Ok(Self::Entropy),
            "seed" => Ok(Self::Seed),
            _ => Err(UnknownShareMode),
        }
    }
}

/// One `mode=` field found in a `# seedshard:` line of a share file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModeLine<'a> {
    /// The 1-based line number.
    pub line: usize,
    /// The value after `mode=`, as written (not a secret: a comment of the share file).
    pub value: &'a str,
}

impl ModeLine<'_> {
    /// The mode the line names.
    ///
    /// # Errors
    ///
    /// [`UnknownShareMode`] for a value that is no mode.
    pub fn mode(&self) -> Result<ShareMode, UnknownShareMode> {
        self.value.parse()
    }
}

/// Every `mode=` field of the `# seedshard:` lines in `text` (any spacing, the value in any
/// case), in order.
pub fn mode_lines(text: &str) -> impl Iterator<Item = ModeLine<'_>> {
    text.lines().enumerate().flat_map(|(i, line)| {
        let fields = line
            .trim_start()
            .strip_prefix('#')
            .and_then(|rest| rest.trim_start().strip_prefix("seedshard:"))
            .unwrap_or("");
        fields
            .split_whitespace()
            .filter_map(|field| field.strip_prefix("mode="))
            .map(move |value| ModeLine { line: i + 1, value })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mode_line_reads_back_what_it_writes() {
        for mode in [ShareMode::Slip39, ShareMode::Entropy, ShareMode::Seed] {
            let text = alloc::format!("# a comment\n{}\nword word\n", mode.line());
            let found: alloc::vec::Vec<_> = mode_lines(&text).collect();
            assert_eq!(found.len(), 1);
            assert_eq!(found[0].line, 2);
            assert_eq!(found[0].mode(), Ok(mode));
            assert_eq!(ShareMode::from(mode.bip39_mode()), mode);
        }
    }

    #[test]
    fn the_mode_given_wins_only_when_the_file_agrees_or_is_silent() {
        use ShareMode::*;
        assert_eq!(ShareMode::resolve(Some(Seed), None), Ok(Seed));
        assert_eq!(ShareMode::resolve(None, Some(Entropy)), Ok(Entropy));
        assert_eq!(ShareMode::resolve(Some(Slip39), Some(Slip39)), Ok(Slip39));
        assert_eq!(
            ShareMode::resolve(Some(Seed), Some(Entropy)),
            Err(ModeConflict::Contradicts {
                given: Seed,
                file: Entropy
            })
        );
        assert_eq!(ShareMode::resolve(None, None), Err(ModeConflict::Unknown));
    }

    #[test]
    fn spacing_and_case_are_free_and_unknown_modes_are_named() {
        let text = "  #seedshard:  mode=ENTROPY\n# seedshard: mode=bogus\n# seedshard mode=seed\n";
        let found: alloc::vec::Vec<_> = mode_lines(text).collect();
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].mode(), Ok(ShareMode::Entropy));
        assert_eq!(found[1].value, "bogus");
        assert_eq!(found[1].mode(), Err(UnknownShareMode));
    }
}
