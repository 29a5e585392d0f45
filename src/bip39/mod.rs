//! BIP-39 bridging: back up an existing BIP-39 phrase as SLIP-39 shares.
//!
//! SLIP-39 shares do not store which standard their secret came from, and the two standards
//! turn the same bytes into different wallets. seedshard therefore names two bridging modes,
//! [`Bip39Mode::Entropy`] and [`Bip39Mode::Seed`], and the CLI states which one a share set
//! was made in, with the fingerprint of the wallet it protects.
//!
//! - [`Bip39Phrase`]: a checked English BIP-39 phrase (12, 15, 18, 21 or 24 words), zeroized on
//!   drop, redacted in `Debug`. [`Bip39Phrase::parse`] gives a precise [`ParseBip39Error`].
//! - [`Bip39Passphrase`]: the BIP-39 passphrase (any UTF-8, NFKD-normalised), part of the
//!   BIP-39 seed. Not the SLIP-39 [`Passphrase`](crate::Passphrase), which encrypts the master
//!   secret of a share set.
//! - [`Bip39Seed`]: the 64-byte BIP-39 seed (PBKDF2 of phrase and passphrase).
//! - [`classify`]: tells a SLIP-39 share from a BIP-39 phrase (and from a phrase in another
//!   language) by its word count and words, so that either one given in place of the other gets
//!   a clear error.
//!
//! ```
//! use seedshard::bip39::{Bip39Mode, Bip39Passphrase, Bip39Phrase};
//! let phrase = Bip39Phrase::parse(
//!     "legal winner thank year wave sausage worth useful legal winner thank yellow",
//! )?;
//! let secret = phrase.to_master_secret(Bip39Mode::Entropy, &Bip39Passphrase::empty());
//! assert_eq!(secret.len(), 16);
//! assert_eq!(Bip39Phrase::from_master_secret(&secret)?, phrase);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use core::fmt;
use core::str::FromStr;

mod classify;
mod phrase;
#[cfg(test)]
mod tests;
mod written;

pub use classify::{classify, MnemonicKind};

/// The BIP-39 word list of `language`, the `bip39` crate's own copy.
///
/// The crate's `Language::word_list` and `Language::find_word` are `#[inline]`, so every
/// crate that calls them compiles in a second copy of all ten lists (about 305 kB of the
/// offline page's WebAssembly). `words_by_prefix` is not inline: the slice it gives for the
/// empty prefix (every word) is the list the crate itself parses phrases with.
#[allow(deprecated)]
pub(crate) fn word_list(language: ::bip39::Language) -> &'static [&'static str] {
    language.words_by_prefix("")
}

/// The index of `word` in the word list of `language` (see [`word_list`]): a binary search in
/// the lists that are in byte order (English, Italian, Korean, Portuguese; a test checks it),
/// a walk through the others.
pub(crate) fn find_word(language: ::bip39::Language, word: &str) -> Option<u16> {
    use ::bip39::Language::{English, Italian, Korean, Portuguese};
    let list = word_list(language);
    let found = if matches!(language, English | Italian | Korean | Portuguese) {
        list.binary_search(&word).ok()
    } else {
        list.iter().position(|w| *w == word)
    };
    found.and_then(|i| u16::try_from(i).ok())
}
pub use phrase::{Bip39Passphrase, Bip39Phrase, Bip39Seed};

/// The word counts of a BIP-39 phrase: 3 words per 32 bits of entropy, 128 to 256 bits
/// (BIP-39, "Generating the mnemonic").
pub const WORD_COUNTS: [usize; 5] = [12, 15, 18, 21, 24];

/// The length of a BIP-39 seed in bytes (BIP-39, "From mnemonic to seed": 512 bits).
pub const SEED_LEN: usize = 64;

/// How a BIP-39 phrase becomes the master secret of a SLIP-39 share set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Bip39Mode {
    /// The phrase's entropy (16 to 32 bytes) is the master secret: recovery gives back the
    /// exact phrase. Typed into a SLIP-39 wallet such as a Trezor, these shares open a
    /// different, empty wallet.
    Entropy,
    /// The 64-byte BIP-39 seed (phrase and BIP-39 passphrase through PBKDF2) is the master
    /// secret (59-word shares): any SLIP-39 wallet that accepts 512-bit secrets opens the same
    /// wallet as the phrase. The phrase itself cannot be recovered from the shares.
    Seed,
}

impl Bip39Mode {
    /// The mode's name as the CLI spells it: `entropy` or `seed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Entropy => "entropy",
            Self::Seed => "seed",
        }
    }
}

impl fmt::Display for Bip39Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is not a [`Bip39Mode`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ParseModeError;

impl fmt::Display for ParseModeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown BIP-39 mode; the modes are entropy and seed")
    }
}

impl core::error::Error for ParseModeError {}

impl FromStr for Bip39Mode {
    type Err = ParseModeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "entropy" => Ok(Self::Entropy),
            "seed" => Ok(Self::Seed),
            _ => Err(ParseModeError),
        }
    }
}

/// Why a phrase cannot be read as an English BIP-39 phrase.
///
/// Positions are 1-based. No variant holds a word the user typed; suggestions are words of the
/// BIP-39 list.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseBip39Error {
    /// No words at all.
    Empty,
    /// A word count other than 12, 15, 18, 21 or 24.
    WordCount {
        /// Words given.
        words: usize,
    },
    /// A word that is not in the English BIP-39 list (nor a unique beginning of one, at least
    /// 4 letters long).
    UnknownWord {
        /// 1-based position of the word.
        position: usize,
        /// The nearest words in the list (fewest letter edits).
        suggestions: Vec<&'static str>,
    },
    /// Every word is in the list but the BIP-39 checksum does not match: a word is wrong,
    /// missing or out of order.
    Checksum,
    /// The words come from another language's BIP-39 list.
    NotEnglish {
        /// The language whose list holds the words.
        language: &'static str,
    },
    /// The text looks like a SLIP-39 share, not a BIP-39 phrase.
    LooksLikeSlip39Share {
        /// Words given.
        words: usize,
    },
    /// A `:` after the first word of the phrase, or a label before it that could hold words
    /// of the phrase (more than 2 list words): what it hides might be words.
    ColonAmongWords {
        /// The 1-based line of the `:`.
        line: usize,
    },
    /// Numbers before the words that do not number every word once, from 1 to the word
    /// count (some words numbered and others not, a number twice or too large, or a number
    /// without a word).
    Numbering,
    /// A first or last line of 3 words beside longer lines, where the text makes a phrase
    /// with or without them: a heading without its `:`, or words of the phrase.
    HeadingOrWords {
        /// The 1-based line.
        line: usize,
    },
}

impl fmt::Display for ParseBip39Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("the BIP-39 phrase has no words"),
            Self::WordCount { words } => write!(
                f,
                "the BIP-39 phrase has {words} words; a BIP-39 phrase has 12, 15, 18, 21 or 24"
            ),
            // The closest words are left out: they usually include the real word, so
            // they are shown only to the person at the terminal (see the CLI).
            Self::UnknownWord { position, .. } => {
                write!(f, "word {position} is not in the English BIP-39 word list")
            }
            Self::Checksum => f.write_str(
                "the BIP-39 checksum does not match: a word is wrong, missing or out of order",
            ),
            Self::NotEnglish { language } => write!(
                f,
                "this is a {language} BIP-39 phrase, not English; seedshard reads English phrases only"
            ),
            Self::LooksLikeSlip39Share { words } => write!(
                f,
                "this looks like a SLIP-39 share ({words} words from the SLIP-39 list), not a BIP-39 phrase"
            ),
            Self::ColonAmongWords { line } => write!(
                f,
                "line {line} has a ':' after words that may belong to the BIP-39 phrase"
            ),
            Self::HeadingOrWords { line } => write!(
                f,
                "line {line} holds 3 words apart from the others: a heading, or words of the BIP-39 phrase? (the phrase has a valid length with them and without them)"
            ),
            Self::Numbering => f.write_str(
                "the numbers before the words do not number each word once, from 1 to the number of words",
            ),
        }
    }
}

impl core::error::Error for ParseBip39Error {}

/// Why bytes or a length cannot make a BIP-39 phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Bip39Error {
    /// Entropy that is not 16, 20, 24, 28 or 32 bytes long.
    EntropyLength {
        /// The length given, in bytes.
        len: usize,
    },
    /// A requested strength that is not 128, 160, 192, 224 or 256 bits.
    Strength {
        /// The strength given, in bits.
        bits: usize,
    },
}

impl fmt::Display for Bip39Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EntropyLength { len } => write!(
                f,
                "a {}-bit secret cannot be BIP-39 entropy; BIP-39 uses 128 to 256 bits in steps of 32",
                len * 8
            ),
            Self::Strength { bits } => write!(
                f,
                "a BIP-39 phrase cannot hold {bits} bits; BIP-39 uses 128 to 256 bits in steps of 32"
            ),
        }
    }
}

impl core::error::Error for Bip39Error {}

/// True when `len` bytes can be BIP-39 entropy: 16 to 32 in steps of 4.
pub fn is_entropy_len(len: usize) -> bool {
    (16..=32).contains(&len) && len.is_multiple_of(4)
}
