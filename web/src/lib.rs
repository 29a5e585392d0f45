//! The seedshard library for the offline page (`seedshard.html`): thin bindings from the
//! page's JavaScript to the library, with no SLIP-39, BIP-39 or wallet logic of their own.
//!
//! The page talks to one [`RecoverySession`]: it reads pasted share text, says what each share
//! is and how far the set is from complete, opens the wallet with the passphrases, and shows a
//! secret only when asked for it. Answers are JSON strings, read by `web/page/app.js`.
//!
//! The sentences come from the library where it has them (errors, progress, readings); the few
//! written here are marked as such and move to the library's `describe` module with the
//! library-first API.

#![forbid(unsafe_code)]

mod backup;
mod scan;
pub use backup::{bridging_modes, BackupSession};
pub use scan::Scanner;

use seedshard::bip39::{Bip39Passphrase, Bip39Phrase};
use seedshard::slip39::recovery::{AddOutcome, RepairNote, TextError};
use seedshard::slip39::text::share_texts;
use seedshard::wallet::{
    readings, Expectation, Fingerprint, Network, Reading, ReadingKind, RootXprv,
};
use seedshard::{EncryptedMasterSecret, MasterSecret, Passphrase, Recovery, ShareStatus};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

/// The library's version, shown in the page's footer.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// One share line as read.
#[derive(Serialize)]
struct ShareLine {
    /// 1-based line in the text box.
    line: usize,
    /// `fits`, `waiting`, `duplicate`, `other-set`, `problem` or `unreadable`.
    status: &'static str,
    /// What it is, in words.
    text: String,
    /// Words worked out, to compare with the card, one each.
    notes: Vec<RepairView>,
}

/// A word worked out in a share, for the person to compare with the card and confirm.
#[derive(Serialize)]
struct RepairView {
    /// 1-based position of the word in the share.
    position: usize,
    /// What was worked out, in words.
    text: String,
    /// The person confirmed it against the card.
    confirmed: bool,
}

/// What reading the share text found.
#[derive(Serialize)]
struct ReadReport {
    shares: Vec<ShareLine>,
    /// Progress of the set, one line per group, then the groups line.
    progress: Vec<String>,
    /// The set's name, once a share was read.
    set_name: Option<String>,
    /// True when the set recovers: ask for the passphrase.
    ready: bool,
    /// Why it does not recover yet, when it does not.
    problem: Option<String>,
}

/// One reading of the recovered secret (public facts only).
#[derive(Serialize)]
struct ReadingView {
    /// 1-based.
    number: usize,
    kind: &'static str,
    title: &'static str,
    sentence: String,
    fingerprint: String,
    first_address: String,
    account_xpub: String,
}

/// What opening the wallet found.
#[derive(Serialize)]
struct OpenReport {
    readings: Vec<ReadingView>,
    /// 1-based reading that matches the expected fingerprint or address, if one was given.
    matched: Option<usize>,
    /// An expectation was given and no reading matches.
    mismatch: bool,
    /// Secrets may be shown (false while worked-out words wait for a matching wallet).
    can_show: bool,
    /// Notes for the person, in order.
    notes: Vec<String>,
}

fn reading_title(kind: ReadingKind) -> &'static str {
    match kind {
        ReadingKind::Slip39 => "as a SLIP-39 wallet (Trezor and others)",
        _ => "as a BIP-39 phrase (entropy mode)",
    }
}

/// Recovery in the page: the shares read, then the wallet opened, then a secret shown.
#[wasm_bindgen]
pub struct RecoverySession {
    ems: Option<EncryptedMasterSecret>,
    /// Worked-out words nothing confirms yet: only a matching wallet can, in the page.
    unconfirmed: bool,
    secret: Option<MasterSecret>,
    bip39_passphrase: Bip39Passphrase,
    readings: Vec<Reading>,
    matched: Option<usize>,
    /// Worked-out words the person confirmed against the card: the line, the position and
    /// the line's words as they were then (a changed line is not confirmed).
    confirmed: Vec<(usize, usize, Zeroizing<String>)>,
}

impl Default for RecoverySession {
    fn default() -> Self {
        Self::new()
    }
}

#[wasm_bindgen]
impl RecoverySession {
    /// An empty session.
    #[wasm_bindgen(constructor)]
    pub fn new() -> RecoverySession {
        RecoverySession {
            ems: None,
            unconfirmed: false,
            secret: None,
            bip39_passphrase: Bip39Passphrase::empty(),
            readings: Vec::new(),
            matched: None,
            confirmed: Vec::new(),
        }
    }

    /// Reads the text box: every share in it, what each is, and whether the set recovers.
    /// Forgets any wallet opened before. Returns a JSON `ReadReport`.
    pub fn read(&mut self, text: &str) -> String {
        json(&self.read_report(text))
    }

    /// Opens the wallet with the SLIP-39 passphrase and the BIP-39 passphrase (for the
    /// second reading), checked against `expected` (a fingerprint or an address from the
    /// owner sheet; empty for none). Returns a JSON `OpenReport`.
    ///
    /// # Errors
    ///
    /// When no set was read, or a passphrase or the expected fact is not valid.
    pub fn open(
        &mut self,
        slip39_passphrase: String,
        bip39_passphrase: String,
        expected: &str,
    ) -> Result<String, JsError> {
        self.open_report(slip39_passphrase, bip39_passphrase, expected)
            .map(|r| json(&r))
    }
}

impl RecoverySession {
    fn read_report(&mut self, text: &str) -> ReadReport {
        self.forget();
        self.ems = None;
        self.unconfirmed = false;
        let items = share_texts(text);
        let mut rec = Recovery::new();
        let results = rec.add_texts(
            items
                .iter()
                .map(|t| (t.words.as_str(), format!("line {}", t.line))),
        );
        // Shares whose every worked-out word the person confirmed against the card.
        for (item, result) in items.iter().zip(&results) {
            if let Ok(added) = result {
                if let Some(note) = &added.note {
                    let all = repair_positions(note).iter().all(|&p| {
                        self.confirmed.iter().any(|(l, q, w)| {
                            *l == item.line && *q == p && w.as_str() == item.words.as_str()
                        })
                    });
                    if all {
                        rec.confirm_repairs(added.entry);
                    }
                }
            }
        }
        let analysis = rec.analyze();
        let mut shares = Vec::new();
        for (item, result) in items.iter().zip(&results) {
            let line = item.line;
            match result {
                Err(e) => shares.push(ShareLine {
                    line,
                    status: "unreadable",
                    text: text_error(&item.words, e),
                    notes: Vec::new(),
                }),
                Ok(added) => {
                    let entry = &rec.entries()[added.entry];
                    let share = entry.share();
                    let (status, what) = match (added.outcome.clone(), analysis.status[added.entry]) {
                        (AddOutcome::Duplicate { of }, _) | (_, ShareStatus::Duplicate { of }) => (
                            "duplicate",
                            format!(
                                "the same share as {}: set aside",
                                rec.entries()[of].source()
                            ),
                        ),
                        (AddOutcome::OtherSet { name }, _) => (
                            "other-set",
                            format!("a share of another set ({name}): set aside"),
                        ),
                        (_, ShareStatus::OtherSet) => (
                            "other-set",
                            format!(
                                "a share of another set ({}): set aside",
                                share.identifier().short_name()
                            ),
                        ),
                        (_, ShareStatus::Fits) => ("fits", "fits".to_string()),
                        (_, ShareStatus::Waiting) => (
                            "waiting",
                            "read; its group needs more shares to check it".to_string(),
                        ),
                        (_, ShareStatus::Disagrees) => (
                            "problem",
                            "does not fit the other shares of its group: it is wrong or damaged"
                                .to_string(),
                        ),
                        (_, ShareStatus::GroupDisagrees) => (
                            "problem",
                            "its group does not fit the other groups".to_string(),
                        ),
                        (_, ShareStatus::Unresolved) => (
                            "problem",
                            "its group's shares do not fit together; another share of the group would tell which is wrong"
                                .to_string(),
                        ),
                        (_, _) => ("problem", "does not fit".to_string()),
                    };
                    let label = if share.group_count() > 1 {
                        format!(
                            "group {} share {}",
                            u16::from(share.group_index()) + 1,
                            u16::from(share.member_index()) + 1
                        )
                    } else {
                        format!("share {}", u16::from(share.member_index()) + 1)
                    };
                    shares.push(ShareLine {
                        line,
                        status,
                        text: format!("{label}: {what}"),
                        notes: added
                            .note
                            .as_ref()
                            .map(|n| {
                                repair_notes(&share.to_indices(), n)
                                    .into_iter()
                                    .map(|(position, text)| RepairView {
                                        position,
                                        text,
                                        confirmed: self.confirmed.iter().any(|(l, q, w)| {
                                            *l == line
                                                && *q == position
                                                && w.as_str() == item.words.as_str()
                                        }),
                                    })
                                    .collect()
                            })
                            .unwrap_or_default(),
                    });
                }
            }
        }
        let progress = analysis
            .progress
            .as_ref()
            .map(|p| p.lines())
            .unwrap_or_default();
        let (ready, problem) = match rec.recover_unconfirmed() {
            Ok((ems, unconfirmed)) => {
                self.unconfirmed = !unconfirmed.is_empty();
                self.ems = Some(ems);
                (true, None)
            }
            Err(e) => (false, Some(e.to_string())),
        };
        ReadReport {
            shares,
            progress,
            set_name: rec.identifier().map(|i| i.short_name()),
            ready,
            problem,
        }
    }

    fn open_report(
        &mut self,
        slip39_passphrase: String,
        bip39_passphrase: String,
        expected: &str,
    ) -> Result<OpenReport, JsError> {
        let ems = self
            .ems
            .as_ref()
            .ok_or_else(|| JsError::new("read enough shares first"))?;
        let passphrase =
            Passphrase::new(slip39_passphrase).map_err(|e| JsError::new(&e.to_string()))?;
        let network = Network::Bitcoin;
        let expectation = expectation(expected, network)?;
        let secret = ems.decrypt(&passphrase);
        let bip39_passphrase = Bip39Passphrase::new(bip39_passphrase);
        let all = readings(&secret, &bip39_passphrase, network);
        let matched = expectation
            .as_ref()
            .and_then(|x| all.iter().position(|r| x.matches(r.facts())));
        let mismatch = expectation.is_some() && matched.is_none();
        let mut notes = Vec::new();
        if all.len() > 1 {
            notes.push(
                "The shares do not record how their secret is meant to be read, so here are both readings.".to_string(),
            );
        }
        if let Some(i) = matched {
            notes.push(format!("Reading {} is the wallet you expect.", i + 1));
            if self.unconfirmed {
                notes.push("The wallet matches the one expected: this confirms the words worked out from the checksum.".to_string());
            }
        }
        if mismatch {
            notes.push("Neither reading opens the wallet you expect. A wrong SLIP-39 passphrase opens a different wallet without any error: type the passphrase again (the shares stay as they are).".to_string());
        }
        let can_show = !self.unconfirmed || matched.is_some();
        if !can_show {
            notes.push("Some words were worked out from the checksum and nothing confirms them: compare each with the card and confirm it, give the wallet's fingerprint or an address from the owner sheet, or add another card of the set, before the secret can be shown.".to_string());
        }
        let views = all
            .iter()
            .enumerate()
            .map(|(i, r)| ReadingView {
                number: i + 1,
                kind: r.kind().as_str(),
                title: reading_title(r.kind()),
                sentence: r.sentence(),
                fingerprint: r.facts().fingerprint().to_string(),
                first_address: r.facts().receive_address(0),
                account_xpub: r.facts().account_xpub(),
            })
            .collect();
        let report = OpenReport {
            readings: views,
            matched: matched.map(|i| i + 1),
            mismatch,
            can_show,
            notes,
        };
        self.secret = Some(secret);
        self.bip39_passphrase = bip39_passphrase;
        self.readings = all;
        self.matched = matched;
        self.unconfirmed &= matched.is_none();
        Ok(report)
    }
}

#[wasm_bindgen]
impl RecoverySession {
    /// The secret of reading `number` (1-based) as `format`: `bip39` (the phrase, reading 2
    /// only), `xprv` (the reading's BIP-32 root key) or `hex` (the master secret).
    ///
    /// # Errors
    ///
    /// When no wallet is open, the reading or format does not exist, or worked-out words
    /// wait for confirmation.
    pub fn reveal(&self, number: usize, format: &str) -> Result<String, JsError> {
        let secret = self
            .secret
            .as_ref()
            .ok_or_else(|| JsError::new("open the wallet first"))?;
        if self.unconfirmed {
            return Err(JsError::new(
                "words worked out from the checksum are not confirmed yet",
            ));
        }
        let reading = number
            .checked_sub(1)
            .and_then(|i| self.readings.get(i))
            .ok_or_else(|| JsError::new("no such reading"))?;
        let network = reading.facts().network();
        let out: Zeroizing<String> = match format {
            "bip39" => reading
                .phrase()
                .map(Bip39Phrase::to_words)
                .ok_or_else(|| JsError::new("this reading is not a BIP-39 phrase"))?,
            "xprv" => {
                let key = match reading.phrase() {
                    Some(p) => RootXprv::from_seed(
                        p.to_seed(&self.bip39_passphrase).expose_secret(),
                        network,
                    )
                    .map_err(|e| JsError::new(&e.to_string()))?,
                    None => RootXprv::from_master_secret(secret, network),
                };
                Zeroizing::new(key.expose_secret().to_string())
            }
            "hex" => seedshard::hex::encode(secret.expose_secret()),
            _ => return Err(JsError::new("unknown format")),
        };
        Ok(out.to_string())
    }

    /// Records that the person compared word `position` of the share on line `line` of
    /// `text` (the Shares box) with the card and it matches. A share whose worked-out words
    /// are all confirmed counts as read whole; read the box again to see it.
    pub fn confirm_word(&mut self, text: &str, line: usize, position: usize) {
        if let Some(item) = share_texts(text).into_iter().find(|t| t.line == line) {
            self.confirmed
                .push((line, position, Zeroizing::new(item.words.to_string())));
        }
    }

    /// Forgets the opened wallet and its secret (the shares read stay).
    pub fn forget(&mut self) {
        self.secret = None;
        self.readings.clear();
        self.matched = None;
        self.bip39_passphrase = Bip39Passphrase::empty();
    }
}

/// What Verify found: the wallet a phrase or shares open (public facts only).
#[derive(Serialize)]
struct VerifyReport {
    /// `bip39` for a phrase, `shares` for shares.
    source: &'static str,
    /// What reading the shares found (shares only).
    shares: Option<ReadReport>,
    /// The wallet, as recovery shows it (never with a secret to show).
    wallet: Option<OpenReport>,
}

/// Verify: which wallet a BIP-39 phrase or a pile of shares opens (fingerprint, first
/// address, xpub), as `seedshard verify` says it; no secret is ever shown. `expected` is a
/// fingerprint or address to check against (empty for none). Returns a JSON `VerifyReport`.
///
/// # Errors
///
/// When the phrase, a passphrase or the expected fact is not valid.
#[wasm_bindgen]
pub fn verify(
    text: &str,
    slip39_passphrase: String,
    bip39_passphrase: String,
    expected: &str,
) -> Result<String, JsError> {
    use seedshard::bip39::{classify, MnemonicKind};
    use seedshard::wallet::WalletFacts;
    if let MnemonicKind::Bip39 { .. } = classify(text) {
        let phrase = Bip39Phrase::parse(text)
            .map_err(|e| JsError::new(&format!("the BIP-39 phrase: {e}")))?;
        let network = Network::Bitcoin;
        let expectation = expectation(expected, network)?;
        let pass = Bip39Passphrase::new(bip39_passphrase);
        let facts = WalletFacts::from_bip39(&phrase, &pass, network);
        let sentence = seedshard::describe::backup::phrase_sentence(
            phrase.word_count(),
            !pass.is_empty(),
            &facts,
        );
        let matched = expectation
            .as_ref()
            .filter(|x| x.matches(&facts))
            .map(|_| 1);
        let mismatch = expectation.is_some() && matched.is_none();
        let mut notes = Vec::new();
        if matched.is_some() {
            notes.push(format!(
                "Match: the phrase opens the expected wallet {}.",
                facts.fingerprint()
            ));
        }
        if mismatch {
            notes.push(format!(
                "The phrase opens wallet {}, not the expected one: a BIP-39 passphrase changes the wallet; check it and the phrase.",
                facts.fingerprint()
            ));
        }
        let wallet = OpenReport {
            readings: vec![ReadingView {
                number: 1,
                kind: "bip39",
                title: "the BIP-39 phrase",
                sentence,
                fingerprint: facts.fingerprint().to_string(),
                first_address: facts.receive_address(0),
                account_xpub: facts.account_xpub(),
            }],
            matched,
            mismatch,
            can_show: false,
            notes,
        };
        return Ok(json(&VerifyReport {
            source: "bip39",
            shares: None,
            wallet: Some(wallet),
        }));
    }
    let mut session = RecoverySession::new();
    let shares = session.read_report(text);
    let wallet = if shares.ready {
        let mut open = session.open_report(slip39_passphrase, bip39_passphrase, expected)?;
        session.forget();
        open.can_show = false;
        Some(open)
    } else {
        None
    };
    Ok(json(&VerifyReport {
        source: "shares",
        shares: Some(shares),
        wallet,
    }))
}

pub(crate) fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_string())
}

fn expectation(text: &str, network: Network) -> Result<Option<Expectation>, JsError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if let Ok(fp) = text.parse::<Fingerprint>() {
        return Ok(Some(Expectation::Fingerprint(fp)));
    }
    Expectation::address(text, network).map(Some).map_err(|_| {
        JsError::new(
            "this is neither a fingerprint (8 hex digits such as 73c5da0a) nor a bc1q... or bc1p... address",
        )
    })
}

/// Why share text could not be read (written here; moves to the library's describe module).
fn text_error(typed: &str, e: &TextError) -> String {
    use seedshard::bip39::{classify, MnemonicKind};
    if let kind @ (MnemonicKind::Bip39 { .. } | MnemonicKind::Bip39OtherLanguage { .. }) =
        classify(typed)
    {
        return format!("this looks like {}, not a SLIP-39 share", kind.describe());
    }
    e.to_string()
}

/// The words worked out in a share, to compare with the card, by position.
fn repair_notes(indices: &[u16], note: &RepairNote) -> Vec<(usize, String)> {
    let word = |p: usize| {
        indices
            .get(p - 1)
            .map(|&i| seedshard::slip39::wordlist::word(i))
            .unwrap_or("?")
            .to_uppercase()
    };
    let mut out = Vec::new();
    for &p in &note.from_other_shares {
        out.push((
            p,
            format!(
            "word {p} was unreadable; every share of this set has {} there: compare with the card",
            word(p)
        ),
        ));
    }
    for f in &note.fixes {
        let text = if note.missing_word == Some(f.position) {
            format!(
                "a word was missing at position {}; the checksum gives {}: compare with the card",
                f.position,
                word(f.position)
            )
        } else if f.was_unreadable {
            format!(
                "word {} was unreadable; the checksum gives {}: compare with the card",
                f.position,
                word(f.position)
            )
        } else {
            format!(
                "word {} was wrong; the checksum gives {}: compare with the card",
                f.position,
                word(f.position)
            )
        };
        out.push((f.position, text));
    }
    if let Some(p) = note.extra_word {
        out.push((p, format!("word {p} was one too many and was left out")));
    }
    out
}

/// The positions of the words worked out in a share, each to be confirmed.
fn repair_positions(note: &RepairNote) -> Vec<usize> {
    let mut out: Vec<usize> = note.from_other_shares.clone();
    out.extend(note.fixes.iter().map(|f| f.position));
    out.extend(note.extra_word);
    out
}

/// Completion of the word being typed (`typed`, word `position` of its share) from the
/// SLIP-39 list: the whole word once its first letters (4 are always enough) name one, the
/// words it may still be, or the closest words when it is none. Empty when there is nothing
/// to say.
#[wasm_bindgen]
pub fn complete_word(typed: &str, position: usize) -> String {
    use seedshard::slip39::wordlist;
    let t = typed.trim();
    if t.is_empty() || t.len() > 16 || !t.bytes().all(|b| b.is_ascii_alphabetic()) {
        return String::new();
    }
    if let Some(i) = wordlist::index_of(t) {
        return format!("word {position}: {}", wordlist::word(i).to_uppercase());
    }
    let lower = t.to_ascii_lowercase();
    let starting: Vec<&str> = wordlist::words()
        .iter()
        .copied()
        .filter(|w| w.starts_with(lower.as_str()))
        .collect();
    match starting.as_slice() {
        [one] => format!("word {position}: {}", one.to_uppercase()),
        [] => format!(
            "word {position}: not a SLIP-39 word; the closest: {}",
            wordlist::suggestions(t, 4)
                .iter()
                .map(|w| w.to_uppercase())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        many => {
            let shown: Vec<String> = many.iter().take(6).map(|w| w.to_uppercase()).collect();
            format!(
                "word {position}: one of {}{}",
                shown.join(", "),
                if many.len() > 6 {
                    format!(" and {} more", many.len() - 6)
                } else {
                    String::new()
                }
            )
        }
    }
}
