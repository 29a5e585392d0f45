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

use core::fmt;
use core::str::FromStr;

use bitcoin::NetworkKind;

mod expect;
mod facts;
mod readings;
#[cfg(test)]
mod tests;

pub use expect::{matching, pick, AddressError, ExpectError, Expectation};
pub use facts::{AddressKind, AddressMatch, RootXprv, WalletFacts};
pub use readings::{readings, Reading, ReadingKind};

/// How many receive and change addresses of each account [`WalletFacts::find_address`] looks
/// at by default: the usual wallet gap limit (BIP-44, "Address gap limit").
pub const DEFAULT_ADDRESS_GAP: u32 = 20;
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

    pub(crate) fn to_bitcoin(self) -> bitcoin::Network {
        match self {
            Self::Bitcoin => bitcoin::Network::Bitcoin,
            Self::Testnet => bitcoin::Network::Testnet,
            Self::Signet => bitcoin::Network::Signet,
            Self::Regtest => bitcoin::Network::Regtest,
        }
    }

    pub(crate) fn kind(self) -> NetworkKind {
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
