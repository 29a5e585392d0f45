//! Unit tests of wallet facts and readings.

use super::*;
use crate::bip39::{Bip39Passphrase, Bip39Phrase};
use crate::secret::MasterSecret;
use alloc::string::ToString;

const ABOUT: &str = "abandon abandon abandon abandon abandon abandon abandon abandon abandon \
                     abandon abandon about";

#[test]
fn fingerprint_parses_and_prints() {
    let fp: Fingerprint = "0x73C5DA0A".parse().unwrap();
    assert_eq!(fp.to_string(), "73c5da0a");
    assert!("73c5da0".parse::<Fingerprint>().is_err());
    assert!("73c5da0g".parse::<Fingerprint>().is_err());
}

#[test]
fn seed_length_is_checked() {
    assert_eq!(
        WalletFacts::from_seed(&[1; 15], Network::Bitcoin).unwrap_err(),
        WalletError::SeedLength { len: 15 }
    );
    assert!(WalletFacts::from_seed(&[1; 65], Network::Bitcoin).is_err());
}

#[test]
fn find_address_covers_change_and_taproot() {
    let phrase = Bip39Phrase::parse(ABOUT).unwrap();
    let facts = WalletFacts::from_bip39(&phrase, &Bip39Passphrase::empty(), Network::Bitcoin);
    // BIP-84 first change address, from the BIP-84 test vectors.
    let m = facts
        .find_address("BC1Q8C6FSHW2DLWUN7EKN9QWF37CU2RN755UPCP6EL", 20)
        .unwrap();
    assert_eq!(
        m,
        AddressMatch {
            kind: AddressKind::Bip84,
            change: true,
            index: 0
        }
    );
    let t = facts.taproot_address(0);
    assert_eq!(facts.find_address(&t, 1).unwrap().kind, AddressKind::Bip86);
    assert!(facts
        .find_address("bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh", 20)
        .is_none());
}

#[test]
fn test_networks_use_coin_type_one() {
    let phrase = Bip39Phrase::parse(ABOUT).unwrap();
    let facts = WalletFacts::from_bip39(&phrase, &Bip39Passphrase::empty(), Network::Testnet);
    assert_eq!(facts.account_path(), "m/84'/1'/0'");
    assert!(facts.account_xpub().starts_with("tpub"));
    assert!(facts.account_zpub().starts_with("vpub"));
    assert!(facts.receive_address(0).starts_with("tb1q"));
    let regtest = WalletFacts::from_bip39(&phrase, &Bip39Passphrase::empty(), Network::Regtest);
    assert!(regtest.receive_address(0).starts_with("bcrt1q"));
    assert!(regtest.taproot_address(0).starts_with("bcrt1p"));
}

#[test]
fn readings_of_a_16_byte_secret_are_two_and_differ() {
    let secret = MasterSecret::new(alloc::vec![0; 16]).unwrap();
    let r = readings(&secret, &Bip39Passphrase::empty(), Network::Bitcoin);
    assert_eq!(r.len(), 2);
    assert_eq!(r[0].kind(), ReadingKind::Slip39);
    assert_eq!(r[1].kind(), ReadingKind::Bip39Entropy);
    assert_eq!(r[1].facts().fingerprint().to_string(), "73c5da0a");
    assert_ne!(r[0].facts().fingerprint(), r[1].facts().fingerprint());
    assert!(r[1].sentence().contains("12-word BIP-39 phrase"));
    assert!(r[0].sentence().contains("Trezor"));
    let want = Expectation::Fingerprint("73c5da0a".parse().unwrap());
    assert_eq!(pick(&r, &want).unwrap().kind(), ReadingKind::Bip39Entropy);
    let none = Expectation::Fingerprint("00000000".parse().unwrap());
    assert!(pick(&r, &none).is_none());
}

#[test]
fn readings_of_other_lengths_are_one() {
    for len in [18, 34, 64] {
        let secret = MasterSecret::new(alloc::vec![7; len]).unwrap();
        assert_eq!(
            readings(&secret, &Bip39Passphrase::empty(), Network::Bitcoin).len(),
            1,
            "{len}"
        );
    }
}

#[test]
fn root_xprv_debug_is_redacted() {
    let x = RootXprv::from_seed(&[0; 16], Network::Bitcoin).unwrap();
    assert!(x.expose_secret().starts_with("xprv"));
    assert_eq!(format!("{x:?}"), "RootXprv([REDACTED])");
    let _ = "".to_string();
}

#[test]
fn expectations_are_checked_before_use_and_pick_the_matching_reading() {
    let net = Network::Bitcoin;
    assert_eq!(Expectation::parse(None, None, net), Ok(None));
    assert!(matches!(
        Expectation::parse(Some("73c5da0"), None, net),
        Err(ExpectError::Fingerprint(_))
    ));
    assert_eq!(
        Expectation::parse(None, Some("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"), net),
        Err(ExpectError::NotBech32)
    );
    assert_eq!(
        Expectation::parse(
            None,
            Some("tb1qcr8te4kr609gcawutmrza0j4xv80jy8zmfp6l0"),
            net
        ),
        Err(ExpectError::Address(AddressError::OtherNetwork))
    );
    let secret = MasterSecret::from_slice(&[0; 16]).unwrap();
    let all = readings(&secret, &Bip39Passphrase::empty(), net);
    let slip = Expectation::parse(Some(&all[0].facts().fingerprint().to_string()), None, net)
        .unwrap()
        .unwrap();
    assert_eq!(matching(&all, Some(&slip)), Ok(Some(0)));
    let bip = Expectation::parse(None, Some(&all[1].facts().receive_address(0)), net)
        .unwrap()
        .unwrap();
    assert_eq!(matching(&all, Some(&bip)), Ok(Some(1)));
    assert_eq!(matching(&all, None), Ok(None));
    let other = Expectation::parse(Some("00000000"), None, net)
        .unwrap()
        .unwrap();
    assert_eq!(matching(&all, Some(&other)), Err(()));
    assert_eq!(
        crate::describe::backup::no_match(&all, &other),
        "neither reading opens the wallet with the expected fingerprint 00000000"
    );
}

/// The hex of a JSON string value.
fn secret_of(hex: &serde_json::Value) -> MasterSecret {
    let hex = hex.as_str().unwrap();
    let bytes = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect();
    MasterSecret::new(bytes).unwrap()
}

#[test]
fn root_xprv_of_a_bip39_reading_is_the_bip39_vectors_key() {
    // trezor/python-mnemonic vectors.json: [entropy, phrase, seed, xprv], passphrase "TREZOR".
    let vectors: serde_json::Value =
        serde_json::from_str(include_str!("../../tests/data/bip39-vectors.json")).unwrap();
    let pass = Bip39Passphrase::new("TREZOR".to_string());
    let english = vectors["english"].as_array().unwrap();
    assert_eq!(english.len(), 24);
    for v in english {
        let secret = secret_of(&v[0]);
        let all = readings(&secret, &pass, Network::Bitcoin);
        assert_eq!(all[1].kind(), ReadingKind::Bip39Entropy);
        assert_eq!(
            all[1].phrase().unwrap().to_words().as_str(),
            v[1].as_str().unwrap()
        );
        assert_eq!(
            all[1].root_xprv(&secret, &pass).expose_secret(),
            v[3].as_str().unwrap(),
            "{}",
            v[0]
        );
    }
}

#[test]
fn root_xprv_of_the_slip39_reading_uses_the_master_secret_as_seed() {
    // trezor/python-shamir-mnemonic vectors.json: [description, shares, master secret, xprv];
    // the xprv has the master secret as BIP-32 seed, whatever the BIP-39 passphrase.
    let vectors: serde_json::Value =
        serde_json::from_str(include_str!("../../tests/data/slip39-vectors.json")).unwrap();
    let mut checked = 0;
    for v in vectors.as_array().unwrap() {
        if v[2].as_str().unwrap().is_empty() {
            continue;
        }
        let secret = secret_of(&v[2]);
        let pass = Bip39Passphrase::new("TREZOR".to_string());
        let all = readings(&secret, &pass, Network::Bitcoin);
        assert_eq!(all[0].kind(), ReadingKind::Slip39);
        assert_eq!(
            all[0].root_xprv(&secret, &pass).expose_secret(),
            v[3].as_str().unwrap(),
            "{}",
            v[0]
        );
        checked += 1;
    }
    assert_eq!(checked, 15);
}

#[test]
fn root_xprv_follows_the_network_of_the_readings() {
    let secret = MasterSecret::new(alloc::vec![0; 16]).unwrap();
    let pass = Bip39Passphrase::empty();
    for r in readings(&secret, &pass, Network::Testnet) {
        assert!(r
            .root_xprv(&secret, &pass)
            .expose_secret()
            .starts_with("tprv"));
    }
}
