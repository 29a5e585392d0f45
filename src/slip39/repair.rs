//! Working out damaged words of one share from its RS1024 checksum.
//!
//! RS1024 (SLIP-0039, "Checksum") is a Reed-Solomon code over GF(1024) with 3 check words, so
//! its minimum distance is 4: any 3 unreadable words (erasures) are determined exactly, one
//! wrong word is located exactly, and one unreadable word plus one wrong word still are
//! (e + 2t < 4). seedshard solves this without trying words: the checksum
//! `polymod(customization || data)` is an affine map over GF(2) of the data bits, so `k`
//! unreadable words are `10 k` unknown bits in 30 linear equations, solved by Gaussian
//! elimination. The extendable flag (word 2) selects the customization string, so both
//! strings are tried and a solution is kept only when its flag matches. When word 2 itself
//! is unreadable, both flags can fit: the other shares of the set, whose first two words are
//! the same, decide (see [`crate::slip39::recovery`]).
//!
//! Results are candidates to show the person, never silent substitutions (SLIP-0039 advises
//! against automatic correction): each [`Candidate`] names the words it changed.
//!
//! The elimination branches on share words, so it is not constant-time; it runs on the
//! owner's own computer while the words are being typed in anyway.

use alloc::vec::Vec;
use core::fmt;

use zeroize::Zeroizing;

use super::rs1024::{self, CHECKSUM_LENGTH_WORDS};
use super::share::{ParseShareError, Share};
use super::wordlist;

/// The most unreadable words one share can have and still be worked out.
pub const MAX_ERASURES: usize = CHECKSUM_LENGTH_WORDS;

/// Bits of the checksum register.
const PARITY_BITS: usize = 10 * CHECKSUM_LENGTH_WORDS;

/// The words of one share as read from a card or a file, some of them perhaps unreadable.
///
/// Built by [`ShareWords::parse`]. Its `Debug` shows positions only, never words.
#[derive(Clone)]
pub struct ShareWords {
    words: Zeroizing<Vec<u16>>,
    unreadable: Vec<usize>,
    unknown: Vec<usize>,
}

impl fmt::Debug for ShareWords {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ShareWords")
            .field("len", &self.words.len())
            .field("unreadable", &self.unreadable)
            .field("unknown", &self.unknown)
            .finish()
    }
}

impl ShareWords {
    /// Reads a share's words: as [`Share::parse`], and a word may be `?` (any run of `?`,
    /// or `_`) to mark it unreadable.
    ///
    /// When `unknown_as_unreadable` is true, a word that is not in the list is treated as
    /// unreadable too (and reported by [`ShareWords::unknown`]); otherwise it is an error.
    ///
    /// # Errors
    ///
    /// [`ParseShareError::Empty`] for no words, [`ParseShareError::UnknownWord`] for a word
    /// not in the list (unless `unknown_as_unreadable`).
    ///
    /// # Examples
    ///
    /// ```
    /// use seedshard::slip39::repair::ShareWords;
    /// let w = ShareWords::parse("academic ? acid", false).unwrap();
    /// assert_eq!(w.len(), 3);
    /// assert_eq!(w.unreadable(), &[2]);
    /// ```
    pub fn parse(text: &str, unknown_as_unreadable: bool) -> Result<Self, ParseShareError> {
        let mut out = Self {
            words: Zeroizing::new(Vec::with_capacity(33)),
            unreadable: Vec::new(),
            unknown: Vec::new(),
        };
        for (i, token) in text.split_whitespace().enumerate() {
            if token.bytes().all(|b| b == b'?' || b == b'_') {
                out.unreadable.push(i + 1);
                out.words.push(0);
                continue;
            }
            match wordlist::index_of(token) {
                Some(index) => out.words.push(index),
                None if unknown_as_unreadable => {
                    out.unknown.push(i + 1);
                    out.unreadable.push(i + 1);
                    out.words.push(0);
                }
                None => {
                    return Err(ParseShareError::UnknownWord {
                        position: i + 1,
                        suggestions: wordlist::suggestions(token, 3),
                    })
                }
            }
        }
        if out.words.is_empty() {
            return Err(ParseShareError::Empty);
        }
        Ok(out)
    }

    /// Builds from word indices (each below 1024) and the 1-based positions that are
    /// unreadable (their index is ignored).
    ///
    /// # Panics
    ///
    /// When a position is 0 or beyond the words, or an index is 1024 or more.
    pub fn from_indices(indices: &[u16], unreadable: &[usize]) -> Self {
        assert!(indices
            .iter()
            .all(|&w| usize::from(w) < wordlist::WORD_COUNT));
        let mut words = Zeroizing::new(indices.to_vec());
        let mut unreadable = unreadable.to_vec();
        unreadable.sort_unstable();
        unreadable.dedup();
        for &p in &unreadable {
            assert!(p >= 1 && p <= words.len(), "position out of range");
            words[p - 1] = 0;
        }
        Self {
            words,
            unreadable,
            unknown: Vec::new(),
        }
    }

    /// The number of words, unreadable ones included.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when there are no words (never, for a parsed value).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// 1-based positions of the unreadable words, in order.
    pub fn unreadable(&self) -> &[usize] {
        &self.unreadable
    }

    /// 1-based positions of the words that were not in the list (also unreadable).
    pub fn unknown(&self) -> &[usize] {
        &self.unknown
    }

    /// The word index at 1-based `position`, or `None` when it is unreadable.
    pub fn get(&self, position: usize) -> Option<u16> {
        if self.unreadable.contains(&position) {
            None
        } else {
            self.words.get(position - 1).copied()
        }
    }

    /// Fills the unreadable word at 1-based `position` with `index` (known from elsewhere,
    /// such as the other shares of the set). Does nothing if the word was readable.
    pub fn fill(&mut self, position: usize, index: u16) {
        if let Some(k) = self.unreadable.iter().position(|&p| p == position) {
            self.unreadable.remove(k);
            self.unknown.retain(|&p| p != position);
            self.words[position - 1] = index & 1023;
        }
    }

    /// The indices with unreadable words as 0 (for display together with
    /// [`ShareWords::unreadable`]).
    pub fn indices(&self) -> &[u16] {
        &self.words
    }
}

/// How a candidate differs from what was read, at one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fix {
    /// 1-based word position.
    pub position: usize,
    /// True when the word was unreadable; false when a readable word was replaced.
    pub was_unreadable: bool,
}

/// A share that the checksum allows, with the words it fills in or changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The repaired share.
    pub share: Share,
    /// The words filled in or changed, by position.
    pub fixes: Vec<Fix>,
    /// For a share typed with a word left out: the 1-based position in the repaired share
    /// of the word put back (also listed in `fixes`).
    pub inserted: Option<usize>,
    /// For a share typed with one word too many: the 1-based position, in the words as
    /// typed, of the word taken out.
    pub removed: Option<usize>,
}

impl Candidate {
    /// The word the candidate has at 1-based `position`.
    pub fn word(&self, position: usize) -> &'static str {
        wordlist::word(self.share.to_indices()[position - 1])
    }

    /// Words that were readable but are changed (at most one).
    pub fn replaced(&self) -> impl Iterator<Item = usize> + '_ {
        self.fixes
            .iter()
            .filter(|f| !f.was_unreadable)
            .map(|f| f.position)
    }
}

/// What the checksum says about a share's words.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Repair {
    /// Every word was readable and the share is valid: nothing to repair.
    Intact(Share),
    /// Exactly one share fits: the unreadable words worked out, and perhaps one wrong word
    /// located. Show it to the person to compare with the card.
    Repaired(Candidate),
    /// Several shares fit (for example two unreadable words and one wrong word): show them
    /// all; none is chosen.
    Ambiguous(Vec<Candidate>),
    /// More unreadable words than the checksum can determine.
    TooManyUnreadable {
        /// Unreadable words given.
        unreadable: usize,
    },
    /// No share fits with at most one wrong word besides the unreadable ones: more words are
    /// wrong (or missing) than the checksum can locate.
    NoFit,
    /// The words fit the checksum but are not a valid share (padding, thresholds or
    /// length); the error says which.
    Invalid(ParseShareError),
}

impl fmt::Display for Repair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Intact(_) => f.write_str("the share is valid"),
            Self::Repaired(c) => {
                f.write_str("the checksum determines ")?;
                write_positions(f, &c.fixes)
            }
            Self::Ambiguous(cs) => write!(
                f,
                "{} different corrections fit the checksum; compare each with the card",
                cs.len()
            ),
            Self::TooManyUnreadable { unreadable } => write!(
                f,
                "{unreadable} words are unreadable; the checksum can work out at most {MAX_ERASURES}"
            ),
            Self::NoFit => f.write_str(
                "the checksum does not match and no single wrong word explains it: \
                 several words are wrong or a word is missing",
            ),
            Self::Invalid(e) => e.fmt(f),
        }
    }
}

fn write_positions(f: &mut fmt::Formatter<'_>, fixes: &[Fix]) -> fmt::Result {
    for (i, fix) in fixes.iter().enumerate() {
        if i > 0 {
            f.write_str(if i + 1 == fixes.len() { " and " } else { ", " })?;
        }
        if fix.was_unreadable {
            write!(f, "unreadable word {}", fix.position)?;
        } else {
            write!(f, "wrong word {}", fix.position)?;
        }
    }
    Ok(())
}

/// For a share of `len` words, the checksum register contribution of each bit of each word:
/// `cols[p][b]` is what flipping bit `b` of word `p` (0-based) does to the register. The
/// register update is linear over GF(2) once the constant start is taken out, so this is
/// the polymod of that bit followed by the remaining zero words, minus that of zeros alone.
fn columns(len: usize) -> Vec<[u32; 10]> {
    let mut cols = alloc::vec![[0u32; 10]; len];
    for (p, col) in cols.iter_mut().enumerate() {
        let after = len - 1 - p;
        let zero = rs1024::polymod(b"", core::iter::repeat_n(0u16, after + 1));
        for (b, c) in col.iter_mut().enumerate() {
            let bit = core::iter::once(1u16 << b).chain(core::iter::repeat_n(0u16, after));
            *c = rs1024::polymod(b"", bit) ^ zero;
        }
    }
    cols
}

/// Solves for the words at `erased` (0-based, at most 3) so that the checksum with the
/// given customization holds. Returns the solved words, or `None` when no assignment fits
/// (the other words are inconsistent).
fn solve(
    words: &[u16],
    erased: &[usize],
    cols: &[[u32; 10]],
    extendable: bool,
) -> Option<[u16; 3]> {
    debug_assert!(erased.len() <= MAX_ERASURES);
    let unknowns = erased.len() * 10;
    // The register with the erased words at zero; it must become 1.
    let mut zeroed = Zeroizing::new(words.to_vec());
    for &p in erased {
        zeroed[p] = 0;
    }
    let rhs_all = rs1024::polymod(rs1024::customization(extendable), zeroed.iter().copied()) ^ 1;
    // Row r: which unknown bits flip register bit r, and the wanted value of bit r.
    let mut rows: [(u32, bool); PARITY_BITS] = [(0, false); PARITY_BITS];
    for (r, row) in rows.iter_mut().enumerate() {
        let mut mask = 0u32;
        for (k, &p) in erased.iter().enumerate() {
            for (b, c) in cols[p].iter().enumerate() {
                if (c >> r) & 1 == 1 {
                    mask |= 1 << (k * 10 + b);
                }
            }
        }
        *row = (mask, (rhs_all >> r) & 1 == 1);
    }
    // Gaussian elimination over GF(2).
    let mut pivot_row_of = [usize::MAX; 30];
    let mut next = 0usize;
    for (col, pivot) in pivot_row_of.iter_mut().enumerate().take(unknowns) {
        let Some(found) = (next..PARITY_BITS).find(|&r| (rows[r].0 >> col) & 1 == 1) else {
            continue;
        };
        rows.swap(next, found);
        let (pm, pv) = rows[next];
        for (r, row) in rows.iter_mut().enumerate() {
            if r != next && (row.0 >> col) & 1 == 1 {
                row.0 ^= pm;
                row.1 ^= pv;
            }
        }
        *pivot = next;
        next += 1;
    }
    // Rows without a pivot must read 0 = 0.
    if rows[next..].iter().any(|&(m, v)| m == 0 && v) {
        return None;
    }
    // RS1024 is MDS, so 3 or fewer erasures always give full rank; guard anyway.
    if next < unknowns {
        return None;
    }
    let mut out = [0u16; 3];
    for (col, &pivot) in pivot_row_of.iter().enumerate().take(unknowns) {
        if rows[pivot].1 {
            out[col / 10] |= 1 << (col % 10);
        }
    }
    Some(out)
}

/// Every full word list that fits the checksum with the words at `erased` (0-based) solved,
/// under either customization string (the flag in word 2 must agree with the string used).
fn fits(words: &[u16], erased: &[usize], cols: &[[u32; 10]]) -> Vec<Zeroizing<Vec<u16>>> {
    let mut out = Vec::new();
    for extendable in [false, true] {
        if let Some(vals) = solve(words, erased, cols, extendable) {
            let mut full = Zeroizing::new(words.to_vec());
            for (k, &p) in erased.iter().enumerate() {
                full[p] = vals[k];
            }
            let flag = full.len() > 1 && (full[1] >> 4) & 1 == 1;
            if flag == extendable && rs1024::verify_checksum(&full, extendable) {
                out.push(full);
            }
        }
    }
    out
}

/// Works out what the checksum allows for `words`: the unreadable words solved exactly,
/// and, when the checksum still fails and at most one word is unreadable, one wrong word
/// located (each position is tried as one more unknown; with the unreadable one solved, the
/// candidate there is unique).
///
/// Every result that changes a word is a candidate to show, not to use silently.
///
/// # Examples
///
/// ```
/// use seedshard::slip39::repair::{repair, Repair, ShareWords};
/// let text = "duckling enlarge academic academic agency result length solution fridge kidney \
///             coal piece deal husband erode duke ajar critical decision keyboard";
/// let damaged = text.replacen("fridge", "?", 1).replacen("coal", "?", 1);
/// match repair(&ShareWords::parse(&damaged, false).unwrap()) {
///     Repair::Repaired(c) => assert_eq!(c.share.to_words().as_str(), text),
///     other => panic!("{other:?}"),
/// }
/// ```
pub fn repair(words: &ShareWords) -> Repair {
    let len = words.len();
    let erased: Vec<usize> = words.unreadable.iter().map(|&p| p - 1).collect();
    if erased.len() > MAX_ERASURES {
        return Repair::TooManyUnreadable {
            unreadable: erased.len(),
        };
    }
    if erased.is_empty() {
        // Structural errors (length) come first, as for a normal parse.
        match Share::from_indices(&words.words) {
            Ok(share) => return Repair::Intact(share),
            Err(ParseShareError::Checksum) => {}
            Err(e) => return Repair::Invalid(e),
        }
    } else if let Err(e) = check_length(len) {
        return Repair::Invalid(e);
    }
    let cols = columns(len);
    let mut found = Found::default();
    if !erased.is_empty() {
        for full in fits(&words.words, &erased, &cols) {
            found.consider(words, &full, None);
        }
    }
    // A wrong word costs the redundancy of two unreadable ones (e + 2t < 4): with 2 or more
    // unreadable words, every position would "fit", so none is tried.
    if found.candidates.is_empty() && erased.len() <= 1 {
        let mut more = erased.clone();
        more.push(0);
        for p in (0..len).filter(|p| !erased.contains(p)) {
            *more.last_mut().expect("pushed above") = p;
            for full in fits(&words.words, &more, &cols) {
                if full[p] != words.words[p] {
                    found.consider(words, &full, Some(p));
                }
            }
        }
    }
    let Found {
        mut candidates,
        invalid,
    } = found;
    match candidates.len() {
        0 => invalid.map_or(Repair::NoFit, Repair::Invalid),
        1 => Repair::Repaired(candidates.pop().expect("one candidate")),
        _ => Repair::Ambiguous(candidates),
    }
}

/// True when a share can have `words` words.
fn possible_length(words: usize) -> bool {
    check_length(words).is_ok()
}

/// Candidates for a share typed with one word left out: the missing word is tried at each
/// position as an unreadable word, solved from the checksum. Only for text without other
/// unreadable words (each extra unknown word would let wrong positions fit too).
pub fn missing_word(words: &ShareWords) -> Vec<Candidate> {
    let len = words.len() + 1;
    if !words.unreadable.is_empty() || !possible_length(len) {
        return Vec::new();
    }
    let cols = columns(len);
    let mut out: Vec<Candidate> = Vec::new();
    for p in 0..len {
        let mut v = Zeroizing::new(Vec::with_capacity(len));
        v.extend_from_slice(&words.words[..p]);
        v.push(0);
        v.extend_from_slice(&words.words[p..]);
        for full in fits(&v, &[p], &cols) {
            if let Ok(share) = Share::from_indices(&full) {
                if !out.iter().any(|c| c.share == share) {
                    out.push(Candidate {
                        share,
                        fixes: alloc::vec![Fix {
                            position: p + 1,
                            was_unreadable: true,
                        }],
                        inserted: Some(p + 1),
                        removed: None,
                    });
                }
            }
        }
    }
    out
}

/// Candidates for a share typed with one word too many: each word in turn is taken out and
/// the rest checked (with at most one unreadable word solved).
pub fn extra_word(words: &ShareWords) -> Vec<Candidate> {
    let len = words.len().saturating_sub(1);
    if words.unreadable.len() > 1 || !possible_length(len) {
        return Vec::new();
    }
    let cols = columns(len);
    let mut out: Vec<Candidate> = Vec::new();
    for p in 0..words.len() {
        let mut v = Zeroizing::new(words.words.to_vec());
        v.remove(p);
        let erased: Vec<usize> = words
            .unreadable
            .iter()
            .filter(|&&u| u != p + 1)
            .map(|&u| if u > p + 1 { u - 2 } else { u - 1 })
            .collect();
        let fulls = if erased.is_empty() {
            if rs1024::verify_checksum(&v, len > 1 && (v[1] >> 4) & 1 == 1) {
                alloc::vec![v]
            } else {
                Vec::new()
            }
        } else {
            fits(&v, &erased, &cols)
        };
        for full in fulls {
            if let Ok(share) = Share::from_indices(&full) {
                let cand = Candidate {
                    share,
                    fixes: erased
                        .iter()
                        .map(|&e| Fix {
                            position: e + 1,
                            was_unreadable: true,
                        })
                        .collect(),
                    inserted: None,
                    removed: Some(p + 1),
                };
                // The same share by another reading: keep the one that guesses fewer
                // words (taking out the unreadable word itself).
                match out.iter_mut().find(|c| c.share == cand.share) {
                    Some(c) if c.fixes.len() > cand.fixes.len() => *c = cand,
                    Some(_) => {}
                    None => out.push(cand),
                }
            }
        }
    }
    out
}

/// Candidates gathered while trying positions.
#[derive(Default)]
struct Found {
    candidates: Vec<Candidate>,
    invalid: Option<ParseShareError>,
}

impl Found {
    /// Keeps `full` if it is a valid share not seen yet; `wrong` is the 0-based position of
    /// a readable word it changes.
    fn consider(&mut self, words: &ShareWords, full: &[u16], wrong: Option<usize>) {
        match Share::from_indices(full) {
            Ok(share) => {
                let mut fixes: Vec<Fix> = words
                    .unreadable
                    .iter()
                    .map(|&position| Fix {
                        position,
                        was_unreadable: true,
                    })
                    .collect();
                if let Some(p) = wrong {
                    fixes.push(Fix {
                        position: p + 1,
                        was_unreadable: false,
                    });
                    fixes.sort_by_key(|f| f.position);
                }
                if !self.candidates.iter().any(|c| c.share == share) {
                    self.candidates.push(Candidate {
                        share,
                        fixes,
                        inserted: None,
                        removed: None,
                    });
                }
            }
            Err(e) => {
                self.invalid.get_or_insert(e);
            }
        }
    }
}

/// The length checks of [`Share::from_indices`] that come before the checksum.
fn check_length(words: usize) -> Result<(), ParseShareError> {
    use super::share::{share_length_words, MIN_SHARE_LENGTH_WORDS};
    if words < MIN_SHARE_LENGTH_WORDS {
        return Err(ParseShareError::TooShort { words });
    }
    if (10 * (words - 7)) % 16 > 8 {
        return Err(ParseShareError::InvalidLength { words });
    }
    if words > share_length_words(crate::secret::MAX_SECRET_LEN) {
        return Err(ParseShareError::TooLong { words });
    }
    Ok(())
}

#[cfg(test)]
mod tests;
