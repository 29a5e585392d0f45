//! Arguments that look like secrets are never echoed.
//!
//! Secrets never belong on the command line, but people paste them there anyway: a master
//! secret in hex where a file name goes (`verify --secret-file 0011…eeff`), or the words of a
//! share after `combine`. The shell has already saved the line in its history; seedshard must
//! at least not copy it into an error message, a log or a terminal's scrollback. An argument
//! that looks like a secret is named by its position instead, and the hint says to clear the
//! shell history.

use std::ffi::OsStr;

use seedshard::slip39::wordlist;

/// The shortest run of hex digits taken for a secret: 16 digits, 64 bits.
pub const MIN_HEX_RUN: usize = 16;

/// What to add to a hint when an argument looked like a secret.
pub const HISTORY_HINT: &str =
    "an argument looks like a secret (hex digits or share or phrase words): \
     never type secrets on the command line, give them in a file (or - to type them unseen); \
     the shell has saved the line, so clear it from the history (bash: history -c; zsh: edit \
     ~/.zsh_history)";

/// True when `arg` looks like a secret: 16 or more hex digits in a row; two or more words of
/// the SLIP-39 or BIP-39 list (or their 4-letter stems) separated by spaces; or one such word
/// among 3 or more such words in a row on the command line (a share typed without quotes;
/// `--bip39-mode seed --cards family` is no such run).
pub fn looks_secret(arg: &OsStr) -> bool {
    let text = arg.to_string_lossy();
    if has_hex_run(&text) {
        return true;
    }
    let tokens: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .collect();
    match tokens.len() {
        0 => false,
        1 => is_word(tokens[0]) && in_run_of_words(arg),
        _ => tokens.iter().filter(|t| is_word(t)).count() >= 2,
    }
}

/// How an argument that looks like a secret is named in messages.
pub fn position_name(arg: &OsStr) -> String {
    match std::env::args_os()
        .skip(1)
        .position(|a| a.as_os_str() == arg)
    {
        Some(i) => format!("argument {} (not shown: it looks like a secret)", i + 1),
        None => "an argument (not shown: it looks like a secret)".to_string(),
    }
}

/// `text` with every argument of this process that looks like a secret replaced by its
/// position; whether any was replaced.
pub fn redact_argv(text: &str) -> (String, bool) {
    let mut out = text.to_string();
    let mut any = false;
    for arg in std::env::args_os().skip(1) {
        if looks_secret(&arg) {
            any = true;
            let shown = arg.to_string_lossy().into_owned();
            if !shown.is_empty() && out.contains(shown.as_str()) {
                out = out.replace(shown.as_str(), &position_name(&arg));
            }
        }
    }
    (out, any)
}

/// True when `arg` is one of 3 or more consecutive arguments that are each one list word.
fn in_run_of_words(arg: &OsStr) -> bool {
    let words: Vec<(bool, bool)> = std::env::args_os()
        .skip(1)
        .map(|a| (a.as_os_str() == arg, is_word(&a.to_string_lossy())))
        .collect();
    words
        .split(|&(_, word)| !word)
        .any(|run| run.len() >= 3 && run.iter().any(|&(this, _)| this))
}

fn has_hex_run(text: &str) -> bool {
    let mut run = 0;
    for b in text.bytes() {
        run = if b.is_ascii_hexdigit() { run + 1 } else { 0 };
        if run >= MIN_HEX_RUN {
            return true;
        }
    }
    false
}

/// A word of the SLIP-39 or BIP-39 English list, or the 4-letter stem of one.
fn is_word(token: &str) -> bool {
    if token.len() < 3 || !token.bytes().all(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    let lower = token.to_ascii_lowercase();
    if wordlist::index_of(&lower).is_some() {
        return true;
    }
    let english = bip39::Language::English;
    english.find_word(&lower).is_some()
        || (lower.len() == 4 && english.words_by_prefix_iter(&lower).next().is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_runs_and_word_runs_look_secret() {
        assert!(looks_secret(OsStr::new("00112233445566778899aabbccddeeff")));
        assert!(looks_secret(OsStr::new("backup-0011223344556677.txt")));
        assert!(!looks_secret(OsStr::new("backup-00112233.txt")));
        assert!(looks_secret(OsStr::new("academic acid acne")));
        assert!(looks_secret(OsStr::new("abandon ability able")));
        assert!(looks_secret(OsStr::new("acad acid")));
        assert!(!looks_secret(OsStr::new("shares.txt")));
        assert!(!looks_secret(OsStr::new("my shares.txt")));
        assert!(!looks_secret(OsStr::new("/tmp/cards")));
    }
}
