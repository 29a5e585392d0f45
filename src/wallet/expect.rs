//! What the person expects: a fingerprint or an address of their wallet, checked, and the
//! reading that matches it.

use alloc::string::String;
use core::fmt;
use core::str::FromStr;

use bitcoin::Address;

use super::facts::normalize_address;
use super::{Fingerprint, Network, Reading, WalletFacts, DEFAULT_ADDRESS_GAP};

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
            Self::Fingerprint(fp) => facts.fingerprint() == *fp,
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
    readings.iter().find(|r| expectation.matches(r.facts()))
}

/// Why an expectation given by the person cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExpectError {
    /// The fingerprint is not 8 hex digits.
    Fingerprint(super::ParseFingerprintError),
    /// The address is not a native segwit or taproot (bech32) address: seedshard checks
    /// only those.
    NotBech32,
    /// The address cannot be used.
    Address(AddressError),
}

impl fmt::Display for ExpectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Fingerprint(e) => fmt::Display::fmt(e, f),
            Self::NotBech32 => f.write_str(
                "seedshard checks native segwit (bc1q) and taproot (bc1p) addresses only",
            ),
            Self::Address(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl core::error::Error for ExpectError {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            Self::Fingerprint(e) => Some(e),
            Self::NotBech32 => None,
            Self::Address(e) => Some(e),
        }
    }
}

impl Expectation {
    /// The expectation of a fingerprint (8 hex digits) or, when no fingerprint is given, of
    /// an address on `network`; `None` when neither is given. An address is checked before
    /// use: a mistyped one, or one of another network, would otherwise read as "no reading
    /// opens the wallet" and send the person after the passphrase.
    ///
    /// # Errors
    ///
    /// [`ExpectError`] saying what is wrong with the fingerprint or the address.
    pub fn parse(
        fingerprint: Option<&str>,
        address: Option<&str>,
        network: Network,
    ) -> Result<Option<Self>, ExpectError> {
        if let Some(fp) = fingerprint {
            return Fingerprint::from_str(fp)
                .map(|fp| Some(Self::Fingerprint(fp)))
                .map_err(ExpectError::Fingerprint);
        }
        let Some(a) = address else {
            return Ok(None);
        };
        let lower = a.trim().to_ascii_lowercase();
        if !(lower.starts_with("bc1") || lower.starts_with("tb1") || lower.starts_with("bcrt1")) {
            return Err(ExpectError::NotBech32);
        }
        Self::address(a, network)
            .map(Some)
            .map_err(ExpectError::Address)
    }
}

/// Which of `readings` opens the expected wallet: `Ok(None)` without an expectation,
/// `Ok(Some(index))` for the first that matches.
///
/// # Errors
///
/// `Err(())` when an expectation was given and no reading matches it (see
/// [`crate::describe::backup::no_match`] for the sentence).
#[allow(clippy::result_unit_err)]
pub fn matching(
    readings: &[Reading],
    expectation: Option<&Expectation>,
) -> Result<Option<usize>, ()> {
    let Some(want) = expectation else {
        return Ok(None);
    };
    readings
        .iter()
        .position(|r| want.matches(r.facts()))
        .map(Some)
        .ok_or(())
}
