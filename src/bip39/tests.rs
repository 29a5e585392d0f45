//! Unit tests of BIP-39 bridging.

use super::classify::is_share_word_count;
use super::*;
use crate::secret::MasterSecret;
use alloc::format;
use alloc::string::ToString;

const ABOUT: &str = "abandon abandon abandon abandon abandon abandon abandon abandon abandon \
                     abandon abandon about";

#[test]
fn debug_is_redacted() {
    let p = Bip39Phrase::parse(ABOUT).unwrap();
    assert_eq!(format!("{p:?}"), "Bip39Phrase([REDACTED; 12 words])");
    let pp = Bip39Passphrase::new("hunter2".to_string());
    assert!(!format!("{pp:?}").contains("hunter"));
    let seed = p.to_seed(&pp);
    assert_eq!(format!("{seed:?}"), "Bip39Seed([REDACTED; 64 bytes])");
}

#[test]
fn prefixes_and_case_are_accepted() {
    let p = Bip39Phrase::parse(
        "ABAN aban aband abandon Abandon abandon abandon abandon abandon abandon abandon abou",
    )
    .unwrap();
    assert_eq!(
        *p.to_words(),
        ABOUT.split_whitespace().collect::<Vec<_>>().join(" ")
    );
}

#[test]
fn unknown_word_reports_position_and_neighbours() {
    let err = Bip39Phrase::parse(
        "abandon abandon abandon abandon abandon abandno abandon abandon abandon abandon abandon about",
    )
    .unwrap_err();
    match err {
        ParseBip39Error::UnknownWord {
            position,
            suggestions,
        } => {
            assert_eq!(position, 6);
            assert_eq!(suggestions.first(), Some(&"abandon"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn three_letter_word_that_is_not_a_word_is_unknown() {
    // "aba" is a beginning shared by several words and shorter than 4 letters.
    let err = Bip39Phrase::parse(
        "aba abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
    )
    .unwrap_err();
    assert!(matches!(
        err,
        ParseBip39Error::UnknownWord { position: 1, .. }
    ));
}

#[test]
fn wrong_word_count_and_checksum() {
    assert_eq!(
        Bip39Phrase::parse("abandon abandon abandon abandon abandon about"),
        Err(ParseBip39Error::WordCount { words: 6 })
    );
    assert_eq!(
        Bip39Phrase::parse(&ABOUT.replace("about", "abandon")),
        Err(ParseBip39Error::Checksum)
    );
    assert_eq!(Bip39Phrase::parse(" \n"), Err(ParseBip39Error::Empty));
}

#[test]
fn slip39_share_is_recognised() {
    let share = "duckling enlarge academic academic agency result length solution fridge \
                 kidney coal piece deal husband erode duke ajar critical decision keyboard";
    assert_eq!(
        Bip39Phrase::parse(share),
        Err(ParseBip39Error::LooksLikeSlip39Share { words: 20 })
    );
}

#[test]
fn from_indices_checks_count_range_and_checksum() {
    let mut about = [0u16; 12];
    about[11] = 3;
    assert_eq!(
        *Bip39Phrase::from_indices(&about).unwrap().to_words(),
        ABOUT.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    assert_eq!(
        Bip39Phrase::from_indices(&[0; 12]),
        Err(ParseBip39Error::Checksum)
    );
    assert_eq!(
        Bip39Phrase::from_indices(&[0; 11]),
        Err(ParseBip39Error::WordCount { words: 11 })
    );
    about[4] = 2048;
    assert!(matches!(
        Bip39Phrase::from_indices(&about),
        Err(ParseBip39Error::UnknownWord { position: 5, .. })
    ));
}

#[test]
fn damaged_shares_and_phrases_keep_their_standard() {
    let share: Vec<&str> = "duckling enlarge academic academic agency result length solution \
         fridge kidney coal piece deal husband erode duke ajar critical decision keyboard"
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect();
    let short = share[..19].join(" ");
    assert_eq!(classify(&short), MnemonicKind::Slip39Share { words: 19 });
    let long = format!("{} academic", share.join(" "));
    assert_eq!(classify(&long), MnemonicKind::Slip39Share { words: 21 });
    let phrase: Vec<&str> = ABOUT.split_whitespace().collect();
    assert_eq!(
        classify(&phrase[..11].join(" ")),
        MnemonicKind::Bip39 { words: 11 }
    );
    assert_eq!(
        classify("hello world this is not a mnemonic"),
        MnemonicKind::Unknown { words: 7 }
    );
}

#[test]
fn other_languages_are_named() {
    // BIP-39 test vector phrases in French and Japanese (entropy 00..00, 128 bits).
    let french = "abaisser abaisser abaisser abaisser abaisser abaisser abaisser abaisser \
                  abaisser abaisser abaisser abeille";
    assert_eq!(
        Bip39Phrase::parse(french),
        Err(ParseBip39Error::NotEnglish { language: "French" })
    );
    let japanese =
        "あいこくしん　あいこくしん　あいこくしん　あいこくしん　あいこくしん　あいこくしん　\
                    あいこくしん　あいこくしん　あいこくしん　あいこくしん　あいこくしん　あおぞら";
    assert_eq!(
        Bip39Phrase::parse(japanese),
        Err(ParseBip39Error::NotEnglish {
            language: "Japanese"
        })
    );
}

#[test]
fn share_word_counts_never_meet_phrase_word_counts() {
    for n in WORD_COUNTS {
        assert!(!is_share_word_count(n), "{n}");
    }
    assert!(is_share_word_count(20));
    assert!(is_share_word_count(33));
    assert!(is_share_word_count(59));
}

#[test]
fn entropy_round_trip_and_lengths() {
    for bits in [128, 160, 192, 224, 256] {
        let p = Bip39Phrase::generate(bits).unwrap();
        assert_eq!(p.word_count(), bits / 32 * 3);
        let secret = p.to_entropy();
        assert_eq!(secret.len(), bits / 8);
        assert_eq!(Bip39Phrase::from_master_secret(&secret).unwrap(), p);
    }
    assert_eq!(
        Bip39Phrase::generate(100).unwrap_err(),
        Bip39Error::Strength { bits: 100 }
    );
    let s18 = MasterSecret::new(alloc::vec![1; 18]).unwrap();
    assert_eq!(
        Bip39Phrase::from_master_secret(&s18).unwrap_err(),
        Bip39Error::EntropyLength { len: 18 }
    );
}

#[test]
fn modes_parse_and_pick_the_secret() {
    assert_eq!("Entropy".parse::<Bip39Mode>(), Ok(Bip39Mode::Entropy));
    assert_eq!("seed".parse::<Bip39Mode>(), Ok(Bip39Mode::Seed));
    assert!("both".parse::<Bip39Mode>().is_err());
    let p = Bip39Phrase::parse(ABOUT).unwrap();
    let pp = Bip39Passphrase::new("TREZOR".to_string());
    assert_eq!(p.to_master_secret(Bip39Mode::Entropy, &pp).len(), 16);
    let seed = p.to_master_secret(Bip39Mode::Seed, &pp);
    assert_eq!(seed.expose_secret(), p.to_seed(&pp).expose_secret());
    assert_ne!(
        seed.expose_secret(),
        p.to_seed(&Bip39Passphrase::empty()).expose_secret()
    );
}

#[test]
fn word_lists_are_the_crates_whole_lists() {
    for &language in ::bip39::Language::ALL {
        let list = word_list(language);
        assert_eq!(list, &language.word_list()[..], "{language:?}");
        for (i, word) in list.iter().enumerate() {
            assert_eq!(
                find_word(language, word),
                language.find_word(word),
                "{word}"
            );
            assert_eq!(
                find_word(language, word).map(usize::from),
                Some(i),
                "{word}"
            );
        }
    }
    use ::bip39::Language::{English, Italian, Korean, Portuguese};
    for language in [English, Italian, Korean, Portuguese] {
        assert!(
            word_list(language).is_sorted(),
            "{language:?} is searched by bisection"
        );
    }
    for &language in ::bip39::Language::ALL {
        assert_eq!(find_word(language, "notaword"), None, "{language:?}");
        assert_eq!(find_word(language, ""), None, "{language:?}");
    }
}

#[test]
fn a_phrase_is_read_as_people_write_it_down() {
    // Numbered as on a wallet's backup card, over several lines, under a label, with
    // comments and a byte-order mark: the same phrase.
    let written = "\u{feff}# kept in the safe\nRecovery phrase:\n1. abandon 2. abandon 3) abandon 4 abandon\n\
                   5. abandon 6. abandon\n7.abandon 8. abandon\n9. abandon 10. abandon\n\
                   11. abandon # the last two\n12. about\n";
    let p = Bip39Phrase::parse(written).unwrap();
    assert_eq!(p.to_words().as_str(), ABOUT);
    assert_eq!(classify(written), MnemonicKind::Bip39 { words: 12 });
    // A label before the words on their line.
    let labelled = format!("Seed phrase (12 words): {ABOUT}");
    assert_eq!(
        Bip39Phrase::parse(&labelled).unwrap().to_words().as_str(),
        ABOUT
    );
    // Word positions count words, not numbers.
    let wrong = written.replace("7.abandon", "7. abandun");
    match Bip39Phrase::parse(&wrong) {
        Err(ParseBip39Error::UnknownWord { position, .. }) => assert_eq!(position, 7),
        other => panic!("{other:?}"),
    }
    // Digits run into a word are not numbering: reported, not dropped.
    assert!(matches!(
        Bip39Phrase::parse(&ABOUT.replace("about", "12about")),
        Err(ParseBip39Error::UnknownWord { position: 12, .. })
    ));
    assert_eq!(
        Bip39Phrase::parse(&written.replace("12. about", "12about")),
        Err(ParseBip39Error::Numbering)
    );
}

/// A 24-word phrase whose last 12 words are a 12-word phrase of their own ([`ABOUT`]).
fn phrase_ending_in_another() -> (String, String) {
    let list = word_list(::bip39::Language::English);
    let tail = ABOUT.split(' ').collect::<Vec<_>>();
    for first in list {
        let head = format!("{first} {}", ["abandon"; 11].join(" "));
        if Bip39Phrase::parse(&format!("{head} {}", tail.join(" "))).is_ok() {
            return (head, ABOUT.to_string());
        }
    }
    unreachable!("about 8 of the 2,048 first words make a valid phrase");
}

#[test]
fn nothing_that_could_be_words_is_left_out_of_a_phrase() {
    let (p1, p2) = phrase_ending_in_another();
    let whole = format!("{p1} {p2}");
    assert!(
        Bip39Phrase::parse(&p2).is_ok(),
        "the tail is a phrase of its own"
    );
    // Text around a colon among the words would leave the other phrase: refused.
    for (text, line) in [
        (format!("Words 1-12: {p1} Words 13-24: {p2}"), 1),
        (format!("{p1} (checked 10:30)\n{p2}"), 1),
        (format!("{p1}:\n{p2}"), 1),
        (format!("{p1}\nchecked: {p2}"), 2),
        (format!("Old wallet:\n{p2}\nNew wallet:\n{p1}"), 3),
    ] {
        assert_eq!(
            Bip39Phrase::parse(&text),
            Err(ParseBip39Error::ColonAmongWords { line }),
            "{text}"
        );
    }
    // A comment ends at every kind of line end, not only LF: the words after it stay.
    for end in [
        "\r", "\u{b}", "\u{c}", "\u{85}", "\u{2028}", "\u{2029}", "\r\n",
    ] {
        let text = format!("{p1} # words 1-12{end}{p2} # words 13-24");
        assert_eq!(
            Bip39Phrase::parse(&text).unwrap().to_words().as_str(),
            whole,
            "{end:?}"
        );
    }
    // Line numbers are an editor's: counted at LF only.
    assert_eq!(
        Bip39Phrase::parse(&format!("# backup\u{c}\n{p2}: x")),
        Err(ParseBip39Error::ColonAmongWords { line: 2 })
    );
    // A heading of 3 words without its ':' (or with it behind a #) cannot be told from
    // words of the phrase when the text makes a phrase either way: refused.
    for (text, line) in [
        (format!("Main seed phrase\n{p2}"), 1),
        (format!("Main seed phrase #1:\n{p2}"), 1),
        (format!("{p2}\nkeep it safe"), 2),
    ] {
        assert_eq!(
            Bip39Phrase::parse(&text),
            Err(ParseBip39Error::HeadingOrWords { line }),
            "{text}"
        );
    }
    // Lines of 3 words each are a phrase written so, not a heading.
    let threes: Vec<String> = whole
        .split(' ')
        .collect::<Vec<_>>()
        .chunks(3)
        .map(|c| c.join(" "))
        .collect();
    assert_eq!(
        Bip39Phrase::parse(&threes.join("\n"))
            .unwrap()
            .to_words()
            .as_str(),
        whole
    );
    // A label, on its line or before the words, is left out.
    for text in [
        format!("Recovery phrase:\n{p1}\n{p2}"),
        format!("Seed phrase (24 words): {p1}\n{p2}"),
    ] {
        assert_eq!(
            Bip39Phrase::parse(&text).unwrap().to_words().as_str(),
            whole
        );
    }
}

#[test]
fn numbered_words_are_read_in_the_order_of_their_numbers_and_numbered_once_each() {
    let (p1, p2) = phrase_ending_in_another();
    let words: Vec<String> = format!("{p1} {p2}").split(' ').map(String::from).collect();
    // A card of two columns, typed a row at a time: 1 and 13, 2 and 14, ...
    let rows: Vec<String> = (0..12)
        .map(|i| format!("{}. {} {}. {}", i + 1, words[i], i + 13, words[i + 12]))
        .collect();
    assert_eq!(
        Bip39Phrase::parse(&rows.join("\n"))
            .unwrap()
            .to_words()
            .as_str(),
        words.join(" ")
    );
    let numbered = |words: &[&str], numbers: &[usize]| {
        words
            .iter()
            .zip(numbers)
            .map(|(w, n)| format!("{n}. {w}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let about: Vec<&str> = ABOUT.split(' ').collect();
    let in_order: Vec<usize> = (1..=12).collect();
    assert!(Bip39Phrase::parse(&numbered(&about, &in_order)).is_ok());
    let mut twice = in_order.clone();
    twice[5] = 5;
    let mut too_large = in_order.clone();
    too_large[11] = 13;
    for text in [
        numbered(&about, &twice),
        numbered(&about, &too_large),
        // Some numbered, some not.
        format!("1. {}", ABOUT),
        // A number without its word.
        format!("{} 13.", numbered(&about, &in_order)),
        // Two numbers in a row.
        format!("1. 2. {}", ABOUT),
    ] {
        assert_eq!(
            Bip39Phrase::parse(&text),
            Err(ParseBip39Error::Numbering),
            "{text}"
        );
    }
}
