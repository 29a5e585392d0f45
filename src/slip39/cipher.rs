//! The SLIP-39 encryption of the master secret: a 4-round Feistel network whose round
//! function is PBKDF2-HMAC-SHA256 (SLIP-0039, "Encryption of the master secret").
//!
//! Round i computes PBKDF2(password = \[i\] || passphrase, salt = S || R, 2500 * 2^e iterations,
//! length |R|). The salt prefix S is "shamir" || identifier (2 bytes, big-endian) without the
//! extendable flag, and empty with it. PBKDF2 runs on the raw SHA-256 compression function
//! (see [`super::pbkdf2`]), which keeps the rounds close to the hardware limit.

use alloc::vec::Vec;

use zeroize::Zeroizing;

use super::pbkdf2::pbkdf2_hmac_sha256;
use super::rs1024::CUSTOMIZATION_STRING_ORIG;
use super::share::{Identifier, IterationExponent};

/// Feistel rounds (SLIP-0039: 4).
pub const ROUND_COUNT: u8 = 4;
/// Iterations of all rounds together at e = 0 (SLIP-0039: 10000).
pub const BASE_ITERATION_COUNT: u32 = 10_000;

/// PBKDF2 iterations of one round at exponent `e`.
pub fn round_iterations(e: IterationExponent) -> u32 {
    (BASE_ITERATION_COUNT << e.get()) / u32::from(ROUND_COUNT)
}

fn salt_prefix(identifier: Identifier, extendable: bool) -> Vec<u8> {
    if extendable {
        Vec::new()
    } else {
        let mut s = CUSTOMIZATION_STRING_ORIG.to_vec();
        s.extend_from_slice(&identifier.get().to_be_bytes());
        s
    }
}

fn round_function(
    round: u8,
    passphrase: &[u8],
    e: IterationExponent,
    salt_prefix: &[u8],
    r: &[u8],
    out: &mut [u8],
) {
    let mut password = Zeroizing::new(Vec::with_capacity(passphrase.len() + 1));
    password.push(round);
    password.extend_from_slice(passphrase);
    let mut salt = Zeroizing::new(Vec::with_capacity(salt_prefix.len() + r.len()));
    salt.extend_from_slice(salt_prefix);
    salt.extend_from_slice(r);
    pbkdf2_hmac_sha256(&password, &salt, round_iterations(e), out);
}

fn feistel(
    input: &[u8],
    passphrase: &[u8],
    e: IterationExponent,
    identifier: Identifier,
    extendable: bool,
    rounds: impl Iterator<Item = u8>,
) -> Zeroizing<Vec<u8>> {
    debug_assert!(input.len().is_multiple_of(2));
    let half = input.len() / 2;
    let mut l = Zeroizing::new(input[..half].to_vec());
    let mut r = Zeroizing::new(input[half..].to_vec());
    let mut f = Zeroizing::new(alloc::vec![0u8; half]);
    let salt = salt_prefix(identifier, extendable);
    for round in rounds {
        round_function(round, passphrase, e, &salt, &r, &mut f);
        for (li, fi) in l.iter_mut().zip(f.iter()) {
            *li ^= fi;
        }
        core::mem::swap(&mut l, &mut r);
    }
    let mut out = Zeroizing::new(Vec::with_capacity(input.len()));
    out.extend_from_slice(&r);
    out.extend_from_slice(&l);
    out
}

/// Encrypts a master secret into the encrypted master secret (EMS) that is shared.
pub fn encrypt(
    master_secret: &[u8],
    passphrase: &[u8],
    e: IterationExponent,
    identifier: Identifier,
    extendable: bool,
) -> Zeroizing<Vec<u8>> {
    feistel(
        master_secret,
        passphrase,
        e,
        identifier,
        extendable,
        0..ROUND_COUNT,
    )
}

/// Decrypts an encrypted master secret. Any passphrase gives some secret: a wrong one gives
/// a different, valid-looking wallet (SLIP-0039 plausible deniability).
pub fn decrypt(
    encrypted: &[u8],
    passphrase: &[u8],
    e: IterationExponent,
    identifier: Identifier,
    extendable: bool,
) -> Zeroizing<Vec<u8>> {
    feistel(
        encrypted,
        passphrase,
        e,
        identifier,
        extendable,
        (0..ROUND_COUNT).rev(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decrypt_inverts_encrypt_for_both_salts() {
        let ms: Vec<u8> = (0..32).collect();
        let id = Identifier::new(4242).unwrap();
        let e = IterationExponent::new(0).unwrap();
        for ext in [false, true] {
            let c = encrypt(&ms, b"TREZOR", e, id, ext);
            assert_ne!(&c[..], &ms[..]);
            assert_eq!(&decrypt(&c, b"TREZOR", e, id, ext)[..], &ms[..]);
            assert_ne!(&decrypt(&c, b"TREZOr", e, id, ext)[..], &ms[..]);
        }
        // Without the flag the identifier is in the salt; with it, it is not.
        let other = Identifier::new(4243).unwrap();
        assert_ne!(
            encrypt(&ms, b"", e, id, false),
            encrypt(&ms, b"", e, other, false)
        );
        assert_eq!(
            encrypt(&ms, b"", e, id, true),
            encrypt(&ms, b"", e, other, true)
        );
    }

    #[test]
    fn iterations_per_round() {
        assert_eq!(round_iterations(IterationExponent::new(0).unwrap()), 2500);
        assert_eq!(round_iterations(IterationExponent::new(4).unwrap()), 40_000);
        assert_eq!(
            round_iterations(IterationExponent::new(15).unwrap()),
            81_920_000
        );
    }
}
