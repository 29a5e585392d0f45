//! BIP-39 bridging: the 24 official English BIP-39 vectors and round trips through SLIP-39
//! split and combine in both modes (interop with the BIP-39 reference implementation is in
//! `tests/interop_bip39.rs`).
#![cfg(feature = "bitcoin")]

use seedshard::bip39::{
    classify, Bip39Mode, Bip39Passphrase, Bip39Phrase, MnemonicKind, ParseBip39Error,
};
use seedshard::wallet::{Network, RootXprv, WalletFacts};
use seedshard::{combine, MasterSecret, Passphrase, Share, SplitPlan};
use serde_json::Value;

mod common;

/// trezor/python-mnemonic `vectors.json`, English only (provenance in tests/data/README.md).
const VECTORS: &str = include_str!("data/bip39-vectors.json");

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn vectors() -> Vec<(String, String, String, String)> {
    let v: Value = serde_json::from_str(VECTORS).unwrap();
    serde_json::from_value(v["english"].clone()).unwrap()
}

#[test]
fn all_24_english_vectors() {
    let vectors = vectors();
    assert_eq!(vectors.len(), 24);
    let trezor = Bip39Passphrase::new("TREZOR".to_string());
    for (i, (entropy, phrase, seed, xprv)) in vectors.iter().enumerate() {
        let parsed = Bip39Phrase::parse(phrase).unwrap_or_else(|e| panic!("vector {i}: {e}"));
        assert_eq!(*parsed.to_words(), *phrase, "vector {i}: words");
        assert_eq!(
            hex(parsed.to_entropy().expose_secret()),
            *entropy,
            "vector {i}: entropy"
        );
        let from_entropy = Bip39Phrase::from_entropy(&unhex(entropy)).unwrap();
        assert_eq!(
            *from_entropy.to_words(),
            *phrase,
            "vector {i}: from entropy"
        );
        let s = parsed.to_seed(&trezor);
        assert_eq!(hex(s.expose_secret()), *seed, "vector {i}: seed");
        assert_eq!(
            hex(parsed
                .to_master_secret(Bip39Mode::Seed, &trezor)
                .expose_secret()),
            *seed,
            "vector {i}: seed-mode master secret"
        );
        let root = RootXprv::from_seed(s.expose_secret(), Network::Bitcoin).unwrap();
        assert_eq!(root.expose_secret(), xprv, "vector {i}: xprv");
    }
}

#[test]
fn upper_case_and_extra_spaces_read_the_same() {
    let (_, phrase, _, _) = &vectors()[7];
    let messy = format!("  {}\n", phrase.to_uppercase().replace(' ', " \t "));
    assert_eq!(*Bip39Phrase::parse(&messy).unwrap().to_words(), *phrase);
}

#[test]
fn swapped_adjacent_words_are_never_read_as_the_original() {
    // Swapping two different adjacent words changes the bits; BIP-39's checksum catches most
    // such errors. None may be read as a different valid phrase without the checksum agreeing.
    for (i, (_, phrase, _, _)) in vectors().iter().enumerate() {
        let mut words: Vec<&str> = phrase.split(' ').collect();
        let Some(k) = (0..words.len() - 1).find(|&k| words[k] != words[k + 1]) else {
            continue;
        };
        words.swap(k, k + 1);
        match Bip39Phrase::parse(&words.join(" ")) {
            Err(ParseBip39Error::Checksum) => {}
            Ok(p) => assert_ne!(*p.to_words(), *phrase, "vector {i}"),
            Err(e) => panic!("vector {i}: unexpected {e}"),
        }
    }
}

#[test]
fn slip39_shares_and_bip39_phrases_are_told_apart() {
    let slip: Vec<(String, Vec<String>, String, String)> =
        serde_json::from_str(include_str!("data/slip39-vectors.json")).unwrap();
    for (description, shares, secret, _) in &slip {
        if secret.is_empty() {
            continue;
        }
        for share in shares {
            let n = share.split_whitespace().count();
            assert_eq!(
                classify(share),
                MnemonicKind::Slip39Share { words: n },
                "{description}"
            );
            assert_eq!(
                Bip39Phrase::parse(share),
                Err(ParseBip39Error::LooksLikeSlip39Share { words: n }),
                "{description}"
            );
        }
    }
    for (_, phrase, _, _) in vectors() {
        let n = phrase.split(' ').count();
        assert_eq!(classify(&phrase), MnemonicKind::Bip39 { words: n });
    }
    assert_eq!(
        classify("hello world this is not a mnemonic"),
        MnemonicKind::Unknown { words: 7 }
    );
}

fn split_2of3_and_combine(secret: &MasterSecret, passphrase: &Passphrase) -> (MasterSecret, usize) {
    let set = SplitPlan::single(2, 3)
        .unwrap()
        .split(secret, passphrase)
        .unwrap();
    let words: Vec<String> = set.shares().map(|s| s.to_words().to_string()).collect();
    let n = words[0].split(' ').count();
    let two: Vec<Share> = [&words[2], &words[0]]
        .iter()
        .map(|w| Share::parse(w).unwrap())
        .collect();
    (combine(&two, passphrase).unwrap(), n)
}

#[test]
fn entropy_mode_round_trip_gives_back_the_exact_phrase() {
    for bits in [128, 160, 192, 224, 256] {
        let phrase = Bip39Phrase::generate(bits).unwrap();
        let secret = phrase.to_master_secret(Bip39Mode::Entropy, &Bip39Passphrase::empty());
        for pass in ["", "TREZOR"] {
            let pass = Passphrase::new(pass.to_string()).unwrap();
            let (back, words) = split_2of3_and_combine(&secret, &pass);
            let expected_words = match bits {
                128 => 20,
                256 => 33,
                _ => words,
            };
            assert_eq!(words, expected_words);
            let recovered = Bip39Phrase::from_master_secret(&back).unwrap();
            assert_eq!(*recovered.to_words(), *phrase.to_words(), "{bits} bits");
        }
    }
}

#[test]
fn seed_mode_round_trip_opens_the_same_wallet() {
    let (_, phrase, _, _) = &vectors()[23];
    let phrase = Bip39Phrase::parse(phrase).unwrap();
    let bip39_pass = Bip39Passphrase::new("TREZOR".to_string());
    let secret = phrase.to_master_secret(Bip39Mode::Seed, &bip39_pass);
    assert_eq!(secret.len(), 64);
    let (back, words) = split_2of3_and_combine(&secret, &Passphrase::empty());
    assert_eq!(words, 59);
    let want = WalletFacts::from_bip39(&phrase, &bip39_pass, Network::Bitcoin);
    let got = WalletFacts::from_master_secret(&back, Network::Bitcoin);
    assert_eq!(got, want);
    assert_eq!(got.receive_address(0), want.receive_address(0));
    // Seed mode keeps no phrase: a 64-byte secret is not BIP-39 entropy.
    assert!(Bip39Phrase::from_master_secret(&back).is_err());
}

#[test]
fn entropy_mode_shares_typed_into_a_slip39_wallet_open_another_wallet() {
    let (_, phrase, _, _) = &vectors()[0];
    let phrase = Bip39Phrase::parse(phrase).unwrap();
    let secret = phrase.to_master_secret(Bip39Mode::Entropy, &Bip39Passphrase::empty());
    let bip39_wallet =
        WalletFacts::from_bip39(&phrase, &Bip39Passphrase::empty(), Network::Bitcoin);
    let slip39_wallet = WalletFacts::from_master_secret(&secret, Network::Bitcoin);
    assert_ne!(bip39_wallet.fingerprint(), slip39_wallet.fingerprint());
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn entropy() -> impl Strategy<Value = Vec<u8>> {
        prop::sample::select(vec![16usize, 20, 24, 28, 32])
            .prop_flat_map(|len| prop::collection::vec(any::<u8>(), len))
    }

    proptest! {
        #[test]
        fn parse_of_words_is_the_same_phrase(bytes in entropy()) {
            let phrase = Bip39Phrase::from_entropy(&bytes).unwrap();
            let words = phrase.to_words();
            let n = words.split(' ').count();
            prop_assert_eq!(n, bytes.len() / 4 * 3);
            prop_assert_eq!(classify(&words), MnemonicKind::Bip39 { words: n });
            let back = Bip39Phrase::parse(&words.to_uppercase()).unwrap();
            let entropy = back.to_entropy();
            prop_assert_eq!(entropy.expose_secret(), &bytes[..]);
        }

        /// Regression: about half the SLIP-39 words are BIP-39 words too, and a share with a
        /// word missing or added once passed for a 21-word BIP-39 phrase.
        #[test]
        fn damaged_shares_are_never_called_phrases(bytes in prop::collection::vec(any::<u8>(), 16..=16), long in any::<bool>(), extra in any::<bool>()) {
            let mut secret = bytes.clone();
            if long {
                secret.extend_from_slice(&bytes);
            }
            let secret = MasterSecret::new(secret).unwrap();
            let set = SplitPlan::single(1, 1).unwrap().split(&secret, &Passphrase::empty()).unwrap();
            let words = set.shares().next().unwrap().to_words();
            let mut list: Vec<&str> = words.split(' ').collect();
            if extra {
                list.push("academic");
            } else {
                list.pop();
            }
            let n = list.len();
            prop_assert_eq!(classify(&list.join(" ")), MnemonicKind::Slip39Share { words: n });
        }

        #[test]
        fn parse_never_panics(text in "\\PC{0,300}") {
            let _ = Bip39Phrase::parse(&text);
            let _ = classify(&text);
        }

        #[test]
        fn one_changed_word_is_an_error_or_another_valid_phrase(bytes in entropy(), pos in 0usize..24, word in 0usize..2048) {
            let phrase = Bip39Phrase::from_entropy(&bytes).unwrap();
            let words = phrase.to_words();
            let mut list: Vec<&str> = words.split(' ').collect();
            let pos = pos % list.len();
            let english = bip39_english_word(word);
            prop_assume!(list[pos] != english);
            list[pos] = &english;
            match Bip39Phrase::parse(&list.join(" ")) {
                Ok(other) => prop_assert_ne!(other, phrase),
                Err(e) => prop_assert_eq!(e, ParseBip39Error::Checksum),
            }
        }
    }

    /// The English list word number `i`: the first word of the phrase whose entropy begins
    /// with the 11 bits of `i`.
    fn bip39_english_word(i: usize) -> String {
        let mut entropy = [0u8; 16];
        entropy[0] = (i >> 3) as u8;
        entropy[1] = ((i & 7) << 5) as u8;
        let words = Bip39Phrase::from_entropy(&entropy).unwrap().to_words();
        words.split(' ').next().unwrap().to_string()
    }
}
