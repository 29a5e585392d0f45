//! The sentences people read, in one place.
//!
//! Every front end (the CLI, the offline page) shows a status, a note or a warning by asking
//! this module for its words, so the same situation is always said the same way. The
//! functions here take the library's report types and return plain English; they never
//! contain a secret (no share words, no master secret, no passphrase).

// Recovery: share statuses, progress, repairs, what to do next.
pub mod recovery;

// Typing a recovery in: prompts, what is missing, a passphrase tried again, slow steps.
pub mod dialogue;

// Backup: notes and warnings of a split, bridging modes, wallet facts.
pub mod backup;
