//! Share text as people really have it: splitting a file, a pipe or a pasted block into
//! the words of each share.
//!
//! One rule for every source, so that every command reads the same files:
//!
//! - a UTF-8 byte-order mark is ignored, and so is `#` and what follows it on a line (a line
//!   ends at LF, CR LF, and also at a lone CR or a Unicode line end);
//! - words may be numbered as on the cards: `1. shaped 2. survive`, `1) shaped`, or
//!   `1 shaped` a line (a number alone, or ending with `.` or `)`, is not a word);
//! - a share may be one line, or spread over several lines (one word a line, or a few):
//!   lines of fewer words than the shortest share are joined until the words make a share
//!   whose checksum is valid, or until an empty line or a heading ends it;
//! - a line ending with `:` is a heading (as `Group 1 of 2 - 2 of 3 shares required:` in
//!   the output of the reference `shamir create`) unless it holds as many words as a share; a label ends at the last `:` with at most 3 list words before it
//!   (`share 1: academic acid ...`, `Group 1: share 1: ...`); a `:` after more list words is
//!   in a note after the share (`(10:30)`), and the line is read whole (the note reported as
//!   not a word, never the share dropped); the reference's `Using master secret:` line is
//!   skipped.
//!
//! Damaged shares stay whole: a share line with a word not in the list or a `?` is still
//! one item, for [`crate::Recovery`] to work out. A damaged share spread over lines ends at
//! an empty line, at a heading, or when it has as many words as a whole share read before it.

use alloc::string::String;
use alloc::vec::Vec;

use zeroize::Zeroizing;

use super::share::{share_length_words, Share, MIN_SHARE_LENGTH_WORDS};

/// The most words a share seedshard reads can have: that of a 512-bit secret (SLIP-0039,
/// "Format of the share mnemonic"; 59 words).
const MAX_WORDS: usize = share_length_words(64);

/// The words of one share found in a text, one space between words, with where they were.
///
/// Its `Debug` shows the place only, never the words.
pub struct ShareText {
    /// The share's words, as written (numbers and labels left out).
    pub words: Zeroizing<String>,
    /// The 1-based line of the text where the share starts.
    pub line: usize,
    /// The 1-based line where it ends (the same as `line` for a share on one line).
    pub last_line: usize,
}

impl core::fmt::Debug for ShareText {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ShareText")
            .field("line", &self.line)
            .field("last_line", &self.last_line)
            .finish_non_exhaustive()
    }
}

impl ShareText {
    /// How many words it has.
    pub fn word_count(&self) -> usize {
        self.words.split_whitespace().count()
    }
}

/// What one line holds.
enum Line<'a> {
    /// Nothing, or a heading: ends a share spread over lines.
    Break,
    /// Nothing to read, without ending anything (a number alone, a known non-share line).
    Skip,
    /// Words.
    Words(Vec<&'a str>),
}

/// The word of a token, with any numbering as on the cards left out; `None` for a number.
fn word_of(token: &str) -> Option<&str> {
    let digits = token.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return Some(token);
    }
    let rest = &token[digits..];
    let rest = rest
        .strip_prefix('.')
        .or_else(|| rest.strip_prefix(')'))
        .unwrap_or(rest);
    if rest.is_empty() {
        None
    } else if rest.len() == token.len() - digits {
        // Digits run into letters with no mark between: not numbering; keep it as typed so
        // that it is reported as not a word.
        Some(token)
    } else {
        Some(rest)
    }
}

/// The lines of `text` with their 1-based numbers as an editor counts them (at LF; the CR
/// of CR LF dropped). A line also ends at a lone CR, a vertical tab, form feed, next line,
/// line or paragraph separator (text copied from elsewhere may hold them), so that a `#`
/// comment never runs on over what follows one; such pieces keep their line's number.
pub(crate) fn numbered_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    const OTHER_LINE_ENDS: [char; 6] = ['\r', '\u{b}', '\u{c}', '\u{85}', '\u{2028}', '\u{2029}'];
    text.split('\n').enumerate().flat_map(|(i, line)| {
        line.strip_suffix('\r')
            .unwrap_or(line)
            .split(OTHER_LINE_ENDS)
            .map(move |piece| (i + 1, piece))
    })
}

/// The most SLIP-39 list words a label may hold (a heading such as `Group 1 of 2 - 2 of 3
/// shares required` holds 1); more are words of a share.
const MAX_LABEL_LIST_WORDS: usize = 3;

/// How many words of the SLIP-39 list `text` holds.
fn list_words(text: &str) -> usize {
    text.split_whitespace()
        .filter_map(word_of)
        .map(|w| w.trim_matches(|c: char| !c.is_ascii_alphanumeric()))
        .filter(|w| super::wordlist::index_of(w).is_some())
        .count()
}

fn classify(line: &str) -> Line<'_> {
    let line = line.trim_start_matches('\u{feff}');
    let line = line.split('#').next().unwrap_or("");
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return Line::Break;
    }
    if trimmed.starts_with("Using master secret") {
        // The reference `shamir create` prints the secret first: not a share, and never
        // repeated in a message.
        return Line::Skip;
    }
    // A line ending with ':' is a heading, unless it holds as many words as a share (a share,
    // whole or damaged, followed by ':').
    if trimmed.ends_with(':') && trimmed.split_whitespace().count() < MIN_SHARE_LENGTH_WORDS {
        return Line::Break;
    }
    // A label ends at the last ':' with at most 3 list words before it ("share 1:", "Group
    // 1: share 1:", "Share 1 (printed 10:30):"). A ':' with more before it is in a note
    // after the words ("(10:30)"): the line is read whole, so that the note is reported as
    // not a word instead of the share being dropped.
    let words_part = trimmed
        .rmatch_indices(':')
        .map(|(at, _)| at)
        .find(|&at| list_words(&trimmed[..at]) <= MAX_LABEL_LIST_WORDS)
        .map_or(trimmed, |at| trimmed[at + 1..].trim());
    let words: Vec<&str> = words_part.split_whitespace().filter_map(word_of).collect();
    if words.is_empty() {
        Line::Skip
    } else {
        Line::Words(words)
    }
}

/// Every word of `text` in order, read by the rule of this module (byte-order mark, `#`
/// comments, numbering, headings and labels left out), with no regard to where a share
/// ends: enough to tell which standard a text looks like ([`crate::bip39::classify`]); a
/// phrase is read more strictly (its checksum is short: no word may be left out).
#[cfg(feature = "bip39")]
pub(crate) fn text_words(text: &str) -> Vec<&str> {
    numbered_lines(text)
        .flat_map(|(_, line)| match classify(line) {
            Line::Words(words) => words,
            Line::Break | Line::Skip => Vec::new(),
        })
        .collect()
}

struct Pending {
    words: Zeroizing<String>,
    count: usize,
    line: usize,
    last_line: usize,
}

impl Pending {
    fn new() -> Self {
        Self {
            words: Zeroizing::new(String::new()),
            count: 0,
            line: 0,
            last_line: 0,
        }
    }

    fn push(&mut self, words: &[&str], line: usize) {
        if self.count == 0 {
            self.line = line;
        }
        self.last_line = line;
        for w in words {
            if !self.words.is_empty() {
                self.words.push(' ');
            }
            self.words.push_str(w);
            self.count += 1;
        }
    }

    fn take(&mut self) -> Option<ShareText> {
        if self.count == 0 {
            return None;
        }
        let out = ShareText {
            words: core::mem::replace(&mut self.words, Zeroizing::new(String::new())),
            line: self.line,
            last_line: self.last_line,
        };
        self.count = 0;
        Some(out)
    }
}

/// Splits `text` into the shares it holds, in order (see the module documentation for the
/// forms read).
///
/// # Examples
///
/// ```
/// use seedshard::slip39::text::share_texts;
/// let shares = share_texts("\u{feff}Group 1 of 1 - 1 of 1 shares required:\n1. academic 2. acid\n");
/// assert_eq!(shares.len(), 1);
/// assert_eq!(shares[0].words.as_str(), "academic acid");
/// assert_eq!(shares[0].line, 2);
/// ```
pub fn share_texts(text: &str) -> Vec<ShareText> {
    let mut out = Vec::new();
    let mut pending = Pending::new();
    // The length of the whole shares read so far: where a damaged share spread over
    // lines ends when nothing else says so.
    let mut known_len: Option<usize> = None;
    for (n, line) in numbered_lines(text) {
        match classify(line) {
            Line::Break => out.extend(pending.take()),
            Line::Skip => {}
            Line::Words(words) => {
                if words.len() >= MIN_SHARE_LENGTH_WORDS {
                    // A share on a line of its own, whole or damaged.
                    out.extend(pending.take());
                    let mut one = Pending::new();
                    one.push(&words, n);
                    let item = one.take().expect("the line has words");
                    if Share::parse(&item.words).is_ok() {
                        known_len = Some(words.len());
                    }
                    out.push(item);
                    continue;
                }
                pending.push(&words, n);
                if pending.count >= MIN_SHARE_LENGTH_WORDS {
                    if Share::parse(&pending.words).is_ok() {
                        known_len = Some(pending.count);
                        out.extend(pending.take());
                    } else if known_len == Some(pending.count) || pending.count >= MAX_WORDS {
                        // No share is longer than MAX_WORDS: the words so far are one damaged
                        // share. This also bounds the work on a long run of short lines
                        // (each parse is of at most MAX_WORDS words).
                        out.extend(pending.take());
                    }
                }
            }
        }
    }
    out.extend(pending.take());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{MasterSecret, Passphrase, SplitPlan};
    use alloc::format;
    use alloc::string::ToString;

    fn shares(n: u8, t: u8, len: usize) -> Vec<String> {
        SplitPlan::single(t, n)
            .unwrap()
            .split(
                &MasterSecret::new(alloc::vec![7; len]).unwrap(),
                &Passphrase::empty(),
            )
            .unwrap()
            .shares()
            .map(|s| s.to_words().to_string())
            .collect()
    }

    fn words(items: &[ShareText]) -> Vec<&str> {
        items.iter().map(|s| s.words.as_str()).collect()
    }

    #[test]
    fn one_share_a_line_with_comments_and_a_byte_order_mark() {
        let s = shares(3, 2, 16);
        let text = format!("\u{feff}# our file\n{}\n\n{}  # second\r\n", s[0], s[1]);
        let got = share_texts(&text);
        assert_eq!(words(&got), [s[0].as_str(), s[1].as_str()]);
        assert_eq!((got[0].line, got[1].line), (2, 4));
    }

    #[test]
    fn one_word_a_line_is_joined_at_the_checksum() {
        let s = shares(3, 2, 32);
        let mut text = String::new();
        for share in &s {
            for (k, w) in share.split(' ').enumerate() {
                // Numbered as on the cards, one a line, no empty line between shares.
                text.push_str(&format!("{}. {w}\n", k + 1));
            }
        }
        let got = share_texts(&text);
        assert_eq!(
            words(&got),
            s.iter().map(String::as_str).collect::<Vec<_>>()
        );
        assert_eq!((got[1].line, got[1].last_line), (34, 66));
    }

    #[test]
    fn numbered_words_on_lines_of_a_few() {
        let s = shares(2, 2, 16);
        let w: Vec<&str> = s[0].split(' ').collect();
        let mut text = String::new();
        for (k, chunk) in w.chunks(4).enumerate() {
            for (j, word) in chunk.iter().enumerate() {
                text.push_str(&format!("{}) {} ", k * 4 + j + 1, word.to_uppercase()));
            }
            text.push('\n');
        }
        text.push_str(&format!("share 2: {}\n", s[1]));
        let got = share_texts(&text);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].words.to_lowercase(), s[0]);
        assert_eq!(got[1].words.as_str(), s[1]);
    }

    #[test]
    fn a_damaged_share_a_word_a_line_ends_at_the_length_of_the_others() {
        let s = shares(3, 2, 16);
        let mut bad: Vec<&str> = s[1].split(' ').collect();
        bad[5] = "?";
        let text = format!(
            "{}\n{}\n{}\n",
            s[0],
            bad.join("\n"),
            s[2].replace(' ', "\n")
        );
        let got = share_texts(&text);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[1].words.as_str(), bad.join(" "));
        assert_eq!(got[2].words.as_str(), s[2]);
    }

    #[test]
    fn reference_headings_and_secret_line_are_not_shares() {
        let s = shares(3, 2, 16);
        let text = format!(
            "Using master secret: 00112233445566778899aabbccddeeff\nGroup 1 of 1 - 2 of 3 shares required:\n{}\n{}\n{}\n",
            s[0], s[1], s[2]
        );
        let got = share_texts(&text);
        assert_eq!(
            words(&got),
            s.iter().map(String::as_str).collect::<Vec<_>>()
        );
        assert!(!format!("{got:?}").contains(&s[0]));
    }

    #[test]
    fn a_colon_after_the_words_keeps_the_share_and_a_label_before_them_goes() {
        let s = shares(3, 2, 16);
        // A note with a ':' after the words: the share stays, the note is a token of it (to
        // be reported as not a word), not the reason the line is dropped.
        let got = share_texts(&format!("{} (checked 10:30)\n", s[0]));
        assert_eq!(words(&got), [format!("{} (checked 10:30)", s[0]).as_str()]);
        let got = share_texts(&format!("{}:\n", s[1]));
        assert_eq!(words(&got), [format!("{}:", s[1]).as_str()]);
        // A damaged share followed by ':' is read (to be reported), not taken for a heading.
        let mut typo: Vec<&str> = s[0].split(' ').collect();
        typo[19] = "qqqq";
        let got = share_texts(&format!("{}:\n", typo.join(" ")));
        assert_eq!(got.len(), 1);
        // A comment ends at a lone CR or a Unicode line end: the share after it is read, and
        // keeps the number of the line as an editor counts them.
        for end in ["\r", "\u{2028}", "\u{b}"] {
            let got = share_texts(&format!("{} # Alice{end}{} # Bob\n{}\n", s[0], s[1], s[2]));
            assert_eq!(
                words(&got),
                [s[0].as_str(), s[1].as_str(), s[2].as_str()],
                "{end:?}"
            );
            assert_eq!(got.iter().map(|t| t.line).collect::<Vec<_>>(), [1, 1, 2]);
        }
        // A label before the words goes, with colons of its own too.
        let got = share_texts(&format!(
            "share 2: {}\nGroup 1: share 3: {}\nShare 1 (printed 10:30): {}\n",
            s[1], s[2], s[0]
        ));
        assert_eq!(words(&got), [s[1].as_str(), s[2].as_str(), s[0].as_str()]);
        // A long heading is a heading, before a share written as numbered card rows.
        let rows: Vec<String> = s[2]
            .split(' ')
            .collect::<Vec<_>>()
            .chunks(4)
            .enumerate()
            .map(|(r, c)| {
                c.iter()
                    .enumerate()
                    .map(|(k, w)| format!("{}. {w}", r * 4 + k + 1))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let text = format!(
            "Card for my mother, kept in the kitchen closet at home:\n{}\n",
            rows.join("\n")
        );
        assert_eq!(words(&share_texts(&text)), [s[2].as_str()]);
    }

    #[test]
    fn a_long_run_of_short_lines_is_cut_at_the_longest_share() {
        // No share has more than 59 words: a run of single words that never makes a share is
        // cut there, so the work per item (and per parse) stays bounded.
        let text = "academic\n".repeat(1000);
        let items = share_texts(&text);
        assert!(items.iter().all(|t| t.word_count() <= MAX_WORDS));
        assert_eq!(items.iter().map(ShareText::word_count).sum::<usize>(), 1000);
        assert_eq!(items[0].word_count(), MAX_WORDS);
        assert_eq!((items[0].line, items[0].last_line), (1, MAX_WORDS));
    }

    #[test]
    fn a_short_line_before_a_whole_share_stays_apart() {
        let s = shares(2, 2, 16);
        let short: Vec<&str> = s[0].split(' ').take(19).collect();
        let got = share_texts(&format!("{}\n{}\n", short.join(" "), s[1]));
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].word_count(), 19);
        assert_eq!(got[1].words.as_str(), s[1]);
    }
}
