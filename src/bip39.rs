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

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::str::FromStr;

use ::bip39::{Language, Mnemonic};
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, Zeroizing};

use crate::secret::MasterSecret;
use crate::slip39::{share::share_length_words, wordlist};

/// The word counts of a BIP-39 phrase: 3 words per 32 bits of entropy, 128 to 256 bits
/// (BIP-39, "Generating the mnemonic").
pub const WORD_COUNTS: [usize; 5] = [12, 15, 18, 21, 24];

/// The length of a BIP-39 seed in bytes (BIP-39, "From mnemonic to seed": 512 bits).
pub const SEED_LEN: usize = 64;

/// How many nearest list words an unknown-word error suggests.
const MAX_SUGGESTIONS: usize = 3;

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

/// A checked English BIP-39 phrase.
///
/// It exists only with a valid checksum. The words are zeroized on drop, `Debug` shows only the
/// word count, and the words come out through [`Bip39Phrase::to_words`].
#[derive(Clone)]
pub struct Bip39Phrase(Mnemonic);

impl Bip39Phrase {
    /// Reads a phrase: words separated by any white space, in any letter case; a word may be
    /// given by a beginning of it at least 4 letters long when only one list word starts so.
    ///
    /// # Errors
    ///
    /// [`ParseBip39Error`], in this order of checks: no words; a SLIP-39 share or a phrase in
    /// another language ([`classify`]); a wrong word count; the first unknown word with the
    /// nearest list words; a failed checksum.
    ///
    /// # Examples
    ///
    /// ```
    /// use seedshard::bip39::{Bip39Phrase, ParseBip39Error};
    /// let p = Bip39Phrase::parse("ZOO zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wron")?;
    /// assert_eq!(p.word_count(), 12);
    /// assert_eq!(
    ///     Bip39Phrase::parse("zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo"),
    ///     Err(ParseBip39Error::Checksum)
    /// );
    /// # Ok::<(), ParseBip39Error>(())
    /// ```
    pub fn parse(text: &str) -> Result<Self, ParseBip39Error> {
        let normalized = normalize(text);
        let words: Vec<&str> = normalized.split_whitespace().collect();
        if words.is_empty() {
            return Err(ParseBip39Error::Empty);
        }
        match classify_words(&words) {
            MnemonicKind::Slip39Share { words } => {
                return Err(ParseBip39Error::LooksLikeSlip39Share { words })
            }
            MnemonicKind::Bip39OtherLanguage { language, .. } => {
                return Err(ParseBip39Error::NotEnglish { language })
            }
            _ => {}
        }
        if !WORD_COUNTS.contains(&words.len()) {
            return Err(ParseBip39Error::WordCount { words: words.len() });
        }
        let mut canonical = Zeroizing::new(String::with_capacity(normalized.len()));
        for (i, word) in words.iter().enumerate() {
            let Some(found) = english_word(word) else {
                return Err(ParseBip39Error::UnknownWord {
                    position: i + 1,
                    suggestions: suggestions(word, MAX_SUGGESTIONS),
                });
            };
            if i > 0 {
                canonical.push(' ');
            }
            canonical.push_str(found);
        }
        Mnemonic::parse_in_normalized(Language::English, &canonical)
            .map(Self)
            .map_err(|e| match e {
                ::bip39::Error::BadWordCount(words) => ParseBip39Error::WordCount { words },
                ::bip39::Error::UnknownWord(i) => ParseBip39Error::UnknownWord {
                    position: i + 1,
                    suggestions: Vec::new(),
                },
                _ => ParseBip39Error::Checksum,
            })
    }

    /// The phrase that encodes `entropy` (16, 20, 24, 28 or 32 bytes).
    ///
    /// # Errors
    ///
    /// [`Bip39Error::EntropyLength`] for any other length.
    pub fn from_entropy(entropy: &[u8]) -> Result<Self, Bip39Error> {
        if !is_entropy_len(entropy.len()) {
            return Err(Bip39Error::EntropyLength { len: entropy.len() });
        }
        Mnemonic::from_entropy_in(Language::English, entropy)
            .map(Self)
            .map_err(|_| Bip39Error::EntropyLength { len: entropy.len() })
    }

    /// The phrase whose words have these 0-based indices in the English list (as a BIP-39
    /// SeedQR holds them), checking the count and the checksum.
    ///
    /// # Errors
    ///
    /// [`ParseBip39Error::WordCount`], [`ParseBip39Error::UnknownWord`] for an index of 2048
    /// or more, or [`ParseBip39Error::Checksum`].
    pub fn from_indices(indices: &[u16]) -> Result<Self, ParseBip39Error> {
        if indices.is_empty() {
            return Err(ParseBip39Error::Empty);
        }
        if !WORD_COUNTS.contains(&indices.len()) {
            return Err(ParseBip39Error::WordCount {
                words: indices.len(),
            });
        }
        let list = Language::English.word_list();
        let mut canonical = Zeroizing::new(String::with_capacity(indices.len() * 9));
        for (i, &index) in indices.iter().enumerate() {
            let Some(word) = list.get(usize::from(index)) else {
                return Err(ParseBip39Error::UnknownWord {
                    position: i + 1,
                    suggestions: Vec::new(),
                });
            };
            if i > 0 {
                canonical.push(' ');
            }
            canonical.push_str(word);
        }
        Mnemonic::parse_in_normalized(Language::English, &canonical)
            .map(Self)
            .map_err(|_| ParseBip39Error::Checksum)
    }

    /// Reads a recovered master secret as BIP-39 entropy: the phrase an entropy-mode share set
    /// was made from.
    ///
    /// # Errors
    ///
    /// [`Bip39Error::EntropyLength`] when the secret is not 16 to 32 bytes in steps of 4 (a
    /// 64-byte secret from seed mode has no phrase).
    pub fn from_master_secret(secret: &MasterSecret) -> Result<Self, Bip39Error> {
        Self::from_entropy(secret.expose_secret())
    }

    /// A new phrase of `bits` bits of entropy (128, 160, 192, 224 or 256) drawn from `rng`.
    ///
    /// # Errors
    ///
    /// [`Bip39Error::Strength`] for any other strength.
    pub fn generate_with<R: rand_core::CryptoRng + ?Sized>(
        bits: usize,
        rng: &mut R,
    ) -> Result<Self, Bip39Error> {
        if !bits.is_multiple_of(8) || !is_entropy_len(bits / 8) {
            return Err(Bip39Error::Strength { bits });
        }
        let mut entropy = Zeroizing::new([0u8; 32]);
        rng.fill_bytes(&mut entropy[..bits / 8]);
        Self::from_entropy(&entropy[..bits / 8])
    }

    /// A new phrase of `bits` bits of entropy from the operating system's generator.
    ///
    /// # Errors
    ///
    /// As [`Bip39Phrase::generate_with`].
    pub fn generate(bits: usize) -> Result<Self, Bip39Error> {
        Self::generate_with(bits, &mut crate::os_rng())
    }

    /// The number of words: 12, 15, 18, 21 or 24.
    pub fn word_count(&self) -> usize {
        self.0.word_count()
    }

    /// The words, lowercase, separated by single spaces.
    pub fn to_words(&self) -> Zeroizing<String> {
        let mut out = Zeroizing::new(String::with_capacity(self.word_count() * 9));
        for (i, word) in self.0.words().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(word);
        }
        out
    }

    /// The entropy the phrase encodes, as a master secret (16 to 32 bytes).
    pub fn to_entropy(&self) -> MasterSecret {
        let (mut bytes, len) = self.0.to_entropy_array();
        let secret = MasterSecret::from_checked(bytes[..len].to_vec());
        bytes.zeroize();
        secret
    }

    /// The BIP-39 seed of this phrase with `passphrase` (BIP-39, "From mnemonic to seed").
    pub fn to_seed(&self, passphrase: &Bip39Passphrase) -> Bip39Seed {
        let mut seed = Bip39Seed(Zeroizing::new([0u8; SEED_LEN]));
        let mut raw = self.0.to_seed_normalized(passphrase.expose_secret());
        seed.0.copy_from_slice(&raw);
        raw.zeroize();
        seed
    }

    /// The master secret a share set holds in `mode`: the entropy (the passphrase plays no
    /// part) or the 64-byte seed.
    pub fn to_master_secret(&self, mode: Bip39Mode, passphrase: &Bip39Passphrase) -> MasterSecret {
        match mode {
            Bip39Mode::Entropy => self.to_entropy(),
            Bip39Mode::Seed => self.to_seed(passphrase).to_master_secret(),
        }
    }
}

impl PartialEq for Bip39Phrase {
    /// Compares the entropy in constant time.
    fn eq(&self, other: &Self) -> bool {
        let (mut a, la) = self.0.to_entropy_array();
        let (mut b, lb) = other.0.to_entropy_array();
        let same = la == lb && bool::from(a[..la].ct_eq(&b[..lb]));
        a.zeroize();
        b.zeroize();
        same
    }
}

impl Eq for Bip39Phrase {}

impl fmt::Debug for Bip39Phrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Bip39Phrase([REDACTED; {} words])", self.word_count())
    }
}

/// The BIP-39 passphrase (sometimes called the 25th word), part of the BIP-39 seed.
///
/// Any UTF-8 text; it is NFKD-normalised on construction as BIP-39 requires, so that the same
/// visible text typed on different systems gives the same seed. Not to be confused with the
/// SLIP-39 [`Passphrase`](crate::Passphrase), which encrypts a share set's master secret and
/// must be printable ASCII.
#[derive(Clone, Default)]
pub struct Bip39Passphrase(Zeroizing<String>);

impl Bip39Passphrase {
    /// The empty passphrase, which wallets use when none is set.
    pub fn empty() -> Self {
        Self::default()
    }

    /// Wraps `s`, normalising it to NFKD.
    ///
    /// # Examples
    ///
    /// ```
    /// use seedshard::bip39::Bip39Passphrase;
    /// // U+00E9 (é) becomes e followed by a combining accent.
    /// let p = Bip39Passphrase::new("caf\u{e9}".to_string());
    /// assert_eq!(p.expose_secret(), "cafe\u{301}");
    /// ```
    pub fn new(s: String) -> Self {
        let s = Zeroizing::new(s);
        Self(normalize(&s))
    }

    /// The normalised passphrase text.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }

    /// True for the empty passphrase.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl PartialEq for Bip39Passphrase {
    fn eq(&self, other: &Self) -> bool {
        self.0.as_bytes().ct_eq(other.0.as_bytes()).into()
    }
}

impl Eq for Bip39Passphrase {}

impl fmt::Debug for Bip39Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Bip39Passphrase([REDACTED; {} chars])",
            self.0.chars().count()
        )
    }
}

/// A 64-byte BIP-39 seed: the BIP-32 seed of the phrase's wallet.
#[derive(Clone)]
pub struct Bip39Seed(Zeroizing<[u8; SEED_LEN]>);

impl Bip39Seed {
    /// The seed bytes.
    pub fn expose_secret(&self) -> &[u8] {
        &self.0[..]
    }

    /// The seed as a master secret (seed mode).
    pub fn to_master_secret(&self) -> MasterSecret {
        MasterSecret::from_checked(self.0.to_vec())
    }
}

impl PartialEq for Bip39Seed {
    fn eq(&self, other: &Self) -> bool {
        self.0.ct_eq(&other.0[..]).into()
    }
}

impl Eq for Bip39Seed {}

impl fmt::Debug for Bip39Seed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Bip39Seed([REDACTED; {SEED_LEN} bytes])")
    }
}

/// Which standard a list of words looks like, from its word count and its words.
///
/// The counts never overlap: a BIP-39 phrase has 12, 15, 18, 21 or 24 words; a SLIP-39 share of
/// a 128-, 256- or 512-bit secret has 20, 33 or 59 words (and other lengths for other secrets,
/// never one of the five BIP-39 counts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum MnemonicKind {
    /// No words.
    Empty,
    /// Mostly English BIP-39 words (the count may still be wrong).
    Bip39 {
        /// Words given.
        words: usize,
    },
    /// Mostly SLIP-39 words with a share's word count, or words only the SLIP-39 list has.
    Slip39Share {
        /// Words given.
        words: usize,
    },
    /// Mostly words of another language's BIP-39 list.
    Bip39OtherLanguage {
        /// Words given.
        words: usize,
        /// The language, in English ("French", "Japanese", ...).
        language: &'static str,
    },
    /// Neither.
    Unknown {
        /// Words given.
        words: usize,
    },
}

impl MnemonicKind {
    /// A short description for messages, such as "a 24-word BIP-39 phrase".
    pub fn describe(&self) -> String {
        match self {
            Self::Empty => String::from("empty text"),
            Self::Bip39 { words } => alloc::format!("a {words}-word BIP-39 phrase"),
            Self::Slip39Share { words } => alloc::format!("a {words}-word SLIP-39 share"),
            Self::Bip39OtherLanguage { words, language } => {
                alloc::format!("a {words}-word {language} BIP-39 phrase")
            }
            Self::Unknown { words } => {
                alloc::format!("{words} words that are neither a SLIP-39 share nor a BIP-39 phrase")
            }
        }
    }
}

/// Tells which standard `text` looks like: a SLIP-39 share, an English BIP-39 phrase, a BIP-39
/// phrase in another language, or neither. Nothing is checked beyond the words and their count,
/// so the answer is a guess for messages, not a validation.
///
/// # Examples
///
/// ```
/// use seedshard::bip39::{classify, MnemonicKind};
/// let share = "duckling enlarge academic academic agency result length solution fridge \
///     kidney coal piece deal husband erode duke ajar critical decision keyboard";
/// assert_eq!(classify(share), MnemonicKind::Slip39Share { words: 20 });
/// let phrase = "legal winner thank year wave sausage worth useful legal winner thank yellow";
/// assert_eq!(classify(phrase), MnemonicKind::Bip39 { words: 12 });
/// ```
pub fn classify(text: &str) -> MnemonicKind {
    let normalized = normalize(text);
    let words: Vec<&str> = normalized.split_whitespace().collect();
    classify_words(&words)
}

fn classify_words(words: &[&str]) -> MnemonicKind {
    let n = words.len();
    if n == 0 {
        return MnemonicKind::Empty;
    }
    let mut slip = 0;
    let mut bip = 0;
    for word in words {
        let in_slip = wordlist::index_of(word).is_some();
        let in_bip = english_word(word).is_some();
        slip += usize::from(in_slip);
        bip += usize::from(in_bip);
    }
    let majority = |hits: usize| hits * 2 > n;
    if is_share_word_count(n) && majority(slip) && slip >= bip {
        return MnemonicKind::Slip39Share { words: n };
    }
    if WORD_COUNTS.contains(&n) && majority(bip) && bip >= slip {
        return MnemonicKind::Bip39 { words: n };
    }
    if !majority(bip) && !majority(slip) {
        if let Some(language) = other_language(words) {
            return MnemonicKind::Bip39OtherLanguage { words: n, language };
        }
    }
    // A wrong count: the list holding more of the words decides (about half the SLIP-39 words
    // are BIP-39 words too, so a damaged share must not pass for a phrase).
    if majority(slip) || majority(bip) {
        let share_like = match slip.cmp(&bip) {
            core::cmp::Ordering::Greater => true,
            core::cmp::Ordering::Less => false,
            // Every word in both lists: shares have at least 20 words, phrases at most 24.
            core::cmp::Ordering::Equal => n >= 20,
        };
        return if share_like {
            MnemonicKind::Slip39Share { words: n }
        } else {
            MnemonicKind::Bip39 { words: n }
        };
    }
    MnemonicKind::Unknown { words: n }
}

/// True when a SLIP-39 share of a secret seedshard accepts (16 to 64 bytes, even) has `n` words.
fn is_share_word_count(n: usize) -> bool {
    (crate::secret::MIN_SECRET_LEN..=crate::secret::MAX_SECRET_LEN)
        .step_by(2)
        .any(|len| share_length_words(len) == n)
}

/// The other language whose list holds most of `words`, if any holds a majority.
fn other_language(words: &[&str]) -> Option<&'static str> {
    let mut best: Option<(usize, Language)> = None;
    for &language in Language::ALL {
        if language == Language::English {
            continue;
        }
        let hits = words
            .iter()
            .filter(|w| language.find_word(w).is_some())
            .count();
        if hits * 2 > words.len() && best.is_none_or(|(h, _)| hits > h) {
            best = Some((hits, language));
        }
    }
    best.map(|(_, language)| language_name(language))
}

fn language_name(language: Language) -> &'static str {
    match language {
        Language::English => "English",
        Language::SimplifiedChinese => "Simplified Chinese",
        Language::TraditionalChinese => "Traditional Chinese",
        Language::Czech => "Czech",
        Language::French => "French",
        Language::Italian => "Italian",
        Language::Japanese => "Japanese",
        Language::Korean => "Korean",
        Language::Portuguese => "Portuguese",
        Language::Spanish => "Spanish",
    }
}

/// NFKD-normalises `text` (BIP-39, "From mnemonic to seed"), into zeroizing memory.
fn normalize(text: &str) -> Zeroizing<String> {
    let mut cow = Cow::Borrowed(text);
    Mnemonic::normalize_utf8_cow(&mut cow);
    match cow {
        Cow::Borrowed(s) => Zeroizing::new(String::from(s)),
        Cow::Owned(s) => Zeroizing::new(s),
    }
}

/// The English list word that `input` names: the whole word in any case, or a beginning of it
/// at least 4 letters long that only one word has (BIP-39 words are unique in their first 4
/// letters).
fn english_word(input: &str) -> Option<&'static str> {
    if !input.is_ascii() || input.len() > 16 {
        return None;
    }
    let mut buf = Zeroizing::new([0u8; 16]);
    for (b, c) in buf.iter_mut().zip(input.bytes()) {
        *b = c.to_ascii_lowercase();
    }
    let lower = core::str::from_utf8(&buf[..input.len()]).ok()?;
    let list = Language::English.word_list();
    if let Some(i) = Language::English.find_word(lower) {
        return Some(list[usize::from(i)]);
    }
    if lower.len() < 4 {
        return None;
    }
    let mut matches = Language::English.words_by_prefix_iter(lower);
    match (matches.next(), matches.next()) {
        (Some(word), None) => Some(word),
        _ => None,
    }
}

/// Up to `max` English list words nearest to `input` (fewest letter edits, ties in list order).
fn suggestions(input: &str, max: usize) -> Vec<&'static str> {
    // BIP-39 words are fully determined by their first 4 letters, like SLIP-39 words.
    crate::slip39::wordlist::closest_words(input, Language::English.word_list(), 4, max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::ToString;

    const ABOUT: &str = "abandon abandon abandon abandon abandon abandon abandon abandon abandon \
                         abandon abandon about";

    #[test]
    fn debug_is_redacted() {
        let p = Bip39Phrase::parse(ABOUT).unwrap();
        assert_eq!(format!("{p:?}"), "Bip39Phrase([REDACTED; 12 words])");
        let pp = Bip39Passphrase::new("hunter2".to_string());
        assert!(!format!("{pp:?}").contains("hunter"));
        let seed = p.to_seed(&pp);
        assert_eq!(format!("{seed:?}"), "Bip39Seed([REDACTED; 64 bytes])");
    }

    #[test]
    fn prefixes_and_case_are_accepted() {
        let p = Bip39Phrase::parse(
            "ABAN aban aband abandon Abandon abandon abandon abandon abandon abandon abandon abou",
        )
        .unwrap();
        assert_eq!(
            *p.to_words(),
            ABOUT.split_whitespace().collect::<Vec<_>>().join(" ")
        );
    }

    #[test]
    fn unknown_word_reports_position_and_neighbours() {
        let err = Bip39Phrase::parse(
            "abandon abandon abandon abandon abandon abandno abandon abandon abandon abandon abandon about",
        )
        .unwrap_err();
        match err {
            ParseBip39Error::UnknownWord {
                position,
                suggestions,
            } => {
                assert_eq!(position, 6);
                assert_eq!(suggestions.first(), Some(&"abandon"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn three_letter_word_that_is_not_a_word_is_unknown() {
        // "aba" is a beginning shared by several words and shorter than 4 letters.
        let err = Bip39Phrase::parse(
            "aba abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
        )
        .unwrap_err();
        assert!(matches!(
            err,
            ParseBip39Error::UnknownWord { position: 1, .. }
        ));
    }

    #[test]
    fn wrong_word_count_and_checksum() {
        assert_eq!(
            Bip39Phrase::parse("abandon abandon abandon abandon abandon about"),
            Err(ParseBip39Error::WordCount { words: 6 })
        );
        assert_eq!(
            Bip39Phrase::parse(&ABOUT.replace("about", "abandon")),
            Err(ParseBip39Error::Checksum)
        );
        assert_eq!(Bip39Phrase::parse(" \n"), Err(ParseBip39Error::Empty));
    }

    #[test]
    fn slip39_share_is_recognised() {
        let share = "duckling enlarge academic academic agency result length solution fridge \
                     kidney coal piece deal husband erode duke ajar critical decision keyboard";
        assert_eq!(
            Bip39Phrase::parse(share),
            Err(ParseBip39Error::LooksLikeSlip39Share { words: 20 })
        );
    }

    #[test]
    fn from_indices_checks_count_range_and_checksum() {
        let mut about = [0u16; 12];
        about[11] = 3;
        assert_eq!(
            *Bip39Phrase::from_indices(&about).unwrap().to_words(),
            ABOUT.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        assert_eq!(
            Bip39Phrase::from_indices(&[0; 12]),
            Err(ParseBip39Error::Checksum)
        );
        assert_eq!(
            Bip39Phrase::from_indices(&[0; 11]),
            Err(ParseBip39Error::WordCount { words: 11 })
        );
        about[4] = 2048;
        assert!(matches!(
            Bip39Phrase::from_indices(&about),
            Err(ParseBip39Error::UnknownWord { position: 5, .. })
        ));
    }

    #[test]
    fn damaged_shares_and_phrases_keep_their_standard() {
        let share: Vec<&str> = "duckling enlarge academic academic agency result length solution \
             fridge kidney coal piece deal husband erode duke ajar critical decision keyboard"
            .split(' ')
            .filter(|w| !w.is_empty())
            .collect();
        let short = share[..19].join(" ");
        assert_eq!(classify(&short), MnemonicKind::Slip39Share { words: 19 });
        let long = format!("{} academic", share.join(" "));
        assert_eq!(classify(&long), MnemonicKind::Slip39Share { words: 21 });
        let phrase: Vec<&str> = ABOUT.split_whitespace().collect();
        assert_eq!(
            classify(&phrase[..11].join(" ")),
            MnemonicKind::Bip39 { words: 11 }
        );
        assert_eq!(
            classify("hello world this is not a mnemonic"),
            MnemonicKind::Unknown { words: 7 }
        );
    }

    #[test]
    fn other_languages_are_named() {
        // BIP-39 test vector phrases in French and Japanese (entropy 00..00, 128 bits).
        let french = "abaisser abaisser abaisser abaisser abaisser abaisser abaisser abaisser \
                      abaisser abaisser abaisser abeille";
        assert_eq!(
            Bip39Phrase::parse(french),
            Err(ParseBip39Error::NotEnglish { language: "French" })
        );
        let japanese = "あいこくしん　あいこくしん　あいこくしん　あいこくしん　あいこくしん　あいこくしん　\
                        あいこくしん　あいこくしん　あいこくしん　あいこくしん　あいこくしん　あおぞら";
        assert_eq!(
            Bip39Phrase::parse(japanese),
            Err(ParseBip39Error::NotEnglish {
                language: "Japanese"
            })
        );
    }

    #[test]
    fn share_word_counts_never_meet_phrase_word_counts() {
        for n in WORD_COUNTS {
            assert!(!is_share_word_count(n), "{n}");
        }
        assert!(is_share_word_count(20));
        assert!(is_share_word_count(33));
        assert!(is_share_word_count(59));
    }

    #[test]
    fn entropy_round_trip_and_lengths() {
        for bits in [128, 160, 192, 224, 256] {
            let p = Bip39Phrase::generate(bits).unwrap();
            assert_eq!(p.word_count(), bits / 32 * 3);
            let secret = p.to_entropy();
            assert_eq!(secret.len(), bits / 8);
            assert_eq!(Bip39Phrase::from_master_secret(&secret).unwrap(), p);
        }
        assert_eq!(
            Bip39Phrase::generate(100).unwrap_err(),
            Bip39Error::Strength { bits: 100 }
        );
        let s18 = MasterSecret::new(alloc::vec![1; 18]).unwrap();
        assert_eq!(
            Bip39Phrase::from_master_secret(&s18).unwrap_err(),
            Bip39Error::EntropyLength { len: 18 }
        );
    }

    #[test]
    fn modes_parse_and_pick_the_secret() {
        assert_eq!("Entropy".parse::<Bip39Mode>(), Ok(Bip39Mode::Entropy));
        assert_eq!("seed".parse::<Bip39Mode>(), Ok(Bip39Mode::Seed));
        assert!("both".parse::<Bip39Mode>().is_err());
        let p = Bip39Phrase::parse(ABOUT).unwrap();
        let pp = Bip39Passphrase::new("TREZOR".to_string());
        assert_eq!(p.to_master_secret(Bip39Mode::Entropy, &pp).len(), 16);
        let seed = p.to_master_secret(Bip39Mode::Seed, &pp);
        assert_eq!(seed.expose_secret(), p.to_seed(&pp).expose_secret());
        assert_ne!(
            seed.expose_secret(),
            p.to_seed(&Bip39Passphrase::empty()).expose_secret()
        );
    }
}
