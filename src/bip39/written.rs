//! A BIP-39 phrase as people write it down: on one line or several, numbered as on a wallet's
//! backup card, under a label, with comments; and nothing read that could make it another
//! phrase.
//!
//! A phrase's checksum is 4 to 8 bits: about 1 in 16 texts of 12 list words passes it. So a
//! word is never dropped on a guess. What is left out is only what cannot be a word of the
//! phrase:
//!
//! - a UTF-8 byte-order mark, and `#` with what follows it on a line;
//! - one label before the first word, ending with `:` (`Recovery phrase:`, `Seed phrase (24
//!   words):`), on a line of its own or before the words, holding at most 2 list words (so the
//!   words it could hide would leave a count no phrase has); a `:` anywhere after the first
//!   word is refused;
//! - numbers before words (`1. abandon`, `1) abandon`, `1 abandon`, `1.abandon`): when every
//!   word is numbered, the words are put in the order of their numbers (a card of two
//!   columns typed a row at a time), which must be 1 to the word count, each once; a text
//!   with some words numbered and others not is refused;
//! - lines end at any line end text copied from elsewhere may hold (LF, CR LF, a lone CR, a
//!   vertical tab, form feed, next line, line or paragraph separator), so that a comment
//!   never runs on over words after a line end of another kind.
//!
//! A first or last line of 3 words apart from longer lines, in a text of unnumbered words
//! that would make a phrase with or without them, is refused: a heading without its `:`
//! (`Main seed phrase`) cannot be told from words of the phrase. Beyond that, list words are
//! words of the phrase (a heading above a phrase written a word a line is read as words):
//! the wallet's fingerprint, shown for every phrase, is what tells a wrong one.

use alloc::vec::Vec;

use super::phrase::english_word;
use super::{ParseBip39Error, WORD_COUNTS};

/// The most list words a label may hold (`Seed phrase`): with 3 it could hide 3 words of a
/// phrase, and 3 words fewer is the count of a shorter phrase.
const MAX_LABEL_LIST_WORDS: usize = 2;

/// The words of the phrase in `text`, in their order (see the module's rules).
pub(super) fn phrase_words(text: &str) -> Result<Vec<&str>, ParseBip39Error> {
    let mut words: Vec<(&str, Option<usize>)> = Vec::new();
    // Each line that holds words: its number and how many.
    let mut lines_read: Vec<(usize, usize)> = Vec::new();
    // A number read, waiting for its word (which may be on the next line).
    let mut pending: Option<usize> = None;
    for (line_number, line) in crate::slip39::text::numbered_lines(text) {
        let before = words.len();
        let line = line.trim_start_matches('\u{feff}');
        let mut rest = line.split('#').next().unwrap_or("");
        if let Some(at) = rest.find(':') {
            let (label, after) = (&rest[..at], &rest[at + 1..]);
            let list_words = label
                .split_whitespace()
                .filter(|t| english_word(t.trim_matches(|c: char| !c.is_alphanumeric())).is_some())
                .count();
            if !words.is_empty()
                || pending.is_some()
                || list_words > MAX_LABEL_LIST_WORDS
                || after.contains(':')
            {
                return Err(ParseBip39Error::ColonAmongWords { line: line_number });
            }
            rest = after;
        }
        for token in rest.split_whitespace() {
            let digits = token.bytes().take_while(u8::is_ascii_digit).count();
            let after_digits = &token[digits..];
            let marked = after_digits
                .strip_prefix('.')
                .or_else(|| after_digits.strip_prefix(')'));
            match (digits, marked) {
                // A word, or digits run into letters (not numbering: reported as not a word).
                (0, _) | (_, None) if !after_digits.is_empty() => {
                    words.push((token, pending.take()));
                }
                // A number alone (`1`, `1.`, `1)`): its word follows.
                (_, None) | (_, Some("")) => {
                    if pending.is_some() {
                        return Err(ParseBip39Error::Numbering);
                    }
                    pending = Some(token[..digits].parse().unwrap_or(usize::MAX));
                }
                // `1.abandon`, `1)abandon`.
                (_, Some(word)) => {
                    if pending.is_some() {
                        return Err(ParseBip39Error::Numbering);
                    }
                    words.push((word, Some(token[..digits].parse().unwrap_or(usize::MAX))));
                }
            }
        }
        if words.len() > before {
            lines_read.push((line_number, words.len() - before));
        }
    }
    if pending.is_some() {
        return Err(ParseBip39Error::Numbering);
    }
    let numbered = words.iter().filter(|(_, n)| n.is_some()).count();
    if numbered == 0 {
        if let Some(line) = heading_or_words(&lines_read, words.len()) {
            return Err(ParseBip39Error::HeadingOrWords { line });
        }
        return Ok(words.into_iter().map(|(w, _)| w).collect());
    }
    if numbered != words.len() {
        return Err(ParseBip39Error::Numbering);
    }
    // Every word numbered: 1 to the count, each once, and read in that order.
    let mut ordered: Vec<Option<&str>> = alloc::vec![None; words.len()];
    for (word, number) in words {
        let slot = number
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| ordered.get_mut(i))
            .ok_or(ParseBip39Error::Numbering)?;
        if slot.replace(word).is_some() {
            return Err(ParseBip39Error::Numbering);
        }
    }
    Ok(ordered.into_iter().flatten().collect())
}

/// The first or last line of `lines` (number, words) when it holds 3 words, another line
/// holds more, and the text makes a phrase's word count (`total`) both with and without it:
/// a heading without its `:`, or words of the phrase, which nothing tells apart.
fn heading_or_words(lines: &[(usize, usize)], total: usize) -> Option<usize> {
    let longest = lines.iter().map(|&(_, n)| n).max()?;
    let apart = |&(line, n): &(usize, usize)| {
        (n == 3
            && longest > n
            && WORD_COUNTS.contains(&total)
            && WORD_COUNTS.contains(&(total - n)))
        .then_some(line)
    };
    if lines.len() < 2 {
        return None;
    }
    apart(&lines[0]).or_else(|| apart(&lines[lines.len() - 1]))
}
