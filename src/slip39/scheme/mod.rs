//! Two-level sharing: a plan of groups, splitting a master secret by it, and combining
//! shares back (SLIP-0039, "Two-level scheme").

use alloc::vec::Vec;
use core::fmt;
use core::str::FromStr;

use zeroize::Zeroizing;

use super::cipher;
use super::shamir;
use super::share::{Identifier, IterationExponent, Share, MAX_SHARE_COUNT};
use crate::secret::{MasterSecret, Passphrase};

mod combine;

pub use combine::{
    combine, differing_parameter, recover_ems, CombineError, GroupProgress, SetParameter,
};

/// One group of a plan: `threshold` of its `count` members are needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GroupSpec {
    threshold: u8,
    count: u8,
}

/// Why a plan or group is not valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PlanError {
    /// A group's threshold or count is 0, or more than 16.
    OutOfRange {
        /// 1-based group number (0 when parsing a lone group).
        group: usize,
    },
    /// A group's threshold is greater than its member count.
    ThresholdExceedsCount {
        /// 1-based group number (0 when parsing a lone group).
        group: usize,
    },
    /// A group with several members and threshold 1: SLIP-39 forbids it, since every member
    /// would hold the group secret itself. Use 1-of-1 instead.
    ThresholdOneWithSeveralMembers {
        /// 1-based group number (0 when parsing a lone group).
        group: usize,
    },
    /// No groups, or more than 16.
    GroupCount {
        /// Groups given.
        count: usize,
    },
    /// The group threshold is 0 or greater than the number of groups.
    GroupThreshold {
        /// The group threshold given.
        threshold: usize,
        /// Groups in the plan.
        count: usize,
    },
    /// Text that is not of the form `TofN` (for example `2of3`).
    Syntax,
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let which = |f: &mut fmt::Formatter<'_>, group: usize| {
            if group == 0 {
                f.write_str("the group")
            } else {
                write!(f, "group {group}")
            }
        };
        match *self {
            Self::OutOfRange { group } => {
                which(f, group)?;
                f.write_str(" must have between 1 and 16 members and a threshold between 1 and 16")
            }
            Self::ThresholdExceedsCount { group } => {
                which(f, group)?;
                f.write_str(" needs more shares than it has")
            }
            Self::ThresholdOneWithSeveralMembers { group } => {
                which(f, group)?;
                f.write_str(
                    " has threshold 1 with several members; SLIP-39 forbids this (every card \
                     would hold the group secret): use 1of1, or a threshold of 2 or more",
                )
            }
            Self::GroupCount { count } => {
                write!(f, "a plan has 1 to 16 groups, not {count}")
            }
            Self::GroupThreshold { threshold, count } => write!(
                f,
                "the group threshold is {threshold} but the plan has {count} groups; it must be 1 to {count}"
            ),
            Self::Syntax => f.write_str("a group is written as THRESHOLDofCOUNT, for example 2of3"),
        }
    }
}

impl core::error::Error for PlanError {}

impl GroupSpec {
    /// A group needing `threshold` of `count` members.
    ///
    /// # Errors
    ///
    /// [`PlanError`] when either is outside 1..=16, the threshold exceeds the count, or the
    /// threshold is 1 with more than one member.
    pub fn new(threshold: u8, count: u8) -> Result<Self, PlanError> {
        Self::checked(threshold, count, 0)
    }

    fn checked(threshold: u8, count: u8, group: usize) -> Result<Self, PlanError> {
        if !(1..=MAX_SHARE_COUNT).contains(&threshold) || !(1..=MAX_SHARE_COUNT).contains(&count) {
            return Err(PlanError::OutOfRange { group });
        }
        if threshold > count {
            return Err(PlanError::ThresholdExceedsCount { group });
        }
        if threshold == 1 && count > 1 {
            return Err(PlanError::ThresholdOneWithSeveralMembers { group });
        }
        Ok(Self { threshold, count })
    }

    /// Members needed.
    pub fn threshold(self) -> u8 {
        self.threshold
    }

    /// Members in all.
    pub fn count(self) -> u8 {
        self.count
    }
}

impl FromStr for GroupSpec {
    type Err = PlanError;

    /// Parses `TofN`, such as `2of3` (also `2-of-3` and `2/3`).
    fn from_str(s: &str) -> Result<Self, PlanError> {
        let s = s.trim().to_ascii_lowercase();
        let (t, n) = s
            .split_once("-of-")
            .or_else(|| s.split_once("of"))
            .or_else(|| s.split_once('/'))
            .ok_or(PlanError::Syntax)?;
        let t: u8 = t.trim().parse().map_err(|_| PlanError::Syntax)?;
        let n: u8 = n.trim().parse().map_err(|_| PlanError::Syntax)?;
        Self::new(t, n)
    }
}

impl fmt::Display for GroupSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}of{}", self.threshold, self.count)
    }
}

/// A validated sharing plan: groups, group threshold, iteration exponent and extendable flag.
///
/// # Examples
///
/// ```
/// use seedshard::{GroupSpec, MasterSecret, Passphrase, SplitPlan};
/// // 2 of 3 groups: the owner's own 1of1, family 2of3, friends 3of5.
/// let plan = SplitPlan::new(
///     2,
///     vec![GroupSpec::new(1, 1)?, GroupSpec::new(2, 3)?, GroupSpec::new(3, 5)?],
/// )?;
/// let secret = MasterSecret::new(vec![0x11; 16])?;
/// let set = plan.split(&secret, &Passphrase::empty())?;
/// assert_eq!(set.groups().len(), 3);
/// let pick: Vec<_> = set.groups()[1][..2].iter().chain(&set.groups()[2][..3]).cloned().collect();
/// assert_eq!(seedshard::combine(&pick, &Passphrase::empty())?, secret);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitPlan {
    group_threshold: u8,
    groups: Vec<GroupSpec>,
    iteration_exponent: IterationExponent,
    extendable: bool,
    identifier: Option<Identifier>,
}

impl SplitPlan {
    /// A plan of `groups`, any `group_threshold` of which recover the secret. Iteration
    /// exponent 1 and the extendable flag on, as Trezor does.
    ///
    /// # Errors
    ///
    /// [`PlanError`] for 0 or more than 16 groups, or a group threshold outside 1..=groups.
    pub fn new(group_threshold: u8, groups: Vec<GroupSpec>) -> Result<Self, PlanError> {
        if groups.is_empty() || groups.len() > usize::from(MAX_SHARE_COUNT) {
            return Err(PlanError::GroupCount {
                count: groups.len(),
            });
        }
        if group_threshold == 0 || usize::from(group_threshold) > groups.len() {
            return Err(PlanError::GroupThreshold {
                threshold: usize::from(group_threshold),
                count: groups.len(),
            });
        }
        for (i, g) in groups.iter().enumerate() {
            GroupSpec::checked(g.threshold, g.count, i + 1)?;
        }
        Ok(Self {
            group_threshold,
            groups,
            iteration_exponent: IterationExponent::DEFAULT,
            extendable: true,
            identifier: None,
        })
    }

    /// A single group: `threshold` of `count` shares.
    ///
    /// # Errors
    ///
    /// As [`GroupSpec::new`].
    pub fn single(threshold: u8, count: u8) -> Result<Self, PlanError> {
        Self::new(1, alloc::vec![GroupSpec::new(threshold, count)?])
    }

    /// Sets the iteration exponent.
    #[must_use]
    pub fn with_iteration_exponent(mut self, e: IterationExponent) -> Self {
        self.iteration_exponent = e;
        self
    }

    /// Sets the extendable flag (on by default).
    #[must_use]
    pub fn with_extendable(mut self, extendable: bool) -> Self {
        self.extendable = extendable;
        self
    }

    /// Fixes the identifier instead of drawing a random one (for tests and reproducible
    /// examples; real sets should use a random identifier).
    #[must_use]
    pub fn with_identifier(mut self, identifier: Identifier) -> Self {
        self.identifier = Some(identifier);
        self
    }

    /// Groups needed to recover.
    pub fn group_threshold(&self) -> u8 {
        self.group_threshold
    }

    /// The groups.
    pub fn groups(&self) -> &[GroupSpec] {
        &self.groups
    }

    /// The iteration exponent.
    pub fn iteration_exponent(&self) -> IterationExponent {
        self.iteration_exponent
    }

    /// The extendable flag.
    pub fn extendable(&self) -> bool {
        self.extendable
    }

    /// Encrypts `secret` with `passphrase` and splits it, drawing randomness from `rng`.
    ///
    /// # Errors
    ///
    /// None today for a valid secret; the `Result` leaves room for checks that depend on
    /// both the plan and the secret.
    pub fn split_with<R: rand_core::CryptoRng + ?Sized>(
        &self,
        secret: &MasterSecret,
        passphrase: &Passphrase,
        rng: &mut R,
    ) -> Result<ShareSet, SplitError> {
        let identifier = self.identifier.unwrap_or_else(|| Identifier::random(rng));
        let ems = EncryptedMasterSecret::encrypt(
            secret,
            passphrase,
            identifier,
            self.extendable,
            self.iteration_exponent,
        );
        self.split_encrypted_with(&ems, identifier, rng)
    }

    /// As [`SplitPlan::split_with`], with the operating system's generator.
    ///
    /// # Errors
    ///
    /// As [`SplitPlan::split_with`].
    #[cfg(feature = "std")]
    #[cfg_attr(docsrs, doc(cfg(feature = "std")))]
    pub fn split(
        &self,
        secret: &MasterSecret,
        passphrase: &Passphrase,
    ) -> Result<ShareSet, SplitError> {
        self.split_with(secret, passphrase, &mut crate::os_rng())
    }

    /// Splits an already encrypted master secret into a new set under this plan: the way to
    /// issue a new set for an existing extendable wallet (same secret, same passphrase, new
    /// identifier and plan). The plan's own flag and exponent are replaced by the EMS's.
    ///
    /// # Errors
    ///
    /// [`SplitError::NotExtendable`] when the EMS lacks the extendable flag and the plan
    /// would need a new identifier: without the flag the identifier is part of the
    /// encryption, so a new one would change the wallet.
    pub fn split_encrypted<R: rand_core::CryptoRng + ?Sized>(
        &self,
        ems: &EncryptedMasterSecret,
        rng: &mut R,
    ) -> Result<ShareSet, SplitError> {
        let identifier = match (ems.extendable, self.identifier) {
            (true, Some(id)) => id,
            (true, None) => Identifier::random(rng),
            (false, Some(id)) if id == ems.identifier => id,
            (false, _) => return Err(SplitError::NotExtendable),
        };
        self.split_encrypted_with(ems, identifier, rng)
    }

    fn split_encrypted_with<R: rand_core::CryptoRng + ?Sized>(
        &self,
        ems: &EncryptedMasterSecret,
        identifier: Identifier,
        rng: &mut R,
    ) -> Result<ShareSet, SplitError> {
        let group_count = self.groups.len() as u8;
        let group_secrets =
            shamir::split_secret(self.group_threshold, group_count, &ems.ciphertext, rng);
        let groups = self
            .groups
            .iter()
            .zip(group_secrets.iter())
            .enumerate()
            .map(|(gi, (spec, group_secret))| {
                shamir::split_secret(spec.threshold, spec.count, group_secret, rng)
                    .into_iter()
                    .enumerate()
                    .map(|(mi, mut value)| {
                        Share::new(
                            identifier,
                            ems.extendable,
                            ems.iteration_exponent,
                            gi as u8,
                            self.group_threshold,
                            group_count,
                            mi as u8,
                            spec.threshold,
                            core::mem::take(&mut *value),
                        )
                    })
                    .collect()
            })
            .collect();
        Ok(ShareSet {
            identifier,
            extendable: ems.extendable,
            iteration_exponent: ems.iteration_exponent,
            group_threshold: self.group_threshold,
            groups,
        })
    }
}

/// Why splitting failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SplitError {
    /// A new identifier was asked for a set without the extendable flag.
    NotExtendable,
}

impl fmt::Display for SplitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotExtendable => f.write_str(
                "the set was made without the extendable flag, so a new set with a new \
                 identifier would restore a different wallet",
            ),
        }
    }
}

impl core::error::Error for SplitError {}

/// The shares of one set, by group.
#[derive(Debug, Clone)]
pub struct ShareSet {
    identifier: Identifier,
    extendable: bool,
    iteration_exponent: IterationExponent,
    group_threshold: u8,
    groups: Vec<Vec<Share>>,
}

impl ShareSet {
    /// The set's identifier.
    pub fn identifier(&self) -> Identifier {
        self.identifier
    }
    /// The extendable flag.
    pub fn extendable(&self) -> bool {
        self.extendable
    }
    /// The iteration exponent.
    pub fn iteration_exponent(&self) -> IterationExponent {
        self.iteration_exponent
    }
    /// Groups needed to recover.
    pub fn group_threshold(&self) -> u8 {
        self.group_threshold
    }
    /// The shares, one vector per group, in member order.
    pub fn groups(&self) -> &[Vec<Share>] {
        &self.groups
    }
    /// Every share, group by group.
    pub fn shares(&self) -> impl Iterator<Item = &Share> {
        self.groups.iter().flatten()
    }
}

/// The encrypted master secret (EMS) with the parameters needed to decrypt it.
#[derive(Clone)]
pub struct EncryptedMasterSecret {
    identifier: Identifier,
    extendable: bool,
    iteration_exponent: IterationExponent,
    ciphertext: Zeroizing<Vec<u8>>,
}

impl fmt::Debug for EncryptedMasterSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EncryptedMasterSecret")
            .field("identifier", &self.identifier.get())
            .field("extendable", &self.extendable)
            .field("iteration_exponent", &self.iteration_exponent.get())
            .field(
                "ciphertext",
                &format_args!("[REDACTED; {} bytes]", self.ciphertext.len()),
            )
            .finish()
    }
}

impl EncryptedMasterSecret {
    /// Encrypts `secret` (SLIP-0039 Feistel cipher).
    pub fn encrypt(
        secret: &MasterSecret,
        passphrase: &Passphrase,
        identifier: Identifier,
        extendable: bool,
        iteration_exponent: IterationExponent,
    ) -> Self {
        let ciphertext = cipher::encrypt(
            secret.expose_secret(),
            passphrase.expose_secret().as_bytes(),
            iteration_exponent,
            identifier,
            extendable,
        );
        Self {
            identifier,
            extendable,
            iteration_exponent,
            ciphertext,
        }
    }

    /// Decrypts with `passphrase`. Every passphrase gives a secret; a wrong one gives a
    /// different wallet, which is why seedshard shows fingerprints to compare.
    pub fn decrypt(&self, passphrase: &Passphrase) -> MasterSecret {
        let plain = cipher::decrypt(
            &self.ciphertext,
            passphrase.expose_secret().as_bytes(),
            self.iteration_exponent,
            self.identifier,
            self.extendable,
        );
        MasterSecret::from_checked(plain.to_vec())
    }

    /// The set's identifier.
    pub fn identifier(&self) -> Identifier {
        self.identifier
    }
    /// The extendable flag.
    pub fn extendable(&self) -> bool {
        self.extendable
    }
    /// The iteration exponent.
    pub fn iteration_exponent(&self) -> IterationExponent {
        self.iteration_exponent
    }
    /// The length of the secret in bytes.
    pub fn len(&self) -> usize {
        self.ciphertext.len()
    }
    /// Always false.
    pub fn is_empty(&self) -> bool {
        self.ciphertext.is_empty()
    }
}
