//! Hexadecimal for secrets, both ways, without a branch or a table look-up on a digit.
//!
//! Each byte becomes two digits, and each digit a value, by arithmetic on masks
//! ([`digit_pair`], [`digit_value`]); the loops around them depend only on lengths, and on
//! where white space is in the input, never on the value of a digit. `tests/hex_branch_free.rs`
//! checks the compiled code of both functions (and of everything they call) for conditional
//! jumps. (Turning the finished digits into a `String` checks that they are UTF-8, which looks
//! at the top bit of each byte only: the same answer for every hex digit.)

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::fmt;

use zeroize::{Zeroize, Zeroizing};

/// Why text is not a hexadecimal secret.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum HexError {
    /// Character `position` (1-based, white space not counted) is not a hex digit.
    NotHex {
        /// 1-based position among the characters that are not white space.
        position: usize,
    },
    /// No digits at all.
    Empty,
    /// An odd number of digits (each byte is two).
    OddLength {
        /// How many digits there are.
        digits: usize,
    },
}

impl fmt::Display for HexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotHex { position } => {
                write!(f, "character {position} of the secret is not a hex digit")
            }
            Self::Empty => write!(f, "there is no secret (no hex digits)"),
            Self::OddLength { digits } => {
                write!(f, "the secret has an odd number of hex digits ({digits})")
            }
        }
    }
}

impl core::error::Error for HexError {}

/// 1 when `x < n`, else 0, for `x` and `n` below 2^31: the sign bit of `x - n`.
#[inline(always)]
fn lt(x: u32, n: u32) -> u32 {
    (x.wrapping_sub(n) >> 31) & 1
}

/// All ones when `bit` is 1, zero when it is 0.
#[inline(always)]
fn mask(bit: u32) -> u32 {
    0u32.wrapping_sub(bit)
}

/// The lowercase hex digit of a nibble (0 to 15): '0' + n, plus the gap to 'a' when n > 9.
#[inline(always)]
fn digit(n: u32) -> u32 {
    const GAP: u32 = (b'a' - b'0' - 10) as u32;
    n.wrapping_add(u32::from(b'0'))
        .wrapping_add(mask(1 ^ lt(n, 10)) & GAP)
}

/// The two lowercase hex digits of `byte`: the first in the high 8 bits, the second in the low.
#[inline(never)]
pub fn digit_pair(byte: u8) -> u16 {
    let b = u32::from(byte);
    ((digit(b >> 4) << 8) | digit(b & 0xF)) as u16
}

/// What an input byte is: its value as a hex digit in the low 4 bits, bit 8 set when it is a
/// hex digit (either case), bit 9 set when it is white space (space, tab, line feed, carriage
/// return).
#[inline(never)]
pub fn digit_value(c: u8) -> u16 {
    // Constants, not arithmetic at run time: a debug build checks `+` and `-` for overflow.
    const ZERO: u32 = b'0' as u32;
    const AFTER_NINE: u32 = b'9' as u32 + 1;
    const A: u32 = b'a' as u32;
    const AFTER_F: u32 = b'f' as u32 + 1;
    const A_MINUS_TEN: u32 = b'a' as u32 - 10;
    let c = u32::from(c);
    let is_digit = lt(c, AFTER_NINE) & (1 ^ lt(c, ZERO));
    let folded = c | 0x20;
    let is_letter = lt(folded, AFTER_F) & (1 ^ lt(folded, A));
    let is_space = lt(c ^ u32::from(b' '), 1)
        | lt(c ^ u32::from(b'\t'), 1)
        | lt(c ^ u32::from(b'\n'), 1)
        | lt(c ^ u32::from(b'\r'), 1);
    let value = (c.wrapping_sub(ZERO) & mask(is_digit))
        | (folded.wrapping_sub(A_MINUS_TEN) & mask(is_letter));
    ((value & 0xF) | ((is_digit | is_letter) << 8) | (is_space << 9)) as u16
}

/// Lowercase hex of `bytes`, in zeroizing memory.
pub fn encode(bytes: &[u8]) -> Zeroizing<String> {
    let mut digits = vec![0u8; bytes.len() * 2];
    for (pair, &b) in digits.chunks_exact_mut(2).zip(bytes) {
        let d = digit_pair(b);
        pair[0] = (d >> 8) as u8;
        pair[1] = d as u8;
    }
    match String::from_utf8(digits) {
        Ok(s) => Zeroizing::new(s),
        // Not reached: the digits are ASCII.
        Err(e) => {
            e.into_bytes().zeroize();
            Zeroizing::new(String::new())
        }
    }
}

/// The bytes written in hex in `text` (either case; spaces, tabs and line ends ignored).
pub fn decode(text: &str) -> Result<Zeroizing<Vec<u8>>, HexError> {
    let input = text.as_bytes();
    let mut nibbles = Zeroizing::new(vec![0u8; input.len()]);
    let mut count = 0usize;
    let mut bad = 0u16;
    for &c in input {
        let v = digit_value(c);
        let space = (v >> 9) & 1;
        bad |= 1 ^ (((v >> 8) & 1) | space);
        // Every byte is written; white space is overwritten by the next digit.
        nibbles[count] = (v & 0xF) as u8;
        count += usize::from(1 ^ space);
    }
    if bad != 0 {
        let position = text
            .chars()
            .filter(|c| !matches!(c, ' ' | '\t' | '\n' | '\r'))
            .position(|c| !c.is_ascii_hexdigit())
            .map_or(1, |p| p + 1);
        return Err(HexError::NotHex { position });
    }
    if count == 0 {
        return Err(HexError::Empty);
    }
    if !count.is_multiple_of(2) {
        return Err(HexError::OddLength { digits: count });
    }
    let mut bytes = Zeroizing::new(vec![0u8; count / 2]);
    for (byte, pair) in bytes.iter_mut().zip(nibbles.chunks_exact(2)) {
        *byte = (pair[0] << 4) | pair[1];
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    #[test]
    fn encode_matches_formatting_for_every_byte() {
        let all: Vec<u8> = (0..=255).collect();
        let expected: String = all.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(encode(&all).as_str(), expected);
    }

    #[test]
    fn digit_value_agrees_with_the_standard_library_for_every_byte() {
        for c in 0..=255u8 {
            let v = digit_value(c);
            let hex = (c as char).to_digit(16).filter(|_| c.is_ascii());
            assert_eq!(v & 0x100 != 0, hex.is_some(), "byte {c}");
            if let Some(d) = hex {
                assert_eq!(u32::from(v & 0xF), d, "byte {c}");
            }
            assert_eq!(
                v & 0x200 != 0,
                matches!(c, b' ' | b'\t' | b'\n' | b'\r'),
                "byte {c}"
            );
        }
    }

    #[test]
    fn decode_round_trips_and_reports_positions() {
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(*decode(&encode(&all)).unwrap(), all);
        assert_eq!(
            *decode(" 00FF aB\r\n\t7f ").unwrap(),
            alloc::vec![0x00, 0xff, 0xab, 0x7f]
        );
        assert_eq!(decode("00 1g"), Err(HexError::NotHex { position: 4 }));
        assert_eq!(decode("00é1"), Err(HexError::NotHex { position: 3 }));
        assert_eq!(decode(" \n"), Err(HexError::Empty));
        assert_eq!(decode("abc"), Err(HexError::OddLength { digits: 3 }));
    }
}
