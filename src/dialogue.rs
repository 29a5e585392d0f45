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
//! Typing may also go on from shares already read (files, photos) that are not enough by
//! themselves ([`Dialogue::continuing`]). A BIP-39 phrase typed at the share prompt, a whole
//! line or one word a line, is named and not taken. After the shares, [`PassphraseTries`]
//! decides whether a passphrase that opened another wallet than the one expected is asked
//! for again, and [`yes_no`] reads the answer to the offer to clear the screen. The words
//! are in [`crate::describe::dialogue`].
//!
//! A front end that reads and shows lines (a terminal) runs the whole conversation with
//! [`terminal`].
//!
//! The lines returned may hold worked-out words (to compare with the card): show them to
//! the person at the screen only, never write them to a log.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use zeroize::{Zeroize, Zeroizing};

use crate::describe::dialogue as say;
use crate::describe::recovery::{repair_lines, text_error_lines, where_in_set};
use crate::slip39::recovery::{AddOutcome, Recovery, Settled, ShareStatus, TextError};
use crate::slip39::share::{Share, MIN_SHARE_LENGTH_WORDS};
use crate::slip39::text::share_texts;
use crate::slip39::wordlist;

pub mod terminal;

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
    /// The words of the share being typed as typed, while it is typed one word a line
    /// (`None` once a line holds several words): to tell a BIP-39 phrase typed word by word.
    raw: Option<Zeroizing<Vec<String>>>,
    /// Words typed one a line that are BIP-39 words but not SLIP-39 words, held back while the
    /// words typed could be a BIP-39 phrase (then they are named, not flagged one by one).
    held: Zeroizing<Vec<String>>,
    /// The entries read before typing began ([`Dialogue::continuing`]).
    first: usize,
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
            raw: Some(Zeroizing::new(Vec::new())),
            held: Zeroizing::new(Vec::new()),
            first: 0,
            known_len: None,
            stop_asked: false,
            state: State::Share,
        }
    }

    /// A dialogue that goes on from shares already read (`rec`: files, photos) that do not
    /// recover by themselves; [`Dialogue::finish`] gives only the shares typed here.
    pub fn continuing(rec: Recovery) -> Self {
        let first = rec.entries().len();
        let known_len = rec.entries().first().map(|e| e.share().word_count());
        Self {
            rec,
            first,
            known_len,
            ..Self::new()
        }
    }

    /// The lines to show first; `hidden` says whether what is typed is shown.
    pub fn intro(hidden: bool) -> Vec<String> {
        say::intro(hidden)
    }

    /// The lines to show first for this dialogue: [`Dialogue::intro`], and what is missing
    /// when it goes on from shares already read.
    pub fn opening(&self, hidden: bool) -> Vec<String> {
        let mut out = Vec::new();
        if self.first > 0 {
            let missing = self.rec.progress().map(|p| p.lines()).unwrap_or_default();
            out.extend(say::continuing(&missing));
        }
        out.extend(say::intro(hidden));
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
            State::Share if self.buffer.is_empty() && self.held.is_empty() => {
                Prompt::Words(say::share_prompt(n, None))
            }
            State::Share => Prompt::Words(say::share_prompt(
                n,
                Some(self.buffer.len() + self.held.len() + 1),
            )),
            State::Word { resolved, .. } => Prompt::Words(say::word_again_prompt(
                self.buffer.len() + resolved.len() + 1,
            )),
            State::Confirm { .. } => Prompt::YesNo(String::from(say::CONFIRM_PROMPT)),
            State::GoOn => Prompt::Words(String::from(say::GO_ON_PROMPT)),
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
                    self.clear_share();
                    out.push(String::from(say::SHARE_NOT_TAKEN_RETYPE));
                    self.state = State::Share;
                }
            },
            State::Confirm { settled } => match yes_no(answer) {
                Some(true) => self.add(settled, &mut out),
                Some(false) => {
                    out.push(String::from(say::REPAIR_REFUSED));
                    self.state = State::Share;
                }
                None => {
                    out.push(String::from(say::YES_OR_NO));
                    self.state = State::Confirm { settled };
                }
            },
            State::GoOn => {
                if answer.is_some_and(|a| !a.trim().is_empty()) {
                    out.push(String::from(say::TYPED_AFTER_COMPLETE));
                }
            }
            State::Done => {}
        }
        if matches!(self.state, State::Share) && self.rec.analyze().recovers() {
            self.end(&mut out);
        }
        out
    }

    /// The shares that fit, in the order typed, once the dialogue has ended (for a dialogue
    /// [`Dialogue::continuing`] from shares read, only those typed here).
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
            .skip(self.first)
            .filter(|(_, s)| **s == ShareStatus::Fits)
            .map(|(e, _)| e.share().clone())
            .collect())
    }

    /// Share entry is over: the explicit step when the shares recover.
    fn end(&mut self, out: &mut Vec<String>) {
        if self.rec.analyze().recovers() {
            out.push(String::from(say::SHARES_COMPLETE));
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
        if ends_early && !self.held.is_empty() {
            // Words held back as a possible BIP-39 phrase: the share ends, so they are
            // SLIP-39 words typed wrong; the first is asked for again.
            let held = core::mem::replace(&mut self.held, Zeroizing::new(Vec::new()));
            return self.resolve(held, Zeroizing::new(Vec::new()), false, out);
        }
        if ends_early && self.buffer.is_empty() {
            // Too few shares: say what is missing and ask once more before giving up, so
            // that an Enter pressed too soon loses nothing typed.
            if self.stop_asked || self.rec.entries().is_empty() {
                return self.end(out);
            }
            self.stop_asked = true;
            let missing = self.rec.progress().map(|p| p.lines()).unwrap_or_default();
            out.extend(say::not_enough_yet(&missing));
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
                    out.extend(say::phrase_not_a_share(&kind.describe()));
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
        #[cfg(feature = "bip39")]
        if found.len() == 1 && self.bip39_word_by_word(&found[0], out) {
            return;
        }
        if found.len() > 1 {
            self.raw = None;
        }
        let one_line = self.buffer.is_empty() && found.len() >= MIN_SHARE_LENGTH_WORDS;
        self.resolve(found, Zeroizing::new(Vec::new()), one_line, out);
    }

    /// Forgets the words of the share being typed.
    fn clear_share(&mut self) {
        self.buffer.zeroize();
        self.held.zeroize();
        self.raw = Some(Zeroizing::new(Vec::new()));
    }

    /// A word typed on its own line: held back while the words of the share so far could be
    /// a BIP-39 phrase (a BIP-39 word that is not a SLIP-39 word, after BIP-39 words only),
    /// and the phrase named once its words are complete. True when the word was dealt with
    /// here; false when it is to be taken as a SLIP-39 word (or flagged as not one).
    #[cfg(feature = "bip39")]
    fn bip39_word_by_word(&mut self, token: &str, out: &mut Vec<String>) -> bool {
        use crate::bip39::{classify, Bip39Phrase};
        let Some(raw) = self.raw.as_mut() else {
            return false;
        };
        let bip39 = is_bip39_word(token);
        if self.held.is_empty() {
            let slip39 = token.bytes().all(|b| b == b'?' || b == b'_')
                || wordlist::index_of(token).is_some();
            if slip39 || !bip39 || !raw.iter().all(|w| is_bip39_word(w)) {
                raw.push(String::from(token));
                return false;
            }
        } else if !bip39 {
            // Not a phrase after all: the words held back are taken in turn (the first,
            // not a SLIP-39 word, is asked for again), then this one.
            raw.push(String::from(token));
            let mut tokens = core::mem::replace(&mut self.held, Zeroizing::new(Vec::new()));
            tokens.push(String::from(token));
            self.resolve(tokens, Zeroizing::new(Vec::new()), false, out);
            return true;
        }
        raw.push(String::from(token));
        self.held.push(String::from(token));
        let text = Zeroizing::new(raw.join(" "));
        let complete =
            matches!(raw.len(), 12 | 15 | 18 | 21 | 24) && Bip39Phrase::parse(&text).is_ok();
        if complete || raw.len() >= 24 {
            out.extend(say::phrase_not_a_share(&classify(&text).describe()));
            self.clear_share();
        }
        true
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
                out.push(say::not_a_word(
                    self.buffer.len() + resolved.len() + 1,
                    &completions(token),
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
        self.clear_share();
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

/// Reads a yes-or-no answer: `Some(true)` for y or yes, `Some(false)` for n, no, an empty
/// line or the end of input, `None` for anything else (ask again).
pub fn yes_no(answer: Option<&str>) -> Option<bool> {
    match answer.map(|a| a.trim().to_ascii_lowercase()).as_deref() {
        Some("y" | "yes") => Some(true),
        None | Some("n" | "no" | "") => Some(false),
        Some(_) => None,
    }
}

/// How many passphrases [`PassphraseTries`] lets a person try in one run.
pub const PASSPHRASE_TRIES: usize = 5;

/// Whether to ask for the passphrase again after one that opened another wallet than the one
/// expected: the shares are kept, the person says whether to try another, up to
/// [`PASSPHRASE_TRIES`] in all.
///
/// A front end calls [`PassphraseTries::mismatch`] after each passphrase that did not match,
/// shows the lines, asks its [`PassphraseTries::prompt`] until there is none, and reads a
/// passphrase again while [`PassphraseTries::try_again`] says so. An empty passphrase stays a
/// passphrase that can be tried, so the question is a separate yes or no.
#[derive(Debug, Default)]
pub struct PassphraseTries {
    tried: usize,
    asking: bool,
    again: bool,
}

impl PassphraseTries {
    /// No passphrase tried yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The passphrase just tried did not match: the lines to show.
    pub fn mismatch(&mut self) -> Vec<String> {
        self.tried += 1;
        let left = PASSPHRASE_TRIES.saturating_sub(self.tried);
        self.asking = left > 0;
        self.again = false;
        say::passphrase_mismatch(self.tried, left)
    }

    /// The question to ask, or `None` when the answer is in.
    pub fn prompt(&self) -> Option<Prompt> {
        self.asking
            .then(|| Prompt::YesNo(String::from(say::TRY_AGAIN_PROMPT)))
    }

    /// Takes the answer to the question (`None`: the input ended) and returns the lines to
    /// show.
    pub fn answer(&mut self, answer: Option<&str>) -> Vec<String> {
        match yes_no(answer) {
            Some(again) => {
                self.asking = false;
                self.again = again;
                Vec::new()
            }
            None => alloc::vec![String::from(say::YES_OR_NO)],
        }
    }

    /// True when the person asked to try another passphrase.
    pub fn try_again(&self) -> bool {
        self.again && !self.asking
    }
}

/// True when `token` names an English BIP-39 word: the whole word, or a beginning of at least
/// 4 letters that only one word has.
#[cfg(feature = "bip39")]
fn is_bip39_word(token: &str) -> bool {
    let list = crate::bip39::word_list(::bip39::Language::English);
    if !token.is_ascii() || token.len() > 16 {
        return false;
    }
    let lower = Zeroizing::new(token.to_ascii_lowercase());
    if list.contains(&lower.as_str()) {
        return true;
    }
    let mut matches = list.iter().filter(|w| w.starts_with(lower.as_str()));
    lower.len() >= 4 && matches.next().is_some() && matches.next().is_none()
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
mod tests;
