//! `qr::classify` on arbitrary QR payload bytes: never panics; a payload read as a share is
//! the canonical encoding of that share in its format (so a share has exactly one payload
//! per format); a SeedQR's indices are BIP-39 indices.
#![no_main]

use libfuzzer_sys::fuzz_target;
use seedshard::qr::{classify, encode_payload, Decoded};

fuzz_target!(|data: &[u8]| {
    match classify(data) {
        Decoded::Share { share, format } => {
            let again = encode_payload(&share, format);
            match classify(again.as_bytes()) {
                Decoded::Share { share: back, .. } => {
                    assert!(back == share, "re-encoded share differs")
                }
                _ => panic!("an encoded share is not read as a share"),
            }
        }
        Decoded::SeedQr { indices } => {
            assert!([12, 15, 18, 21, 24].contains(&indices.len()));
            assert!(indices.iter().all(|&i| i < 2048));
        }
        Decoded::CompactSeedQr { entropy } => assert!(entropy.len() == 16 || entropy.len() == 32),
        Decoded::NotAShare(what) => {
            // The description names a shape, never the content: it stays short whatever the
            // payload's length.
            assert!(what.to_string().len() <= 160, "{what}");
        }
        // `Decoded` is non-exhaustive: later kinds only need not to panic.
        _ => {}
    }
});
