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
//! cut marks and QR modules as filled rectangles. All PDF and SVG text, on cards and on the
//! owner sheet, is drawn as filled outlines of the fonts seedshard embeds (the ones PNGs are
//! rasterised from): no viewer substitutes a font, a card PDF has no text layer for indexers
//! to read share words from, and a card SVG holds no share word as text (its other text is
//! each outline's `aria-label`). No text on a card is under 7 pt.
//! SVG and PNG give one file per card, with a cut border; PNGs are 300 dpi or more and carry
//! their resolution, so they too print at true scale.
//!
//! The bridging mode is the library's one [`Bip39Mode`] and the wallet facts are
//! [`WalletFacts`](crate::wallet::WalletFacts), so the feature `card` includes `bitcoin` (and
//! `bip39`).
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

mod files;
mod holder;
mod imposition;
mod layout;
mod pdf;
mod plan_picture;
mod png;
mod sheet;
mod svg;
#[cfg(test)]
mod tests;

pub use plan_picture::{plan_png, plan_svg};

use core::fmt;
use core::str::FromStr;

use zeroize::Zeroizing;

pub use crate::slip39::set_name::{set_name, SET_NAME_WORDS};

use crate::bip39::Bip39Mode;
use crate::qr::{EcLevel, PayloadFormat};
use crate::{Share, ShareSet};
use layout::{Page, MM_PER_PT};

pub use files::{today, CardFiles, CardFormat, CardPlan};
pub use holder::{heir_instructions, heir_instructions_with, holder_label};
pub use sheet::OwnerSheet;

/// The lowest resolution PNG cards are drawn at.
pub const MIN_PNG_DPI: u32 = 300;

/// The QR error-correction level of share cards: the level the damage measurement in
/// `docs/shareqr.md` found to read best at the card's fixed code size.
pub const CARD_QR_LEVEL: EcLevel = EcLevel::M;

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
    /// instructions are (not a secret; at most [`MAX_NOTE_CHARS`] characters the card fonts
    /// can print, see [`printable_on_card`]).
    pub card_note: Option<String>,
    /// The QR error-correction level of the cards (default [`CARD_QR_LEVEL`]). The code's
    /// area on the card is the same at every level: a higher level has more, smaller
    /// modules.
    pub qr_level: EcLevel,
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
            qr_level: CARD_QR_LEVEL,
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
    /// Sets the QR error-correction level (see [`CardOptions::qr_level`]).
    pub fn with_qr_level(mut self, level: EcLevel) -> Self {
        self.qr_level = level;
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
    /// A holder name, the date or a note is too long.
    BadLabel {
        /// Which text.
        which: CardText,
    },
    /// A holder name, the date or a note holds a character the card fonts cannot print (they
    /// cover Latin-1 and Latin Extended-A) or a control character.
    UnprintableCharacter {
        /// Which text.
        which: CardText,
        /// 1-based position of the character (after NFC normalisation).
        position: usize,
        /// The character.
        character: char,
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
                "{which} is too long (at most {} characters)",
                which.max_chars()
            ),
            CardError::UnprintableCharacter {
                which,
                position,
                character,
            } => write!(
                f,
                "{which}, character {position} ({}U+{:04X}) cannot be printed on {}",
                if character.is_control() {
                    String::new()
                } else {
                    format!("'{character}', ")
                },
                u32::from(*character),
                if *which == CardText::SheetNote {
                    "the owner sheet"
                } else {
                    "a card"
                }
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

/// A text the person gives for the cards or the owner sheet, as an error names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum CardText {
    /// The name of the holder of share `n` (1-based, in share order).
    Holder(usize),
    /// The date printed on the cards.
    Date,
    /// The note printed on every card.
    CardNote,
    /// The note printed on the owner sheet.
    SheetNote,
}

impl CardText {
    /// The most characters this text may have.
    pub fn max_chars(self) -> usize {
        match self {
            Self::Holder(_) | Self::Date => MAX_LABEL_CHARS,
            Self::CardNote | Self::SheetNote => MAX_NOTE_CHARS,
        }
    }
}

impl fmt::Display for CardText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Holder(n) => write!(f, "holder {n}"),
            Self::Date => f.write_str("date"),
            Self::CardNote => f.write_str("card note"),
            Self::SheetNote => f.write_str("sheet note"),
        }
    }
}

/// Whether the card fonts can print `c` (all four faces cover the same characters).
pub fn printable_on_card(c: char) -> bool {
    use ab_glyph::Font;
    c == ' ' || (!c.is_control() && layout::Face::Sans.font().glyph_id(c).0 != 0)
}

/// `text` in NFC, trimmed, once it is checked to be at most `which.max_chars()` characters
/// the card fonts can print.
fn check_text(text: &str, which: CardText) -> Result<String, CardError> {
    use unicode_normalization::UnicodeNormalization;
    let text: String = text.trim().nfc().collect();
    if let Some((i, character)) = text
        .chars()
        .enumerate()
        .find(|&(_, c)| !printable_on_card(c))
    {
        return Err(CardError::UnprintableCharacter {
            which,
            position: i + 1,
            character,
        });
    }
    if text.chars().count() > which.max_chars() {
        return Err(CardError::BadLabel { which });
    }
    Ok(text)
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

impl CardSet {
    /// Checks the shares (one set, no duplicates), holder names (`holders[i]` goes on share
    /// `i`; an empty name prints none) and options. Names, the date and the card note are
    /// trimmed and NFC-normalised; they may use any letter of Latin-1 and Latin Extended-A
    /// ("José Müller", "Łukasz Żółć"), see [`printable_on_card`].
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
        let holders = holders
            .iter()
            .enumerate()
            .map(|(i, h)| check_text(h, CardText::Holder(i + 1)))
            .collect::<Result<Vec<String>, CardError>>()?;
        let mut options = options;
        if let Some(d) = &options.date {
            options.date = Some(check_text(d, CardText::Date)?);
        }
        if let Some(note) = &options.card_note {
            options.card_note = Some(check_text(note, CardText::CardNote)?);
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
            .map(|i| holders.get(i).filter(|h| !h.is_empty()).cloned())
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

    /// The cards as a report: numbers, holders as printed, roll-call codes, no words (what
    /// `cards --json` prints).
    pub fn report(&self) -> crate::report::backup::NumberedSharesReport {
        let first = &self.shares[0];
        crate::report::backup::NumberedSharesReport::of_set(
            first,
            &self.shares,
            Some(&self.holders),
            false,
        )
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
}
