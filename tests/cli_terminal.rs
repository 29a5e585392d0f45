//! `combine` at a real terminal (a pseudo-terminal driven by Python's `pty` module): shares
//! typed a word at a time, the explicit step before the passphrase, hidden words.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

mod common;
use common::in_ci;

const SECRET_HEX: &str = "7c1d3b5a99e04f2a6b8c0d1e2f304152";

/// A Python with the `pty` module: `SEEDSHARD_REF_PYTHON`, else `python3`.
fn python() -> Option<PathBuf> {
    let candidate = std::env::var_os("SEEDSHARD_REF_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("python3"));
    let works = Command::new(&candidate)
        .args(["-c", "import pty, select"])
        .output()
        .is_ok_and(|o| o.status.success());
    if works {
        return Some(candidate);
    }
    assert!(
        !in_ci(),
        "a Python with the pty module is required under CI: {} does not run",
        candidate.display()
    );
    eprintln!("skipping terminal test: no Python with the pty module (set SEEDSHARD_REF_PYTHON)");
    None
}

fn split_with_passphrase(dir: &std::path::Path) -> Vec<String> {
    let pass = dir.join("pass.txt");
    std::fs::write(&pass, "TREZOR").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_seedshard"))
        .args([
            "split",
            "--secret-file",
            "-",
            "--iteration-exponent",
            "0",
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

#[test]
fn word_by_word_at_a_terminal_then_enter_then_the_passphrase() {
    let Some(python) = python() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let shares = split_with_passphrase(dir.path());
    let mut answers: Vec<String> = Vec::new();
    // Share 1 one word a line, share 2 a line; then the empty line the person types to end
    // share entry, then the passphrase.
    answers.extend(shares[0].split(' ').map(str::to_string));
    answers.push(shares[1].clone());
    answers.push(String::new());
    answers.push("TREZOR".into());
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

#[test]
fn hidden_words_are_not_shown_at_a_terminal() {
    let Some(python) = python() else {
        return;
    };
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
