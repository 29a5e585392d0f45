//! The SLIP-39 wordlist: 1024 words, each fully determined by its first 4 letters
//! (SLIP-0039, "Wordlist").

#[path = "wordlist_data.rs"]
mod data;

/// Number of words in the list: each word carries 10 bits (SLIP-0039, "Format").
pub const WORD_COUNT: usize = 1024;

/// Letters that identify a word uniquely.
pub const UNIQUE_PREFIX_LEN: usize = 4;

/// The longest word in the list.
pub const MAX_WORD_LEN: usize = 8;

/// The word at `index` (0..1024).
///
/// # Panics
///
/// When `index` is 1024 or more.
pub fn word(index: u16) -> &'static str {
    data::WORDS[usize::from(index)]
}

/// All 1024 words in index order.
pub fn words() -> &'static [&'static str; WORD_COUNT] {
    &data::WORDS
}

/// The index of `input`, which may be the whole word or any beginning of it at least 4
/// letters long, in any letter case. Surrounding white space is not trimmed.
///
/// # Examples
///
/// ```
/// use seedshard::slip39::wordlist;
/// assert_eq!(wordlist::index_of("academic"), Some(0));
/// assert_eq!(wordlist::index_of("ACAD"), Some(0));
/// assert_eq!(wordlist::index_of("acade"), Some(0));
/// assert_eq!(wordlist::index_of("aca"), None);
/// assert_eq!(wordlist::index_of("academics"), None);
/// ```
pub fn index_of(input: &str) -> Option<u16> {
    let len = input.len();
    if !(UNIQUE_PREFIX_LEN..=MAX_WORD_LEN).contains(&len) || !input.is_ascii() {
        return None;
    }
    let mut key = [0u8; MAX_WORD_LEN];
    for (k, b) in key.iter_mut().zip(input.bytes()) {
        *k = b.to_ascii_lowercase();
    }
    let key = &key[..len];
    let prefix = &key[..UNIQUE_PREFIX_LEN];
    let found = data::WORDS
        .binary_search_by(|w| w.as_bytes()[..UNIQUE_PREFIX_LEN].cmp(prefix))
        .ok()?;
    data::WORDS[found]
        .as_bytes()
        .starts_with(key)
        .then_some(found as u16)
}

/// Up to `max` list words closest to `input` (fewest letter edits; ties in list order), for
/// "did you mean" hints on an unknown word.
pub fn suggestions(input: &str, max: usize) -> alloc::vec::Vec<&'static str> {
    closest_words(input, &data::WORDS, UNIQUE_PREFIX_LEN, max)
}

/// Up to `max` words of `list` closest to `input`: fewest letter edits to the whole word or to
/// its beginning (a typed beginning that went wrong is closer to the word's own beginning),
/// ties in list order, and only words within one edit of the best. Shared by the SLIP-39 and
/// BIP-39 hints; `prefix_len` is the length of a word's unique beginning in its list.
pub(crate) fn closest_words(
    input: &str,
    list: &[&'static str],
    prefix_len: usize,
    max: usize,
) -> alloc::vec::Vec<&'static str> {
    // The typed word may be secret (a mistyped share word): keep it in zeroizing memory.
    let lower: zeroize::Zeroizing<alloc::vec::Vec<u8>> = zeroize::Zeroizing::new(
        input
            .bytes()
            .take(32)
            .map(|b| b.to_ascii_lowercase())
            .collect(),
    );
    let mut scored: alloc::vec::Vec<(usize, usize)> = list
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let full = edit_distance(&lower, w.as_bytes());
            let cut = w.len().min(lower.len().max(prefix_len));
            let prefix = edit_distance(&lower, &w.as_bytes()[..cut]);
            (full.min(prefix + 1), i)
        })
        .collect();
    scored.sort_unstable();
    let best = scored.first().map_or(0, |s| s.0);
    scored
        .into_iter()
        .take_while(|&(d, _)| d <= best + 1)
        .take(max)
        .map(|(_, i)| list[i])
        .collect()
}

/// Levenshtein distance with adjacent transpositions counted as one edit.
fn edit_distance(a: &[u8], b: &[u8]) -> usize {
    let n = b.len();
    let mut prev2: alloc::vec::Vec<usize> = alloc::vec![0; n + 1];
    let mut prev: alloc::vec::Vec<usize> = (0..=n).collect();
    let mut cur: alloc::vec::Vec<usize> = alloc::vec![0; n + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=n {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
        }
        core::mem::swap(&mut prev2, &mut prev);
        core::mem::swap(&mut prev, &mut cur);
    }
    prev[n]
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha256};

    /// sha256 of satoshilabs/slips slip-0039/wordlist.txt (one word a line, LF endings).
    const WORDLIST_SHA256: &str =
        "bcc4555340332d169718aed8bf31dd9d5248cb7da6e5d355140ef4f1e601eec3";

    #[test]
    fn wordlist_matches_pinned_sha256() {
        let mut h = Sha256::new();
        for w in words() {
            h.update(w.as_bytes());
            h.update(b"\n");
        }
        let hex: alloc::string::String = h
            .finalize()
            .iter()
            .map(|b| alloc::format!("{b:02x}"))
            .collect();
        assert_eq!(hex, WORDLIST_SHA256);
    }

    #[test]
    fn every_word_and_prefix_resolves() {
        for (i, w) in words().iter().enumerate() {
            assert_eq!(index_of(w), Some(i as u16));
            assert_eq!(index_of(&w.to_uppercase()), Some(i as u16));
            assert_eq!(index_of(&w[..4]), Some(i as u16));
            assert_eq!(index_of(&w[..3]), None);
        }
    }

    #[test]
    fn suggestions_find_the_intended_word() {
        assert_eq!(suggestions("acadamic", 3)[0], "academic");
        assert!(suggestions("sheltre", 3).contains(&"shelter"));
        assert!(suggestions("satohsi", 3).contains(&"satoshi"));
        assert!(suggestions("zzzz", 3).len() <= 3);
        assert_eq!(index_of("émile"), None);
    }
}
