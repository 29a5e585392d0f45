//! An argument that looks like a secret (hex digits, share or phrase words) is never echoed:
//! the error names its position and the hint says to clear the shell history.

use std::process::{Command, Output};

const SECRET_HEX: &str = "00112233445566778899aabbccddeeff";
const SHARE: &str = "duckling enlarge academic academic agency result length solution fridge \
                     kidney coal piece deal husband erode duke ajar critical decision keyboard";

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_seedshard"))
        .args(args)
        .output()
        .unwrap()
}

fn assert_not_echoed(o: &Output, secrets: &[&str]) {
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "an error line and a hint line: {err}");
    assert!(
        lines[0].starts_with("error: ") && lines[0].contains("not shown"),
        "{err}"
    );
    assert!(
        lines[1].starts_with("hint: ") && lines[1].contains("history"),
        "{err}"
    );
    for s in secrets {
        assert!(!err.contains(s), "{s:?} echoed: {err}");
    }
    assert!(o.stdout.is_empty());
}

#[test]
fn hex_given_as_a_file_name_is_not_echoed() {
    let o = run(&["verify", "--secret-file", SECRET_HEX]);
    assert_not_echoed(&o, &[SECRET_HEX, "0011223344"]);
    let o = run(&["split", "--group", "2of3", "--secret-file", SECRET_HEX]);
    assert_not_echoed(&o, &[SECRET_HEX, "0011223344"]);
}

#[test]
fn share_words_given_as_arguments_are_not_echoed() {
    let words: Vec<&str> = SHARE.split_whitespace().collect();
    // Unquoted: each word is an argument.
    let mut args = vec!["combine"];
    args.extend(&words);
    let o = run(&args);
    assert_not_echoed(&o, &words[..3]);
    // Quoted: one argument; where no argument is expected, clap's message is redacted too.
    let o = run(&["combine", SHARE]);
    assert_not_echoed(&o, &["duckling", "enlarge"]);
    let o = run(&["inspect", "x.txt", SHARE]);
    assert_not_echoed(&o, &["duckling", "enlarge"]);
    // Stems of a BIP-39 phrase.
    let o = run(&["verify", "--bip39-file", "aban aban abou"]);
    assert_not_echoed(&o, &["aban", "abou"]);
}

#[test]
fn an_ordinary_missing_file_is_still_named() {
    let o = run(&["combine", "no-such-shares.txt"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2));
    assert!(err.contains("no-such-shares.txt"), "{err}");
    assert!(!err.contains("history"), "{err}");
}
