//! Sentences of typing a recovery in (the [`crate::dialogue`] and its front ends): the
//! instructions, the prompts, what is missing, a phrase named, a passphrase that opened
//! another wallet, clearing the screen, and slow steps.
//!
//! None of them holds a share word or a passphrase.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// The lines to show before the first share; `hidden` says whether what is typed is shown.
pub fn intro(hidden: bool) -> Vec<String> {
    alloc::vec![
        String::from(
            "Type the words of each share: a whole line, or one word at a time with Enter after each."
        ),
        String::from(if hidden {
            "What you type is not shown."
        } else {
            "What you type is shown (use --hide-words to hide it)."
        }),
        String::from(
            "Words may be shortened to their first 4 letters; type ? for a word you cannot read.",
        ),
        String::from(
            "A share ends by itself when its words are complete; an empty line ends a share early.",
        ),
        String::from("Enter an empty line when you have no more shares."),
    ]
}

/// The lines to show when typing goes on from shares already read (files, photos) that do
/// not recover by themselves; `missing` is the progress, one line per group.
pub fn continuing(missing: &[String]) -> Vec<String> {
    alloc::vec![
        format!(
            "The shares read are kept, but they are not enough yet: {}.",
            missing.join("; ")
        ),
        String::from("Type the missing shares here."),
    ]
}

/// The prompt for share `n` (1-based), or for word `word` of it when some are typed.
pub fn share_prompt(n: usize, word: Option<usize>) -> String {
    match word {
        None => format!("share {n}: "),
        Some(w) => format!("share {n}, word {w}: "),
    }
}

/// The prompt asking for word `word` again (it was not a list word).
pub fn word_again_prompt(word: usize) -> String {
    format!(
        "  type word {word} again (its first 4 letters are enough), ? if unreadable, Enter to retype the share: "
    )
}

/// The prompt asking whether the card shows the words worked out.
pub const CONFIRM_PROMPT: &str = "  does the card show each of these words? [y/n]: ";

/// The explicit step between the last share and the passphrase.
pub const GO_ON_PROMPT: &str = "Press Enter to go on to the passphrase: ";

/// Said when the shares needed are all in.
pub const SHARES_COMPLETE: &str = "All the shares needed are in.";

/// Said when something was typed at the explicit step.
pub const TYPED_AFTER_COMPLETE: &str =
    "  the shares are already complete: what was typed is not used";

/// Said when a share was abandoned at the prompt for a word typed again.
pub const SHARE_NOT_TAKEN_RETYPE: &str = "  share not taken; type it again";

/// Said when the person did not confirm the words worked out.
pub const REPAIR_REFUSED: &str = "  share not taken: more words differ from the card than the checksum can settle; type it again, with ? for each doubtful word";

/// Said when a yes-or-no answer was neither.
pub const YES_OR_NO: &str = "  please answer y or n";

/// Word `word` of a share is not a list word; `offer` lists the words it may be.
pub fn not_a_word(word: usize, offer: &str) -> String {
    format!("  word {word} is not a SLIP-39 word ({offer})")
}

/// An empty line with too few shares: what is missing (one line per group) and the choice.
pub fn not_enough_yet(missing: &[String]) -> Vec<String> {
    alloc::vec![
        format!("  not enough shares yet: {}", missing.join("; ")),
        String::from("  type another share, or press Enter again to stop"),
    ]
}

/// A BIP-39 phrase (`what`: "a 12-word BIP-39 phrase") was typed at the share prompt.
pub fn phrase_not_a_share(what: &str) -> Vec<String> {
    alloc::vec![
        format!("  this looks like {what}, not a SLIP-39 share: it is not taken"),
        String::from(
            "  a BIP-39 phrase opens its wallet by itself (see it with `seedshard verify --bip39-file FILE`); here, type a share of the set",
        ),
    ]
}

/// The passphrase just tried opened another wallet than the one expected (`tried` passphrases
/// so far, `left` more may be tried).
pub fn passphrase_mismatch(tried: usize, left: usize) -> Vec<String> {
    let mut out = alloc::vec![String::from(
        "That passphrase did not match: with it, the shares open another wallet than the one expected."
    )];
    if left == 0 {
        out.push(format!(
            "{tried} passphrases were tried; stopping here. Nothing was saved: run seedshard combine again to try more."
        ));
    } else {
        out.push(String::from(
            "The shares are kept: you can try the passphrase again without typing them.",
        ));
    }
    out
}

/// The question after a passphrase that did not match.
pub const TRY_AGAIN_PROMPT: &str = "Try another passphrase? [y/n]: ";

/// The question after a successful recovery with the words shown as typed.
pub const CLEAR_PROMPT: &str =
    "Clear the share words typed from this screen (and its scrollback) now? [y/n]: ";

/// Said when the person keeps the words on screen.
pub const NOT_CLEARED: &str =
    "The words stay on the screen: clear it (or close the window) before you leave the computer.";

/// What a slow decryption is doing, for a progress line (`exponent`: the iteration exponent).
pub fn decrypting(exponent: u8) -> String {
    format!(
        "decrypting takes a while: iteration exponent {exponent} means {} PBKDF2 iterations (10000 x 2^{exponent})",
        10_000u64 << exponent
    )
}

/// What scanning a photo is doing, for a progress line (`name`: the file's display name).
pub fn scanning(name: &str) -> String {
    format!("reading {name}")
}

/// Said when the person pressed Ctrl-C (or the terminal closed).
pub const INTERRUPTED: &str = "interrupted: stopped before the end, the terminal is as it was";
