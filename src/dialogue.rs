//! Typing shares in, one at a time, as a dialogue without I/O: a front end asks the
//! [`Dialogue`] for its [`Prompt`], reads the person's answer its own way (a terminal line, a
//! text field), hands it to [`Dialogue::answer`] and shows the lines that come back, until
//! there is no prompt left; then [`Dialogue::finish`] gives the shares that fit.
//!
//! Shares are typed a line at a time or a word at a time (the end of a share is known from
//! its length and checksum, or from an empty line). A word not in the list is flagged at once,
//! with the list words that start with the same letters, and only that word is asked for
//! again. `?` marks a word that cannot be read; worked-out words are shown for the person to
//! compare with the card, and taken only when the person says the card shows them. Progress
//! follows every share; a stray first card gives way to the set with the most shares. When
//! the shares are complete, an explicit step comes before anything else is asked, so that the
//! empty line that ends share entry is never taken as the next answer (a passphrase).
//!
//! The lines returned may hold worked-out words (to compare with the card): show them to
//! the person at the screen only, never write them to a log.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use zeroize::{Zeroize, Zeroizing};

use crate::describe::recovery::{repair_lines, text_error_lines, where_in_set};
use crate::slip39::recovery::{AddOutcome, Recovery, Settled, ShareStatus, TextError};
use crate::slip39::share::{Share, MIN_SHARE_LENGTH_WORDS};
use crate::slip39::text::share_texts;
use crate::slip39::wordlist;

/// What the dialogue asks next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// Words of a share (or a word asked for again, or Enter to go on): shown as typed
    /// unless the person asked to hide them.
    Words(String),
    /// A yes or no answer.
    YesNo(String),
}

impl Prompt {
    /// The question's text.
    pub fn text(&self) -> &str {
        match self {
            Self::Words(t) | Self::YesNo(t) => t,
        }
    }
}

/// Why the dialogue ended without a set that recovers (the sentence to show).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotEnoughShares {
    /// What is missing or wrong, without share words.
    pub what: String,
}

#[derive(Debug)]
enum State {
    /// Asking for a share, or the next words of one.
    Share,
    /// Asking again for the word at `tokens[0]` (not in the list).
    Word {
        tokens: Zeroizing<Vec<String>>,
        resolved: Zeroizing<Vec<String>>,
        one_line: bool,
    },
    /// Asking whether the card shows the words worked out.
    Confirm { settled: Settled },
    /// The shares are complete: the explicit step before going on.
    GoOn,
    /// Ended.
    Done,
}

/// The typed-entry dialogue (see the module docs).
#[derive(Debug)]
pub struct Dialogue {
    rec: Recovery,
    typed: usize,
    buffer: Zeroizing<Vec<String>>,
    /// The length of the whole shares typed so far: where a damaged share typed word by
    /// word ends when the checksum cannot say.
    known_len: Option<usize>,
    stop_asked: bool,
    state: State,
}

impl Default for Dialogue {
    fn default() -> Self {
        Self::new()
    }
}

impl Dialogue {
    /// A dialogue with no shares yet.
    pub fn new() -> Self {
        Self {
            rec: Recovery::new(),
            typed: 0,
            buffer: Zeroizing::new(Vec::new()),
            known_len: None,
            stop_asked: false,
            state: State::Share,
        }
    }

    /// The lines to show first; `hidden` says whether what is typed is shown.
    pub fn intro(hidden: bool) -> Vec<String> {
        let mut out = alloc::vec![String::from(
            "Type the words of each share: a whole line, or one word at a time with Enter after each."
        )];
        out.push(String::from(if hidden {
            "What you type is not shown."
        } else {
            "What you type is shown (use --hide-words to hide it)."
        }));
        out.push(String::from(
            "Words may be shortened to their first 4 letters; type ? for a word you cannot read.",
        ));
        out.push(String::from(
            "A share ends by itself when its words are complete; an empty line ends a share early.",
        ));
        out.push(String::from(
            "Enter an empty line when you have no more shares.",
        ));
        out
    }

    /// The shares gathered so far.
    pub fn recovery(&self) -> &Recovery {
        &self.rec
    }

    /// What to ask next, or `None` when the dialogue has ended.
    pub fn prompt(&self) -> Option<Prompt> {
        let n = self.typed + 1;
        Some(match &self.state {
            State::Share if self.buffer.is_empty() => Prompt::Words(format!("share {n}: ")),
            State::Share => Prompt::Words(format!("share {n}, word {}: ", self.buffer.len() + 1)),
            State::Word { resolved, .. } => Prompt::Words(format!(
                "  type word {} again (its first 4 letters are enough), ? if unreadable, Enter to retype the share: ",
                self.buffer.len() + resolved.len() + 1
            )),
            State::Confirm { .. } => {
                Prompt::YesNo(String::from("  does the card show each of these words? [y/n]: "))
            }
            State::GoOn => Prompt::Words(String::from("Press Enter to go on to the passphrase: ")),
            State::Done => return None,
        })
    }

    /// Takes the answer to the last prompt (`None`: the input ended) and returns the lines
    /// to show.
    pub fn answer(&mut self, answer: Option<&str>) -> Vec<String> {
        let mut out = Vec::new();
        match core::mem::replace(&mut self.state, State::Done) {
            State::Share => self.share_line(answer, &mut out),
            State::Word {
                mut tokens,
                resolved,
                one_line,
            } => match answer.map(str::trim).filter(|t| !t.is_empty()) {
                Some(t) => {
                    tokens[0].zeroize();
                    tokens[0] = String::from(t);
                    self.resolve(tokens, resolved, one_line, &mut out);
                }
                None => {
                    self.buffer.zeroize();
                    out.push(String::from("  share not taken; type it again"));
                    self.state = State::Share;
                }
            },
            State::Confirm { settled } => {
                match answer.map(|a| a.trim().to_ascii_lowercase()).as_deref() {
                    Some("y" | "yes") => self.add(settled, &mut out),
                    None | Some("n" | "no" | "") => {
                        out.push(String::from("  share not taken: more words differ from the card than the checksum can settle; type it again, with ? for each doubtful word"));
                        self.state = State::Share;
                    }
                    Some(_) => {
                        out.push(String::from("  please answer y or n"));
                        self.state = State::Confirm { settled };
                    }
                }
            }
            State::GoOn => {
                if answer.is_some_and(|a| !a.trim().is_empty()) {
                    out.push(String::from(
                        "  the shares are already complete: what was typed is not used",
                    ));
                }
            }
            State::Done => {}
        }
        if matches!(self.state, State::Share) && self.rec.analyze().recovers() {
            self.end(&mut out);
        }
        out
    }

    /// The shares that fit, in the order typed, once the dialogue has ended.
    ///
    /// # Errors
    ///
    /// [`NotEnoughShares`] when the shares typed do not recover the set.
    pub fn finish(&self) -> Result<Vec<Share>, NotEnoughShares> {
        let a = self.rec.analyze();
        if !a.recovers() {
            let what = match self.rec.recover() {
                Err(e) => e.to_string(),
                Ok(_) => String::from("the shares do not recover"),
            };
            return Err(NotEnoughShares { what });
        }
        Ok(self
            .rec
            .entries()
            .iter()
            .zip(&a.status)
            .filter(|(_, s)| **s == ShareStatus::Fits)
            .map(|(e, _)| e.share().clone())
            .collect())
    }

    /// Share entry is over: the explicit step when the shares recover.
    fn end(&mut self, out: &mut Vec<String>) {
        if self.rec.analyze().recovers() {
            out.push(String::from("All the shares needed are in."));
            self.state = State::GoOn;
        } else {
            self.state = State::Done;
        }
    }

    fn share_line(&mut self, line: Option<&str>, out: &mut Vec<String>) {
        let Some(line) = line else {
            return self.end(out);
        };
        self.state = State::Share;
        let ends_early = line.trim().is_empty();
        if ends_early && self.buffer.is_empty() {
            // Too few shares: say what is missing and ask once more before giving up, so
            // that an Enter pressed too soon loses nothing typed.
            if self.stop_asked || self.rec.entries().is_empty() {
                return self.end(out);
            }
            self.stop_asked = true;
            let missing = self
                .rec
                .progress()
                .map(|p| p.lines().join("; "))
                .unwrap_or_default();
            out.push(format!("  not enough shares yet: {missing}"));
            out.push(String::from(
                "  type another share, or press Enter again to stop",
            ));
            return;
        }
        self.stop_asked = false;
        if ends_early {
            return self.settle(out);
        }
        #[cfg(feature = "bip39")]
        if self.buffer.is_empty() {
            use crate::bip39::{classify, MnemonicKind};
            let kind = classify(line);
            if let MnemonicKind::Bip39 { words } | MnemonicKind::Bip39OtherLanguage { words, .. } =
                kind
            {
                if words >= 12 {
                    out.push(format!(
                        "  this looks like {}, not a SLIP-39 share: it is not taken",
                        kind.describe()
                    ));
                    out.push(String::from("  a BIP-39 phrase opens its wallet by itself (see it with `seedshard verify --bip39-file FILE`); here, type a share of the set"));
                    return;
                }
            }
        }
        let found: Zeroizing<Vec<String>> = Zeroizing::new(
            share_texts(line)
                .iter()
                .flat_map(|t| {
                    t.words
                        .split_whitespace()
                        .map(String::from)
                        .collect::<Vec<_>>()
                })
                .collect(),
        );
        if found.is_empty() {
            return;
        }
        let one_line = self.buffer.is_empty() && found.len() >= MIN_SHARE_LENGTH_WORDS;
        self.resolve(found, Zeroizing::new(Vec::new()), one_line, out);
    }

    /// Resolves `tokens` in turn to list words or `?`, asking again for the first word not
    /// in the list; then takes the words into the share being typed.
    fn resolve(
        &mut self,
        mut tokens: Zeroizing<Vec<String>>,
        mut resolved: Zeroizing<Vec<String>>,
        one_line: bool,
        out: &mut Vec<String>,
    ) {
        while !tokens.is_empty() {
            let token = &tokens[0];
            if token.bytes().all(|b| b == b'?' || b == b'_') {
                resolved.push(String::from("?"));
            } else if let Some(index) = wordlist::index_of(token) {
                resolved.push(String::from(wordlist::word(index)));
            } else {
                out.push(format!(
                    "  word {} is not a SLIP-39 word ({})",
                    self.buffer.len() + resolved.len() + 1,
                    completions(token)
                ));
                self.state = State::Word {
                    tokens,
                    resolved,
                    one_line,
                };
                return;
            }
            tokens.remove(0).zeroize();
        }
        self.state = State::Share;
        self.buffer.extend(resolved.iter().cloned());
        if !one_line {
            let whole = self.buffer.len() >= MIN_SHARE_LENGTH_WORDS
                && Share::parse(&Zeroizing::new(self.buffer.join(" "))).is_ok();
            if !whole && self.known_len != Some(self.buffer.len()) {
                return;
            }
        }
        self.settle(out);
    }

    /// The share typed is complete: works out damaged words and asks to confirm them, or
    /// takes it.
    fn settle(&mut self, out: &mut Vec<String>) {
        let text = Zeroizing::new(self.buffer.join(" "));
        self.buffer.zeroize();
        let settled = match self.rec.settle_text(&text) {
            Ok(s) => s,
            Err(e) => {
                for (k, l) in text_error_lines(&text, &e, true).iter().enumerate() {
                    out.push(format!("  {}{l}", if k == 0 { "not taken: " } else { "" }));
                }
                let hint = match e {
                    TextError::Ambiguous(_) => {
                        "compare those words with the card and type the share again"
                    }
                    _ => "compare every word with the card and type the share again; mark words you cannot read with ?",
                };
                out.push(format!("  {hint}"));
                return;
            }
        };
        let Some(note) = &settled.note else {
            self.known_len = Some(settled.share.word_count());
            return self.add(settled, out);
        };
        let count = note.fixes.len() + note.from_other_shares.len();
        out.push(format!(
            "  share {}: the checksum works out {count} word{}:",
            self.typed + 1,
            if count == 1 { "" } else { "s" }
        ));
        for l in repair_lines(&text, &settled.share, note, true) {
            out.push(format!("    {l}"));
        }
        self.state = State::Confirm { settled };
    }

    /// Takes a share (its worked-out words, if any, confirmed by the person).
    fn add(&mut self, settled: Settled, out: &mut Vec<String>) {
        self.state = State::Share;
        self.typed += 1;
        let n = self.typed;
        let before = self.rec.identifier();
        let confirmed = settled.note.is_some();
        let added = self.rec.add_settled(settled, format!("typed share {n}"));
        if confirmed {
            // The person compared each worked-out word with the card and said yes.
            self.rec.confirm_repairs(added.entry);
        }
        let rec = &self.rec;
        let share = rec.entries()[added.entry].share();
        if let (Some(old), Some(now)) = (before, rec.identifier()) {
            if old != now {
                // The first share typed was the stray one: the set with the most shares is
                // the one being recovered.
                out.push(format!(
                    "  now recovering set {} (it has the most shares); shares of set {} are set aside",
                    now.short_name(),
                    old.short_name()
                ));
            }
        }
        match &added.outcome {
            AddOutcome::New { .. } => out.push(format!(
                "  share {n}: {} words, checksum ok: {}",
                share.word_count(),
                where_in_set(share)
            )),
            AddOutcome::Duplicate { .. } => out.push(format!(
                "  share {n}: the same share was typed before; ignored"
            )),
            AddOutcome::Conflict { .. } => out.push(format!(
                "  share {n}: {}, but another share with that group and member differs; the check will say which fits",
                where_in_set(share)
            )),
            AddOutcome::OtherSet { name } => out.push(format!(
                "  share {n} belongs to another set ({name}), not to the set being recovered; set aside"
            )),
        }
        if let Some(p) = rec.progress() {
            out.extend(p.lines().into_iter().map(|l| format!("  {l}")));
        }
        let a = rec.analyze();
        for (i, s) in a.status.iter().enumerate() {
            let src = rec.entries()[i].source();
            match s {
                ShareStatus::Disagrees => out.push(format!(
                    "  {src} does not fit the other shares of its group: compare it with its card; it is left out"
                )),
                ShareStatus::GroupDisagrees => out.push(format!(
                    "  {src}: its group does not fit the other groups; it is left out"
                )),
                ShareStatus::Unresolved => out.push(format!(
                    "  {src}: the shares of its group do not fit together; type one more share of that group to find the wrong one"
                )),
                _ => {}
            }
        }
        if a.recovers() && a.digest_checked {
            out.push(String::from(
                "the shares fit together: the digest confirms them",
            ));
        }
    }
}

/// The list words to offer for a word not in the list: those that start with its first
/// letters (up to 4), else the closest ones.
pub fn completions(token: &str) -> String {
    let lower = token.to_ascii_lowercase();
    let mut prefix: String = lower.chars().take(4).collect();
    while !prefix.is_empty() {
        let found: Vec<String> = (0..1024u16)
            .map(wordlist::word)
            .filter(|w| w.starts_with(prefix.as_str()))
            .map(str::to_uppercase)
            .collect();
        if !found.is_empty() && found.len() <= 8 {
            return format!(
                "words starting {}: {}",
                prefix.to_uppercase(),
                found.join(", ")
            );
        }
        if !found.is_empty() {
            break;
        }
        prefix.pop();
    }
    let close = wordlist::suggestions(token, 3)
        .iter()
        .map(|w| w.to_uppercase())
        .collect::<Vec<_>>()
        .join(", ");
    format!("closest: {close}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{MasterSecret, Passphrase, SplitPlan};

    fn words_of(secret: u8, t: u8, n: u8) -> Vec<String> {
        SplitPlan::single(t, n)
            .unwrap()
            .split(
                &MasterSecret::new(alloc::vec![secret; 16]).unwrap(),
                &Passphrase::empty(),
            )
            .unwrap()
            .shares()
            .map(|s| s.to_words().to_string())
            .collect()
    }

    /// Plays `answers` in turn; returns every prompt and line shown.
    fn play(d: &mut Dialogue, answers: &[&str]) -> Vec<String> {
        let mut shown = Vec::new();
        let mut answers = answers.iter();
        while let Some(p) = d.prompt() {
            shown.push(format!("PROMPT {}", p.text()));
            shown.extend(d.answer(answers.next().copied()));
        }
        shown
    }

    #[test]
    fn a_stray_card_first_a_word_confirmed_progress_and_the_end() {
        let words = words_of(0x42, 2, 3);
        let stray = words_of(0x01, 2, 3);
        let mut smudged: Vec<&str> = words[0].split(' ').collect();
        smudged[6] = "?";
        let smudged = smudged.join(" ");
        // The second share word by word, its 5th word mistyped then typed again.
        let second: Vec<&str> = words[1].split(' ').collect();
        let mut answers: Vec<String> =
            alloc::vec![stray[0].clone(), smudged, "maybe".into(), "y".into()];
        for (k, w) in second.iter().enumerate() {
            if k == 4 {
                answers.push("qqqqz".into());
            }
            answers.push((*w).into());
        }
        answers.push(String::new());
        let answers: Vec<&str> = answers.iter().map(String::as_str).collect();
        let mut d = Dialogue::new();
        let text = play(&mut d, &answers).join("\n");
        assert!(text.contains("PROMPT share 1: "), "{text}");
        assert!(
            text.contains("  share 2: the checksum works out 1 word:"),
            "{text}"
        );
        assert!(
            text.contains("word 7 was unreadable; the checksum gives"),
            "{text}"
        );
        assert!(text.contains("please answer y or n"), "{text}");
        assert!(text.contains("now recovering set"), "{text}");
        assert!(text.contains("1 of 2 shares, 1 more needed"), "{text}");
        assert!(text.contains("PROMPT share 3, word 5: "), "{text}");
        assert!(
            text.contains("word 5 is not a SLIP-39 word (words starting Q"),
            "{text}"
        );
        assert!(text.contains("the digest confirms them"), "{text}");
        assert!(text.contains("All the shares needed are in."), "{text}");
        assert!(text.contains("PROMPT Press Enter to go on"), "{text}");
        assert!(d.prompt().is_none());
        let shares = d.finish().unwrap();
        assert_eq!(shares.len(), 2);
        assert_eq!(
            crate::combine(&shares, &Passphrase::empty()).unwrap(),
            MasterSecret::new(alloc::vec![0x42; 16]).unwrap()
        );
    }

    #[test]
    fn too_few_shares_end_with_what_is_missing() {
        let words = words_of(0x42, 3, 5);
        let mut d = Dialogue::new();
        let text = play(&mut d, &[&words[0], "", ""]).join("\n");
        assert!(
            text.contains("not enough shares yet: 1 of 3 shares, 2 more needed"),
            "{text}"
        );
        let e = d.finish().unwrap_err();
        assert!(e.what.contains("2 more needed"), "{}", e.what);
        // Refusing the worked-out words does not take the share.
        let mut smudged: Vec<&str> = words[0].split(' ').collect();
        smudged[4] = "?";
        let mut d = Dialogue::new();
        let text = play(&mut d, &[&smudged.join(" "), "n"]).join("\n");
        assert!(text.contains("share not taken"), "{text}");
        assert!(d.recovery().entries().is_empty());
    }
}
