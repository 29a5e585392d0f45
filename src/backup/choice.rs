//! What a person asks of a backup, checked before any input is read: the groups of the
//! plan ([`group_plan`]) and where the secret comes from ([`SourceChoice`]).
//!
//! A front end fills these from its options (the CLI's flags, a page's fields) and gets
//! either what to read next or an error saying which choice is wrong;
//! [`crate::describe::options`] words the errors.

use core::fmt;

use super::default_group_threshold;
use crate::bip39::Bip39Mode;
use crate::slip39::scheme::{GroupSpec, PlanError, SplitPlan};

/// Why the groups asked for do not make a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum GroupPlanError {
    /// One group is not written THRESHOLDofCOUNT within range.
    Group {
        /// 1-based place of the group in the order given.
        group: usize,
        /// What is wrong with it.
        error: PlanError,
    },
    /// Several groups and no group threshold: how many groups are needed is the heart of
    /// the plan, so there is no default.
    NoGroupThreshold {
        /// Groups given.
        groups: usize,
    },
    /// The groups do not make a plan together (for example a group threshold above the
    /// number of groups).
    Plan(PlanError),
}

impl fmt::Display for GroupPlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Group { group, error } => write!(f, "group {group}: {error}"),
            Self::NoGroupThreshold { groups } => {
                write!(f, "{groups} groups were given but not how many are needed")
            }
            Self::Plan(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl core::error::Error for GroupPlanError {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            Self::Group { error, .. } => Some(error),
            Self::Plan(e) => Some(e),
            Self::NoGroupThreshold { .. } => None,
        }
    }
}

/// The plan of groups written THRESHOLDofCOUNT (`2of3`), with `group_threshold` groups
/// needed (by default 1 when there is one group).
///
/// # Errors
///
/// [`GroupPlanError`] naming the first group that is wrong, the missing group threshold, or
/// why the groups do not make a plan.
///
/// # Examples
///
/// ```
/// use seedshard::backup::{group_plan, GroupPlanError};
/// let plan = group_plan(&["2of3"], None)?;
/// assert_eq!(plan.group_threshold(), 1);
/// assert_eq!(
///     group_plan(&["2of3", "1of1"], None).unwrap_err(),
///     GroupPlanError::NoGroupThreshold { groups: 2 }
/// );
/// # Ok::<(), GroupPlanError>(())
/// ```
pub fn group_plan<S: AsRef<str>>(
    groups: &[S],
    group_threshold: Option<u8>,
) -> Result<SplitPlan, GroupPlanError> {
    let mut specs = alloc::vec::Vec::with_capacity(groups.len());
    for (i, g) in groups.iter().enumerate() {
        let spec: GroupSpec = g.as_ref().parse().map_err(|error| GroupPlanError::Group {
            group: i + 1,
            error,
        })?;
        specs.push(spec);
    }
    let n = specs.len();
    let threshold = group_threshold
        .or(default_group_threshold(n))
        .ok_or(GroupPlanError::NoGroupThreshold { groups: n })?;
    SplitPlan::new(threshold, specs).map_err(GroupPlanError::Plan)
}

/// Where a person asked the secret of a new backup to come from, before anything is read:
/// which of the ways were named, and the BIP-39 mode if one was given.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SourceChoice {
    /// A new secret of this many bits was asked for (a new phrase with a BIP-39 mode).
    pub generate: Option<u16>,
    /// A master secret written in hex was named.
    pub secret_hex: bool,
    /// A BIP-39 phrase was named (a file).
    pub phrase: bool,
    /// A picture of a SeedQR was named.
    pub seedqr_image: bool,
    /// How a BIP-39 phrase becomes the master secret, if given.
    pub bip39_mode: Option<Bip39Mode>,
    /// A BIP-39 passphrase was named.
    pub bip39_passphrase: bool,
}

/// Where the secret comes from, once the choice is checked: what the front end reads next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SourceKind {
    /// A new random master secret of `bits` bits.
    Generate {
        /// 128 or 256.
        bits: usize,
    },
    /// A master secret written in hex.
    SecretHex,
    /// A BIP-39 phrase given (or, with none named, asked for), bridged in `mode`.
    Bip39 {
        /// The bridging mode.
        mode: Bip39Mode,
    },
    /// A BIP-39 phrase read from a SeedQR picture, bridged in `mode`.
    Bip39Scan {
        /// The bridging mode.
        mode: Bip39Mode,
    },
    /// A new BIP-39 phrase of `bits` bits, bridged in entropy mode.
    NewBip39 {
        /// 128 or 256.
        bits: usize,
    },
}

/// Why a choice of secret cannot be followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SourceChoiceError {
    /// No way to get a secret was named.
    NoSource,
    /// A new secret of a strength seedshard does not generate.
    Strength {
        /// Bits asked for.
        bits: u16,
    },
    /// A new BIP-39 phrase of a strength seedshard does not generate.
    PhraseStrength {
        /// Bits asked for.
        bits: u16,
    },
    /// A SeedQR picture without a BIP-39 mode.
    ScanWithoutMode,
    /// A BIP-39 phrase without a BIP-39 mode.
    PhraseWithoutMode,
    /// A BIP-39 passphrase without a BIP-39 phrase.
    PassphraseWithoutPhrase,
    /// A new phrase in seed mode: the shares could never give the phrase back.
    GenerateSeedMode,
}

impl fmt::Display for SourceChoiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoSource => f.write_str("no secret to split was named"),
            Self::Strength { bits } => {
                write!(f, "seedshard generates 128- or 256-bit secrets, not {bits}")
            }
            Self::PhraseStrength { bits } => write!(
                f,
                "seedshard generates 128- or 256-bit BIP-39 phrases (12 or 24 words), not {bits}"
            ),
            Self::ScanWithoutMode => f.write_str("a SeedQR needs a BIP-39 mode"),
            Self::PhraseWithoutMode => f.write_str("a BIP-39 phrase needs a BIP-39 mode"),
            Self::PassphraseWithoutPhrase => {
                f.write_str("a BIP-39 passphrase applies only to a BIP-39 phrase")
            }
            Self::GenerateSeedMode => f.write_str(
                "a new phrase in seed mode would make shares that can never give back the phrase",
            ),
        }
    }
}

impl core::error::Error for SourceChoiceError {}

impl SourceChoice {
    /// Checks the choice: what to read (or generate) next.
    ///
    /// Anything about BIP-39 (a mode, a phrase, a SeedQR, a BIP-39 passphrase) makes it a
    /// BIP-39 backup, which needs its mode; without any, a new secret or a hex secret.
    ///
    /// # Errors
    ///
    /// [`SourceChoiceError`] saying which choice is missing or does not fit.
    pub fn check(&self) -> Result<SourceKind, SourceChoiceError> {
        let strength = |bits: u16| matches!(bits, 128 | 256).then_some(usize::from(bits));
        let bip39 =
            self.bip39_mode.is_some() || self.seedqr_image || self.phrase || self.bip39_passphrase;
        if !bip39 {
            return match (self.generate, self.secret_hex) {
                (Some(bits), false) => strength(bits)
                    .map(|bits| SourceKind::Generate { bits })
                    .ok_or(SourceChoiceError::Strength { bits }),
                (None, true) => Ok(SourceKind::SecretHex),
                _ => Err(SourceChoiceError::NoSource),
            };
        }
        let Some(mode) = self.bip39_mode else {
            return Err(if self.seedqr_image {
                SourceChoiceError::ScanWithoutMode
            } else if self.phrase {
                SourceChoiceError::PhraseWithoutMode
            } else {
                SourceChoiceError::PassphraseWithoutPhrase
            });
        };
        match (self.generate, mode) {
            (Some(_), Bip39Mode::Seed) => Err(SourceChoiceError::GenerateSeedMode),
            (Some(bits), _) => strength(bits)
                .map(|bits| SourceKind::NewBip39 { bits })
                .ok_or(SourceChoiceError::PhraseStrength { bits }),
            (None, mode) if self.seedqr_image => Ok(SourceKind::Bip39Scan { mode }),
            (None, mode) => Ok(SourceKind::Bip39 { mode }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_plans_name_the_group_at_fault() {
        let plan = group_plan(&["2of3", "3of5"], Some(2)).unwrap();
        assert_eq!(plan.group_threshold(), 2);
        assert_eq!(plan.groups().len(), 2);
        assert!(matches!(
            group_plan(&["2of3", "4of3"], Some(1)),
            Err(GroupPlanError::Group { group: 2, .. })
        ));
        assert_eq!(
            group_plan(&["2of3", "2of3"], None),
            Err(GroupPlanError::NoGroupThreshold { groups: 2 })
        );
        assert!(matches!(
            group_plan(&["2of3", "2of3"], Some(3)),
            Err(GroupPlanError::Plan(PlanError::GroupThreshold { .. }))
        ));
        assert_eq!(group_plan(&["1of1"], None).unwrap().group_threshold(), 1);
    }

    #[test]
    fn source_choices_follow_the_rules() {
        let c = |f: fn(&mut SourceChoice)| {
            let mut choice = SourceChoice::default();
            f(&mut choice);
            choice.check()
        };
        assert_eq!(c(|_| {}), Err(SourceChoiceError::NoSource));
        assert_eq!(
            c(|c| c.generate = Some(256)),
            Ok(SourceKind::Generate { bits: 256 })
        );
        assert_eq!(
            c(|c| c.generate = Some(192)),
            Err(SourceChoiceError::Strength { bits: 192 })
        );
        assert_eq!(c(|c| c.secret_hex = true), Ok(SourceKind::SecretHex));
        assert_eq!(
            c(|c| c.phrase = true),
            Err(SourceChoiceError::PhraseWithoutMode)
        );
        assert_eq!(
            c(|c| c.seedqr_image = true),
            Err(SourceChoiceError::ScanWithoutMode)
        );
        assert_eq!(
            c(|c| c.bip39_passphrase = true),
            Err(SourceChoiceError::PassphraseWithoutPhrase)
        );
        assert_eq!(
            c(|c| {
                c.generate = Some(128);
                c.bip39_mode = Some(Bip39Mode::Seed);
            }),
            Err(SourceChoiceError::GenerateSeedMode)
        );
        assert_eq!(
            c(|c| {
                c.generate = Some(160);
                c.bip39_mode = Some(Bip39Mode::Entropy);
            }),
            Err(SourceChoiceError::PhraseStrength { bits: 160 })
        );
        assert_eq!(
            c(|c| {
                c.generate = Some(128);
                c.bip39_mode = Some(Bip39Mode::Entropy);
            }),
            Ok(SourceKind::NewBip39 { bits: 128 })
        );
        assert_eq!(
            c(|c| {
                c.seedqr_image = true;
                c.bip39_mode = Some(Bip39Mode::Seed);
            }),
            Ok(SourceKind::Bip39Scan {
                mode: Bip39Mode::Seed
            })
        );
        // With a mode alone, the phrase is asked for.
        assert_eq!(
            c(|c| c.bip39_mode = Some(Bip39Mode::Entropy)),
            Ok(SourceKind::Bip39 {
                mode: Bip39Mode::Entropy
            })
        );
    }
}
