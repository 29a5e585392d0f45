//! The `seedshard split` and `combine` commands as a user runs them: success paths, the
//! JSON contract, and every kind of bad input (exit code 2, an error and a hint line, no
//! panic, nothing secret on stderr). The cases whose whole output is fixed are pinned word for
//! word in `tests/cmd/` (`tests/cli_cmd.rs`).
//!
//! The terminal test needs util-linux `script`; without it the test is reported as ignored
//! (CI=true fails it). The file runs through `common::Harness`: add each test to `main`.

use std::process::{Command, Output, Stdio};

mod common;
use common::{assert_input_error, path_str, run, stderr, stdout, write};

const SECRET_HEX: &str = "bb54aac4b89dc868ba37d9cc21b2cece";

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_seedshard"))
}

/// Splits SECRET_HEX with `extra` arguments and returns the share lines.
fn split_shares(extra: &[&str]) -> Vec<String> {
    let mut args = vec!["split", "--secret-file", "-", "--iteration-exponent", "0"];
    args.extend_from_slice(extra);
    let o = run(&args, SECRET_HEX);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stdout(&o)
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

fn combine_stdin(shares: &[String], extra: &[&str]) -> Output {
    let mut args = vec!["combine", "-"];
    args.extend_from_slice(extra);
    run(&args, &shares.join("\n"))
}

fn generate_split_then_combine_from_the_printed_file() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(&["split", "--group", "2of3", "--generate"], "");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("# share 1 of 3; 2 of the 3 shares are needed"),
        "{text}"
    );
    let shares: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(shares.len(), 3);
    assert!(shares.iter().all(|s| s.split(' ').count() == 20));
    // The whole printed output is valid input, and any two shares give the same secret.
    let all = write(dir.path(), "all.txt", &text);
    let from_all = run(&["combine", all.to_str().unwrap()], "");
    assert_eq!(from_all.status.code(), Some(0), "{}", stderr(&from_all));
    let secret = stdout(&from_all);
    assert_eq!(secret.trim().len(), 32);
    let two = write(
        dir.path(),
        "two.txt",
        &format!("{}\n\n# comment\n{}\n", shares[2], shares[0]),
    );
    let from_two = run(&["combine", two.to_str().unwrap()], "");
    assert_eq!(stdout(&from_two), secret);
}

fn generate_256_bits_gives_33_word_shares() {
    let o = run(
        &["split", "--group", "1of1", "--generate", "256", "--json"],
        "",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let share = v["groups"][0]["shares"][0].as_str().unwrap();
    assert_eq!(share.split(' ').count(), 33);
}

fn secret_file_round_trip_with_groups_and_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let pass = write(dir.path(), "pass.txt", "correct horse battery staple\n");
    let pass = pass.to_str().unwrap();
    let shares = split_shares(&[
        "--group",
        "1of1",
        "--group",
        "2of3",
        "--group",
        "3of5",
        "--group-threshold",
        "2",
        "--passphrase-file",
        pass,
    ]);
    assert_eq!(shares.len(), 1 + 3 + 5);
    // Group 2 (shares 1..=3 after the 1of1) needs 2; group 3 needs 3.
    let pick = vec![
        shares[2].clone(),
        shares[7].clone(),
        shares[1].clone(),
        shares[4].clone(),
        shares[8].clone(),
    ];
    let o = combine_stdin(&pick, &["--passphrase-file", pass]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).trim(), SECRET_HEX);
    // A wrong passphrase is not an error: it opens a different wallet.
    let wrong = write(dir.path(), "wrong.txt", "correct horse battery stapler");
    let o = combine_stdin(&pick, &["--passphrase-file", wrong.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert_ne!(stdout(&o).trim(), SECRET_HEX);
}

fn json_contract_of_split_and_combine() {
    let o = run(
        &[
            "split",
            "--group",
            "2of3",
            "--group",
            "2of2",
            "--group-threshold",
            "2",
            "--secret-file",
            "-",
            "--iteration-exponent",
            "2",
            "--no-extendable",
            "--json",
        ],
        SECRET_HEX,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["extendable"], false);
    assert_eq!(v["iteration_exponent"], 2);
    assert_eq!(v["group_threshold"], 2);
    assert!(v["identifier"].as_u64().unwrap() < 32768);
    let groups = v["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[0]["member_threshold"], 2);
    assert_eq!(groups[0]["shares"].as_array().unwrap().len(), 3);
    let pick: Vec<String> = [
        &groups[0]["shares"][1],
        &groups[0]["shares"][2],
        &groups[1]["shares"][0],
        &groups[1]["shares"][1],
    ]
    .iter()
    .map(|s| s.as_str().unwrap().to_string())
    .collect();
    let o = combine_stdin(&pick, &["--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let c: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(c["master_secret_hex"], SECRET_HEX);
    assert_eq!(c["identifier"], v["identifier"]);
}

fn loose_input_prefixes_case_and_duplicates() {
    let shares = split_shares(&["--group", "2of3"]);
    let loose: String = shares[0]
        .split(' ')
        .map(|w| w[..4].to_uppercase())
        .collect::<Vec<_>>()
        .join("   ");
    // The same share twice is a duplicate, not a conflict.
    let input = vec![format!("  {loose}  "), shares[2].clone(), shares[2].clone()];
    let o = combine_stdin(&input, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).trim(), SECRET_HEX);
}

fn unknown_word_names_share_word_and_closest_words() {
    let shares = split_shares(&["--group", "2of3"]);
    let mut words: Vec<&str> = shares[1].split(' ').collect();
    let original = words[6].to_string();
    let typo = format!("{}x", &original[..original.len() - 1]);
    words[6] = &typo;
    let input = vec![shares[0].clone(), words.join(" ")];
    // A word not in the list is unreadable: worked out from the checksum, named by position,
    // and confirmed by the set's digest.
    let o = combine_stdin(&input, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).trim(), SECRET_HEX);
    assert!(
        stderr(&o).contains(
            "note: share 2 (standard input line 2): word 7 is not a SLIP-39 word; the checksum works it out"
        ),
        "{}",
        stderr(&o)
    );
    // The word it gives, like the closest list words, is the card's: shown only on a
    // terminal.
    assert!(!stderr(&o).contains("closest"), "{}", stderr(&o));
    assert!(
        !stderr(&o).contains(&original.to_uppercase()),
        "{}",
        stderr(&o)
    );
}

fn closest_words_are_shown_on_a_terminal() {
    // Official vector 1 with word 7 ("length") mistyped.
    let share = "duckling enlarge academic academic agency result lengtx solution fridge kidney \
                 coal piece deal husband erode duke ajar critical decision keyboard";
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "typo.txt", share);
    let command = format!(
        "{} combine {}",
        env!("CARGO_BIN_EXE_seedshard"),
        file.display()
    );
    // A pseudo-terminal, made by util-linux `script`.
    let tty = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .stdin(Stdio::null())
        .output()
        .expect("checked by the harness");
    let screen = String::from_utf8_lossy(&tty.stdout);
    assert!(
        screen.contains("word 7 is not a SLIP-39 word; the checksum gives LENGTH"),
        "{screen}"
    );
    // A lone 1-of-1 card has no digest: the worked-out word is shown, not used.
    assert!(screen.contains("word 7 was worked out"), "{screen}");
    assert!(!screen.contains("bb54aac4"), "{screen}");
}

/// A line that is not a share at all (a note, a sentence) is named as such, with how many of
/// its words are not SLIP-39 words and where the first is; never "a word is missing", and
/// never its words.
fn a_line_that_is_not_a_share_is_named_as_such() {
    let note = "Keep these cards somewhere safe and tell Anna where the second one is hidden";
    let secret_words = ["Keep", "somewhere", "Anna", "hidden"];
    let dir = tempfile::tempdir().unwrap();
    // Alone in a file.
    let file = write(dir.path(), "note.txt", &format!("{note}\n"));
    let o = run(&["combine", path_str(&file)], "");
    assert_input_error(
        &o,
        "note.txt line 1): this line is not a SLIP-39 share: 13 of its 14 words are not SLIP-39 words (the first is word 1)",
        &secret_words,
    );
    assert!(stderr(&o).contains("hint: a share is 20, 33 or 59 words"));
    // Between two good shares of a set: the shares already read do not turn it into a share
    // with a word missing.
    let shares = split_shares(&["--group", "2of3"]);
    let file = write(
        dir.path(),
        "mixed.txt",
        &format!("{}\n{note}\n{}\n", shares[0], shares[1]),
    );
    let o = run(&["combine", path_str(&file)], "");
    assert_input_error(
        &o,
        "mixed.txt line 2): this line is not a SLIP-39 share: 13 of its 14 words",
        &[&secret_words[..], &[SECRET_HEX]].concat(),
    );
    assert!(!stderr(&o).contains("missing"), "{}", stderr(&o));
    // The same at `check`, which lists every problem.
    let o = run(&["check", path_str(&file)], "");
    let err = format!("{}{}", stdout(&o), stderr(&o));
    assert_ne!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("not a SLIP-39 share"), "{err}");
    assert!(!err.contains("a word is missing"), "{err}");
}

fn wrong_word_count() {
    let shares = split_shares(&["--group", "2of3"]);
    // A word left out alone is put back from the checksum; with an unreadable word too,
    // the count is what is wrong.
    let mut short: Vec<&str> = shares[0].split(' ').take(19).collect();
    short[1] = "?";
    let o = combine_stdin(&[short.join(" ")], &[]);
    assert_input_error(
        &o,
        "share 1 (standard input line 1): the share has 19 words",
        &[SECRET_HEX],
    );
    assert!(stderr(&o).contains("check for a missing or extra word"));
    let mut long: Vec<&str> = shares[0].split(' ').collect();
    long.push("academic");
    long[1] = "?";
    long[2] = "?";
    let o = combine_stdin(&[long.join(" ")], &[]);
    assert_input_error(&o, "21 words", &[SECRET_HEX]);
}

fn failed_checksum_names_the_share() {
    // Two wrong words: more than the checksum can locate.
    let shares = split_shares(&["--group", "2of3"]);
    let mut words: Vec<String> = shares[1].split(' ').map(str::to_string).collect();
    for k in [10, 12] {
        words[k] = if words[k] == "academic" {
            "acid".into()
        } else {
            "academic".into()
        };
    }
    let o = combine_stdin(&[shares[0].clone(), words.join(" ")], &[]);
    assert_input_error(
        &o,
        "share 2 (standard input line 2): the checksum does not match",
        &[SECRET_HEX],
    );
}

fn shares_of_different_sets() {
    let a = split_shares(&["--group", "2of3"]);
    let b = split_shares(&["--group", "2of3"]);
    // Identifiers are random: they collide once in 32768 runs.
    if a[0].split(' ').next() == b[0].split(' ').next() {
        return;
    }
    let o = combine_stdin(&[a[0].clone(), b[1].clone()], &[]);
    assert_input_error(
        &o,
        "error: not enough shares: 1 of 2 shares, 1 more needed; share 2 (standard input line 2) belongs to another set (",
        &[SECRET_HEX],
    );
    assert!(stderr(&o).contains("and was set aside\nhint: add shares from more cards of set "));
}

fn not_enough_shares_says_how_many_more() {
    let shares = split_shares(&["--group", "3of5"]);
    let o = combine_stdin(&shares[..1], &[]);
    assert_input_error(
        &o,
        "error: not enough shares: 1 of 3 shares, 2 more needed\nhint: add shares from more cards of set ",
        &[SECRET_HEX],
    );

    let groups = split_shares(&[
        "--group",
        "2of3",
        "--group",
        "3of5",
        "--group-threshold",
        "2",
    ]);
    let o = combine_stdin(
        &[groups[0].clone(), groups[1].clone(), groups[3].clone()],
        &[],
    );
    assert_input_error(
        &o,
        "error: not enough shares: group 1: 2 of 2 shares, complete; group 2: 1 of 3 shares, 2 more needed; groups complete: 1 of the 2 needed\n",
        &[SECRET_HEX],
    );
}

fn non_ascii_passphrase_is_refused_on_split_and_combine() {
    let dir = tempfile::tempdir().unwrap();
    let pass = write(dir.path(), "pass.txt", "caf\u{e9} cr\u{e8}me");
    let pass = pass.to_str().unwrap();
    let o = run(
        &[
            "split",
            "--group",
            "2of3",
            "--generate",
            "--passphrase-file",
            pass,
        ],
        "",
    );
    assert_input_error(
        &o,
        "character at position 4 that is not printable ASCII",
        &["caf"],
    );
    let shares = split_shares(&["--group", "2of3"]);
    let o = combine_stdin(&shares[..2], &["--passphrase-file", pass]);
    assert_input_error(&o, "not printable ASCII", &[SECRET_HEX]);
}

fn oversized_and_binary_input_files() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, vec![b'a'; (1 << 20) + 1]).unwrap();
    assert_input_error(
        &run(&["combine", big.to_str().unwrap()], ""),
        "larger than 1 MiB",
        &[],
    );
    let bin = dir.path().join("bin.dat");
    std::fs::write(&bin, [0xff, 0xfe, 0x00, 0x41]).unwrap();
    assert_input_error(
        &run(&["combine", bin.to_str().unwrap()], ""),
        "is not text (invalid UTF-8 at byte 1)",
        &[],
    );
}

fn no_flag_takes_a_secret_value() {
    // Secrets come from files, stdin or prompts: flags that name them take file paths.
    let help = stdout(&run(&["split", "--help"], ""));
    assert!(help.contains("--secret-file <FILE>"), "{help}");
    assert!(help.contains("--passphrase-file <FILE>"), "{help}");
    assert!(!help.contains("--secret <"), "{help}");
    assert!(!help.contains("--passphrase <"), "{help}");
}

#[cfg(target_os = "linux")]
fn core_dumps_are_off_while_the_process_runs() {
    // `combine -` blocks reading standard input, after hardening has run.
    let mut child = bin()
        .args(["combine", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let limits_path = format!("/proc/{}/limits", child.id());
    let mut core_line = String::new();
    for _ in 0..200 {
        let limits = std::fs::read_to_string(&limits_path).unwrap_or_default();
        core_line = limits
            .lines()
            .find(|l| l.starts_with("Max core file size"))
            .unwrap_or("")
            .to_string();
        // Soft and hard limits both 0 (the hard limit is what hardening changes).
        let fields: Vec<&str> = core_line.split_whitespace().collect();
        if fields.get(4..6) == Some(&["0", "0"][..]) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    drop(child.stdin.take());
    let _ = child.wait_with_output();
    let fields: Vec<&str> = core_line.split_whitespace().collect();
    assert_eq!(fields.get(4..6), Some(&["0", "0"][..]), "{core_line}");
}

fn verify_reads_shares_like_combine_and_sets_a_stray_aside() {
    let a = split_shares(&["--group", "2of3"]);
    let b = split_shares(&["--group", "2of3"]);
    if a[0].split(' ').next() == b[0].split(' ').next() {
        return; // same first word: identifiers too alike to tell the sets apart by it
    }
    let clean = run(&["verify", "-", "--json"], &a[..2].join("\n"));
    assert_eq!(clean.status.code(), Some(0), "{}", stderr(&clean));
    let with_stray = run(
        &["verify", "-", "--json"],
        &[b[0].clone(), a[0].clone(), a[1].clone()].join("\n"),
    );
    assert_eq!(with_stray.status.code(), Some(0), "{}", stderr(&with_stray));
    let fingerprint = |o: &Output| -> String {
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["readings"][0]["wallet"]["fingerprint"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(fingerprint(&clean), fingerprint(&with_stray));
    assert!(
        stderr(&with_stray).contains("belongs to another set"),
        "{}",
        stderr(&with_stray)
    );
}

fn main() {
    let h = common::Harness::new(include_str!("cli.rs"))
        .test(
            "generate_split_then_combine_from_the_printed_file",
            generate_split_then_combine_from_the_printed_file,
        )
        .test(
            "generate_256_bits_gives_33_word_shares",
            generate_256_bits_gives_33_word_shares,
        )
        .test(
            "secret_file_round_trip_with_groups_and_passphrase",
            secret_file_round_trip_with_groups_and_passphrase,
        )
        .test(
            "json_contract_of_split_and_combine",
            json_contract_of_split_and_combine,
        )
        .test(
            "loose_input_prefixes_case_and_duplicates",
            loose_input_prefixes_case_and_duplicates,
        )
        .test(
            "unknown_word_names_share_word_and_closest_words",
            unknown_word_names_share_word_and_closest_words,
        )
        .needs(
            "closest_words_are_shown_on_a_terminal",
            &common::tool_need("script", "--version", "util-linux"),
            closest_words_are_shown_on_a_terminal,
        )
        .test(
            "a_line_that_is_not_a_share_is_named_as_such",
            a_line_that_is_not_a_share_is_named_as_such,
        )
        .test("wrong_word_count", wrong_word_count)
        .test(
            "failed_checksum_names_the_share",
            failed_checksum_names_the_share,
        )
        .test("shares_of_different_sets", shares_of_different_sets)
        .test(
            "not_enough_shares_says_how_many_more",
            not_enough_shares_says_how_many_more,
        )
        .test(
            "non_ascii_passphrase_is_refused_on_split_and_combine",
            non_ascii_passphrase_is_refused_on_split_and_combine,
        )
        .test(
            "oversized_and_binary_input_files",
            oversized_and_binary_input_files,
        )
        .test("no_flag_takes_a_secret_value", no_flag_takes_a_secret_value)
        .test(
            "verify_reads_shares_like_combine_and_sets_a_stray_aside",
            verify_reads_shares_like_combine_and_sets_a_stray_aside,
        );
    #[cfg(target_os = "linux")]
    let h = h.test(
        "core_dumps_are_off_while_the_process_runs",
        core_dumps_are_off_while_the_process_runs,
    );
    #[cfg(not(target_os = "linux"))]
    let h = h.not_here(
        "core_dumps_are_off_while_the_process_runs",
        "the check reads /proc, on Linux",
    );
    h.run()
}
