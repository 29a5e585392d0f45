//! The readings of a recovered master secret: as a SLIP-39 secret, and as BIP-39 entropy.

use alloc::string::String;
use alloc::vec::Vec;

use super::{Network, WalletFacts};
use crate::bip39::{is_entropy_len, Bip39Passphrase, Bip39Phrase};
use crate::secret::MasterSecret;

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
        let fp = self.facts.fingerprint();
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
