//! Share cards for holders and the owner sheet, as PDF, SVG or PNG (feature `card`).
//!
//! A [`CardSet`] holds the shares of one set with optional holder names and draws:
//!
//! - one **holder card** per share: the words numbered in a grid (the first 4 letters, which
//!   are enough to type a word, in bold capitals), the share's QR code, a label in plain words
//!   (which group and share, how many are needed), the set name ([`set_name`]), the holder's
//!   name and date when given, the owner's "if found" note ([`CardOptions::card_note`]) and
//!   short instructions for an heir ([`heir_instructions_with`]). A holder card shows no
//!   fingerprint, address or extended public key.
//! - the **owner sheet** ([`OwnerSheet`]): the whole plan, the BIP-39 bridging mode with its
//!   Trezor warning, the wallet facts to check a recovery against, and the recovery steps.
//!
//! PDF pages are A4 or US Letter at true scale (6 cards a page, 4 for 59-word shares) with
//! cut marks and QR modules as filled rectangles. Card text is drawn as filled outlines of the
//! fonts seedshard embeds (the same as in PNG and SVG), so a card PDF has no text layer for
//! indexers to read share words from; the owner sheet, which holds no share words, keeps
//! ordinary text in the standard Helvetica and Courier fonts. No text on a card is under 7 pt.
//! SVG and PNG give one file per card, with a cut border; PNGs are 300 dpi or more and carry
//! their resolution, so they too print at true scale.
//!
//! The bridging mode is the library's one [`Bip39Mode`] and the wallet facts are
//! [`WalletFacts`], so the feature `card` includes `bitcoin` (and `bip39`).
//!
//! # Examples
//!
//! ```
//! use seedshard::card::{CardOptions, CardSet};
//! use seedshard::{MasterSecret, Passphrase, SplitPlan};
//! let secret = MasterSecret::generate(16)?;
//! let set = SplitPlan::single(2, 3)?.split(&secret, &Passphrase::empty())?;
//! let cards = CardSet::from_share_set(&set, &["Alice".to_string()], CardOptions::default())?;
//! let pdf = cards.to_pdf();
//! assert!(pdf.starts_with(b"%PDF-"));
//! assert_eq!(cards.card_svgs().len(), 3);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod layout;
mod pdf;
mod plan_picture;
mod png;
mod svg;

pub use plan_picture::{plan_png, plan_svg};

use core::fmt;
use core::str::FromStr;

use zeroize::Zeroizing;

pub use crate::slip39::set_name::{set_name, SET_NAME_WORDS};

use crate::bip39::Bip39Mode;
use crate::qr::{PayloadFormat, QrSymbol, QUIET_ZONE_MODULES};
use crate::wallet::WalletFacts;
use crate::{Share, ShareSet};
use layout::{text_width, Face, Page, MM_PER_PT};

/// The lowest resolution PNG cards are drawn at.
pub const MIN_PNG_DPI: u32 = 300;

/// The longest holder name or date printed on a card, in characters.
pub const MAX_LABEL_CHARS: usize = 40;

/// The longest "if found" note printed on a card, in characters.
pub const MAX_NOTE_CHARS: usize = 80;

/// Paper size of PDF pages and of the owner sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Paper {
    /// ISO A4, 210 x 297 mm (595.28 x 841.89 pt).
    #[default]
    A4,
    /// US Letter, 8.5 x 11 in (612 x 792 pt).
    Letter,
}

impl Paper {
    /// Width and height in PostScript points (1/72 in).
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }

    fn size_mm(self) -> (f32, f32) {
        let (w, h) = self.size_pt();
        (w * MM_PER_PT, h * MM_PER_PT)
    }
}

/// A paper name that is neither `a4` nor `letter`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct UnknownPaper;

impl fmt::Display for UnknownPaper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown paper size (expected a4 or letter)")
    }
}

impl std::error::Error for UnknownPaper {}

impl FromStr for Paper {
    type Err = UnknownPaper;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "a4" => Ok(Paper::A4),
            "letter" | "us-letter" => Ok(Paper::Letter),
            _ => Err(UnknownPaper),
        }
    }
}

/// Settings for drawing cards.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CardOptions {
    /// Paper for PDF pages and the owner sheet.
    pub paper: Paper,
    /// The QR payload on each card.
    pub payload: PayloadFormat,
    /// A date to print (free text, e.g. `2026-11-24`).
    pub date: Option<String>,
    /// The BIP-39 bridging mode, when the secret came from a BIP-39 phrase.
    pub bridge: Option<Bip39Mode>,
    /// Resolution of PNG output (at least [`MIN_PNG_DPI`]).
    pub png_dpi: u32,
    /// True when the shares drawn may be only some of the set's (cards drawn again from a
    /// file): the owner sheet then does not claim to know how many shares each group has.
    pub partial: bool,
    /// The owner's "if found" line on every card: whom to give it to or where the
    /// instructions are (not a secret; printable ASCII, at most [`MAX_NOTE_CHARS`]).
    pub card_note: Option<String>,
}

impl Default for CardOptions {
    fn default() -> Self {
        CardOptions {
            paper: Paper::A4,
            payload: PayloadFormat::ShareQr,
            date: None,
            bridge: None,
            png_dpi: MIN_PNG_DPI,
            partial: false,
            card_note: None,
        }
    }
}

impl CardOptions {
    /// Sets the paper size.
    pub fn with_paper(mut self, paper: Paper) -> Self {
        self.paper = paper;
        self
    }
    /// Sets the QR payload format.
    pub fn with_payload(mut self, payload: PayloadFormat) -> Self {
        self.payload = payload;
        self
    }
    /// Sets the date printed on cards and the owner sheet.
    pub fn with_date(mut self, date: impl Into<String>) -> Self {
        self.date = Some(date.into());
        self
    }
    /// Sets the BIP-39 bridging mode.
    pub fn with_bridge(mut self, bridge: Option<Bip39Mode>) -> Self {
        self.bridge = bridge;
        self
    }
    /// Says whether the shares drawn may be only some of the set's (see
    /// [`CardOptions::partial`]).
    pub fn with_partial(mut self, partial: bool) -> Self {
        self.partial = partial;
        self
    }
    /// Sets the "if found" note printed on every card (see [`CardOptions::card_note`]).
    pub fn with_card_note(mut self, note: impl Into<String>) -> Self {
        self.card_note = Some(note.into());
        self
    }
    /// Sets the PNG resolution.
    pub fn with_png_dpi(mut self, dpi: u32) -> Self {
        self.png_dpi = dpi;
        self
    }
}

/// Why cards cannot be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CardError {
    /// No shares given.
    NoShares,
    /// Share `position` (1-based) belongs to another set than the first share.
    MixedSets {
        /// 1-based position of the share.
        position: usize,
    },
    /// Share `position` (1-based) has the same group and member index as an earlier one.
    DuplicateShare {
        /// 1-based position of the share.
        position: usize,
    },
    /// More holder names than shares.
    TooManyHolders {
        /// Holder names given.
        holders: usize,
        /// Shares given.
        shares: usize,
    },
    /// A holder name or the date is too long or holds characters cards cannot print.
    BadLabel {
        /// Which: `holder 2` or `date`.
        which: String,
    },
    /// A PNG resolution below [`MIN_PNG_DPI`].
    DpiTooLow {
        /// The resolution asked for.
        dpi: u32,
    },
}

impl fmt::Display for CardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CardError::NoShares => f.write_str("no shares to draw cards for"),
            CardError::MixedSets { position } => {
                write!(
                    f,
                    "share {position} belongs to a different set than share 1"
                )
            }
            CardError::DuplicateShare { position } => {
                write!(f, "share {position} is the same share as an earlier one")
            }
            CardError::TooManyHolders { holders, shares } => {
                write!(f, "{holders} holder names given for {shares} shares")
            }
            CardError::BadLabel { which } => write!(
                f,
                "{which} is too long (at most {MAX_LABEL_CHARS} characters, {MAX_NOTE_CHARS} \
                 for the card note) or has characters other than printable ASCII"
            ),
            CardError::DpiTooLow { dpi } => {
                write!(
                    f,
                    "{dpi} dpi is below the minimum of {MIN_PNG_DPI} dpi for cards"
                )
            }
        }
    }
}

impl std::error::Error for CardError {}

fn check_label(text: &str, which: String) -> Result<(), CardError> {
    check_text(text, MAX_LABEL_CHARS, which)
}

fn check_text(text: &str, max: usize, which: String) -> Result<(), CardError> {
    if text.chars().count() > max || !text.chars().all(|c| (' '..='~').contains(&c)) {
        return Err(CardError::BadLabel { which });
    }
    Ok(())
}

/// The label of a holder card in plain words, e.g. "Group 2 of 3, share 4. This group needs
/// 3 of its 5 shares; 2 of the 3 groups are needed." `group_size` is the number of shares in
/// the share's group.
pub fn holder_label(share: &Share, group_size: u8) -> String {
    crate::describe::backup::ShareLabel::new(share, usize::from(group_size)).card()
}

/// Short instructions for an heir, printed on every holder card: what the card is and
/// what it is worth alone, then how to handle it and recover (see [`heir_instructions_with`]
/// for the "if found" line). `opens_alone` is true for a card that restores the wallet by
/// itself (member threshold 1 in a set whose group threshold is 1, such as a 1-of-1 card):
/// it must not say that alone it reveals nothing.
pub fn heir_instructions(bridge: Option<Bip39Mode>, opens_alone: bool) -> String {
    heir_instructions_with(bridge, opens_alone, None)
}

/// As [`heir_instructions`], with the owner's "if found" note (whom to give the card to or
/// where the instructions are) when given.
pub fn heir_instructions_with(
    bridge: Option<Bip39Mode>,
    opens_alone: bool,
    note: Option<&str>,
) -> String {
    let (about, handling) = card_text(bridge, opens_alone, note);
    format!("{about} {handling}").replace('\n', " ")
}

/// The card's own words, in two blocks: what it is worth and whom to give it to (printed
/// in bold), then what not to do and how to recover.
fn card_text(bridge: Option<Bip39Mode>, opens_alone: bool, note: Option<&str>) -> (String, String) {
    let worth = if opens_alone {
        "It alone restores the wallet (with the SLIP-39 passphrase, if one was set): keep it \
         as safe as the wallet itself."
    } else {
        "Alone it is worth nothing and reveals nothing; enough shares together restore the \
         wallet. Do not throw it away."
    };
    let found = match note {
        Some(note) => format!("If found, give it to: {}.", note.trim_end_matches('.')),
        None => "If found, keep it safe and give it back to its owner.".to_string(),
    };
    let about = format!("{worth}\n{found}");
    let gather = if opens_alone {
        "To recover, use seedshard on an offline computer"
    } else {
        "To recover, gather enough cards and use seedshard on an offline computer"
    };
    let how = match bridge {
        Some(Bip39Mode::Entropy) => {
            "(seedshard combine --to bip39) for the wallet's BIP-39 words. Not with a Trezor: \
             it would open a different, empty wallet."
        }
        Some(Bip39Mode::Seed) => {
            "(seedshard combine), or a SLIP-39 wallet that accepts 59-word shares."
        }
        None => "(seedshard combine), or a SLIP-39 wallet such as Trezor.",
    };
    let handling = format!(
        "Never type these words into a website, scan the QR code with a phone app or take a \
         photo of this card. {gather} {how} The first 4 letters of each word are enough. \
         Made with seedshard {} (SLIP-39).",
        env!("CARGO_PKG_VERSION")
    );
    (about, handling)
}

/// The shares of one set, with holder names, ready to be drawn.
pub struct CardSet {
    shares: Vec<Share>,
    holders: Vec<Option<String>>,
    group_sizes: Vec<u8>,
    options: CardOptions,
}

impl fmt::Debug for CardSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CardSet")
            .field("shares", &self.shares)
            .field("holders", &self.holders)
            .field("options", &self.options)
            .finish()
    }
}

/// Card sizes in mm: 8 to a page for up to 33 words, 4 to a page beyond.
const CARD_W: f32 = 96.0;
const CARD_H: f32 = 86.0;
const TALL_CARD_H: f32 = 128.0;

impl CardSet {
    /// Checks the shares (one set, no duplicates), holder names (`holders[i]` goes on share
    /// `i`; an empty name prints none) and options.
    ///
    /// The "of its N shares" on each card is the number of shares of that group given here,
    /// so pass every share of the set.
    ///
    /// # Errors
    ///
    /// [`CardError`] naming the share or label at fault.
    pub fn new(
        shares: Vec<Share>,
        holders: &[String],
        options: CardOptions,
    ) -> Result<Self, CardError> {
        let first = shares.first().ok_or(CardError::NoShares)?;
        let common = first.common_parameters();
        for (i, s) in shares.iter().enumerate() {
            if s.common_parameters() != common || s.value_len() != first.value_len() {
                return Err(CardError::MixedSets { position: i + 1 });
            }
            if shares[..i]
                .iter()
                .any(|p| p.group_index() == s.group_index() && p.member_index() == s.member_index())
            {
                return Err(CardError::DuplicateShare { position: i + 1 });
            }
        }
        if holders.len() > shares.len() {
            return Err(CardError::TooManyHolders {
                holders: holders.len(),
                shares: shares.len(),
            });
        }
        for (i, h) in holders.iter().enumerate() {
            check_label(h, format!("holder {}", i + 1))?;
        }
        if let Some(d) = &options.date {
            check_label(d, "date".to_string())?;
        }
        if let Some(note) = &options.card_note {
            check_text(note, MAX_NOTE_CHARS, "card note".to_string())?;
        }
        if options.png_dpi < MIN_PNG_DPI {
            return Err(CardError::DpiTooLow {
                dpi: options.png_dpi,
            });
        }
        let mut group_sizes = vec![0u8; usize::from(common.group_count)];
        for s in &shares {
            group_sizes[usize::from(s.group_index())] += 1;
        }
        let holders = (0..shares.len())
            .map(|i| {
                holders
                    .get(i)
                    .map(|h| h.trim().to_string())
                    .filter(|h| !h.is_empty())
            })
            .collect();
        Ok(CardSet {
            shares,
            holders,
            group_sizes,
            options,
        })
    }

    /// Cards for every share of a freshly split set, in the set's order.
    ///
    /// # Errors
    ///
    /// As [`CardSet::new`].
    pub fn from_share_set(
        set: &ShareSet,
        holders: &[String],
        options: CardOptions,
    ) -> Result<Self, CardError> {
        Self::new(set.shares().cloned().collect(), holders, options)
    }

    /// The shares, in card order.
    pub fn shares(&self) -> &[Share] {
        &self.shares
    }

    /// The options cards are drawn with.
    pub fn options(&self) -> &CardOptions {
        &self.options
    }

    /// The set's name (see [`set_name`]).
    pub fn set_name(&self) -> String {
        set_name(self.shares[0].identifier())
    }

    /// The file name stem of card `i`: `share-g<group>-s<share>` (1-based), e.g.
    /// `share-g2-s4`.
    pub fn file_stem(&self, i: usize) -> String {
        let s = &self.shares[i];
        format!("share-g{}-s{}", s.group_index() + 1, s.member_index() + 1)
    }

    fn tall(&self) -> bool {
        self.shares[0].word_count() > 33
    }

    fn card_size(&self) -> (f32, f32) {
        if self.tall() {
            (CARD_W, TALL_CARD_H)
        } else {
            (CARD_W, CARD_H)
        }
    }

    /// Cards on each PDF page: 6 (2 x 3), or 4 (2 x 2) for shares over 33 words.
    pub fn cards_per_page(&self) -> usize {
        if self.tall() {
            4
        } else {
            6
        }
    }

    fn card(&self, i: usize) -> Page {
        let share = &self.shares[i];
        let (w, h) = self.card_size();
        let mut p = Page::new(w, h);
        let margin = 4.0;
        let words = share.to_words();
        let n = share.word_count();
        let symbol =
            QrSymbol::for_share(share, self.options.payload).expect("every share fits a QR symbol");
        let tall = self.tall();
        let opens_alone = share.member_threshold() == 1 && share.group_threshold() == 1;
        let (about, handling) = card_text(
            self.options.bridge,
            opens_alone,
            self.options.card_note.as_deref(),
        );

        // QR: top right on small cards, bottom left on tall ones, as large as the text allows.
        let qr_box = if tall { 42.0 } else { 32.0 };
        let modules = (symbol.size() + 2 * QUIET_ZONE_MODULES) as f32;
        let module = qr_box / modules;
        let (qx, qy) = if tall {
            (margin - 1.0, h - margin - qr_box + 1.0)
        } else {
            (w - margin - qr_box + 1.0, margin - 1.0)
        };
        p.items.push(layout::Item::Qr {
            x: qx + QUIET_ZONE_MODULES as f32 * module,
            y: qy + QUIET_ZONE_MODULES as f32 * module,
            module,
            symbol,
        });

        // Header: what the card is, the set, the label, holder and date.
        let header_w = if tall { w - 2.0 * margin } else { qx - margin };
        let title = if opens_alone {
            "Bitcoin wallet backup"
        } else {
            "Piece of a Bitcoin wallet backup"
        };
        let mut y = margin + 3.2;
        y = p.paragraph(margin, y, header_w, 9.5, 3.8, Face::SansBold, title) - 0.6;
        let label = holder_label(share, self.group_sizes[usize::from(share.group_index())]);
        let label = format!("Set {}. {label}", self.set_name());
        y = p.paragraph(margin, y, header_w, 7.0, 2.9, Face::Sans, &label);
        let mut meta = Vec::new();
        if let Some(hname) = &self.holders[i] {
            meta.push(format!("Holder: {hname}"));
        }
        if let Some(d) = &self.options.date {
            meta.push(format!("Date: {d}"));
        }
        if !meta.is_empty() {
            y = p.paragraph(margin, y, header_w, 7.0, 2.9, Face::Sans, &meta.join("   "));
        }

        // What the card is worth and whom to give it to, in bold: on small cards the worth
        // goes under the QR and the "if found" line above the footer; on tall cards both go
        // under the grid.
        let (worth, found) = about.split_once('\n').expect("two parts");
        let lines =
            |face: Face, text: &str, width: f32| layout::wrap(face, 7.0, text, width).len() as f32;
        // What not to do and how to recover: full width at the foot of small cards, beside
        // the QR on tall ones.
        let (foot_x, foot_w) = if tall {
            (qx + qr_box + 1.5, w - margin - (qx + qr_box + 1.5))
        } else {
            (margin, w - 2.0 * margin)
        };
        let grid_bottom = if tall {
            let full = w - 2.0 * margin;
            let n_lines = lines(Face::SansBold, worth, full) + lines(Face::SansBold, found, full);
            let top = qy - n_lines * 2.9 - 1.0;
            let end = p.paragraph(margin, top + 2.9, full, 7.0, 2.9, Face::SansBold, worth);
            p.paragraph(margin, end, full, 7.0, 2.9, Face::SansBold, found);
            p.paragraph(foot_x, qy + 3.0, foot_w, 7.0, 2.9, Face::Sans, &handling);
            top
        } else {
            let n_lines =
                lines(Face::SansBold, found, foot_w) + lines(Face::Sans, &handling, foot_w);
            let top = h - margin - n_lines * 2.9 + 0.4;
            let end = p.paragraph(foot_x, top, foot_w, 7.0, 2.9, Face::SansBold, found);
            p.paragraph(foot_x, end, foot_w, 7.0, 2.9, Face::Sans, &handling);
            let under_w = w - margin - qx - 1.0;
            p.paragraph(
                qx + 1.0,
                qy + qr_box + 3.0,
                under_w,
                7.0,
                2.9,
                Face::SansBold,
                worth,
            );
            top - 2.8
        };

        // The words, numbered, column by column, with a thin rule under every other row
        // (solid lines print cleanly where grey bands would dither).
        // Small cards: 2 or 3 columns, whichever sets the words larger.
        let grid_top = y + 0.4;
        let grid_w = header_w;
        let fit = |cols: usize| {
            let rows = n.div_ceil(cols);
            let col_w = grid_w / cols as f32;
            let leading = ((grid_bottom - grid_top) / rows as f32).min(4.6);
            let by_height = leading / MM_PER_PT / 1.12;
            let by_width = (col_w - 1.5) / (11.0 * 0.6 * MM_PER_PT);
            (by_height.min(by_width).min(11.0), rows, col_w, leading)
        };
        let (size, rows, col_w, leading) = if tall {
            fit(4)
        } else {
            let (two, three) = (fit(2), fit(3));
            if two.0 >= three.0 {
                two
            } else {
                three
            }
        };
        let char_w = 0.6 * size * MM_PER_PT;
        for (k, word) in words.split(' ').enumerate() {
            let col = k / rows;
            let row = k % rows;
            let x = margin + col as f32 * col_w;
            let base = grid_top + (row as f32 + 1.0) * leading - 0.25 * leading;
            if row % 2 == 1 && row + 1 < rows {
                let rule = base + 0.25 * leading;
                p.line(x, rule, x + col_w - 1.5, rule, 0.3, 0);
            }
            p.text(x, base, size, Face::Mono, &format!("{:>2}", k + 1));
            let split = word.len().min(4);
            let head = Zeroizing::new(word[..split].to_ascii_uppercase());
            p.text(x + 3.0 * char_w, base, size, Face::MonoBold, &head);
            if split < word.len() {
                p.text(
                    x + (3 + split) as f32 * char_w,
                    base,
                    size,
                    Face::Mono,
                    &word[split..],
                );
            }
        }
        p
    }

    /// Card `i` alone (SVG, PNG): with a thin solid border to cut along, on the card's edge.
    fn single_card(&self, i: usize) -> Page {
        let mut p = self.card(i);
        let (w, h) = (p.width, p.height);
        // 0.5 pt wide, centred 0.25 mm inside the edge so all of it prints.
        let e = 0.25;
        p.line(e, e, w - e, e, 0.5, 0);
        p.line(e, h - e, w - e, h - e, 0.5, 0);
        p.line(e, e, e, h - e, 0.5, 0);
        p.line(w - e, e, w - e, h - e, 0.5, 0);
        p
    }

    /// The pages of the PDF: cards placed in a 2-column grid, centred, with cut marks.
    fn pages(&self, paper: Paper) -> Vec<Page> {
        let (pw, ph) = paper.size_mm();
        let (cw, chh) = self.card_size();
        let per_page = self.cards_per_page();
        let rows = per_page / 2;
        let x0 = (pw - 2.0 * cw) / 2.0;
        let y0 = (ph - rows as f32 * chh) / 2.0;
        let mut pages = Vec::new();
        for chunk_start in (0..self.shares.len()).step_by(per_page) {
            let mut page = Page::new(pw, ph);
            let count = per_page.min(self.shares.len() - chunk_start);
            for k in 0..count {
                let (col, row) = (k % 2, k / 2);
                let (dx, dy) = (x0 + col as f32 * cw, y0 + row as f32 * chh);
                page.place(self.card(chunk_start + k), dx, dy);
                // A light dashed outline to cut along.
                page.dashed_line(dx, dy, dx + cw, dy, 0.4, 170);
                page.dashed_line(dx, dy + chh, dx + cw, dy + chh, 0.4, 170);
                page.dashed_line(dx, dy, dx, dy + chh, 0.4, 170);
                page.dashed_line(dx + cw, dy, dx + cw, dy + chh, 0.4, 170);
            }
            // Cut marks in the margins, on every card edge.
            let used_rows = count.div_ceil(2);
            let mark = 5.0_f32.min(x0 - 1.5).min(y0 - 1.5).max(2.0);
            for c in 0..=2 {
                let x = x0 + c as f32 * cw;
                page.line(x, y0 - 1.0 - mark, x, y0 - 1.0, 0.5, 0);
                let yb = y0 + used_rows as f32 * chh;
                page.line(x, yb + 1.0, x, yb + 1.0 + mark, 0.5, 0);
            }
            for r in 0..=used_rows {
                let y = y0 + r as f32 * chh;
                page.line(x0 - 1.0 - mark, y, x0 - 1.0, y, 0.5, 0);
                page.line(
                    x0 + 2.0 * cw + 1.0,
                    y,
                    x0 + 2.0 * cw + 1.0 + mark,
                    y,
                    0.5,
                    0,
                );
            }
            // In the bottom margin, left of the middle cut mark (on Letter the marks reach
            // close to the foot of the page), in solid black.
            let footer = format!(
                "seedshard, set {}: print at 100%, cut along the marks",
                self.set_name()
            );
            page.text(x0 + 2.0, ph - 4.5, 7.0, Face::Sans, &footer);
            pages.push(page);
        }
        pages
    }

    /// All holder cards as one PDF on the configured paper. Secret (share words).
    pub fn to_pdf(&self) -> Zeroizing<Vec<u8>> {
        let size = self.options.paper.size_pt();
        let pages: Vec<(Page, (f32, f32))> = self
            .pages(self.options.paper)
            .into_iter()
            .map(|p| (p, size))
            .collect();
        pdf::write(
            &pages,
            &format!("seedshard share cards, set {}", self.set_name()),
            true,
        )
    }

    /// One SVG per card, named `<file_stem>.svg`. Secret.
    pub fn card_svgs(&self) -> Vec<(String, Zeroizing<String>)> {
        (0..self.shares.len())
            .map(|i| {
                let title = format!("seedshard share card, set {}", self.set_name());
                (
                    format!("{}.svg", self.file_stem(i)),
                    svg::write(&self.single_card(i), &title),
                )
            })
            .collect()
    }

    /// One PNG per card at the configured resolution, named `<file_stem>.png`. Secret.
    pub fn card_pngs(&self) -> Vec<(String, Zeroizing<Vec<u8>>)> {
        let dpi = self.options.png_dpi;
        (0..self.shares.len())
            .map(|i| {
                let raster = png::rasterise(&self.single_card(i), dpi);
                (
                    format!("{}.png", self.file_stem(i)),
                    png::encode(&raster, dpi),
                )
            })
            .collect()
    }

    /// The PDF's pages as PNG images at `dpi` (any resolution: for previews and tests).
    /// Secret.
    pub fn page_pngs(&self, dpi: u32) -> Vec<Zeroizing<Vec<u8>>> {
        self.pages(self.options.paper)
            .iter()
            .map(|p| png::encode(&png::rasterise(p, dpi), dpi))
            .collect()
    }

    /// The owner sheet for this set.
    pub fn owner_sheet(&self) -> OwnerSheet<'_> {
        OwnerSheet {
            cards: self,
            wallet: None,
            plan_summary: Vec::new(),
            passphrase_set: None,
            show_zpub: false,
        }
    }
}

/// The owner's one-page summary of a set: the plan, holders, bridging mode, wallet facts
/// and recovery steps. It holds no share words.
#[derive(Debug)]
pub struct OwnerSheet<'a> {
    cards: &'a CardSet,
    wallet: Option<WalletFacts>,
    plan_summary: Vec<String>,
    passphrase_set: Option<bool>,
    show_zpub: bool,
}

impl OwnerSheet<'_> {
    /// Says whether a SLIP-39 passphrase was set when the shares were made (never the
    /// passphrase itself). Without this the sheet says it is not recorded.
    pub fn with_passphrase_set(mut self, set: bool) -> Self {
        self.passphrase_set = Some(set);
        self
    }

    /// Prints the account's extended public key (zpub) too. Off by default: whoever reads
    /// the zpub sees every address, the balance and the history of the wallet; the
    /// fingerprint and first address are enough to check a recovery.
    pub fn with_zpub_shown(mut self, show: bool) -> Self {
        self.show_zpub = show;
        self
    }

    /// Adds the wallet facts (fingerprint, first address, zpub) to check a recovery against.
    pub fn with_wallet(mut self, wallet: WalletFacts) -> Self {
        self.wallet = Some(wallet);
        self
    }

    /// Adds a few lines on what the plan survives (`PlanReport::summary`).
    pub fn with_plan_summary(mut self, lines: Vec<String>) -> Self {
        self.plan_summary = lines;
        self
    }

    fn page(&self) -> Page {
        let set = self.cards;
        let (pw, ph) = set.options.paper.size_mm();
        let mut p = Page::new(pw, ph);
        let m = 18.0;
        let tw = pw - 2.0 * m;
        let first = &set.shares[0];
        let mut y = m + 6.0;
        p.text(m, y, 18.0, Face::SansBold, "seedshard owner sheet");
        y += 7.0;
        let sub = format!(
            "Set {} (identifier {}){}",
            set.set_name(),
            first.identifier().get(),
            set.options
                .date
                .as_ref()
                .map(|d| format!(", made {d}"))
                .unwrap_or_default()
        );
        p.text(m, y, 11.0, Face::Sans, &sub);
        y += 5.0;
        y = p.paragraph(
            m,
            y,
            tw,
            9.0,
            4.0,
            Face::Sans,
            "Keep this sheet private and apart from the cards. It holds no share words, but it \
             tells who holds the cards and which wallet they open.",
        );

        let heading = |p: &mut Page, y: &mut f32, text: &str| {
            *y += 4.0;
            p.text(m, *y, 12.0, Face::SansBold, text);
            p.line(m, *y + 1.5, m + tw, *y + 1.5, 0.5, 150);
            *y += 6.5;
        };

        heading(&mut p, &mut y, "The plan");
        let gc = first.group_count();
        let gt = first.group_threshold();
        let summary = if gc == 1 {
            let t = first.member_threshold();
            format!(
                "One group of {} shares: any {t} of them restore the wallet.",
                set.group_sizes[0]
            )
        } else if gt == gc {
            format!("{gc} groups: all {gc} are needed, each with enough of its own shares.")
        } else {
            format!("{gc} groups: any {gt} of the {gc} groups restore the wallet, each with enough of its own shares.")
        };
        y = p.paragraph(m, y, tw, 10.0, 4.4, Face::Sans, &summary);
        for g in 0..gc {
            let in_group: Vec<usize> = (0..set.shares.len())
                .filter(|&i| set.shares[i].group_index() == g)
                .collect();
            y += 1.0;
            if in_group.is_empty() {
                p.text(
                    m,
                    y,
                    10.0,
                    Face::SansBold,
                    &format!("Group {}: no cards in this batch", g + 1),
                );
                y += 4.6;
                continue;
            }
            let t = set.shares[in_group[0]].member_threshold();
            // The cards drawn may be only some of the group's (a reissued card, say): the
            // shares do not record how many members a group has.
            let n = in_group.len();
            let needed = if n >= usize::from(t) && !set.options.partial {
                format!("{t} of its {n} shares needed")
            } else {
                format!(
                    "{t} of its shares needed ({n} card{} drawn here)",
                    if n == 1 { "" } else { "s" }
                )
            };
            let head = if gc == 1 {
                needed.replacen("of its", "of the", 1)
            } else {
                format!("Group {}: {needed}", g + 1)
            };
            p.text(m, y, 10.0, Face::SansBold, &head);
            y += 4.6;
            for &i in &in_group {
                let s = &set.shares[i];
                let who = set.holders[i]
                    .clone()
                    .unwrap_or_else(|| "(no holder named)".into());
                p.text(
                    m + 6.0,
                    y,
                    9.5,
                    Face::Sans,
                    &format!("Share {}:", s.member_index() + 1),
                );
                p.text(m + 24.0, y, 9.5, Face::Sans, &who);
                p.grey_text(
                    m + 84.0,
                    y,
                    8.0,
                    Face::Mono,
                    100,
                    &format!("card {}", set.file_stem(i)),
                );
                // The roll-call code (never on the card itself): see docs/rollcall.md.
                p.text(
                    m + 116.0,
                    y,
                    7.0,
                    Face::Mono,
                    &crate::rollcall::RollCallCode::of(s).to_string(),
                );
                y += 4.2;
                if y > ph - 80.0 {
                    break;
                }
            }
        }
        y += 1.0;
        y = p.paragraph(
            m,
            y,
            tw,
            9.0,
            4.0,
            Face::Sans,
            "Roll call: a holder runs `seedshard rollcall` on their card and reads you the 4-word \
             code; it must match the code printed after their card above (see docs/rollcall.md).",
        );
        for line in &self.plan_summary {
            y = p.paragraph(m, y, tw, 9.0, 4.0, Face::Sans, line);
        }
        let details = format!(
            "Each share has {} words. Extendable backup: {}. Iteration exponent: {}. QR payload: {}.",
            first.word_count(),
            if first.extendable() { "yes" } else { "no" },
            first.iteration_exponent(),
            set.options.payload,
        );
        y = p.paragraph(m, y, tw, 9.0, 4.0, Face::Sans, &details);

        heading(&mut p, &mut y, "Secret and wallet");
        let bridge = match set.options.bridge {
            Some(Bip39Mode::Entropy) => {
                "Bridging mode: entropy. The shares hold the BIP-39 entropy; seedshard recovery \
                 gives back the same BIP-39 words."
            }
            Some(Bip39Mode::Seed) => {
                "Bridging mode: seed. The shares hold the 64-byte BIP-39 seed: a SLIP-39 wallet \
                 that accepts 59-word shares restores the same wallet, but the BIP-39 words \
                 themselves cannot be recovered from the shares."
            }
            None => "The shares hold a SLIP-39 master secret used directly (as a Trezor does).",
        };
        y = p.paragraph(m, y, tw, 10.0, 4.4, Face::Sans, bridge);
        if set.options.bridge == Some(Bip39Mode::Entropy) {
            y += 1.0;
            y = p.paragraph(
                m,
                y,
                tw,
                10.0,
                4.4,
                Face::SansBold,
                "Warning: typing these shares into a Trezor or another SLIP-39 wallet opens a \
                 different, empty wallet. Recover with seedshard and restore the BIP-39 words.",
            );
        }
        y += 1.0;
        let pass = match self.passphrase_set {
            Some(true) => "SLIP-39 passphrase: yes, one was set. It is not written here; the \
                           heir needs it too."
                .to_string(),
            Some(false) => "SLIP-39 passphrase: none was set. Leave it empty when asked.".into(),
            None => "SLIP-39 passphrase: not recorded (this sheet was drawn from the shares \
                     alone). Write here whether one was set: yes / no."
                .into(),
        };
        y = p.paragraph(m, y, tw, 10.0, 4.4, Face::Sans, &pass) + 0.6;
        if let Some(w) = &self.wallet {
            for (label, value) in [
                ("Fingerprint", &w.fingerprint().to_string()),
                ("First address", &w.receive_address(0)),
            ] {
                p.text(m, y, 10.0, Face::SansBold, label);
                p.text(m + 30.0, y, 10.0, Face::Mono, value);
                y += 4.8;
            }
            if self.show_zpub {
                p.text(m, y, 10.0, Face::SansBold, "zpub");
                let per_line = ((tw - 30.0) / (0.6 * 8.5 * MM_PER_PT)) as usize;
                let zpub = w.account_zpub();
                let chars: Vec<char> = zpub.chars().collect();
                for chunk in chars.chunks(per_line.max(1)) {
                    let line: String = chunk.iter().collect();
                    p.text(m + 30.0, y, 8.5, Face::Mono, &line);
                    y += 4.0;
                }
                y = p.paragraph(
                    m,
                    y,
                    tw,
                    9.0,
                    4.0,
                    Face::Sans,
                    "Whoever reads this zpub sees every address, the balance and the whole \
                     history of the wallet (it cannot spend).",
                );
            }
            y = p.paragraph(
                m,
                y,
                tw,
                9.0,
                4.0,
                Face::Sans,
                "These are public and cannot spend; they prove a recovery found this wallet.",
            ) + 0.8;
        } else {
            y = p.paragraph(
                m,
                y,
                tw,
                9.0,
                4.0,
                Face::Sans,
                "This sheet was drawn from the shares alone, so it cannot list the wallet's \
                 fingerprint and first address. Write them here from the wallet software \
                 (they are public and cannot spend): fingerprint ____________ first address \
                 ________________________________________.",
            );
        }

        heading(&mut p, &mut y, "How to recover");
        let to = match set.options.bridge {
            Some(Bip39Mode::Entropy) => " --to bip39",
            Some(Bip39Mode::Seed) => " --to xprv",
            None => "",
        };
        let scan_step = format!(
            "On an offline computer with seedshard, type the words (seedshard combine{to}), one \
             share a line; the first 4 letters of each word are enough. Or scan the cards with \
             a scanner or camera that is not online (seedshard combine{to} --scan card1.png \
             card2.png ...), then delete the images."
        );
        let check_step = if self.wallet.is_some() {
            "Check that the fingerprint and first address shown match this sheet before \
             restoring the wallet, then restore it into wallet software."
                .to_string()
        } else {
            "Check that the fingerprint and first address shown match the ones written on this \
             sheet (or the wallet's own records) before restoring the wallet, then restore it \
             into wallet software; with no record to compare, restore it and check its \
             balance and history before relying on it."
                .to_string()
        };
        let pass_step = match self.passphrase_set {
            Some(true) => "Enter the SLIP-39 passphrase when asked (one was set). A wrong \
                           passphrase silently opens a different wallet."
                .to_string(),
            Some(false) => {
                "When asked for a SLIP-39 passphrase, just press Enter: none was set.".to_string()
            }
            None => "If a SLIP-39 passphrase was set (see above), enter it when asked. A wrong \
                     passphrase silently opens a different wallet."
                .to_string(),
        };
        let tool_step = format!(
            "Get seedshard (this sheet was made with version {}) onto a computer and \
             disconnect it from the network (Wi-Fi off, cable out) before touching any card.",
            env!("CARGO_PKG_VERSION")
        );
        let steps = [
            "Gather enough cards (see the plan above). Never photograph them with a phone: \
             phones copy photos to the cloud, which would put the shares in one place.",
            tool_step.as_str(),
            scan_step.as_str(),
            pass_step.as_str(),
            check_step.as_str(),
            "Never type the words or the recovered seed into a website.",
        ];
        for (k, step) in steps.iter().enumerate() {
            p.text(m, y, 10.0, Face::SansBold, &format!("{}.", k + 1));
            y = p.paragraph(m + 6.0, y, tw - 6.0, 10.0, 4.4, Face::Sans, step);
            y += 0.8;
        }
        let footer = "seedshard owner sheet - no share words on this page";
        let fw = text_width(Face::Sans, 7.0, footer);
        p.grey_text((pw - fw) / 2.0, ph - 8.0, 7.0, Face::Sans, 110, footer);
        p
    }

    /// The owner sheet as a one-page PDF on the configured paper.
    pub fn to_pdf(&self) -> Zeroizing<Vec<u8>> {
        let size = self.cards.options.paper.size_pt();
        pdf::write(&[(self.page(), size)], "seedshard owner sheet", false)
    }

    /// The owner sheet as SVG.
    pub fn to_svg(&self) -> Zeroizing<String> {
        svg::write(&self.page(), "seedshard owner sheet")
    }

    /// The owner sheet as PNG at the configured resolution.
    pub fn to_png(&self) -> Zeroizing<Vec<u8>> {
        let dpi = self.cards.options.png_dpi;
        png::encode(&png::rasterise(&self.page(), dpi), dpi)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{GroupSpec, MasterSecret, Passphrase, SplitPlan};

    fn two_level() -> ShareSet {
        let secret = MasterSecret::new(vec![7u8; 16]).unwrap();
        SplitPlan::new(
            2,
            vec![
                GroupSpec::new(1, 1).unwrap(),
                GroupSpec::new(3, 5).unwrap(),
                GroupSpec::new(2, 3).unwrap(),
            ],
        )
        .unwrap()
        .split(&secret, &Passphrase::empty())
        .unwrap()
    }

    #[test]
    fn labels_say_what_is_needed_in_plain_words() {
        let set = two_level();
        let share = &set.groups()[1][3];
        assert_eq!(
            holder_label(share, 5),
            "Group 2 of 3, share 4 of 5. This group needs 3 of its 5 shares; 2 of the 3 groups are needed."
        );
        let single = SplitPlan::single(2, 3)
            .unwrap()
            .split(
                &MasterSecret::new(vec![1u8; 16]).unwrap(),
                &Passphrase::empty(),
            )
            .unwrap();
        assert_eq!(
            holder_label(&single.groups()[0][2], 3),
            "Share 3 of 3. Any 2 of the 3 shares are needed."
        );
    }

    #[test]
    fn bad_inputs_are_refused() {
        let set = two_level();
        let shares: Vec<Share> = set.shares().cloned().collect();
        assert_eq!(
            CardSet::new(vec![], &[], CardOptions::default()).unwrap_err(),
            CardError::NoShares
        );
        let mut dup = shares.clone();
        dup.push(shares[2].clone());
        assert_eq!(
            CardSet::new(dup, &[], CardOptions::default()).unwrap_err(),
            CardError::DuplicateShare { position: 10 }
        );
        assert!(matches!(
            CardSet::new(shares.clone(), &["a\u{7}".into()], CardOptions::default()),
            Err(CardError::BadLabel { .. })
        ));
        assert_eq!(
            CardSet::new(shares, &[], CardOptions::default().with_png_dpi(150)).unwrap_err(),
            CardError::DpiTooLow { dpi: 150 }
        );
    }

    #[test]
    fn instructions_warn_about_trezor_only_in_entropy_mode() {
        assert!(
            heir_instructions(Some(Bip39Mode::Entropy), false).contains("different, empty wallet")
        );
        assert!(!heir_instructions(None, false).contains("empty wallet"));
        assert!(heir_instructions(None, false).contains("Never type these words into a website"));
        // A card that opens the wallet by itself never says it reveals nothing.
        for bridge in [None, Some(Bip39Mode::Entropy), Some(Bip39Mode::Seed)] {
            let alone = heir_instructions(bridge, true);
            assert!(!alone.contains("reveals nothing"), "{alone}");
            assert!(alone.contains("alone restores the wallet"), "{alone}");
            assert!(heir_instructions(bridge, false).contains("Alone it is worth nothing"));
        }
    }

    /// Every card kind: 20, 33 and 59 words, cards that open the wallet alone, the longest
    /// label and note, each bridging mode.
    fn all_card_sets() -> Vec<CardSet> {
        let long_note =
            "Give this card to Mr. Maximilian Montgomery, notary, 1200 Pennsylvania Ave., DC."
                .to_string();
        assert_eq!(long_note.len(), MAX_NOTE_CHARS);
        // The longest holder name and date allowed, in wide letters, as a person writes them.
        let long_name = "WWWWWWWWWW MMMMMMMMMMMMM WWWWWWWWWWWWWWW".to_string();
        assert_eq!(long_name.len(), MAX_LABEL_CHARS);
        let mut sets = Vec::new();
        for (len, plan) in [
            (16, SplitPlan::single(1, 1).unwrap()),
            (32, SplitPlan::single(1, 1).unwrap()),
            (64, SplitPlan::single(1, 1).unwrap()),
            (16, SplitPlan::single(2, 3).unwrap()),
            (32, SplitPlan::single(3, 5).unwrap()),
            (64, SplitPlan::single(2, 3).unwrap()),
        ] {
            let secret = MasterSecret::new(vec![5u8; len]).unwrap();
            let set = plan.split(&secret, &Passphrase::empty()).unwrap();
            for bridge in [None, Some(Bip39Mode::Entropy), Some(Bip39Mode::Seed)] {
                for paper in [Paper::A4, Paper::Letter] {
                    let options = CardOptions::default()
                        .with_bridge(bridge)
                        .with_paper(paper)
                        .with_date("30 September 2026")
                        .with_card_note(long_note.clone());
                    let holders = vec![long_name.clone(); set.shares().count()];
                    sets.push(CardSet::from_share_set(&set, &holders, options).unwrap());
                }
            }
        }
        let set = two_level();
        sets.push(CardSet::from_share_set(&set, &[], CardOptions::default()).unwrap());
        sets
    }

    /// The box of a text item (mm): left, top, right, bottom, from the font's advance widths,
    /// cap height and descent.
    fn text_box(item: &layout::Item) -> Option<(f32, f32, f32, f32)> {
        match item {
            layout::Item::Text {
                x,
                y,
                size,
                face,
                text,
                ..
            } => {
                let s = size * MM_PER_PT;
                let w = text_width(*face, *size, text);
                Some((*x, y - 0.72 * s, x + w, y + 0.2 * s))
            }
            _ => None,
        }
    }

    #[test]
    fn card_text_is_at_least_7_pt_and_never_overlaps_or_leaves_the_card() {
        for cards in all_card_sets() {
            for i in 0..cards.shares().len() {
                let card = cards.card(i);
                let mut boxes = Vec::new();
                for item in &card.items {
                    match item {
                        layout::Item::Text { size, text, .. } => {
                            assert!(
                                *size >= 7.0,
                                "{size} pt: {} on a {}-word card",
                                text.as_str(),
                                cards.shares()[0].word_count()
                            );
                            boxes.push((text_box(item).unwrap(), text.to_string()));
                        }
                        layout::Item::Qr {
                            x,
                            y,
                            module,
                            symbol,
                        } => {
                            // The QR code with its quiet zone.
                            let q = QUIET_ZONE_MODULES as f32 * module;
                            let side = symbol.size() as f32 * module;
                            boxes.push(((x - q, y - q, x + side + q, y + side + q), "QR".into()));
                        }
                        _ => {}
                    }
                }
                for (k, ((l, t, r, b), what)) in boxes.iter().enumerate() {
                    assert!(
                        *l >= 1.0 && *t >= 1.0 && *r <= card.width - 1.0 && *b <= card.height - 1.0,
                        "{what:?} leaves the card ({l}, {t}, {r}, {b})"
                    );
                    for ((l2, t2, r2, b2), what2) in &boxes[k + 1..] {
                        // Touching is fine (a word's bold head and its tail meet).
                        let e = 0.01;
                        let apart = *r <= l2 + e || *r2 <= l + e || *b <= t2 + e || *b2 <= t + e;
                        assert!(apart, "{what:?} overlaps {what2:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn page_text_is_at_least_7_pt_and_crosses_no_rule_or_cut_mark() {
        for cards in all_card_sets() {
            for page in cards.pages(cards.options().paper) {
                let lines: Vec<(f32, f32, f32, f32)> = page
                    .items
                    .iter()
                    .filter_map(|it| match it {
                        layout::Item::Line { x1, y1, x2, y2, .. } => {
                            Some((x1.min(*x2), y1.min(*y2), x1.max(*x2), y1.max(*y2)))
                        }
                        _ => None,
                    })
                    .collect();
                for item in &page.items {
                    if let layout::Item::Text { size, text, .. } = item {
                        assert!(*size >= 7.0, "{size} pt: {}", text.as_str());
                        let (l, t, r, b) = text_box(item).unwrap();
                        assert!(l >= 0.0 && r <= page.width && t >= 0.0 && b <= page.height);
                        for (lx1, ly1, lx2, ly2) in &lines {
                            let apart = *lx2 < l || r < *lx1 || *ly2 < t || b < *ly1;
                            assert!(apart, "{:?} crosses a line", text.as_str());
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn cards_say_what_they_are_and_what_not_to_do() {
        let set = two_level();
        let cards = CardSet::from_share_set(
            &set,
            &[],
            CardOptions::default().with_card_note("Jane Doe, notary, 12 Main St"),
        )
        .unwrap();
        let text: Vec<String> = (0..2)
            .flat_map(|i| {
                cards
                    .card(i)
                    .items
                    .iter()
                    .filter_map(|it| match it {
                        layout::Item::Text { text, .. } => Some(text.to_string()),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        let all = text.join(" ");
        for needle in [
            "Piece of a Bitcoin wallet backup",
            "worth nothing",
            "Do not throw it away",
            "give it to: Jane Doe, notary, 12 Main St",
            "website",
            "phone app",
            "photo",
            concat!("seedshard ", env!("CARGO_PKG_VERSION")),
        ] {
            assert!(all.contains(needle), "{needle}: {all}");
        }
        assert!(matches!(
            CardSet::new(
                set.shares().cloned().collect(),
                &[],
                CardOptions::default().with_card_note("x".repeat(MAX_NOTE_CHARS + 1))
            ),
            Err(CardError::BadLabel { .. })
        ));
    }

    #[test]
    fn pdf_has_one_page_per_eight_cards_and_no_wallet_facts_on_cards() {
        let set = two_level();
        let cards = CardSet::from_share_set(&set, &[], CardOptions::default()).unwrap();
        let pdf = cards.to_pdf();
        let text = String::from_utf8_lossy(&pdf);
        assert_eq!(
            text.matches("/Type /Page\n").count()
                + text.matches("/Type /Page/").count()
                + text.matches("/Type /Page ").count(),
            2
        );
        assert!(!text.contains("Fingerprint"));
    }
}
