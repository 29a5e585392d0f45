//! Telling a SLIP-39 share from a BIP-39 phrase (or one in another language) by its words.

use ::bip39::Language;

use super::phrase::{english_word, normalize};
use super::WORD_COUNTS;
use crate::slip39::{share::share_length_words, wordlist};

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
    let words = crate::slip39::text::text_words(&normalized);
    classify_words(&words)
}

pub(super) fn classify_words(words: &[&str]) -> MnemonicKind {
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
pub(super) fn is_share_word_count(n: usize) -> bool {
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
            .filter(|w| super::find_word(language, w).is_some())
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
