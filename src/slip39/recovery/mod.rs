//! Recovery that guides a person: shares gathered one at a time from any source, damaged
//! words worked out, every share checked against the others, and lost shares replaced.
//!
//! A [`Recovery`] accumulates shares in any order. Exact duplicates are noted and ignored;
//! shares of another set are set aside under that set's name ([`Identifier::short_name`]);
//! shares beyond a threshold are used to cross-check the others, never refused.
//! [`Recovery::progress`] says what is still missing, [`Recovery::analyze`] says for each
//! share whether it fits, and [`Recovery::recover`] gives the encrypted master secret.
//! A [`Pile`] keeps, over a `Recovery`, everything a person handed over in input order
//! (text that is not a share too), for a front end to report.
//!
//! This is the engine a front end uses, and its errors are the ones a front end shows:
//! [`TextError`] (text that is not a share), [`RecoveryError`] (a set that does not
//! recover), [`ReissueError`] and [`ExtendError`]. [`crate::recover_ems`] and its
//! [`crate::CombineError`] stay the strict primitive for callers that hold exactly the
//! shares to combine.
//!
//! # Checking shares against each other
//!
//! A group of threshold `t` is a polynomial of degree `t - 1`; SLIP-39 adds a digest, so `t`
//! shares either give a verified group secret or are known to contain a wrong one. seedshard
//! takes the first `t` shares of a group as the base; if the digest holds, each further share
//! is checked against the base's polynomial (one evaluation each). If it fails, the wrong
//! share is in the base: each base share in turn is swapped for a further share until the
//! digest holds. Either way the work grows linearly with the shares, not with the subsets of
//! them, and the odd share is named. The same is done one level up, with the group secrets.
//!
//! ```
//! use seedshard::slip39::recovery::{Added, Recovery};
//! use seedshard::{MasterSecret, Passphrase, SplitPlan};
//! let secret = MasterSecret::new(vec![7; 16])?;
//! let set = SplitPlan::single(2, 3)?.split(&secret, &Passphrase::empty())?;
//! let words: Vec<String> = set.shares().map(|s| s.to_words().to_string()).collect();
//!
//! let mut rec = Recovery::new();
//! // The first share, typed with one word unreadable.
//! let damaged = {
//!     let mut w: Vec<&str> = words[0].split(' ').collect();
//!     w[7] = "?";
//!     w.join(" ")
//! };
//! let first = rec.add_text(&damaged, "typed share 1")?;
//! assert_eq!(first.note.as_ref().unwrap().fixes[0].position, 8); // shown for comparison
//! assert!(!rec.progress().unwrap().is_complete());
//! rec.add_text(&words[0], "file a.txt line 1")?; // the same share again: a duplicate
//! rec.add_text(&words[2], "file a.txt line 2")?;
//! assert!(rec.progress().unwrap().is_complete());
//! assert_eq!(rec.recover()?.decrypt(&Passphrase::empty()), secret);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod analysis;
mod inspect;
pub mod limits;
mod maintain;
mod pile;
mod status;
mod text_input;

pub use inspect::PublicFields;
pub use limits::{LimitError, ShareLimits};
pub use maintain::{ExtendError, ReissueError};
pub use pile::{sourced_texts, Pile, PileItem, SourcedText};
pub use status::{
    list_positions, Analysis, OtherSet, Progress, RecoveryError, SetOutcome, ShareStatus,
    Unconfirmed,
};
pub use text_input::TextError;

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;
use core::cmp::Ordering;
use core::fmt;

use zeroize::Zeroizing;

use super::repair::{self, Candidate, Fix, Repair, ShareWords};
use super::scheme::{recover_ems, EncryptedMasterSecret, GroupProgress, ShareSet, SplitPlan};
use super::shamir::{self, RawShare};
use super::share::{
    share_length_words, CommonParameters, Identifier, ParseShareError, Share, MAX_SHARE_COUNT,
};

/// What a set's shares have in common, and so what sorts shares into sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct SetKey {
    params: CommonParameters,
    value_len: usize,
}

impl SetKey {
    fn of(share: &Share) -> Self {
        Self {
            params: share.common_parameters(),
            value_len: share.value_len(),
        }
    }

    /// Every field, in an order: what the index of sets is sorted by.
    fn fields(&self) -> (Identifier, bool, u8, u8, u8, usize) {
        let p = &self.params;
        (
            p.identifier,
            p.extendable,
            p.iteration_exponent.get(),
            p.group_threshold,
            p.group_count,
            self.value_len,
        )
    }
}

impl Ord for SetKey {
    fn cmp(&self, other: &Self) -> Ordering {
        self.fields().cmp(&other.fields())
    }
}

impl PartialOrd for SetKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// One set seen by a [`Recovery`]: its key and its distinct (non-duplicate) entries.
#[derive(Debug, Clone)]
struct SetEntries {
    key: SetKey,
    distinct: Vec<usize>,
}

/// One share as added, with where it came from.
#[derive(Debug, Clone)]
pub struct Entry {
    source: String,
    share: Share,
    note: Option<RepairNote>,
    duplicate_of: Option<usize>,
    /// The person confirmed the worked-out words against the card (see
    /// [`Recovery::confirm_repairs`]).
    confirmed: bool,
}

impl Entry {
    /// Where the share came from, as the caller labelled it ("file a.txt line 3").
    pub fn source(&self) -> &str {
        &self.source
    }
    /// The share.
    pub fn share(&self) -> &Share {
        &self.share
    }
    /// The words that were worked out or corrected, if any.
    pub fn note(&self) -> Option<&RepairNote> {
        self.note.as_ref()
    }
    /// The 0-based entry this one repeats exactly, if it is a duplicate.
    pub fn duplicate_of(&self) -> Option<usize> {
        self.duplicate_of
    }
    /// True when the share's words were worked out and the person has not confirmed them
    /// against the card.
    pub fn needs_confirmation(&self) -> bool {
        self.note.is_some() && !self.confirmed
    }
}

/// What was done to the words of a share before it was accepted: always to be shown to the
/// person, to compare with the card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepairNote {
    /// Words filled in (unreadable) or corrected (wrong), with 1-based positions.
    pub fixes: Vec<Fix>,
    /// Positions that were filled in from the other shares of the set (their first two
    /// words are the same in every share of a set) rather than from the checksum.
    pub from_other_shares: Vec<usize>,
    /// Positions that held a word not in the SLIP-39 list (treated as unreadable).
    pub unknown_words: Vec<usize>,
    /// True when several corrections fitted the checksum and the other shares of the set
    /// picked one (its first words match theirs).
    pub chosen_by_other_shares: bool,
    /// A word was left out: the 1-based position where the checksum put it back (also in
    /// `fixes`, as unreadable).
    pub missing_word: Option<usize>,
    /// A word too many: the 1-based position, in the words as typed, of the word taken out.
    pub extra_word: Option<usize>,
}

impl RepairNote {
    /// How much of the checksum's strength (3 words' worth) working out the words used: one
    /// per unreadable or put-back word, two per corrected or taken-out word. Words taken
    /// from the other shares use none.
    pub fn checksum_used(&self) -> usize {
        let fixes: usize = self
            .fixes
            .iter()
            .map(|f| if f.was_unreadable { 1 } else { 2 })
            .sum();
        fixes + 2 * usize::from(self.extra_word.is_some())
    }
}

/// What happened to a share given to [`Recovery::add`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AddOutcome {
    /// A new share of the set being recovered.
    New {
        /// 0-based group index.
        group_index: u8,
        /// 0-based member index.
        member_index: u8,
    },
    /// The same share was given before (at the 0-based entry `of`); it is ignored.
    Duplicate {
        /// The earlier entry.
        of: usize,
    },
    /// Same group and member as an earlier share (0-based entry `with`) but a different
    /// value: one of the two is wrong. Both are kept; the checks say which fits.
    Conflict {
        /// The earlier entry.
        with: usize,
    },
    /// A share of another set than the one being recovered: set aside.
    OtherSet {
        /// That set's name.
        name: String,
    },
}

/// The result of adding a share: its 0-based entry number, the outcome, and the repair
/// made to its words, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Added {
    /// 0-based entry number (the order in which shares were added).
    pub entry: usize,
    /// What happened.
    pub outcome: AddOutcome,
    /// Words worked out or corrected, to show for comparison with the card.
    pub note: Option<RepairNote>,
}

/// Share text worked out by [`Recovery::settle_text`], not yet added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settled {
    /// The share.
    pub share: Share,
    /// The words worked out or corrected, to show for comparison with the card.
    pub note: Option<RepairNote>,
}

/// Shares gathered for a recovery, in the order given.
///
/// The entries are indexed as they are added (by set, and by set, group and member), so
/// that adding a share and analysing the pile take time near-linear in the number of
/// shares, however many sets they come from.
#[derive(Debug, Clone, Default)]
pub struct Recovery {
    entries: Vec<Entry>,
    /// The sets seen, in the order of their first share.
    sets: Vec<SetEntries>,
    /// Each set's place in `sets`.
    set_index: BTreeMap<SetKey, usize>,
    /// Distinct entries by (set, group index, member index): where a duplicate or a
    /// conflicting share can be, in the order added.
    members: BTreeMap<(usize, u8, u8), Vec<usize>>,
    /// The set being recovered (its place in `sets`): the one with the most distinct
    /// shares, the earliest on a tie.
    main: Option<usize>,
}

impl Recovery {
    /// An empty recovery.
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts from shares already parsed, labelling each "share N".
    pub fn from_shares<'a>(shares: impl IntoIterator<Item = &'a Share>) -> Self {
        let mut rec = Self::new();
        for (i, s) in shares.into_iter().enumerate() {
            rec.add(s.clone(), alloc::format!("share {}", i + 1));
        }
        rec
    }

    /// Every share given so far, duplicates and other sets included.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The set being recovered: the one with the most distinct shares (the earliest on a
    /// tie). Its identifier, or `None` before any share.
    pub fn identifier(&self) -> Option<Identifier> {
        self.main_key().map(|k| k.params.identifier)
    }

    fn main_key(&self) -> Option<SetKey> {
        self.main.map(|m| self.sets[m].key)
    }

    /// The distinct entries of the set being recovered, in the order added.
    fn main_entries(&self) -> &[usize] {
        self.main.map_or(&[], |m| &self.sets[m].distinct)
    }

    /// Adds a share from `source` (a label such as "file a.txt line 3" or "scan card.jpg").
    pub fn add(&mut self, share: Share, source: impl Into<String>) -> Added {
        self.push(share, source.into(), None)
    }

    fn push(&mut self, share: Share, source: String, note: Option<RepairNote>) -> Added {
        let entry = self.entries.len();
        let key = SetKey::of(&share);
        let mut outcome = AddOutcome::New {
            group_index: share.group_index(),
            member_index: share.member_index(),
        };
        let mut duplicate_of = None;
        if let Some(main) = self.main_key() {
            if main != key {
                outcome = AddOutcome::OtherSet {
                    name: share.identifier().short_name(),
                };
            }
        }
        let set = match self.set_index.get(&key) {
            Some(&k) => k,
            None => {
                self.sets.push(SetEntries {
                    key,
                    distinct: Vec::new(),
                });
                self.set_index.insert(key, self.sets.len() - 1);
                self.sets.len() - 1
            }
        };
        // An equal share has the same set, group and member: only those entries can be
        // duplicates or conflicts.
        let member = (set, share.group_index(), share.member_index());
        let same_member = self.members.get(&member).map_or(&[][..], |v| &v[..]);
        for &i in same_member {
            if self.entries[i].share == share {
                duplicate_of = Some(i);
                outcome = AddOutcome::Duplicate { of: i };
                break;
            }
            if matches!(outcome, AddOutcome::New { .. }) {
                outcome = AddOutcome::Conflict { with: i };
            }
        }
        if duplicate_of.is_none() {
            self.members.entry(member).or_default().push(entry);
            self.sets[set].distinct.push(entry);
            // Counts only grow, one at a time: only this set can overtake the main one.
            let grown = self.sets[set].distinct.len();
            let overtakes = self.main.is_none_or(|m| {
                let main_len = self.sets[m].distinct.len();
                grown > main_len || (grown == main_len && set < m)
            });
            if overtakes {
                self.main = Some(set);
            }
        }
        self.entries.push(Entry {
            source,
            share,
            note: note.clone(),
            duplicate_of,
            confirmed: false,
        });
        Added {
            entry,
            outcome,
            note,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(fixes: &[(usize, bool)], extra: Option<usize>) -> RepairNote {
        RepairNote {
            fixes: fixes
                .iter()
                .map(|&(position, was_unreadable)| Fix {
                    position,
                    was_unreadable,
                })
                .collect(),
            from_other_shares: Vec::new(),
            unknown_words: Vec::new(),
            chosen_by_other_shares: false,
            missing_word: None,
            extra_word: extra,
        }
    }

    #[test]
    fn the_checksum_is_spent_by_three_unreadable_words_or_one_and_a_wrong_one() {
        let u = |n: &RepairNote| Unconfirmed::of(0, n);
        assert!(!u(&note(&[(8, true)], None)).checksum_spent);
        assert!(!u(&note(&[(8, true), (9, true)], None)).checksum_spent);
        assert!(u(&note(&[(8, true), (9, true), (10, true)], None)).checksum_spent);
        assert!(u(&note(&[(8, true), (12, false)], None)).checksum_spent);
        assert!(!u(&note(&[(12, false)], None)).checksum_spent);
        assert!(u(&note(&[(3, true)], Some(5))).checksum_spent);
        assert_eq!(
            u(&note(&[(10, true), (8, true)], Some(9))).positions,
            [8, 9, 10]
        );
    }

    #[test]
    fn positions_read_as_a_list() {
        assert_eq!(list_positions(&[8]), "8");
        assert_eq!(list_positions(&[8, 9]), "8 and 9");
        assert_eq!(list_positions(&[8, 9, 10]), "8, 9 and 10");
        let one = Unconfirmed {
            entry: 0,
            positions: alloc::vec![8],
            checksum_spent: false,
        };
        assert_eq!(
            one.to_string(),
            "word 8 was worked out from the checksum and nothing confirms it (this set has no \
             digest: a threshold of 1)"
        );
    }
}
