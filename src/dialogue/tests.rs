//! The dialogue, driven by scripts of what a person types.

use super::*;
use crate::{MasterSecret, Passphrase, SplitPlan};

fn words_of(secret: u8, t: u8, n: u8) -> Vec<String> {
    SplitPlan::single(t, n)
        .unwrap()
        .split(
            &MasterSecret::new(alloc::vec![secret; 16]).unwrap(),
            &Passphrase::empty(),
        )
        .unwrap()
        .shares()
        .map(|s| s.to_words().to_string())
        .collect()
}

/// Plays `answers` in turn; returns every prompt and line shown.
fn play(d: &mut Dialogue, answers: &[&str]) -> Vec<String> {
    let mut shown = Vec::new();
    let mut answers = answers.iter();
    while let Some(p) = d.prompt() {
        shown.push(format!("PROMPT {}", p.text()));
        shown.extend(d.answer(answers.next().copied()));
    }
    shown
}

#[test]
fn a_stray_card_first_a_word_confirmed_progress_and_the_end() {
    let words = words_of(0x42, 2, 3);
    let stray = words_of(0x01, 2, 3);
    let mut smudged: Vec<&str> = words[0].split(' ').collect();
    smudged[6] = "?";
    let smudged = smudged.join(" ");
    // The second share word by word, its 5th word mistyped then typed again.
    let second: Vec<&str> = words[1].split(' ').collect();
    let mut answers: Vec<String> =
        alloc::vec![stray[0].clone(), smudged, "maybe".into(), "y".into()];
    for (k, w) in second.iter().enumerate() {
        if k == 4 {
            answers.push("qqqqz".into());
        }
        answers.push((*w).into());
    }
    answers.push(String::new());
    let answers: Vec<&str> = answers.iter().map(String::as_str).collect();
    let mut d = Dialogue::new();
    let text = play(&mut d, &answers).join("\n");
    assert!(text.contains("PROMPT share 1: "), "{text}");
    assert!(
        text.contains("  share 2: the checksum works out 1 word:"),
        "{text}"
    );
    assert!(
        text.contains("word 7 was unreadable; the checksum gives"),
        "{text}"
    );
    assert!(text.contains("please answer y or n"), "{text}");
    assert!(text.contains("now recovering set"), "{text}");
    assert!(text.contains("1 of 2 shares, 1 more needed"), "{text}");
    assert!(text.contains("PROMPT share 3, word 5: "), "{text}");
    assert!(
        text.contains("word 5 is not a SLIP-39 word (words starting Q"),
        "{text}"
    );
    assert!(text.contains("the digest confirms them"), "{text}");
    assert!(text.contains("All the shares needed are in."), "{text}");
    assert!(text.contains("PROMPT Press Enter to go on"), "{text}");
    assert!(d.prompt().is_none());
    let shares = d.finish().unwrap();
    assert_eq!(shares.len(), 2);
    assert_eq!(
        crate::combine(&shares, &Passphrase::empty()).unwrap(),
        MasterSecret::new(alloc::vec![0x42; 16]).unwrap()
    );
}

#[test]
fn too_few_shares_end_with_what_is_missing() {
    let words = words_of(0x42, 3, 5);
    let mut d = Dialogue::new();
    let text = play(&mut d, &[&words[0], "", ""]).join("\n");
    assert!(
        text.contains("not enough shares yet: 1 of 3 shares, 2 more needed"),
        "{text}"
    );
    let e = d.finish().unwrap_err();
    assert!(e.what.contains("2 more needed"), "{}", e.what);
    // Refusing the worked-out words does not take the share.
    let mut smudged: Vec<&str> = words[0].split(' ').collect();
    smudged[4] = "?";
    let mut d = Dialogue::new();
    let text = play(&mut d, &[&smudged.join(" "), "n"]).join("\n");
    assert!(text.contains("share not taken"), "{text}");
    assert!(d.recovery().entries().is_empty());
}

#[cfg(feature = "bip39")]
#[test]
fn a_bip39_phrase_typed_word_by_word_is_named_and_not_taken() {
    let words = words_of(0x42, 2, 3);
    // A 12-word phrase, one word a line (a mix of words in both lists and only in
    // BIP-39's, and a 4-letter beginning), then the shares.
    let phrase = "legal winner thank year wave sausage worth useful legal winner thank yellow";
    let mut answers: Vec<String> = phrase.split(' ').map(String::from).collect();
    answers[5] = "saus".into();
    answers.extend([words[0].clone(), words[1].clone(), String::new()]);
    let answers: Vec<&str> = answers.iter().map(String::as_str).collect();
    let mut d = Dialogue::new();
    let text = play(&mut d, &answers).join("\n");
    assert!(
        text.contains("this looks like a 12-word BIP-39 phrase, not a SLIP-39 share"),
        "{text}"
    );
    assert!(!text.contains("not a SLIP-39 word"), "{text}");
    assert!(text.contains("PROMPT share 1, word 12: "), "{text}");
    assert_eq!(d.finish().unwrap().len(), 2);
    // A SLIP-39 share whose first word is mistyped as a BIP-39 word: the word is held
    // while the words could be a phrase, and asked for again as soon as a word follows
    // that no BIP-39 phrase has (here ?, an unreadable second word).
    assert!(is_bip39_word("zebra") && wordlist::index_of("zebra").is_none());
    let share: Vec<&str> = words[0].split(' ').collect();
    let mut answers: Vec<&str> = alloc::vec!["zebra", "?", share[0]];
    answers.extend(&share[2..]);
    // With a word unreadable, an empty line ends the share.
    answers.extend(["", "y", words[1].as_str(), ""]);
    let mut d = Dialogue::new();
    let text = play(&mut d, &answers).join("\n");
    assert!(text.contains("PROMPT share 1, word 2: "), "{text}");
    assert!(text.contains("word 1 is not a SLIP-39 word"), "{text}");
    assert!(text.contains("word 2 was unreadable"), "{text}");
    assert!(!text.contains("BIP-39 phrase"), "{text}");
    assert_eq!(d.finish().unwrap().len(), 2, "{text}");
}

#[test]
fn typing_goes_on_from_shares_read_and_gives_only_those_typed() {
    let words = words_of(0x42, 3, 5);
    let read = Share::parse(&words[0]).unwrap();
    let mut rec = Recovery::new();
    rec.add(read, "file");
    let mut d = Dialogue::continuing(rec);
    let opening = d.opening(false).join("\n");
    assert!(
        opening.contains("not enough yet: 1 of 3 shares, 2 more needed"),
        "{opening}"
    );
    let text = play(&mut d, &[&words[3], &words[4], ""]).join("\n");
    assert!(text.contains("PROMPT share 1: "), "{text}");
    assert!(text.contains("All the shares needed are in."), "{text}");
    let typed = d.finish().unwrap();
    assert_eq!(typed.len(), 2);
    assert_eq!(typed[0].to_words().as_str(), words[3]);
}

#[test]
fn a_passphrase_is_tried_again_until_no_or_the_last_try() {
    let mut t = PassphraseTries::new();
    let lines = t.mismatch().join("\n");
    assert!(lines.contains("did not match"), "{lines}");
    assert!(lines.contains("The shares are kept"), "{lines}");
    assert!(t.prompt().is_some());
    assert_eq!(t.answer(Some("perhaps")), [say::YES_OR_NO]);
    assert!(t.answer(Some(" Y ")).is_empty());
    assert!(t.prompt().is_none());
    assert!(t.try_again());
    // An empty answer (or the end of input) stops.
    t.mismatch();
    t.answer(Some(""));
    assert!(!t.try_again());
    // The last try asks nothing more.
    let mut t = PassphraseTries::new();
    for _ in 1..PASSPHRASE_TRIES {
        t.mismatch();
        t.answer(Some("y"));
        assert!(t.try_again());
    }
    let lines = t.mismatch().join("\n");
    assert!(lines.contains("5 passphrases were tried"), "{lines}");
    assert!(t.prompt().is_none());
    assert!(!t.try_again());
}
