//! Showing a recovered secret: which forms can express the wallet that opened, and the note
//! beside a root key shown.
//!
//! A recovered master secret has one or two readings ([`crate::wallet::readings`]); a form
//! asked for (a BIP-39 phrase, a root key) must belong to the reading that opens the wallet
//! expected, or the person is handed the key to another wallet. The functions here say when a
//! form cannot be shown and why.

use alloc::format;
use alloc::string::String;

use crate::bip39::is_entropy_len;
use crate::wallet::{Reading, ReadingKind};

/// Why a recovered secret of `len` bytes cannot be shown as a BIP-39 phrase: (what, hint),
/// or `None` when `len` is BIP-39 entropy (16 to 32 bytes in steps of 4). The length is known
/// from the shares alone, so a front end can say so before asking for a passphrase.
///
/// # Examples
///
/// ```
/// use seedshard::describe::reveal::not_bip39_entropy;
/// assert!(not_bip39_entropy(16).is_none());
/// let (what, _hint) = not_bip39_entropy(64).unwrap();
/// assert!(what.starts_with("the recovered secret is 512 bits long"));
/// ```
pub fn not_bip39_entropy(len: usize) -> Option<(String, &'static str)> {
    (!is_entropy_len(len)).then(|| entropy_length_error(len))
}

/// The (what, hint) of [`not_bip39_entropy`] for a secret of `len` bytes, for a front end
/// that already knows the length is not BIP-39 entropy (a [`crate::bip39::Bip39Error`] from
/// reading the secret as a phrase).
pub fn entropy_length_error(len: usize) -> (String, &'static str) {
    (
        format!(
            "the recovered secret is {} bits long, which is not BIP-39 entropy (128 to 256 bits in steps of 32)",
            len * 8
        ),
        "shares made in seed mode (59 words) hold the BIP-39 seed, not the phrase: use --to xprv for the wallet's root key",
    )
}

/// What cannot be shown as a BIP-39 phrase when the wallet expected is opened by `matched`.
pub const PHRASE_OF_SLIP39_READING: &str = "the expected wallet is opened by reading 1 (the SLIP-39 master secret), which no BIP-39 phrase can express: as a phrase, this secret opens a different wallet";

/// What to do instead (see [`PHRASE_OF_SLIP39_READING`]).
pub const PHRASE_OF_SLIP39_READING_HINT: &str = "use --to xprv for that wallet's root key (or --to hex for the master secret); a Trezor or other SLIP-39 wallet opens it from the shares themselves";

/// Why the recovered secret cannot be shown as a BIP-39 phrase when the wallet expected is
/// opened by the reading `matched`: (what, hint) when that is the SLIP-39 reading, which no
/// phrase can express (as a phrase, the secret opens a different wallet); `None` when the
/// phrase may be shown.
pub fn phrase_of_matched(matched: &Reading) -> Option<(&'static str, &'static str)> {
    (matched.kind() == ReadingKind::Slip39)
        .then_some((PHRASE_OF_SLIP39_READING, PHRASE_OF_SLIP39_READING_HINT))
}

/// The note beside a root key shown when no wallet was expected and the secret has two
/// readings (see [`xprv_reading_note`]).
pub const XPRV_OF_READING_ONE: &str = "The xprv printed is reading 1's; if these shares were made from a BIP-39 phrase in entropy mode, use --to bip39 (or --expect-fingerprint to pick reading 2).";

/// The note to show beside a root key, given how many readings the secret has and which one
/// opened the wallet expected (`None`: nothing was expected): [`XPRV_OF_READING_ONE`] when
/// nothing picked one of two readings, since the key shown is then reading 1's.
pub fn xprv_reading_note(readings: usize, matched: Option<usize>) -> Option<&'static str> {
    (matched.is_none() && readings > 1).then_some(XPRV_OF_READING_ONE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bip39::Bip39Passphrase;
    use crate::wallet::{readings, Network};
    use crate::MasterSecret;

    #[test]
    fn only_bip39_entropy_lengths_can_be_a_phrase() {
        for len in [16, 20, 24, 28, 32] {
            assert_eq!(not_bip39_entropy(len), None, "{len}");
        }
        for len in [17, 33, 64] {
            let (what, hint) = not_bip39_entropy(len).unwrap();
            assert!(what.contains(&format!("{} bits long", len * 8)), "{what}");
            assert!(hint.contains("--to xprv"));
        }
    }

    #[test]
    fn a_matched_slip39_reading_is_no_phrase() {
        let secret = MasterSecret::new(alloc::vec![3; 16]).unwrap();
        let all = readings(&secret, &Bip39Passphrase::empty(), Network::Bitcoin);
        assert_eq!(
            phrase_of_matched(&all[0]),
            Some((PHRASE_OF_SLIP39_READING, PHRASE_OF_SLIP39_READING_HINT))
        );
        assert_eq!(phrase_of_matched(&all[1]), None);
    }

    #[test]
    fn the_xprv_note_is_for_two_readings_and_no_match() {
        assert_eq!(xprv_reading_note(2, None), Some(XPRV_OF_READING_ONE));
        assert_eq!(xprv_reading_note(2, Some(0)), None);
        assert_eq!(xprv_reading_note(2, Some(1)), None);
        assert_eq!(xprv_reading_note(1, None), None);
    }
}
