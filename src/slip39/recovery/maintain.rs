//! Replacing a lost share (reissue) and adding shares to an extendable set (extend), from
//! a set's shares without the master secret.

use super::*;

impl Recovery {
    /// [`Recovery::reissue`] for the group named, or, with `group_index` `None`, for the one
    /// group the shares given come from (as a person replacing a card usually gives only its
    /// group's shares).
    ///
    /// # Errors
    ///
    /// [`ReissueError::SeveralGroups`] when no group is named and the shares come from
    /// several; otherwise as [`Recovery::reissue`].
    pub fn reissue_in(
        &self,
        group_index: Option<u8>,
        member_index: u8,
    ) -> Result<Share, ReissueError> {
        let group = match group_index {
            Some(g) => g,
            None => match self.progress().ok_or(ReissueError::NoShares)?.groups[..] {
                [ref only] => only.group_index,
                _ => return Err(ReissueError::SeveralGroups),
            },
        };
        self.reissue(group, member_index)
    }

    /// A new share for member `member_index` (0-based) of group `group_index`, computed
    /// from the group's shares without the master secret: the group's polynomial evaluated
    /// at that member's x. Use it to replace a lost card (same index: the same share as the
    /// lost one) or to add a holder (an index never issued).
    ///
    /// # Errors
    ///
    /// [`ReissueError`] when the group lacks shares, they do not fit, the index is out of
    /// range, or that member's share is among those given already.
    pub fn reissue(&self, group_index: u8, member_index: u8) -> Result<Share, ReissueError> {
        let key = self.main_key().ok_or(ReissueError::NoShares)?;
        if group_index >= key.params.group_count {
            return Err(ReissueError::GroupOutOfRange {
                group_count: key.params.group_count,
            });
        }
        if member_index >= MAX_SHARE_COUNT {
            return Err(ReissueError::MemberOutOfRange);
        }
        let analysis = self.analyze();
        let good: Vec<usize> = (0..self.entries.len())
            .filter(|&i| {
                let e = &self.entries[i];
                analysis.status[i] == ShareStatus::Fits
                    && SetKey::of(&e.share) == key
                    && e.share.group_index() == group_index
            })
            .collect();
        let Some(first) = good.first().map(|&i| &self.entries[i]) else {
            let have = self.group_entries(key, group_index).count();
            let need = self
                .group_entries(key, group_index)
                .next()
                .map(|e| e.share.member_threshold());
            let unresolved = analysis.status.iter().zip(&self.entries).any(|(s, e)| {
                *s == ShareStatus::Unresolved
                    && SetKey::of(&e.share) == key
                    && e.share.group_index() == group_index
            });
            return Err(if unresolved {
                ReissueError::GroupUnresolved
            } else {
                ReissueError::NotEnoughShares { have, need }
            });
        };
        if let Some(&entry) = good
            .iter()
            .find(|&&i| self.entries[i].share.member_index() == member_index)
        {
            return Err(ReissueError::AlreadyGiven { entry });
        }
        let t = first.share.member_threshold();
        if t == 1 {
            // SLIP-39 forbids several members with threshold 1: the group's one card holds
            // the group secret itself.
            return Err(ReissueError::SingleCardGroup);
        }
        let base: Vec<RawShare<'_>> = good
            .iter()
            .take(usize::from(t))
            .map(|&i| RawShare {
                x: self.entries[i].share.member_index(),
                y: self.entries[i].share.expose_value(),
            })
            .collect();
        let mut value = shamir::interpolate(&base, member_index);
        let p = key.params;
        Ok(Share::new(
            p.identifier,
            p.extendable,
            p.iteration_exponent,
            group_index,
            p.group_threshold,
            p.group_count,
            member_index,
            t,
            core::mem::take(&mut *value),
        ))
    }

    /// A brand-new set under `plan` that restores the same wallet with the same
    /// passphrase: the recovered encrypted master secret split again under a new random
    /// identifier. The passphrase is not needed. The plan's extendable flag and iteration
    /// exponent are replaced by the set's.
    ///
    /// # Errors
    ///
    /// [`ExtendError::NotExtendable`] for a set made without the extendable flag (a new
    /// identifier would change the wallet), or [`ExtendError::Recovery`] when the set does
    /// not recover.
    pub fn extend<R: rand_core::CryptoRng + ?Sized>(
        &self,
        plan: &SplitPlan,
        rng: &mut R,
    ) -> Result<ShareSet, ExtendError> {
        let ems = self.recover().map_err(ExtendError::Recovery)?;
        if !ems.extendable() {
            return Err(ExtendError::NotExtendable);
        }
        let old = ems.identifier();
        let id = loop {
            let id = Identifier::random(rng);
            if id != old {
                break id;
            }
        };
        plan.clone()
            .with_identifier(id)
            .split_encrypted(&ems, rng)
            .map_err(|_| ExtendError::NotExtendable)
    }
}

/// Why a share could not be reissued.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReissueError {
    /// No shares were given.
    NoShares,
    /// The group index is not below the set's group count.
    GroupOutOfRange {
        /// Groups in the set.
        group_count: u8,
    },
    /// The member index is 16 or more.
    MemberOutOfRange,
    /// The group has fewer fitting shares than its threshold.
    NotEnoughShares {
        /// Shares of the group given.
        have: usize,
        /// The group's threshold, when known.
        need: Option<u8>,
    },
    /// The group's shares do not fit together.
    GroupUnresolved,
    /// The group needs 1 share and so has a single card, which holds the group secret:
    /// SLIP-39 allows no second member; copy the card instead.
    SingleCardGroup,
    /// That member's share is among those given (0-based entry).
    AlreadyGiven {
        /// The entry.
        entry: usize,
    },
    /// No group was named and the shares come from several groups.
    SeveralGroups,
}

impl fmt::Display for ReissueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoShares => f.write_str("no shares were given"),
            Self::GroupOutOfRange { group_count } => {
                write!(
                    f,
                    "the set has {group_count} groups; the group must be 1 to {group_count}"
                )
            }
            Self::MemberOutOfRange => f.write_str("a member number is 1 to 16"),
            Self::NotEnoughShares {
                have,
                need: Some(need),
            } => write!(
                f,
                "the group has {have} fitting shares; {need} are needed to make another"
            ),
            Self::NotEnoughShares { need: None, .. } => {
                f.write_str("no share of that group was given")
            }
            Self::GroupUnresolved => {
                f.write_str("the shares of that group do not fit together: one is wrong or damaged")
            }
            Self::SingleCardGroup => f.write_str(
                "the group needs 1 share and has a single card; SLIP-39 allows no other member",
            ),
            Self::AlreadyGiven { entry } => {
                write!(f, "share {} is that member's share already", entry + 1)
            }
            Self::SeveralGroups => f.write_str("the shares come from several groups"),
        }
    }
}

impl core::error::Error for ReissueError {}

/// Why a set could not be extended.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExtendError {
    /// The set was made without the extendable flag: its identifier is part of the
    /// encryption, so a new set (new identifier) would restore a different wallet.
    NotExtendable,
    /// The set does not recover.
    Recovery(RecoveryError),
}

impl fmt::Display for ExtendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotExtendable => f.write_str(
                "the set was made without the extendable flag, so a new set would restore a \
                 different wallet",
            ),
            Self::Recovery(e) => e.fmt(f),
        }
    }
}

impl core::error::Error for ExtendError {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            Self::Recovery(e) => Some(e),
            Self::NotExtendable => None,
        }
    }
}
