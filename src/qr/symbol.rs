//! Drawing a payload as a QR symbol (the `qrcode` crate), in the mode its format uses.

use core::fmt;

use zeroize::Zeroizing;

use super::payload::{encode_payload, PayloadFormat};
use super::QUIET_ZONE_MODULES;
use crate::Share;

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
