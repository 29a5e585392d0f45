//! The two share payloads (ShareQR digits, upper-case text) and what a decoded payload is.

use core::fmt;
use core::str::FromStr;

use zeroize::Zeroizing;

use super::DIGITS_PER_WORD;
use crate::slip39::share::ParseShareError;
use crate::Share;

/// How a share is written into a QR code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum PayloadFormat {
    /// 4 decimal digits per word (the word's index in the SLIP-39 list), numeric mode.
    #[default]
    ShareQr,
    /// The words in upper case separated by single spaces, alphanumeric mode.
    Text,
}

impl PayloadFormat {
    /// The name used on the command line and in documents: `shareqr` or `text`.
    pub fn name(self) -> &'static str {
        match self {
            PayloadFormat::ShareQr => "shareqr",
            PayloadFormat::Text => "text",
        }
    }
}

impl fmt::Display for PayloadFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A QR payload format name that is neither `shareqr` nor `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct UnknownPayloadFormat;

impl fmt::Display for UnknownPayloadFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown QR payload format (expected shareqr or text)")
    }
}

impl std::error::Error for UnknownPayloadFormat {}

impl FromStr for PayloadFormat {
    type Err = UnknownPayloadFormat;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "shareqr" => Ok(PayloadFormat::ShareQr),
            "text" => Ok(PayloadFormat::Text),
            _ => Err(UnknownPayloadFormat),
        }
    }
}

/// The payload of one share in the given format. Secret: it is the share itself.
pub fn encode_payload(share: &Share, format: PayloadFormat) -> Zeroizing<String> {
    match format {
        PayloadFormat::ShareQr => {
            let indices = share.to_indices();
            let mut out = Zeroizing::new(String::with_capacity(indices.len() * DIGITS_PER_WORD));
            for &index in indices.iter() {
                // Each index is below 1024, so 4 digits always suffice.
                let mut n = index;
                let mut digits = [b'0'; DIGITS_PER_WORD];
                for d in digits.iter_mut().rev() {
                    *d = b'0' + (n % 10) as u8;
                    n /= 10;
                }
                for d in digits {
                    out.push(char::from(d));
                }
            }
            out
        }
        PayloadFormat::Text => {
            let mut words = share.to_words();
            words.make_ascii_uppercase();
            words
        }
    }
}

/// What a QR payload turned out to be.
#[non_exhaustive]
pub enum Decoded {
    /// A SLIP-39 share, as ShareQR digits or as text.
    Share {
        /// The share.
        share: Share,
        /// The payload format it came in.
        format: PayloadFormat,
    },
    /// A BIP-39 SeedQR in its standard form: 4 digits per word, each a BIP-39 word index
    /// (0..=2047); 12, 15, 18, 21 or 24 words. The BIP-39 checksum is not checked here.
    SeedQr {
        /// The BIP-39 word indices. Secret.
        indices: Zeroizing<Vec<u16>>,
    },
    /// A CompactSeedQR: the BIP-39 entropy as raw bytes (16 for 12 words, 32 for 24 words)
    /// in byte mode.
    CompactSeedQr {
        /// The BIP-39 entropy. Secret.
        entropy: Zeroizing<Vec<u8>>,
    },
    /// Anything else.
    NotAShare(NotAShare),
}

impl fmt::Debug for Decoded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Decoded::Share { share, format } => f
                .debug_struct("Share")
                .field("share", share)
                .field("format", format)
                .finish(),
            Decoded::SeedQr { indices } => write!(f, "SeedQr({} words)", indices.len()),
            Decoded::CompactSeedQr { entropy } => {
                write!(f, "CompactSeedQr({} bytes)", entropy.len())
            }
            Decoded::NotAShare(n) => f.debug_tuple("NotAShare").field(n).finish(),
        }
    }
}

impl Decoded {
    /// A short description of what the payload is, without any of its content.
    pub fn describe(&self) -> String {
        match self {
            Decoded::Share { share, format } => format!(
                "a SLIP-39 share ({} words, {})",
                share.word_count(),
                match format {
                    PayloadFormat::ShareQr => "ShareQR",
                    PayloadFormat::Text => "text",
                }
            ),
            Decoded::SeedQr { indices } => {
                format!("a BIP-39 SeedQR of {} words", indices.len())
            }
            Decoded::CompactSeedQr { entropy } => {
                format!("a BIP-39 CompactSeedQR of {} words", entropy.len() * 3 / 4)
            }
            Decoded::NotAShare(n) => n.to_string(),
        }
    }
}

/// A QR payload that is neither a share nor a SeedQR, described by its shape only.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum NotAShare {
    /// No content at all.
    Empty,
    /// ShareQR-shaped digits (4 per word, 20 words or more) that are not a valid share.
    BrokenShareQr(ParseShareError),
    /// Words that read like a share (20 or more) but are not a valid one.
    BrokenTextShare(ParseShareError),
    /// A web address.
    WebAddress,
    /// A `bitcoin:` payment request or a bare Bitcoin address.
    BitcoinAddress,
    /// An extended key (xpub, zpub, xprv and the like).
    ExtendedKey,
    /// A wallet output descriptor.
    Descriptor,
    /// A run of decimal digits of another length.
    Number {
        /// How many digits.
        digits: usize,
    },
    /// Words (letters and spaces) that are not a share.
    Words {
        /// How many words.
        words: usize,
    },
    /// Other text.
    Text {
        /// How many characters.
        chars: usize,
    },
    /// Binary data.
    Binary {
        /// How many bytes.
        bytes: usize,
    },
}

impl fmt::Display for NotAShare {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotAShare::Empty => f.write_str("an empty QR code"),
            NotAShare::BrokenShareQr(e) => {
                write!(f, "ShareQR digits that are not a valid share ({e})")
            }
            NotAShare::BrokenTextShare(e) => {
                write!(f, "words that are not a valid SLIP-39 share ({e})")
            }
            NotAShare::WebAddress => f.write_str("a web address"),
            NotAShare::BitcoinAddress => f.write_str("a Bitcoin address or payment request"),
            NotAShare::ExtendedKey => f.write_str("an extended key (xpub, zpub or similar)"),
            NotAShare::Descriptor => f.write_str("a wallet output descriptor"),
            NotAShare::Number { digits } => write!(f, "a number of {digits} digits"),
            NotAShare::Words { words } => write!(f, "text of {words} words"),
            NotAShare::Text { chars } => write!(f, "text of {chars} characters"),
            NotAShare::Binary { bytes } => write!(f, "binary data of {bytes} bytes"),
        }
    }
}

/// BIP-39 phrase lengths in words (BIP-39, "Generating the mnemonic").
const BIP39_WORD_COUNTS: [usize; 5] = [12, 15, 18, 21, 24];

/// Tells what a decoded QR payload (its raw bytes) is.
///
/// - only digits, a multiple of 4 of them: a BIP-39 SeedQR when it has 12, 15, 18, 21 or 24
///   words and every index is below 2048; otherwise a ShareQR when it has 20 words or more
///   (no valid share length collides with a SeedQR length; see `docs/shareqr.md`);
/// - letters and single spaces, 20 words or more: a text share;
/// - exactly 16 or 32 bytes that are not all printable ASCII: a CompactSeedQR;
/// - anything else is [`Decoded::NotAShare`], described by its shape only.
pub fn classify(payload: &[u8]) -> Decoded {
    if payload.is_empty() {
        return Decoded::NotAShare(NotAShare::Empty);
    }
    if payload.iter().all(u8::is_ascii_digit) {
        return classify_digits(payload);
    }
    let printable = payload
        .iter()
        .all(|&b| (0x20..0x7f).contains(&b) || b == b'\n' || b == b'\r');
    if !printable {
        if payload.len() == 16 || payload.len() == 32 {
            return Decoded::CompactSeedQr {
                entropy: Zeroizing::new(payload.to_vec()),
            };
        }
        return Decoded::NotAShare(NotAShare::Binary {
            bytes: payload.len(),
        });
    }
    // Printable ASCII from here on.
    let text = core::str::from_utf8(payload).unwrap_or_default();
    if text
        .bytes()
        .all(|b| b.is_ascii_alphabetic() || b.is_ascii_whitespace())
    {
        let words = text.split_whitespace().count();
        if words >= 20 {
            return match Share::parse(text) {
                Ok(share) => Decoded::Share {
                    share,
                    format: PayloadFormat::Text,
                },
                Err(e) => Decoded::NotAShare(NotAShare::BrokenTextShare(e)),
            };
        }
        return Decoded::NotAShare(NotAShare::Words { words });
    }
    let lower = text.trim().to_ascii_lowercase();
    let kind = if lower.starts_with("http://") || lower.starts_with("https://") {
        NotAShare::WebAddress
    } else if lower.starts_with("bitcoin:") || lower.starts_with("bc1") || lower.starts_with("tb1")
    {
        NotAShare::BitcoinAddress
    } else if [
        "xpub", "ypub", "zpub", "tpub", "vpub", "upub", "xprv", "yprv", "zprv", "tprv",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
    {
        NotAShare::ExtendedKey
    } else if ["wpkh(", "wsh(", "sh(", "tr(", "pkh("]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        NotAShare::Descriptor
    } else {
        NotAShare::Text {
            chars: text.chars().count(),
        }
    };
    Decoded::NotAShare(kind)
}

fn classify_digits(payload: &[u8]) -> Decoded {
    let digits = payload.len();
    if !digits.is_multiple_of(DIGITS_PER_WORD) {
        return Decoded::NotAShare(NotAShare::Number { digits });
    }
    let mut indices = Zeroizing::new(Vec::with_capacity(digits / DIGITS_PER_WORD));
    for chunk in payload.chunks(DIGITS_PER_WORD) {
        let mut n = 0u16;
        for &d in chunk {
            n = n * 10 + u16::from(d - b'0');
        }
        indices.push(n);
    }
    let words = indices.len();
    if BIP39_WORD_COUNTS.contains(&words) {
        if indices.iter().all(|&i| i < 2048) {
            return Decoded::SeedQr { indices };
        }
        return Decoded::NotAShare(NotAShare::Number { digits });
    }
    if words >= 20 {
        return match Share::from_indices(&indices) {
            Ok(share) => Decoded::Share {
                share,
                format: PayloadFormat::ShareQr,
            },
            Err(e) => Decoded::NotAShare(NotAShare::BrokenShareQr(e)),
        };
    }
    Decoded::NotAShare(NotAShare::Number { digits })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::qr::QrSymbol;

    use crate::qr::TEST_SHARE as SHARE;

    #[test]
    fn shareqr_round_trip_and_size() {
        let share = Share::parse(SHARE).unwrap();
        let digits = encode_payload(&share, PayloadFormat::ShareQr);
        assert_eq!(digits.len(), 80);
        let symbol = QrSymbol::for_share(&share, PayloadFormat::ShareQr).unwrap();
        assert_eq!(symbol.size(), 29);
        assert_eq!(symbol.version(), 3);
        match classify(digits.as_bytes()) {
            Decoded::Share { share: s, format } => {
                assert_eq!(s, share);
                assert_eq!(format, PayloadFormat::ShareQr);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn text_payload_is_uppercase_words() {
        let share = Share::parse(SHARE).unwrap();
        let text = encode_payload(&share, PayloadFormat::Text);
        assert!(text.starts_with("DUCKLING ENLARGE ACADEMIC"));
        assert!(matches!(
            classify(text.as_bytes()),
            Decoded::Share {
                format: PayloadFormat::Text,
                ..
            }
        ));
    }

    #[test]
    fn seedqr_lengths_are_classified_as_seedqr() {
        let twelve = "0000".repeat(11) + "2047";
        assert!(
            matches!(classify(twelve.as_bytes()), Decoded::SeedQr { indices } if indices.len() == 12 && indices[11] == 2047)
        );
        let bad = "2048".repeat(12);
        assert_eq!(classify(bad.as_bytes()).describe(), "a number of 48 digits");
        let compact = [0xAAu8; 16];
        assert!(
            matches!(classify(&compact), Decoded::CompactSeedQr { entropy } if entropy.len() == 16)
        );
    }

    #[test]
    fn broken_share_digits_are_reported_not_accepted() {
        let share = Share::parse(SHARE).unwrap();
        let mut digits = encode_payload(&share, PayloadFormat::ShareQr).to_string();
        digits.replace_range(40..44, "0001");
        assert!(matches!(
            classify(digits.as_bytes()),
            Decoded::NotAShare(NotAShare::BrokenShareQr(ParseShareError::Checksum))
        ));
    }

    #[test]
    fn other_payloads_are_described_without_content() {
        assert_eq!(
            classify(b"https://example.com/x").describe(),
            "a web address"
        );
        assert_eq!(
            classify(b"bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq").describe(),
            "a Bitcoin address or payment request"
        );
        assert_eq!(classify(b"hello there").describe(), "text of 2 words");
        assert_eq!(classify(b"12345").describe(), "a number of 5 digits");
        assert_eq!(classify(&[0u8, 1, 2]).describe(), "binary data of 3 bytes");
        assert_eq!(classify(b"").describe(), "an empty QR code");
    }

    #[test]
    fn payload_format_names_parse() {
        assert_eq!(
            "ShareQR".parse::<PayloadFormat>(),
            Ok(PayloadFormat::ShareQr)
        );
        assert_eq!("text".parse::<PayloadFormat>(), Ok(PayloadFormat::Text));
        assert!("png".parse::<PayloadFormat>().is_err());
    }
}
