//! Recovery that guides a person: shares gathered one at a time from any source, damaged
//! words worked out, every share checked against the others, and lost shares replaced.
//!
//! A [`Recovery`] accumulates shares in any order. Exact duplicates are noted and ignored;
//! shares of another set are set aside under that set's name ([`Identifier::short_name`]);
//! shares beyond a threshold are used to cross-check the others, never refused.
//! [`Recovery::progress`] says what is still missing, [`Recovery::analyze`] says for each
//! share whether it fits, and [`Recovery::recover`] gives the encrypted master secret.
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
    fn of(entry: usize, note: &RepairNote) -> Self {
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

/// Why share text could not be added. Never contains words of the share, except as
/// [`Candidate`]s to show the person.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TextError {
    /// The text is not a share (no words, a wrong length...), with the first problem.
    Parse(ParseShareError),
    /// The checksum cannot determine the damaged words.
    Unrepairable(Repair),
    /// Several corrections fit and the other shares do not decide between them: show them
    /// all and ask the person to compare with the card.
    Ambiguous(Vec<Candidate>),
    /// The checksum cannot settle the damage, and these words (1-based) contradict what
    /// every share of the set has in common: they are wrong, or the share is of another set.
    DiffersFromSet {
        /// The differing words.
        positions: Vec<usize>,
        /// What the checksum alone says.
        repair: Repair,
    },
    /// The share has another number of words than the other shares of the set: a word is
    /// missing or extra.
    LengthDiffers {
        /// Words given.
        words: usize,
        /// Words of the set's shares.
        set_words: usize,
    },
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Parse(e) => e.fmt(f),
            Self::Unrepairable(r) => r.fmt(f),
            Self::Ambiguous(c) => write!(
                f,
                "{} different corrections fit the checksum; compare each with the card",
                c.len()
            ),
            Self::DiffersFromSet { positions, repair } => {
                repair.fmt(f)?;
                let list: Vec<String> = positions.iter().map(|p| alloc::format!("{p}")).collect();
                write!(
                    f,
                    "; word{} {} differ{} from the other shares of the set, which all agree there",
                    if list.len() == 1 { "" } else { "s" },
                    list.join(", "),
                    if list.len() == 1 { "s" } else { "" }
                )
            }
            Self::LengthDiffers { words, set_words } => {
                let what = if words < set_words {
                    "a word is missing"
                } else {
                    "a word is extra"
                };
                write!(
                    f,
                    "the share has {words} words but the other shares of the set have {set_words}: {what}"
                )
            }
        }
    }
}

impl core::error::Error for TextError {}

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

    /// Parses share text, works out damaged words, and adds the share.
    ///
    /// A word may be `?` when it cannot be read, and a word not in the list counts as
    /// unreadable. Up to 3 unreadable words are solved from the checksum; one wrong word is
    /// located; the first two words, which every share of a set has in common, are taken
    /// from the shares already added when that settles what the checksum alone cannot. The
    /// returned [`RepairNote`] lists every word filled in or changed: show each to the
    /// person to compare with the card.
    ///
    /// # Errors
    ///
    /// [`TextError`] when the text is not a share or its damage cannot be settled; nothing
    /// is added then.
    pub fn add_text(&mut self, text: &str, source: impl Into<String>) -> Result<Added, TextError> {
        let settled = self.settle_text(text)?;
        Ok(self.add_settled(settled, source))
    }

    /// Works out share text as [`Recovery::add_text`] does, without adding it: for asking
    /// the person to confirm the repaired words first. Add it with [`Recovery::add_settled`].
    ///
    /// # Errors
    ///
    /// As [`Recovery::add_text`].
    pub fn settle_text(&self, text: &str) -> Result<Settled, TextError> {
        let words = ShareWords::parse(text, true).map_err(TextError::Parse)?;
        let (share, note) = self.settle(words)?;
        Ok(Settled { share, note })
    }

    /// Adds a share worked out by [`Recovery::settle_text`].
    pub fn add_settled(&mut self, settled: Settled, source: impl Into<String>) -> Added {
        self.push(settled.share, source.into(), settled.note)
    }

    /// Records that the person compared the words worked out in entry `entry` (0-based)
    /// with the card and confirmed them: they no longer hold back [`Recovery::recover`].
    /// Only for a person at a terminal who saw each word.
    pub fn confirm_repairs(&mut self, entry: usize) {
        if let Some(e) = self.entries.get_mut(entry) {
            e.confirmed = true;
        }
    }

    /// Adds several shares' text at once, the same way whatever their order: first every
    /// share whose words are all readable and pass the checksum, then the damaged ones, so
    /// that what the other shares settle (the set's first words, its parameters) is known
    /// when the damage is worked out. Returns one result per item, in the order given.
    ///
    /// This is the one rule for shares read from files: `?` or a word not in the list is
    /// unreadable and worked out, a wrong word is located, the set's common words come from
    /// the other shares, and among several readings only one that belongs to the set is
    /// taken. What is worked out is then used only when something confirms it (see
    /// [`Recovery::recover`]).
    pub fn add_texts<'t, S: Into<String>>(
        &mut self,
        items: impl IntoIterator<Item = (&'t str, S)>,
    ) -> Vec<Result<Added, TextError>> {
        let items: Vec<(&str, String)> = items.into_iter().map(|(t, s)| (t, s.into())).collect();
        let mut out: Vec<Option<Result<Added, TextError>>> = alloc::vec![None; items.len()];
        for (k, (text, source)) in items.iter().enumerate() {
            let whole = ShareWords::parse(text, true)
                .ok()
                .filter(|w| w.unreadable().is_empty())
                .and_then(|w| Share::from_indices(w.indices()).ok());
            if let Some(share) = whole {
                out[k] = Some(Ok(self.push(share, source.clone(), None)));
            }
        }
        for (k, (text, source)) in items.iter().enumerate() {
            if out[k].is_none() {
                out[k] = Some(self.add_text(text, source.clone()));
            }
        }
        out.into_iter()
            .map(|r| r.expect("every item is added in one of the two passes"))
            .collect()
    }

    /// The first two words of the set being recovered.
    fn set_prefix(&self) -> Option<[u16; 2]> {
        // Words 1 and 2 hold only the identifier, extendable flag and iteration exponent
        // (SLIP-0039, "Format"): the same in every share of the set.
        let &first = self.main_entries().first()?;
        let idx = self.entries[first].share.to_indices();
        Some([idx[0], idx[1]])
    }

    fn settle(&self, words: ShareWords) -> Result<(Share, Option<RepairNote>), TextError> {
        let unknown_words = words.unknown().to_vec();
        let note = |fixes: Vec<Fix>, from: Vec<usize>, chosen: bool| {
            let n = RepairNote {
                fixes,
                from_other_shares: from,
                unknown_words: unknown_words.clone(),
                chosen_by_other_shares: chosen,
                missing_word: None,
                extra_word: None,
            };
            (!n.fixes.is_empty() || !n.from_other_shares.is_empty()).then_some(n)
        };
        let prefix = self.set_prefix();
        let matches_prefix = |s: &Share, p: [u16; 2]| {
            let idx = s.to_indices();
            idx[0] == p[0] && idx[1] == p[1]
        };
        let first = match repair::repair(&words) {
            Repair::Intact(share) => return Ok((share, None)),
            Repair::Repaired(c) => return Ok((c.share, note(c.fixes, Vec::new(), false))),
            Repair::Ambiguous(cands) => {
                if let Some(p) = prefix {
                    // Readings that belong to the set being recovered (all its common
                    // parameters and its length), else those that at least begin as its
                    // shares do.
                    let key = self.main_key();
                    let mut fit: Vec<Candidate> = cands
                        .iter()
                        .filter(|c| Some(SetKey::of(&c.share)) == key)
                        .cloned()
                        .collect();
                    if fit.is_empty() {
                        fit = cands
                            .iter()
                            .filter(|c| matches_prefix(&c.share, p))
                            .cloned()
                            .collect();
                    }
                    if fit.len() == 1 {
                        let c = fit.pop().expect("one candidate");
                        return Ok((c.share, note(c.fixes, Vec::new(), true)));
                    }
                }
                return Err(TextError::Ambiguous(cands));
            }
            Repair::Invalid(
                e @ (ParseShareError::TooShort { .. }
                | ParseShareError::InvalidLength { .. }
                | ParseShareError::TooLong { .. }),
            ) => {
                // A word left out or added: try each position, keeping shares of the set
                // being recovered when there is one.
                let mut cands = repair::missing_word(&words);
                cands.extend(repair::extra_word(&words));
                if let Some(p) = prefix {
                    if cands.iter().any(|c| matches_prefix(&c.share, p)) {
                        cands.retain(|c| matches_prefix(&c.share, p));
                    }
                }
                if cands.len() == 1 {
                    let c = cands.pop().expect("one candidate");
                    let mut n = note(c.fixes, Vec::new(), false).unwrap_or(RepairNote {
                        fixes: Vec::new(),
                        from_other_shares: Vec::new(),
                        unknown_words: unknown_words.clone(),
                        chosen_by_other_shares: false,
                        missing_word: None,
                        extra_word: None,
                    });
                    n.missing_word = c.inserted;
                    n.extra_word = c.removed;
                    return Ok((c.share, Some(n)));
                }
                if cands.len() > 1 {
                    return Err(TextError::Ambiguous(cands));
                }
                if let Some(key) = self.main_key() {
                    let set_words = share_length_words(key.value_len);
                    if set_words != words.len() {
                        return Err(TextError::LengthDiffers {
                            words: words.len(),
                            set_words,
                        });
                    }
                }
                return Err(TextError::Parse(e));
            }
            other => other,
        };
        let differs = self.differs_from_set(&words);
        // The checksum alone did not settle it: use the set's first two words. Unreadable
        // ones are filled from the set; readable ones that differ are suspects.
        let set_words = self.main_key().map(|k| share_length_words(k.value_len));
        let unsettled = |first: Repair| {
            if let Some(set_words) = set_words.filter(|&n| n != words.len()) {
                TextError::LengthDiffers {
                    words: words.len(),
                    set_words,
                }
            } else if differs.is_empty() {
                TextError::Unrepairable(first)
            } else {
                TextError::DiffersFromSet {
                    positions: differs.clone(),
                    repair: first,
                }
            }
        };
        let Some(p) = prefix else {
            return Err(unsettled(first));
        };
        let mut filled = words.clone();
        let mut from = Vec::new();
        let mut suspects = Vec::new();
        for (k, &w) in p.iter().enumerate() {
            match words.get(k + 1) {
                None => {
                    filled.fill(k + 1, w);
                    from.push(k + 1);
                }
                Some(v) if v != w => suspects.push(k + 1),
                Some(_) => {}
            }
        }
        if from.is_empty() && suspects.is_empty() {
            return Err(unsettled(first));
        }
        if !suspects.is_empty() {
            // Mark the differing first words unreadable, then fill them from the set.
            let mut idx = filled.indices().to_vec();
            let mut unreadable = filled.unreadable().to_vec();
            for &s in &suspects {
                idx[s - 1] = p[s - 1];
            }
            unreadable.retain(|u| !suspects.contains(u));
            filled = ShareWords::from_indices(&idx, &unreadable);
        }
        match repair::repair(&filled) {
            Repair::Intact(share) => {
                let fixes = suspects
                    .iter()
                    .map(|&position| Fix {
                        position,
                        was_unreadable: false,
                    })
                    .collect();
                Ok((share, note(fixes, from, false)))
            }
            Repair::Repaired(c) if matches_prefix(&c.share, p) => {
                let mut fixes = c.fixes;
                fixes.extend(suspects.iter().map(|&position| Fix {
                    position,
                    was_unreadable: false,
                }));
                fixes.sort_by_key(|f| f.position);
                Ok((c.share, note(fixes, from, false)))
            }
            Repair::Ambiguous(cands) => Err(TextError::Ambiguous(cands)),
            _ => Err(unsettled(first)),
        }
    }

    /// 1-based positions of readable words that contradict what every share of the set
    /// being recovered has in common: words 1 and 2 (identifier, extendable flag, iteration
    /// exponent), the group threshold and count bits of words 3 and 4. Empty when the set is
    /// unknown or the share has another length.
    pub fn differs_from_set(&self, words: &ShareWords) -> Vec<usize> {
        let Some(key) = self.main_key() else {
            return Vec::new();
        };
        if share_length_words(key.value_len) != words.len() {
            return Vec::new();
        }
        let Some(&first) = self.main_entries().first() else {
            return Vec::new();
        };
        let set = self.entries[first].share.to_indices();
        // Word 3: group index (4 bits), group threshold - 1 (4), top 2 bits of count - 1.
        // Word 4: low 2 bits of count - 1, member index (4), member threshold - 1 (4).
        let masks: [u16; 4] = [0x3FF, 0x3FF, 0x03F, 0x300];
        (1..=4)
            .filter(|&p| {
                words
                    .get(p)
                    .is_some_and(|w| (w ^ set[p - 1]) & masks[p - 1] != 0)
            })
            .collect()
    }

    /// How far the set being recovered is from complete, or `None` before any share.
    pub fn progress(&self) -> Option<Progress> {
        let key = self.main_key()?;
        let mut groups: Vec<GroupProgress> = Vec::new();
        for g in 0..key.params.group_count {
            let members: Vec<&Entry> = self.group_entries(key, g).collect();
            let Some(first) = members.first() else {
                continue;
            };
            let mut xs: Vec<u8> = members.iter().map(|e| e.share.member_index()).collect();
            xs.sort_unstable();
            xs.dedup();
            groups.push(GroupProgress {
                group_index: g,
                have: xs.len() as u8,
                need: first.share.member_threshold(),
            });
        }
        let complete_groups = groups.iter().filter(|g| g.missing() == 0).count() as u8;
        Some(Progress {
            identifier: key.params.identifier,
            group_threshold: key.params.group_threshold,
            group_count: key.params.group_count,
            groups,
            complete_groups,
        })
    }

    /// Distinct (non-duplicate) entries of the set `key` in group `g`.
    fn group_entries(&self, key: SetKey, g: u8) -> impl Iterator<Item = &Entry> {
        let distinct = self
            .set_index
            .get(&key)
            .map_or(&[][..], |&k| &self.sets[k].distinct[..]);
        distinct
            .iter()
            .map(|&i| &self.entries[i])
            .filter(move |e| e.share.group_index() == g)
    }

    /// Checks every share: whether it belongs to the set, duplicates another, and fits the
    /// polynomial of the others of its group (and its group that of the other groups); and
    /// whether the set recovers. Never touches the passphrase or the decrypted secret.
    pub fn analyze(&self) -> Analysis {
        self.analyze_inner().0
    }

    fn analyze_inner(&self) -> (Analysis, Option<GroupLevel>) {
        let mut status: Vec<ShareStatus> = self
            .entries
            .iter()
            .map(|e| match e.duplicate_of {
                Some(of) => ShareStatus::Duplicate { of },
                None => ShareStatus::Waiting,
            })
            .collect();
        let Some(key) = self.main_key() else {
            return (
                Analysis {
                    status,
                    progress: None,
                    other_sets: Vec::new(),
                    outcome: SetOutcome::NoShares,
                    digest_checked: false,
                    unconfirmed: Vec::new(),
                },
                None,
            );
        };
        let mut other_sets: Vec<OtherSet> = Vec::new();
        // Each set's place in `other_sets`, once it has one.
        let mut place: Vec<Option<usize>> = alloc::vec![None; self.sets.len()];
        for (i, e) in self.entries.iter().enumerate() {
            if e.duplicate_of.is_some() {
                continue;
            }
            let k = SetKey::of(&e.share);
            let set = self.set_index[&k];
            if Some(set) == self.main {
                continue;
            }
            status[i] = ShareStatus::OtherSet;
            match place[set] {
                Some(o) => other_sets[o].entries.push(i),
                None => {
                    place[set] = Some(other_sets.len());
                    other_sets.push(OtherSet {
                        key: k,
                        name: k.params.identifier.short_name(),
                        same_identifier: k.params.identifier == key.params.identifier,
                        entries: alloc::vec![i],
                    });
                }
            }
        }
        let main_entries = self.main_entries();

        // Member level, group by group.
        let mut group_secrets: Vec<(u8, Zeroizing<Vec<u8>>)> = Vec::new();
        let mut group_members: Vec<(u8, Vec<usize>)> = Vec::new();
        let mut unresolved_groups: Vec<u8> = Vec::new();
        for g in 0..key.params.group_count {
            let ids: Vec<usize> = main_entries
                .iter()
                .copied()
                .filter(|&i| self.entries[i].share.group_index() == g)
                .collect();
            if ids.is_empty() {
                continue;
            }
            // Shares of a group that state different member thresholds: one side is
            // wrong. Only a side whose shares pass the digest (threshold 2 or more) can be
            // trusted over the other; otherwise the group is unresolved.
            let mut thresholds: Vec<u8> = Vec::new();
            for &i in &ids {
                let t = self.entries[i].share.member_threshold();
                if !thresholds.contains(&t) {
                    thresholds.push(t);
                }
            }
            let class = |t: u8| -> Vec<usize> {
                ids.iter()
                    .copied()
                    .filter(|&i| self.entries[i].share.member_threshold() == t)
                    .collect()
            };
            let points_of = |members: &[usize]| -> Vec<Point<'_>> {
                members
                    .iter()
                    .map(|&i| Point {
                        id: i,
                        x: self.entries[i].share.member_index(),
                        y: self.entries[i].share.expose_value(),
                    })
                    .collect()
            };
            let mut chosen: Option<(Vec<usize>, Fitted)> = None;
            if thresholds.len() == 1 {
                let members = class(thresholds[0]);
                let f = fit(thresholds[0], &points_of(&members));
                chosen = Some((members, f));
            } else {
                for &t in thresholds.iter().filter(|&&t| t >= 2) {
                    let members = class(t);
                    let f = fit(t, &points_of(&members));
                    if matches!(f, Fitted::Resolved { .. }) {
                        chosen = Some((members, f));
                        break;
                    }
                }
                if chosen.is_none() {
                    unresolved_groups.push(g);
                    for &i in &ids {
                        status[i] = ShareStatus::Unresolved;
                    }
                    continue;
                }
            }
            let (members, fitted) = chosen.expect("set above");
            for &i in ids.iter().filter(|i| !members.contains(i)) {
                status[i] = ShareStatus::Disagrees;
            }
            let points = points_of(&members);
            match fitted {
                Fitted::TooFew => {}
                Fitted::Unresolved => {
                    unresolved_groups.push(g);
                    for &i in &members {
                        status[i] = ShareStatus::Unresolved;
                    }
                }
                Fitted::Resolved { fits, secret } => {
                    let mut good = Vec::new();
                    for (p, ok) in points.iter().zip(fits) {
                        status[p.id] = if ok {
                            good.push(p.id);
                            ShareStatus::Fits
                        } else {
                            ShareStatus::Disagrees
                        };
                    }
                    group_secrets.push((g, secret));
                    group_members.push((g, good));
                }
            }
        }

        // Group level.
        let gt = key.params.group_threshold;
        let points: Vec<Point<'_>> = group_secrets
            .iter()
            .map(|(g, s)| Point {
                id: usize::from(*g),
                x: *g,
                y: s,
            })
            .collect();
        let mut used_groups = Vec::new();
        let outcome = match fit(gt, &points) {
            Fitted::TooFew => SetOutcome::Incomplete,
            Fitted::Unresolved => {
                for (_, members) in &group_members {
                    for &i in members {
                        status[i] = ShareStatus::Unresolved;
                    }
                }
                SetOutcome::GroupsDisagree
            }
            Fitted::Resolved { fits, .. } => {
                let mut odd = Vec::new();
                for (p, ok) in points.iter().zip(fits) {
                    let members = &group_members
                        .iter()
                        .find(|(g, _)| *g == p.x)
                        .expect("every point is a group")
                        .1;
                    if ok {
                        used_groups.push((p.x, members.clone()));
                    } else {
                        odd.push(p.x);
                        for &i in members {
                            status[i] = ShareStatus::GroupDisagrees;
                        }
                    }
                }
                let problems = status.iter().any(|s| {
                    matches!(
                        s,
                        ShareStatus::Disagrees
                            | ShareStatus::GroupDisagrees
                            | ShareStatus::Unresolved
                    )
                });
                if unresolved_groups.is_empty() && odd.is_empty() && !problems {
                    SetOutcome::Recovers
                } else {
                    SetOutcome::RecoversDespiteProblems
                }
            }
        };
        // SLIP-39 digests exist only where a threshold is 2 or more: one level up (groups)
        // covers everything. With a group threshold of 1 every group used holds the same
        // secret (they were found equal), so one group with a member threshold of 2 or more
        // confirms them all; groups of threshold 1 (single cards) have no digest.
        let digest_checked = !used_groups.is_empty()
            && (gt >= 2
                || used_groups.iter().any(|(_, members)| {
                    members
                        .first()
                        .is_some_and(|&i| self.entries[i].share.member_threshold() >= 2)
                }));
        let unconfirmed = if digest_checked {
            Vec::new()
        } else {
            self.unconfirmed(&used_groups)
        };
        let analysis = Analysis {
            status,
            digest_checked,
            unconfirmed,
            progress: self.progress(),
            other_sets,
            outcome,
        };
        let level = (!used_groups.is_empty()).then_some(GroupLevel {
            groups: used_groups,
        });
        (analysis, level)
    }

    /// Worked-out words in the shares used that nothing confirms, when the set has no
    /// digest where they are used (group threshold 1, single-card groups). The groups used
    /// then all hold the same value, so any one share among them read whole (or confirmed
    /// by the person, or repeated by a share read whole) confirms the others.
    fn unconfirmed(&self, used_groups: &[(u8, Vec<usize>)]) -> Vec<Unconfirmed> {
        let used: Vec<usize> = used_groups
            .iter()
            .flat_map(|(_, m)| m.iter().copied())
            .collect();
        let needs = |i: usize| {
            self.entries[i].needs_confirmation()
                && !self
                    .entries
                    .iter()
                    .any(|d| d.duplicate_of == Some(i) && !d.needs_confirmation())
        };
        if used.iter().any(|&i| !needs(i)) {
            return Vec::new();
        }
        used.iter()
            .map(|&i| {
                Unconfirmed::of(
                    i,
                    self.entries[i]
                        .note
                        .as_ref()
                        .expect("needs confirmation, so it has a note"),
                )
            })
            .collect()
    }

    /// Recovers the encrypted master secret from the shares that fit, leaving out those
    /// that do not (they are named by [`Recovery::analyze`]). Decrypt it with the passphrase
    /// ([`EncryptedMasterSecret::decrypt`]).
    ///
    /// Words worked out from the checksum are used only when something confirms them: the
    /// SLIP-39 digest (where a threshold is 2 or more), another share read whole that holds
    /// the same value, or the person ([`Recovery::confirm_repairs`]). Otherwise this is
    /// [`RecoveryError::Unconfirmed`]; a caller that can confirm the result another way
    /// (the wallet's fingerprint or an address) uses [`Recovery::recover_unconfirmed`].
    ///
    /// # Errors
    ///
    /// [`RecoveryError`] saying what is missing, which group does not fit, or which words
    /// nothing confirms.
    pub fn recover(&self) -> Result<EncryptedMasterSecret, RecoveryError> {
        let (ems, unconfirmed) = self.recover_unconfirmed()?;
        if unconfirmed.is_empty() {
            Ok(ems)
        } else {
            Err(RecoveryError::Unconfirmed(unconfirmed))
        }
    }

    /// As [`Recovery::recover`], but returns the secret together with the worked-out words
    /// nothing has confirmed yet. When that list is not empty the secret may be another
    /// wallet's: use it only after checking it against something independent (the
    /// wallet's fingerprint or an address the owner recorded), and never to make new shares.
    ///
    /// # Errors
    ///
    /// As [`Recovery::recover`], except [`RecoveryError::Unconfirmed`].
    pub fn recover_unconfirmed(
        &self,
    ) -> Result<(EncryptedMasterSecret, Vec<Unconfirmed>), RecoveryError> {
        let (analysis, level) = self.analyze_inner();
        match analysis.outcome {
            SetOutcome::NoShares => return Err(RecoveryError::NoShares),
            SetOutcome::Incomplete => {
                let progress = analysis.progress.expect("shares were given");
                // A group with enough shares that do not fit together is not complete.
                let unresolved: Vec<u8> = progress
                    .groups
                    .iter()
                    .filter(|g| g.missing() == 0)
                    .map(|g| g.group_index)
                    .filter(|&g| {
                        analysis.status.iter().zip(&self.entries).any(|(s, e)| {
                            *s == ShareStatus::Unresolved && e.share.group_index() == g
                        })
                    })
                    .collect();
                if let Some(&g) = unresolved.first() {
                    return Err(RecoveryError::GroupUnresolved { group_index: g });
                }
                return Err(RecoveryError::NotEnoughShares(progress));
            }
            SetOutcome::GroupsDisagree => return Err(RecoveryError::GroupsUnresolved),
            SetOutcome::Recovers | SetOutcome::RecoversDespiteProblems => {}
        }
        let level = level.expect("resolved sets have groups");
        let shares: Vec<Share> = level
            .groups
            .iter()
            .flat_map(|(_, members)| members.iter().map(|&i| self.entries[i].share.clone()))
            .collect();
        let ems = recover_ems(&shares).map_err(|_| RecoveryError::GroupsUnresolved)?;
        Ok((ems, analysis.unconfirmed))
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

/// The groups used for the secret, each with its fitting entries.
struct GroupLevel {
    groups: Vec<(u8, Vec<usize>)>,
}

/// A point for the consistency check: `id` names it to the caller.
struct Point<'a> {
    id: usize,
    x: u8,
    y: &'a [u8],
}

enum Fitted {
    /// Fewer distinct x than the threshold.
    TooFew,
    /// Enough points, but no base of `t` of them passed the digest.
    Unresolved,
    /// A verified secret, and for each point whether it lies on the polynomial.
    Resolved {
        fits: Vec<bool>,
        secret: Zeroizing<Vec<u8>>,
    },
}

/// Finds which `points` lie on one polynomial of degree `t - 1` whose secret passes the
/// digest, in time linear in the number of points (see the module docs).
fn fit(t: u8, points: &[Point<'_>]) -> Fitted {
    let t_us = usize::from(t);
    // The first point for each x, then the rest (same x, other value).
    let mut primary: Vec<usize> = Vec::new();
    let mut secondary: Vec<usize> = Vec::new();
    for (k, p) in points.iter().enumerate() {
        if primary.iter().any(|&q| points[q].x == p.x) {
            secondary.push(k);
        } else {
            primary.push(k);
        }
    }
    if primary.len() < t_us {
        return Fitted::TooFew;
    }
    if t == 1 {
        // No digest: the value is the secret itself. The majority value wins; on a tie
        // nothing can be said.
        let mut classes: Vec<(usize, usize)> = Vec::new(); // (representative, count)
        for (k, p) in points.iter().enumerate() {
            use subtle::ConstantTimeEq;
            match classes
                .iter_mut()
                .find(|(r, _)| bool::from(points[*r].y.ct_eq(p.y)))
            {
                Some((_, c)) => *c += 1,
                None => classes.push((k, 1)),
            }
        }
        let best = classes.iter().map(|c| c.1).max().unwrap_or(0);
        if classes.iter().filter(|c| c.1 == best).count() > 1 {
            return Fitted::Unresolved;
        }
        let rep = classes.iter().find(|c| c.1 == best).expect("max exists").0;
        let fits = points
            .iter()
            .map(|p| {
                use subtle::ConstantTimeEq;
                bool::from(points[rep].y.ct_eq(p.y))
            })
            .collect();
        return Fitted::Resolved {
            fits,
            secret: Zeroizing::new(points[rep].y.to_vec()),
        };
    }
    let raw = |idx: &[usize]| -> Vec<RawShare<'_>> {
        idx.iter()
            .map(|&k| RawShare {
                x: points[k].x,
                y: points[k].y,
            })
            .collect()
    };
    let mut base: Vec<usize> = primary[..t_us].to_vec();
    let mut secret = shamir::recover_secret(t, &raw(&base)).ok();
    if secret.is_none() {
        // The odd point is in the base: swap each base point for a further one (two at
        // most, in case the first is odd too) until the digest holds.
        let extras: Vec<usize> = primary[t_us..].iter().chain(&secondary).copied().collect();
        'search: for &e in extras.iter().take(2) {
            for i in 0..t_us {
                let mut trial = base.clone();
                trial[i] = e;
                let mut xs: Vec<u8> = trial.iter().map(|&k| points[k].x).collect();
                xs.sort_unstable();
                xs.dedup();
                if xs.len() < t_us {
                    continue;
                }
                if let Ok(s) = shamir::recover_secret(t, &raw(&trial)) {
                    base = trial;
                    secret = Some(s);
                    break 'search;
                }
            }
        }
    }
    let Some(secret) = secret else {
        return Fitted::Unresolved;
    };
    let base_raw = raw(&base);
    let fits = points
        .iter()
        .enumerate()
        .map(|(k, p)| {
            if base.contains(&k) {
                true
            } else {
                use subtle::ConstantTimeEq;
                bool::from(shamir::interpolate(&base_raw, p.x).ct_eq(p.y))
            }
        })
        .collect();
    Fitted::Resolved { fits, secret }
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
    key: SetKey,
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

/// The public fields of one share, for display (`seedshard inspect`): no other share is
/// needed and nothing secret is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicFields {
    /// The set's identifier.
    pub identifier: Identifier,
    /// The extendable flag.
    pub extendable: bool,
    /// The iteration exponent.
    pub iteration_exponent: u8,
    /// 0-based group index.
    pub group_index: u8,
    /// Groups needed.
    pub group_threshold: u8,
    /// Groups in the set.
    pub group_count: u8,
    /// 0-based member index.
    pub member_index: u8,
    /// Members of the group needed.
    pub member_threshold: u8,
    /// Secret length in bits.
    pub secret_bits: usize,
    /// Words in the share.
    pub words: usize,
}

impl PublicFields {
    /// The public fields of `share`.
    pub fn of(share: &Share) -> Self {
        Self {
            identifier: share.identifier(),
            extendable: share.extendable(),
            iteration_exponent: share.iteration_exponent().get(),
            group_index: share.group_index(),
            group_threshold: share.group_threshold(),
            group_count: share.group_count(),
            member_index: share.member_index(),
            member_threshold: share.member_threshold(),
            secret_bits: share.value_len() * 8,
            words: share.word_count(),
        }
    }
}

impl fmt::Display for PublicFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "set:                {} (identifier {})",
            self.identifier.short_name(),
            self.identifier
        )?;
        writeln!(
            f,
            "group:              {} of {} ({} needed)",
            u16::from(self.group_index) + 1,
            self.group_count,
            self.group_threshold
        )?;
        writeln!(
            f,
            "member:             {} ({} of the group needed)",
            u16::from(self.member_index) + 1,
            self.member_threshold
        )?;
        writeln!(
            f,
            "secret length:      {} bits ({} words)",
            self.secret_bits, self.words
        )?;
        writeln!(
            f,
            "iteration exponent: {} ({} PBKDF2 iterations)",
            self.iteration_exponent,
            10_000u32 << self.iteration_exponent
        )?;
        write!(
            f,
            "extendable:         {}",
            if self.extendable {
                "yes (new sets for the same wallet can be made)"
            } else {
                "no"
            }
        )
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
