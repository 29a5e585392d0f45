//! BIP-39 input: `Bip39Phrase::parse` and `bip39::classify` on arbitrary text never panic;
//! a phrase that parses formats back to itself and its entropy rebuilds it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use seedshard::bip39::{classify, Bip39Phrase};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = classify(&text);
    if let Ok(phrase) = Bip39Phrase::parse(&text) {
        let words = phrase.to_words();
        let again = Bip39Phrase::parse(&words).expect("a formatted phrase parses");
        assert_eq!(again.to_words(), words);
        let entropy = phrase.to_entropy();
        let rebuilt = Bip39Phrase::from_entropy(entropy.expose_secret()).expect("entropy rebuilds");
        assert_eq!(rebuilt.to_words(), words);
    }
});
