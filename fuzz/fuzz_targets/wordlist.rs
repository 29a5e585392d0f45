//! Word look-up on arbitrary text: `index_of` only accepts a word or its 4-letter-or-longer
//! beginning in any case, every word finds itself, and `suggestions` never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use seedshard::slip39::wordlist;

fuzz_target!(|data: &[u8]| {
    if let Some((&a, rest)) = data.split_first() {
        // Every list word, and its first four letters in upper case, find it.
        let i = u16::from(a) * 4 + u16::from(rest.first().copied().unwrap_or(0) & 3);
        let word = wordlist::word(i);
        assert_eq!(wordlist::index_of(word), Some(i));
        assert_eq!(wordlist::index_of(&word[..4].to_ascii_uppercase()), Some(i));
    }
    let text = String::from_utf8_lossy(data);
    if let Some(i) = wordlist::index_of(&text) {
        let word = wordlist::word(i);
        assert!(text.len() >= 4, "prefix shorter than 4 letters accepted");
        assert!(
            word.starts_with(&text.to_ascii_lowercase()),
            "{text:?} is not a beginning of {word}"
        );
    }
    // `suggestions` scores the whole list: slow under coverage instrumentation, so only for
    // one input in 64, to keep the look-up itself fast to explore.
    if data.first().is_some_and(|b| b & 63 == 0) {
        let found = wordlist::suggestions(&text, 3);
        assert!(found.len() <= 3);
        assert!(found.iter().all(|w| wordlist::index_of(w).is_some()));
    }
});
