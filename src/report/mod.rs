//! Reports: what each workflow found, as plain data.
//!
//! These types are the JSON contract of every front end (with feature `serde` they derive
//! `Serialize`; the CLI's `--json` output is exactly their serialisation). Every top-level
//! report carries [`SCHEMA_VERSION`] in a `schema` field, raised whenever a field changes
//! meaning or disappears (adding a field does not raise it).

/// The version of the JSON contract, written as `"schema": 1` in every top-level report.
pub const SCHEMA_VERSION: u32 = 1;

// Recovery: check, combine, inspect.
pub mod recovery;

// Backup: split, wallet facts and readings.
pub mod backup;
