//! Zeroizing newtypes for the secrets seedshard handles.
//!
//! Every secret byte lives in one of these types. They zeroize their memory on drop, have no
//! `Display`, show only their length in `Debug`, and hand out their contents through an
//! explicit `expose_secret()` so that each use is easy to find in review.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

/// How much of the stack [`wipe_stack`] overwrites: 1 MiB, deeper than any command of the
/// CLI or any scan reaches (`tests/memory_dump.rs` would find what a deeper call left), well
/// within the 8 MiB of a main thread and the 2 MiB of a spawned one.
#[cfg(all(feature = "std", not(target_family = "wasm")))]
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
pub const STACK_WIPE_BYTES: usize = 1 << 20;

/// How much of the stack [`wipe_stack`] overwrites in WebAssembly: 256 KiB, a quarter of the
/// module's 1 MiB stack (which lives in the module's memory, beside its heap), far deeper
/// than a call from the page reaches.
#[cfg(all(feature = "std", target_family = "wasm"))]
pub const STACK_WIPE_BYTES: usize = 256 << 10;

/// Overwrites [`STACK_WIPE_BYTES`] of the stack below the caller with zeros.
///
/// Secrets pass through local variables (a key being derived, a word being decoded, a share
/// read from a card, a buffer on its way to a zeroizing type); when a function returns, its
/// frame is left as it was, and a zero-on-free allocator cannot reach it. A front end calls
/// this when its work is done (the CLI before `main` returns; each search thread of the
/// scanner before it ends, since a thread's stack is kept for the next thread; the page's
/// module at the end of each call that handled a secret): the new frame covers the old
/// ones, written with volatile stores the compiler may not remove. It needs that much free
/// stack, so it is for hosted front ends (`std`), not small devices.
#[cfg(feature = "std")]
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
#[inline(never)]
pub fn wipe_stack() {
    let mut frame = [0u8; STACK_WIPE_BYTES];
    frame.zeroize();
    core::hint::black_box(&frame);
}

/// The smallest master secret SLIP-39 allows: 128 bits (SLIP-0039, "Master secret").
pub const MIN_SECRET_LEN: usize = 16;

/// The largest master secret seedshard accepts: 512 bits, a whole BIP-39 seed.
///
/// SLIP-39 itself has no upper bound; this one keeps share lengths within what wallets
/// accept (59 words).
pub const MAX_SECRET_LEN: usize = 64;

/// The secret that a share set protects (SLIP-0039 "master secret", MS).
///
/// Its length is even and between 16 and 64 bytes; the constructor checks this.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct MasterSecret(Vec<u8>);

/// Why bytes cannot be a master secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SecretError {
    /// Shorter than 16 bytes (128 bits).
    TooShort {
        /// The length given, in bytes.
        len: usize,
    },
    /// Longer than 64 bytes (512 bits).
    TooLong {
        /// The length given, in bytes.
        len: usize,
    },
    /// An odd number of bytes: the SLIP-39 Feistel cipher splits the secret into two halves.
    OddLength {
        /// The length given, in bytes.
        len: usize,
    },
}

impl fmt::Display for SecretError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooShort { len } => write!(
                f,
                "the secret is {} bits long; SLIP-39 needs at least 128 bits",
                len * 8
            ),
            Self::TooLong { len } => write!(
                f,
                "the secret is {} bits long; seedshard accepts at most 512 bits",
                len * 8
            ),
            Self::OddLength { len } => write!(
                f,
                "the secret is {len} bytes long; SLIP-39 needs an even number of bytes"
            ),
        }
    }
}

impl core::error::Error for SecretError {}

impl MasterSecret {
    /// Wraps `bytes` as a master secret, checking its length.
    ///
    /// # Errors
    ///
    /// [`SecretError`] when the length is under 16 bytes, over 64 bytes, or odd.
    ///
    /// # Examples
    ///
    /// ```
    /// use seedshard::MasterSecret;
    /// let secret = MasterSecret::new(vec![7u8; 16]).unwrap();
    /// assert_eq!(secret.len(), 16);
    /// assert!(MasterSecret::new(vec![7u8; 15]).is_err());
    /// ```
    pub fn new(bytes: Vec<u8>) -> Result<Self, SecretError> {
        // Wrap first so that rejected bytes are zeroized too.
        let secret = Self(bytes);
        check_secret_len(secret.0.len())?;
        Ok(secret)
    }

    /// Copies `bytes` into a new master secret, checking its length.
    ///
    /// # Errors
    ///
    /// As [`MasterSecret::new`].
    pub fn from_slice(bytes: &[u8]) -> Result<Self, SecretError> {
        check_secret_len(bytes.len())?;
        Ok(Self(bytes.to_vec()))
    }

    /// Draws a fresh secret of `len` bytes from `rng`.
    ///
    /// # Errors
    ///
    /// As [`MasterSecret::new`].
    pub fn generate_with<R: rand_core::CryptoRng + ?Sized>(
        len: usize,
        rng: &mut R,
    ) -> Result<Self, SecretError> {
        check_secret_len(len)?;
        let mut bytes = alloc::vec![0u8; len];
        rng.fill_bytes(&mut bytes);
        Ok(Self(bytes))
    }

    /// Draws a fresh secret of `len` bytes from the operating system's generator.
    ///
    /// # Errors
    ///
    /// As [`MasterSecret::new`].
    #[cfg(feature = "std")]
    #[cfg_attr(docsrs, doc(cfg(feature = "std")))]
    pub fn generate(len: usize) -> Result<Self, SecretError> {
        Self::generate_with(len, &mut crate::os_rng())
    }

    /// The secret bytes.
    pub fn expose_secret(&self) -> &[u8] {
        &self.0
    }

    /// The length in bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always false: a master secret holds at least 16 bytes.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

// Internal: builds a secret whose length the caller has already checked.
impl MasterSecret {
    pub(crate) fn from_checked(bytes: Vec<u8>) -> Self {
        debug_assert!(check_secret_len(bytes.len()).is_ok());
        Self(bytes)
    }
}

fn check_secret_len(len: usize) -> Result<(), SecretError> {
    if len < MIN_SECRET_LEN {
        Err(SecretError::TooShort { len })
    } else if len > MAX_SECRET_LEN {
        Err(SecretError::TooLong { len })
    } else if !len.is_multiple_of(2) {
        Err(SecretError::OddLength { len })
    } else {
        Ok(())
    }
}

impl PartialEq for MasterSecret {
    /// Compares in constant time (for equal lengths).
    fn eq(&self, other: &Self) -> bool {
        self.0.ct_eq(&other.0).into()
    }
}

impl Eq for MasterSecret {}

impl fmt::Debug for MasterSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MasterSecret([REDACTED; {} bytes])", self.0.len())
    }
}

/// The SLIP-39 passphrase, which encrypts the master secret (SLIP-0039, "Passphrase").
///
/// Not to be confused with a BIP-39 passphrase, which is part of a BIP-39 seed. SLIP-39
/// passphrases are printable ASCII (characters 32 to 126); seedshard checks this on split and
/// on combine, where the reference implementation does not. The empty passphrase is valid and
/// is what a wallet uses when none is set.
#[derive(Clone, Default, Zeroize, ZeroizeOnDrop)]
pub struct Passphrase(String);

/// Why a string cannot be a SLIP-39 passphrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PassphraseError {
    /// A character outside printable ASCII (32..=126).
    NotPrintableAscii {
        /// 1-based position of the first offending character.
        position: usize,
    },
}

impl fmt::Display for PassphraseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotPrintableAscii { position } => write!(
                f,
                "the passphrase has a character at position {position} that is not printable \
                 ASCII; SLIP-39 passphrases use only letters, digits, punctuation and spaces"
            ),
        }
    }
}

impl core::error::Error for PassphraseError {}

impl Passphrase {
    /// The empty passphrase.
    pub fn empty() -> Self {
        Self::default()
    }

    /// Wraps `s`, checking that every character is printable ASCII.
    ///
    /// # Errors
    ///
    /// [`PassphraseError::NotPrintableAscii`] with the position of the first bad character.
    ///
    /// # Examples
    ///
    /// ```
    /// use seedshard::Passphrase;
    /// assert!(Passphrase::new("TREZOR".to_string()).is_ok());
    /// assert!(Passphrase::new("caf\u{e9}".to_string()).is_err());
    /// ```
    pub fn new(s: String) -> Result<Self, PassphraseError> {
        let s = Zeroizing::new(s);
        if let Some(position) = s.chars().position(|c| !(' '..='~').contains(&c)) {
            return Err(PassphraseError::NotPrintableAscii {
                position: position + 1,
            });
        }
        Ok(Self(String::clone(&s)))
    }

    /// The passphrase text.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }

    /// True for the empty passphrase.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl PartialEq for Passphrase {
    fn eq(&self, other: &Self) -> bool {
        self.0.as_bytes().ct_eq(other.0.as_bytes()).into()
    }
}

impl Eq for Passphrase {}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Passphrase([REDACTED; {} chars])", self.0.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::ToString;

    #[test]
    fn master_secret_debug_shows_only_length() {
        let s = MasterSecret::new(alloc::vec![0xAB; 32]).unwrap();
        let d = format!("{s:?}");
        assert_eq!(d, "MasterSecret([REDACTED; 32 bytes])");
        assert!(!d.to_lowercase().contains("ab"));
    }

    #[test]
    fn passphrase_debug_is_redacted() {
        let p = Passphrase::new("correct horse".to_string()).unwrap();
        let d = format!("{p:?}");
        assert!(!d.contains("horse"), "{d}");
        assert!(d.contains("REDACTED"));
    }

    #[test]
    fn secret_lengths_are_checked() {
        assert_eq!(
            MasterSecret::new(alloc::vec![0; 15]).unwrap_err(),
            SecretError::TooShort { len: 15 }
        );
        assert_eq!(
            MasterSecret::new(alloc::vec![0; 17]).unwrap_err(),
            SecretError::OddLength { len: 17 }
        );
        assert_eq!(
            MasterSecret::new(alloc::vec![0; 66]).unwrap_err(),
            SecretError::TooLong { len: 66 }
        );
        for len in (16..=64).step_by(2) {
            assert_eq!(MasterSecret::new(alloc::vec![1; len]).unwrap().len(), len);
        }
    }

    #[test]
    fn passphrase_rejects_non_printable_ascii_with_position() {
        assert_eq!(
            Passphrase::new("ab\tc".to_string()).unwrap_err(),
            PassphraseError::NotPrintableAscii { position: 3 }
        );
        assert_eq!(
            Passphrase::new("\u{7f}".to_string()).unwrap_err(),
            PassphraseError::NotPrintableAscii { position: 1 }
        );
        assert!(Passphrase::new(" ~".to_string()).is_ok());
    }
}
