//! Combining shares back into the encrypted master secret (SLIP-0039, "Two-level scheme",
//! recovery), and which set parameter two shares of one identifier disagree on.

use alloc::vec::Vec;
use core::fmt;

use zeroize::Zeroizing;

use super::EncryptedMasterSecret;
use crate::secret::{MasterSecret, Passphrase};
use crate::slip39::shamir::{self, RawShare};
use crate::slip39::share::Share;

/// A parameter that every share of a set has in common, beyond its identifier: what two
/// shares naming the same set can still disagree on (a damaged or tampered share).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SetParameter {
    /// The extendable flag (word 2).
    Extendable,
    /// The iteration exponent (word 2).
    IterationExponent,
    /// The group threshold (word 3).
    GroupThreshold,
    /// The group count (words 3 and 4).
    GroupCount,
    /// The length of the share value, and so the number of words.
    Length,
}

impl SetParameter {
    /// Its name in a sentence: "extendable flag", "iteration exponent", "group threshold",
    /// "group count", "number of words".
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Extendable => "extendable flag",
            Self::IterationExponent => "iteration exponent",
            Self::GroupThreshold => "group threshold",
            Self::GroupCount => "group count",
            Self::Length => "number of words",
        }
    }
}

impl fmt::Display for SetParameter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The first set parameter (in the order of [`SetParameter`]'s variants) on which `b`
/// differs from `a`, or `None` when they agree on all. The identifier is not compared: the
/// question is what differs between two shares that name the same set. [`recover_ems`] and
/// every diagnosis of a pile of shares ask this one function, so they name the same field.
pub fn differing_parameter(a: &Share, b: &Share) -> Option<SetParameter> {
    let (p, q) = (a.common_parameters(), b.common_parameters());
    if p.extendable != q.extendable {
        Some(SetParameter::Extendable)
    } else if p.iteration_exponent != q.iteration_exponent {
        Some(SetParameter::IterationExponent)
    } else if p.group_threshold != q.group_threshold {
        Some(SetParameter::GroupThreshold)
    } else if p.group_count != q.group_count {
        Some(SetParameter::GroupCount)
    } else if a.value_len() != b.value_len() {
        Some(SetParameter::Length)
    } else {
        None
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

    /// How far each group is from its threshold, from the shares given to each group (a
    /// group without any is left out): distinct member indices against the threshold of
    /// the group's first share. The one computation of group progress, for [`recover_ems`]
    /// and the recovery engine.
    pub(crate) fn of_groups<'a, I>(groups: impl IntoIterator<Item = (u8, I)>) -> Vec<Self>
    where
        I: IntoIterator<Item = &'a Share>,
    {
        groups
            .into_iter()
            .filter_map(|(group_index, shares)| {
                let mut need = None;
                let mut members: Vec<u8> = Vec::new();
                for share in shares {
                    need.get_or_insert(share.member_threshold());
                    members.push(share.member_index());
                }
                members.sort_unstable();
                members.dedup();
                Some(Self {
                    group_index,
                    have: members.len() as u8,
                    need: need?,
                })
            })
            .collect()
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

    // Input position of each distinct share, grouped by group index.
    let mut groups: Vec<Vec<usize>> = alloc::vec![Vec::new(); usize::from(params.group_count)];
    for (pos, share) in shares.iter().enumerate() {
        let p = share.common_parameters();
        if p.identifier != params.identifier {
            return Err(CombineError::DifferentSet { share: pos + 1 });
        }
        match differing_parameter(first, share) {
            None => {}
            Some(SetParameter::Length) => {
                return Err(CombineError::LengthMismatch { share: pos + 1 })
            }
            Some(field) => {
                return Err(CombineError::InconsistentParameters {
                    share: pos + 1,
                    field: field.as_str(),
                })
            }
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

    let progress = GroupProgress::of_groups(
        groups
            .iter()
            .enumerate()
            .map(|(gi, m)| (gi as u8, m.iter().map(|&pos| &shares[pos]))),
    );
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
