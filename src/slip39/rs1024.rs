//! The RS1024 checksum over 10-bit words (SLIP-0039, "Checksum"): a Reed-Solomon code over
//! GF(1024) that detects any error in up to 3 words.

/// Customization string of shares without the extendable flag.
pub const CUSTOMIZATION_STRING_ORIG: &[u8] = b"shamir";
/// Customization string of shares with the extendable flag (SLIP-0039, 2024 revision).
pub const CUSTOMIZATION_STRING_EXTENDABLE: &[u8] = b"shamir_extendable";
/// Number of checksum words at the end of each share.
pub const CHECKSUM_LENGTH_WORDS: usize = 3;

const GEN: [u32; 10] = [
    0x00E0_E040,
    0x01C1_C080,
    0x0383_8100,
    0x0707_0200,
    0x0E0E_0009,
    0x1C0C_2412,
    0x3808_6C24,
    0x3090_FC48,
    0x21B1_F890,
    0x03F3_F120,
];

/// The customization string for a share with or without the extendable flag.
pub fn customization(extendable: bool) -> &'static [u8] {
    if extendable {
        CUSTOMIZATION_STRING_EXTENDABLE
    } else {
        CUSTOMIZATION_STRING_ORIG
    }
}

/// The RS1024 polynomial remainder of `customization` followed by `values`.
pub fn polymod(customization: &[u8], values: impl IntoIterator<Item = u16>) -> u32 {
    let mut chk: u32 = 1;
    let custom = customization.iter().map(|&b| u16::from(b));
    for v in custom.chain(values) {
        let b = chk >> 20;
        chk = ((chk & 0xF_FFFF) << 10) ^ u32::from(v);
        for (i, g) in GEN.iter().enumerate() {
            chk ^= g & 0u32.wrapping_sub((b >> i) & 1);
        }
    }
    chk
}

/// The three checksum words for `data` (a share without its checksum).
pub fn create_checksum(data: &[u16], extendable: bool) -> [u16; CHECKSUM_LENGTH_WORDS] {
    let pm = polymod(
        customization(extendable),
        data.iter().copied().chain([0u16; CHECKSUM_LENGTH_WORDS]),
    ) ^ 1;
    [
        ((pm >> 20) & 1023) as u16,
        ((pm >> 10) & 1023) as u16,
        (pm & 1023) as u16,
    ]
}

/// True when `data` (a whole share, checksum included) has a valid checksum.
pub fn verify_checksum(data: &[u16], extendable: bool) -> bool {
    polymod(customization(extendable), data.iter().copied()) == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksum_round_trip_and_single_word_errors_detected() {
        let mut data: alloc::vec::Vec<u16> = (0..17u16).map(|i| (i * 97 + 5) % 1024).collect();
        for ext in [false, true] {
            let mut share = data.clone();
            share.extend_from_slice(&create_checksum(&data, ext));
            assert!(verify_checksum(&share, ext));
            assert!(!verify_checksum(&share, !ext), "customization must matter");
            for pos in 0..share.len() {
                for delta in [1u16, 2, 512, 1023] {
                    let mut bad = share.clone();
                    bad[pos] ^= delta;
                    assert!(!verify_checksum(&bad, ext));
                }
            }
        }
        data.clear();
    }
}
