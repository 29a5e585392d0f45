//! The checked BIP-39 phrase, the BIP-39 passphrase and the BIP-39 seed, all zeroizing.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use ::bip39::{Language, Mnemonic};
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, Zeroizing};

use super::classify::{classify_words, MnemonicKind};
use super::{is_entropy_len, Bip39Error, Bip39Mode, ParseBip39Error, SEED_LEN, WORD_COUNTS};
use crate::secret::MasterSecret;

/// How many nearest list words an unknown-word error suggests.
const MAX_SUGGESTIONS: usize = 3;

/// A checked English BIP-39 phrase.
///
/// It exists only with a valid checksum. The words are zeroized on drop, `Debug` shows only the
/// word count, and the words come out through [`Bip39Phrase::to_words`].
#[derive(Clone)]
pub struct Bip39Phrase(Mnemonic);

impl Bip39Phrase {
    /// Reads a phrase: words separated by any white space, in any letter case; a word may be
    /// given by a beginning of it at least 4 letters long when only one list word starts so.
    /// The text is read as people write a phrase down: on one line or several, numbered
    /// (`1. abandon 2. ability`, `1) abandon`, a number alone; all in the order of their
    /// numbers), with `#` comments, a label before the words (`Recovery phrase:`) or a
    /// byte-order mark; nothing that could be a word of the phrase is left out (a `:` among
    /// the words is refused).
    ///
    /// # Errors
    ///
    /// [`ParseBip39Error`], in this order of checks: a `:` among the words or numbering that
    /// does not number each word once; no words; a SLIP-39 share or a phrase in
    /// another language ([`classify`](super::classify)); a wrong word count; the first unknown word with the
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
        let words = super::written::phrase_words(&normalized)?;
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
        let list = super::word_list(Language::English);
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

/// NFKD-normalises `text` (BIP-39, "From mnemonic to seed"), into zeroizing memory.
pub(super) fn normalize(text: &str) -> Zeroizing<String> {
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
pub(super) fn english_word(input: &str) -> Option<&'static str> {
    if !input.is_ascii() || input.len() > 16 {
        return None;
    }
    let mut buf = Zeroizing::new([0u8; 16]);
    for (b, c) in buf.iter_mut().zip(input.bytes()) {
        *b = c.to_ascii_lowercase();
    }
    let lower = core::str::from_utf8(&buf[..input.len()]).ok()?;
    let list = super::word_list(Language::English);
    if let Some(i) = super::find_word(Language::English, lower) {
        return Some(list[usize::from(i)]);
    }
    if lower.len() < 4 {
        return None;
    }
    let mut matches = list.iter().copied().filter(|w| w.starts_with(lower));
    match (matches.next(), matches.next()) {
        (Some(word), None) => Some(word),
        _ => None,
    }
}

/// Up to `max` English list words nearest to `input` (fewest letter edits, ties in list order).
fn suggestions(input: &str, max: usize) -> Vec<&'static str> {
    // BIP-39 words are fully determined by their first 4 letters, like SLIP-39 words.
    crate::slip39::wordlist::closest_words(input, super::word_list(Language::English), 4, max)
}
