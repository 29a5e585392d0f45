//! Back up in the page: the same [`BackupRequest`] as the CLI's `split`, then the cards and
//! the owner sheet as the same PDFs the CLI writes (`split --cards DIR`).

use seedshard::backup::{plan_report, Backup, BackupRequest, SecretSource};
use seedshard::bip39::{Bip39Mode, Bip39Passphrase, Bip39Phrase};
use seedshard::card::{CardFiles, CardOptions, CardSet, OwnerSheet, Paper};
use seedshard::describe::backup::{mode_explanation, ShareLabel, RECOMMENDED_MODE};
use seedshard::describe::input::card_error_hint;
use seedshard::{GroupSpec, IterationExponent, Passphrase, SplitPlan};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

use crate::json;

/// The plan and choices of a backup, as the page's form gives them (nothing secret: the
/// phrase and passphrases come as separate arguments).
#[derive(Deserialize)]
struct BackupForm {
    /// `bip39` (a phrase given) or `new-bip39` (a new phrase).
    source: String,
    /// Strength of a new phrase: 128 or 256.
    #[serde(default)]
    bits: usize,
    /// `entropy` or `seed`, for a phrase given.
    #[serde(default)]
    mode: String,
    /// Each group as `[threshold, count]`.
    groups: Vec<(u8, u8)>,
    /// Groups needed.
    group_threshold: u8,
    /// Holder names in share order (empty for none).
    #[serde(default)]
    holders: Vec<String>,
}

/// One bridging mode, explained.
#[derive(Serialize)]
struct ModeChoice {
    mode: &'static str,
    explanation: &'static str,
    recommended: bool,
}

/// The bridging modes with what each means and which one is recommended, as JSON.
#[wasm_bindgen]
pub fn bridging_modes() -> String {
    let modes = [Bip39Mode::Entropy, Bip39Mode::Seed].map(|m| ModeChoice {
        mode: m.as_str(),
        explanation: mode_explanation(m),
        recommended: m == RECOMMENDED_MODE,
    });
    json(&modes)
}

/// One share made, with its place in the set.
#[derive(Serialize)]
struct ShareView {
    label: String,
    words: String,
}

/// What a backup made: the shares, the notes to read with them, the plan summary and the
/// wallet the shares protect.
#[derive(Serialize)]
struct BackupReport {
    set_name: String,
    shares: Vec<ShareView>,
    notes: Vec<String>,
    plan: Vec<String>,
    fingerprint: String,
    first_address: String,
    account_xpub: String,
    new_phrase: bool,
}

/// A backup made in the page, kept to draw its cards.
#[wasm_bindgen]
pub struct BackupSession {
    backup: Option<Backup>,
    holders: Vec<String>,
    plan_summary: Vec<String>,
    files: Option<CardFiles>,
    /// The cards, then the owner sheet, as SVG elements for the print view.
    print: Vec<Zeroizing<String>>,
}

impl Default for BackupSession {
    fn default() -> Self {
        Self::new()
    }
}

fn err(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

#[wasm_bindgen]
impl BackupSession {
    /// An empty session.
    #[wasm_bindgen(constructor)]
    pub fn new() -> BackupSession {
        BackupSession {
            backup: None,
            holders: Vec::new(),
            plan_summary: Vec::new(),
            files: None,
            print: Vec::new(),
        }
    }

    /// Makes the share set from `form` (JSON, see `BackupForm`), the BIP-39 `phrase` (for a
    /// phrase given) and the two passphrases, as `seedshard split` does. Returns a JSON
    /// `BackupReport`.
    ///
    /// # Errors
    ///
    /// When the form, the phrase, a passphrase or the plan is not valid.
    pub fn make(
        &mut self,
        form: &str,
        phrase: String,
        slip39_passphrase: String,
        bip39_passphrase: String,
    ) -> Result<String, JsError> {
        crate::wiped(|| self.make_backup(form, phrase, slip39_passphrase, bip39_passphrase))
    }

    /// The work of [`Self::make`].
    fn make_backup(
        &mut self,
        form: &str,
        phrase: String,
        slip39_passphrase: String,
        bip39_passphrase: String,
    ) -> Result<String, JsError> {
        self.forget();
        let phrase = zeroize::Zeroizing::new(phrase);
        let form: BackupForm =
            serde_json::from_str(form).map_err(|_| JsError::new("the backup form is not valid"))?;
        let mut specs = Vec::with_capacity(form.groups.len());
        for (i, &(t, n)) in form.groups.iter().enumerate() {
            specs.push(
                GroupSpec::new(t, n).map_err(|e| JsError::new(&format!("group {}: {e}", i + 1)))?,
            );
        }
        let plan = SplitPlan::new(form.group_threshold, specs)
            .map_err(err)?
            .with_iteration_exponent(
                IterationExponent::new(1).ok_or_else(|| JsError::new("iteration exponent"))?,
            )
            .with_extendable(true);
        let source = match form.source.as_str() {
            "bip39" => {
                let mode = match form.mode.as_str() {
                    "entropy" => Bip39Mode::Entropy,
                    "seed" => Bip39Mode::Seed,
                    _ => return Err(JsError::new("choose entropy or seed mode")),
                };
                let phrase = Bip39Phrase::parse(&phrase)
                    .map_err(|e| JsError::new(&format!("the BIP-39 phrase: {e}")))?;
                SecretSource::Bip39 { phrase, mode }
            }
            "new-bip39" => SecretSource::NewBip39 { bits: form.bits },
            _ => return Err(JsError::new("choose a phrase to back up")),
        };
        let passphrase = Passphrase::new(slip39_passphrase)
            .map_err(|e| JsError::new(&format!("the SLIP-39 passphrase: {e}")))?;
        let holders: Vec<String> = form.holders.iter().map(|h| h.trim().to_string()).collect();
        let report = plan_report(&plan, &holders);
        let backup = BackupRequest::new(source, plan)
            .with_passphrase(passphrase)
            .with_bip39_passphrase(Bip39Passphrase::new(bip39_passphrase))
            .run()
            .map_err(err)?;
        let set = backup.set();
        let shares = set
            .groups()
            .iter()
            .flat_map(|g| {
                g.iter().map(move |s| ShareView {
                    label: ShareLabel::new(s, g.len()).card(),
                    words: s.to_words().to_string(),
                })
            })
            .collect();
        let wallet = backup.wallet();
        let out = BackupReport {
            set_name: seedshard::card::set_name(set.identifier()),
            shares,
            notes: backup.notes(),
            plan: report.summary(),
            fingerprint: wallet.fingerprint().to_string(),
            first_address: wallet.receive_address(0),
            account_xpub: wallet.account_xpub(),
            new_phrase: backup.new_phrase().is_some(),
        };
        self.plan_summary = report.summary();
        self.holders = holders;
        self.backup = Some(backup);
        Ok(json(&out))
    }

    /// The new BIP-39 phrase of a backup that made one, to write down.
    ///
    /// # Errors
    ///
    /// When the backup made no phrase.
    pub fn new_phrase(&self) -> Result<String, JsError> {
        self.backup
            .as_ref()
            .and_then(Backup::new_phrase)
            .map(|p| p.to_words().to_string())
            .ok_or_else(|| JsError::new("this backup made no new phrase"))
    }

    /// Draws the cards and the owner sheet as PDF, dated `date` (the day, from the browser)
    /// on `paper` (`a4` or `letter`), as the CLI's `split --cards DIR` does (the same
    /// `CardSet` and `OwnerSheet`, with the plan summary, the mode, the passphrase flag and
    /// the wallet). Returns the
    /// notes for the person (the files are then `file_count`, `file_name`, `file_bytes`).
    ///
    /// # Errors
    ///
    /// When no backup was made or the cards cannot be drawn (a holder name too long).
    pub fn draw_cards(&mut self, date: &str, paper: &str) -> Result<String, JsError> {
        crate::wiped(|| self.draw_card_files(date, paper))
    }

    /// The work of [`Self::draw_cards`].
    fn draw_card_files(&mut self, date: &str, paper: &str) -> Result<String, JsError> {
        let cards = self.card_set(date, paper)?;
        let sheet = self.owner_sheet(&cards)?;
        // The PDFs of `split --cards DIR`, drawn without the PNG code of `CardPlan::draw`.
        let files = CardFiles::new(
            &cards,
            vec![
                ("share-cards.pdf".to_string(), cards.to_pdf()),
                ("owner-sheet.pdf".to_string(), sheet.to_pdf()),
            ],
        );
        let notes = files.notes("Downloads");
        self.files = Some(files);
        Ok(json(&notes))
    }

    /// Draws the cards and the owner sheet for the page's print view, dated `date`, the
    /// sheet on `paper` (`a4` or `letter`): one SVG element per card (at the card's size in
    /// mm, with its cut border, as `cards --card-format svg` draws it) and last the owner
    /// sheet (the paper's size in mm). Returns how many there are (then `print_svg`).
    ///
    /// # Errors
    ///
    /// As `draw_cards`.
    pub fn draw_print(&mut self, date: &str, paper: &str) -> Result<usize, JsError> {
        crate::wiped(|| self.draw_print_view(date, paper))
    }

    /// The work of [`Self::draw_print`].
    fn draw_print_view(&mut self, date: &str, paper: &str) -> Result<usize, JsError> {
        self.print.clear();
        let cards = self.card_set(date, paper)?;
        let sheet = self.owner_sheet(&cards)?.to_svg();
        let mut print: Vec<Zeroizing<String>> =
            cards.card_svgs().into_iter().map(|(_, svg)| svg).collect();
        print.push(sheet);
        self.print = print;
        Ok(self.print.len())
    }

    /// Picture `i` of the print view as an `<svg>` element (without the XML declaration of
    /// the SVG file); the last one is the owner sheet. Empty past the end.
    pub fn print_svg(&self, i: usize) -> String {
        self.print
            .get(i)
            .map(|svg| svg.find("<svg").map_or("", |at| &svg[at..]).to_string())
            .unwrap_or_default()
    }

    /// How many files were drawn.
    pub fn file_count(&self) -> usize {
        self.files.as_ref().map_or(0, |f| f.files().len())
    }

    /// The name of file `i` (`share-cards.pdf`, `owner-sheet.pdf`).
    pub fn file_name(&self, i: usize) -> String {
        self.files
            .as_ref()
            .and_then(|f| f.files().get(i))
            .map(|(n, _)| n.clone())
            .unwrap_or_default()
    }

    /// The bytes of file `i`.
    pub fn file_bytes(&self, i: usize) -> Vec<u8> {
        self.files
            .as_ref()
            .and_then(|f| f.files().get(i))
            .map(|(_, b)| b.to_vec())
            .unwrap_or_default()
    }

    /// Forgets the backup and its cards.
    pub fn forget(&mut self) {
        self.backup = None;
        self.files = None;
        self.print.clear();
    }

    /// Forgets the print view's pictures.
    pub fn forget_print(&mut self) {
        self.print.clear();
    }
}

impl BackupSession {
    /// The backup made, or the error for a step that needs one.
    fn made(&self) -> Result<&Backup, JsError> {
        self.backup
            .as_ref()
            .ok_or_else(|| JsError::new("make the shares first"))
    }

    /// The cards of the backup made, dated `date`, the owner sheet on `paper`.
    fn card_set(&self, date: &str, paper: &str) -> Result<CardSet, JsError> {
        let backup = self.made()?;
        let paper: Paper = paper.parse().map_err(err)?;
        let options = CardOptions::default()
            .with_paper(paper)
            .with_date(date)
            .with_bridge(backup.bip39_mode());
        CardSet::from_share_set(backup.set(), &self.holders, options).map_err(|e| {
            JsError::new(&format!(
                "cannot draw the cards: {e}; {}",
                card_error_hint(&e)
            ))
        })
    }

    /// The owner sheet of `cards`, as `split --cards DIR` draws it: the plan summary, the
    /// passphrase flag and the wallet.
    fn owner_sheet<'a>(&self, cards: &'a CardSet) -> Result<OwnerSheet<'a>, JsError> {
        let backup = self.made()?;
        Ok(cards
            .owner_sheet()
            .with_plan_summary(self.plan_summary.clone())
            .with_passphrase_set(backup.has_passphrase())
            .with_wallet(backup.wallet().clone()))
    }
}
