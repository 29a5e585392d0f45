//! QR payloads for shares: encode, draw and read (feature `qr`).
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
//! repeating its content. [`scan_image`] finds and reads every QR code in a PNG or JPEG.
//!
//! Payload strings and decoded bytes hold secrets and live in [`Zeroizing`] buffers. The
//! `qrcode`, `rqrr` and `image` crates keep working copies of their own that seedshard cannot
//! wipe; keep that in mind on a shared computer.
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

use core::fmt;
use core::str::FromStr;
use std::io::Cursor;

use zeroize::Zeroizing;

use crate::slip39::share::ParseShareError;
use crate::Share;

/// Digits per word in a ShareQR payload (and in a BIP-39 SeedQR): indices 0..=1023 (SLIP-39)
/// or 0..=2047 (BIP-39) written as 4 decimal digits with leading zeros.
pub const DIGITS_PER_WORD: usize = 4;

/// The largest image [`scan_image`] accepts, in pixels (40 megapixels: more than any phone
/// camera of today; a larger image is refused before its pixels are decoded).
pub const MAX_SCAN_PIXELS: u64 = 40_000_000;

/// The width of the light border a QR symbol needs on each side, in modules (ISO/IEC 18004).
pub const QUIET_ZONE_MODULES: usize = 4;

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

/// A QR error-correction level (ISO/IEC 18004 section 7.5.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum EcLevel {
    /// About 7% of codewords may be restored.
    L,
    /// About 15% (the level seedshard uses on cards).
    #[default]
    M,
    /// About 25%.
    Q,
    /// About 30%.
    H,
}

impl EcLevel {
    fn to_qrcode(self) -> qrcode::EcLevel {
        match self {
            EcLevel::L => qrcode::EcLevel::L,
            EcLevel::M => qrcode::EcLevel::M,
            EcLevel::Q => qrcode::EcLevel::Q,
            EcLevel::H => qrcode::EcLevel::H,
        }
    }
}

/// Why a payload could not be drawn as a QR symbol.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DrawError {
    /// The payload holds a character its QR mode cannot carry.
    InvalidCharacter,
    /// The payload does not fit even the largest QR symbol.
    TooLong,
}

impl fmt::Display for DrawError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DrawError::InvalidCharacter => {
                f.write_str("the payload holds a character its QR mode cannot carry")
            }
            DrawError::TooLong => f.write_str("the payload does not fit in a QR symbol"),
        }
    }
}

impl std::error::Error for DrawError {}

/// A drawn QR symbol: a square of dark and light modules, without its quiet zone.
///
/// The modules encode the share, so they are wiped on drop.
#[derive(Clone)]
pub struct QrSymbol {
    size: usize,
    version: u8,
    dark: Zeroizing<Vec<bool>>,
}

impl fmt::Debug for QrSymbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("QrSymbol")
            .field("version", &self.version)
            .field("size", &self.size)
            .finish_non_exhaustive()
    }
}

impl QrSymbol {
    /// Draws a share in the given payload format at level M, in the smallest symbol it fits.
    ///
    /// # Errors
    ///
    /// None for a valid share (59 words, the longest, need a 41x41 symbol); the `Result` is
    /// kept for uniformity with [`QrSymbol::from_payload`].
    pub fn for_share(share: &Share, format: PayloadFormat) -> Result<Self, DrawError> {
        let payload = encode_payload(share, format);
        Self::from_payload(&payload, format, EcLevel::M)
    }

    /// Draws a payload string in the QR mode its format uses (numeric for ShareQR,
    /// alphanumeric for text), in the smallest symbol that holds it at `level`.
    ///
    /// # Errors
    ///
    /// [`DrawError::InvalidCharacter`] when the payload has a character the mode cannot
    /// carry, [`DrawError::TooLong`] when no symbol is large enough.
    pub fn from_payload(
        payload: &str,
        format: PayloadFormat,
        level: EcLevel,
    ) -> Result<Self, DrawError> {
        let ok = match format {
            PayloadFormat::ShareQr => payload.bytes().all(|b| b.is_ascii_digit()),
            PayloadFormat::Text => payload
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b" $%*+-./:".contains(&b)),
        };
        if !ok {
            return Err(DrawError::InvalidCharacter);
        }
        let ec = level.to_qrcode();
        for v in 1..=40i16 {
            let mut bits = qrcode::bits::Bits::new(qrcode::Version::Normal(v));
            let pushed = match format {
                PayloadFormat::ShareQr => bits.push_numeric_data(payload.as_bytes()),
                PayloadFormat::Text => bits.push_alphanumeric_data(payload.as_bytes()),
            };
            if pushed.is_err() || bits.push_terminator(ec).is_err() {
                continue;
            }
            let code = qrcode::QrCode::with_bits(bits, ec).map_err(|_| DrawError::TooLong)?;
            let size = code.width();
            let dark: Zeroizing<Vec<bool>> = Zeroizing::new(
                code.into_colors()
                    .into_iter()
                    .map(|c| c == qrcode::Color::Dark)
                    .collect(),
            );
            return Ok(QrSymbol {
                size,
                version: v as u8,
                dark,
            });
        }
        Err(DrawError::TooLong)
    }

    /// The number of modules on a side (21 for version 1, 4 more per version).
    pub fn size(&self) -> usize {
        self.size
    }

    /// The QR version (1 to 40).
    pub fn version(&self) -> u8 {
        self.version
    }

    /// Whether the module at column `x`, row `y` (0-based, from the top left) is dark.
    ///
    /// # Panics
    ///
    /// When `x` or `y` is not below [`QrSymbol::size`].
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        assert!(x < self.size && y < self.size, "module outside the symbol");
        self.dark[y * self.size + x]
    }

    /// The symbol as an 8-bit grey image (0 dark, 255 light) with `module_px` pixels per
    /// module and the 4-module quiet zone around it, row by row. Secret.
    pub fn to_grey_pixels(&self, module_px: usize) -> (usize, Zeroizing<Vec<u8>>) {
        let side = (self.size + 2 * QUIET_ZONE_MODULES) * module_px;
        let mut px = Zeroizing::new(vec![255u8; side * side]);
        for y in 0..self.size {
            for x in 0..self.size {
                if self.is_dark(x, y) {
                    let x0 = (x + QUIET_ZONE_MODULES) * module_px;
                    let y0 = (y + QUIET_ZONE_MODULES) * module_px;
                    for row in y0..y0 + module_px {
                        px[row * side + x0..row * side + x0 + module_px].fill(0);
                    }
                }
            }
        }
        (side, px)
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

/// Why an image could not be scanned.
#[derive(Debug)]
#[non_exhaustive]
pub enum ScanError {
    /// Not a PNG or JPEG file.
    UnsupportedFormat,
    /// Larger than [`MAX_SCAN_PIXELS`].
    TooLarge {
        /// Width in pixels, from the header.
        width: u32,
        /// Height in pixels, from the header.
        height: u32,
    },
    /// The file ends before the image does.
    Truncated,
    /// The file is damaged or not what its header says.
    Corrupt(image::ImageError),
    /// Reading the file failed.
    Io(std::io::Error),
}

impl fmt::Display for ScanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScanError::UnsupportedFormat => f.write_str("not a PNG or JPEG image"),
            ScanError::TooLarge { width, height } => write!(
                f,
                "image of {width}x{height} pixels is larger than the limit of {} megapixels",
                MAX_SCAN_PIXELS / 1_000_000
            ),
            ScanError::Truncated => f.write_str("the image file is cut short (truncated)"),
            ScanError::Corrupt(_) => f.write_str("the image file is damaged"),
            ScanError::Io(_) => f.write_str("could not read the image"),
        }
    }
}

impl std::error::Error for ScanError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ScanError::Corrupt(e) => Some(e),
            ScanError::Io(e) => Some(e),
            _ => None,
        }
    }
}

/// One QR code found in an image.
#[derive(Debug)]
#[non_exhaustive]
pub struct Found {
    /// What it holds.
    pub decoded: Decoded,
    /// Where its centre is, in pixels from the top left of the image.
    pub center: (u32, u32),
}

/// Everything [`scan_image`] found in one image.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct ScanReport {
    /// The QR codes read, each once, from top to bottom and left to right.
    pub found: Vec<Found>,
    /// QR codes located but not readable (blurred, cut off or damaged).
    pub unreadable: usize,
    /// Searches left out because the image holds more finder-like patterns (the three
    /// squares in the corners of a QR code) than a picture of cards has, or because the work
    /// budget for one image ran out: see [`MAX_FINDERS_PER_PASS`]. When nothing was read and
    /// this is not zero, the image was not fully searched.
    pub skipped_searches: usize,
}

impl ScanReport {
    /// The shares found, in order.
    pub fn shares(&self) -> impl Iterator<Item = &Share> {
        self.found.iter().filter_map(|f| match &f.decoded {
            Decoded::Share { share, .. } => Some(share),
            _ => None,
        })
    }
}

/// Reads the dimensions of a PNG or JPEG from its header, without decoding pixels.
///
/// # Errors
///
/// [`ScanError::UnsupportedFormat`] for other files, [`ScanError::Truncated`] or
/// [`ScanError::Corrupt`] for a damaged header.
pub fn image_dimensions(bytes: &[u8]) -> Result<(u32, u32), ScanError> {
    let reader = reader_for(bytes)?;
    reader.into_dimensions().map_err(image_error)
}

fn reader_for(bytes: &[u8]) -> Result<image::ImageReader<Cursor<&[u8]>>, ScanError> {
    let reader = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(ScanError::Io)?;
    match reader.format() {
        Some(image::ImageFormat::Png) | Some(image::ImageFormat::Jpeg) => Ok(reader),
        _ => Err(ScanError::UnsupportedFormat),
    }
}

fn image_error(e: image::ImageError) -> ScanError {
    match &e {
        image::ImageError::IoError(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            ScanError::Truncated
        }
        image::ImageError::Decoding(_) => {
            let msg = e.to_string().to_ascii_lowercase();
            if msg.contains("eof") || msg.contains("end of") || msg.contains("truncat") {
                ScanError::Truncated
            } else {
                ScanError::Corrupt(e)
            }
        }
        _ => ScanError::Corrupt(e),
    }
}

/// Finds and reads every QR code in a PNG or JPEG file's bytes.
///
/// The dimensions are checked against [`MAX_SCAN_PIXELS`] from the header before any pixel
/// is decoded. The image is searched at full size and, when that does not read everything,
/// again at half and quarter size (which helps with blurred and noisy photos).
///
/// # Errors
///
/// [`ScanError`] when the file is not a readable PNG or JPEG within the size limit. An image
/// without any QR code is not an error: the report is empty.
pub fn scan_image(bytes: &[u8]) -> Result<ScanReport, ScanError> {
    let reader = reader_for(bytes)?;
    let jpeg = reader.format() == Some(image::ImageFormat::Jpeg);
    let (width, height) = reader.into_dimensions().map_err(image_error)?;
    if u64::from(width) * u64::from(height) > MAX_SCAN_PIXELS {
        return Err(ScanError::TooLarge { width, height });
    }
    // A JPEG decoder fills a cut-off image with grey instead of failing, so check for the
    // end-of-image marker (FF D9, ITU T.81 B.2.1) near the end of the file.
    if jpeg {
        let tail = &bytes[bytes.len().saturating_sub(4096)..];
        if !tail.windows(2).any(|w| w == [0xFF, 0xD9]) {
            return Err(ScanError::Truncated);
        }
    }
    let mut reader = reader_for(bytes)?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(width);
    limits.max_image_height = Some(height);
    reader.limits(limits);
    let image = reader.decode().map_err(image_error)?;
    let grey = image.into_luma8();
    let (w, h) = grey.dimensions();
    let mut raw = Zeroizing::new(grey.into_raw());
    let report = scan_grey(w as usize, h as usize, &raw);
    zeroize::Zeroize::zeroize(&mut *raw);
    Ok(report)
}

/// Finds and reads every QR code in an 8-bit grey image (`pixels` row by row, 0 black).
///
/// # Panics
///
/// When `pixels` is shorter than `width * height`.
pub fn scan_grey(width: usize, height: usize, pixels: &[u8]) -> ScanReport {
    assert!(pixels.len() >= width * height, "pixel buffer too short");
    let mut payloads: Vec<Read> = Vec::new();
    let mut failed: Vec<[u32; 4]> = Vec::new();
    let mut budget = Budget::default();
    // Work first on a copy of at most WORKING_SIDE pixels a side: QR codes in photos are
    // large, and the finder is much faster on fewer pixels. Then, while a located code
    // stays unread: the same copy with darker mid-tones (blur), full size, and smaller copies (noise).
    let first = width.max(height).div_ceil(WORKING_SIDE).max(1);
    let mut attempts = vec![(first, false), (first, true)];
    if first > 1 {
        attempts.push((1, false));
    }
    attempts.extend([(first * 2, false), (first * 4, false)]);
    for (factor, sharpen) in attempts {
        let (w, h) = (width / factor, height / factor);
        if factor > first && (w < 100 || h < 100) {
            break;
        }
        if !budget.fits(w * h) {
            // Not even a copy of this size could be searched: do not make one.
            budget.skipped += 1;
            continue;
        }
        let mut work;
        let px: &[u8] = if factor == 1 && !sharpen {
            pixels
        } else {
            work = if factor == 1 {
                Zeroizing::new(pixels[..width * height].to_vec())
            } else {
                downscale(width, height, pixels, factor)
            };
            if sharpen {
                work = sharpened(w, h, &work);
            }
            &work
        };
        let mut pass = scan_pass(
            w,
            h,
            factor as f32,
            (0, 0),
            px,
            &mut payloads,
            &mut failed,
            &mut budget,
        );
        let module_px = pass.module_px.unwrap_or(f32::MAX);
        // Finder patterns of several codes (a page of cards) can be grouped wrongly, losing
        // codes without a trace: blank out the codes read and look again while that finds
        // more.
        let mut masked: Option<Zeroizing<Vec<u8>>> = None;
        if pass.decoded.len() >= 2 || pass.failed > 0 {
            for _ in 0..4 {
                if pass.decoded.is_empty() {
                    break;
                }
                let mut img = masked
                    .take()
                    .unwrap_or_else(|| Zeroizing::new(px[..w * h].to_vec()));
                for b in &pass.decoded {
                    blank(&mut img, w, h, b);
                }
                let before = payloads.len();
                pass = scan_pass(
                    w,
                    h,
                    factor as f32,
                    (0, 0),
                    &img,
                    &mut payloads,
                    &mut failed,
                    &mut budget,
                );
                masked = Some(img);
                if payloads.len() == before {
                    break;
                }
            }
        }
        if pass.failed > 0 {
            // Still codes that do not read: windows three times a code's size hold about
            // one code each.
            if let Some(side) = pass.decoded_side.or(pass.failed_side) {
                if side >= 21 {
                    let img = masked.as_deref().map_or(px, |m| &m[..]);
                    let tiles = Tiles {
                        width: w,
                        height: h,
                        pixels: img,
                        window: side * 3,
                        scale: factor,
                    };
                    scan_tiles(&tiles, &mut payloads, &mut failed, &mut budget);
                }
            }
        }
        // rqrr misses some codes of under 5 pixels a module (a 150 dpi scan) without a
        // trace; in a small image, look again at twice the size, the codes read blanked out.
        if factor == 1 && !sharpen && module_px < 5.0 && w * h <= MAX_UPSCALED_PIXELS / 4 {
            let mut base = masked.unwrap_or_else(|| Zeroizing::new(px[..w * h].to_vec()));
            for b in &pass.decoded {
                blank(&mut base, w, h, b);
            }
            let up = upscaled(w, h, &base);
            scan_pass(
                2 * w,
                2 * h,
                0.5,
                (0, 0),
                &up,
                &mut payloads,
                &mut failed,
                &mut budget,
            );
        }
        if !payloads.is_empty() && unresolved(&failed, &payloads) == 0 && pass.failed == 0 {
            break;
        }
        if budget.exhausted() {
            break;
        }
    }
    let unreadable = unresolved(&failed, &payloads);
    payloads.sort_by_key(|(_, (x, y))| (*y / 64, *x));
    let found = payloads
        .into_iter()
        .map(|(bytes, center)| Found {
            decoded: classify(&bytes),
            center,
        })
        .collect();
    ScanReport {
        found,
        unreadable,
        skipped_searches: budget.skipped,
    }
}

/// The located codes (bounding boxes in image pixels) that no read code lies in, counting
/// boxes with nearby centres once.
fn unresolved(failed: &[[u32; 4]], read: &[Read]) -> usize {
    let mut open: Vec<[u32; 4]> = Vec::new();
    for b in failed {
        let covered = read
            .iter()
            .any(|(_, (x, y))| *x >= b[0] && *x <= b[2] && *y >= b[1] && *y <= b[3]);
        if covered {
            continue;
        }
        let (cx, cy) = ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2);
        let half = (b[2] - b[0]).max(b[3] - b[1]) / 2;
        let seen = open.iter().any(|o| {
            let (ox, oy) = ((o[0] + o[2]) / 2, (o[1] + o[3]) / 2);
            ox.abs_diff(cx) <= half && oy.abs_diff(cy) <= half
        });
        if !seen {
            open.push(*b);
        }
    }
    open.len()
}

/// The largest image looked at again at twice its size.
const MAX_UPSCALED_PIXELS: usize = 16_000_000;

/// The image at twice its width and height, each new pixel the mean of its neighbours.
fn upscaled(width: usize, height: usize, px: &[u8]) -> Zeroizing<Vec<u8>> {
    let (w2, h2) = (2 * width, 2 * height);
    let mut out = Zeroizing::new(vec![0u8; w2 * h2]);
    for y in 0..h2 {
        let (y0, y1) = (y / 2, y.div_ceil(2).min(height - 1));
        for x in 0..w2 {
            let (x0, x1) = (x / 2, x.div_ceil(2).min(width - 1));
            let sum = u32::from(px[y0 * width + x0])
                + u32::from(px[y0 * width + x1])
                + u32::from(px[y1 * width + x0])
                + u32::from(px[y1 * width + x1]);
            out[y * w2 + x] = (sum / 4) as u8;
        }
    }
    out
}

/// Paints a decoded code white (with a margin of a tenth of its size), so that its finder
/// patterns no longer pair with those of other codes.
fn blank(img: &mut [u8], width: usize, height: usize, b: &[usize; 4]) {
    let margin = (b[2] - b[0]).max(b[3] - b[1]) / 10 + 2;
    let (x0, y0) = (b[0].saturating_sub(margin), b[1].saturating_sub(margin));
    let (x1, y1) = ((b[2] + margin).min(width), (b[3] + margin).min(height));
    for y in y0..y1 {
        img[y * width + x0..y * width + x1].fill(255);
    }
}

/// Darkens mid-tones (v * v / 255). rqrr counts a pixel dark below 47.5% of the local
/// average, so a blurred single dark module reads as light; squaring keeps it dark.
fn sharpened(width: usize, height: usize, px: &[u8]) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(
        px[..width * height]
            .iter()
            .map(|&v| ((u32::from(v) * u32::from(v)) / 255) as u8)
            .collect(),
    )
}

/// The most finder-like patterns (runs of dark, light, dark, light, dark in the proportions
/// 1:1:3:1:1 across a row, as through the middle of the three squares in the corners of a QR
/// code) one search hands to the QR finder. The finder tries the patterns three at a time,
/// copying the whole image for every trio it tests, so its work grows with the cube of their
/// number: an image tiled with thousands of them kept it busy for minutes. A page of eight
/// cards has 24; a search that sees more than 32 is skipped.
pub const MAX_FINDERS_PER_PASS: usize = 32;

/// The work all searches of one image may cost together, in pixels searched, each pixel
/// weighted by 1 + n^3 / 16384 for n finder patterns: the finder may try up to about
/// n^3 / 27 trios, each copying the image (about 500 times cheaper a pixel than a search).
/// Counting the patterns is charged as half a search. Measured on one core
/// (`benches/hostile.rs`), a search costs about 60 ns a pixel, so 64 million is about 4 s:
/// one search of a 40-megapixel original, or two dozen searches of the working copy of a
/// photo, more than a readable photo needs. Every image is so decided within 5 s on one
/// core (`docs/performance.md`).
const MAX_IMAGE_WORK: u64 = 64_000_000;

/// The searches of one image: the work spent so far and the searches left out.
#[derive(Default)]
struct Budget {
    spent: u64,
    skipped: usize,
}

impl Budget {
    /// Whether a search of this image may run, counting its work if so. Counting the
    /// patterns costs about half a search, charged either way; it is not done when the
    /// search could not fit the budget even without patterns.
    fn admit(&mut self, width: usize, height: usize, pixels: &[u8]) -> bool {
        let px = (width * height) as u64;
        if !self.fits(width * height) {
            self.skipped += 1;
            return false;
        }
        self.spent += px / 2;
        let finders = finder_like_patterns(width, height, pixels, MAX_FINDERS_PER_PASS);
        let work = px + px * (finders * finders * finders) as u64 / 16384;
        if finders > MAX_FINDERS_PER_PASS || self.spent + work > MAX_IMAGE_WORK {
            self.skipped += 1;
            return false;
        }
        self.spent += work;
        true
    }

    /// Whether a search of `pixels` pixels without finder patterns fits what is left.
    fn fits(&self, pixels: usize) -> bool {
        self.spent + pixels as u64 * 3 / 2 <= MAX_IMAGE_WORK
    }

    fn exhausted(&self) -> bool {
        self.spent >= MAX_IMAGE_WORK
    }
}

/// Counts the finder patterns the QR finder (`rqrr`) would take, up to `stop_after` + 1, as
/// it finds them: the image made black and white as it does it (a pixel is dark below 47.5%
/// of a running average over an eighth of the width); in each row, runs of dark, light, dark,
/// light, dark in the proportions 1:1:3:1:1 whose outer runs belong to one region (the
/// ring) and whose middle run to another (the stone) of 10% to 70% of the ring's size; each
/// ring counted once. Regions are labelled as they are met (a flood fill), so this costs a
/// few looks at each pixel and 4 bytes of memory a pixel.
fn finder_like_patterns(width: usize, height: usize, pixels: &[u8], stop_after: usize) -> usize {
    if width == 0 || height == 0 {
        return 0;
    }
    let s = (width / 8).max(1);
    // The finder's running average, a * (s - 1) / s + p = a - ceil(a / s) + p, with the
    // division done by a multiplication (this runs twice a pixel).
    let div = Divisor::new(s);
    let mut row_average = vec![0usize; width];
    let (mut avg_v, mut avg_u) = (0usize, 0usize);
    // Per pixel: DARK when dark, and the number of its region once labelled (0: not yet).
    const DARK: u32 = 1 << 31;
    let mut cells = vec![0u32; width * height];
    for y in 0..height {
        let row = &pixels[y * width..(y + 1) * width];
        row_average.fill(0);
        for x in 0..width {
            let (v, u) = if y % 2 == 0 {
                (width - 1 - x, x)
            } else {
                (x, width - 1 - x)
            };
            avg_v = avg_v - div.ceil(avg_v) + usize::from(row[v]);
            avg_u = avg_u - div.ceil(avg_u) + usize::from(row[u]);
            row_average[v] += avg_v;
            row_average[u] += avg_u;
        }
        // p < floor(a * 95 / (200 s)) exactly when (p + 1) * 200 s <= a * 95.
        for x in 0..width {
            if (usize::from(row[x]) + 1) * 200 * s <= row_average[x] * 95 {
                cells[y * width + x] = DARK;
            }
        }
    }
    let mut regions = Regions {
        width,
        height,
        cells,
        sizes: vec![0],
        claimed: vec![false],
        stack: Vec::new(),
    };
    let mut count = 0;
    for y in 0..height {
        let dark = |x: usize, r: &Regions| x < width && r.cells[y * width + x] & DARK != 0;
        let mut runs = [0usize; 5];
        let mut run = 1;
        let mut last = dark(0, &regions);
        let mut changes = 0;
        // One light pixel past the end closes a pattern at the edge.
        for x in 1..=width {
            let c = dark(x, &regions);
            if c == last {
                run += 1;
                continue;
            }
            last = c;
            runs.rotate_left(1);
            runs[4] = run;
            run = 1;
            changes += 1;
            if c || changes < 5 || !one_one_three_one_one(&runs) {
                continue;
            }
            let left = x - runs.iter().sum::<usize>();
            let stone = x - runs[2] - runs[3] - runs[4];
            let right = x - runs[4];
            let ring = regions.label(right, y);
            if regions.claimed[ring] || regions.label(left, y) != ring {
                continue;
            }
            let core = regions.label(stone, y);
            if core == ring || regions.claimed[core] {
                continue;
            }
            let ratio = regions.sizes[core] * 100 / regions.sizes[ring].max(1);
            if 10 < ratio && ratio < 70 {
                regions.claimed[ring] = true;
                count += 1;
                if count > stop_after {
                    return count;
                }
            }
        }
    }
    count
}

/// The regions (4-connected pixels of one colour) of a black and white image, labelled on
/// demand.
struct Regions {
    width: usize,
    height: usize,
    /// Per pixel: bit 31 dark, the rest the region's label (0: not labelled yet).
    cells: Vec<u32>,
    /// Pixels per label (label 0 unused).
    sizes: Vec<usize>,
    /// Labels of rings already counted as a pattern.
    claimed: Vec<bool>,
    stack: Vec<(usize, usize)>,
}

impl Regions {
    const DARK: u32 = 1 << 31;

    /// The label of the region at (x, y), labelling the region first if it has none.
    fn label(&mut self, x: usize, y: usize) -> usize {
        let w = self.width;
        let at = self.cells[y * w + x];
        if at & !Self::DARK != 0 {
            return (at & !Self::DARK) as usize;
        }
        let colour = at & Self::DARK;
        let label = self.sizes.len() as u32;
        let mut size = 0;
        self.stack.clear();
        self.stack.push((x, y));
        while let Some((x, y)) = self.stack.pop() {
            let row = y * w;
            if self.cells[row + x] != colour {
                continue;
            }
            // Fill the span of this row, then look for unlabelled pixels above and below.
            let mut l = x;
            while l > 0 && self.cells[row + l - 1] == colour {
                l -= 1;
            }
            let mut r = x;
            while r + 1 < w && self.cells[row + r + 1] == colour {
                r += 1;
            }
            for c in &mut self.cells[row + l..=row + r] {
                *c = colour | label;
            }
            size += r - l + 1;
            for ny in [y.wrapping_sub(1), y + 1] {
                if ny >= self.height {
                    continue;
                }
                let mut inside = false;
                for nx in l..=r {
                    let open = self.cells[ny * w + nx] == colour;
                    if open && !inside {
                        self.stack.push((nx, ny));
                    }
                    inside = open;
                }
            }
        }
        self.sizes.push(size);
        self.claimed.push(false);
        label as usize
    }
}

/// Exact division of running averages by a fixed `d`, by a multiplication and a correction.
struct Divisor {
    d: usize,
    inverse: f64,
}

impl Divisor {
    fn new(d: usize) -> Self {
        Self {
            d,
            inverse: 1.0 / d as f64,
        }
    }

    /// ceil(a / d). The estimate is within one of the quotient for the values seen here
    /// (a < 2^52); the corrections make it exact.
    fn ceil(&self, a: usize) -> usize {
        let mut q = (a as f64 * self.inverse) as usize;
        while q * self.d > a {
            q -= 1;
        }
        while (q + 1) * self.d <= a {
            q += 1;
        }
        q + usize::from(q * self.d != a)
    }
}

/// Whether five run lengths are in the proportions 1:1:3:1:1, with the finder's tolerance
/// (each within three quarters of the mean of the four thin runs).
fn one_one_three_one_one(runs: &[usize; 5]) -> bool {
    const CHECK: [usize; 5] = [1, 1, 3, 1, 1];
    let avg = (runs[0] + runs[1] + runs[3] + runs[4]) / 4;
    let err = avg * 3 / 4;
    runs.iter()
        .zip(CHECK)
        .all(|(&r, c)| r >= c * avg - err && r <= c * avg + err)
}

/// A payload read and the centre of its code in image pixels.
type Read = (Zeroizing<Vec<u8>>, (u32, u32));

/// The largest side, in pixels, of the copy [`scan_grey`] searches first.
const WORKING_SIDE: usize = 2600;

struct Bounds {
    bounds: [rqrr::Point; 4],
}

/// Runs `f`, turning a panic into `None` without printing it.
fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    use std::sync::Mutex;
    static HOOK: Mutex<()> = Mutex::new(());
    let _guard = HOOK.lock().unwrap_or_else(|e| e.into_inner());
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    std::panic::set_hook(previous);
    result.ok()
}

/// What one detection pass saw.
struct Pass {
    /// Codes located but not decoded.
    failed: usize,
    /// The smallest module size (pixels) of the codes decoded.
    module_px: Option<f32>,
    /// Bounding boxes (x0, y0, x1, y1 in the pass's pixels) of the codes decoded.
    decoded: Vec<[usize; 4]>,
    /// The largest side (pixels) of a decoded code.
    decoded_side: Option<usize>,
    /// The smallest side (pixels) of a code that failed.
    failed_side: Option<usize>,
}

fn side_of(bounds: &[rqrr::Point; 4]) -> usize {
    let xs = bounds.iter().map(|p| p.x);
    let ys = bounds.iter().map(|p| p.y);
    let w = xs.clone().max().unwrap_or(0) - xs.min().unwrap_or(0);
    let h = ys.clone().max().unwrap_or(0) - ys.min().unwrap_or(0);
    w.max(h).max(0) as usize
}

/// An image to scan in overlapping square windows of `window` pixels; `scale` maps its
/// pixels back to the original image.
struct Tiles<'a> {
    width: usize,
    height: usize,
    pixels: &'a [u8],
    window: usize,
    scale: usize,
}

/// Scans overlapping square windows (half a window apart).
fn scan_tiles(t: &Tiles<'_>, out: &mut Vec<Read>, failed: &mut Vec<[u32; 4]>, budget: &mut Budget) {
    let (width, height, pixels) = (t.width, t.height, t.pixels);
    let window = t.window.max(64);
    if window >= width && window >= height {
        return;
    }
    let step = window / 2;
    let starts = |len: usize| -> Vec<usize> {
        if window >= len {
            return vec![0];
        }
        let mut v: Vec<usize> = (0..len - window).step_by(step).collect();
        v.push(len - window);
        v
    };
    let (tw, th) = (window.min(width), window.min(height));
    let mut tile = Zeroizing::new(vec![0u8; tw * th]);
    for &y0 in &starts(height) {
        for &x0 in &starts(width) {
            if budget.exhausted() {
                return;
            }
            for row in 0..th {
                let src = (y0 + row) * width + x0;
                tile[row * tw..(row + 1) * tw].copy_from_slice(&pixels[src..src + tw]);
            }
            scan_pass(tw, th, t.scale as f32, (x0, y0), &tile, out, failed, budget);
        }
    }
}

/// One detection pass; adds newly read payloads (deduplicated). `scale` and `offset` map
/// the pass's pixels back to the original image. Skipped (finding nothing) when the budget
/// does not admit it.
#[allow(clippy::too_many_arguments)]
fn scan_pass(
    width: usize,
    height: usize,
    scale: f32,
    offset: (usize, usize),
    pixels: &[u8],
    out: &mut Vec<Read>,
    failed_boxes: &mut Vec<[u32; 4]>,
    budget: &mut Budget,
) -> Pass {
    let mut pass = Pass {
        failed: 0,
        module_px: None,
        decoded: Vec::new(),
        decoded_side: None,
        failed_side: None,
    };
    if !budget.admit(width, height, pixels) {
        return pass;
    }
    // rqrr can panic on degenerate finder geometry (an assertion in its perspective code);
    // a hostile or odd image must not take the program down, so such a pass finds nothing.
    let detected = quietly(|| {
        let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| {
            pixels[y * width + x]
        });
        prepared
            .detect_grids()
            .into_iter()
            .map(|grid| {
                let mut bytes = Zeroizing::new(Vec::with_capacity(4096));
                let version = grid.decode_to(&mut *bytes).ok().map(|m| m.version.0);
                (grid.bounds, version, bytes)
            })
            .collect::<Vec<_>>()
    });
    let Some(detected) = detected else {
        return pass;
    };
    for (bounds, version, bytes) in detected {
        let ok = version.is_some();
        let side = side_of(&bounds);
        if let Some(v) = version {
            let module = side as f32 / (17 + 4 * v) as f32;
            pass.module_px = Some(pass.module_px.map_or(module, |m| m.min(module)));
        }
        let grid = Bounds { bounds };
        match if ok { Ok(()) } else { Err(()) } {
            Ok(_) => {
                pass.decoded_side = Some(pass.decoded_side.unwrap_or(0).max(side));
                let xs = grid.bounds.iter().map(|p| p.x.max(0) as usize);
                let ys = grid.bounds.iter().map(|p| p.y.max(0) as usize);
                pass.decoded.push([
                    xs.clone().min().unwrap_or(0),
                    ys.clone().min().unwrap_or(0),
                    xs.max().unwrap_or(0),
                    ys.max().unwrap_or(0),
                ]);
                if out.iter().any(|(b, _)| **b == *bytes) {
                    continue;
                }
                let cx = grid.bounds.iter().map(|p| i64::from(p.x)).sum::<i64>() / 4;
                let cy = grid.bounds.iter().map(|p| i64::from(p.y)).sum::<i64>() / 4;
                let center = (
                    ((cx.max(0) as usize + offset.0) as f32 * scale) as u32,
                    ((cy.max(0) as usize + offset.1) as f32 * scale) as u32,
                );
                out.push((bytes, center));
            }
            Err(_) => {
                let map = |v: i32, o: usize| ((v.max(0) as usize + o) as f32 * scale) as u32;
                let xs = grid.bounds.iter().map(|p| p.x);
                let ys = grid.bounds.iter().map(|p| p.y);
                failed_boxes.push([
                    map(xs.clone().min().unwrap_or(0), offset.0),
                    map(ys.clone().min().unwrap_or(0), offset.1),
                    map(xs.max().unwrap_or(0), offset.0),
                    map(ys.max().unwrap_or(0), offset.1),
                ]);
                pass.failed += 1;
                pass.failed_side = Some(pass.failed_side.unwrap_or(usize::MAX).min(side));
            }
        }
    }
    pass
}

fn downscale(width: usize, height: usize, pixels: &[u8], factor: usize) -> Zeroizing<Vec<u8>> {
    let (w, h) = (width / factor, height / factor);
    let mut out = Zeroizing::new(vec![0u8; w * h]);
    let area = (factor * factor) as u32;
    for y in 0..h {
        for x in 0..w {
            let mut sum = 0u32;
            for dy in 0..factor {
                let row = (y * factor + dy) * width + x * factor;
                for &p in &pixels[row..row + factor] {
                    sum += u32::from(p);
                }
            }
            out[y * w + x] = (sum / area) as u8;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHARE: &str = "duckling enlarge academic academic agency result length solution fridge \
                         kidney coal piece deal husband erode duke ajar critical decision keyboard";

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
    fn drawn_symbol_scans_back() {
        let share = Share::parse(SHARE).unwrap();
        for format in [PayloadFormat::ShareQr, PayloadFormat::Text] {
            let symbol = QrSymbol::for_share(&share, format).unwrap();
            let (side, px) = symbol.to_grey_pixels(4);
            let report = scan_grey(side, side, &px);
            assert_eq!(report.found.len(), 1);
            assert_eq!(report.shares().next(), Some(&share));
        }
    }

    #[test]
    fn the_running_average_divides_exactly() {
        for d in [1usize, 2, 3, 7, 12, 325, 5000, 4_999_999] {
            let div = Divisor::new(d);
            for a in (0..3000).chain([255 * d, 255 * d + 1, 255 * d * 2 - 1, (1 << 40) + 17]) {
                assert_eq!(div.ceil(a), a.div_ceil(d), "{a} / {d}");
            }
        }
    }

    #[test]
    fn finder_like_patterns_are_counted_once_each() {
        // A 3 x 2 grid of finder patterns, 4 pixels a module, 10 modules apart.
        let (w, h) = (130, 90);
        let mut px = vec![255u8; w * h];
        for (cx, cy) in [(0, 0), (40, 0), (80, 0), (0, 40), (40, 40), (80, 40)] {
            for y in 0..28 {
                for x in 0..28 {
                    let (mx, my) = (x / 4, y / 4);
                    let ring = mx == 0 || mx == 6 || my == 0 || my == 6;
                    let stone = (2..=4).contains(&mx) && (2..=4).contains(&my);
                    if ring || stone {
                        px[(cy + y) * w + cx + x] = 0;
                    }
                }
            }
        }
        assert_eq!(finder_like_patterns(w, h, &px, 100), 6);
        assert_eq!(
            finder_like_patterns(w, h, &px, 3),
            4,
            "stops past the limit"
        );
        assert_eq!(finder_like_patterns(w, h, &vec![255; w * h], 100), 0);
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
