//! The readings of a recovered master secret: as a SLIP-39 secret, and as BIP-39 entropy.

use alloc::string::String;
use alloc::vec::Vec;

use super::{Network, RootXprv, WalletFacts};
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

    /// The BIP-32 root key (`xprv`/`tprv`) of the wallet this reading opens: of the master
    /// secret itself for a SLIP-39 reading (as Trezor and the SLIP-39 reference
    /// implementation use it), of the BIP-39 seed of the phrase and `bip39_passphrase` for a
    /// BIP-39 reading. Give the `secret` and `bip39_passphrase` the readings were made from
    /// ([`readings`]); the network is the readings'.
    ///
    /// # Examples
    ///
    /// ```
    /// use seedshard::bip39::Bip39Passphrase;
    /// use seedshard::wallet::{readings, Network};
    /// use seedshard::MasterSecret;
    /// let secret = MasterSecret::new(vec![0; 16])?;
    /// let pass = Bip39Passphrase::new("TREZOR".into());
    /// let all = readings(&secret, &pass, Network::Bitcoin);
    /// // BIP-39 test vector 1: entropy 00...00, passphrase "TREZOR".
    /// assert_eq!(
    ///     all[1].root_xprv(&secret, &pass).expose_secret(),
    ///     "xprv9s21ZrQH143K3h3fDYiay8mocZ3afhfULfb5GX8kCBdno77K4HiA15Tg23wpbeF1pLfs1c5SPmYHrEpTuuRhxMwvKDwqdKiGJS9XFKzUsAF"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn root_xprv(&self, secret: &MasterSecret, bip39_passphrase: &Bip39Passphrase) -> RootXprv {
        let network = self.facts.network();
        match &self.phrase {
            Some(phrase) => {
                RootXprv::from_seed(phrase.to_seed(bip39_passphrase).expose_secret(), network)
                    .expect("a BIP-39 seed is 64 bytes, a valid BIP-32 seed")
            }
            None => RootXprv::from_master_secret(secret, network),
        }
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
