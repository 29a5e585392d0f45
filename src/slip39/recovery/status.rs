//! What an analysis found: each share's status, the set's progress, the other sets, and
//! the words nothing confirms.

use super::*;

/// Words worked out in a share that the secret would be made from, which nothing
/// independent confirms: the set has no digest where this share is used (a threshold of 1),
/// no other share repeats it, and the person has not confirmed them.
///
/// The checksum that worked them out cannot also confirm them: each unreadable word uses up
/// 10 of its 30 bits and each corrected word 20, so a miscorrection goes unnoticed unless
/// something else checks the result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unconfirmed {
    /// The 0-based entry of the share.
    pub entry: usize,
    /// 1-based positions of the words worked out (filled in, corrected, put back, taken
    /// out, or taken from the other shares), as in the share's [`RepairNote`].
    pub positions: Vec<usize>,
    /// True when working them out used up the whole checksum (three unreadable words, or one
    /// unreadable and one wrong): nothing at all checked the share's other words.
    pub checksum_spent: bool,
}

impl fmt::Display for Unconfirmed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.positions.len();
        write!(
            f,
            "word{} {} {} worked out from the checksum and nothing confirms {} (this set has no \
             digest: a threshold of 1)",
            if n == 1 { "" } else { "s" },
            list_positions(&self.positions),
            if n == 1 { "was" } else { "were" },
            if n == 1 { "it" } else { "them" }
        )?;
        if self.checksum_spent {
            f.write_str(
                "; working them out used up the whole checksum: it has no strength left to check \
                 the share's other words, so one misread word there would go unnoticed",
            )?;
        }
        Ok(())
    }
}

/// "8", "8 and 9", "8, 9 and 10".
pub fn list_positions(positions: &[usize]) -> String {
    let mut out = String::new();
    for (i, p) in positions.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == positions.len() {
                " and "
            } else {
                ", "
            });
        }
        out.push_str(&alloc::format!("{p}"));
    }
    out
}

impl Unconfirmed {
    pub(super) fn of(entry: usize, note: &RepairNote) -> Self {
        let mut positions: Vec<usize> = note
            .fixes
            .iter()
            .map(|f| f.position)
            .chain(note.from_other_shares.iter().copied())
            .chain(note.extra_word)
            .collect();
        positions.sort_unstable();
        positions.dedup();
        Self {
            entry,
            positions,
            checksum_spent: note.checksum_used() >= repair::MAX_ERASURES,
        }
    }
}

/// How far a set is from recovering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// The set's identifier.
    pub identifier: Identifier,
    /// Groups needed.
    pub group_threshold: u8,
    /// Groups in the set.
    pub group_count: u8,
    /// Each group that has at least one share, by group index.
    pub groups: Vec<GroupProgress>,
    /// Groups with enough shares.
    pub complete_groups: u8,
}

impl Progress {
    /// True when enough groups have enough shares (whether they fit is for
    /// [`Recovery::analyze`] to say).
    pub fn is_complete(&self) -> bool {
        self.complete_groups >= self.group_threshold
    }

    /// One line per group with shares, then the groups line (for sets of several groups):
    /// `group 2: 1 of 3 shares, 2 more needed`, `groups complete: 1 of the 2 needed`.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        let shares = |n: u8| if n == 1 { "share" } else { "shares" };
        for g in &self.groups {
            let head = if self.group_count > 1 {
                alloc::format!("group {}: ", u16::from(g.group_index) + 1)
            } else {
                String::new()
            };
            let tail = if g.missing() == 0 {
                String::from("complete")
            } else {
                alloc::format!("{} more needed", g.missing())
            };
            if g.have > g.need {
                out.push(alloc::format!(
                    "{head}{} shares, {} needed, complete (the others are checked against them)",
                    g.have,
                    g.need
                ));
            } else {
                out.push(alloc::format!(
                    "{head}{} of {} {}, {tail}",
                    g.have,
                    g.need,
                    shares(g.need)
                ));
            }
        }
        if self.group_count > 1 {
            out.push(alloc::format!(
                "groups complete: {} of the {} needed",
                self.complete_groups,
                self.group_threshold
            ));
        }
        out
    }
}

impl fmt::Display for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, line) in self.lines().iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            f.write_str(line)?;
        }
        Ok(())
    }
}

/// What the checks found for one share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ShareStatus {
    /// It fits: part of a base whose digest holds, or on the polynomial of that base.
    Fits,
    /// Its group has too few shares to check it yet.
    Waiting,
    /// It does not lie on the polynomial of the other shares of its group (or states
    /// another member threshold): it is wrong, or it is the other of two conflicting shares.
    Disagrees,
    /// Its group fits together but disagrees with the other groups.
    GroupDisagrees,
    /// Its group's shares do not fit together and there are not enough of them to tell
    /// which is wrong.
    Unresolved,
    /// It repeats an earlier share (0-based entry `of`) exactly.
    Duplicate {
        /// The earlier entry.
        of: usize,
    },
    /// It belongs to another set.
    OtherSet,
}

impl ShareStatus {
    /// True when the status points at a problem with this share.
    pub fn is_problem(self) -> bool {
        matches!(
            self,
            Self::Disagrees | Self::GroupDisagrees | Self::Unresolved | Self::OtherSet
        )
    }
}

/// Shares of a set other than the one being recovered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherSet {
    pub(super) key: SetKey,
    /// The set's short name.
    pub name: String,
    /// True when it has the same identifier as the set being recovered but other
    /// parameters (a damaged or tampered share, not simply another set).
    pub same_identifier: bool,
    /// 0-based entries.
    pub entries: Vec<usize>,
}

/// Whether the set recovers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SetOutcome {
    /// No shares at all.
    NoShares,
    /// Not enough groups have enough fitting shares.
    Incomplete,
    /// Enough groups, but they do not fit together.
    GroupsDisagree,
    /// The set recovers and every share fits.
    Recovers,
    /// The set recovers from the shares that fit; some others do not.
    RecoversDespiteProblems,
}

/// What [`Recovery::analyze`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    /// One status per entry, in the order added.
    pub status: Vec<ShareStatus>,
    /// Progress of the set being recovered.
    pub progress: Option<Progress>,
    /// Shares set aside as belonging to other sets.
    pub other_sets: Vec<OtherSet>,
    /// Whether the set recovers.
    pub outcome: SetOutcome,
    /// True when the set recovers and a SLIP-39 digest confirms the shares used (every set
    /// except a lone 1-of-1 card, which has no digest to check).
    pub digest_checked: bool,
    /// Worked-out words in the shares used that nothing confirms (empty when the digest
    /// is checked): [`Recovery::recover`] refuses while any remain.
    pub unconfirmed: Vec<Unconfirmed>,
}

impl Analysis {
    /// True when the set recovers and no share has a problem.
    pub fn all_good(&self) -> bool {
        self.outcome == SetOutcome::Recovers && !self.status.iter().any(|s| s.is_problem())
    }

    /// True when the set recovers (perhaps leaving out shares that do not fit).
    pub fn recovers(&self) -> bool {
        matches!(
            self.outcome,
            SetOutcome::Recovers | SetOutcome::RecoversDespiteProblems
        )
    }
}

/// Why [`Recovery::recover`] failed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RecoveryError {
    /// No shares were given.
    NoShares,
    /// Not enough shares: the progress says which.
    NotEnoughShares(Progress),
    /// A group has enough shares but they do not fit together, and there is no further
    /// share to tell which is wrong.
    GroupUnresolved {
        /// 0-based group index.
        group_index: u8,
    },
    /// Enough groups, but their secrets do not fit together.
    GroupsUnresolved,
    /// The set recovers only with words worked out from the checksum, and nothing
    /// independent confirms them (see [`Unconfirmed`]).
    Unconfirmed(Vec<Unconfirmed>),
}

impl fmt::Display for RecoveryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoShares => f.write_str("no shares were given"),
            Self::NotEnoughShares(p) => {
                f.write_str("not enough shares: ")?;
                let lines = p.lines();
                if lines.is_empty() {
                    f.write_str("no share of the set fits")
                } else {
                    f.write_str(&lines.join("; "))
                }
            }
            Self::GroupUnresolved { group_index } => write!(
                f,
                "the shares of group {} do not fit together: one of them is wrong or damaged",
                u16::from(*group_index) + 1
            ),
            Self::GroupsUnresolved => f.write_str(
                "the groups do not fit together: one group's shares are wrong or from another set",
            ),
            Self::Unconfirmed(list) => {
                for (k, u) in list.iter().enumerate() {
                    if k > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "share {}: {u}", u.entry + 1)?;
                }
                Ok(())
            }
        }
    }
}

impl core::error::Error for RecoveryError {}
