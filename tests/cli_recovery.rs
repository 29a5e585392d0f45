//! `seedshard check`, `inspect`, `reissue` and `extend` as a user runs them: the stressed
//! recovery (smudged words, a typo, a card from another set), exit codes 0 / 1 / 2, error and
//! hint lines, and no secret in any output.

use std::process::Output;

mod common;
use common::{run, share_lines, stderr as err, stdout as out};

const SECRET_HEX: &str = "7c1d3b5a99e04f2a6b8c0d1e2f304152";

fn split(extra: &[&str]) -> Vec<String> {
    let mut args = vec!["split", "--secret-file", "-", "--iteration-exponent", "0"];
    args.extend_from_slice(extra);
    let o = run(&args, SECRET_HEX);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    share_lines(&out(&o))
}

fn combine(shares: &[String]) -> String {
    let o = run(&["combine", "-"], &shares.join("\n"));
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    out(&o).trim().to_string()
}

/// Exit 2 with exactly an error line and a hint line, and no secret.
fn assert_usage_error(o: &Output, needle: &str) {
    let e = err(o);
    assert_eq!(o.status.code(), Some(2), "{e}");
    let lines: Vec<&str> = e.lines().collect();
    assert!(lines.len() >= 2, "{e}");
    assert!(lines[lines.len() - 2].starts_with("error: "), "{e}");
    assert!(lines[lines.len() - 1].starts_with("hint: "), "{e}");
    assert!(e.contains(needle), "expected {needle:?} in {e}");
    assert!(!e.contains(SECRET_HEX));
}

/// True when two shares have the same identifier (the first two words hold it, with the
/// flag and exponent): random identifiers collide once in 32768 sets.
fn same_set(a: &str, b: &str) -> bool {
    let head = |s: &str| s.split(' ').take(2).collect::<Vec<_>>().join(" ");
    head(a) == head(b)
}

fn with_word(share: &str, position: usize, word: &str) -> String {
    let mut w: Vec<&str> = share.split(' ').collect();
    w[position - 1] = word;
    w.join(" ")
}

#[test]
fn check_a_good_pile_exits_0_and_never_prints_the_secret() {
    let shares = split(&["--group", "2of3"]);
    let o = run(&["check", "-"], &shares.join("\n"));
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let text = out(&o);
    assert!(text.contains("result: the set recovers"), "{text}");
    assert_eq!(text.matches("fits the other shares").count(), 3, "{text}");
    assert!(!text.contains(SECRET_HEX) && !err(&o).contains(SECRET_HEX));
}

#[test]
fn three_cards_two_smudged_words_a_typo_and_a_stranger() {
    let shares = split(&["--group", "3of5"]);
    let stranger = split(&["--group", "2of3"]);
    if same_set(&stranger[0], &shares[0]) {
        return; // the same random identifier, once in 32768 runs
    }
    let smudged = with_word(&with_word(&shares[0], 6, "?"), 15, "?");
    let typo_word = if shares[2].split(' ').nth(10) == Some("acid") {
        "acne"
    } else {
        "acid"
    };
    let typo = with_word(&shares[2], 11, typo_word);
    let pile = [smudged, stranger[0].clone(), typo, shares[4].clone()].join("\n");

    // check: every problem named by share, source and word position; exit 1. Into a pipe,
    // positions only: the worked-out words are the card's.
    let o = run(&["check", "-"], &pile);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    let text = out(&o);
    let w = |s: &str, p: usize| s.split(' ').nth(p - 1).unwrap().to_uppercase();
    assert!(
        text.contains("word 6 was unreadable; the checksum works it out"),
        "{text}"
    );
    assert!(text.contains("word 15 was unreadable; the checksum works it out"));
    assert!(text.contains("word 11 is wrong: the checksum points at it"));
    for word in [w(&shares[0], 6), w(&shares[0], 15), w(&shares[2], 11)] {
        assert!(!text.contains(&word), "{word} in {text}");
    }
    assert!(text.contains("share 2 (standard input line 2)"), "{text}");
    assert!(text.contains("another set: set aside"), "{text}");
    assert!(text.contains("result: the set recovers"), "{text}");
    assert!(
        err(&o).starts_with("error: 3 shares need attention"),
        "{}",
        err(&o)
    );
    assert!(!text.contains(SECRET_HEX));

    // The repaired shares recover the secret once corrected as shown.
    assert_eq!(
        combine(&[shares[0].clone(), shares[2].clone(), shares[4].clone()]),
        SECRET_HEX
    );
}

#[test]
fn check_names_the_share_that_does_not_fit() {
    use rand::SeedableRng;
    use seedshard::{Identifier, IterationExponent, MasterSecret, Passphrase, SplitPlan};
    // Two splits with the same identifier and plan: a share of the second is a valid share
    // of the first set's form that lies on another polynomial (a swapped card).
    let plan = SplitPlan::single(2, 3)
        .unwrap()
        .with_identifier(Identifier::new(4242).unwrap())
        .with_iteration_exponent(IterationExponent::new(0).unwrap());
    let mut rng = rand::rngs::StdRng::seed_from_u64(5);
    let words = |secret: u8, rng: &mut rand::rngs::StdRng| -> Vec<String> {
        plan.split_with(
            &MasterSecret::new(vec![secret; 16]).unwrap(),
            &Passphrase::empty(),
            rng,
        )
        .unwrap()
        .shares()
        .map(|s| s.to_words().to_string())
        .collect()
    };
    let a = words(1, &mut rng);
    let b = words(2, &mut rng);
    let pile = [a[0].clone(), b[1].clone(), a[2].clone()].join("\n");
    let o = run(&["check", "-"], &pile);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    let text = out(&o);
    assert!(
        text.contains("share 2 (standard input line 2): checksum ok; set ")
            && text.contains("member 2: DOES NOT FIT"),
        "{text}"
    );
    assert_eq!(text.matches("fits the other shares").count(), 2, "{text}");
    assert!(
        text.contains("result: the set recovers from the shares that fit"),
        "{text}"
    );
}

#[test]
fn check_complete_and_incomplete_sets() {
    let shares = split(&["--group", "3of5"]);
    let o = run(&["check", "-"], &shares[..2].join("\n"));
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(
        out(&o).contains("2 of 3 shares, 1 more needed"),
        "{}",
        out(&o)
    );
    assert!(out(&o).contains("result: the set does not recover yet"));
    let o = run(&["check", "--complete", "-"], &shares[..2].join("\n"));
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn check_bad_usage_exits_2() {
    let o = run(&["check", "/nonexistent/shares.txt"], "");
    assert_usage_error(&o, "/nonexistent/shares.txt");
    let o = run(&["check", "-"], "# nothing here\n");
    assert_usage_error(&o, "no shares");
    let o = run(&["check", "--bogus"], "");
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn inspect_shows_public_fields_only() {
    let shares = split(&[
        "--group",
        "2of3",
        "--group",
        "3of5",
        "--group-threshold",
        "2",
    ]);
    let o = run(&["inspect", "-"], &shares[4]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let text = out(&o);
    assert!(
        text.contains("group:              2 of 2 (2 needed)"),
        "{text}"
    );
    assert!(
        text.contains("member:             2 (3 of the group needed)"),
        "{text}"
    );
    assert!(
        text.contains("secret length:      128 bits (20 words)"),
        "{text}"
    );
    assert!(text.contains("extendable:         yes"), "{text}");
    // No word of the share's value appears (the labels use four SLIP-39 words themselves).
    let labels = ["group", "length", "member", "secret"];
    for w in shares[4].split(' ').skip(4).filter(|w| !labels.contains(w)) {
        assert!(!text.contains(&format!(" {w} ")), "value word {w} shown");
    }
    let o = run(&["inspect", "-"], &shares[..2].join("\n"));
    assert_usage_error(&o, "exactly one");
}

#[test]
fn reissue_regenerates_the_lost_card_and_warns_that_it_still_counts() {
    let shares = split(&["--group", "3of5"]);
    let given = [shares[0].clone(), shares[2].clone(), shares[4].clone()].join("\n");
    let o = run(&["reissue", "-", "--member-index", "2"], &given);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(out(&o).trim(), shares[1]);
    assert!(
        err(&o).contains("the lost card still counts"),
        "{}",
        err(&o)
    );

    // A number never issued: a new holder whose share works with two originals.
    let o = run(&["reissue", "-", "--member-index", "9"], &given);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let new = out(&o).trim().to_string();
    assert_eq!(
        combine(&[shares[3].clone(), new, shares[1].clone()]),
        SECRET_HEX
    );

    let o = run(&["reissue", "-", "--member-index", "3"], &given);
    assert_usage_error(&o, "member 3's share already");
    let o = run(
        &["reissue", "-", "--member-index", "2"],
        &shares[..2].join("\n"),
    );
    assert_usage_error(&o, "2 fitting shares; 3 are needed");
    let o = run(&["reissue", "-", "--member-index", "17"], &given);
    assert_usage_error(&o, "--member-index");
}

#[test]
fn extend_makes_a_new_set_for_the_same_wallet() {
    let shares = split(&["--group", "2of3"]);
    let o = run(
        &[
            "extend",
            "-",
            "--group",
            "2of3",
            "--group",
            "1of1",
            "--group-threshold",
            "2",
        ],
        &shares[..2].join("\n"),
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let new = share_lines(&out(&o));
    assert_eq!(new.len(), 4);
    // A new identifier: the first two words (identifier, flag, exponent) differ.
    assert!(!same_set(&new[0], &shares[0]));
    assert_eq!(
        combine(&[new[1].clone(), new[2].clone(), new[3].clone()]),
        SECRET_HEX
    );
    assert!(err(&o).contains("restores the same wallet"), "{}", err(&o));

    let o = run(
        &["extend", "-", "--group", "2of3", "--json"],
        &shares[1..].join("\n"),
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    let words: Vec<String> = v["groups"][0]["shares"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    assert_eq!(combine(&words[..2]), SECRET_HEX);
}

#[test]
fn extend_refuses_a_set_without_the_flag_and_incomplete_sets() {
    let shares = split(&["--group", "2of3", "--no-extendable"]);
    let o = run(&["extend", "-", "--group", "2of3"], &shares.join("\n"));
    assert_usage_error(&o, "without the extendable flag");
    let shares = split(&["--group", "2of3"]);
    let o = run(&["extend", "-", "--group", "2of3"], &shares[0]);
    assert_usage_error(&o, "not enough shares");
    let o = run(
        &["extend", "-", "--group", "2of3", "--group", "2of3"],
        &shares[0],
    );
    assert_usage_error(&o, "--group-threshold");
}

#[test]
fn check_puts_back_a_missing_word_and_takes_out_an_extra_one() {
    let shares = split(&["--group", "2of3"]);
    let words: Vec<&str> = shares[0].split(' ').collect();
    // Leave out a word unlike the one before it (else either position fits).
    let p = (8..words.len())
        .find(|&p| words[p - 1] != words[p])
        .unwrap();
    let short = [&words[..p], &words[p + 1..]].concat().join(" ");
    let long = {
        let w: Vec<&str> = shares[1].split(' ').collect();
        [&w[..2], &["academic"][..], &w[2..]].concat().join(" ")
    };
    let o = run(&["check", "-"], &[short, long].join("\n"));
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    let text = out(&o);
    assert!(
        text.contains(&format!(
            "a word is missing before word {} as typed; the checksum works it out",
            p + 1,
        )),
        "{text}"
    );
    assert!(text.contains("word 3 is one word too many"), "{text}");
    assert!(text.contains("result: the set recovers"), "{text}");
}

#[test]
fn combine_works_out_words_marked_unreadable_in_a_file() {
    let shares = split(&["--group", "3of5"]);
    let stranger = split(&["--group", "2of3"]);
    if same_set(&stranger[0], &shares[0]) {
        return;
    }
    let smudged = with_word(&with_word(&shares[1], 3, "?"), 17, "?");
    let typo_word = if shares[3].split(' ').nth(7) == Some("acid") {
        "acne"
    } else {
        "acid"
    };
    let typo = with_word(&shares[3], 8, typo_word);
    let pile = [smudged, stranger[1].clone(), typo, shares[4].clone()].join("\n");
    let o = run(&["combine", "-"], &pile);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(out(&o).trim(), SECRET_HEX);
    let e = err(&o);
    assert!(
        e.contains(
            "note: share 1 (standard input line 1): word 3 was unreadable; the checksum works it out"
        ),
        "{e}"
    );
    assert!(
        e.contains(
            "note: share 3 (standard input line 3): word 8 is wrong: the checksum points at it"
        ),
        "{e}"
    );
    assert!(!e.contains(&typo_word.to_uppercase()), "{e}");
    assert!(
        e.contains("note: share 2 (standard input line 2) belongs to another set"),
        "{e}"
    );

    // Too much damage: an error naming the share, and a hint pointing at `check`.
    let ruined = with_word(
        &with_word(&with_word(&with_word(&shares[0], 5, "?"), 6, "?"), 9, "?"),
        12,
        "?",
    );
    let o = run(&["combine", "-"], &[ruined, shares[2].clone()].join("\n"));
    assert_usage_error(
        &o,
        "share 1 (standard input line 1): 4 words are unreadable",
    );
    assert!(err(&o).contains("seedshard check"));
}

#[test]
fn check_json_names_positions_and_statuses_without_words() {
    let shares = split(&["--group", "2of3"]);
    let stranger = split(&["--group", "2of3"]);
    if same_set(&stranger[0], &shares[0]) {
        return;
    }
    let smudged = with_word(&shares[0], 9, "?");
    let pile = [
        smudged,
        stranger[0].clone(),
        shares[2].clone(),
        shares[2].clone(),
        "not a share at all".to_string(),
    ]
    .join("\n");
    let o = run(&["check", "--json", "-"], &pile);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    let text = out(&o);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let statuses: Vec<&str> = v["shares"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        ["fits", "other_set", "fits", "duplicate", "unusable"]
    );
    assert_eq!(v["shares"][0]["repaired"][0]["position"], 9);
    assert_eq!(v["shares"][0]["repaired"][0]["kind"], "unreadable");
    assert_eq!(v["shares"][3]["duplicate_of"], 3);
    assert_eq!(v["recovers"], true);
    assert_eq!(v["problems"], 3);
    assert_eq!(v["set"]["groups"][0]["have"], 2);
    assert_eq!(v["other_sets"][0]["shares"][0], 2);
    // No word of a share's value appears (keys and labels use a few SLIP-39 words).
    let labels = [
        "group", "have", "kind", "member", "source", "standard", "true", "most", "work",
    ];
    for w in shares[0].split(' ').skip(4).filter(|w| !labels.contains(w)) {
        assert!(!text.contains(&format!("\"{w}\"")) && !text.contains(&format!(" {w} ")));
    }
}

#[test]
fn extend_writes_cards_like_split() {
    let shares = split(&["--group", "2of3"]);
    let dir = tempfile::tempdir().unwrap();
    let cards = dir.path().join("cards");
    let o = run(
        &[
            "extend",
            "-",
            "--group",
            "2of3",
            "--cards",
            cards.to_str().unwrap(),
            "--card-format",
            "svg",
            "--bip39-mode",
            "none",
        ],
        &shares[..2].join("\n"),
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let new = share_lines(&out(&o));
    assert_eq!(new.len(), 3);
    let files: Vec<String> = std::fs::read_dir(&cards)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        files.iter().filter(|f| f.ends_with(".svg")).count() >= 3,
        "{files:?}"
    );
    assert_eq!(combine(&new[1..]), SECRET_HEX);
}

#[test]
fn check_says_when_a_line_is_a_bip39_phrase() {
    let o = run(
        &["check", "-"],
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about\n",
    );
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(
        out(&o).contains("this looks like a 12-word BIP-39 phrase, not a SLIP-39 share"),
        "{}",
        out(&o)
    );
    assert!(out(&o).contains("result: no share could be read"));
}

#[test]
fn check_reads_photos_of_cards_with_their_names_as_sources() {
    let dir = tempfile::tempdir().unwrap();
    let cards = dir.path().join("cards");
    let o = run(
        &[
            "split",
            "--secret-file",
            "-",
            "--iteration-exponent",
            "0",
            "--group",
            "2of3",
            "--cards",
            cards.to_str().unwrap(),
            "--card-format",
            "png",
        ],
        SECRET_HEX,
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let shares = share_lines(&out(&o));
    let png = |n: usize| {
        cards
            .join(format!("share-g1-s{n}.png"))
            .to_string_lossy()
            .into_owned()
    };
    let (one, three) = (png(1), png(3));
    // A photo plus a typed share (the same as the photo's: a duplicate), then the set recovers.
    let o = run(
        &["check", "-", "--scan", &one, &three],
        &format!("{}\n", shares[0]),
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let text = out(&o);
    assert!(
        text.contains(&format!("share 2 ({one} QR code 1): checksum ok")),
        "{text}"
    );
    assert!(
        text.contains("the same share as share 1; ignored"),
        "{text}"
    );
    assert!(text.contains("result: the set recovers"), "{text}");
    let o = run(&["check", "--scan", &three], "");
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(
        out(&o).contains("1 of 2 shares, 1 more needed"),
        "{}",
        out(&o)
    );
}

/// Asserts a recovery: exit 0, the secret alone on standard output, nothing but notes on
/// standard error, and the secret never there. Returns standard error.
fn assert_recovers(o: &Output) -> String {
    let e = err(o);
    assert_eq!(o.status.code(), Some(0), "{e}");
    assert_eq!(out(o).trim(), SECRET_HEX, "{e}");
    assert!(!e.contains(SECRET_HEX), "{e}");
    assert!(!e.contains("error:"), "{e}");
    e
}

/// Writes `lines` to `name` in `dir` and returns its path as a string.
fn write_lines(dir: &std::path::Path, name: &str, lines: &[String]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, lines.join("\n") + "\n").unwrap();
    p.to_string_lossy().into_owned()
}

#[test]
fn stranger_card_first_is_set_aside_and_set_recovers() {
    let shares = split(&["--group", "2of3"]);
    let stranger = split(&["--group", "2of3"]);
    if same_set(&stranger[0], &shares[0]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = write_lines(
        dir.path(),
        "a.txt",
        &[stranger[0].clone(), shares[0].clone(), shares[2].clone()],
    );
    let e = assert_recovers(&run(&["combine", &file], ""));
    assert!(
        e.contains(&format!(
            "note: share 1 ({file} line 1) belongs to another set ("
        )),
        "{e}"
    );
    assert!(e.contains(") and was set aside\n"), "{e}");
    assert!(e.contains("note: recovering set "), "{e}");
    // The good shares are never blamed.
    assert!(!e.contains("share 2 ("), "{e}");
    assert!(!e.contains("share 3 ("), "{e}");
    assert!(!e.contains("different share set"), "{e}");
}

#[test]
fn duplicate_card_is_noted_and_ignored() {
    let shares = split(&["--group", "3of5"]);
    let dir = tempfile::tempdir().unwrap();
    let file = write_lines(
        dir.path(),
        "a.txt",
        &[
            shares[0].clone(),
            shares[3].clone(),
            shares[0].clone(),
            shares[4].clone(),
        ],
    );
    let e = assert_recovers(&run(&["combine", &file], ""));
    assert!(
        e.contains(&format!(
            "note: share 3 ({file} line 3) was given before; ignored\n"
        )),
        "{e}"
    );
    assert_eq!(e.matches("was given before").count(), 1, "{e}");

    // A duplicate does not count towards the threshold: two cards and a copy are not enough.
    let file = write_lines(
        dir.path(),
        "b.txt",
        &[shares[0].clone(), shares[3].clone(), shares[0].clone()],
    );
    assert_usage_error(
        &run(&["combine", &file], ""),
        "error: not enough shares: 2 of 3 shares, 1 more needed\nhint: ",
    );
}

#[test]
fn single_wrong_word_is_located_in_combine_and_confirmed_by_the_digest() {
    let shares = split(&["--group", "2of3"]);
    let wrong = if shares[1].split(' ').nth(10) == Some("acid") {
        "acne"
    } else {
        "acid"
    };
    let typo = with_word(&shares[1], 11, wrong);
    // The one rule for files: the wrong word is located and worked out, named by position
    // (its word only on a terminal), and the set's digest confirms it.
    let o = run(
        &["combine", "-"],
        &[shares[0].clone(), typo.clone()].join("\n"),
    );
    let e = assert_recovers(&o);
    assert!(
        e.contains(
            "note: share 2 (standard input line 2): word 11 is wrong: the checksum points at it and works out another word"
        ),
        "{e}"
    );
    let right = shares[1].split(' ').nth(10).unwrap();
    assert!(
        !e.contains(&right.to_uppercase()) && !e.contains(&wrong.to_uppercase()),
        "{e}"
    );
    // The same with a word marked unreadable elsewhere: the same rule, whatever the other
    // lines hold.
    let smudged = with_word(&shares[0], 9, "?");
    let o = run(&["combine", "-"], &[smudged, typo].join("\n"));
    let e = assert_recovers(&o);
    assert!(
        e.contains("note: share 2 (standard input line 2): word 11 is wrong"),
        "{e}"
    );
    assert!(
        e.contains(
            "note: share 1 (standard input line 1): word 9 was unreadable; the checksum works it out"
        ),
        "{e}"
    );
}

#[test]
fn stray_first_share_does_not_mislabel_good_shares() {
    let shares = split(&["--group", "2of3"]);
    let stranger = split(&["--group", "2of3"]);
    if same_set(&stranger[0], &shares[0]) {
        return;
    }
    // Words marked unreadable: the lenient reading, which once decided the set at the first
    // share and called the good shares strangers.
    let smudged = with_word(&shares[1], 12, "?");
    let pile = [stranger[2].clone(), smudged, shares[2].clone()].join("\n");
    let e = assert_recovers(&run(&["combine", "-"], &pile));
    assert!(
        e.contains("note: share 1 (standard input line 1) belongs to another set ("),
        "{e}"
    );
    assert!(
        e.contains("note: share 2 (standard input line 2): word 12 was unreadable"),
        "{e}"
    );
    assert_eq!(e.matches("another set").count(), 1, "{e}");
    assert!(!e.contains("left out"), "{e}");
    for l in e.lines() {
        assert!(
            l.starts_with("note: ")
                || l.starts_with("The ")
                || l.starts_with("Reading ")
                || l.starts_with("  "),
            "{e}"
        );
    }
}

#[test]
fn scan_with_a_stray_card_recovers() {
    let dir = tempfile::tempdir().unwrap();
    let cards = |sub: &str, secret: &str| {
        let d = dir.path().join(sub);
        let o = run(
            &[
                "split",
                "--secret-file",
                "-",
                "--iteration-exponent",
                "0",
                "--group",
                "2of3",
                "--cards",
                d.to_str().unwrap(),
                "--card-format",
                "png",
            ],
            secret,
        );
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
        (d, share_lines(&out(&o)))
    };
    let (mine, shares) = cards("mine", SECRET_HEX);
    let (other, stray) = cards("other", "00112233445566778899aabbccddeeff");
    if same_set(&stray[0], &shares[0]) {
        return;
    }
    let png = |d: &std::path::Path, n: usize| {
        d.join(format!("share-g1-s{n}.png"))
            .to_string_lossy()
            .into_owned()
    };
    let stray_card = png(&other, 2);
    let o = run(
        &[
            "combine",
            "--scan",
            &stray_card,
            &png(&mine, 1),
            &png(&mine, 3),
        ],
        "",
    );
    let e = assert_recovers(&o);
    assert!(
        e.contains(&format!(
            "note: share 1 ({stray_card} QR code 1) belongs to another set ("
        )),
        "{e}"
    );
    assert!(!e.contains("share 2 ("), "{e}");
    assert!(!e.contains("share 3 ("), "{e}");

    // A photo and a typed copy of the same card: a duplicate, noted once.
    let o = run(
        &["combine", "-", "--scan", &png(&mine, 1), &png(&mine, 2)],
        &format!("{}\n", shares[0]),
    );
    let e = assert_recovers(&o);
    let one = png(&mine, 1);
    assert!(
        e.contains(&format!(
            "note: share 2 ({one} QR code 1) was given before; ignored"
        )),
        "{e}"
    );
}

#[test]
fn slow_decryption_is_announced_before_it_starts() {
    let slow = |e: &str| {
        let o = run(
            &[
                "split",
                "--secret-file",
                "-",
                "--iteration-exponent",
                e,
                "--group",
                "2of3",
            ],
            SECRET_HEX,
        );
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
        let shares = share_lines(&out(&o));
        run(&["combine", "-"], &shares[..2].join("\n"))
    };
    let e = assert_recovers(&slow("5"));
    assert!(
        e.contains("note: decrypting takes a while: iteration exponent 5 means 320000 PBKDF2 iterations (10000 x 2^5)\n"),
        "{e}"
    );
    let e = assert_recovers(&slow("4"));
    assert!(!e.contains("takes a while"), "{e}");
}

#[test]
fn shares_are_read_in_the_forms_people_have_them() {
    let o = run(
        &[
            "split",
            "--secret-file",
            "-",
            "--iteration-exponent",
            "0",
            "--group",
            "2of3",
        ],
        SECRET_HEX,
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let file = out(&o);
    let shares = share_lines(&file);
    assert_eq!(shares.len(), 3);
    // Our own share file, as written, with a byte-order mark.
    let ours = format!("\u{feff}{file}");
    // One word a line, numbered as on the cards, no empty line between shares.
    let mut one_a_line = String::new();
    for share in &shares[..2] {
        for (k, w) in share.split(' ').enumerate() {
            one_a_line.push_str(&format!("{} {w}\n", k + 1));
        }
    }
    // Numbered words on one line, upper case as printed, with Windows line ends.
    let numbered: String = shares[1..]
        .iter()
        .map(|s| {
            s.split(' ')
                .enumerate()
                .map(|(k, w)| format!("{}. {}", k + 1, w.to_uppercase()))
                .collect::<Vec<_>>()
                .join(" ")
                + "\r\n"
        })
        .collect();
    for (name, text) in [
        ("ours", &ours),
        ("one a line", &one_a_line),
        ("numbered", &numbered),
    ] {
        let o = run(&["combine", "-"], text);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", err(&o));
        assert_eq!(out(&o).trim(), SECRET_HEX, "{name}");
        let o = run(&["check", "-"], text);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", err(&o));
    }
    // A smudged word in a share typed one word a line is still worked out by check.
    let mut damaged = String::new();
    for (k, share) in shares[..2].iter().enumerate() {
        for (j, w) in share.split(' ').enumerate() {
            damaged.push_str(if k == 0 && j == 9 { "?" } else { w });
            damaged.push('\n');
        }
        damaged.push('\n');
    }
    let o = run(&["check", "-"], &damaged);
    let report = out(&o);
    assert!(
        report.contains("word 10 was unreadable; the checksum works it out"),
        "{report}"
    );
    assert!(
        report.contains("share 2 (standard input line 22)"),
        "{report}"
    );
    assert!(!out(&o).contains(SECRET_HEX) && !err(&o).contains(SECRET_HEX));
}

#[test]
fn one_trailing_newline_of_a_passphrase_file_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.display().to_string()
    };
    let plain = write("plain.txt", "TREZOR");
    let newline = write("newline.txt", "TREZOR\n");
    let crlf = write("crlf.txt", "TREZOR\r\n");
    let two = write("two.txt", "TREZOR\n\n");
    let o = run(
        &[
            "split",
            "--secret-file",
            "-",
            "--iteration-exponent",
            "0",
            "--group",
            "2of3",
            "--passphrase-file",
            &plain,
        ],
        SECRET_HEX,
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let shares = share_lines(&out(&o)).join("\n");
    for (name, file) in [("newline", &newline), ("crlf", &crlf)] {
        let o = run(&["combine", "-", "--passphrase-file", file], &shares);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", err(&o));
        assert_eq!(out(&o).trim(), SECRET_HEX, "{name}");
    }
    // Only one: a second newline is part of the passphrase (printable ASCII only: refused).
    let o = run(&["combine", "-", "--passphrase-file", &two], &shares);
    assert_ne!(out(&o).trim(), SECRET_HEX);
}

#[test]
fn a_card_date_that_is_not_a_date_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let cards = dir.path().join("cards");
    let cards_arg = cards.display().to_string();
    for (date, needle) in [
        ("2026-02-30", "month 2 of 2026 has no day 30"),
        ("30.01.2026", "is not a date written YYYY-MM-DD"),
    ] {
        let o = run(
            &[
                "split",
                "--secret-file",
                "-",
                "--group",
                "2of3",
                "--cards",
                &cards_arg,
                "--date",
                date,
            ],
            SECRET_HEX,
        );
        assert_usage_error(&o, needle);
        assert!(out(&o).is_empty(), "{}", out(&o));
        assert!(!cards.exists());
    }
}
