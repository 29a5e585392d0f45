//! Shamir's secret sharing over GF(256) with a digest share (SLIP-0039, "Sharing a secret"
//! and "Recovering the secret").
//!
//! For a threshold t >= 2, the polynomial passes through t - 2 random shares, the digest
//! share at x = 254 (4 bytes of HMAC-SHA256 of the secret, keyed by the random rest) and the
//! secret at x = 255. Recovering checks the digest, so a wrong share is detected.

use alloc::vec::Vec;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::gf256;

/// The x-coordinate of the digest share.
pub const DIGEST_INDEX: u8 = 254;
/// The x-coordinate of the shared secret.
pub const SECRET_INDEX: u8 = 255;
/// Bytes of the digest.
pub const DIGEST_LENGTH_BYTES: usize = 4;

/// A point (x, y) on the sharing polynomial, y a byte string evaluated bytewise.
pub struct RawShare<'a> {
    /// The x-coordinate (a member or group index).
    pub x: u8,
    /// The value at x. Secret.
    pub y: &'a [u8],
}

/// Why raw shares do not interpolate to a verified secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShamirError {
    /// The recovered secret does not match its digest.
    Digest,
}

/// Evaluates at `x` the polynomial of least degree through `shares`.
///
/// The caller guarantees distinct x-coordinates, equal value lengths and at least one share.
pub fn interpolate(shares: &[RawShare<'_>], x: u8) -> Zeroizing<Vec<u8>> {
    let len = shares[0].y.len();
    if let Some(s) = shares.iter().find(|s| s.x == x) {
        return Zeroizing::new(s.y.to_vec());
    }
    let mut result = Zeroizing::new(alloc::vec![0u8; len]);
    for (i, si) in shares.iter().enumerate() {
        // Lagrange basis polynomial i at x: prod_{j != i} (x - x_j) / (x_i - x_j).
        let mut num = 1u8;
        let mut den = 1u8;
        for (j, sj) in shares.iter().enumerate() {
            if i != j {
                num = gf256::mul(num, gf256::add(x, sj.x));
                den = gf256::mul(den, gf256::add(si.x, sj.x));
            }
        }
        let basis = gf256::div(num, den);
        for (r, &y) in result.iter_mut().zip(si.y) {
            *r ^= gf256::mul(basis, y);
        }
    }
    result
}

fn create_digest(random_part: &[u8], secret: &[u8]) -> [u8; DIGEST_LENGTH_BYTES] {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(random_part)
        .expect("HMAC accepts keys of any length");
    mac.update(secret);
    let tag = mac.finalize().into_bytes();
    let mut out = [0u8; DIGEST_LENGTH_BYTES];
    out.copy_from_slice(&tag[..DIGEST_LENGTH_BYTES]);
    out
}

/// Splits `secret` into `count` shares with x = 0..count, any `threshold` of which recover it.
///
/// The caller guarantees 1 <= threshold <= count <= 16 and a secret of at least 16 bytes.
pub fn split_secret<R: rand_core::CryptoRng + ?Sized>(
    threshold: u8,
    count: u8,
    secret: &[u8],
    rng: &mut R,
) -> Vec<Zeroizing<Vec<u8>>> {
    debug_assert!(threshold >= 1 && threshold <= count && count <= 16);
    if threshold == 1 {
        return (0..count)
            .map(|_| Zeroizing::new(secret.to_vec()))
            .collect();
    }
    let len = secret.len();
    let random_count = usize::from(threshold - 2);
    let mut shares: Vec<Zeroizing<Vec<u8>>> = (0..random_count)
        .map(|_| {
            let mut v = Zeroizing::new(alloc::vec![0u8; len]);
            rng.fill_bytes(&mut v);
            v
        })
        .collect();
    let mut digest_share = Zeroizing::new(alloc::vec![0u8; len]);
    rng.fill_bytes(&mut digest_share[DIGEST_LENGTH_BYTES..]);
    let digest = create_digest(&digest_share[DIGEST_LENGTH_BYTES..], secret);
    digest_share[..DIGEST_LENGTH_BYTES].copy_from_slice(&digest);

    let derived: Vec<Zeroizing<Vec<u8>>> = {
        let mut base: Vec<RawShare<'_>> = shares
            .iter()
            .enumerate()
            .map(|(i, y)| RawShare { x: i as u8, y })
            .collect();
        base.push(RawShare {
            x: DIGEST_INDEX,
            y: &digest_share,
        });
        base.push(RawShare {
            x: SECRET_INDEX,
            y: secret,
        });
        (random_count as u8..count)
            .map(|x| interpolate(&base, x))
            .collect()
    };
    shares.extend(derived);
    shares
}

/// Recovers the secret from `threshold` shares and checks its digest.
///
/// The caller guarantees distinct x-coordinates, equal lengths and `shares.len() == threshold`
/// (for threshold 1, any one share is the secret).
///
/// # Errors
///
/// [`ShamirError::Digest`] when the digest does not match: a share is wrong or foreign.
pub fn recover_secret(
    threshold: u8,
    shares: &[RawShare<'_>],
) -> Result<Zeroizing<Vec<u8>>, ShamirError> {
    if threshold == 1 {
        return Ok(Zeroizing::new(shares[0].y.to_vec()));
    }
    let secret = interpolate(shares, SECRET_INDEX);
    let digest_share = interpolate(shares, DIGEST_INDEX);
    let expected = create_digest(&digest_share[DIGEST_LENGTH_BYTES..], &secret);
    if bool::from(digest_share[..DIGEST_LENGTH_BYTES].ct_eq(&expected)) {
        Ok(secret)
    } else {
        Err(ShamirError::Digest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Counter(u8);
    impl rand_core::TryRng for Counter {
        type Error = core::convert::Infallible;
        fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
            let mut b = [0u8; 4];
            self.try_fill_bytes(&mut b)?;
            Ok(u32::from_le_bytes(b))
        }
        fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
            let mut b = [0u8; 8];
            self.try_fill_bytes(&mut b)?;
            Ok(u64::from_le_bytes(b))
        }
        fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
            for d in dst {
                self.0 = self.0.wrapping_mul(31).wrapping_add(7);
                *d = self.0;
            }
            Ok(())
        }
    }
    impl rand_core::TryCryptoRng for Counter {}

    #[test]
    fn every_threshold_subset_recovers_and_digest_catches_tampering() {
        let secret: Vec<u8> = (0..16).collect();
        let mut rng = Counter(1);
        for threshold in 1..=5u8 {
            let shares = split_secret(threshold, 5, &secret, &mut rng);
            for start in 0..=(5 - threshold) {
                let raw: Vec<RawShare<'_>> = (start..start + threshold)
                    .map(|x| RawShare {
                        x,
                        y: &shares[usize::from(x)],
                    })
                    .collect();
                assert_eq!(&recover_secret(threshold, &raw).unwrap()[..], &secret[..]);
            }
            if threshold >= 2 {
                let mut bad = shares[0].to_vec();
                bad[3] ^= 1;
                let mut raw: Vec<RawShare<'_>> = (1..threshold)
                    .map(|x| RawShare {
                        x,
                        y: &shares[usize::from(x)],
                    })
                    .collect();
                raw.push(RawShare { x: 0, y: &bad });
                assert_eq!(recover_secret(threshold, &raw), Err(ShamirError::Digest));
            }
        }
    }
}
