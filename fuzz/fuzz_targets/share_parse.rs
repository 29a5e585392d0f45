//! `Share::parse` on arbitrary text: never panics, and what parses formats back to a share
//! that parses to the same share (through words and through indices).
//!
//! One input in eight is raw text. The others are turned into list words (two bytes a word,
//! in varied case, whole or cut to their first four letters, with varied white space), so
//! that the fuzzer spends its time past the word look-up, in the field, padding and checksum
//! checks: an unknown word costs a scoring of the whole list for suggestions, which is slow
//! under coverage instrumentation.
#![no_main]

use libfuzzer_sys::fuzz_target;
use seedshard::slip39::{rs1024, wordlist};
use seedshard::Share;

fn words_text(data: &[u8], fix_checksum: bool) -> String {
    let values: Vec<u16> = data
        .chunks(2)
        .map(|c| u16::from_le_bytes([c[0], c.get(1).copied().unwrap_or(0)]))
        .collect();
    let mut indices: Vec<u16> = values.iter().map(|v| v & 0x3ff).collect();
    let n = indices.len();
    if fix_checksum && n > 3 {
        // The extendable flag is bit 4 of the second word (SLIP-0039, "Format").
        let extendable = n > 1 && indices[1] >> 4 & 1 == 1;
        let checksum = rs1024::create_checksum(&indices[..n - 3], extendable);
        indices[n - 3..].copy_from_slice(&checksum);
    }
    let mut text = String::new();
    for (&v, &i) in values.iter().zip(&indices) {
        let word = wordlist::word(i);
        // The top bits choose the spelling and the separator.
        let word = if v & 0x400 != 0 { &word[..4] } else { word };
        if v & 0x800 != 0 {
            text.push_str(&word.to_ascii_uppercase());
        } else {
            text.push_str(word);
        }
        text.push_str(match v >> 12 {
            0 => "\t",
            1 => "  ",
            2 => "\n",
            _ => " ",
        });
    }
    text
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        assert!(Share::parse("").is_err());
        return;
    };
    let text = if mode & 7 == 0 {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        words_text(rest, mode & 8 == 0)
    };
    if let Ok(share) = Share::parse(&text) {
        let words = share.to_words();
        let again = Share::parse(&words).expect("a formatted share parses");
        assert!(again == share, "parse(format(share)) differs");
        let indices = share.to_indices();
        let from = Share::from_indices(&indices).expect("a share's indices parse");
        assert!(from == share, "from_indices(to_indices(share)) differs");
        assert_eq!(share.word_count(), indices.len());
    }
});
