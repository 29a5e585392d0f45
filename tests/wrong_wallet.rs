//! Never the wrong wallet: words worked out from a share's checksum are used only when
//! something independent confirms them. A threshold-1 card (a 1-of-1 set, or a single-card
//! group under a group threshold of 1) has no SLIP-39 digest, so a miscorrected word there
//! would silently give another wallet; these tests damage thousands of such cards and check
//! that a secret, or a new set, comes out only when it is the right one.

mod common;
use common::{run, share_lines, stderr as err, stdout as out};

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, RngExt, SeedableRng};
use seedshard::slip39::wordlist;
use seedshard::{
    recover_ems, GroupSpec, IterationExponent, MasterSecret, Passphrase, Recovery, RecoveryError,
    Share, ShareStatus, SplitPlan,
};

/// A card that opens its set alone: its words, the share, and the secret.
struct Card {
    share: Share,
    words: Vec<String>,
    secret: MasterSecret,
}

/// Threshold-1 cards of every length (20, 33 and 59 words) and of three plans: a 1-of-1
/// set, the single-card group of a set with group threshold 1 beside a 2-of-3 group, and one
/// of two single-card groups under group threshold 1.
fn threshold_one_cards(rng: &mut StdRng, per_kind: usize) -> Vec<Card> {
    let mut out = Vec::new();
    for len in [16usize, 32, 64] {
        for plan_kind in 0..3 {
            for _ in 0..per_kind {
                let mut bytes = vec![0u8; len];
                rng.fill_bytes(&mut bytes);
                let secret = MasterSecret::new(bytes).unwrap();
                let groups = match plan_kind {
                    0 => vec![GroupSpec::new(1, 1).unwrap()],
                    1 => vec![GroupSpec::new(1, 1).unwrap(), GroupSpec::new(2, 3).unwrap()],
                    _ => vec![GroupSpec::new(1, 1).unwrap(), GroupSpec::new(1, 1).unwrap()],
                };
                let set = SplitPlan::new(1, groups)
                    .unwrap()
                    .with_iteration_exponent(IterationExponent::new(0).unwrap())
                    .split_with(&secret, &Passphrase::empty(), rng)
                    .unwrap();
                let share = set.groups()[0][0].clone();
                assert_eq!(share.member_threshold(), 1);
                let words = share.to_words().split(' ').map(str::to_owned).collect();
                out.push(Card {
                    share,
                    words,
                    secret,
                });
            }
        }
    }
    out
}

/// The card's words with `unreadable` of them written `?` and `wrong` others replaced by
/// other list words, at random positions.
fn damage(words: &[String], unreadable: usize, wrong: usize, rng: &mut StdRng) -> String {
    let mut positions: Vec<usize> = (0..words.len()).collect();
    positions.shuffle(rng);
    let mut w = words.to_vec();
    for &p in &positions[..unreadable] {
        w[p] = "?".into();
    }
    for &p in &positions[unreadable..unreadable + wrong] {
        loop {
            let other = wordlist::word(rng.random_range(0..1024u16));
            if other != words[p] {
                w[p] = other.to_string();
                break;
            }
        }
    }
    w.join(" ")
}

#[test]
fn ten_thousand_damaged_threshold_one_cards_never_give_a_wrong_secret_or_set() {
    let mut rng = StdRng::seed_from_u64(0x5eed_0009);
    let cards = threshold_one_cards(&mut rng, 4);
    let plan = SplitPlan::single(2, 3).unwrap();
    let (mut cases, mut refused, mut held_back, mut miscorrected, mut spent) = (0, 0, 0, 0, 0);
    let mut other_refusal = 0;
    for i in 0..10_800 {
        let card = &cards[i % cards.len()];
        let unreadable = 1 + i % 3;
        let wrong = (i / 3) % 4;
        let text = damage(&card.words, unreadable, wrong, &mut rng);
        let mut rec = Recovery::new();
        let added = rec.add_texts([(text.as_str(), "card")]);
        cases += 1;
        if added[0].is_err() {
            refused += 1;
            assert!(rec.recover().is_err());
            continue;
        }
        let worked_out = rec.entries()[0].share();
        // Every accepted card here had words worked out: nothing confirms them, so no secret.
        match rec.recover() {
            Err(RecoveryError::Unconfirmed(list)) => {
                held_back += 1;
                assert_eq!(list.len(), 1, "case {i}");
                assert!(!list[0].positions.is_empty(), "case {i}");
                if list[0].checksum_spent {
                    spent += 1;
                }
                if unreadable == 3 {
                    assert!(
                        list[0].checksum_spent,
                        "case {i}: three ? use the checksum up"
                    );
                }
            }
            // A miscorrection can also give a share that does not recover alone (another
            // threshold): refused, which is safe.
            Err(_) => {
                assert_ne!(worked_out, &card.share, "case {i}");
                other_refusal += 1;
            }
            Ok(_) => panic!("case {i}: a worked-out card gave a secret unconfirmed"),
        }
        if worked_out != &card.share {
            miscorrected += 1;
        }
        // The unconfirmed secret is available only with the list of words to confirm.
        if let Ok((_, list)) = rec.recover_unconfirmed() {
            assert!(!list.is_empty(), "case {i}");
        }
        // No new set either.
        if rec.extend(&plan, &mut rng).is_ok() {
            panic!("case {i}: a new set was made from unconfirmed words");
        }
    }
    assert!(cases >= 10_000);
    // The test must meet the danger it guards against: damaged cards the checksum "repairs"
    // into another share (another wallet).
    assert!(miscorrected > 100, "only {miscorrected} miscorrections met");
    assert!(held_back > 1000 && refused > 100 && spent > 1000);
    eprintln!(
        "{cases} damaged threshold-1 cards: {refused} refused as unreadable, {held_back} held back for confirmation ({spent} with the checksum used up), {other_refusal} refused as not recovering; {miscorrected} miscorrected by the checksum; 0 wrong secrets, 0 new sets"
    );
}

#[test]
fn a_whole_card_and_a_confirmed_card_recover_and_extend_to_the_right_wallet() {
    let mut rng = StdRng::seed_from_u64(0x5eed_0010);
    let cards = threshold_one_cards(&mut rng, 1);
    let plan = SplitPlan::single(2, 3).unwrap();
    for (i, card) in cards.iter().enumerate() {
        // Read whole: no word worked out, so the checksum's 30 bits stand.
        let mut rec = Recovery::new();
        rec.add_texts([(card.words.join(" ").as_str(), "card")])[0]
            .as_ref()
            .unwrap();
        let ems = rec.recover().unwrap();
        assert_eq!(ems.decrypt(&Passphrase::empty()), card.secret, "card {i}");
        let new = rec.extend(&plan, &mut rng).unwrap();
        let two: Vec<Share> = new.shares().take(2).cloned().collect();
        assert_eq!(
            recover_ems(&two).unwrap().decrypt(&Passphrase::empty()),
            card.secret,
            "card {i}"
        );

        // One word unreadable, confirmed by the person: used.
        let text = damage(&card.words, 1, 0, &mut rng);
        let mut rec = Recovery::new();
        let entry = rec.add_texts([(text.as_str(), "card")])[0]
            .as_ref()
            .unwrap()
            .entry;
        assert!(matches!(rec.recover(), Err(RecoveryError::Unconfirmed(_))));
        rec.confirm_repairs(entry);
        assert_eq!(
            rec.recover().unwrap().decrypt(&Passphrase::empty()),
            card.secret
        );

        // The same damaged card next to the same card read whole: the whole copy confirms it.
        let mut rec = Recovery::new();
        let added = rec.add_texts([(text.as_str(), "damaged"), (&card.words.join(" "), "whole")]);
        assert!(added.iter().all(Result::is_ok));
        assert!(rec.recover().is_ok(), "card {i}");
    }
}

#[test]
fn sets_with_a_digest_recover_only_the_right_shares() {
    // With a threshold of 2 the digest confirms worked-out words: a miscorrected share
    // makes the group fail instead of giving a wrong secret.
    let mut rng = StdRng::seed_from_u64(0x5eed_0011);
    let (mut recovered, mut caught) = (0, 0);
    for len in [16usize, 32, 64] {
        let mut bytes = vec![0u8; len];
        rng.fill_bytes(&mut bytes);
        let secret = MasterSecret::new(bytes).unwrap();
        let set = SplitPlan::single(2, 3)
            .unwrap()
            .with_iteration_exponent(IterationExponent::new(0).unwrap())
            .split_with(&secret, &Passphrase::empty(), &mut rng)
            .unwrap();
        let shares: Vec<Share> = set.shares().cloned().collect();
        for i in 0..300 {
            let words: Vec<String> = shares[0].to_words().split(' ').map(str::to_owned).collect();
            let text = damage(&words, 1 + i % 3, (i / 3) % 3, &mut rng);
            let mut rec = Recovery::new();
            let other = shares[1].to_words();
            let _ = rec.add_texts([(text.as_str(), "damaged"), (other.as_str(), "whole")]);
            match rec.recover() {
                Ok(_) => {
                    recovered += 1;
                    let a = rec.analyze();
                    assert!(a.digest_checked && a.unconfirmed.is_empty());
                    for (e, s) in rec.entries().iter().zip(&a.status) {
                        if *s == ShareStatus::Fits {
                            assert!(shares.contains(e.share()), "a wrong share was used");
                        }
                    }
                }
                Err(RecoveryError::Unconfirmed(_)) => panic!("the digest confirms"),
                Err(_) => {
                    if rec.entries().iter().any(|e| !shares.contains(e.share())) {
                        caught += 1;
                    }
                }
            }
        }
    }
    assert!(recovered > 300 && caught > 10, "{recovered} {caught}");
}

#[test]
fn worked_out_words_use_what_the_other_shares_settle_in_any_order() {
    // Words 2, 6 and 15 unreadable: word 2 holds the extendable flag, so the checksum alone
    // allows two readings; the other share of the set decides, whichever comes first.
    let mut rng = StdRng::seed_from_u64(0x5eed_0012);
    let secret = MasterSecret::new(vec![0x5a; 16]).unwrap();
    let mut decided = 0;
    for _ in 0..12 {
        let set = SplitPlan::single(2, 3)
            .unwrap()
            .with_iteration_exponent(IterationExponent::new(0).unwrap())
            .split_with(&secret, &Passphrase::empty(), &mut rng)
            .unwrap();
        let shares: Vec<Share> = set.shares().cloned().collect();
        let mut w: Vec<String> = shares[0].to_words().split(' ').map(str::to_owned).collect();
        for p in [2, 6, 15] {
            w[p - 1] = "?".into();
        }
        let damaged = w.join(" ");
        let alone = Recovery::new().settle_text(&damaged);
        let whole = shares[1].to_words();
        for order in [[0, 1], [1, 0]] {
            let items = [(damaged.as_str(), "damaged"), (whole.as_str(), "whole")];
            let mut rec = Recovery::new();
            let added = rec.add_texts(order.iter().map(|&k| items[k]));
            assert!(added.iter().all(Result::is_ok), "{added:?}");
            assert!(rec.entries().iter().all(|e| shares.contains(e.share())));
            assert_eq!(rec.recover().unwrap().decrypt(&Passphrase::empty()), secret);
        }
        if alone.is_err() {
            decided += 1;
        }
    }
    // The case the other share settles does occur (two readings from the checksum alone).
    assert!(decided > 0);
}

// ---- The command line -------------------------------------------------------------------

/// Splits `hex` with `extra` arguments: the shares, the wallet's fingerprint and first
/// address (as `split --json` gives them).
fn split_json(hex: &str, extra: &[&str]) -> (Vec<String>, String, String) {
    let mut args = vec![
        "split",
        "--secret-file",
        "-",
        "--iteration-exponent",
        "0",
        "--json",
    ];
    args.extend_from_slice(extra);
    let o = run(&args, hex);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    let shares = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["shares"].as_array().unwrap().clone())
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    (
        shares,
        v["wallet"]["fingerprint"].as_str().unwrap().to_string(),
        v["wallet"]["first_address"].as_str().unwrap().to_string(),
    )
}

fn with_word(share: &str, position: usize, word: &str) -> String {
    let mut w: Vec<&str> = share.split(' ').collect();
    w[position - 1] = word;
    w.join(" ")
}

/// Another list word than the one at `position`.
fn other_word(share: &str, position: usize) -> &'static str {
    let here = share.split(' ').nth(position - 1).unwrap();
    if here == "academic" {
        "acid"
    } else {
        "academic"
    }
}

const SECRET: &str = "7c1d3b5a99e04f2a6b8c0d1e2f304152";

#[test]
fn combine_and_extend_refuse_an_unconfirmed_repair_of_a_one_of_one_card() {
    // The reported case: words 8-10 unreadable and word 12 replaced by another list word.
    let (shares, fingerprint, _) = split_json(SECRET, &["--group", "1of1"]);
    let card = &shares[0];
    let damaged = with_word(
        &with_word(&with_word(&with_word(card, 8, "?"), 9, "?"), 10, "?"),
        12,
        other_word(card, 12),
    );
    let o = run(&["combine", "-"], &damaged);
    let e = err(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert!(out(&o).is_empty(), "{}", out(&o));
    assert!(e.contains("words 8, 9 and 10 were worked out"), "{e}");
    assert!(e.contains("no strength left"), "{e}");
    assert!(e.contains("--expect-fingerprint"), "{e}");
    assert!(!e.contains(SECRET));

    // verify shows no wallet facts from unconfirmed words either.
    let o = run(&["verify", "-"], &damaged);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(out(&o).is_empty(), "{}", out(&o));

    let o = run(&["extend", "-", "--group", "2of3"], &damaged);
    let e = err(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert!(out(&o).is_empty());
    assert!(e.contains("no new set was made"), "{e}");
    assert!(!e.contains("restores the same wallet"), "{e}");

    // With the wallet's fingerprint: the miscorrected card opens another wallet, so exit 1.
    let o = run(
        &["combine", "-", "--expect-fingerprint", &fingerprint],
        &damaged,
    );
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(out(&o).is_empty());
    assert!(err(&o).contains("words were worked out"), "{}", err(&o));

    // One unreadable word only, confirmed by the fingerprint: the secret.
    let one = with_word(card, 8, "?");
    let o = run(
        &["combine", "-", "--expect-fingerprint", &fingerprint],
        &one,
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(out(&o).trim(), SECRET);
    assert!(err(&o).contains("this confirms the words worked out"));
    // Without it: held back.
    let o = run(&["combine", "-"], &one);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(out(&o).is_empty());
    assert!(err(&o).contains("word 8 was worked out"), "{}", err(&o));
}

#[test]
fn a_sample_of_damaged_cards_through_the_cli_gives_only_the_right_secret() {
    let mut rng = StdRng::seed_from_u64(0x5eed_0013);
    let mut matched = 0;
    for (k, len) in [16usize, 32, 64].iter().enumerate() {
        let mut bytes = vec![0u8; *len];
        rng.fill_bytes(&mut bytes);
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let groups: &[&str] = if k == 1 {
            &[
                "--group",
                "1of1",
                "--group",
                "2of3",
                "--group-threshold",
                "1",
            ]
        } else {
            &["--group", "1of1"]
        };
        let (shares, fingerprint, _) = split_json(&hex, groups);
        let words: Vec<String> = shares[0].split(' ').map(str::to_owned).collect();
        for i in 0..10 {
            let text = damage(&words, 1 + i % 3, (i / 3) % 4, &mut rng);
            for expect in [false, true] {
                let mut args = vec!["combine", "-"];
                if expect {
                    args.extend(["--expect-fingerprint", fingerprint.as_str()]);
                }
                let o = run(&args, &text);
                match o.status.code() {
                    Some(0) => {
                        assert!(expect, "exit 0 without confirmation: {}", err(&o));
                        assert_eq!(out(&o).trim(), hex);
                        matched += 1;
                    }
                    Some(1 | 2) => assert!(out(&o).is_empty()),
                    c => panic!("{c:?}"),
                }
            }
            let o = run(
                &["extend", "-", "--group", "2of3", "--bip39-mode", "none"],
                &text,
            );
            assert_ne!(o.status.code(), Some(0), "a new set from unconfirmed words");
            assert!(out(&o).is_empty());
        }
    }
    assert!(matched > 0);
}

#[test]
fn combine_to_bip39_refuses_when_the_slip39_reading_matched() {
    let (shares, _, address) = split_json(SECRET, &["--group", "2of3"]);
    let two = shares[..2].join("\n");
    let o = run(
        &[
            "combine",
            "-",
            "--to",
            "bip39",
            "--expect-address",
            &address,
        ],
        &two,
    );
    let e = err(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert!(out(&o).is_empty(), "{}", out(&o));
    assert!(e.contains("Match: reading 1"), "{e}");
    assert!(e.contains("--to xprv"), "{e}");
    // --to xprv follows the match.
    let o = run(
        &["combine", "-", "--to", "xprv", "--expect-address", &address],
        &two,
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).starts_with("xprv"));
}

#[test]
fn expected_addresses_are_checked_before_use() {
    let (shares, _, address) = split_json(SECRET, &["--group", "2of3"]);
    let two = shares[..2].join("\n");
    // A typo: the last character changed, so the bech32 checksum fails.
    let mut typo = address.clone();
    let last = typo.pop().unwrap();
    typo.push(if last == 'q' { 'p' } else { 'q' });
    let o = run(&["combine", "-", "--expect-address", &typo], &two);
    let e = err(&o);
    assert_eq!(o.status.code(), Some(2), "{e}");
    assert!(e.contains("checksum does not match"), "{e}");
    assert!(!e.contains("passphrase"), "{e}");
    assert!(out(&o).is_empty());
    // A testnet address with --network bitcoin (the default).
    let o = run(
        &[
            "combine",
            "-",
            "--network",
            "testnet",
            "--expect-address",
            &address,
        ],
        &two,
    );
    let e = err(&o);
    assert_eq!(o.status.code(), Some(2), "{e}");
    assert!(e.contains("another network"), "{e}");
    let o = run(&["verify", "-", "--expect-address", &typo], &two);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
}

/// The text of an SVG file as a reader gets it, white space collapsed (wrapped lines joined):
/// its text nodes and the labels of the outlines its text is drawn as, in document order.
fn svg_text(path: &std::path::Path) -> String {
    let svg = std::fs::read_to_string(path).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let mut text = String::new();
    for node in doc.descendants() {
        if let Some(t) = node.text() {
            text.push_str(t);
            text.push(' ');
        }
        if let Some(label) = node.attribute("aria-label") {
            text.push_str(label);
            text.push(' ');
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn all_svg_text(dir: &std::path::Path, prefix: &str) -> String {
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy().to_string();
            n.starts_with(prefix) && n.ends_with(".svg")
        })
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| svg_text(p))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_bridging_mode_is_written_read_back_and_carried() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    // An entropy-mode split writes the mode line.
    let phrase = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
    let o = run(
        &[
            "split",
            "--group",
            "2of3",
            "--bip39-file",
            "-",
            "--bip39-mode",
            "entropy",
            "--iteration-exponent",
            "0",
        ],
        phrase,
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let file = out(&o);
    assert!(file.contains("\n# seedshard: mode=entropy\n"), "{file}");
    let shares_path = dir.join("shares.txt");
    std::fs::write(&shares_path, &file).unwrap();

    // `cards` reads it back: the cards and the sheet say entropy mode and --to bip39.
    let cards_dir = dir.join("cards");
    let o = run(
        &[
            "cards",
            shares_path.to_str().unwrap(),
            "--cards",
            cards_dir.to_str().unwrap(),
            "--card-format",
            "svg",
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let cards = all_svg_text(&cards_dir, "share-");
    assert!(
        cards.contains("--to bip39") && cards.contains("different, empty wallet"),
        "{cards}"
    );
    assert!(!cards.contains("such as Trezor"), "{cards}");
    let sheet = all_svg_text(&cards_dir, "owner-sheet");
    assert!(sheet.contains("Bridging mode: entropy"), "{sheet}");
    assert!(sheet.contains("combine --to bip39"), "{sheet}");
    // Drawn from a file, the sheet does not claim to know the group's size.
    assert!(
        sheet.contains("2 of the shares needed (3 cards drawn here)"),
        "{sheet}"
    );
    assert!(!sheet.contains("were not given"), "{sheet}");
    assert!(!sheet.contains("match this sheet before"), "{sheet}");

    // A file without the line: cards asks for the mode rather than guess.
    let bare = share_lines(&file).join("\n");
    let o = run(
        &["cards", "-", "--cards", dir.join("bare").to_str().unwrap()],
        &bare,
    );
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(err(&o).contains("--bip39-mode"), "{}", err(&o));
    assert!(!dir.join("bare").exists());
    // A flag that contradicts the file is refused.
    let o = run(
        &[
            "cards",
            shares_path.to_str().unwrap(),
            "--cards",
            dir.join("c2").to_str().unwrap(),
            "--bip39-mode",
            "none",
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));

    // extend carries it to the new set's file and cards.
    let ext_dir = dir.join("ext");
    let o = run(
        &[
            "extend",
            shares_path.to_str().unwrap(),
            "--group",
            "2of3",
            "--cards",
            ext_dir.to_str().unwrap(),
            "--card-format",
            "svg",
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("# seedshard: mode=entropy"), "{}", out(&o));
    let cards = all_svg_text(&ext_dir, "share-");
    assert!(cards.contains("--to bip39"), "{cards}");
    let o = run(
        &[
            "extend",
            shares_path.to_str().unwrap(),
            "--group",
            "2of3",
            "--json",
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(v["mode"], "entropy");

    // reissue carries it too, and cards on the reissued share alone keep the mode and say
    // truthfully how many shares the group needs.
    let o = run(
        &[
            "reissue",
            shares_path.to_str().unwrap(),
            "--member-index",
            "4",
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let reissued = out(&o);
    assert!(
        reissued.starts_with("# seedshard: mode=entropy\n"),
        "{reissued}"
    );
    let r_dir = dir.join("reissued");
    let o = run(
        &[
            "cards",
            "-",
            "--cards",
            r_dir.to_str().unwrap(),
            "--card-format",
            "svg",
        ],
        &reissued,
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let sheet = all_svg_text(&r_dir, "owner-sheet");
    assert!(sheet.contains("Bridging mode: entropy"), "{sheet}");
    assert!(!sheet.contains("2 of the 1 shares"), "{sheet}");
    assert!(
        sheet.contains("2 of the shares needed (1 card drawn here)"),
        "{sheet}"
    );
}

#[test]
fn cards_that_open_the_wallet_alone_never_say_they_reveal_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    for (k, plan) in [
        vec!["--group", "1of1"],
        vec![
            "--group",
            "1of1",
            "--group",
            "2of3",
            "--group-threshold",
            "1",
        ],
        vec![
            "--group",
            "1of1",
            "--group",
            "2of3",
            "--group-threshold",
            "2",
        ],
    ]
    .iter()
    .enumerate()
    {
        let d = tmp.path().join(format!("plan{k}"));
        let mut args = vec![
            "split",
            "--secret-file",
            "-",
            "--iteration-exponent",
            "0",
            "--cards",
            d.to_str().unwrap(),
            "--card-format",
            "svg",
        ];
        args.extend(plan.iter().copied());
        let o = run(&args, SECRET);
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
        let first = svg_text(
            &std::fs::read_dir(&d)
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| {
                    p.file_name()
                        .unwrap()
                        .to_string_lossy()
                        .starts_with("share-")
                })
                .min()
                .unwrap(),
        );
        if k < 2 {
            assert!(!first.contains("reveals nothing"), "{first}");
            assert!(first.contains("It alone restores the wallet"), "{first}");
        } else {
            // With 2 groups needed, the single card of group 1 alone is worth nothing.
            assert!(first.contains("Alone it is worth nothing"), "{first}");
        }
    }
}

#[test]
fn a_failed_forced_write_leaves_the_old_cards_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("cards");
    let args = |force: bool| {
        let mut a = vec![
            "split".to_string(),
            "--secret-file".into(),
            "-".into(),
            "--iteration-exponent".into(),
            "0".into(),
            "--group".into(),
            "2of3".into(),
            "--cards".into(),
            d.to_str().unwrap().into(),
        ];
        if force {
            a.push("--force".into());
        }
        a
    };
    let a: Vec<String> = args(false);
    let o = run(&a.iter().map(String::as_str).collect::<Vec<_>>(), SECRET);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let before = std::fs::read(d.join("share-cards.pdf")).unwrap();
    // The owner sheet's name is taken by a directory: the forced run cannot complete.
    std::fs::remove_file(d.join("owner-sheet.pdf")).unwrap();
    std::fs::create_dir(d.join("owner-sheet.pdf")).unwrap();
    let a: Vec<String> = args(true);
    let o = run(&a.iter().map(String::as_str).collect::<Vec<_>>(), SECRET);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(out(&o).is_empty());
    assert_eq!(std::fs::read(d.join("share-cards.pdf")).unwrap(), before);
    let left: Vec<String> = std::fs::read_dir(&d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(left.len(), 2, "{left:?}"); // no temporary or kept-aside file left behind
}

/// Every all-capitals token of `text` that is a SLIP-39 word (worked-out words are printed
/// in capitals; set names are never list words).
fn list_words_in(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|t| t.len() >= 4 && t.chars().all(|c| c.is_ascii_uppercase()))
        .filter(|t| wordlist::index_of(&t.to_ascii_lowercase()).is_some())
        .map(str::to_string)
        .collect()
}

#[test]
fn worked_out_words_never_reach_a_pipe() {
    let (shares, _, _) = split_json(SECRET, &["--group", "2of3"]);
    // Share 1 with word 6 unreadable, share 2 with word 11 mistyped, share 3 whole; and a
    // share with two readings (words 2, 6, 15 unreadable) on its own for the candidates.
    let smudged = with_word(&shares[0], 6, "?");
    let typo = with_word(&shares[1], 11, other_word(&shares[1], 11));
    // The words worked out, each with its neighbours on the card: a share or a word leaked
    // in lower case shows a word beside its neighbour (a word alone may be English the tool
    // prints, such as "group"); in capitals, any list word at all is a leak.
    let beside = |share: &str, i: usize| {
        let w: Vec<&str> = share.split(' ').collect();
        [
            format!("{} {}", w[i - 1], w[i]),
            format!("{} {}", w[i], w[i + 1]),
        ]
    };
    let hidden: Vec<String> = [beside(&shares[0], 5), beside(&shares[1], 10)].concat();
    let pile = [smudged.clone(), typo.clone(), shares[2].clone()].join("\n");
    let no_words = |what: &str, text: &str| {
        assert!(list_words_in(text).is_empty(), "{what}: {text}");
        for pair in &hidden {
            assert!(!text.contains(pair.as_str()), "{what}: {text}");
        }
    };
    let o = run(&["check", "-"], &pile);
    assert_eq!(o.status.code(), Some(1));
    no_words("check", &(out(&o) + &err(&o)));
    assert!(out(&o).contains("word 6 was unreadable"), "{}", out(&o));
    assert!(out(&o).contains("word 11 is wrong"), "{}", out(&o));
    let o = run(&["check", "-", "--json"], &pile);
    no_words("check --json", &(out(&o) + &err(&o)));
    let o = run(&["combine", "-"], &pile);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(out(&o).trim(), SECRET);
    no_words("combine", &err(&o));
    assert!(err(&o).contains("word 6 was unreadable"), "{}", err(&o));
    let o = run(
        &["extend", "-", "--group", "2of3", "--bip39-mode", "none"],
        &pile,
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    no_words("extend", &err(&o));
    let o = run(&["reissue", "-", "--member-index", "4"], &pile);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    no_words("reissue", &err(&o));
    let o = run(&["inspect", "-"], &smudged);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    no_words("inspect", &(out(&o) + &err(&o)));
    // Candidate readings: positions only.
    let two_readings = with_word(&with_word(&with_word(&shares[0], 2, "?"), 6, "?"), 15, "?");
    let o = run(&["check", "-"], &two_readings);
    no_words("check readings", &(out(&o) + &err(&o)));
    let o = run(&["combine", "-"], &two_readings);
    assert_ne!(o.status.code(), Some(0));
    no_words("combine readings", &err(&o));
}
