//! Backup: a request to make a share set, and what it gives (features `bip39` and `bitcoin`).
//!
//! A [`BackupRequest`] names where the secret comes from ([`SecretSource`]: a master secret
//! given as is, a new random one, or a BIP-39 phrase, given or new, with its
//! [`Bip39Mode`]), the [`SplitPlan`], the SLIP-39 and BIP-39 passphrases and the network.
//! [`BackupRequest::run`] gives a [`Backup`]: the share set, the wallet it protects, the
//! wallet a SLIP-39 wallet (Trezor) opens from the shares, and the notes a person must read
//! with them ([`Backup::notes`], worded in [`crate::describe::backup`]). Nothing here reads a
//! file or a terminal: a front end gathers the inputs, runs the request and renders the
//! result.
//!
//! ```
//! use seedshard::backup::{BackupRequest, SecretSource};
//! use seedshard::bip39::{Bip39Mode, Bip39Passphrase, Bip39Phrase};
//! use seedshard::wallet::Network;
//! use seedshard::{Passphrase, SplitPlan};
//! let phrase = Bip39Phrase::parse(
//!     "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
//! )?;
//! let backup = BackupRequest::new(
//!     SecretSource::Bip39 { phrase, mode: Bip39Mode::Entropy },
//!     SplitPlan::single(2, 3)?,
//! )
//! .run()?;
//! assert_eq!(backup.wallet().fingerprint().to_string(), "73c5da0a");
//! assert!(backup.notes().iter().any(|n| n.contains("NOT for typing into a Trezor")));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::bip39::{Bip39Error, Bip39Mode, Bip39Passphrase, Bip39Phrase};
use crate::secret::{MasterSecret, Passphrase, SecretError};
use crate::slip39::scheme::{ShareSet, SplitError, SplitPlan};
use crate::wallet::{Network, WalletFacts};

mod choice;
mod mode_files;
mod share_file;
mod share_mode;

pub use choice::{group_plan, GroupPlanError, SourceChoice, SourceChoiceError, SourceKind};
pub use mode_files::{files_mode, FilesModeError};

pub use share_file::share_file_lines;
pub use share_mode::{
    mode_lines, ModeConflict, ModeLine, ShareMode, UnknownShareMode, MODE_LINE_PREFIX,
};

/// The strengths of a new secret or a new BIP-39 phrase, in bits.
pub const GENERATED_BITS: [usize; 2] = [128, 256];

/// The group threshold when none is given: 1 for a single group; with several groups there
/// is no safe default (how many groups are needed is the heart of the plan), so `None`.
pub fn default_group_threshold(groups: usize) -> Option<u8> {
    (groups == 1).then_some(1)
}

/// What `plan` survives, with the card holders' names when they are usable (names the cards
/// refuse are reported when the cards are drawn; the plan is then analysed without them).
pub fn plan_report(plan: &SplitPlan, holders: &[String]) -> crate::plan::PlanReport {
    let layout = crate::plan::Layout::new(plan.clone());
    let layout = if holders.is_empty() {
        layout
    } else {
        layout.clone().with_holders(holders).unwrap_or(layout)
    };
    layout.analyse()
}

/// Where the secret of a backup comes from.
#[derive(Debug)]
#[non_exhaustive]
pub enum SecretSource {
    /// A master secret given as is (a Trezor-style SLIP-39 secret, e.g. read from hex).
    Secret(MasterSecret),
    /// A new random master secret of `bits` bits (128 or 256).
    Generate {
        /// The strength, in bits.
        bits: usize,
    },
    /// An existing BIP-39 phrase, bridged in `mode`.
    Bip39 {
        /// The phrase.
        phrase: Bip39Phrase,
        /// How the phrase becomes the master secret.
        mode: Bip39Mode,
    },
    /// A new BIP-39 phrase of `bits` bits (128 or 256: 12 or 24 words), bridged in entropy
    /// mode, so that recovery gives it back.
    NewBip39 {
        /// The strength, in bits.
        bits: usize,
    },
}

impl SecretSource {
    /// True when the secret is (or will be) a BIP-39 phrase, so a BIP-39 passphrase applies.
    pub fn is_bip39(&self) -> bool {
        matches!(self, Self::Bip39 { .. } | Self::NewBip39 { .. })
    }
}

/// Why a backup cannot be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum BackupError {
    /// A new secret or phrase of a strength seedshard does not generate (it makes 128 or
    /// 256 bits).
    Strength {
        /// The strength asked for, in bits.
        bits: usize,
    },
    /// The master secret cannot be used.
    Secret(SecretError),
    /// The phrase cannot be made.
    Bip39(Bip39Error),
    /// The plan cannot split the secret.
    Split(SplitError),
}

impl fmt::Display for BackupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Strength { bits } => write!(
                f,
                "seedshard generates 128- or 256-bit secrets, not {bits}-bit ones"
            ),
            Self::Secret(e) => fmt::Display::fmt(e, f),
            Self::Bip39(e) => fmt::Display::fmt(e, f),
            Self::Split(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl core::error::Error for BackupError {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            Self::Strength { .. } => None,
            Self::Secret(e) => Some(e),
            Self::Bip39(e) => Some(e),
            Self::Split(e) => Some(e),
        }
    }
}

/// A request to back up a secret as a SLIP-39 share set.
#[derive(Debug)]
pub struct BackupRequest {
    source: SecretSource,
    plan: SplitPlan,
    passphrase: Passphrase,
    bip39_passphrase: Bip39Passphrase,
    network: Network,
}

impl BackupRequest {
    /// A request for `source` under `plan`, without passphrases, on Bitcoin mainnet.
    pub fn new(source: SecretSource, plan: SplitPlan) -> Self {
        Self {
            source,
            plan,
            passphrase: Passphrase::empty(),
            bip39_passphrase: Bip39Passphrase::empty(),
            network: Network::Bitcoin,
        }
    }

    /// Sets the SLIP-39 passphrase, which encrypts the master secret of the set.
    pub fn with_passphrase(mut self, passphrase: Passphrase) -> Self {
        self.passphrase = passphrase;
        self
    }

    /// Sets the BIP-39 passphrase of the phrase (ignored unless the source is a phrase).
    pub fn with_bip39_passphrase(mut self, passphrase: Bip39Passphrase) -> Self {
        self.bip39_passphrase = passphrase;
        self
    }

    /// Sets the network whose keys and addresses the wallet facts show.
    pub fn with_network(mut self, network: Network) -> Self {
        self.network = network;
        self
    }

    /// Makes the set, drawing randomness from the operating system's generator.
    ///
    /// # Errors
    ///
    /// As [`BackupRequest::run_with`].
    pub fn run(self) -> Result<Backup, BackupError> {
        self.run_with(&mut crate::os_rng())
    }

    /// Makes the set, drawing randomness (new secrets, the identifier, the shares) from
    /// `rng`.
    ///
    /// # Errors
    ///
    /// [`BackupError::Strength`] for a new secret or phrase other than 128 or 256 bits;
    /// [`BackupError::Split`] when the plan cannot split the secret.
    pub fn run_with<R: rand_core::CryptoRng + ?Sized>(
        self,
        rng: &mut R,
    ) -> Result<Backup, BackupError> {
        let strength = |bits: usize| {
            if GENERATED_BITS.contains(&bits) {
                Ok(bits)
            } else {
                Err(BackupError::Strength { bits })
            }
        };
        let (secret, bridge) = match self.source {
            SecretSource::Secret(secret) => (secret, None),
            SecretSource::Generate { bits } => (
                MasterSecret::generate_with(strength(bits)? / 8, rng)
                    .map_err(BackupError::Secret)?,
                None,
            ),
            SecretSource::Bip39 { phrase, mode } => {
                let secret = phrase.to_master_secret(mode, &self.bip39_passphrase);
                (secret, Some((phrase, mode, false)))
            }
            SecretSource::NewBip39 { bits } => {
                let phrase =
                    Bip39Phrase::generate_with(strength(bits)?, rng).map_err(BackupError::Bip39)?;
                let secret = phrase.to_master_secret(Bip39Mode::Entropy, &self.bip39_passphrase);
                (secret, Some((phrase, Bip39Mode::Entropy, true)))
            }
        };
        let set = self
            .plan
            .split_with(&secret, &self.passphrase, rng)
            .map_err(BackupError::Split)?;
        let slip39_wallet = WalletFacts::from_master_secret(&secret, self.network);
        drop(secret);
        let bridge = bridge.map(|(phrase, mode, generated)| Bridge {
            mode,
            words: phrase.word_count(),
            bip39_passphrase: !self.bip39_passphrase.is_empty(),
            wallet: WalletFacts::from_bip39(&phrase, &self.bip39_passphrase, self.network),
            new_phrase: generated.then_some(phrase),
        });
        Ok(Backup {
            set,
            slip39_wallet,
            bridge,
            passphrase_set: !self.passphrase.is_empty(),
        })
    }
}

/// What a BIP-39 backup protects.
#[derive(Debug, Clone)]
struct Bridge {
    mode: Bip39Mode,
    words: usize,
    bip39_passphrase: bool,
    wallet: WalletFacts,
    new_phrase: Option<Bip39Phrase>,
}

/// A share set made by a [`BackupRequest`], with the wallet it protects.
#[derive(Debug, Clone)]
pub struct Backup {
    set: ShareSet,
    slip39_wallet: WalletFacts,
    bridge: Option<Bridge>,
    passphrase_set: bool,
}

impl Backup {
    /// The share set.
    pub fn set(&self) -> &ShareSet {
        &self.set
    }

    /// The wallet the shares protect: the BIP-39 phrase's wallet (with its BIP-39
    /// passphrase) for a BIP-39 backup, else the SLIP-39 wallet.
    pub fn wallet(&self) -> &WalletFacts {
        self.bridge
            .as_ref()
            .map_or(&self.slip39_wallet, |b| &b.wallet)
    }

    /// The wallet a Trezor or other SLIP-39 wallet opens from the shares. For an
    /// entropy-mode backup this is a different, empty wallet.
    pub fn slip39_wallet(&self) -> &WalletFacts {
        &self.slip39_wallet
    }

    /// The bridging mode of a BIP-39 backup.
    pub fn bip39_mode(&self) -> Option<Bip39Mode> {
        self.bridge.as_ref().map(|b| b.mode)
    }

    /// What the shares hold, as the `# seedshard: mode=` line of a share file says it.
    pub fn share_mode(&self) -> ShareMode {
        ShareMode::from(self.bip39_mode())
    }

    /// The number of words of the BIP-39 phrase backed up.
    pub fn bip39_words(&self) -> Option<usize> {
        self.bridge.as_ref().map(|b| b.words)
    }

    /// True when the BIP-39 phrase has a (non-empty) BIP-39 passphrase.
    pub fn has_bip39_passphrase(&self) -> bool {
        self.bridge.as_ref().is_some_and(|b| b.bip39_passphrase)
    }

    /// True when the set has a (non-empty) SLIP-39 passphrase.
    pub fn has_passphrase(&self) -> bool {
        self.passphrase_set
    }

    /// The BIP-39 phrase this backup generated ([`SecretSource::NewBip39`]), to show once.
    pub fn new_phrase(&self) -> Option<&Bip39Phrase> {
        self.bridge.as_ref().and_then(|b| b.new_phrase.as_ref())
    }

    /// The plain sentences on what the shares protect and how to recover it, to print with
    /// the shares (see [`crate::describe::backup::notes`]).
    pub fn notes(&self) -> Vec<String> {
        crate::describe::backup::notes(self)
    }

    /// True when the notes carry a warning that must reach the person even when the shares
    /// go to a file: entropy-mode shares must not be typed into a Trezor.
    pub fn warns_against_trezor(&self) -> bool {
        self.bip39_mode() == Some(Bip39Mode::Entropy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    const ABOUT: &str = "abandon abandon abandon abandon abandon abandon abandon abandon \
                         abandon abandon abandon about";

    fn rng() -> StdRng {
        StdRng::seed_from_u64(7)
    }

    #[test]
    fn an_entropy_backup_recovers_the_phrase_and_warns_against_a_trezor() {
        let phrase = Bip39Phrase::parse(ABOUT).unwrap();
        let backup = BackupRequest::new(
            SecretSource::Bip39 {
                phrase: phrase.clone(),
                mode: Bip39Mode::Entropy,
            },
            SplitPlan::single(2, 3).unwrap(),
        )
        .run_with(&mut rng())
        .unwrap();
        let shares: Vec<_> = backup.set().shares().take(2).cloned().collect();
        let secret = crate::combine(&shares, &Passphrase::empty()).unwrap();
        assert_eq!(Bip39Phrase::from_master_secret(&secret).unwrap(), phrase);
        assert_eq!(backup.wallet().fingerprint().to_string(), "73c5da0a");
        assert_ne!(backup.slip39_wallet(), backup.wallet());
        assert!(backup.warns_against_trezor());
        assert_eq!(backup.share_mode(), ShareMode::Entropy);
        assert!(backup.new_phrase().is_none());
        let debug = alloc::format!("{backup:?}");
        assert!(!debug.contains("abandon") && !debug.contains(&*shares[0].to_words()));
    }

    #[test]
    fn a_seed_backup_opens_the_same_wallet_in_a_slip39_wallet() {
        let phrase = Bip39Phrase::parse(ABOUT).unwrap();
        let backup = BackupRequest::new(
            SecretSource::Bip39 {
                phrase,
                mode: Bip39Mode::Seed,
            },
            SplitPlan::single(1, 1).unwrap(),
        )
        .run_with(&mut rng())
        .unwrap();
        assert_eq!(backup.slip39_wallet(), backup.wallet());
        assert!(!backup.warns_against_trezor());
        assert_eq!(backup.share_mode(), ShareMode::Seed);
    }

    #[test]
    fn only_128_and_256_bit_secrets_are_generated() {
        for source in [
            SecretSource::Generate { bits: 192 },
            SecretSource::NewBip39 { bits: 160 },
        ] {
            let err = BackupRequest::new(source, SplitPlan::single(1, 1).unwrap())
                .run_with(&mut rng())
                .unwrap_err();
            assert!(matches!(err, BackupError::Strength { .. }));
        }
        let backup = BackupRequest::new(
            SecretSource::NewBip39 { bits: 256 },
            SplitPlan::single(1, 1).unwrap(),
        )
        .run_with(&mut rng())
        .unwrap();
        assert_eq!(backup.new_phrase().map(Bip39Phrase::word_count), Some(24));
        assert_eq!(backup.share_mode(), ShareMode::Entropy);
    }

    #[test]
    fn the_default_group_threshold_is_one_only_for_one_group() {
        assert_eq!(default_group_threshold(1), Some(1));
        assert_eq!(default_group_threshold(2), None);
    }
}
