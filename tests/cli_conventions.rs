//! The conventions of a command-line tool: `--version` with commit and features, shell
//! completions and manual pages generated from the clap definition.

use std::process::Command;

fn seedshard() -> Command {
    Command::new(env!("CARGO_BIN_EXE_seedshard"))
}

/// Every command of the tool, as `--help` lists them.
const COMMANDS: [&str; 13] = [
    "split",
    "combine",
    "verify",
    "check",
    "inspect",
    "reissue",
    "extend",
    "cards",
    "plan",
    "rollcall",
    "completions",
    "man",
    "page",
];

fn stdout_of(args: &[&str]) -> String {
    let out = seedshard().args(args).output().unwrap();
    assert!(out.status.success(), "seedshard {args:?} failed: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn long_version_names_the_commit_and_the_features() {
    let text = stdout_of(&["--version"]);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(concat!("seedshard ", env!("CARGO_PKG_VERSION")))
    );
    let commit = lines.next().unwrap().strip_prefix("commit: ").unwrap();
    // The tests run from the checkout the binary was built from.
    let head = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8(o.stdout).unwrap().trim().to_string());
    match head {
        Some(head) => assert_eq!(commit, head),
        None => assert_eq!(commit, "unknown"),
    }
    let features: Vec<&str> = lines
        .next()
        .unwrap()
        .strip_prefix("features: ")
        .unwrap()
        .split(' ')
        .collect();
    for f in ["std", "bip39", "bitcoin", "qr", "card", "cli"] {
        assert!(
            features.contains(&f),
            "feature {f} missing from {features:?}"
        );
    }
    // -V stays one line, for scripts.
    assert_eq!(
        stdout_of(&["-V"]).trim(),
        concat!("seedshard ", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn completion_scripts_name_every_command() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = stdout_of(&["completions", shell]);
        for command in COMMANDS {
            assert!(
                script.contains(command),
                "{shell} completions lack {command}"
            );
        }
        assert!(script.contains("passphrase-file"), "{shell}: no flags");
    }
    // The bash script is valid bash.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("seedshard.bash");
    std::fs::write(&path, stdout_of(&["completions", "bash"])).unwrap();
    let status = Command::new("bash").arg("-n").arg(&path).status().unwrap();
    assert!(status.success(), "bash -n rejects the completion script");
}

#[test]
fn unknown_shell_is_a_usage_error() {
    let out = seedshard().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains("hint: possible values: bash"), "{err}");
}

#[test]
fn manual_page_is_printed_and_written_for_every_command() {
    let page = stdout_of(&["man"]);
    assert!(page.contains(".TH seedshard 1"), "{page}");
    assert!(page.contains(".SH SUBCOMMANDS"), "{page}");

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man1");
    let out_str = out.to_str().unwrap();
    let run = seedshard()
        .args(["man", "--out", out_str])
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    let mut written: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    written.sort();
    let mut expected: Vec<String> = COMMANDS
        .iter()
        .map(|c| format!("seedshard-{c}.1"))
        .chain(["seedshard.1".to_string()])
        .collect();
    expected.sort();
    assert_eq!(written, expected);
    let split = std::fs::read_to_string(out.join("seedshard-split.1")).unwrap();
    assert!(split.contains(".TH seedshard-split 1"), "{split}");
    assert!(split.contains("group\\-threshold"), "{split}");

    // Again without --force: refused before anything is touched.
    std::fs::write(out.join("seedshard-verify.1"), "kept").unwrap();
    std::fs::remove_file(out.join("seedshard.1")).unwrap();
    let again = seedshard()
        .args(["man", "--out", out_str])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(!out.join("seedshard.1").exists(), "a page was written");
    assert_eq!(
        std::fs::read_to_string(out.join("seedshard-verify.1")).unwrap(),
        "kept"
    );
    let forced = seedshard()
        .args(["man", "--out", out_str, "--force"])
        .output()
        .unwrap();
    assert!(forced.status.success(), "{forced:?}");
    assert!(std::fs::read_to_string(out.join("seedshard-verify.1"))
        .unwrap()
        .contains(".TH seedshard-verify 1"));
}
