//! Wallet facts against published vectors: BIP-84 and BIP-86 (phrase "abandon ... about"),
//! and the root xprv of the 15 valid SLIP-39 vectors (the master secret as BIP-32 seed).
#![cfg(feature = "bitcoin")]

use seedshard::bip39::{Bip39Passphrase, Bip39Phrase};
use seedshard::wallet::{
    pick, readings, AddressKind, AddressMatch, Expectation, Network, ReadingKind, RootXprv,
    WalletFacts,
};
use seedshard::{combine, MasterSecret, Passphrase, Share};

const ABOUT: &str = "abandon abandon abandon abandon abandon abandon abandon abandon abandon \
                     abandon abandon about";

fn about() -> WalletFacts {
    let phrase = Bip39Phrase::parse(ABOUT).unwrap();
    WalletFacts::from_bip39(&phrase, &Bip39Passphrase::empty(), Network::Bitcoin)
}

/// BIP-84, "Test vectors".
#[test]
fn bip84_vectors() {
    let facts = about();
    assert_eq!(facts.fingerprint().to_string(), "73c5da0a");
    assert_eq!(facts.account_path(), "m/84'/0'/0'");
    assert_eq!(
        facts.account_zpub(),
        "zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkgDKf31mGDtKsAYz2oz2AGutZYs"
    );
    // The same key with the generic version bytes.
    assert!(facts.account_xpub().starts_with("xpub"));
    assert_eq!(
        facts.receive_addresses(3)[..2],
        [
            "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu".to_string(),
            "bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g".to_string()
        ]
    );
    assert_eq!(
        facts.find_address("bc1q8c6fshw2dlwun7ekn9qwf37cu2rn755upcp6el", 1),
        Some(AddressMatch {
            kind: AddressKind::Bip84,
            change: true,
            index: 0
        })
    );
}

/// BIP-86, "Test vectors".
#[test]
fn bip86_vectors() {
    let facts = about();
    assert_eq!(facts.taproot_account_path(), "m/86'/0'/0'");
    assert_eq!(
        facts.taproot_account_xpub(),
        "xpub6BgBgsespWvERF3LHQu6CnqdvfEvtMcQjYrcRzx53QJjSxarj2afYWcLteoGVky7D3UKDP9QyrLprQ3VCECoY49yfdDEHGCtMMj92pReUsQ"
    );
    assert_eq!(
        facts.taproot_address(0),
        "bc1p5cyxnuxmeuwuvkwfem96lqzszd02n6xdcjrs20cac6yqjjwudpxqkedrcr"
    );
    assert_eq!(
        facts.taproot_address(1),
        "bc1p4qhjn9zdvkux4e44uhx8tc55attvtyu358kutcqkudyccelu0was9fqzwh"
    );
    assert_eq!(
        facts.find_address(
            "bc1p3qkhfews2uk44qtvauqyr2ttdsw7svhkl9nkm9s9c3x4ax5h60wqwruhk7",
            1
        ),
        Some(AddressMatch {
            kind: AddressKind::Bip86,
            change: true,
            index: 0
        })
    );
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// The xprv of each valid SLIP-39 vector: combine with "TREZOR", then the master secret as the
/// BIP-32 seed.
#[test]
fn xprv_of_the_15_valid_slip39_vectors() {
    let vectors: Vec<(String, Vec<String>, String, String)> =
        serde_json::from_str(include_str!("data/slip39-vectors.json")).unwrap();
    let trezor = Passphrase::new("TREZOR".to_string()).unwrap();
    let mut checked = 0;
    for (description, shares, secret_hex, xprv) in &vectors {
        if xprv.is_empty() {
            continue;
        }
        let shares: Vec<Share> = shares.iter().map(|s| Share::parse(s).unwrap()).collect();
        let secret = combine(&shares, &trezor).unwrap();
        assert_eq!(
            secret,
            MasterSecret::new(unhex(secret_hex)).unwrap(),
            "{description}"
        );
        let root = RootXprv::from_master_secret(&secret, Network::Bitcoin);
        assert_eq!(root.expose_secret(), xprv, "{description}");
        checked += 1;
    }
    assert_eq!(checked, 15);
}

#[test]
fn testnet_root_key_is_tprv() {
    let root = RootXprv::from_seed(&[0x42; 32], Network::Testnet).unwrap();
    assert!(root.expose_secret().starts_with("tprv"));
}

#[test]
fn readings_pick_the_wallet_the_user_expects() {
    // The entropy of "abandon ... about" is 16 zero bytes.
    let secret = MasterSecret::new(vec![0; 16]).unwrap();
    let r = readings(&secret, &Bip39Passphrase::empty(), Network::Bitcoin);
    assert_eq!(r.len(), 2);
    let by_address = Expectation::Address("bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu".into());
    let hit = pick(&r, &by_address).unwrap();
    assert_eq!(hit.kind(), ReadingKind::Bip39Entropy);
    assert_eq!(
        *hit.phrase().unwrap().to_words(),
        ABOUT.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    assert_eq!(
        hit.sentence(),
        "As the 12-word BIP-39 phrase (no BIP-39 passphrase), they open wallet 73c5da0a"
    );
    let slip = &r[0];
    let by_fp = Expectation::Fingerprint(slip.facts().fingerprint());
    assert_eq!(pick(&r, &by_fp).unwrap().kind(), ReadingKind::Slip39);
    assert!(slip
        .sentence()
        .starts_with("Typed into a Trezor or other SLIP-39 wallet, these shares open wallet "));
    let nowhere = Expectation::Address("bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh".into());
    assert!(pick(&r, &nowhere).is_none());
}

#[test]
fn a_bip39_passphrase_changes_the_entropy_reading_only() {
    let secret = MasterSecret::new(vec![0; 16]).unwrap();
    let plain = readings(&secret, &Bip39Passphrase::empty(), Network::Bitcoin);
    let with = readings(
        &secret,
        &Bip39Passphrase::new("TREZOR".to_string()),
        Network::Bitcoin,
    );
    assert_eq!(plain[0].facts(), with[0].facts());
    assert_ne!(plain[1].facts(), with[1].facts());
    assert!(with[1]
        .sentence()
        .contains("with the BIP-39 passphrase given"));
}
