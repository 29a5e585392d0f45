//! The sentences people read, in one place.
//!
//! Every front end (the CLI, the offline page) shows a status, a note or a warning by asking
//! this module for its words, so the same situation is always said the same way. The
//! functions here take the library's report types and return plain English; they never
//! contain a secret (no share words, no master secret, no passphrase).

// Recovery: share statuses, progress, repairs, what to do next.
pub mod recovery;

// Keeping a set: a share made again, a set extended.
pub mod maintain;

// Typing a recovery in: prompts, what is missing, a passphrase tried again, slow steps.
pub mod dialogue;

// Backup: notes and warnings of a split, bridging modes, wallet facts.
pub mod backup;

// Input: text that is not what was asked for (shares, phrases, hex, expected wallets).
pub mod input;

// Options: the groups of a plan and the source of a backup's secret, as given.
#[cfg(feature = "bitcoin")]
#[cfg_attr(docsrs, doc(cfg(feature = "bitcoin")))]
pub mod options;

// Roll call: the owner's prompt, the verdict.
pub mod rollcall;

// Showing a recovered secret: which forms express the wallet that opened.
#[cfg(feature = "bitcoin")]
#[cfg_attr(docsrs, doc(cfg(feature = "bitcoin")))]
pub mod reveal;

// Scanning: pictures that give nothing, notes on what was read.
#[cfg(feature = "scan")]
#[cfg_attr(docsrs, doc(cfg(feature = "scan")))]
pub mod scan;
