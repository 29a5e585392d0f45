//! `Share::from_indices` on arbitrary word indices (two input bytes each, so indices of 1024
//! and more occur too): never panics, and what parses gives back the same indices.
#![no_main]

use libfuzzer_sys::fuzz_target;
use seedshard::Share;

fuzz_target!(|data: &[u8]| {
    let indices: Vec<u16> = data
        .chunks_exact(2)
        // Mostly in range; the top bits of the first byte's high nibble reach out of range.
        .map(|c| u16::from_le_bytes([c[0], c[1]]) & 0x07ff)
        .collect();
    if let Ok(share) = Share::from_indices(&indices) {
        assert_eq!(share.to_indices().as_slice(), indices.as_slice());
        let again = Share::parse(&share.to_words()).expect("a formatted share parses");
        assert!(again == share);
    }
});
