//! A pile of shares as a person hands it over: every item in input order (share text from
//! files, typed shares, scanned cards), read or not, with where it came from; the one
//! result every front end renders (`check`, `combine`, `inspect`, `reissue`, `extend`).

use super::*;
use crate::slip39::scheme::{differing_parameter, SetParameter};
use crate::slip39::text::share_texts;

/// One item of a [`Pile`], in the order given.
#[derive(Debug, Clone)]
pub struct PileItem {
    source: String,
    /// The text as read, kept (zeroized on drop) to describe a repair or a failure by
    /// position; `None` for a share read whole (typed and confirmed, or scanned).
    typed: Option<Zeroizing<String>>,
    read: Result<usize, TextError>,
}

impl PileItem {
    /// Where it came from, as labelled ("a.txt line 3", "scan card.jpg").
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The text as read, if it was read from text.
    pub fn typed(&self) -> Option<&str> {
        self.typed.as_deref().map(String::as_str)
    }

    /// Its 0-based entry in the [`Recovery`], or why its text is not a share.
    pub fn read(&self) -> Result<usize, &TextError> {
        self.read.as_ref().copied()
    }
}

/// Share text found in a named source, ready to be counted and added: the one reader of
/// share text (see [`crate::slip39::text`]) for every command.
#[derive(Debug)]
pub struct SourcedText {
    /// The text of one share (words as written, or damaged).
    pub text: crate::slip39::text::ShareText,
    /// "NAME line N".
    pub source: String,
}

/// Every share text of the named `texts` (name, text), in order, each labelled
/// "NAME line N" after the line where it starts.
pub fn sourced_texts<'a>(texts: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<SourcedText> {
    texts
        .into_iter()
        .flat_map(|(name, text)| {
            share_texts(text).into_iter().map(move |t| SourcedText {
                source: alloc::format!("{name} line {}", t.line),
                text: t,
            })
        })
        .collect()
}

/// Everything given for one recovery, in input order, over a [`Recovery`].
#[derive(Debug, Clone, Default)]
pub struct Pile {
    rec: Recovery,
    items: Vec<PileItem>,
}

impl Pile {
    /// An empty pile.
    pub fn new() -> Self {
        Self::default()
    }

    /// The accumulator behind the pile.
    pub fn recovery(&self) -> &Recovery {
        &self.rec
    }

    /// Every item, in the order given.
    pub fn items(&self) -> &[PileItem] {
        &self.items
    }

    /// True before anything was given.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Adds a share read whole (typed and confirmed, or scanned from a card).
    pub fn add_share(&mut self, share: Share, source: impl Into<String>) -> Added {
        let source = source.into();
        let added = self.rec.add(share, source.clone());
        self.items.push(PileItem {
            source,
            typed: None,
            read: Ok(added.entry),
        });
        added
    }

    /// Adds share texts under the one rule for files ([`Recovery::add_texts`]), each with
    /// its source; returns one result per text, in order.
    pub fn add_texts<'t>(
        &mut self,
        texts: impl IntoIterator<Item = (&'t str, &'t str)>,
    ) -> Vec<Result<Added, TextError>> {
        let texts: Vec<(&str, &str)> = texts.into_iter().collect();
        let results = self.rec.add_texts(texts.iter().map(|&(t, s)| (t, s)));
        for ((text, source), result) in texts.iter().zip(&results) {
            self.items.push(PileItem {
                source: String::from(*source),
                typed: Some(Zeroizing::new(String::from(*text))),
                read: result.as_ref().map(|a| a.entry).map_err(Clone::clone),
            });
        }
        results
    }

    /// [`Pile::add_texts`] within `limits`, the rule of every front end: every text counts
    /// first, in input order (and a text that reads as a whole share counts its set), so a
    /// pile far past any set of cards is refused before any word is worked out; then each
    /// text worked out counts its set. `label(k)` names text `k` (0-based) in an error.
    ///
    /// # Errors
    ///
    /// The first text past a limit (nothing is added then), or the first share worked out
    /// of one set too many (the texts are added, and the pile is to be dropped).
    pub fn add_texts_within<'t, L: Clone>(
        &mut self,
        limits: &mut ShareLimits<L>,
        texts: &[(&'t str, &'t str)],
        label: impl Fn(usize) -> L,
    ) -> Result<Vec<Result<Added, TextError>>, LimitError<L>> {
        for (k, (text, _)) in texts.iter().enumerate() {
            limits.admit_text(text, &label(k))?;
        }
        let results = self.add_texts(texts.iter().copied());
        for (k, result) in results.iter().enumerate() {
            if let Ok(added) = result {
                limits.set_of(self.rec.entries()[added.entry].share(), &label(k))?;
            }
        }
        Ok(results)
    }

    /// [`Pile::add_share`] within `limits` (see [`Pile::add_texts_within`]), `label` naming
    /// the share in an error.
    ///
    /// # Errors
    ///
    /// When the share is one too many, or of one set too many; it is not added then.
    pub fn add_share_within<L: Clone>(
        &mut self,
        limits: &mut ShareLimits<L>,
        share: Share,
        source: impl Into<String>,
        label: &L,
    ) -> Result<Added, LimitError<L>> {
        limits.admit(&share, label)?;
        Ok(self.add_share(share, source))
    }

    /// Records that the person confirmed every word worked out in `entry` against the card
    /// (see [`Recovery::confirm_repairs`]).
    pub fn confirm_repairs(&mut self, entry: usize) {
        self.rec.confirm_repairs(entry);
    }

    /// The 1-based place in the input of `entry`, as a person counts the shares given.
    pub fn number_of(&self, entry: usize) -> usize {
        self.items
            .iter()
            .position(|i| i.read == Ok(entry))
            .map_or(entry + 1, |p| p + 1)
    }

    /// The item of `entry`.
    pub fn item_of(&self, entry: usize) -> Option<&PileItem> {
        self.items.iter().find(|i| i.read == Ok(entry))
    }

    /// Checks every share (see [`Recovery::analyze`]).
    pub fn analyze(&self) -> Analysis {
        self.rec.analyze()
    }

    /// Shares that fit and are used.
    pub fn shares_used(a: &Analysis) -> usize {
        a.status.iter().filter(|s| **s == ShareStatus::Fits).count()
    }

    /// The first two entries of the set being recovered with the same group and member but
    /// different values, if any: they count as one share until one is shown not to fit.
    pub fn conflict(&self, a: &Analysis) -> Option<(usize, usize)> {
        let entries = self.rec.entries();
        let of_set: Vec<usize> = (0..entries.len())
            .filter(|&i| {
                !matches!(
                    a.status[i],
                    ShareStatus::OtherSet | ShareStatus::Duplicate { .. }
                )
            })
            .collect();
        for (k, &j) in of_set.iter().enumerate() {
            let sj = entries[j].share();
            for &i in &of_set[..k] {
                let si = entries[i].share();
                if si.group_index() == sj.group_index() && si.member_index() == sj.member_index() {
                    return Some((i, j));
                }
            }
        }
        None
    }

    /// For a share set aside with the identifier of the set being recovered, which set
    /// parameter differs (damaged or tampered); `None` for a share of another identifier.
    pub fn differing_parameter(&self, a: &Analysis, entry: usize) -> Option<SetParameter> {
        let entries = self.rec.entries();
        let main = a
            .status
            .iter()
            .position(|s| !matches!(s, ShareStatus::OtherSet | ShareStatus::Duplicate { .. }))
            .map(|m| entries[m].share())?;
        let share = entries[entry].share();
        if main.identifier() != share.identifier() {
            return None;
        }
        differing_parameter(main, share)
    }

    /// The name of the other set `entry` was set aside into, if it was.
    pub fn other_set_name<'a>(&self, a: &'a Analysis, entry: usize) -> Option<&'a str> {
        a.other_sets
            .iter()
            .find(|o| o.entries.contains(&entry))
            .map(|o| o.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{MasterSecret, Passphrase, SplitPlan};

    #[test]
    fn a_pile_keeps_input_order_and_names_the_differing_parameter() {
        let secret = MasterSecret::new(alloc::vec![3; 16]).unwrap();
        let set = SplitPlan::single(2, 3)
            .unwrap()
            .split(&secret, &Passphrase::empty())
            .unwrap();
        let words: Vec<String> = set.shares().map(|s| s.to_words().to_string()).collect();
        let text = alloc::format!(
            "# a comment\n{}\n\nnot a share at all\n{}\n",
            words[0],
            words[1]
        );
        let found = sourced_texts([("a.txt", text.as_str())]);
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].source, "a.txt line 2");
        let mut pile = Pile::new();
        let results = pile.add_texts(
            found
                .iter()
                .map(|f| (f.text.words.as_str(), f.source.as_str())),
        );
        assert!(results[1].is_err());
        assert_eq!(pile.items().len(), 3);
        assert_eq!(pile.number_of(1), 3);
        let a = pile.analyze();
        assert!(a.recovers());
        assert_eq!(Pile::shares_used(&a), 2);
        assert_eq!(pile.conflict(&a), None);
        // A share of the same identifier without the extendable flag: set aside, named.
        let other = SplitPlan::single(2, 3)
            .unwrap()
            .with_identifier(set.identifier())
            .with_extendable(!set.extendable())
            .split(&secret, &Passphrase::empty())
            .unwrap();
        pile.add_share(other.shares().next().unwrap().clone(), "scan card.jpg");
        let a = pile.analyze();
        assert_eq!(a.status[2], ShareStatus::OtherSet);
        assert_eq!(
            pile.differing_parameter(&a, 2),
            Some(SetParameter::Extendable)
        );
    }

    #[test]
    fn a_share_differing_in_two_parameters_is_named_as_recover_ems_names_it() {
        // Regression: combine named the iteration exponent here while scheme::recover_ems
        // named the extendable flag; both now ask scheme::differing_parameter.
        let secret = MasterSecret::new(alloc::vec![5; 16]).unwrap();
        let set = SplitPlan::single(2, 3)
            .unwrap()
            .split(&secret, &Passphrase::empty())
            .unwrap();
        let odd = SplitPlan::single(2, 3)
            .unwrap()
            .with_identifier(set.identifier())
            .with_extendable(!set.extendable())
            .with_iteration_exponent(crate::IterationExponent::new(3).unwrap())
            .split(&secret, &Passphrase::empty())
            .unwrap();
        let shares: Vec<Share> = set.shares().take(2).cloned().collect();
        let stray = odd.shares().next().unwrap().clone();
        let mut pile = Pile::new();
        for s in &shares {
            pile.add_share(s.clone(), "file");
        }
        pile.add_share(stray.clone(), "scan");
        let a = pile.analyze();
        assert_eq!(
            pile.differing_parameter(&a, 2),
            Some(SetParameter::Extendable)
        );
        let e = crate::recover_ems(&[shares[0].clone(), stray]).unwrap_err();
        assert_eq!(
            e,
            crate::CombineError::InconsistentParameters {
                share: 2,
                field: "extendable flag"
            }
        );
        assert!(crate::describe::recovery::set_aside(&pile, &a, 2)
            .contains("a different extendable flag than the others"));
    }
}
