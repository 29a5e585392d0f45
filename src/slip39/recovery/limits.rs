//! The limits of one recovery's input, the same for every front end: at most [`MAX_SHARES`]
//! share texts and shares, from at most [`MAX_SETS`] different sets. A pile past either limit
//! is not a pile of cards; it is refused as soon as the limit is passed, before more of it is
//! read or worked out, so a hostile input of a megabyte is decided at once.
//!
//! A front end counts each item with the label it names it by (`L`: "share 3 (a.txt line
//! 4)" in the CLI, a line number in the page); an error hands back the labels it needs.

use alloc::vec::Vec;
use core::fmt;

use crate::slip39::share::CommonParameters;
use crate::{Identifier, Share};

/// Share texts and shares one recovery takes: several times the most any set has (16 groups
/// of 16).
pub const MAX_SHARES: usize = 1024;

/// Different sets one recovery takes: a pile of cards mixes a few at most.
pub const MAX_SETS: usize = 16;

/// Input past a limit of one recovery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LimitError<L> {
    /// More than [`MAX_SHARES`] share texts and shares: `at` is the first one too many.
    TooManyShares {
        /// The item refused.
        at: L,
    },
    /// A share of one more set than [`MAX_SETS`]: `at` is that share; `first` and `second`
    /// are the first shares of the first two sets, with their set identifiers.
    TooManySets {
        /// The first share of the first set, and its set.
        first: (L, Identifier),
        /// The first share of the second set, and its set.
        second: (L, Identifier),
        /// The share refused.
        at: L,
    },
}

impl<L> fmt::Display for LimitError<L> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooManyShares { .. } => write!(
                f,
                "more than {MAX_SHARES} shares were given; a SLIP-39 set has at most 256 (16 groups of 16)"
            ),
            Self::TooManySets { .. } => {
                write!(f, "shares of more than {MAX_SETS} different sets were given")
            }
        }
    }
}

impl<L: fmt::Debug> core::error::Error for LimitError<L> {}

/// Counts what one recovery has been given against the limits.
#[derive(Debug, Clone)]
pub struct ShareLimits<L> {
    shares: usize,
    /// Each different set seen (its common parameters and share length), with the label of
    /// its first share.
    sets: Vec<((CommonParameters, usize), L)>,
}

impl<L> Default for ShareLimits<L> {
    fn default() -> Self {
        Self {
            shares: 0,
            sets: Vec::new(),
        }
    }
}

impl<L: Clone> ShareLimits<L> {
    /// Counts one more share text or share (`label`), refusing it past [`MAX_SHARES`]. Call
    /// before the text is parsed.
    pub fn count(&mut self, label: &L) -> Result<(), LimitError<L>> {
        if self.shares >= MAX_SHARES {
            return Err(LimitError::TooManyShares { at: label.clone() });
        }
        self.shares += 1;
        Ok(())
    }

    /// Notes the set of a share read, refusing a share of one set more than [`MAX_SETS`].
    pub fn set_of(&mut self, share: &Share, label: &L) -> Result<(), LimitError<L>> {
        let key = (share.common_parameters(), share.value_len());
        if self.sets.iter().any(|(k, _)| *k == key) {
            return Ok(());
        }
        if self.sets.len() >= MAX_SETS {
            let first = |k: usize| {
                let ((params, _), label) = &self.sets[k];
                (label.clone(), params.identifier)
            };
            return Err(LimitError::TooManySets {
                first: first(0),
                second: first(1),
                at: label.clone(),
            });
        }
        self.sets.push((key, label.clone()));
        Ok(())
    }

    /// [`ShareLimits::count`] for one share text, and [`ShareLimits::set_of`] when it reads
    /// as a whole share: checked before any work on a batch (damaged texts count as shares;
    /// their set is known only once worked out).
    pub fn admit_text(&mut self, content: &str, label: &L) -> Result<(), LimitError<L>> {
        self.count(label)?;
        match Share::parse(content) {
            Ok(share) => self.set_of(&share, label),
            Err(_) => Ok(()),
        }
    }

    /// [`ShareLimits::count`] and [`ShareLimits::set_of`] for a share read whole.
    pub fn admit(&mut self, share: &Share, label: &L) -> Result<(), LimitError<L>> {
        self.count(label)?;
        self.set_of(share, label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{IterationExponent, MasterSecret, Passphrase, SplitPlan};

    fn share_of(id: u16) -> Share {
        SplitPlan::single(1, 1)
            .unwrap()
            .with_identifier(Identifier::new(id).unwrap())
            .with_iteration_exponent(IterationExponent::new(0).unwrap())
            .split(
                &MasterSecret::new(alloc::vec![1; 16]).unwrap(),
                &Passphrase::empty(),
            )
            .unwrap()
            .shares()
            .next()
            .unwrap()
            .clone()
    }

    #[test]
    fn the_seventeenth_set_and_the_share_past_the_limit_are_refused() {
        let mut limits = ShareLimits::default();
        for id in 0..MAX_SETS as u16 {
            limits.admit(&share_of(id), &(usize::from(id) + 1)).unwrap();
        }
        // Another share of a set already seen is fine; a new set is not.
        limits.admit(&share_of(3), &17).unwrap();
        assert_eq!(
            limits.admit(&share_of(99), &18),
            Err(LimitError::TooManySets {
                first: (1, Identifier::new(0).unwrap()),
                second: (2, Identifier::new(1).unwrap()),
                at: 18
            })
        );
        // Text that is not a share counts, but names no set.
        let mut limits = ShareLimits::default();
        limits.admit_text("not a share", &1).unwrap();
        for k in 1..MAX_SHARES {
            limits.count(&(k + 1)).unwrap();
        }
        assert_eq!(
            limits.count(&1025),
            Err(LimitError::TooManyShares { at: 1025 })
        );
    }

    /// The words of `share` with word 5 unreadable (`?`): its set is known only once the
    /// word is worked out.
    fn damaged(share: &Share) -> alloc::string::String {
        let words = share.to_words();
        let mut words: Vec<&str> = words.split(' ').collect();
        words[4] = "?";
        words.join(" ")
    }

    #[test]
    fn a_pile_counts_every_text_before_working_any_out_and_each_worked_out_set_after() {
        use crate::slip39::recovery::Pile;
        // 1,025 texts: refused before anything is added.
        let text = share_of(1).to_words();
        let texts: Vec<(&str, &str)> = (0..=MAX_SHARES).map(|_| (text.as_str(), "x")).collect();
        let mut pile = Pile::new();
        assert_eq!(
            pile.add_texts_within(&mut ShareLimits::default(), &texts, |k| k + 1)
                .unwrap_err(),
            LimitError::TooManyShares { at: 1025 }
        );
        assert!(pile.is_empty());
        // 17 damaged shares of 17 sets: their sets are counted once worked out.
        let damaged: Vec<_> = (0..=MAX_SETS as u16)
            .map(|id| damaged(&share_of(id)))
            .collect();
        let texts: Vec<(&str, &str)> = damaged.iter().map(|t| (t.as_str(), "x")).collect();
        let mut limits = ShareLimits::default();
        let mut pile = Pile::new();
        assert_eq!(
            pile.add_texts_within(&mut limits, &texts[..MAX_SETS], |k| k + 1)
                .unwrap()
                .iter()
                .filter(|r| r.is_ok())
                .count(),
            MAX_SETS
        );
        assert!(matches!(
            pile.add_texts_within(&mut limits, &texts[MAX_SETS..], |_| 17),
            Err(LimitError::TooManySets { at: 17, .. })
        ));
        // A share read whole of one set more is refused and not added.
        let before = pile.items().len();
        assert!(matches!(
            pile.add_share_within(&mut limits, share_of(99), "scan", &18),
            Err(LimitError::TooManySets { at: 18, .. })
        ));
        assert_eq!(pile.items().len(), before);
    }
}
