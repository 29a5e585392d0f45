//! # seedshard
//!
//! Back up a Bitcoin wallet seed as SLIP-39 Shamir shares, and recover it.
//!
//! A seed is the only key to a wallet. seedshard splits it into shares so that any M of N
//! holders together can restore it (optionally in two levels: M of N groups, each needing some
//! of its members), while fewer learn nothing about it.
//!
//! ## Which type to use when
//!
//! - [`MasterSecret`]: the secret to protect (16 to 64 bytes). [`Passphrase`]: the optional
//!   SLIP-39 passphrase that encrypts it.
//! - [`SplitPlan`] (built from [`GroupSpec`]s) splits a secret into a [`ShareSet`];
//!   [`SplitPlan::single`] covers the common one-group case.
//! - [`Share::parse`] reads one share from its words; [`combine`] turns enough shares back
//!   into the secret.
//! - [`Recovery`] gathers shares one at a time from any source for a person recovering:
//!   it works out unreadable and wrong words (shown, never used silently), sets aside
//!   duplicates and other sets, reports progress, names the share that does not fit, and
//!   reissues a lost share or extends the set ([`slip39::recovery`]).
//!   [`slip39::recovery::Pile`] keeps everything given in input order (text that is not a
//!   share too) for a front end to report: [`report::recovery::CheckReport`] is the JSON
//!   contract, [`describe::recovery`] the sentences.
//! - [`dialogue::Dialogue`] is typing shares in, one at a time, as a state machine without
//!   I/O: a front end shows its prompts and lines and hands it the answers.
//! - [`plan::Layout`] describes a plan with its holders and places before any split;
//!   [`plan::Layout::analyse`] says what it survives ([`plan::PlanReport`]), and
//!   [`plan::suggest::suggest`] searches plans for stated goals.
//! - [`rollcall::RollCallCode`] is a share's short roll-call code, for a holder to read to the
//!   owner; [`rollcall::roll_call`] compares the codes read out with the expected ones.
//! - `bip39::Bip39Phrase` (feature `bip39`) backs up an existing BIP-39 phrase in one of the two
//!   `bip39::Bip39Mode`s; `bip39::Bip39Passphrase` is the BIP-39 passphrase, not the SLIP-39 one.
//! - `wallet::WalletFacts` and `wallet::readings` (feature `bitcoin`) give the fingerprint,
//!   xpub/zpub and addresses of the wallet a secret opens, to compare before funding and after
//!   recovery.
//! - `backup::BackupRequest` (feature `bitcoin`) is a whole backup for a front end: secret
//!   source (hex, new, or a BIP-39 phrase in its mode), plan and passphrases give the set, the
//!   wallet it protects and the notes to print with it.
//!
//! ```
//! use seedshard::{combine, MasterSecret, Passphrase, Share, SplitPlan};
//! let secret = MasterSecret::generate(16)?;
//! let set = SplitPlan::single(2, 3)?.split(&secret, &Passphrase::empty())?;
//! // Words come out in zeroizing strings, as the holders would write them down.
//! let words: Vec<_> = set.shares().map(|s| s.to_words()).collect();
//! let two: Vec<Share> = words[1..].iter().map(|w| Share::parse(w)).collect::<Result<_, _>>()?;
//! assert_eq!(combine(&two, &Passphrase::empty())?, secret);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Threat model, in short
//!
//! seedshard protects a secret against the loss of shares (up to N - M of a group) and
//! against theft of fewer than M shares, which reveal nothing. It keeps secrets in memory
//! that is zeroized on drop, never prints them in `Debug` or errors, and does its field
//! arithmetic in constant time. It cannot protect against a compromised computer at the time
//! of splitting or recovery, against M holders who collude, or against a forgotten
//! passphrase: a wrong passphrase silently opens a different wallet, which is why seedshard
//! shows fingerprints to compare. See `docs/threat-model.md`.
//!
//! ## Features
//!
//! The SLIP-39 core needs only `core` and `alloc`. `std` adds the OS random generator;
//! `bip39`, `bitcoin`, `qr` and `card` add BIP-39 bridging, wallet facts, QR payloads and
//! share cards; `cli` (default) builds the `seedshard` tool.

#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

extern crate alloc;

#[cfg(feature = "bitcoin")]
pub mod backup;
#[cfg(feature = "bip39")]
#[cfg_attr(docsrs, doc(cfg(feature = "bip39")))]
pub mod bip39;
#[cfg(feature = "card")]
#[cfg_attr(docsrs, doc(cfg(feature = "card")))]
pub mod card;
pub mod describe;
pub mod dialogue;
pub mod hex;
pub mod plan;
#[cfg(feature = "qr")]
#[cfg_attr(docsrs, doc(cfg(feature = "qr")))]
pub mod qr;
pub mod report;
pub mod rollcall;
pub mod secret;
pub mod slip39;
#[cfg(feature = "bitcoin")]
#[cfg_attr(docsrs, doc(cfg(feature = "bitcoin")))]
pub mod wallet;

pub use secret::{MasterSecret, Passphrase, PassphraseError, SecretError};
pub use slip39::recovery::{Analysis, Recovery, RecoveryError, ShareStatus};
pub use slip39::scheme::{
    combine, recover_ems, CombineError, EncryptedMasterSecret, GroupProgress, GroupSpec, PlanError,
    ShareSet, SplitError, SplitPlan,
};
pub use slip39::share::{Identifier, IterationExponent, ParseShareError, Share};

/// The operating system's random generator, as a `rand_core` cryptographic generator.
///
/// # Panics
///
/// When the operating system cannot provide randomness, which on supported systems does not
/// happen after boot.
#[cfg(feature = "std")]
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
pub fn os_rng() -> impl rand_core::CryptoRng {
    rand_core::UnwrapErr(getrandom::SysRng)
}
