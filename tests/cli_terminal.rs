//! `combine` at a real terminal (a pseudo-terminal driven by Python's `pty` module): shares
//! typed a word at a time, the explicit step before the passphrase, hidden words, a
//! passphrase asked again, more shares asked for, Ctrl-C, clearing the screen, progress.
//!
//! Without a Python that has the `pty` module the tests are reported as ignored (CI=true fails
//! them). The file runs through `common::Harness`: add each test to `main`.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

mod common;
use common::Need;

const SECRET_HEX: &str = "7c1d3b5a99e04f2a6b8c0d1e2f304152";

/// A Python with the `pty` module: `SEEDSHARD_REF_PYTHON`, else `python3`.
fn python() -> Need<PathBuf> {
    let candidate = std::env::var_os("SEEDSHARD_REF_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("python3"));
    let works = Command::new(&candidate)
        .args(["-c", "import pty, select"])
        .output()
        .is_ok_and(|o| o.status.success());
    if works {
        return Ok(candidate);
    }
    Err(format!(
        "a Python with the pty module drives the pseudo-terminal: {} does not run it \
         (install python3, or set SEEDSHARD_REF_PYTHON)",
        candidate.display()
    ))
}

fn split_with_passphrase(dir: &std::path::Path) -> Vec<String> {
    split_at(dir, "0")
}

/// Splits `SECRET_HEX` 2 of 3 with the passphrase TREZOR at iteration exponent `exponent`.
fn split_at(dir: &std::path::Path, exponent: &str) -> Vec<String> {
    let pass = dir.join("pass.txt");
    std::fs::write(&pass, "TREZOR").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_seedshard"))
        .args([
            "split",
            "--secret-file",
            "-",
            "--iteration-exponent",
            exponent,
            "--group",
            "2of3",
        ])
        .arg("--passphrase-file")
        .arg(&pass)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(SECRET_HEX.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

fn at_terminal(
    python: &PathBuf,
    dir: &std::path::Path,
    answers: &[String],
    args: &[&str],
) -> Output {
    let file = dir.join("answers.txt");
    std::fs::write(&file, answers.join("\n") + "\n").unwrap();
    Command::new(python)
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/pty_drive.py"
        ))
        .arg(&file)
        .arg(env!("CARGO_BIN_EXE_seedshard"))
        .args(args)
        .output()
        .expect("python runs")
}

fn word_by_word_at_a_terminal_then_enter_then_the_passphrase() {
    let python = python().expect("checked by the harness");
    let dir = tempfile::tempdir().unwrap();
    let shares = split_with_passphrase(dir.path());
    let mut answers: Vec<String> = Vec::new();
    // Share 1 one word a line, share 2 a line; then the empty line the person types to end
    // share entry, then the passphrase.
    answers.extend(shares[0].split(' ').map(str::to_string));
    answers.push(shares[1].clone());
    answers.push(String::new());
    answers.push("TREZOR".into());
    // Keep the words on the screen (the offer to clear them comes after the recovery).
    answers.push("n".into());
    let o = at_terminal(&python, dir.path(), &answers, &["combine"]);
    let shown = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{shown}");
    assert!(shown.contains("share 1, word 20: "), "{shown}");
    assert!(
        shown.contains("Press Enter to go on to the passphrase"),
        "{shown}"
    );
    // The passphrase went to the passphrase prompt: the right secret comes out.
    assert!(shown.contains(SECRET_HEX), "{shown}");
    assert!(shown.contains("[answers left: 0]"), "{shown}");
    // Words are shown as typed by default.
    assert!(shown.contains(&shares[1]), "{shown}");
}

fn hidden_words_are_not_shown_at_a_terminal() {
    let python = python().expect("checked by the harness");
    let dir = tempfile::tempdir().unwrap();
    let shares = split_with_passphrase(dir.path());
    let answers = vec![
        shares[0].clone(),
        shares[2].clone(),
        String::new(),
        "TREZOR".into(),
    ];
    let o = at_terminal(&python, dir.path(), &answers, &["combine", "--hide-words"]);
    let shown = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{shown}");
    assert!(shown.contains(SECRET_HEX), "{shown}");
    assert!(
        !shown.contains(&shares[0]) && !shown.contains(&shares[2]),
        "{shown}"
    );
    assert!(!shown.contains("TREZOR"), "{shown}");
}

/// The fingerprint of the wallet the shares open with the passphrase TREZOR (the first
/// reading), from `combine --json` in a pipe.
fn fingerprint(dir: &std::path::Path, shares: &[String]) -> String {
    let file = dir.join("two.txt");
    std::fs::write(&file, format!("{}\n{}\n", shares[0], shares[1])).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_seedshard"))
        .args(["combine", "--json", "--passphrase-file"])
        .arg(dir.join("pass.txt"))
        .arg(&file)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["readings"][0]["wallet"]["fingerprint"]
        .as_str()
        .unwrap()
        .to_string()
}

fn a_passphrase_that_does_not_match_is_asked_again_and_the_words_cleared() {
    let python = python().expect("checked by the harness");
    let dir = tempfile::tempdir().unwrap();
    let shares = split_with_passphrase(dir.path());
    let fp = fingerprint(dir.path(), &shares);
    let answers = vec![
        shares[0].clone(),
        shares[1].clone(),
        String::new(),
        "WRONG".into(),
        "maybe".into(),
        "y".into(),
        "TREZOR".into(),
        "y".into(),
    ];
    let o = at_terminal(
        &python,
        dir.path(),
        &answers,
        &["combine", "--expect-fingerprint", &fp],
    );
    let shown = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{shown}");
    assert!(shown.contains("That passphrase did not match"), "{shown}");
    assert!(shown.contains("The shares are kept"), "{shown}");
    assert!(shown.contains("please answer y or n"), "{shown}");
    assert!(shown.contains("Clear the share words typed"), "{shown}");
    // The screen and its scrollback are cleared before the secret is shown.
    let cleared = shown
        .find("\x1b[H\x1b[2J\x1b[3J")
        .expect("the clearing sequence");
    let secret = shown.rfind(SECRET_HEX).expect("the secret");
    assert!(cleared < secret, "{shown}");
    assert!(shown.contains("[answers left: 0]"), "{shown}");
}

fn a_wrong_passphrase_then_an_empty_answer_ends_with_exit_1() {
    let python = python().expect("checked by the harness");
    let dir = tempfile::tempdir().unwrap();
    let shares = split_with_passphrase(dir.path());
    let fp = fingerprint(dir.path(), &shares);
    let answers = vec![
        shares[0].clone(),
        shares[1].clone(),
        String::new(),
        "WRONG".into(),
        String::new(),
    ];
    let o = at_terminal(
        &python,
        dir.path(),
        &answers,
        &["combine", "--expect-fingerprint", &fp],
    );
    let shown = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{shown}");
    assert!(shown.contains("Try another passphrase? [y/n]"), "{shown}");
    assert!(!shown.contains(SECRET_HEX), "{shown}");
}

fn too_few_shares_in_a_file_at_a_terminal_ask_for_the_missing_one() {
    let python = python().expect("checked by the harness");
    let dir = tempfile::tempdir().unwrap();
    let shares = split_with_passphrase(dir.path());
    let file = dir.path().join("one.txt");
    std::fs::write(&file, format!("{}\n", shares[2])).unwrap();
    let answers = vec![
        shares[0].clone(),
        String::new(),
        "TREZOR".into(),
        "n".into(),
    ];
    let o = at_terminal(
        &python,
        dir.path(),
        &answers,
        &["combine", file.to_str().unwrap()],
    );
    let shown = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{shown}");
    assert!(
        shown.contains(
            "The shares read are kept, but they are not enough yet: 1 of 2 shares, 1 more needed."
        ),
        "{shown}"
    );
    assert!(shown.contains("The words stay on the screen"), "{shown}");
    assert!(!shown.contains("\x1b[3J"), "{shown}");
    assert!(shown.contains(SECRET_HEX), "{shown}");
}

fn ctrl_c_at_a_hidden_prompt_leaves_echo_and_line_editing_on() {
    let python = python().expect("checked by the harness");
    let dir = tempfile::tempdir().unwrap();
    let shares = split_with_passphrase(dir.path());
    // At the passphrase prompt (always hidden), and at a share prompt with --hide-words.
    for (answers, args) in [
        (
            vec![
                shares[0].clone(),
                shares[1].clone(),
                String::new(),
                "^C".into(),
            ],
            &["combine"][..],
        ),
        (
            vec![shares[0].clone(), "^C".into()],
            &["combine", "--hide-words"][..],
        ),
    ] {
        let o = at_terminal(&python, dir.path(), &answers, args);
        let shown = String::from_utf8_lossy(&o.stdout);
        assert_eq!(o.status.code(), Some(130), "{shown}");
        assert!(shown.contains("[echo: on] [icanon: on]"), "{shown}");
        assert!(shown.contains("interrupted"), "{shown}");
        assert!(!shown.contains(SECRET_HEX), "{shown}");
    }
}

fn slow_decryption_shows_progress_at_a_terminal_and_none_in_a_pipe() {
    let python = python().expect("checked by the harness");
    let dir = tempfile::tempdir().unwrap();
    let shares = split_at(dir.path(), "7");
    let file = dir.path().join("two.txt");
    std::fs::write(&file, format!("{}\n{}\n", shares[0], shares[1])).unwrap();
    let pass = dir.path().join("pass.txt");
    let args = [
        "combine",
        "--passphrase-file",
        pass.to_str().unwrap(),
        file.to_str().unwrap(),
    ];
    let o = at_terminal(&python, dir.path(), &[], &args);
    let shown = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{shown}");
    assert!(
        shown.contains("decrypting takes a while: iteration exponent 7")
            && shown.contains("\r\x1b[K"),
        "{shown}"
    );
    assert!(shown.contains(SECRET_HEX), "{shown}");
    // In a pipe: one note, no progress line.
    let o = Command::new(env!("CARGO_BIN_EXE_seedshard"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("note: decrypting takes a while"), "{err}");
    assert!(!err.contains('\r') && !err.contains('\x1b'), "{err:?}");
}

fn main() {
    let python = python();
    common::Harness::new(include_str!("cli_terminal.rs"))
        .needs(
            "word_by_word_at_a_terminal_then_enter_then_the_passphrase",
            &python,
            word_by_word_at_a_terminal_then_enter_then_the_passphrase,
        )
        .needs(
            "hidden_words_are_not_shown_at_a_terminal",
            &python,
            hidden_words_are_not_shown_at_a_terminal,
        )
        .needs(
            "a_passphrase_that_does_not_match_is_asked_again_and_the_words_cleared",
            &python,
            a_passphrase_that_does_not_match_is_asked_again_and_the_words_cleared,
        )
        .needs(
            "a_wrong_passphrase_then_an_empty_answer_ends_with_exit_1",
            &python,
            a_wrong_passphrase_then_an_empty_answer_ends_with_exit_1,
        )
        .needs(
            "too_few_shares_in_a_file_at_a_terminal_ask_for_the_missing_one",
            &python,
            too_few_shares_in_a_file_at_a_terminal_ask_for_the_missing_one,
        )
        .needs(
            "ctrl_c_at_a_hidden_prompt_leaves_echo_and_line_editing_on",
            &python,
            ctrl_c_at_a_hidden_prompt_leaves_echo_and_line_editing_on,
        )
        .needs(
            "slow_decryption_shows_progress_at_a_terminal_and_none_in_a_pipe",
            &python,
            slow_decryption_shows_progress_at_a_terminal_and_none_in_a_pipe,
        )
        .run()
}
