//! PBKDF2-HMAC-SHA256 (RFC 8018, section 5.2; HMAC from RFC 2104) built directly on the
//! SHA-256 compression function.
//!
//! SLIP-39 spends nearly all of its time here: 10,000 << e iterations over the four Feistel
//! rounds. Each iteration is two compressions (the inner and the outer hash of one HMAC), and
//! this implementation does no more than that: the key's inner and outer states are computed
//! once, every iteration hashes one fixed 64-byte block whose padding is written once, and
//! nothing is allocated. The generic `pbkdf2` crate, driving `hmac` through the `digest`
//! traits, spends about 30% longer for the same result, on buffering and finalisation
//! (`docs/performance.md`; the unit tests check both give the same bytes).
//!
//! Every intermediate value (the padded key, U and T, the hash states) is zeroized when done,
//! as far as the compiler lets safe code: copies it makes in registers are beyond reach.

use sha2::block_api::compress256;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

/// SHA-256 block length in bytes (FIPS 180-4, section 1).
const BLOCK_LEN: usize = 64;
/// SHA-256 output length in bytes: the PBKDF2 block length hLen.
pub const OUTPUT_LEN: usize = 32;

/// SHA-256 initial hash value (FIPS 180-4, section 5.3.3).
const H256: [u32; 8] = [
    0x6a09_e667,
    0xbb67_ae85,
    0x3c6e_f372,
    0xa54f_f53a,
    0x510e_527f,
    0x9b05_688c,
    0x1f83_d9ab,
    0x5be0_cd19,
];

/// HMAC-SHA256 with its key absorbed: the hash states after the `K ^ ipad` and `K ^ opad`
/// blocks (RFC 2104, section 2), so that each HMAC afterwards costs only its message.
#[derive(Zeroize, ZeroizeOnDrop)]
struct HmacSha256 {
    inner: [u32; 8],
    outer: [u32; 8],
}

impl HmacSha256 {
    fn new(key: &[u8]) -> Self {
        // Keys longer than a block are hashed first (RFC 2104, section 2).
        let mut padded = Zeroizing::new([[0u8; BLOCK_LEN]; 1]);
        if key.len() > BLOCK_LEN {
            let mut digest = Zeroizing::new([0u8; OUTPUT_LEN]);
            sha256_from(H256, 0, &[key], &mut digest);
            padded[0][..OUTPUT_LEN].copy_from_slice(&digest[..]);
        } else {
            padded[0][..key.len()].copy_from_slice(key);
        }
        for b in padded[0].iter_mut() {
            *b ^= 0x36;
        }
        let mut inner = H256;
        compress256(&mut inner, &padded[..]);
        // 0x36 ^ 0x5c turns the ipad block into the opad block.
        for b in padded[0].iter_mut() {
            *b ^= 0x36 ^ 0x5c;
        }
        let mut outer = H256;
        compress256(&mut outer, &padded[..]);
        Self { inner, outer }
    }

    /// Writes the HMAC of a message given in parts, of any length, into `out`.
    fn mac(&self, parts: &[&[u8]], out: &mut [u8; OUTPUT_LEN]) {
        let mut inner = Zeroizing::new([0u8; OUTPUT_LEN]);
        sha256_from(self.inner, BLOCK_LEN as u64, parts, &mut inner);
        sha256_from(self.outer, BLOCK_LEN as u64, &[&inner[..]], out);
    }
}

/// Finishes a SHA-256 hash whose state is `state` after `absorbed` bytes (a whole number of
/// blocks), over the concatenation of `parts`, with the padding of FIPS 180-4, 5.1.1, and
/// writes the digest into `out`.
fn sha256_from(mut state: [u32; 8], absorbed: u64, parts: &[&[u8]], out: &mut [u8; OUTPUT_LEN]) {
    let mut block = Zeroizing::new([[0u8; BLOCK_LEN]; 1]);
    let mut fill = 0usize;
    let mut total = absorbed;
    for part in parts {
        total += part.len() as u64;
        let mut rest = *part;
        while !rest.is_empty() {
            let take = rest.len().min(BLOCK_LEN - fill);
            block[0][fill..fill + take].copy_from_slice(&rest[..take]);
            fill += take;
            rest = &rest[take..];
            if fill == BLOCK_LEN {
                compress256(&mut state, &block[..]);
                fill = 0;
            }
        }
    }
    block[0][fill] = 0x80;
    block[0][fill + 1..].fill(0);
    if fill + 1 > BLOCK_LEN - 8 {
        compress256(&mut state, &block[..]);
        block[0].fill(0);
    }
    block[0][BLOCK_LEN - 8..].copy_from_slice(&(total * 8).to_be_bytes());
    compress256(&mut state, &block[..]);
    for (chunk, word) in out.chunks_exact_mut(4).zip(&state) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    state.zeroize();
}

/// Derives `out.len()` bytes with PBKDF2-HMAC-SHA256 (RFC 8018, section 5.2) from
/// `password` and `salt` with `iterations` iterations.
///
/// The result equals that of `pbkdf2::pbkdf2_hmac::<sha2::Sha256>`, including for
/// `iterations == 0`, which both treat as 1 (RFC 8018 asks for a positive count).
///
/// # Panics
///
/// When `out` is longer than (2^32 - 1) * 32 bytes, the limit of RFC 8018 (step 1).
///
/// With password `password`, salt `salt` and one iteration, the key starts `12 0f b6 cf`
/// (checked in this module's tests).
pub fn pbkdf2_hmac_sha256(password: &[u8], salt: &[u8], iterations: u32, out: &mut [u8]) {
    let prf = HmacSha256::new(password);

    // U_j for j >= 2 is the HMAC of the 32-byte U_{j-1}: the inner hash compresses one block
    // holding U_{j-1} and the padding for 64 + 32 bytes, and the outer hash one block holding
    // the inner digest and the same padding. The padding is written once.
    let mut block = Zeroizing::new([[0u8; BLOCK_LEN]; 1]);
    block[0][OUTPUT_LEN] = 0x80;
    block[0][BLOCK_LEN - 8..]
        .copy_from_slice(&(((BLOCK_LEN + OUTPUT_LEN) as u64) * 8).to_be_bytes());
    let mut t = Zeroizing::new([0u8; OUTPUT_LEN]);

    for (i, chunk) in out.chunks_mut(OUTPUT_LEN).enumerate() {
        let index = u32::try_from(i + 1).expect("PBKDF2 output longer than (2^32 - 1) * hLen");
        // U_1 = PRF(P, S || INT(i)).
        prf.mac(&[salt, &index.to_be_bytes()], &mut t);
        block[0][..OUTPUT_LEN].copy_from_slice(&t[..]);
        iterate(&prf.inner, &prf.outer, &mut block, &mut t, iterations);
        chunk.copy_from_slice(&t[..chunk.len()]);
    }
}

/// Runs iterations 2..=`iterations` of one PBKDF2 block: `block` holds U_1 and the padding,
/// `t` holds U_1, and on return `t` is U_1 ^ ... ^ U_c.
///
/// Kept out of line, with the key states behind references and T accumulated in words, on
/// purpose: the compiler then moves the states and U in whole 16-byte units, so that each
/// 16-byte load in `compress256` is fed straight from one store. A load assembled from
/// several 4-byte stores stalls; that cost about 15% of the loop's time (the figures are in
/// `docs/performance.md`).
#[inline(never)]
fn iterate(
    inner: &[u32; 8],
    outer: &[u32; 8],
    block: &mut [[u8; BLOCK_LEN]; 1],
    t: &mut [u8; OUTPUT_LEN],
    iterations: u32,
) {
    let mut state = [0u32; 8];
    let mut acc = [0u32; 8];
    for (w, b) in acc.iter_mut().zip(t.chunks_exact(4)) {
        *w = u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    }
    for _ in 1..iterations {
        state = *inner;
        compress256(&mut state, &block[..]);
        write_words(&mut block[0], &state);
        state = *outer;
        compress256(&mut state, &block[..]);
        write_words(&mut block[0], &state);
        for (a, w) in acc.iter_mut().zip(&state) {
            *a ^= w;
        }
    }
    write_words_to(t, &acc);
    state.zeroize();
    acc.zeroize();
}

/// Writes a hash state big-endian into the first 32 bytes of `block`.
#[inline(always)]
fn write_words(block: &mut [u8; BLOCK_LEN], state: &[u32; 8]) {
    for (chunk, word) in block[..OUTPUT_LEN].chunks_exact_mut(4).zip(state) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
}

fn write_words_to(out: &mut [u8; OUTPUT_LEN], state: &[u32; 8]) {
    for (chunk, word) in out.chunks_exact_mut(4).zip(state) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
}

#[cfg(test)]
mod tests {
    use alloc::vec;
    use alloc::vec::Vec;

    use sha2::{Digest, Sha256};

    use super::*;

    /// The example in the documentation of `pbkdf2_hmac_sha256`.
    #[test]
    fn documented_example() {
        let mut key = [0u8; 32];
        pbkdf2_hmac_sha256(b"password", b"salt", 1, &mut key);
        assert_eq!(key[..4], [0x12, 0x0f, 0xb6, 0xcf]);
    }

    fn unhex(s: &str) -> Vec<u8> {
        let s: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
        s.chunks(2)
            .map(|p| u8::from_str_radix(core::str::from_utf8(p).unwrap(), 16).unwrap())
            .collect()
    }

    fn derive(password: &[u8], salt: &[u8], iterations: u32, len: usize) -> Vec<u8> {
        let mut out = vec![0u8; len];
        pbkdf2_hmac_sha256(password, salt, iterations, &mut out);
        out
    }

    fn reference(password: &[u8], salt: &[u8], iterations: u32, len: usize) -> Vec<u8> {
        let mut out = vec![0u8; len];
        ::pbkdf2::pbkdf2_hmac::<Sha256>(password, salt, iterations, &mut out);
        out
    }

    /// RFC 7914, section 11: the PBKDF2-HMAC-SHA256 test vectors.
    #[test]
    fn rfc7914_vectors() {
        assert_eq!(
            derive(b"passwd", b"salt", 1, 64),
            unhex(
                "55 ac 04 6e 56 e3 08 9f ec 16 91 c2 25 44 b6 05
                 f9 41 85 21 6d de 04 65 e6 8b 9d 57 c2 0d ac bc
                 49 ca 9c cc f1 79 b6 45 99 16 64 b3 9d 77 ef 31
                 7c 71 b8 45 b1 e3 0b d5 09 11 20 41 d3 a1 97 83"
            )
        );
        assert_eq!(
            derive(b"Password", b"NaCl", 80_000, 64),
            unhex(
                "4d dc d8 f6 0b 98 be 21 83 0c ee 5e f2 27 01 f9
                 64 1a 44 18 d0 4c 04 14 ae ff 08 87 6b 34 ab 56
                 a1 d4 25 a1 22 58 33 54 9a db 84 1b 51 c9 b3 17
                 6a 27 2b de bb a1 d0 78 47 8f 62 b3 97 f3 3c 8d"
            )
        );
    }

    /// The RFC 6070 inputs (written for SHA-1) with HMAC-SHA256, as widely published.
    #[test]
    fn rfc6070_inputs_with_sha256() {
        let cases: [(&[u8], &[u8], u32, &str); 5] = [
            (
                b"password",
                b"salt",
                1,
                "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b",
            ),
            (
                b"password",
                b"salt",
                2,
                "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43",
            ),
            (
                b"password",
                b"salt",
                4096,
                "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a",
            ),
            (
                b"passwordPASSWORDpassword",
                b"saltSALTsaltSALTsaltSALTsaltSALTsalt",
                4096,
                "348c89dbcbd32b2f32d814b8116e84cf2b17347ebc1800181c4e2a1fb8dd53e1c635518c7dac47e9",
            ),
            (
                b"pass\0word",
                b"sa\0lt",
                4096,
                "89b69d0516f829893c696226650a8687",
            ),
        ];
        for (i, (p, s, c, want)) in cases.iter().enumerate() {
            let want = unhex(want);
            assert_eq!(derive(p, s, *c, want.len()), want, "case {}", i + 1);
        }
    }

    #[test]
    fn matches_pbkdf2_crate_over_lengths() {
        // Key lengths around the block size (a key over 64 bytes is hashed first), salt
        // lengths around the padding boundaries (55/56 and 64 bytes with the 4-byte index),
        // and outputs of partial, whole and several blocks.
        let bytes: Vec<u8> = (0..=200u8)
            .map(|i| i.wrapping_mul(151).wrapping_add(7))
            .collect();
        for key_len in [0, 1, 31, 32, 63, 64, 65, 100, 200] {
            for salt_len in [0, 1, 51, 52, 55, 56, 59, 60, 64, 119, 120, 130] {
                for (iterations, out_len) in [(1, 32), (3, 16), (5, 33), (2, 64), (7, 97)] {
                    let (p, s) = (&bytes[..key_len], &bytes[200 - salt_len..]);
                    assert_eq!(
                        derive(p, s, iterations, out_len),
                        reference(p, s, iterations, out_len),
                        "key {key_len}, salt {salt_len}, c {iterations}, dklen {out_len}"
                    );
                }
            }
        }
    }

    #[test]
    fn matches_pbkdf2_crate_at_slip39_round_sizes() {
        // One SLIP-39 round at e = 0: password [round] || passphrase, salt "shamir" || id || R.
        let salt = b"shamir\x10\x920123456789abcdef0123456789abcdef";
        for (round, half) in [(0u8, 8usize), (3, 16), (1, 32)] {
            let password = [&[round][..], b"TREZOR"].concat();
            let s = &salt[..8 + half];
            assert_eq!(
                derive(&password, s, 2500, half),
                reference(&password, s, 2500, half)
            );
        }
    }

    #[test]
    fn zero_iterations_act_as_one_like_the_crate() {
        assert_eq!(derive(b"k", b"s", 0, 40), derive(b"k", b"s", 1, 40));
        assert_eq!(derive(b"k", b"s", 0, 40), reference(b"k", b"s", 0, 40));
    }

    #[test]
    fn empty_output_is_allowed() {
        assert!(derive(b"k", b"s", 10, 0).is_empty());
    }

    #[test]
    fn sha256_from_matches_sha2_over_message_lengths() {
        let msg: Vec<u8> = (0..300u16).map(|i| (i * 7 + 3) as u8).collect();
        for len in 0..=200 {
            let (a, b) = msg[..len].split_at(len / 3);
            let want: [u8; 32] = Sha256::digest(&msg[..len]).into();
            let mut got = [0u8; 32];
            sha256_from(H256, 0, &[a, b], &mut got);
            assert_eq!(got, want, "length {len}");
        }
    }
}
