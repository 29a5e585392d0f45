//! SLIP-0039: Shamir's Secret-Sharing for Mnemonic Codes, implemented in full.
//!
//! The modules follow the specification's sections: `gf256` (the field), [`rs1024`] (the
//! checksum), [`wordlist`], [`share`] (one share's format), `shamir` (splitting one secret),
//! `cipher` (encrypting the master secret, on `pbkdf2`) and [`scheme`] (groups of shares).
//! Beyond the specification: [`recovery`] (accumulating shares from any source, with
//! diagnostics, the pile of shares a person hands over, reissue and extend), [`repair`] (damaged words worked out from the checksum) [`set_name`]
//! (a readable name for a set's identifier) and [`text`] (share text as people have it:
//! numbered words, one word a line, the reference's output).
//!
//! The primitives `gf256`, `shamir`, `cipher` and `pbkdf2` are private: [`scheme`] is their
//! interface. The `internals` feature makes them public for fuzzing, benchmarks and tests;
//! that interface is unstable and may change in any release.

#[cfg(feature = "internals")]
#[cfg_attr(docsrs, doc(cfg(feature = "internals")))]
pub mod cipher;
#[cfg(not(feature = "internals"))]
pub(crate) mod cipher;
#[cfg(feature = "internals")]
#[cfg_attr(docsrs, doc(cfg(feature = "internals")))]
pub mod gf256;
#[cfg(not(feature = "internals"))]
pub(crate) mod gf256;
#[cfg(feature = "internals")]
#[cfg_attr(docsrs, doc(cfg(feature = "internals")))]
pub mod pbkdf2;
#[cfg(not(feature = "internals"))]
pub(crate) mod pbkdf2;
pub mod recovery;
pub mod repair;
pub mod rs1024;
pub mod scheme;
pub mod set_name;
#[cfg(feature = "internals")]
#[cfg_attr(docsrs, doc(cfg(feature = "internals")))]
pub mod shamir;
#[cfg(not(feature = "internals"))]
pub(crate) mod shamir;
pub mod share;
pub mod text;
pub mod wordlist;
