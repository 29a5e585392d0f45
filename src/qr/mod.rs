//! QR payloads for shares: encode and draw (feature `qr`), and read from photos (feature
//! `scan`).
//!
//! Two payloads carry a SLIP-39 share (both specified in `docs/shareqr.md`):
//!
//! - [`PayloadFormat::ShareQr`] (the default on cards): each word's 0-based index in the
//!   SLIP-39 word list written as 4 decimal digits, concatenated, in QR numeric mode. A
//!   20-word share is 80 digits and fits a 29x29 symbol at error-correction level M.
//! - [`PayloadFormat::Text`]: the words in upper case separated by single spaces, in QR
//!   alphanumeric mode, which any phone shows as the words themselves.
//!
//! [`classify`] tells what a decoded QR payload is: a share in either form, a BIP-39 SeedQR
//! (standard or compact, the input to `split --scan`), or something else, described without
//! repeating its content. With the `scan` feature, `scan_image` finds and reads every QR code in
//! a PNG or JPEG (see `docs/scanning.md`).
//!
//! Payload strings and decoded bytes hold secrets and live in
//! [`Zeroizing`](zeroize::Zeroizing) buffers. The `qrcode`, `rqrr` and `image` crates keep
//! working copies of their own that seedshard cannot wipe; keep that in mind on a shared
//! computer.
//!
//! # Examples
//!
//! ```
//! use seedshard::qr::{classify, encode_payload, Decoded, PayloadFormat};
//! use seedshard::Share;
//! let share = Share::parse(
//!     "duckling enlarge academic academic agency result length solution fridge kidney \
//!      coal piece deal husband erode duke ajar critical decision keyboard",
//! )?;
//! let digits = encode_payload(&share, PayloadFormat::ShareQr);
//! assert_eq!(&digits[..8], "02480288"); // "duckling" is word 248, "enlarge" 288
//! match classify(digits.as_bytes()) {
//!     Decoded::Share { share: back, format } => {
//!         assert_eq!(back, share);
//!         assert_eq!(format, PayloadFormat::ShareQr);
//!     }
//!     other => panic!("unexpected {}", other.describe()),
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

/// A 20-word share from the SLIP-39 vectors, for the tests of the QR modules.
#[cfg(test)]
const TEST_SHARE: &str = "duckling enlarge academic academic agency result length solution \
                          fridge kidney coal piece deal husband erode duke ajar critical decision keyboard";

mod payload;
#[cfg(feature = "scan")]
mod scan;
#[cfg(feature = "scan")]
mod scanned;
mod symbol;

pub use payload::{
    classify, encode_payload, Decoded, NotAShare, PayloadFormat, UnknownPayloadFormat,
};
#[cfg(feature = "scan")]
#[cfg_attr(docsrs, doc(cfg(feature = "scan")))]
pub use scan::{
    image_dimensions, scan_grey, scan_image, Found, ScanError, ScanReport, MAX_FINDERS_PER_PASS,
    MAX_SCAN_PIXELS,
};
#[cfg(all(feature = "scan", feature = "bip39"))]
#[cfg_attr(docsrs, doc(cfg(all(feature = "scan", feature = "bip39"))))]
pub use scanned::SeedQrError;
#[cfg(feature = "scan")]
#[cfg_attr(docsrs, doc(cfg(feature = "scan")))]
pub use scanned::{ImageShares, NothingRead};
pub use symbol::{DrawError, EcLevel, QrSymbol};

/// Digits per word in a ShareQR payload (and in a BIP-39 SeedQR): indices 0..=1023 (SLIP-39)
/// or 0..=2047 (BIP-39) written as 4 decimal digits with leading zeros.
pub const DIGITS_PER_WORD: usize = 4;

/// The width of the light border a QR symbol needs on each side, in modules (ISO/IEC 18004).
pub const QUIET_ZONE_MODULES: usize = 4;
