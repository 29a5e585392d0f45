//! What the QR codes read from one picture amount to: the shares in it (`combine --scan`)
//! or its one BIP-39 SeedQR (`split --scan`), and when there is nothing of the kind wanted,
//! why ([`NothingRead`], worded by [`crate::describe::scan`]).

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use super::{Decoded, ScanReport};
use crate::Share;

/// The shares read from one picture.
#[derive(Debug)]
#[non_exhaustive]
pub struct ImageShares {
    /// Each share read, with its 1-based place among the QR codes read from the picture.
    pub shares: Vec<(usize, Share)>,
    /// What each QR code that is not a share is ([`Decoded::describe`]: no content).
    pub skipped: Vec<String>,
    /// QR codes located but not readable.
    pub unreadable: usize,
    /// Patterns like the corner squares of a QR code seen (about three a code), so that a
    /// code seen only by its corners counts as seen too.
    pub finder_patterns: usize,
    /// When no share was read: why.
    pub nothing: Option<NothingRead>,
}

/// Why a picture gave nothing of the kind wanted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum NothingRead {
    /// QR codes were located, but none could be read.
    Unreadable {
        /// Codes located.
        codes: usize,
    },
    /// Nothing was read, and the picture was not searched in full: it holds more patterns
    /// like the corner squares of a QR code than a picture of cards has.
    NotSearched,
    /// Something like a QR code is there, but no code could be read.
    Glimpsed {
        /// Corner-square patterns seen.
        finder_patterns: usize,
    },
    /// No QR code at all.
    NoCode,
    /// QR codes were read, but none is of the kind wanted.
    NoneWanted {
        /// Codes read.
        codes: usize,
    },
}

impl fmt::Display for NothingRead {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unreadable { codes } => write!(f, "{codes} QR code(s) found but not read"),
            Self::NotSearched => {
                f.write_str("no QR code found; the image was not searched in full")
            }
            Self::Glimpsed { .. } => f.write_str("something like a QR code, but no code read"),
            Self::NoCode => f.write_str("no QR code found"),
            Self::NoneWanted { codes } => {
                write!(f, "none of the {codes} QR codes is of the kind wanted")
            }
        }
    }
}

impl core::error::Error for NothingRead {}

/// Why a picture does not give one BIP-39 phrase (feature `bip39`).
#[cfg(feature = "bip39")]
#[cfg_attr(docsrs, doc(cfg(feature = "bip39")))]
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SeedQrError {
    /// The SeedQR's word indices are not a valid phrase.
    Phrase(crate::bip39::ParseBip39Error),
    /// The CompactSeedQR's entropy is not a valid phrase.
    Compact(crate::bip39::Bip39Error),
    /// The picture shows SLIP-39 share cards, not a SeedQR.
    ShareCard,
    /// Several SeedQR codes: which one is meant is not clear.
    Several {
        /// SeedQR codes read.
        count: usize,
    },
    /// No SeedQR at all.
    Nothing(NothingRead),
}

#[cfg(feature = "bip39")]
impl fmt::Display for SeedQrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Phrase(e) => write!(f, "the SeedQR is not a valid phrase: {e}"),
            Self::Compact(e) => write!(f, "the CompactSeedQR is not valid: {e}"),
            Self::ShareCard => f.write_str("a SLIP-39 share card, not a BIP-39 SeedQR"),
            Self::Several { count } => write!(f, "{count} SeedQR codes"),
            Self::Nothing(e) => fmt::Display::fmt(e, f),
        }
    }
}

#[cfg(feature = "bip39")]
impl core::error::Error for SeedQrError {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            Self::Phrase(e) => Some(e),
            Self::Compact(e) => Some(e),
            Self::Nothing(e) => Some(e),
            _ => None,
        }
    }
}

impl ScanReport {
    /// Why nothing of the kind wanted was read, from what the scan saw.
    pub fn nothing_read(&self) -> NothingRead {
        if self.unreadable > 0 {
            NothingRead::Unreadable {
                codes: self.unreadable,
            }
        } else if !self.found.is_empty() {
            NothingRead::NoneWanted {
                codes: self.found.len(),
            }
        } else if self.skipped_searches > 0 {
            NothingRead::NotSearched
        } else if self.finder_patterns >= 3 {
            NothingRead::Glimpsed {
                finder_patterns: self.finder_patterns,
            }
        } else {
            NothingRead::NoCode
        }
    }

    /// The shares of the picture (`combine --scan`): every share read, what the other codes
    /// are, and when there is no share, why.
    pub fn into_shares(mut self) -> ImageShares {
        let mut shares = Vec::new();
        let mut skipped = Vec::new();
        for (k, found) in core::mem::take(&mut self.found).into_iter().enumerate() {
            match found.decoded {
                Decoded::Share { share, .. } => shares.push((k + 1, share)),
                other => skipped.push(other.describe()),
            }
        }
        let nothing = match (shares.is_empty(), skipped.len()) {
            (false, _) => None,
            (true, 0) => Some(self.nothing_read()),
            (true, codes) => Some(NothingRead::NoneWanted { codes }),
        };
        ImageShares {
            shares,
            skipped,
            unreadable: self.unreadable,
            finder_patterns: self.finder_patterns,
            nothing,
        }
    }

    /// The one BIP-39 phrase of the picture's SeedQR (`split --scan`), standard or compact.
    ///
    /// # Errors
    ///
    /// [`SeedQrError`]: an invalid phrase, share cards instead, several SeedQR codes, or
    /// none.
    #[cfg(feature = "bip39")]
    #[cfg_attr(docsrs, doc(cfg(feature = "bip39")))]
    pub fn seedqr_phrase(&self) -> Result<crate::bip39::Bip39Phrase, SeedQrError> {
        use crate::bip39::Bip39Phrase;
        let mut phrases = Vec::new();
        let mut shares = 0;
        for found in &self.found {
            match &found.decoded {
                Decoded::SeedQr { indices } => {
                    phrases.push(Bip39Phrase::from_indices(indices).map_err(SeedQrError::Phrase)?)
                }
                Decoded::CompactSeedQr { entropy } => {
                    phrases.push(Bip39Phrase::from_entropy(entropy).map_err(SeedQrError::Compact)?)
                }
                Decoded::Share { .. } => shares += 1,
                Decoded::NotAShare(_) => {}
            }
        }
        match phrases.len() {
            1 => Ok(phrases.remove(0)),
            0 if shares > 0 => Err(SeedQrError::ShareCard),
            0 => Err(SeedQrError::Nothing(self.nothing_read())),
            count => Err(SeedQrError::Several { count }),
        }
    }
}
