//! The long `--version` text: version, commit and the Cargo features built in.

/// `seedshard --version`: the version, the commit it was built from (recorded by `build.rs`),
/// and its Cargo features.
pub const LONG: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "\ncommit: ",
    env!("SEEDSHARD_COMMIT"),
    "\nfeatures: ",
    env!("SEEDSHARD_FEATURES"),
);
