//! The card files of a set: which files, under which names, drawn from which options, and
//! what to tell the person once they are written. No file I/O: a front end writes the
//! bytes (the CLI into a directory, all or nothing, mode 0600).

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use zeroize::Zeroizing;

use super::{CardError, CardOptions, CardSet};
use crate::bip39::Bip39Mode;
use crate::wallet::WalletFacts;
use crate::Share;

/// The file format of the cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum CardFormat {
    /// One PDF with every card (cut marks), and the owner sheet as a PDF.
    #[default]
    Pdf,
    /// One SVG per card, and the owner sheet as SVG.
    Svg,
    /// One PNG per card (300 dpi or more), and the owner sheet as PNG.
    Png,
}

/// What to draw for a set: the format, the card options, the holders' names, and what the
/// owner sheet shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardPlan {
    format: CardFormat,
    options: CardOptions,
    holders: Vec<String>,
    show_zpub: bool,
    plan_summary: Vec<String>,
    tool_note: Option<String>,
    page_sha256: Option<String>,
}

impl CardPlan {
    /// A plan drawing `format` files with `options`; `holders[i]` goes on share `i`.
    pub fn new(format: CardFormat, options: CardOptions, holders: Vec<String>) -> Self {
        Self {
            format,
            options,
            holders,
            show_zpub: false,
            plan_summary: Vec::new(),
            tool_note: None,
            page_sha256: None,
        }
    }

    /// Prints the zpub on the owner sheet (see [`super::OwnerSheet::with_zpub_shown`]).
    pub fn with_zpub_shown(mut self, show: bool) -> Self {
        self.show_zpub = show;
        self
    }

    /// Says on the owner sheet where the offline page and seedshard are kept (see
    /// [`super::OwnerSheet::with_tool_note`]).
    pub fn with_tool_note(mut self, note: Option<String>) -> Self {
        self.tool_note = note;
        self
    }

    /// Prints the offline page's SHA-256 on the owner sheet (see
    /// [`super::OwnerSheet::with_page_sha256`]).
    pub fn with_page_sha256(mut self, hex: impl Into<String>) -> Self {
        self.page_sha256 = Some(hex.into());
        self
    }

    /// Adds lines on what the plan survives to the owner sheet.
    pub fn with_plan_summary(mut self, lines: Vec<String>) -> Self {
        self.plan_summary = lines;
        self
    }

    /// Says whether the shares drawn may be only some of the set's (see
    /// [`CardOptions::partial`]).
    pub fn with_partial(mut self, partial: bool) -> Self {
        self.options = self.options.with_partial(partial);
        self
    }

    /// Draws the cards of `shares` and the owner sheet. `bridge` is the BIP-39 mode of the
    /// set, `wallet` the wallet it protects and `passphrase_set` whether a SLIP-39
    /// passphrase was set, each when known.
    ///
    /// # Errors
    ///
    /// [`CardError`] when the shares, the holders' names or the options cannot be drawn.
    pub fn draw(
        &self,
        shares: Vec<Share>,
        bridge: Option<Bip39Mode>,
        wallet: Option<WalletFacts>,
        passphrase_set: Option<bool>,
    ) -> Result<CardFiles, CardError> {
        let cards = CardSet::new(
            shares,
            &self.holders,
            self.options.clone().with_bridge(bridge),
        )?;
        let mut sheet = cards
            .owner_sheet()
            .with_plan_summary(self.plan_summary.clone())
            .with_zpub_shown(self.show_zpub);
        if let Some(set) = passphrase_set {
            sheet = sheet.with_passphrase_set(set);
        }
        if let Some(w) = wallet {
            sheet = sheet.with_wallet(w);
        }
        if let Some(note) = &self.tool_note {
            let note = super::check_text(note, super::CardText::SheetNote)?;
            sheet = sheet.with_tool_note(note);
        }
        if let Some(hash) = &self.page_sha256 {
            sheet = sheet.with_page_sha256(hash.clone());
        }
        let mut files: Vec<(String, Zeroizing<Vec<u8>>)> = Vec::new();
        match self.format {
            CardFormat::Pdf => {
                files.push(("share-cards.pdf".into(), cards.to_pdf()));
                files.push(("owner-sheet.pdf".into(), sheet.to_pdf()));
            }
            CardFormat::Svg => {
                for (name, svg) in cards.card_svgs() {
                    files.push((name, Zeroizing::new(svg.as_bytes().to_vec())));
                }
                let svg = sheet.to_svg();
                files.push((
                    "owner-sheet.svg".into(),
                    Zeroizing::new(svg.as_bytes().to_vec()),
                ));
            }
            CardFormat::Png => {
                files.extend(cards.card_pngs());
                files.push(("owner-sheet.png".into(), sheet.to_png()));
            }
        }
        Ok(CardFiles::new(&cards, files))
    }
}

/// The files of a set's cards and owner sheet, named, in memory. The card files hold share
/// words: `Debug` shows only the names.
pub struct CardFiles {
    set_name: String,
    cards: usize,
    files: Vec<(String, Zeroizing<Vec<u8>>)>,
    drawn: crate::report::backup::NumberedSharesReport,
}

impl fmt::Debug for CardFiles {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CardFiles")
            .field("set_name", &self.set_name)
            .field("cards", &self.cards)
            .field(
                "files",
                &self
                    .files
                    .iter()
                    .map(|(n, _)| n.as_str())
                    .collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl CardFiles {
    /// The `files` drawn of `cards` (the card files and the owner sheet, named). A
    /// [`CardPlan`] makes them; a front end that draws only some formats (the offline page
    /// draws only the PDFs) makes them here, and gets the same notes and report.
    pub fn new(cards: &CardSet, files: Vec<(String, Zeroizing<Vec<u8>>)>) -> Self {
        Self {
            set_name: cards.set_name(),
            cards: cards.shares().len(),
            files,
            drawn: cards.report(),
        }
    }

    /// The cards drawn: numbers, holders as printed and roll-call codes (no words), as
    /// `cards --json` prints them.
    pub fn drawn(&self) -> &crate::report::backup::NumberedSharesReport {
        &self.drawn
    }

    /// The files: a name (no directory) and the bytes. Secret (share words).
    pub fn files(&self) -> &[(String, Zeroizing<Vec<u8>>)] {
        &self.files
    }

    /// The notes for the person once the files are in `dir` (a name to show): what was
    /// written, how to print, and to delete the files once printed.
    pub fn notes(&self, dir: &str) -> Vec<String> {
        let count = self.cards;
        alloc::vec![
            format!(
                "wrote {} card{} for set {} and the owner sheet into {}: {}",
                count,
                if count == 1 { "" } else { "s" },
                self.set_name,
                dir,
                self.files
                    .iter()
                    .map(|(n, _)| n.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            "print at 100% (actual size, no \"fit to page\"); give each holder only their own card, and keep the owner sheet apart".to_string(),
            format!(
                "the card files hold the share words: once printed, delete them and empty the trash (for example: shred -u {dir}/share-*), and keep them out of cloud-synced folders"
            ),
        ]
    }
}

/// Today's date (UTC) as YYYY-MM-DD, the default date on cards.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    civil_date(secs)
}

/// The civil date (UTC) `secs` seconds after 1970-01-01, as YYYY-MM-DD (H. Hinnant's
/// algorithm).
fn civil_date(secs: u64) -> String {
    let z = i64::try_from(secs / 86_400).unwrap_or(i64::MAX / 2) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_are_right_across_leap_years() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(951_782_400), "2000-02-29");
        assert_eq!(civil_date(1_795_996_800), "2026-11-30");
    }

    #[test]
    fn each_format_names_its_files_and_debug_shows_no_bytes() {
        let secret = crate::MasterSecret::from_slice(&[3; 16]).unwrap();
        let set = crate::SplitPlan::single(2, 2)
            .unwrap()
            .split(&secret, &crate::Passphrase::empty())
            .unwrap();
        let shares: Vec<Share> = set.shares().cloned().collect();
        let names = |format| {
            let files = CardPlan::new(format, CardOptions::default(), Vec::new())
                .draw(shares.clone(), None, None, None)
                .unwrap();
            assert!(!alloc::format!("{files:?}").contains("%PDF"));
            files
                .files()
                .iter()
                .map(|(n, _)| n.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(CardFormat::Pdf),
            ["share-cards.pdf", "owner-sheet.pdf"]
        );
        assert_eq!(
            names(CardFormat::Svg),
            ["share-g1-s1.svg", "share-g1-s2.svg", "owner-sheet.svg"]
        );
    }
}
