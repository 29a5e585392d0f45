//! The mode of a set read from several share files: their `# seedshard: mode=` lines must
//! agree.

use core::fmt;

use super::share_mode::{mode_lines, ModeLine, ShareMode};

/// Why the mode lines of the files read cannot be followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FilesModeError<'a> {
    /// A mode line names no mode seedshard knows.
    Unknown {
        /// 0-based place of the file among those read.
        file: usize,
        /// The line.
        line: ModeLine<'a>,
    },
    /// Two mode lines disagree.
    Disagree {
        /// The first mode line read: its file (0-based place) and line.
        first: (usize, usize),
        /// Its mode.
        first_mode: ShareMode,
        /// The line that disagrees: its file and line.
        other: (usize, usize),
        /// Its mode.
        other_mode: ShareMode,
    },
}

impl fmt::Display for FilesModeError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unknown { line, .. } => write!(
                f,
                "unknown mode {:?} in the seedshard line {}",
                line.value, line.line
            ),
            Self::Disagree {
                first_mode,
                other_mode,
                ..
            } => write!(
                f,
                "one file says the shares are {first_mode}, another says {other_mode}"
            ),
        }
    }
}

impl core::error::Error for FilesModeError<'_> {}

/// The mode the mode lines of `texts` name, `None` when no text has one.
///
/// # Errors
///
/// [`FilesModeError`] for a line naming an unknown mode, or lines that disagree.
pub fn files_mode<'a>(
    texts: impl IntoIterator<Item = &'a str>,
) -> Result<Option<ShareMode>, FilesModeError<'a>> {
    let mut found: Option<(ShareMode, (usize, usize))> = None;
    for (file, text) in texts.into_iter().enumerate() {
        for line in mode_lines(text) {
            let mode = line
                .mode()
                .map_err(|_| FilesModeError::Unknown { file, line })?;
            match found {
                Some((first_mode, first)) if first_mode != mode => {
                    return Err(FilesModeError::Disagree {
                        first,
                        first_mode,
                        other: (file, line.line),
                        other_mode: mode,
                    })
                }
                Some(_) => {}
                None => found = Some((mode, (file, line.line))),
            }
        }
    }
    Ok(found.map(|(m, _)| m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_must_agree_on_the_mode() {
        let entropy = "# seedshard: mode=entropy\nword word\n";
        let seed = "x\n# seedshard: mode=seed\n";
        assert_eq!(files_mode(["a\n", "b\n"]), Ok(None));
        assert_eq!(
            files_mode([entropy, "b\n", entropy]),
            Ok(Some(ShareMode::Entropy))
        );
        assert_eq!(
            files_mode([entropy, seed]),
            Err(FilesModeError::Disagree {
                first: (0, 1),
                first_mode: ShareMode::Entropy,
                other: (1, 2),
                other_mode: ShareMode::Seed,
            })
        );
        match files_mode(["ok\n", "# seedshard: mode=bip39\n"]) {
            Err(FilesModeError::Unknown { file: 1, line }) => {
                assert_eq!((line.line, line.value), (1, "bip39"));
            }
            other => panic!("{other:?}"),
        }
    }
}
