//! Typing shares in at a terminal, one at a time (`seedshard combine` with no files on a
//! terminal).
//!
//! Words are shown as typed (as the reference `shamir recover` and a hardware wallet's
//! screen show them), or hidden with `--hide-words`. A share is typed a line at a time or a
//! word at a time (Enter after each word, as people do reading a card): its end is known from
//! its length and checksum, or from an empty line. A word not in the list is flagged at once,
//! with the list words that start with the same letters, and only that word is asked for
//! again. `?` marks a word that cannot be read. Progress follows every share. A BIP-39 phrase
//! typed at the share prompt is named as such. When the shares are complete, an explicit step
//! comes before the passphrase, so that the empty line that ends share entry is never taken as
//! the passphrase.
//!
//! Shares read from files or photos that are not enough go on here ([`more_shares`]); a
//! passphrase that opens another wallet than the one expected is asked for again
//! ([`passphrase_again`]); after a recovery with the words shown, the screen is cleared if
//! the person agrees ([`offer_to_clear`]). What to ask and when is the library's
//! [`seedshard::dialogue`]; this module only reads and writes the terminal.

use std::io;

use zeroize::Zeroizing;

use seedshard::describe::dialogue as say;
use seedshard::dialogue::{yes_no, Dialogue, PassphraseTries, Prompt};
use seedshard::slip39::recovery::Recovery;

use crate::error::{CliError, CliResult};
use crate::io::{Origin, SourcedShare};

/// Where prompts go and answers come from.
pub trait Terminal {
    /// Reads one line without echo; `None` at end of input.
    fn read_hidden(&mut self, prompt: &str) -> io::Result<Option<Zeroizing<String>>>;
    /// Reads one line shown as typed; `None` at end of input.
    fn read_line(&mut self, prompt: &str) -> io::Result<Option<Zeroizing<String>>>;
    /// Shows one line.
    fn say(&mut self, line: &str);
    /// Clears the screen and its scrollback.
    fn clear_screen(&mut self);
}

/// Clears the screen (`ESC [H ESC [2J`) and the scrollback (`ESC [3J`, xterm and most
/// terminal emulators; others ignore it).
pub const CLEAR_SCREEN_AND_SCROLLBACK: &str = "\x1b[H\x1b[2J\x1b[3J";

/// The real terminal: prompts and messages on the terminal (stderr), input without echo.
pub struct Tty;

impl Terminal for Tty {
    fn read_hidden(&mut self, prompt: &str) -> io::Result<Option<Zeroizing<String>>> {
        match rpassword::prompt_password(prompt) {
            Ok(s) => Ok(Some(Zeroizing::new(s))),
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(None),
            Err(e) => Err(e),
        }
    }
    fn read_line(&mut self, prompt: &str) -> io::Result<Option<Zeroizing<String>>> {
        use std::io::Write;
        eprint!("{prompt}");
        io::stderr().flush()?;
        let Some(mut bytes) = read_line_unbuffered()? else {
            return Ok(None);
        };
        // The bytes move into the string (no copy); a rejected buffer is freed, and so wiped.
        let mut line = String::from_utf8(std::mem::take(&mut *bytes))
            .map(Zeroizing::new)
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "not UTF-8 text"))?;
        let end = line.trim_end_matches(['\n', '\r']).len();
        line.truncate(end);
        Ok(Some(line))
    }
    fn say(&mut self, line: &str) {
        eprintln!("{line}");
    }
    fn clear_screen(&mut self) {
        use std::io::{IsTerminal, Write};
        let mut err = io::stderr();
        if err.is_terminal() {
            let _ = err.write_all(CLEAR_SCREEN_AND_SCROLLBACK.as_bytes());
            let _ = err.flush();
        }
    }
}

/// Reads one line from standard input a byte at a time, into a zeroizing buffer only: the
/// standard library's buffered `stdin` keeps an 8 KiB buffer for the life of the process,
/// which would hold the typed words after exit. `None` at the end of input.
fn read_line_unbuffered() -> io::Result<Option<Zeroizing<Vec<u8>>>> {
    use std::io::Read;
    #[cfg(unix)]
    let mut input = {
        use std::os::fd::AsFd;
        std::fs::File::from(io::stdin().as_fd().try_clone_to_owned()?)
    };
    #[cfg(not(unix))]
    let mut input = io::stdin();
    let mut line = Zeroizing::new(Vec::with_capacity(1024));
    let mut byte = Zeroizing::new([0u8; 1]);
    loop {
        match input.read(&mut byte[..]) {
            Ok(0) if line.is_empty() => return Ok(None),
            Ok(0) => return Ok(Some(line)),
            Ok(_) => {
                line.push(byte[0]);
                if byte[0] == b'\n' {
                    return Ok(Some(line));
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// Reads a line of words: shown as typed unless `hide`.
fn ask(term: &mut impl Terminal, hide: bool, prompt: &str) -> CliResult<Option<Zeroizing<String>>> {
    if hide {
        term.read_hidden(prompt)
    } else {
        term.read_line(prompt)
    }
    .map_err(|e| read_error(&e))
}

fn read_error(e: &io::Error) -> CliError {
    CliError::input(
        format!("cannot read from the terminal: {e}"),
        "give the shares in a file instead: seedshard combine shares.txt",
    )
}

/// Reads shares one at a time until the set recovers or the person enters an empty line
/// (the dialogue is [`seedshard::dialogue::Dialogue`]; this is only its terminal); returns
/// the shares that fit, in the order typed. Words are shown as typed unless `hide`.
pub fn enter_shares(term: &mut impl Terminal, hide: bool) -> CliResult<Vec<SourcedShare>> {
    run(term, hide, Dialogue::new())
}

/// Asks for more shares at the terminal when those read (`rec`: files, photos) are not enough
/// by themselves; returns the shares typed that fit (see [`enter_shares`]).
pub fn more_shares(
    term: &mut impl Terminal,
    hide: bool,
    rec: Recovery,
) -> CliResult<Vec<SourcedShare>> {
    run(term, hide, Dialogue::continuing(rec))
}

/// Asks a yes-or-no question until the answer is one.
fn ask_yes_no(term: &mut impl Terminal, prompt: &str) -> CliResult<bool> {
    loop {
        let answer = term.read_line(prompt).map_err(|e| read_error(&e))?;
        match yes_no(answer.as_ref().map(|a| a.as_str())) {
            Some(yes) => return Ok(yes),
            None => term.say(say::YES_OR_NO),
        }
    }
}

/// After a passphrase that did not match: says so, and asks whether to try another (see
/// [`PassphraseTries`]). True when the passphrase is to be read again.
pub fn passphrase_again(term: &mut impl Terminal, tries: &mut PassphraseTries) -> CliResult<bool> {
    for line in tries.mismatch() {
        term.say(&line);
    }
    while let Some(prompt) = tries.prompt() {
        let answer = term.read_line(prompt.text()).map_err(|e| read_error(&e))?;
        for line in tries.answer(answer.as_ref().map(|a| a.as_str())) {
            term.say(&line);
        }
    }
    Ok(tries.try_again())
}

/// After a recovery with the share words shown as typed: offers to clear them from the
/// screen, and clears it when the person agrees.
pub fn offer_to_clear(term: &mut impl Terminal) -> CliResult {
    if ask_yes_no(term, say::CLEAR_PROMPT)? {
        term.clear_screen();
    } else {
        term.say(say::NOT_CLEARED);
    }
    Ok(())
}

fn run(
    term: &mut impl Terminal,
    hide: bool,
    mut dialogue: Dialogue,
) -> CliResult<Vec<SourcedShare>> {
    for line in dialogue.opening(hide) {
        term.say(&line);
    }
    while let Some(prompt) = dialogue.prompt() {
        let answer = match &prompt {
            Prompt::Words(p) => ask(term, hide, p)?,
            Prompt::YesNo(p) => term.read_line(p).map_err(|e| read_error(&e))?,
        };
        for line in dialogue.answer(answer.as_ref().map(|a| a.as_str())) {
            term.say(&line);
        }
    }
    let shares = dialogue.finish().map_err(|e| {
        CliError::input(
            e.what,
            "find more cards of the set and run seedshard combine again",
        )
    })?;
    Ok(shares
        .into_iter()
        .enumerate()
        .map(|(i, share)| SourcedShare {
            share,
            origin: Origin {
                source: "typed share".into(),
                line: i + 1,
            },
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use seedshard::{MasterSecret, Passphrase, SplitPlan};

    struct Script {
        answers: Vec<String>,
        shown: Vec<String>,
    }

    impl Terminal for Script {
        fn read_hidden(&mut self, prompt: &str) -> io::Result<Option<Zeroizing<String>>> {
            self.shown.push(format!("PROMPT {prompt}"));
            Ok(if self.answers.is_empty() {
                None
            } else {
                Some(Zeroizing::new(self.answers.remove(0)))
            })
        }
        fn read_line(&mut self, prompt: &str) -> io::Result<Option<Zeroizing<String>>> {
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
        let plain: Vec<_> = shares.into_iter().map(|s| s.share).collect();
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
        let plain: Vec<_> = shares.into_iter().map(|s| s.share).collect();
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
        let plain: Vec<_> = shares.into_iter().map(|s| s.share).collect();
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
        let err = enter_shares(&mut term, false).unwrap_err();
        let text = term.shown.join("\n");
        assert!(text.contains("share not taken"), "{text}");
        assert_eq!(err.code, 2);
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
        let plain: Vec<_> = shares.into_iter().map(|s| s.share).collect();
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
        let plain: Vec<_> = shares.into_iter().map(|s| s.share).collect();
        assert_eq!(
            seedshard::combine(&plain, &Passphrase::empty()).unwrap(),
            secret
        );
        // Two empty lines in a row stop, saying what is missing.
        let mut term = script(&[&words[0], "", ""]);
        let err = enter_shares(&mut term, false).unwrap_err();
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
        let typed = more_shares(&mut term, false, rec).unwrap();
        let text = term.shown.join("\n");
        assert!(text.contains("The shares read are kept"), "{text}");
        assert_eq!(typed.len(), 2, "{text}");
        let mut plain: Vec<_> = typed.into_iter().map(|s| s.share).collect();
        plain.push(seedshard::Share::parse(&words[1]).unwrap());
        assert_eq!(
            seedshard::combine(&plain, &Passphrase::empty()).unwrap(),
            secret
        );
    }
}
