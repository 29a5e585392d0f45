//! The options of share cards: how to draw them (`split --cards`, `extend --cards`,
//! `reissue --cards`) and the `cards` command.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::ShareModeArg;

/// Cards for the shares a command makes from shares read (`extend`, `reissue`).
#[derive(Debug, Args)]
pub struct NewCardsArgs {
    /// Also write a card for each share made, and the owner sheet, into DIR.
    #[arg(long = "cards", value_name = "DIR")]
    pub cards_dir: Option<PathBuf>,

    /// How the shares read relate to a BIP-39 phrase (entropy, seed, or none), when their file
    /// has no `# seedshard: mode=` line (needed for --cards); carried to what is written.
    #[arg(long, value_enum, value_name = "MODE")]
    pub bip39_mode: Option<ShareModeArg>,

    /// How to draw the cards.
    #[command(flatten)]
    pub card: CardArgs,
}

/// Options for drawing share cards (`split --cards`, `cards`).
#[derive(Debug, Args)]
pub struct CardArgs {
    /// File format of the cards: one PDF with every card (cut marks, 6 cards a page, 4 of 59-word shares), or one
    /// SVG or PNG (300 dpi) per card.
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = CardFormatArg::Pdf)]
    pub card_format: CardFormatArg,

    /// The QR code on each card: `shareqr` (compact digits, see docs/shareqr.md) or `text`
    /// (the words, readable by any phone).
    #[arg(long, value_enum, value_name = "PAYLOAD", default_value_t = QrArg::Shareqr)]
    pub qr: QrArg,

    /// Paper size of the PDF and the owner sheet.
    #[arg(long, value_enum, default_value_t = PaperArg::A4)]
    pub paper: PaperArg,

    /// A holder's name to print on a card, in share order; repeat for each card.
    #[arg(long = "holder", value_name = "NAME")]
    pub holders: Vec<String>,

    /// The date printed on the cards, as YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<String>,

    /// An "if found" line printed on every card: whom to give it to or where the
    /// instructions are (not secret; at most 80 characters).
    #[arg(long, value_name = "TEXT")]
    pub card_note: Option<String>,

    /// Where the offline page and seedshard are kept, printed on the owner sheet (not
    /// secret; at most 80 characters), e.g. "USB stick in the desk, copy at the notary".
    #[arg(long, value_name = "TEXT")]
    pub sheet_note: Option<String>,

    /// Also print the wallet's zpub on the owner sheet. Whoever reads it sees every
    /// address, the balance and the history of the wallet; the fingerprint and first
    /// address (always printed) are enough to check a recovery.
    #[arg(long)]
    pub show_xpub: bool,

    /// Replace card files that already exist.
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `cards`.
#[derive(Debug, Args)]
pub struct CardsArgs {
    /// Files with one share a line (as written by `split`), or `-` for standard input.
    #[arg(value_name = "FILE")]
    pub inputs: Vec<PathBuf>,

    /// The directory to write the cards and the owner sheet into.
    #[arg(
        long = "cards",
        visible_alias = "out",
        value_name = "DIR",
        required = true
    )]
    pub dir: PathBuf,

    /// How the shares relate to a BIP-39 phrase (entropy, seed, or none): printed on the
    /// cards and the owner sheet. Read from the share file's `# seedshard: mode=` line when
    /// not given; needed when the file has none and the shares could be either.
    #[arg(long, value_enum, value_name = "MODE")]
    pub bip39_mode: Option<ShareModeArg>,

    /// How to draw the cards.
    #[command(flatten)]
    pub card: CardArgs,

    /// Write one JSON document to standard output: the cards drawn (numbers, holders,
    /// roll-call codes; no words) and the files written (see docs/json.md).
    #[arg(long)]
    pub json: bool,
}

/// Card file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CardFormatArg {
    /// One PDF with every card, 6 a page (4 for 59-word shares), plus owner-sheet.pdf.
    Pdf,
    /// One SVG per card, plus owner-sheet.svg.
    Svg,
    /// One PNG per card at 300 dpi, plus owner-sheet.png.
    Png,
}

/// QR payloads on cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QrArg {
    /// 4 digits per word (compact; read by seedshard).
    Shareqr,
    /// The words in capitals (any phone shows them).
    Text,
}

/// Paper sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    /// ISO A4 (210 x 297 mm).
    A4,
    /// US Letter (8.5 x 11 in).
    Letter,
}

/// A calendar date written YYYY-MM-DD (years 1000 to 9999), as printed on the cards.
fn parse_date(text: &str) -> Result<String, String> {
    let bad = || format!("{text:?} is not a date written YYYY-MM-DD, such as 2026-03-14");
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(bad());
    };
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
        return Err(bad());
    }
    let (year, month, day): (u32, u32, u32) = (
        y.parse().map_err(|_| bad())?,
        m.parse().map_err(|_| bad())?,
        d.parse().map_err(|_| bad())?,
    );
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(format!("{text:?}: there is no month {month}")),
    };
    if year < 1000 {
        return Err(bad());
    }
    if day == 0 || day > days {
        return Err(format!(
            "{text:?}: month {month} of {year} has no day {day}"
        ));
    }
    Ok(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked_as_dates() {
        assert_eq!(parse_date("2026-03-14").unwrap(), "2026-03-14");
        assert!(parse_date("2024-02-29").is_ok());
        assert!(parse_date("2000-02-29").is_ok());
        assert!(parse_date("2023-02-29")
            .unwrap_err()
            .contains("has no day 29"));
        assert!(parse_date("1900-02-29").is_err());
        assert!(parse_date("2026-13-01")
            .unwrap_err()
            .contains("no month 13"));
        assert!(parse_date("2026-04-31").is_err());
        assert!(parse_date("14/03/2026").unwrap_err().contains("YYYY-MM-DD"));
        assert!(parse_date("2026-3-14").is_err());
        assert!(parse_date("tomorrow").is_err());
        assert!(parse_date("").is_err());
    }
}
