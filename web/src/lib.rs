//! The seedshard library for the offline page (`seedshard.html`): thin bindings from the
//! page's JavaScript to the library, with no SLIP-39, BIP-39 or wallet logic of their own.
//!
//! The page talks to one [`RecoverySession`]: it reads pasted share text, says what each share
//! is and how far the set is from complete, opens the wallet with the passphrases, and shows a
//! secret only when asked for it. Answers are JSON strings, read by `web/page/app.js`.
//!
//! The sentences come from the library's `describe` module, as the CLI's do: share statuses,
//! repairs by position, progress, why a set does not recover, readings and matches.

#![forbid(unsafe_code)]

mod backup;
mod scan;

/// Every block of memory the module frees is overwritten with zeros first, as in the CLI:
/// the module's memory lives as long as the page, and each call from the page copies its
/// text in and its answer out through blocks freed right after (the shares pasted, a
/// secret shown, the cards drawn for print, a photo's pixels); without this they would stay
/// readable in freed memory after the page has forgotten them.
#[global_allocator]
static ALLOCATOR: zeroizing_alloc::ZeroAlloc<std::alloc::System> =
    zeroizing_alloc::ZeroAlloc(std::alloc::System);
pub use backup::{bridging_modes, BackupSession};
pub use scan::Scanner;

use seedshard::bip39::{Bip39Passphrase, Bip39Phrase};
use seedshard::describe::backup::{
    matched_line, no_match, phrase_matched_line, phrase_mismatch, reading_title, BOTH_READINGS,
    PHRASE_MISMATCH_ON_SCREEN,
};
use seedshard::describe::dialogue::passphrase_mismatch;
use seedshard::describe::recovery as say;
use seedshard::slip39::recovery::{Pile, ShareLimits};
use seedshard::slip39::text::share_texts;
use seedshard::wallet::{readings, Expectation, Fingerprint, Network, Reading};
use seedshard::{EncryptedMasterSecret, MasterSecret, Passphrase, ShareStatus};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

/// Runs `f`, then overwrites the stack below with zeros (`seedshard::secret::wipe_stack`):
/// the frames of what `f` called held what it handled (a key being derived, a share being
/// decoded), and the module's stack lives in its memory as long as the page. Every call from
/// the page that handles shares or secrets goes through it.
pub(crate) fn wiped<T>(f: impl FnOnce() -> T) -> T {
    // `f` runs in a frame of its own (never inlined into this one), so the wipe, called from
    // here, covers it.
    #[inline(never)]
    fn run<T>(f: impl FnOnce() -> T) -> T {
        f()
    }
    let out = run(f);
    seedshard::secret::wipe_stack();
    out
}

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
    /// 1-based position of the word in the share as typed, to confirm it; `null` for a note
    /// about the share as a whole.
    position: Option<usize>,
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
    problem: Option<Problem>,
}

/// Why the shares do not recover, and what to do.
#[derive(Serialize)]
struct Problem {
    what: String,
    hint: String,
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
    /// When no reading opens the wallet expected: what to do.
    problem: Option<String>,
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
        wiped(|| json(&self.read_report(text)))
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
        wiped(|| {
            self.open_report(slip39_passphrase, bip39_passphrase, expected)
                .map(|r| json(&r))
        })
    }
}

impl RecoverySession {
    fn read_report(&mut self, text: &str) -> ReadReport {
        self.forget();
        self.ems = None;
        self.unconfirmed = false;
        let items = share_texts(text);
        let sources: Vec<String> = items.iter().map(|t| format!("line {}", t.line)).collect();
        // Within the limits of every front end (a paste far past any set of cards is refused
        // before any word is worked out).
        let texts: Vec<(&str, &str)> = items
            .iter()
            .zip(&sources)
            .map(|(t, source)| (t.words.as_str(), source.as_str()))
            .collect();
        let mut pile = Pile::new();
        let results = match pile
            .add_texts_within(&mut ShareLimits::default(), &texts, |k| sources[k].clone())
        {
            Ok(results) => results,
            Err(e) => {
                let (what, hint) = seedshard::describe::input::limit_error(&e);
                return ReadReport {
                    shares: Vec::new(),
                    progress: Vec::new(),
                    set_name: None,
                    ready: false,
                    problem: Some(Problem { what, hint }),
                };
            }
        };
        // Shares whose every worked-out word the person confirmed against the card.
        for (item, result) in items.iter().zip(&results) {
            if let Ok(added) = result {
                let repairs = say::entry_repair_items(&pile, added.entry, true);
                let all = !repairs.is_empty()
                    && repairs
                        .iter()
                        .filter_map(|r| r.position)
                        .all(|p| self.is_confirmed(item.line, p, &item.words));
                if all {
                    pile.confirm_repairs(added.entry);
                }
            }
        }
        let analysis = pile.analyze();
        let entries = pile.recovery().entries();
        let mut shares = Vec::new();
        for (item, result) in items.iter().zip(&results) {
            let line = item.line;
            let added = match result {
                Err(e) => {
                    shares.push(ShareLine {
                        line,
                        status: "unreadable",
                        text: say::text_error_lines(&item.words, e, true).join("; "),
                        notes: Vec::new(),
                    });
                    continue;
                }
                Ok(added) => added,
            };
            let entry = added.entry;
            let status = analysis.status[entry];
            let verdict = match status {
                ShareStatus::OtherSet => say::set_aside(&pile, &analysis, entry),
                ShareStatus::Duplicate { of } => say::status_verdict(status, entries[of].source()),
                _ => say::status_verdict(status, ""),
            };
            let class = match status {
                ShareStatus::Fits => "fits",
                ShareStatus::Waiting => "waiting",
                ShareStatus::Duplicate { .. } => "duplicate",
                ShareStatus::OtherSet => "other-set",
                _ => "problem",
            };
            shares.push(ShareLine {
                line,
                status: class,
                text: format!("{}: {verdict}", say::where_in_set(entries[entry].share())),
                notes: say::entry_repair_items(&pile, entry, true)
                    .into_iter()
                    .map(|r| RepairView {
                        confirmed: r
                            .position
                            .is_some_and(|p| self.is_confirmed(line, p, &item.words)),
                        position: r.position,
                        text: r.text,
                    })
                    .collect(),
            });
        }
        let progress = analysis
            .progress
            .as_ref()
            .map(|p| p.lines())
            .unwrap_or_default();
        let (ready, problem) = match pile.recovery().recover_unconfirmed() {
            Ok((ems, unconfirmed)) => {
                self.unconfirmed = !unconfirmed.is_empty();
                self.ems = Some(ems);
                (true, None)
            }
            Err(e) => {
                let (what, hint) = say::cannot_recover(&pile, &analysis, Some(&e));
                (false, Some(Problem { what, hint }))
            }
        };
        ReadReport {
            shares,
            progress,
            set_name: pile.recovery().identifier().map(|i| i.short_name()),
            ready,
            problem,
        }
    }

    /// Whether the person confirmed word `position` of the share on line `line`, as it reads
    /// now (`words`).
    fn is_confirmed(&self, line: usize, position: usize, words: &str) -> bool {
        self.confirmed
            .iter()
            .any(|(l, p, w)| *l == line && *p == position && w.as_str() == words)
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
            notes.push(format!("{BOTH_READINGS}."));
        }
        if let Some(i) = matched {
            notes.push(matched_line(&all, i));
            if self.unconfirmed {
                notes.push(as_sentence(say::CONFIRMED_BY_WALLET));
            }
        }
        let problem = match &expectation {
            Some(want) if mismatch => {
                notes.extend(passphrase_mismatch(1, 1));
                Some(as_sentence(&format!(
                    "{}: {}",
                    no_match(&all, want),
                    say::NO_MATCH_ON_SCREEN
                )))
            }
            _ => None,
        };
        let can_show = !self.unconfirmed || matched.is_some();
        if !can_show {
            notes.push(say::UNCONFIRMED_ON_SCREEN.to_string());
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
            problem,
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
        wiped(|| self.secret_text(number, format))
    }

    /// Records that the person compared word `position` of the share on line `line` of
    /// `text` (the Shares box) with the card and it matches. A share whose worked-out words
    /// are all confirmed counts as read whole; read the box again to see it.
    pub fn confirm_word(&mut self, text: &str, line: usize, position: usize) {
        wiped(|| {
            if let Some(item) = share_texts(text).into_iter().find(|t| t.line == line) {
                self.confirmed
                    .push((line, position, Zeroizing::new(item.words.to_string())));
            }
        })
    }

    /// Forgets the opened wallet, its secret and the shares' encrypted master secret (the
    /// shares' text stays in the page; reading it again gives them back).
    pub fn forget(&mut self) {
        self.secret = None;
        self.readings.clear();
        self.matched = None;
        self.bip39_passphrase = Bip39Passphrase::empty();
        self.ems = None;
        self.unconfirmed = false;
    }

    /// Forgets everything: the wallet, the shares read and the words confirmed (the Shares
    /// box was emptied).
    pub fn forget_shares(&mut self) {
        self.forget();
        self.confirmed.clear();
    }
}

impl RecoverySession {
    /// The secret of reading `number` as `format` (see [`RecoverySession::reveal`]).
    fn secret_text(&self, number: usize, format: &str) -> Result<String, JsError> {
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
        let out: Zeroizing<String> = match format {
            "bip39" => reading
                .phrase()
                .map(Bip39Phrase::to_words)
                .ok_or_else(|| JsError::new("this reading is not a BIP-39 phrase"))?,
            "xprv" => {
                let key = reading.root_xprv(secret, &self.bip39_passphrase);
                Zeroizing::new(key.expose_secret().to_string())
            }
            "hex" => seedshard::hex::encode(secret.expose_secret()),
            _ => return Err(JsError::new("unknown format")),
        };
        Ok(out.to_string())
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
    wiped(|| verify_wallet(text, slip39_passphrase, bip39_passphrase, expected))
}

/// The work of [`verify`].
fn verify_wallet(
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
            notes.push(phrase_matched_line(&facts));
        }
        if mismatch {
            let (what, _) = phrase_mismatch(&facts);
            notes.push(as_sentence(&format!("{what}: {PHRASE_MISMATCH_ON_SCREEN}")));
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
            problem: None,
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

/// `text` as a sentence: its first letter a capital, a full stop at the end.
fn as_sentence(text: &str) -> String {
    let mut chars = text.chars();
    let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
    format!("{}{}.", first.unwrap_or_default(), chars.as_str())
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

/// Completion of the word being typed (`typed`, word `position` of its share) from the
/// SLIP-39 list: the whole word once its first letters (4 are always enough) name one, the
/// words it may still be, or the closest words when it is none. Empty when there is nothing
/// to say.
#[wasm_bindgen]
pub fn complete_word(typed: &str, position: usize) -> String {
    wiped(|| completion(typed, position))
}

/// The work of [`complete_word`].
fn completion(typed: &str, position: usize) -> String {
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
