//! Sentences about pictures scanned for QR codes: why a picture gave nothing, what to do
//! about a picture that cannot be read, and the notes on what was read.
//!
//! Each `(what, hint)` pair names the picture as the front end does (`name`).

use alloc::format;
use alloc::string::{String, ToString};

use crate::qr::{ImageShares, NothingRead, ScanError};

/// What a picture was scanned for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    /// SLIP-39 share cards.
    Shares,
    /// A BIP-39 SeedQR.
    SeedQr,
}

const SHARPER: &str = "take a sharper photo, straight on and in good light, with the card filling most of the picture";

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Why picture `name` gave nothing of what was `wanted`, and what to do.
pub fn nothing_read(name: &str, nothing: NothingRead, wanted: Wanted) -> (String, String) {
    match (nothing, wanted) {
        (NothingRead::Unreadable { codes }, _) => (
            format!(
                "{name}: found {codes} QR code{} but could not read {}",
                plural(codes),
                if codes == 1 { "it" } else { "them" }
            ),
            SHARPER.to_string(),
        ),
        (NothingRead::NotSearched, _) => (
            format!(
                "{name}: no QR code found; the image holds more patterns like the corner squares of a QR code than a photo of cards has, so it was not searched in full"
            ),
            "photograph one card or one page of cards at a time, with nothing else in the picture"
                .to_string(),
        ),
        (NothingRead::Glimpsed { finder_patterns }, _) => (
            format!(
                "{name}: something like a QR code is in the image ({finder_patterns} of the squares in a QR code's corners), but no code could be read"
            ),
            SHARPER.to_string(),
        ),
        (NothingRead::NoneWanted { codes }, Wanted::Shares) => (
            format!("{name}: none of the {codes} QR codes in the image is a share"),
            "check that this is a photo of a seedshard share card (see the notes above)"
                .to_string(),
        ),
        (NothingRead::NoneWanted { .. }, Wanted::SeedQr) => (
            format!("{name}: no BIP-39 SeedQR among the QR codes in the image"),
            "check that this is the right picture".to_string(),
        ),
        _ => (
            format!("{name}: no QR code found in the image"),
            "photograph the card so that its whole QR code is in the picture, sharp and well lit"
                .to_string(),
        ),
    }
}

/// What to do about a picture that cannot be decoded.
pub fn scan_error_hint(e: &ScanError) -> &'static str {
    match e {
        ScanError::TooLarge { .. } => {
            "scale the photo down (about 4000 pixels on the long side is plenty) and try again"
        }
        ScanError::UnsupportedFormat => "take or export the photo as a JPEG or PNG",
        _ => "copy the image again from the camera or phone, or take a new photo",
    }
}

/// What one photo showed but did not read: `None` when every code seen was read, else
/// "8 codes found, 5 read: move closer or take the photo straight on". `read` codes were
/// read, `unreadable` were located but not decoded, and `finder_patterns` corner squares
/// were seen (about three a code: the scan report's `finder_patterns`), so a code seen only
/// by its corners counts too.
pub fn codes_not_read(read: usize, unreadable: usize, finder_patterns: usize) -> Option<String> {
    let seen = (read + unreadable).max(finder_patterns / 3);
    (seen > read).then(|| {
        format!(
            "{seen} code{} found, {read} read: move closer or take the photo straight on",
            if seen == 1 { "" } else { "s" }
        )
    })
}

/// The notes on the shares read from picture `name`: each code skipped, codes not read, and
/// how many shares were read, of which `already_added` were read before (from another
/// picture or frame).
pub fn share_notes(
    name: &str,
    read: &ImageShares,
    already_added: usize,
) -> alloc::vec::Vec<String> {
    let mut notes: alloc::vec::Vec<String> = read
        .skipped
        .iter()
        .map(|what| format!("{name}: skipped a QR code that is not a share: {what}"))
        .collect();
    if read.nothing.is_some() {
        return notes;
    }
    let decoded = read.shares.len() + read.skipped.len();
    if let Some(line) = codes_not_read(decoded, read.unreadable, read.finder_patterns) {
        notes.push(format!("{name}: {line}"));
    }
    let count = read.shares.len();
    let again = if already_added > 0 {
        format!(" ({already_added} already added)")
    } else {
        String::new()
    };
    notes.push(format!(
        "{name}: read {count} share{}{again}",
        plural(count)
    ));
    notes
}

/// Why picture `name` does not give one BIP-39 phrase, and what to do (the case of an
/// invalid phrase is worded with the other phrase errors by the front end).
#[cfg(feature = "bip39")]
pub fn seedqr_error(name: &str, e: &crate::qr::SeedQrError) -> (String, String) {
    use crate::qr::SeedQrError;
    match e {
        SeedQrError::Compact(e) => (
            format!("the CompactSeedQR in {name} is not valid: {e}"),
            "check that the picture shows a SeedQR of 12 or 24 words".to_string(),
        ),
        SeedQrError::ShareCard => (
            format!("{name} holds a SLIP-39 share card, not a BIP-39 SeedQR"),
            "split --scan reads a wallet's SeedQR; to recover from share cards use seedshard combine --scan".to_string(),
        ),
        SeedQrError::Several { count } => (
            format!("{name} holds {count} SeedQR codes"),
            "photograph one SeedQR at a time".to_string(),
        ),
        SeedQrError::Nothing(n) => nothing_read(name, *n, Wanted::SeedQr),
        e => (format!("{name}: {e}"), "check that this is the right picture".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_read_says_what_was_seen() {
        let (what, hint) = nothing_read(
            "card.jpg",
            NothingRead::Unreadable { codes: 1 },
            Wanted::Shares,
        );
        assert_eq!(what, "card.jpg: found 1 QR code but could not read it");
        assert!(hint.starts_with("take a sharper photo"));
        let (what, _) = nothing_read(
            "p.png",
            NothingRead::Unreadable { codes: 2 },
            Wanted::SeedQr,
        );
        assert_eq!(what, "p.png: found 2 QR codes but could not read them");
        let (what, _) = nothing_read(
            "p.png",
            NothingRead::NoneWanted { codes: 3 },
            Wanted::Shares,
        );
        assert_eq!(
            what,
            "p.png: none of the 3 QR codes in the image is a share"
        );
        let (what, _) = nothing_read(
            "p.png",
            NothingRead::NoneWanted { codes: 3 },
            Wanted::SeedQr,
        );
        assert_eq!(
            what,
            "p.png: no BIP-39 SeedQR among the QR codes in the image"
        );
        let (what, _) = nothing_read("p.png", NothingRead::NoCode, Wanted::Shares);
        assert_eq!(what, "p.png: no QR code found in the image");
        let (what, _) = nothing_read(
            "p.png",
            NothingRead::Glimpsed { finder_patterns: 5 },
            Wanted::Shares,
        );
        assert!(what.contains("(5 of the squares"), "{what}");
    }

    #[test]
    fn a_blank_picture_reads_nothing() {
        let report = crate::qr::scan_grey(8, 8, &[255; 64]);
        assert_eq!(report.nothing_read(), NothingRead::NoCode);
        let read = report.into_shares();
        assert!(read.shares.is_empty());
        assert_eq!(read.nothing, Some(NothingRead::NoCode));
        assert!(share_notes("blank.png", &read, 0).is_empty());
    }
    #[test]
    fn codes_seen_but_not_read_are_counted_per_photo() {
        // Every code read: nothing to say.
        assert_eq!(codes_not_read(5, 0, 15), None);
        assert_eq!(codes_not_read(1, 0, 2), None);
        // Located but not decoded.
        assert_eq!(
            codes_not_read(5, 3, 0).as_deref(),
            Some("8 codes found, 5 read: move closer or take the photo straight on")
        );
        // Seen only by their corner squares (about three a code).
        assert_eq!(
            codes_not_read(2, 0, 12).as_deref(),
            Some("4 codes found, 2 read: move closer or take the photo straight on")
        );
        assert_eq!(
            codes_not_read(0, 1, 0).as_deref(),
            Some("1 code found, 0 read: move closer or take the photo straight on")
        );
    }
}
