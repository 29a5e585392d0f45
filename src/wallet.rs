//! Wallet facts: which Bitcoin wallet a secret opens (feature `bitcoin`).
//!
//! A wrong passphrase or the wrong bridging mode does not fail: it silently opens a different
//! wallet. The cure is to compare public facts about the wallet before funding it and after
//! recovering it: the BIP-32 master fingerprint, the BIP-84 account xpub/zpub and the first
//! addresses. [`WalletFacts`] computes them from a BIP-32 seed:
//!
//! - for a SLIP-39 master secret, the master secret itself is the BIP-32 seed (as Trezor does);
//! - for a BIP-39 phrase, the BIP-39 seed of phrase and BIP-39 passphrase is.
//!
//! [`readings`] gives both ways a recovered master secret can be read (as a SLIP-39 master
//! secret, and as BIP-39 entropy when its length allows), each with its wallet facts, and an
//! [`Expectation`] (a fingerprint or an address the user knows) picks the matching one.
//!
//! ```
//! use seedshard::bip39::{Bip39Passphrase, Bip39Phrase};
//! use seedshard::wallet::{Network, WalletFacts};
//! let phrase = Bip39Phrase::parse(
//!     "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
//! )?;
//! let facts = WalletFacts::from_bip39(&phrase, &Bip39Passphrase::empty(), Network::Bitcoin);
//! assert_eq!(facts.fingerprint().to_string(), "73c5da0a");
//! assert_eq!(facts.receive_address(0), "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::str::FromStr;

use bitcoin::bip32::{ChildNumber, Xpriv, Xpub};
use bitcoin::secp256k1::{Secp256k1, Signing, Verification};
use bitcoin::{Address, CompressedPublicKey, NetworkKind};
use zeroize::{Zeroize, Zeroizing};

use crate::bip39::{is_entropy_len, Bip39Passphrase, Bip39Phrase};
use crate::secret::MasterSecret;

/// How many receive and change addresses of each account [`WalletFacts::find_address`] looks
/// at by default: the usual wallet gap limit (BIP-44, "Address gap limit").
pub const DEFAULT_ADDRESS_GAP: u32 = 20;

/// Extended public key version bytes for BIP-84 accounts, mainnet `zpub` (SLIP-0132).
const ZPUB_VERSION: [u8; 4] = [0x04, 0xb2, 0x47, 0x46];
/// Extended public key version bytes for BIP-84 accounts, test networks `vpub` (SLIP-0132).
const VPUB_VERSION: [u8; 4] = [0x04, 0x5f, 0x1c, 0xf6];

/// The shortest BIP-32 seed: 128 bits (BIP-32, "Master key generation").
const MIN_SEED_LEN: usize = 16;
/// The longest BIP-32 seed: 512 bits (BIP-32, "Master key generation").
const MAX_SEED_LEN: usize = 64;

/// The Bitcoin network whose keys and addresses to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Network {
    /// Bitcoin itself (mainnet): xpub/zpub, bc1 addresses, coin type 0'.
    #[default]
    Bitcoin,
    /// Testnet: tpub/vpub, tb1 addresses, coin type 1'.
    Testnet,
    /// Signet: as testnet.
    Signet,
    /// Regtest: tpub/vpub, bcrt1 addresses, coin type 1'.
    Regtest,
}

impl Network {
    /// The name as the CLI spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Bitcoin => "bitcoin",
            Self::Testnet => "testnet",
            Self::Signet => "signet",
            Self::Regtest => "regtest",
        }
    }

    /// The BIP-44 coin type: 0 on Bitcoin, 1 on every test network (SLIP-0044).
    pub fn coin_type(self) -> u32 {
        match self {
            Self::Bitcoin => 0,
            _ => 1,
        }
    }

    fn to_bitcoin(self) -> bitcoin::Network {
        match self {
            Self::Bitcoin => bitcoin::Network::Bitcoin,
            Self::Testnet => bitcoin::Network::Testnet,
            Self::Signet => bitcoin::Network::Signet,
            Self::Regtest => bitcoin::Network::Regtest,
        }
    }

    fn kind(self) -> NetworkKind {
        NetworkKind::from(self.to_bitcoin())
    }
}

impl fmt::Display for Network {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is not a [`Network`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ParseNetworkError;

impl fmt::Display for ParseNetworkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown network; the networks are bitcoin, testnet, signet and regtest")
    }
}

impl core::error::Error for ParseNetworkError {}

impl FromStr for Network {
    type Err = ParseNetworkError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "bitcoin" | "mainnet" | "main" => Ok(Self::Bitcoin),
            "testnet" | "test" => Ok(Self::Testnet),
            "signet" => Ok(Self::Signet),
            "regtest" => Ok(Self::Regtest),
            _ => Err(ParseNetworkError),
        }
    }
}

/// A BIP-32 master key fingerprint: the first 4 bytes of HASH160 of the master public key,
/// written as 8 lowercase hex digits (as wallets show it, e.g. `73c5da0a`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint([u8; 4]);

impl Fingerprint {
    /// The 4 bytes.
    pub fn to_bytes(self) -> [u8; 4] {
        self.0
    }
}

impl From<[u8; 4]> for Fingerprint {
    fn from(bytes: [u8; 4]) -> Self {
        Self(bytes)
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

/// Text that is not a fingerprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ParseFingerprintError;

impl fmt::Display for ParseFingerprintError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a fingerprint is 8 hex digits, such as 73c5da0a")
    }
}

impl core::error::Error for ParseFingerprintError {}

impl FromStr for Fingerprint {
    type Err = ParseFingerprintError;

    /// Reads 8 hex digits in any case, optionally after `0x`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let s = s
            .strip_prefix("0x")
            .or_else(|| s.strip_prefix("0X"))
            .unwrap_or(s);
        if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(ParseFingerprintError);
        }
        let mut out = [0u8; 4];
        for (i, o) in out.iter_mut().enumerate() {
            *o = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).map_err(|_| ParseFingerprintError)?;
        }
        Ok(Self(out))
    }
}

/// Why wallet facts cannot be computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum WalletError {
    /// A BIP-32 seed outside 16..=64 bytes.
    SeedLength {
        /// The length given, in bytes.
        len: usize,
    },
    /// The seed gives an invalid master key (probability below 2^-127; BIP-32 says to use
    /// another seed).
    InvalidMasterKey,
}

impl fmt::Display for WalletError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::SeedLength { len } => write!(
                f,
                "a BIP-32 seed is 128 to 512 bits long, not {} bits",
                len * 8
            ),
            Self::InvalidMasterKey => f.write_str("the seed gives an invalid BIP-32 master key"),
        }
    }
}

impl core::error::Error for WalletError {}

/// Public facts about the wallet that a BIP-32 seed opens.
///
/// Holds only public keys: the BIP-84 and BIP-86 account xpubs and the master fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalletFacts {
    network: Network,
    fingerprint: Fingerprint,
    bip84: Xpub,
    bip86: Xpub,
}

impl WalletFacts {
    /// Computes the facts for the BIP-32 seed `seed` (16 to 64 bytes).
    ///
    /// # Errors
    ///
    /// [`WalletError`] when the seed length is outside 16..=64 bytes.
    pub fn from_seed(seed: &[u8], network: Network) -> Result<Self, WalletError> {
        let secp = Secp256k1::new();
        let mut master = master_key(seed, network)?;
        let fingerprint = Fingerprint(master.fingerprint(&secp).to_bytes());
        let bip84 = account(&secp, &master, 84, network);
        let bip86 = account(&secp, &master, 86, network);
        master.private_key.non_secure_erase();
        Ok(Self {
            network,
            fingerprint,
            bip84,
            bip86,
        })
    }

    /// The facts for a SLIP-39 master secret, which is itself the BIP-32 seed (as Trezor and
    /// the SLIP-39 reference implementation use it).
    pub fn from_master_secret(secret: &MasterSecret, network: Network) -> Self {
        // A master secret is 16 to 64 bytes, always a valid BIP-32 seed length.
        Self::from_seed(secret.expose_secret(), network)
            .expect("a master secret is a valid BIP-32 seed")
    }

    /// The facts for a BIP-39 phrase with its BIP-39 passphrase.
    pub fn from_bip39(
        phrase: &Bip39Phrase,
        passphrase: &Bip39Passphrase,
        network: Network,
    ) -> Self {
        let seed = phrase.to_seed(passphrase);
        Self::from_seed(seed.expose_secret(), network).expect("a BIP-39 seed is 64 bytes")
    }

    /// The network the keys and addresses are for.
    pub fn network(&self) -> Network {
        self.network
    }

    /// The BIP-32 master key fingerprint.
    pub fn fingerprint(&self) -> Fingerprint {
        self.fingerprint
    }

    /// The BIP-84 account path, `m/84'/0'/0'` (coin type 1' on test networks).
    pub fn account_path(&self) -> String {
        alloc::format!("m/84'/{}'/0'", self.network.coin_type())
    }

    /// The BIP-86 account path, `m/86'/0'/0'` (coin type 1' on test networks).
    pub fn taproot_account_path(&self) -> String {
        alloc::format!("m/86'/{}'/0'", self.network.coin_type())
    }

    /// The BIP-84 account extended public key with the generic version bytes (`xpub`, or
    /// `tpub` on test networks).
    pub fn account_xpub(&self) -> String {
        self.bip84.to_string()
    }

    /// The BIP-84 account extended public key with the SLIP-0132 version bytes for native
    /// segwit (`zpub`, or `vpub` on test networks), as many wallets show it.
    pub fn account_zpub(&self) -> String {
        let mut data = self.bip84.encode();
        data[..4].copy_from_slice(match self.network {
            Network::Bitcoin => &ZPUB_VERSION,
            _ => &VPUB_VERSION,
        });
        bitcoin::base58::encode_check(&data)
    }

    /// The BIP-86 account extended public key (`xpub`/`tpub`).
    pub fn taproot_account_xpub(&self) -> String {
        self.bip86.to_string()
    }

    /// The BIP-84 (native segwit, `bc1q...`) receive address number `index` (0-based):
    /// path `m/84'/0'/0'/0/index`.
    pub fn receive_address(&self, index: u32) -> String {
        self.segwit_address(0, index)
    }

    /// The first `count` BIP-84 receive addresses.
    pub fn receive_addresses(&self, count: u32) -> Vec<String> {
        (0..count).map(|i| self.receive_address(i)).collect()
    }

    /// The BIP-86 (taproot, `bc1p...`) receive address number `index`: path
    /// `m/86'/0'/0'/0/index`.
    pub fn taproot_address(&self, index: u32) -> String {
        self.taproot_address_on(0, index)
    }

    /// Looks for `address` among the first `gap` receive and change addresses of the BIP-84
    /// and BIP-86 accounts. Bech32 addresses match in either letter case.
    pub fn find_address(&self, address: &str, gap: u32) -> Option<AddressMatch> {
        let wanted = normalize_address(address);
        let secp = Secp256k1::verification_only();
        for chain in [0u32, 1] {
            for index in 0..gap {
                let segwit = derive_pub(&secp, &self.bip84, chain, index);
                let a = Address::p2wpkh(&CompressedPublicKey(segwit), self.network.to_bitcoin());
                if a.to_string() == wanted {
                    return Some(AddressMatch {
                        kind: AddressKind::Bip84,
                        change: chain == 1,
                        index,
                    });
                }
                let taproot = derive_pub(&secp, &self.bip86, chain, index);
                let a = Address::p2tr(
                    &secp,
                    taproot.x_only_public_key().0,
                    None,
                    self.network.to_bitcoin(),
                );
                if a.to_string() == wanted {
                    return Some(AddressMatch {
                        kind: AddressKind::Bip86,
                        change: chain == 1,
                        index,
                    });
                }
            }
        }
        None
    }

    fn segwit_address(&self, chain: u32, index: u32) -> String {
        let secp = Secp256k1::verification_only();
        let key = derive_pub(&secp, &self.bip84, chain, index);
        Address::p2wpkh(&CompressedPublicKey(key), self.network.to_bitcoin()).to_string()
    }

    fn taproot_address_on(&self, chain: u32, index: u32) -> String {
        let secp = Secp256k1::verification_only();
        let key = derive_pub(&secp, &self.bip86, chain, index);
        Address::p2tr(
            &secp,
            key.x_only_public_key().0,
            None,
            self.network.to_bitcoin(),
        )
        .to_string()
    }
}

/// Which account an address belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AddressKind {
    /// BIP-84, native segwit (`bc1q...`).
    Bip84,
    /// BIP-86, taproot (`bc1p...`).
    Bip86,
}

/// Where an address was found by [`WalletFacts::find_address`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddressMatch {
    /// The account.
    pub kind: AddressKind,
    /// True for the change chain (`.../1/index`), false for receive (`.../0/index`).
    pub change: bool,
    /// The 0-based address index.
    pub index: u32,
}

/// The BIP-32 root extended private key (`xprv`/`tprv`) as text, zeroized on drop.
#[derive(Clone)]
pub struct RootXprv(Zeroizing<String>);

impl RootXprv {
    /// The root key of the BIP-32 seed `seed` (16 to 64 bytes).
    ///
    /// # Errors
    ///
    /// [`WalletError`] when the seed length is outside 16..=64 bytes.
    pub fn from_seed(seed: &[u8], network: Network) -> Result<Self, WalletError> {
        let mut master = master_key(seed, network)?;
        let mut data = Zeroizing::new(master.encode());
        master.private_key.non_secure_erase();
        let text = Zeroizing::new(bitcoin::base58::encode_check(&data[..]));
        data.zeroize();
        Ok(Self(text))
    }

    /// The root key of a SLIP-39 master secret used as BIP-32 seed.
    pub fn from_master_secret(secret: &MasterSecret, network: Network) -> Self {
        Self::from_seed(secret.expose_secret(), network)
            .expect("a master secret is a valid BIP-32 seed")
    }

    /// The key in Base58Check (`xprv...`).
    pub fn expose_secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for RootXprv {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RootXprv([REDACTED])")
    }
}

/// How a recovered master secret is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReadingKind {
    /// As a SLIP-39 master secret: the secret is the BIP-32 seed. This is the wallet a
    /// Trezor or other SLIP-39 wallet opens from the shares.
    Slip39,
    /// As BIP-39 entropy: the secret is a BIP-39 phrase, whose BIP-39 seed (with the BIP-39
    /// passphrase) is the BIP-32 seed. This is the wallet of an entropy-mode backup.
    Bip39Entropy,
}

impl ReadingKind {
    /// A short name for JSON and tables: `slip39` or `bip39-entropy`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Slip39 => "slip39",
            Self::Bip39Entropy => "bip39-entropy",
        }
    }
}

/// One reading of a recovered master secret, with the wallet it opens.
#[derive(Debug, Clone)]
pub struct Reading {
    kind: ReadingKind,
    facts: WalletFacts,
    phrase: Option<Bip39Phrase>,
    bip39_passphrase: bool,
}

impl Reading {
    /// How the secret is read.
    pub fn kind(&self) -> ReadingKind {
        self.kind
    }

    /// The facts of the wallet this reading opens.
    pub fn facts(&self) -> &WalletFacts {
        &self.facts
    }

    /// The BIP-39 phrase, for a [`ReadingKind::Bip39Entropy`] reading.
    pub fn phrase(&self) -> Option<&Bip39Phrase> {
        self.phrase.as_ref()
    }

    /// One plain sentence on which wallet this reading opens.
    pub fn sentence(&self) -> String {
        let fp = self.facts.fingerprint;
        match (&self.phrase, self.kind) {
            (Some(phrase), _) => alloc::format!(
                "As the {}-word BIP-39 phrase{}, they open wallet {fp}",
                phrase.word_count(),
                if self.bip39_passphrase {
                    " with the BIP-39 passphrase given"
                } else {
                    " (no BIP-39 passphrase)"
                }
            ),
            (None, _) => alloc::format!(
                "Typed into a Trezor or other SLIP-39 wallet, these shares open wallet {fp}"
            ),
        }
    }
}

/// Both readings of a recovered master secret: as a SLIP-39 master secret (always), then as
/// BIP-39 entropy when the length is 16 to 32 bytes in steps of 4, using `bip39_passphrase`
/// for that reading's seed.
pub fn readings(
    secret: &MasterSecret,
    bip39_passphrase: &Bip39Passphrase,
    network: Network,
) -> Vec<Reading> {
    let mut out = alloc::vec![Reading {
        kind: ReadingKind::Slip39,
        facts: WalletFacts::from_master_secret(secret, network),
        phrase: None,
        bip39_passphrase: false,
    }];
    if is_entropy_len(secret.len()) {
        if let Ok(phrase) = Bip39Phrase::from_master_secret(secret) {
            out.push(Reading {
                kind: ReadingKind::Bip39Entropy,
                facts: WalletFacts::from_bip39(&phrase, bip39_passphrase, network),
                phrase: Some(phrase),
                bip39_passphrase: !bip39_passphrase.is_empty(),
            });
        }
    }
    out
}

/// A fact the user knows about the wallet they expect.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Expectation {
    /// The master fingerprint.
    Fingerprint(Fingerprint),
    /// An address of the wallet: one of the first [`DEFAULT_ADDRESS_GAP`] receive or change
    /// addresses of the BIP-84 or BIP-86 account.
    Address(String),
}

impl Expectation {
    /// True when `facts` describe the expected wallet.
    pub fn matches(&self, facts: &WalletFacts) -> bool {
        match self {
            Self::Fingerprint(fp) => facts.fingerprint == *fp,
            Self::Address(a) => facts.find_address(a, DEFAULT_ADDRESS_GAP).is_some(),
        }
    }
}

/// Why an address given to compare with cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AddressError {
    /// Not a valid address: a character is mistyped (the bech32 checksum does not match),
    /// missing or extra.
    Invalid,
    /// A valid address, of another network than the one given.
    OtherNetwork,
    /// A valid address of the network, but neither native segwit (bc1q) nor taproot (bc1p).
    Unsupported,
}

impl fmt::Display for AddressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Invalid => {
                "is not a valid address: its checksum does not match, so a character is mistyped, missing or extra"
            }
            Self::OtherNetwork => "is an address of another network",
            Self::Unsupported => {
                "is neither a native segwit (bc1q) nor a taproot (bc1p) address"
            }
        })
    }
}

impl core::error::Error for AddressError {}

impl Expectation {
    /// An [`Expectation::Address`] for `address` on `network`, checked first: its bech32
    /// checksum, its network, and its kind (native segwit or taproot).
    ///
    /// # Errors
    ///
    /// [`AddressError`] saying what is wrong.
    pub fn address(address: &str, network: Network) -> Result<Self, AddressError> {
        let text = normalize_address(address);
        let parsed = Address::from_str(&text).map_err(|_| AddressError::Invalid)?;
        if !parsed.is_valid_for_network(network.to_bitcoin()) {
            return Err(AddressError::OtherNetwork);
        }
        match parsed.assume_checked().address_type() {
            Some(bitcoin::AddressType::P2wpkh | bitcoin::AddressType::P2tr) => {
                Ok(Self::Address(text))
            }
            _ => Err(AddressError::Unsupported),
        }
    }
}

/// The first reading whose wallet matches `expectation`.
pub fn pick<'a>(readings: &'a [Reading], expectation: &Expectation) -> Option<&'a Reading> {
    readings.iter().find(|r| expectation.matches(&r.facts))
}

fn master_key(seed: &[u8], network: Network) -> Result<Xpriv, WalletError> {
    if !(MIN_SEED_LEN..=MAX_SEED_LEN).contains(&seed.len()) {
        return Err(WalletError::SeedLength { len: seed.len() });
    }
    Xpriv::new_master(network.kind(), seed).map_err(|_| WalletError::InvalidMasterKey)
}

fn account<C: Signing>(
    secp: &Secp256k1<C>,
    master: &Xpriv,
    purpose: u32,
    network: Network,
) -> Xpub {
    let path = [
        ChildNumber::from_hardened_idx(purpose).expect("purpose is below 2^31"),
        ChildNumber::from_hardened_idx(network.coin_type()).expect("coin type is below 2^31"),
        ChildNumber::from_hardened_idx(0).expect("0 is below 2^31"),
    ];
    let mut key = master
        .derive_priv(secp, &path)
        .expect("hardened derivation fails with probability below 2^-127");
    let xpub = Xpub::from_priv(secp, &key);
    key.private_key.non_secure_erase();
    xpub
}

fn derive_pub<C: Verification>(
    secp: &Secp256k1<C>,
    account: &Xpub,
    chain: u32,
    index: u32,
) -> bitcoin::secp256k1::PublicKey {
    let path = [
        ChildNumber::from_normal_idx(chain).expect("chain is 0 or 1"),
        ChildNumber::from_normal_idx(index).expect("index is below 2^31"),
    ];
    account
        .derive_pub(secp, &path)
        .expect("normal derivation fails with probability below 2^-127")
        .public_key
}

/// Bech32 addresses are case-insensitive but written in lowercase; Base58 ones are kept as is.
fn normalize_address(address: &str) -> String {
    let a = address.trim();
    let lower = a.to_ascii_lowercase();
    if lower.starts_with("bc1") || lower.starts_with("tb1") || lower.starts_with("bcrt1") {
        lower
    } else {
        String::from(a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
}
