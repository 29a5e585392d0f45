//! One SLIP-39 share: its fields, and its conversion to and from words (SLIP-0039, "Format
//! of the share mnemonic").
//!
//! ```text
//! id (15) | ext (1) | e (4) | GI (4) | Gt (4) | g (4) | I (4) | t (4) | padded value | checksum (30)
//! ```
//!
//! Thresholds and counts are stored minus one; the value is left-padded with at most 8 zero
//! bits to a whole number of 10-bit words.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use super::rs1024::{self, CHECKSUM_LENGTH_WORDS};
use super::wordlist;

/// Bits a word carries (SLIP-0039, "Format": radix 1024).
pub const RADIX_BITS: usize = 10;
/// Words holding identifier, extendable flag and iteration exponent.
pub const ID_EXP_LENGTH_WORDS: usize = 2;
/// Words holding identifier, flag, exponent, group index, group threshold and group count:
/// the part a group's shares have in common.
pub const GROUP_PREFIX_LENGTH_WORDS: usize = 3;
/// Words of a share that are not its value: 2 (id, ext, e) + 2 (indices, thresholds) + 3.
pub const METADATA_LENGTH_WORDS: usize = 7;
/// The shortest share: a 128-bit value takes 13 words, so 20 in all.
pub const MIN_SHARE_LENGTH_WORDS: usize = METADATA_LENGTH_WORDS + 13;
/// The most groups, or members in a group (4-bit fields).
pub const MAX_SHARE_COUNT: u8 = 16;

/// The 15-bit random identifier that ties the shares of one set together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Identifier(u16);

impl Identifier {
    /// The largest identifier, 2^15 - 1.
    pub const MAX: u16 = (1 << 15) - 1;

    /// Wraps `id` if it fits in 15 bits.
    pub fn new(id: u16) -> Option<Self> {
        (id <= Self::MAX).then_some(Self(id))
    }

    /// A random identifier.
    pub fn random<R: rand_core::CryptoRng + ?Sized>(rng: &mut R) -> Self {
        Self((rng.next_u32() as u16) & Self::MAX)
    }

    /// The numeric value.
    pub fn get(self) -> u16 {
        self.0
    }

    /// The set's short human name, such as `MAUVE CORAL`: two plain words (none of them a
    /// SLIP-39 word, so a name is never mistaken for part of a share), one for each part of
    /// the identifier, so each of the 32,768 identifiers has its own name. The one name
    /// seedshard uses for a set, in messages and on cards. The words are
    /// [`super::set_name::SET_NAME_WORDS`].
    ///
    /// # Examples
    ///
    /// ```
    /// use seedshard::Identifier;
    /// assert_eq!(Identifier::new(7945).unwrap().short_name(), "MAUVE CORAL");
    /// ```
    pub fn short_name(self) -> String {
        super::set_name::set_name(self)
    }
}

impl fmt::Display for Identifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// The iteration exponent e: the cipher runs 10000 * 2^e PBKDF2 iterations in all.
///
/// seedshard accepts 0..=15 (the 4-bit field), as SLIP-39 allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IterationExponent(u8);

impl IterationExponent {
    /// The largest exponent the 4-bit field holds.
    pub const MAX: u8 = 15;
    /// The default, as Trezor uses: e = 1, 20,000 iterations.
    pub const DEFAULT: Self = Self(1);

    /// Wraps `e` if it is 0..=15.
    pub fn new(e: u8) -> Option<Self> {
        (e <= Self::MAX).then_some(Self(e))
    }

    /// The numeric value.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl Default for IterationExponent {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl fmt::Display for IterationExponent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A single SLIP-39 share with a valid checksum and consistent fields.
///
/// Built only by [`Share::parse`], [`Share::from_indices`] or by splitting, so every `Share`
/// that exists is well-formed. Its `Debug` shows the public fields, never the value.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Share {
    #[zeroize(skip)]
    identifier: Identifier,
    #[zeroize(skip)]
    extendable: bool,
    #[zeroize(skip)]
    iteration_exponent: IterationExponent,
    group_index: u8,
    group_threshold: u8,
    group_count: u8,
    member_index: u8,
    member_threshold: u8,
    value: Vec<u8>,
}

/// Why text or word indices are not a valid share. Positions are 1-based word numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseShareError {
    /// No words at all.
    Empty,
    /// A word that is not in the SLIP-39 list (nor a 4-letter-or-longer beginning of one).
    UnknownWord {
        /// 1-based position of the word.
        position: usize,
        /// The closest words in the list.
        suggestions: Vec<&'static str>,
    },
    /// A word index of 1024 or more.
    IndexOutOfRange {
        /// 1-based position of the word.
        position: usize,
    },
    /// Fewer than 20 words.
    TooShort {
        /// Words given.
        words: usize,
    },
    /// A word count no share can have (the padding would exceed 8 bits).
    InvalidLength {
        /// Words given.
        words: usize,
    },
    /// More than 59 words: a secret over 512 bits, which seedshard does not handle.
    TooLong {
        /// Words given.
        words: usize,
    },
    /// The RS1024 checksum does not match: at least one word is wrong.
    Checksum,
    /// The padding bits before the value are not zero.
    Padding,
    /// The group threshold is greater than the group count.
    GroupThresholdExceedsCount {
        /// The group threshold the share states.
        group_threshold: u8,
        /// The group count the share states.
        group_count: u8,
    },
    /// The group index is not below the group count.
    GroupIndexOutOfRange {
        /// The share's 0-based group index.
        group_index: u8,
        /// The group count the share states.
        group_count: u8,
    },
}

impl fmt::Display for ParseShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("the share has no words"),
            // The closest words are left out: they usually include the real word, so
            // they are shown only to the person at the terminal (see the CLI).
            Self::UnknownWord { position, .. } => {
                write!(f, "word {position} is not a SLIP-39 word")
            }
            Self::IndexOutOfRange { position } => {
                write!(f, "word {position} has an index outside 0..1024")
            }
            Self::TooShort { words } => write!(
                f,
                "the share has {words} word{}; a SLIP-39 share has at least 20",
                if *words == 1 { "" } else { "s" }
            ),
            Self::InvalidLength { words } => write!(
                f,
                "the share has {words} words, a length no SLIP-39 share can have (20, 33 and 59 are usual)"
            ),
            Self::TooLong { words } => write!(
                f,
                "the share has {words} words; seedshard reads shares of at most 59 words (512-bit secrets)"
            ),
            Self::Checksum => f.write_str(
                "the share's checksum does not match: at least one word is wrong or missing",
            ),
            Self::Padding => f.write_str("the share's padding bits are not zero"),
            Self::GroupThresholdExceedsCount {
                group_threshold,
                group_count,
            } => write!(
                f,
                "the share says {group_threshold} groups are needed but only {group_count} exist"
            ),
            Self::GroupIndexOutOfRange {
                group_index,
                group_count,
            } => write!(
                f,
                "the share says it is in group {} but only {group_count} groups exist",
                u16::from(*group_index) + 1
            ),
        }
    }
}

impl core::error::Error for ParseShareError {}

impl Share {
    /// Builds a share from its fields. Thresholds and counts are the real numbers (1..=16),
    /// indices 0-based. The value's length is checked by the caller (the scheme).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        identifier: Identifier,
        extendable: bool,
        iteration_exponent: IterationExponent,
        group_index: u8,
        group_threshold: u8,
        group_count: u8,
        member_index: u8,
        member_threshold: u8,
        value: Vec<u8>,
    ) -> Self {
        debug_assert!(group_index < group_count && group_count <= MAX_SHARE_COUNT);
        debug_assert!((1..=group_count).contains(&group_threshold));
        debug_assert!(member_index < MAX_SHARE_COUNT);
        debug_assert!((1..=MAX_SHARE_COUNT).contains(&member_threshold));
        Self {
            identifier,
            extendable,
            iteration_exponent,
            group_index,
            group_threshold,
            group_count,
            member_index,
            member_threshold,
            value,
        }
    }

    /// Parses a share from its words: any letter case, any white space between words, and
    /// each word either whole or by a beginning of at least 4 letters.
    ///
    /// # Errors
    ///
    /// [`ParseShareError`] naming the first problem and, for a word, its position.
    ///
    /// # Examples
    ///
    /// ```
    /// use seedshard::Share;
    /// let share = Share::parse(
    ///     "duckling enlarge academic academic agency result length solution fridge kidney \
    ///      coal piece deal husband erode duke ajar critical decision keyboard",
    /// ).unwrap();
    /// assert_eq!(share.identifier().get(), 7945);
    /// assert_eq!(share.member_threshold(), 1);
    /// ```
    pub fn parse(text: &str) -> Result<Self, ParseShareError> {
        let mut indices = Zeroizing::new(Vec::with_capacity(33));
        for (i, word) in text.split_whitespace().enumerate() {
            match wordlist::index_of(word) {
                Some(index) => indices.push(index),
                None => {
                    return Err(ParseShareError::UnknownWord {
                        position: i + 1,
                        suggestions: wordlist::suggestions(word, 3),
                    })
                }
            }
        }
        Self::from_indices(&indices)
    }

    /// Decodes a share from its word indices (each 0..1024).
    ///
    /// # Errors
    ///
    /// [`ParseShareError`] as for [`Share::parse`].
    pub fn from_indices(indices: &[u16]) -> Result<Self, ParseShareError> {
        if indices.is_empty() {
            return Err(ParseShareError::Empty);
        }
        if let Some(i) = indices
            .iter()
            .position(|&w| usize::from(w) >= wordlist::WORD_COUNT)
        {
            return Err(ParseShareError::IndexOutOfRange { position: i + 1 });
        }
        let words = indices.len();
        if words < MIN_SHARE_LENGTH_WORDS {
            return Err(ParseShareError::TooShort { words });
        }
        let padding_len = padding_len(words).ok_or(ParseShareError::InvalidLength { words })?;
        if words > share_length_words(crate::secret::MAX_SECRET_LEN) {
            return Err(ParseShareError::TooLong { words });
        }

        let id_exp = (u32::from(indices[0]) << 10) | u32::from(indices[1]);
        let identifier = Identifier((id_exp >> 5) as u16);
        let extendable = (id_exp >> 4) & 1 == 1;
        let iteration_exponent = IterationExponent((id_exp & 0xF) as u8);

        if !rs1024::verify_checksum(indices, extendable) {
            return Err(ParseShareError::Checksum);
        }

        let params = (u32::from(indices[2]) << 10) | u32::from(indices[3]);
        let nibble = |shift: u32| ((params >> shift) & 0xF) as u8;
        let group_index = nibble(16);
        let group_threshold = nibble(12) + 1;
        let group_count = nibble(8) + 1;
        let member_index = nibble(4);
        let member_threshold = nibble(0) + 1;
        if group_threshold > group_count {
            return Err(ParseShareError::GroupThresholdExceedsCount {
                group_threshold,
                group_count,
            });
        }
        if group_index >= group_count {
            return Err(ParseShareError::GroupIndexOutOfRange {
                group_index,
                group_count,
            });
        }

        let value_words = &indices[ID_EXP_LENGTH_WORDS + 2..words - CHECKSUM_LENGTH_WORDS];
        let value = unpack_value(value_words, padding_len).ok_or(ParseShareError::Padding)?;

        Ok(Self {
            identifier,
            extendable,
            iteration_exponent,
            group_index,
            group_threshold,
            group_count,
            member_index,
            member_threshold,
            value,
        })
    }

    /// The share's word indices, checksum included.
    pub fn to_indices(&self) -> Zeroizing<Vec<u16>> {
        let id_exp = (u32::from(self.identifier.0) << 5)
            | (u32::from(self.extendable) << 4)
            | u32::from(self.iteration_exponent.0);
        let params = (u32::from(self.group_index) << 16)
            | (u32::from(self.group_threshold - 1) << 12)
            | (u32::from(self.group_count - 1) << 8)
            | (u32::from(self.member_index) << 4)
            | u32::from(self.member_threshold - 1);
        let mut out = Zeroizing::new(Vec::with_capacity(share_length_words(self.value.len())));
        out.extend_from_slice(&[
            (id_exp >> 10) as u16,
            (id_exp & 1023) as u16,
            (params >> 10) as u16,
            (params & 1023) as u16,
        ]);
        pack_value(&self.value, &mut out);
        let checksum = rs1024::create_checksum(&out, self.extendable);
        out.extend_from_slice(&checksum);
        out
    }

    /// The share as lowercase words separated by single spaces.
    pub fn to_words(&self) -> Zeroizing<String> {
        let indices = self.to_indices();
        let mut s = Zeroizing::new(String::with_capacity(indices.len() * 9));
        for (i, &w) in indices.iter().enumerate() {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(wordlist::word(w));
        }
        s
    }

    /// The random identifier of the set.
    pub fn identifier(&self) -> Identifier {
        self.identifier
    }
    /// Whether the set has the extendable flag (SLIP-0039, 2024).
    pub fn extendable(&self) -> bool {
        self.extendable
    }
    /// The iteration exponent.
    pub fn iteration_exponent(&self) -> IterationExponent {
        self.iteration_exponent
    }
    /// The 0-based group index.
    pub fn group_index(&self) -> u8 {
        self.group_index
    }
    /// How many groups are needed to recover (1..=16).
    pub fn group_threshold(&self) -> u8 {
        self.group_threshold
    }
    /// How many groups the set has (1..=16).
    pub fn group_count(&self) -> u8 {
        self.group_count
    }
    /// The 0-based member index within the group.
    pub fn member_index(&self) -> u8 {
        self.member_index
    }
    /// How many members of this group are needed (1..=16).
    pub fn member_threshold(&self) -> u8 {
        self.member_threshold
    }
    /// The length of the share value in bytes (the master secret's length).
    pub fn value_len(&self) -> usize {
        self.value.len()
    }
    /// The share value: a point on the group's polynomial. Secret.
    pub fn expose_value(&self) -> &[u8] {
        &self.value
    }
    /// The number of words of this share.
    pub fn word_count(&self) -> usize {
        share_length_words(self.value.len())
    }

    /// The fields all shares of one set have in common.
    pub fn common_parameters(&self) -> CommonParameters {
        CommonParameters {
            identifier: self.identifier,
            extendable: self.extendable,
            iteration_exponent: self.iteration_exponent,
            group_threshold: self.group_threshold,
            group_count: self.group_count,
        }
    }
}

/// The fields that every share of one set has in common (the first 3 words, except the group
/// index, and the group count).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CommonParameters {
    /// The set's identifier.
    pub identifier: Identifier,
    /// The extendable flag.
    pub extendable: bool,
    /// The iteration exponent.
    pub iteration_exponent: IterationExponent,
    /// Groups needed.
    pub group_threshold: u8,
    /// Groups in all.
    pub group_count: u8,
}

impl PartialEq for Share {
    /// Equal when every field and the value are equal (value compared in constant time).
    fn eq(&self, other: &Self) -> bool {
        use subtle::ConstantTimeEq;
        self.common_parameters() == other.common_parameters()
            && self.group_index == other.group_index
            && self.member_index == other.member_index
            && self.member_threshold == other.member_threshold
            && bool::from(self.value.ct_eq(&other.value))
    }
}

impl Eq for Share {}

impl fmt::Debug for Share {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Share")
            .field("identifier", &self.identifier.0)
            .field("extendable", &self.extendable)
            .field("iteration_exponent", &self.iteration_exponent.0)
            .field("group_index", &self.group_index)
            .field("group_threshold", &self.group_threshold)
            .field("group_count", &self.group_count)
            .field("member_index", &self.member_index)
            .field("member_threshold", &self.member_threshold)
            .field(
                "value",
                &format_args!("[REDACTED; {} bytes]", self.value.len()),
            )
            .finish()
    }
}

/// The number of words of a share whose value is `value_len` bytes.
pub const fn share_length_words(value_len: usize) -> usize {
    METADATA_LENGTH_WORDS + (value_len * 8).div_ceil(RADIX_BITS)
}

/// The padding before the value for a share of `words` words, if that length is possible.
fn padding_len(words: usize) -> Option<usize> {
    let pad = (RADIX_BITS * (words - METADATA_LENGTH_WORDS)) % 16;
    (pad <= 8).then_some(pad)
}

/// Packs `value` as 10-bit words, left-padded with zero bits, onto `out`.
fn pack_value(value: &[u8], out: &mut Vec<u16>) {
    let total_bits = value.len() * 8;
    let words = total_bits.div_ceil(RADIX_BITS);
    let mut acc: u32 = 0;
    // The padding bits are zero: start with them already "in" the accumulator.
    let mut bits = words * RADIX_BITS - total_bits;
    for &byte in value {
        acc = (acc << 8) | u32::from(byte);
        bits += 8;
        while bits >= RADIX_BITS {
            bits -= RADIX_BITS;
            out.push(((acc >> bits) & 1023) as u16);
        }
        acc &= (1 << bits) - 1;
    }
    acc.zeroize();
}

/// Unpacks 10-bit words into bytes, checking that the first `padding` bits are zero.
fn unpack_value(words: &[u16], padding: usize) -> Option<Vec<u8>> {
    let len = (words.len() * RADIX_BITS - padding) / 8;
    let mut out = Vec::with_capacity(len);
    let mut acc: u32 = 0;
    let mut bits = 0usize;
    let mut pad_bits_left = padding;
    let mut padding_ok = true;
    for &w in words {
        acc = (acc << RADIX_BITS) | u32::from(w);
        bits += RADIX_BITS;
        if pad_bits_left > 0 {
            let take = pad_bits_left.min(bits);
            padding_ok &= (acc >> (bits - take)) == 0;
            bits -= take;
            pad_bits_left -= take;
            acc &= (1 << bits) - 1;
        }
        while bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
        acc &= (1 << bits) - 1;
    }
    acc.zeroize();
    if padding_ok {
        Some(out)
    } else {
        out.zeroize();
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(value: Vec<u8>) -> Share {
        Share::new(
            Identifier::new(12345).unwrap(),
            true,
            IterationExponent::new(3).unwrap(),
            2,
            2,
            4,
            5,
            3,
            value,
        )
    }

    #[test]
    fn format_then_parse_is_identity_for_all_even_lengths() {
        for len in (16..=64).step_by(2) {
            let value: Vec<u8> = (0..len as u8).map(|b| b.wrapping_mul(37) ^ 0xA5).collect();
            let share = sample(value);
            let words = share.to_words();
            assert_eq!(words.split(' ').count(), share_length_words(len));
            let back = Share::parse(&words).unwrap();
            assert_eq!(back, share);
        }
    }

    #[test]
    fn usual_lengths() {
        assert_eq!(share_length_words(16), 20);
        assert_eq!(share_length_words(32), 33);
        assert_eq!(share_length_words(64), 59);
    }

    #[test]
    fn debug_hides_value() {
        let share = sample(alloc::vec![0x42; 16]);
        let d = alloc::format!("{share:?}");
        assert!(d.contains("REDACTED; 16 bytes"), "{d}");
        assert!(!d.contains("66"), "{d}");
    }

    #[test]
    fn unknown_word_position_and_suggestion() {
        let share = sample(alloc::vec![1; 16]);
        let words = share.to_words();
        let mut v: Vec<&str> = words.split(' ').collect();
        v[6] = "qqqqq";
        let err = Share::parse(&v.join(" ")).unwrap_err();
        assert!(
            matches!(err, ParseShareError::UnknownWord { position: 7, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn group_index_must_be_below_count() {
        // Build a share with group index 3 of 2 groups by hand, with a valid checksum.
        let good = sample(alloc::vec![9; 16]);
        let mut idx = good.to_indices().to_vec();
        // params: GI=3, Gt-1=0, g-1=1, I=0, t-1=0
        let params: u32 = (3 << 16) | (1 << 8);
        idx[2] = (params >> 10) as u16;
        idx[3] = (params & 1023) as u16;
        let n = idx.len();
        let ck = rs1024::create_checksum(&idx[..n - 3], true);
        idx[n - 3..].copy_from_slice(&ck);
        assert_eq!(
            Share::from_indices(&idx).unwrap_err(),
            ParseShareError::GroupIndexOutOfRange {
                group_index: 3,
                group_count: 2
            }
        );
    }
}
