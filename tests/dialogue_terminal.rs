//! Typing shares in at a line terminal ([`seedshard::dialogue::terminal`]), with a scripted
//! terminal: what is asked, what is shown, and what the shares typed recover.

use seedshard::dialogue::terminal::{
    offer_to_clear, passphrase_again, type_more_shares, type_shares, Terminal, TypingError,
};
use seedshard::dialogue::{Dialogue, PassphraseTries};
use seedshard::slip39::recovery::Recovery;
use seedshard::{MasterSecret, Passphrase, Share, SplitPlan};
use zeroize::Zeroizing;

fn enter_shares(
    term: &mut Script,
    hide: bool,
) -> Result<Vec<Share>, TypingError<std::convert::Infallible>> {
    type_shares(term, hide, Dialogue::new())
}

/// The reason typing ended without a set, which must be that the shares are not enough.
fn not_enough(
    result: Result<Vec<Share>, TypingError<std::convert::Infallible>>,
) -> seedshard::dialogue::NotEnoughShares {
    match result {
        Err(TypingError::NotEnough(e)) => e,
        Err(TypingError::Read(never)) => match never {},
        Ok(shares) => panic!("{} shares taken, expected too few", shares.len()),
    }
}

struct Script {
    answers: Vec<String>,
    shown: Vec<String>,
}

impl Terminal for Script {
    type Error = std::convert::Infallible;
    fn read_hidden(&mut self, prompt: &str) -> Result<Option<Zeroizing<String>>, Self::Error> {
        self.shown.push(format!("PROMPT {prompt}"));
        Ok(if self.answers.is_empty() {
            None
        } else {
            Some(Zeroizing::new(self.answers.remove(0)))
        })
    }
    fn read_line(&mut self, prompt: &str) -> Result<Option<Zeroizing<String>>, Self::Error> {
        self.shown.push(format!("SHOWN {prompt}"));
        Ok(if self.answers.is_empty() {
            None
        } else {
            Some(Zeroizing::new(self.answers.remove(0)))
        })
    }
    fn say(&mut self, line: &str) {
        self.shown.push(line.to_string());
    }
    fn clear_screen(&mut self) {
        self.shown.push("CLEARED".into());
    }
}

fn set() -> (MasterSecret, Vec<String>, Vec<String>) {
    let secret = MasterSecret::new(vec![0x42; 16]).unwrap();
    let plan = SplitPlan::single(3, 5).unwrap();
    let words = plan
        .split(&secret, &Passphrase::empty())
        .unwrap()
        .shares()
        .map(|s| s.to_words().to_string())
        .collect();
    let other = SplitPlan::single(2, 3)
        .unwrap()
        .split(
            &MasterSecret::new(vec![1; 16]).unwrap(),
            &Passphrase::empty(),
        )
        .unwrap()
        .shares()
        .map(|s| s.to_words().to_string())
        .collect();
    (secret, words, other)
}

#[test]
fn smudged_typo_and_foreign_cards_lead_to_the_wallet() {
    let (secret, words, other) = set();
    let mut smudged: Vec<String> = words[0].split(' ').map(String::from).collect();
    smudged[4] = "?".into();
    smudged[9] = "?".into();
    let mut typo: Vec<String> = words[1].split(' ').map(|w| w[..4].to_string()).collect();
    let right = typo[12].clone();
    typo[12] = if right == "acid" {
        "acne".into()
    } else {
        "acid".into()
    };
    let mut misspelt: Vec<String> = words[3].split(' ').map(String::from).collect();
    let correct = misspelt[7].clone();
    misspelt[7] = "qqqqz".into();
    let mut term = Script {
        answers: vec![
            smudged.join(" "),
            "y".into(),
            other[0].clone(),
            typo.join(" "),
            "y".into(),
            misspelt.join(" "),
            correct.clone(),
        ],
        shown: Vec::new(),
    };
    let shares = enter_shares(&mut term, false).unwrap();
    let text = term.shown.join("\n");
    assert_eq!(shares.len(), 3, "{text}");
    assert!(
        text.contains("word 5 was unreadable; the checksum gives"),
        "{text}"
    );
    assert!(text.contains("word 13 reads"), "{text}");
    assert!(text.contains("belongs to another set"), "{text}");
    assert!(
        text.contains("word 8 is not a SLIP-39 word (words starting Q:"),
        "{text}"
    );
    assert!(text.contains("1 of 3 shares, 2 more needed"), "{text}");
    assert!(text.contains("the digest confirms them"), "{text}");
    // Nothing typed is echoed back except the words being compared.
    assert!(!text.contains(&words[2]), "{text}");
    let plain: Vec<_> = shares;
    assert_eq!(
        seedshard::combine(&plain, &Passphrase::empty()).unwrap(),
        secret
    );
}

#[test]
fn a_single_card_is_confirmed_by_the_person_at_the_terminal() {
    // A 1-of-1 card has no digest: the person's answer is what confirms the words, and
    // with three unreadable words the terminal says the checksum is used up.
    let secret = MasterSecret::new(vec![0x24; 16]).unwrap();
    let card = SplitPlan::single(1, 1)
        .unwrap()
        .split(&secret, &Passphrase::empty())
        .unwrap()
        .shares()
        .next()
        .unwrap()
        .to_words()
        .to_string();
    let mut w: Vec<String> = card.split(' ').map(String::from).collect();
    for p in [7, 8, 9] {
        w[p] = "?".into();
    }
    let mut term = Script {
        answers: vec![w.join(" "), "y".into()],
        shown: Vec::new(),
    };
    let shares = enter_shares(&mut term, false).unwrap();
    let text = term.shown.join("\n");
    assert!(
        text.contains("does the card show each of these words"),
        "{text}"
    );
    assert!(text.contains("used up the whole checksum"), "{text}");
    assert!(
        text.contains(&card.split(' ').nth(7).unwrap().to_uppercase()),
        "{text}"
    );
    let plain: Vec<_> = shares;
    assert_eq!(
        seedshard::combine(&plain, &Passphrase::empty()).unwrap(),
        secret
    );
    // Answered no: not taken.
    let mut term = Script {
        answers: vec![w.join(" "), "n".into(), String::new()],
        shown: Vec::new(),
    };
    assert!(enter_shares(&mut term, false).is_err());
}

#[test]
fn a_stray_first_card_gives_way_to_the_set_with_more_shares() {
    let (secret, words, other) = set();
    let mut term = Script {
        answers: vec![
            other[0].clone(),
            words[0].clone(),
            words[1].clone(),
            words[2].clone(),
        ],
        shown: Vec::new(),
    };
    let shares = enter_shares(&mut term, false).unwrap();
    let text = term.shown.join("\n");
    assert!(text.contains("now recovering set"), "{text}");
    let plain: Vec<_> = shares;
    assert_eq!(plain.len(), 3);
    assert_eq!(
        seedshard::combine(&plain, &Passphrase::empty()).unwrap(),
        secret
    );
}

#[test]
fn refused_repair_and_too_few_shares_end_with_what_is_missing() {
    let (_, words, _) = set();
    let mut smudged: Vec<String> = words[0].split(' ').map(String::from).collect();
    smudged[4] = "?".into();
    let mut term = Script {
        answers: vec![
            smudged.join(" "),
            "n".into(),
            words[2].clone(),
            String::new(),
        ],
        shown: Vec::new(),
    };
    let err = not_enough(enter_shares(&mut term, false));
    let text = term.shown.join("\n");
    assert!(text.contains("share not taken"), "{text}");
    assert!(
        err.what.contains("1 of 3 shares, 2 more needed"),
        "{}",
        err.what
    );
}

fn script(answers: &[&str]) -> Script {
    Script {
        answers: answers.iter().map(|a| a.to_string()).collect(),
        shown: Vec::new(),
    }
}

#[test]
fn word_by_word_with_a_typo_corrected_at_once_then_an_explicit_step() {
    let (secret, words, _) = set();
    let mut answers: Vec<String> = Vec::new();
    // Share 1 one word a line, numbered as on the card; its 6th word mistyped and
    // corrected at the prompt that follows at once.
    for (k, w) in words[0].split(' ').enumerate() {
        if k == 5 {
            answers.push(format!("{}. {}x", k + 1, &w[..4]));
            answers.push(w[..4].to_string());
        } else {
            answers.push(format!("{}. {w}", k + 1));
        }
    }
    // Share 2 four words a line; share 3 a line.
    let w1: Vec<&str> = words[1].split(' ').collect();
    for chunk in w1.chunks(4) {
        answers.push(chunk.join(" "));
    }
    answers.push(words[2].clone());
    // The empty line the person types to end share entry, then the passphrase.
    answers.push(String::new());
    answers.push("TREZOR".into());
    let mut term = Script {
        answers,
        shown: Vec::new(),
    };
    let shares = enter_shares(&mut term, false).unwrap();
    let text = term.shown.join("\n");
    assert!(text.contains("SHOWN share 1, word 2: "), "{text}");
    assert!(
        text.contains("word 6 is not a SLIP-39 word (words starting"),
        "{text}"
    );
    assert!(text.contains("share 2, word 5: "), "{text}");
    assert!(text.contains("All the shares needed are in."), "{text}");
    assert!(
        text.contains("SHOWN Press Enter to go on to the passphrase"),
        "{text}"
    );
    assert!(
        !text.contains("PROMPT "),
        "words are shown by default: {text}"
    );
    // The empty line went to the explicit step; the passphrase is still to be read.
    assert_eq!(term.answers, ["TREZOR"]);
    let plain: Vec<_> = shares;
    assert_eq!(
        seedshard::combine(&plain, &Passphrase::empty()).unwrap(),
        secret
    );
}

#[test]
fn an_enter_too_soon_asks_for_more_shares_and_keeps_those_typed() {
    let (secret, words, _) = set();
    let mut term = script(&[&words[0], "", &words[1], &words[4], ""]);
    let shares = enter_shares(&mut term, false).unwrap();
    let text = term.shown.join("\n");
    assert!(
        text.contains("not enough shares yet: 1 of 3 shares, 2 more needed"),
        "{text}"
    );
    assert!(text.contains("press Enter again to stop"), "{text}");
    let plain: Vec<_> = shares;
    assert_eq!(
        seedshard::combine(&plain, &Passphrase::empty()).unwrap(),
        secret
    );
    // Two empty lines in a row stop, saying what is missing.
    let mut term = script(&[&words[0], "", ""]);
    let err = not_enough(enter_shares(&mut term, false));
    assert!(err.what.contains("2 more needed"), "{}", err.what);
}

#[test]
fn hidden_words_are_read_without_echo() {
    let (_, words, _) = set();
    let mut term = script(&[&words[0], &words[1], &words[2], ""]);
    enter_shares(&mut term, true).unwrap();
    let text = term.shown.join("\n");
    assert!(text.contains("PROMPT share 1: "), "{text}");
    assert!(!text.contains("SHOWN "), "{text}");
    assert!(term.answers.is_empty());
}

#[test]
#[cfg(feature = "bip39")]
fn a_bip39_phrase_at_the_share_prompt_is_named_and_not_taken() {
    let (_, words, _) = set();
    let phrase = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
    let mut term = script(&[phrase, &words[0], &words[1], &words[2]]);
    let shares = enter_shares(&mut term, false).unwrap();
    let text = term.shown.join("\n");
    assert!(
        text.contains("this looks like a 12-word BIP-39 phrase, not a SLIP-39 share"),
        "{text}"
    );
    assert!(!text.contains("not a SLIP-39 word"), "{text}");
    assert!(text.contains("PROMPT share 1: ") || text.contains("SHOWN share 1: "));
    assert_eq!(shares.len(), 3, "{text}");
}

#[test]
fn completion_offers_the_words_with_the_same_first_letters() {
    use seedshard::dialogue::completions;
    assert_eq!(completions("survx"), "words starting SURV: SURVIVE");
    assert!(completions("xxxx").starts_with("closest: "));
}

#[test]
fn a_passphrase_is_asked_again_and_the_screen_cleared_when_agreed() {
    let mut tries = PassphraseTries::new();
    let mut term = script(&["what", "y"]);
    assert!(passphrase_again(&mut term, &mut tries).unwrap());
    let text = term.shown.join("\n");
    assert!(text.contains("That passphrase did not match"), "{text}");
    assert!(text.contains("please answer y or n"), "{text}");
    let mut term = script(&[""]);
    assert!(!passphrase_again(&mut term, &mut tries).unwrap());
    let mut term = script(&["yes"]);
    offer_to_clear(&mut term).unwrap();
    assert_eq!(term.shown.last().unwrap(), "CLEARED");
    let mut term = script(&["n"]);
    offer_to_clear(&mut term).unwrap();
    assert!(!term.shown.contains(&"CLEARED".to_string()));
    assert!(term
        .shown
        .join("\n")
        .contains("The words stay on the screen"));
}

#[test]
fn more_shares_are_typed_after_those_read_and_only_they_are_returned() {
    let (secret, words, _) = set();
    let mut rec = Recovery::new();
    rec.add(seedshard::Share::parse(&words[1]).unwrap(), "shares.txt");
    let mut term = script(&[&words[0], &words[2], ""]);
    let typed = type_more_shares(&mut term, false, rec).unwrap();
    let text = term.shown.join("\n");
    assert!(text.contains("The shares read are kept"), "{text}");
    assert_eq!(typed.len(), 2, "{text}");
    let mut plain: Vec<_> = typed;
    plain.push(seedshard::Share::parse(&words[1]).unwrap());
    assert_eq!(
        seedshard::combine(&plain, &Passphrase::empty()).unwrap(),
        secret
    );
}
