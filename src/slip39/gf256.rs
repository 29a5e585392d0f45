//! Arithmetic in GF(2^8) with the Rijndael polynomial x^8 + x^4 + x^3 + x + 1 (0x11B), as
//! SLIP-0039 specifies ("Shamir's secret sharing").
//!
//! Everything here is constant-time in its operands: no table is indexed by a value and no
//! branch depends on one. Share values are secret, and the x-coordinates, though public, go
//! through the same code.

/// Adds (and subtracts) two field elements.
#[inline]
pub fn add(a: u8, b: u8) -> u8 {
    a ^ b
}

/// Multiplies two field elements, reducing by 0x11B, in constant time.
#[inline]
pub fn mul(a: u8, b: u8) -> u8 {
    let mut a = a;
    let mut b = b;
    let mut product = 0u8;
    for _ in 0..8 {
        // All-ones when the low bit of b is set, else zero: no branch on b.
        product ^= a & 0u8.wrapping_sub(b & 1);
        // All-ones when a's high bit is set: reduce by the low byte of 0x11B.
        let carry = 0u8.wrapping_sub(a >> 7);
        a = (a << 1) ^ (0x1B & carry);
        b >>= 1;
    }
    product
}

/// The multiplicative inverse, computed as a^254 (Fermat); the inverse of 0 is taken as 0.
#[inline]
pub fn inv(a: u8) -> u8 {
    // a^254 = a^(2+4+8+16+32+64+128), by a fixed square-and-multiply chain.
    let a2 = mul(a, a);
    let a4 = mul(a2, a2);
    let a8 = mul(a4, a4);
    let a16 = mul(a8, a8);
    let a32 = mul(a16, a16);
    let a64 = mul(a32, a32);
    let a128 = mul(a64, a64);
    mul(mul(mul(a2, a4), mul(a8, a16)), mul(mul(a32, a64), a128))
}

/// Divides `a` by `b` (`b` must be non-zero for a meaningful result).
#[inline]
pub fn div(a: u8, b: u8) -> u8 {
    mul(a, inv(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A plain shift-and-add multiply with branches, independent of [`mul`].
    fn reference_mul(a: u8, b: u8) -> u8 {
        let mut result: u16 = 0;
        for bit in 0..8 {
            if (b >> bit) & 1 == 1 {
                result ^= (a as u16) << bit;
            }
        }
        for bit in (8..16).rev() {
            if (result >> bit) & 1 == 1 {
                result ^= 0x11B << (bit - 8);
            }
        }
        result as u8
    }

    #[test]
    fn mul_matches_reference_for_all_65536_pairs() {
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                assert_eq!(mul(a, b), reference_mul(a, b), "{a} * {b}");
            }
        }
    }

    #[test]
    fn inverse_of_every_nonzero_element() {
        assert_eq!(inv(0), 0);
        for a in 1..=255u8 {
            assert_eq!(mul(a, inv(a)), 1, "a = {a}");
            assert_eq!(div(mul(a, 0x53), a), 0x53);
        }
    }

    #[test]
    fn known_products_from_fips_197() {
        // FIPS-197 section 4.2: {57} * {83} = {c1}, {57} * {13} = {fe}.
        assert_eq!(mul(0x57, 0x83), 0xC1);
        assert_eq!(mul(0x57, 0x13), 0xFE);
        assert_eq!(add(0x57, 0x83), 0xD4);
    }
}
