//! The public facts of the wallet a BIP-32 seed opens, and its root key as text.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use bitcoin::bip32::{ChildNumber, Xpriv, Xpub};
use bitcoin::secp256k1::{Secp256k1, Signing, Verification};
use bitcoin::{Address, CompressedPublicKey};
use zeroize::{Zeroize, Zeroizing};

use super::{Fingerprint, Network, WalletError};
use crate::bip39::{Bip39Passphrase, Bip39Phrase};
use crate::secret::MasterSecret;

/// Extended public key version bytes for BIP-84 accounts, mainnet `zpub` (SLIP-0132).
const ZPUB_VERSION: [u8; 4] = [0x04, 0xb2, 0x47, 0x46];
/// Extended public key version bytes for BIP-84 accounts, test networks `vpub` (SLIP-0132).
const VPUB_VERSION: [u8; 4] = [0x04, 0x5f, 0x1c, 0xf6];

/// The shortest BIP-32 seed: 128 bits (BIP-32, "Master key generation").
const MIN_SEED_LEN: usize = 16;
/// The longest BIP-32 seed: 512 bits (BIP-32, "Master key generation").
const MAX_SEED_LEN: usize = 64;
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
pub(super) fn normalize_address(address: &str) -> String {
    let a = address.trim();
    let lower = a.to_ascii_lowercase();
    if lower.starts_with("bc1") || lower.starts_with("tb1") || lower.starts_with("bcrt1") {
        lower
    } else {
        String::from(a)
    }
}
