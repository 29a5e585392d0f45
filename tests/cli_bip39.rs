//! BIP-39 backups and wallet checks through the `seedshard` binary: `split --bip39-file` in
//! both modes and `--generate --bip39-mode entropy`, `combine --to xprv|bip39` with both
//! readings, `verify`, `--network`, `--expect-fingerprint` / `--expect-address`, and every bad
//! input (exit 2 with `error:` and `hint:`, exit 1 for a failed expectation). The cases whose
//! whole output is fixed are pinned word for word in `tests/cmd/` (`tests/cli_cmd.rs`).
#![cfg(feature = "cli")]

use std::path::Path;
use std::process::Output;

use seedshard::bip39::{Bip39Passphrase, Bip39Phrase};
use seedshard::wallet::{Network, WalletFacts};
use serde_json::Value;

mod common;
use common::{
    assert_input_error, assert_ok as ok, path_str as p, run, share_lines, stderr as err,
    stdout as out, write,
};

/// 24 words, entropy 00..00 (fingerprint 5436d724 with no BIP-39 passphrase).
const ART: &str =
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon \
                   abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon \
                   abandon abandon abandon art";
const ART_FINGERPRINT: &str = "5436d724";
const ART_ADDRESS: &str = "bc1qzmtrqsfuaf6l6kkcsseumq26ukaphfj9skkug6";

/// 12 words, entropy 00..00: the BIP-84 / BIP-86 test phrase.
const ABOUT: &str = "abandon abandon abandon abandon abandon abandon abandon abandon abandon \
                     abandon abandon about";

/// A 24-word phrase whose words are distinctive enough to spot in any output.
const ZOO: &str = "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo \
                   zoo zoo zoo zoo vote";

/// Asserts a failed expectation: exit 1, ends with `error:` and `hint:`, no secret on stdout.
fn assert_expectation_failed(o: &Output) {
    let e = err(o);
    assert_eq!(o.status.code(), Some(1), "stderr: {e}");
    let lines: Vec<&str> = e.lines().collect();
    let n = lines.len();
    assert!(n >= 2, "{e}");
    assert!(lines[n - 2].starts_with("error: "), "{e}");
    assert!(lines[n - 1].starts_with("hint: "), "{e}");
    assert!(o.stdout.is_empty(), "nothing on stdout: {}", out(o));
}

fn split_art_entropy(dir: &Path) -> (String, Vec<String>) {
    let phrase = write(dir, "phrase.txt", &format!("{ART}\n"));
    let o = run(
        &[
            "split",
            "--group",
            "2of3",
            "--bip39-file",
            p(&phrase),
            "--bip39-mode",
            "entropy",
            "--iteration-exponent",
            "0",
        ],
        "",
    );
    ok(&o);
    // The shares go to a pipe here: the warning reaches the terminal on stderr too.
    assert!(
        err(&o).contains("note: These shares are NOT for typing into a Trezor"),
        "{}",
        err(&o)
    );
    let text = out(&o);
    let shares = share_lines(&text);
    (text, shares)
}

#[test]
fn entropy_mode_24_words_round_trip_and_verify() {
    let dir = tempfile::tempdir().unwrap();
    let (text, shares) = split_art_entropy(dir.path());
    assert_eq!(shares.len(), 3);
    assert!(shares.iter().all(|s| s.split(' ').count() == 33));
    assert!(text.contains("entropy mode"), "{text}");
    assert!(
        text.contains(&format!(
            "They protect wallet {ART_FINGERPRINT} (first address {ART_ADDRESS})"
        )),
        "{text}"
    );
    assert!(text.contains("NOT for typing into a Trezor"), "{text}");
    assert!(
        !text.contains("abandon"),
        "the phrase is not printed: {text}"
    );

    let two = write(
        dir.path(),
        "two.txt",
        &format!("{}\n{}\n", shares[2], shares[0]),
    );
    let o = run(&["combine", "--to", "bip39", p(&two)], "");
    ok(&o);
    assert_eq!(
        out(&o).trim(),
        ART.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    // Both readings on stderr, each with its plain sentence.
    let e = err(&o);
    assert!(
        e.contains("Typed into a Trezor or other SLIP-39 wallet, these shares open wallet "),
        "{e}"
    );
    assert!(e.contains(&format!("As the 24-word BIP-39 phrase (no BIP-39 passphrase), they open wallet {ART_FINGERPRINT}")), "{e}");

    // verify: the same fingerprint and first address as the phrase itself.
    let from_shares = run(&["verify", p(&two)], "");
    ok(&from_shares);
    let phrase = write(dir.path(), "p.txt", ART);
    let from_phrase = run(&["verify", "--bip39-file", p(&phrase)], "");
    ok(&from_phrase);
    for o in [&from_shares, &from_phrase] {
        let t = out(o);
        assert!(
            t.contains(&format!("fingerprint:     {ART_FINGERPRINT}")),
            "{t}"
        );
        assert!(t.contains(ART_ADDRESS), "{t}");
        assert!(t.contains("zpub"), "{t}");
        assert!(t.contains("taproot address: bc1p"), "{t}");
        assert!(!t.contains("abandon"), "verify prints no secret: {t}");
    }
}

#[test]
fn phrase_from_stdin_with_comments_and_line_breaks() {
    let text = format!(
        "# my wallet\n{}\n{}\n",
        ART.split_whitespace()
            .take(12)
            .collect::<Vec<_>>()
            .join(" "),
        ART.split_whitespace()
            .skip(12)
            .collect::<Vec<_>>()
            .join(" ")
    );
    let o = run(
        &[
            "split",
            "--group",
            "1of1",
            "--bip39-file",
            "-",
            "--bip39-mode",
            "entropy",
            "--json",
        ],
        &text,
    );
    ok(&o);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["bip39_mode"], "entropy");
    assert_eq!(v["wallet"]["fingerprint"], ART_FINGERPRINT);
    assert_eq!(v["wallet"]["first_address"], ART_ADDRESS);
    assert_ne!(v["slip39_wallet"]["fingerprint"], ART_FINGERPRINT);
    assert!(
        v.get("bip39_phrase").is_none(),
        "a given phrase is not echoed"
    );
    assert_eq!(v["groups"][0]["shares"].as_array().unwrap().len(), 1);
}

#[test]
fn seed_mode_with_bip39_passphrase_round_trips_to_the_same_wallet() {
    let dir = tempfile::tempdir().unwrap();
    let phrase = write(dir.path(), "phrase.txt", ABOUT);
    let pass = write(dir.path(), "pass.txt", "TREZOR\n");
    let o = run(
        &[
            "split",
            "--group",
            "2of3",
            "--bip39-file",
            p(&phrase),
            "--bip39-mode",
            "seed",
            "--bip39-passphrase-file",
            p(&pass),
            "--iteration-exponent",
            "0",
        ],
        "",
    );
    ok(&o);
    let text = out(&o);
    let shares = share_lines(&text);
    assert!(shares.iter().all(|s| s.split(' ').count() == 59));
    let want = WalletFacts::from_bip39(
        &Bip39Phrase::parse(ABOUT).unwrap(),
        &Bip39Passphrase::new("TREZOR".into()),
        Network::Bitcoin,
    );
    assert!(text.contains("seed mode"), "{text}");
    assert!(
        text.contains(&format!("They protect wallet {}", want.fingerprint())),
        "{text}"
    );

    let two = write(dir.path(), "two.txt", &shares[..2].join("\n"));
    // The root key of the BIP-39 vector "abandon ... about" with passphrase TREZOR.
    let o = run(&["combine", "--to", "xprv", p(&two)], "");
    ok(&o);
    assert_eq!(
        out(&o).trim(),
        "xprv9s21ZrQH143K3h3fDYiay8mocZ3afhfULfb5GX8kCBdno77K4HiA15Tg23wpbeF1pLfs1c5SPmYHrEpTuuRhxMwvKDwqdKiGJS9XFKzUsAF"
    );
    // Only one reading: 512 bits is not BIP-39 entropy.
    let o = run(&["verify", "--json", p(&two)], "");
    ok(&o);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let readings = v["readings"].as_array().unwrap();
    assert_eq!(readings.len(), 1);
    assert_eq!(
        readings[0]["wallet"]["fingerprint"],
        want.fingerprint().to_string()
    );
    assert_eq!(readings[0]["wallet"]["zpub"], want.account_zpub());
    assert_eq!(
        readings[0]["wallet"]["receive_addresses"][2],
        want.receive_address(2)
    );
    // seed mode keeps no phrase
    let o = run(&["combine", "--to", "bip39", p(&two)], "");
    assert_input_error(&o, "512 bits", &[]);
}

#[test]
fn generate_a_new_phrase_with_its_shares() {
    let o = run(
        &[
            "split",
            "--group",
            "2of3",
            "--generate",
            "256",
            "--bip39-mode",
            "entropy",
            "--json",
        ],
        "",
    );
    ok(&o);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let phrase = v["bip39_phrase"].as_str().unwrap().to_string();
    assert_eq!(phrase.split(' ').count(), 24);
    let parsed = Bip39Phrase::parse(&phrase).unwrap();
    let facts = WalletFacts::from_bip39(&parsed, &Bip39Passphrase::empty(), Network::Bitcoin);
    assert_eq!(v["wallet"]["fingerprint"], facts.fingerprint().to_string());
    let shares: Vec<String> = v["groups"][0]["shares"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    let o = run(&["combine", "--to", "bip39", "-"], &shares[1..].join("\n"));
    ok(&o);
    assert_eq!(out(&o).trim(), phrase);

    // Human output labels the new phrase clearly, as a comment combine ignores.
    let o = run(
        &[
            "split",
            "--group",
            "2of3",
            "--generate",
            "128",
            "--bip39-mode",
            "entropy",
        ],
        "",
    );
    ok(&o);
    let text = out(&o);
    let line = text
        .lines()
        .find(|l| l.starts_with("# BIP-39 phrase: "))
        .unwrap_or_else(|| panic!("{text}"));
    assert_eq!(line.split(' ').count(), 3 + 12);
    assert!(text.contains("New BIP-39 phrase (12 words)"), "{text}");
    let o = run(&["combine", "--to", "bip39", "-"], &text);
    ok(&o);
    assert_eq!(out(&o).trim(), line.trim_start_matches("# BIP-39 phrase: "));
}

#[test]
fn plain_split_and_combine_show_fingerprint_and_first_address() {
    let o = run(
        &[
            "split",
            "--group",
            "2of3",
            "--secret-file",
            "-",
            "--iteration-exponent",
            "0",
        ],
        "00000000000000000000000000000000",
    );
    ok(&o);
    let text = out(&o);
    let slip = WalletFacts::from_seed(&[0; 16], Network::Bitcoin).unwrap();
    assert!(
        text.contains(&format!(
            "# These shares open wallet {} (first address {})",
            slip.fingerprint(),
            slip.receive_address(0)
        )),
        "{text}"
    );
    let o = run(&["combine", "--json", "-"], &text);
    ok(&o);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["master_secret_hex"], "00000000000000000000000000000000");
    assert_eq!(v["readings"][0]["kind"], "slip39");
    assert_eq!(
        v["readings"][0]["wallet"]["fingerprint"],
        slip.fingerprint().to_string()
    );
    assert_eq!(v["readings"][1]["kind"], "bip39-entropy");
    assert_eq!(v["readings"][1]["wallet"]["fingerprint"], "73c5da0a");
    assert_eq!(
        v["readings"][1]["wallet"]["first_address"],
        "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu"
    );
    assert!(v.get("matched_reading").is_none());
}

#[test]
fn expectations_pick_a_reading_or_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let (_, shares) = split_art_entropy(dir.path());
    let two = write(dir.path(), "two.txt", &shares[..2].join("\n"));

    let o = run(
        &[
            "combine",
            "--to",
            "bip39",
            "--expect-fingerprint",
            "5436D724",
            p(&two),
        ],
        "",
    );
    ok(&o);
    assert!(
        err(&o).contains("Match: reading 2 (as BIP-39 entropy)"),
        "{}",
        err(&o)
    );

    // An address of the wallet: the BIP-86 first address, upper case.
    let facts = WalletFacts::from_bip39(
        &Bip39Phrase::parse(ART).unwrap(),
        &Bip39Passphrase::empty(),
        Network::Bitcoin,
    );
    let taproot = facts.taproot_address(0).to_uppercase();
    let o = run(
        &["combine", "--json", "--expect-address", &taproot, p(&two)],
        "",
    );
    ok(&o);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["matched_reading"], "bip39-entropy");

    // With the match, --to xprv gives the root key of the matching (BIP-39) wallet.
    let o = run(
        &[
            "combine",
            "--to",
            "xprv",
            "--expect-fingerprint",
            ART_FINGERPRINT,
            p(&two),
        ],
        "",
    );
    ok(&o);
    let root = seedshard::wallet::RootXprv::from_seed(
        Bip39Phrase::parse(ART)
            .unwrap()
            .to_seed(&Bip39Passphrase::empty())
            .expose_secret(),
        Network::Bitcoin,
    )
    .unwrap();
    assert_eq!(out(&o).trim(), root.expose_secret());

    let o = run(
        &["combine", "--expect-fingerprint", "00000000", p(&two)],
        "",
    );
    assert_expectation_failed(&o);
    assert!(
        err(&o).contains("neither reading opens the wallet with the expected fingerprint 00000000")
    );
    let o = run(
        &[
            "verify",
            "--expect-address",
            "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu",
            p(&two),
        ],
        "",
    );
    assert_expectation_failed(&o);
    let phrase = write(dir.path(), "p.txt", ART);
    let o = run(
        &[
            "verify",
            "--bip39-file",
            p(&phrase),
            "--expect-fingerprint",
            "73c5da0a",
        ],
        "",
    );
    assert_expectation_failed(&o);
    let o = run(
        &[
            "verify",
            "--bip39-file",
            p(&phrase),
            "--expect-address",
            ART_ADDRESS,
        ],
        "",
    );
    ok(&o);
    assert!(out(&o).contains("Match"), "{}", out(&o));
}

#[test]
fn networks_change_keys_and_addresses() {
    let o = run(
        &[
            "verify",
            "--bip39-file",
            "-",
            "--network",
            "testnet",
            "--json",
        ],
        ABOUT,
    );
    ok(&o);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let w = &v["readings"][0]["wallet"];
    assert_eq!(w["network"], "testnet");
    assert_eq!(w["account_path"], "m/84'/1'/0'");
    assert!(w["xpub"].as_str().unwrap().starts_with("tpub"));
    assert!(w["zpub"].as_str().unwrap().starts_with("vpub"));
    assert!(w["receive_addresses"][0]
        .as_str()
        .unwrap()
        .starts_with("tb1q"));
    assert!(w["taproot_address"].as_str().unwrap().starts_with("tb1p"));
    assert_eq!(w["fingerprint"], "73c5da0a");

    let o = run(
        &["verify", "--bip39-file", "-", "--network", "regtest"],
        ABOUT,
    );
    ok(&o);
    assert!(out(&o).contains("address 0:       bcrt1q"), "{}", out(&o));
    let o = run(
        &["verify", "--bip39-file", "-", "--network", "signet"],
        ABOUT,
    );
    ok(&o);
    assert!(out(&o).contains("tb1q"));

    let o = run(&["verify", "--bip39-file", "-"], ABOUT);
    ok(&o);
    let t = out(&o);
    assert!(t.contains("zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkgDKf31mGDtKsAYz2oz2AGutZYs"), "{t}");
    assert!(
        t.contains("bc1p5cyxnuxmeuwuvkwfem96lqzszd02n6xdcjrs20cac6yqjjwudpxqkedrcr"),
        "{t}"
    );
}

#[test]
fn the_two_passphrases_follow_their_own_rules() {
    let dir = tempfile::tempdir().unwrap();
    let phrase = write(dir.path(), "p.txt", ABOUT);
    // A BIP-39 passphrase may be any UTF-8 (NFKD-normalised); it changes the wallet.
    let accent = write(dir.path(), "b.txt", "caf\u{e9}\n");
    let o = run(
        &[
            "split",
            "--group",
            "1of1",
            "--bip39-file",
            p(&phrase),
            "--bip39-mode",
            "seed",
            "--bip39-passphrase-file",
            p(&accent),
            "--json",
            "--iteration-exponent",
            "0",
        ],
        "",
    );
    ok(&o);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let want = WalletFacts::from_bip39(
        &Bip39Phrase::parse(ABOUT).unwrap(),
        &Bip39Passphrase::new("cafe\u{301}".into()),
        Network::Bitcoin,
    );
    assert_eq!(v["wallet"]["fingerprint"], want.fingerprint().to_string());
    assert_ne!(v["wallet"]["fingerprint"], "73c5da0a");
    // The same text as a SLIP-39 passphrase is refused: printable ASCII only.
    let o = run(
        &[
            "split",
            "--group",
            "1of1",
            "--bip39-file",
            p(&phrase),
            "--bip39-mode",
            "seed",
            "--passphrase-file",
            p(&accent),
        ],
        "",
    );
    assert_input_error(&o, "printable ASCII", &["caf"]);
    // In entropy mode the BIP-39 passphrase is not in the shares, and the output says so.
    let o = run(
        &[
            "split",
            "--group",
            "1of1",
            "--bip39-file",
            p(&phrase),
            "--bip39-mode",
            "entropy",
            "--bip39-passphrase-file",
            p(&accent),
        ],
        "",
    );
    ok(&o);
    let t = out(&o);
    assert!(
        t.contains("The BIP-39 passphrase is not in the shares"),
        "{t}"
    );
    assert!(
        t.contains(&format!("They protect wallet {}", want.fingerprint())),
        "{t}"
    );
    assert!(!t.contains("caf"), "{t}");
    // combine uses the BIP-39 passphrase for the BIP-39 reading.
    let o = run(
        &[
            "combine",
            "--json",
            "--bip39-passphrase-file",
            p(&accent),
            "-",
        ],
        &t,
    );
    ok(&o);
    let c: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        c["readings"][1]["wallet"]["fingerprint"],
        want.fingerprint().to_string()
    );
    assert!(c["readings"][1]["sentence"]
        .as_str()
        .unwrap()
        .contains("with the BIP-39 passphrase given"));
}

// ---------------------------------------------------------------------------------------------
// Bad input

fn split_phrase(text: &str, mode: &str) -> Output {
    run(
        &[
            "split",
            "--group",
            "2of3",
            "--bip39-file",
            "-",
            "--bip39-mode",
            mode,
        ],
        text,
    )
}

#[test]
fn unknown_word_names_position_and_nearest_words() {
    let typo = ZOO.replacen("zoo", "zooo", 1).replace("vote", "voet");
    let o = split_phrase(&typo, "entropy");
    assert_input_error(
        &o,
        "word 1 is not in the English BIP-39 word list",
        &[&typo],
    );
    // The nearest words usually include the real one: never in output that is not a terminal.
    assert!(!err(&o).contains("closest"), "{}", err(&o));
    assert!(err(&o).contains("compare word 1"), "{}", err(&o));
}

#[test]
fn wrong_word_count_and_failed_checksum() {
    let short = ZOO.split_once(' ').unwrap().1;
    let o = split_phrase(short, "seed");
    assert_input_error(&o, "has 23 words", &[]);
    let bad = ZOO.replace("vote", "zoo");
    let o = split_phrase(&bad, "entropy");
    assert_input_error(&o, "BIP-39 checksum does not match", &["zoo"]);
    let o = split_phrase("\n# nothing\n", "entropy");
    assert_input_error(&o, "has no words", &[]);
}

#[test]
fn slip39_share_given_as_a_phrase_and_the_reverse() {
    let dir = tempfile::tempdir().unwrap();
    let (_, shares) = split_art_entropy(dir.path());
    let o = split_phrase(&shares[0], "entropy");
    assert_input_error(&o, "looks like a SLIP-39 share (33 words", &[&shares[0]]);
    assert!(err(&o).contains("seedshard combine"), "{}", err(&o));

    let o = run(&["combine", "-"], ZOO);
    assert_input_error(
        &o,
        "looks like a 24-word BIP-39 phrase, not a SLIP-39 share",
        &["zoo"],
    );
    assert!(err(&o).contains("--bip39-file"));
    let o = run(&["verify", "-"], ABOUT);
    assert_input_error(&o, "looks like a 12-word BIP-39 phrase", &["abandon"]);
}

#[test]
fn phrases_in_other_languages_are_named() {
    let spanish = "ábaco ábaco ábaco ábaco ábaco ábaco ábaco ábaco ábaco ábaco ábaco abierto";
    let o = split_phrase(spanish, "entropy");
    assert_input_error(&o, "Spanish BIP-39 phrase, not English", &["baco"]);
    let o = run(&["combine", "-"], spanish);
    assert_input_error(&o, "Spanish BIP-39 phrase, not a SLIP-39 share", &["baco"]);
}
