//! Two-level sharing: a plan of groups, splitting a master secret by it, and combining
//! shares back (SLIP-0039, "Two-level scheme").

use alloc::vec::Vec;
use core::fmt;
use core::str::FromStr;

use zeroize::Zeroizing;

use super::cipher;
use super::shamir::{self, RawShare};
use super::share::{Identifier, IterationExponent, Share, MAX_SHARE_COUNT};
use crate::secret::{MasterSecret, Passphrase};

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

/// How far one group is from its threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupProgress {
    /// 0-based group index.
    pub group_index: u8,
    /// Distinct member shares given.
    pub have: u8,
    /// Members the group needs.
    pub need: u8,
}

impl GroupProgress {
    /// Shares still missing (0 when complete).
    pub fn missing(&self) -> u8 {
        self.need.saturating_sub(self.have)
    }
}

/// Why shares do not combine. `share` numbers are 1-based positions in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CombineError {
    /// No shares were given.
    NoShares,
    /// A share belongs to another set (different identifier) than share 1.
    DifferentSet {
        /// The share that differs.
        share: usize,
    },
    /// A share has the same identifier but other set parameters (extendable flag, iteration
    /// exponent, group threshold or group count) than share 1.
    InconsistentParameters {
        /// The share that differs.
        share: usize,
        /// Which field differs.
        field: &'static str,
    },
    /// Two shares of a group state different member thresholds.
    MemberThresholdMismatch {
        /// The share that differs from the first of its group.
        share: usize,
        /// 0-based group index.
        group_index: u8,
    },
    /// Two shares of a group have the same member index and different values.
    DuplicateMemberIndex {
        /// The earlier share.
        first: usize,
        /// The later share.
        second: usize,
        /// 0-based group index.
        group_index: u8,
        /// 0-based member index.
        member_index: u8,
    },
    /// Shares with different value lengths.
    LengthMismatch {
        /// The share whose length differs from share 1.
        share: usize,
    },
    /// Not enough shares: the progress of each group that has any, and how many complete
    /// groups there are against the group threshold.
    NotEnoughShares {
        /// Groups that have enough shares.
        complete_groups: u8,
        /// Groups needed.
        group_threshold: u8,
        /// Groups in the set.
        group_count: u8,
        /// Each group that has at least one share.
        groups: Vec<GroupProgress>,
    },
    /// The shares of a group (or the groups) interpolate to a secret whose digest fails: one
    /// of them is wrong.
    Digest {
        /// 0-based group index, or `None` when combining the group secrets failed.
        group_index: Option<u8>,
    },
    /// A share beyond the threshold disagrees with the others.
    Disagrees {
        /// The share that does not lie on the others' polynomial.
        share: usize,
    },
    /// Complete groups beyond the group threshold disagree with the others.
    GroupDisagrees {
        /// 0-based group index.
        group_index: u8,
    },
}

impl fmt::Display for CombineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoShares => f.write_str("no shares were given"),
            Self::DifferentSet { share } => write!(
                f,
                "share {share} belongs to a different set than share 1 (its first words differ)"
            ),
            Self::InconsistentParameters { share, field } => write!(
                f,
                "share {share} has a different {field} than share 1, though both name the same set"
            ),
            Self::MemberThresholdMismatch { share, group_index } => write!(
                f,
                "share {share} states a different member threshold than the other shares of group {}",
                u16::from(*group_index) + 1
            ),
            Self::DuplicateMemberIndex {
                first,
                second,
                group_index,
                member_index,
            } => write!(
                f,
                "shares {first} and {second} are both member {} of group {} but differ",
                u16::from(*member_index) + 1,
                u16::from(*group_index) + 1
            ),
            Self::LengthMismatch { share } => write!(
                f,
                "share {share} has a different length than share 1"
            ),
            Self::NotEnoughShares {
                complete_groups,
                group_threshold,
                groups,
                ..
            } => {
                write!(f, "not enough shares: ")?;
                if *group_threshold > 1 {
                    write!(
                        f,
                        "{complete_groups} of the {group_threshold} groups needed are complete"
                    )?;
                    for g in groups.iter().filter(|g| g.missing() > 0) {
                        write!(
                            f,
                            "; group {} has {} of {}, {} more needed",
                            u16::from(g.group_index) + 1,
                            g.have,
                            g.need,
                            g.missing()
                        )?;
                    }
                    Ok(())
                } else {
                    let g = groups.first().copied().unwrap_or(GroupProgress {
                        group_index: 0,
                        have: 0,
                        need: 1,
                    });
                    write!(
                        f,
                        "{} of {} given, {} more needed",
                        g.have,
                        g.need,
                        g.missing()
                    )
                }
            }
            Self::Digest { group_index: Some(g) } => write!(
                f,
                "the shares of group {} do not fit together: one of them is wrong or from another set",
                u16::from(*g) + 1
            ),
            Self::Digest { group_index: None } => f.write_str(
                "the groups do not fit together: one group's shares are wrong or from another set",
            ),
            Self::Disagrees { share } => write!(
                f,
                "share {share} does not agree with the other shares of its group"
            ),
            Self::GroupDisagrees { group_index } => write!(
                f,
                "group {} does not agree with the other groups",
                u16::from(*group_index) + 1
            ),
        }
    }
}

impl core::error::Error for CombineError {}

/// Combines shares and decrypts the master secret with `passphrase`.
///
/// Exact duplicates are ignored; shares beyond a threshold are checked against the others.
///
/// # Errors
///
/// [`CombineError`] naming the first problem and the share it concerns.
pub fn combine(shares: &[Share], passphrase: &Passphrase) -> Result<MasterSecret, CombineError> {
    Ok(recover_ems(shares)?.decrypt(passphrase))
}

/// Combines shares into the encrypted master secret, without a passphrase.
///
/// # Errors
///
/// As [`combine`].
pub fn recover_ems(shares: &[Share]) -> Result<EncryptedMasterSecret, CombineError> {
    let first = shares.first().ok_or(CombineError::NoShares)?;
    let params = first.common_parameters();
    let value_len = first.value_len();

    // Input position of each distinct share, grouped by group index.
    let mut groups: Vec<Vec<usize>> = alloc::vec![Vec::new(); usize::from(params.group_count)];
    for (pos, share) in shares.iter().enumerate() {
        let p = share.common_parameters();
        if p.identifier != params.identifier {
            return Err(CombineError::DifferentSet { share: pos + 1 });
        }
        let field = if p.extendable != params.extendable {
            Some("extendable flag")
        } else if p.iteration_exponent != params.iteration_exponent {
            Some("iteration exponent")
        } else if p.group_threshold != params.group_threshold {
            Some("group threshold")
        } else if p.group_count != params.group_count {
            Some("group count")
        } else {
            None
        };
        if let Some(field) = field {
            return Err(CombineError::InconsistentParameters {
                share: pos + 1,
                field,
            });
        }
        if share.value_len() != value_len {
            return Err(CombineError::LengthMismatch { share: pos + 1 });
        }
        let members = &mut groups[usize::from(share.group_index())];
        if let Some(&other) = members.first() {
            if shares[other].member_threshold() != share.member_threshold() {
                return Err(CombineError::MemberThresholdMismatch {
                    share: pos + 1,
                    group_index: share.group_index(),
                });
            }
        }
        match members
            .iter()
            .find(|&&o| shares[o].member_index() == share.member_index())
        {
            Some(&o) if shares[o] == *share => {} // exact duplicate: ignore
            Some(&o) => {
                return Err(CombineError::DuplicateMemberIndex {
                    first: o + 1,
                    second: pos + 1,
                    group_index: share.group_index(),
                    member_index: share.member_index(),
                })
            }
            None => members.push(pos),
        }
    }

    let progress: Vec<GroupProgress> = groups
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.is_empty())
        .map(|(gi, m)| GroupProgress {
            group_index: gi as u8,
            have: m.len() as u8,
            need: shares[m[0]].member_threshold(),
        })
        .collect();
    let complete: Vec<u8> = progress
        .iter()
        .filter(|g| g.missing() == 0)
        .map(|g| g.group_index)
        .collect();
    if complete.len() < usize::from(params.group_threshold) {
        return Err(CombineError::NotEnoughShares {
            complete_groups: complete.len() as u8,
            group_threshold: params.group_threshold,
            group_count: params.group_count,
            groups: progress,
        });
    }

    let mut group_secrets: Vec<(u8, Zeroizing<Vec<u8>>)> = Vec::with_capacity(complete.len());
    for &gi in &complete {
        let members = &groups[usize::from(gi)];
        let threshold = shares[members[0]].member_threshold();
        let raw: Vec<RawShare<'_>> = members
            .iter()
            .map(|&p| RawShare {
                x: shares[p].member_index(),
                y: shares[p].expose_value(),
            })
            .collect();
        let (base, extra) = raw.split_at(usize::from(threshold));
        let secret = shamir::recover_secret(threshold, base).map_err(|_| CombineError::Digest {
            group_index: Some(gi),
        })?;
        for (k, e) in extra.iter().enumerate() {
            if !agrees(base, e) {
                return Err(CombineError::Disagrees {
                    share: members[usize::from(threshold) + k] + 1,
                });
            }
        }
        group_secrets.push((gi, secret));
    }

    let raw: Vec<RawShare<'_>> = group_secrets
        .iter()
        .map(|(gi, s)| RawShare { x: *gi, y: s })
        .collect();
    let (base, extra) = raw.split_at(usize::from(params.group_threshold));
    let ciphertext = shamir::recover_secret(params.group_threshold, base)
        .map_err(|_| CombineError::Digest { group_index: None })?;
    for e in extra {
        if !agrees(base, e) {
            return Err(CombineError::GroupDisagrees { group_index: e.x });
        }
    }
    Ok(EncryptedMasterSecret {
        identifier: params.identifier,
        extendable: params.extendable,
        iteration_exponent: params.iteration_exponent,
        ciphertext,
    })
}

/// True when `point` lies on the polynomial through `base`.
fn agrees(base: &[RawShare<'_>], point: &RawShare<'_>) -> bool {
    use subtle::ConstantTimeEq;
    let expected = shamir::interpolate(base, point.x);
    expected.ct_eq(point.y).into()
}
