//! Sentences about text a person gave that is not what was asked for: a share line that is
//! not a share (or is a BIP-39 phrase), a BIP-39 phrase that does not parse, a master secret
//! in hex, an expected wallet. Each returns `(what, hint)`, or the hint alone.
//!
//! As in [`super::recovery`], a function that could name a word takes `show_words`: a front
//! end passes `true` only when the text goes to a screen the person reads.

use alloc::format;
use alloc::string::{String, ToString};

use crate::hex::HexError;
use crate::slip39::recovery::{LimitError, TextError};
use crate::ParseShareError;

/// Input that holds no share at all (only comments and blank lines, or nothing): what and
/// hint.
pub const NO_SHARES: (&str, &str) = (
    "the input holds no shares",
    "put one share a line; lines starting with # are comments",
);

/// What to do about share text `label` (`share 3 (shares.txt line 4)`) that does not parse:
/// a BIP-39 phrase is named as such (with feature `bip39`), anything else by what is wrong.
pub fn share_parse_error(
    label: &str,
    typed: &str,
    e: &ParseShareError,
    show_words: bool,
) -> (String, String) {
    #[cfg(feature = "bip39")]
    if let Some(said) = bip39_given_as_share(label, typed) {
        return said;
    }
    #[cfg(not(feature = "bip39"))]
    let _ = typed;
    (
        format!("{label}: {e}"),
        super::recovery::parse_hint(e, show_words),
    )
}

/// When share text `typed` is a BIP-39 phrase (English or another language), not a SLIP-39
/// share: what to say, with the commands for a phrase.
#[cfg(feature = "bip39")]
#[cfg_attr(docsrs, doc(cfg(feature = "bip39")))]
pub fn bip39_given_as_share(label: &str, typed: &str) -> Option<(String, String)> {
    use crate::bip39::{classify, MnemonicKind};
    match classify(typed) {
        kind @ (MnemonicKind::Bip39 { .. } | MnemonicKind::Bip39OtherLanguage { .. }) => Some((
            format!("{label} looks like {}, not a SLIP-39 share", kind.describe()),
            "to back up a BIP-39 phrase use `seedshard split --bip39-file FILE --bip39-mode entropy`; \
             to see its wallet use `seedshard verify --bip39-file FILE`"
                .to_string(),
        )),
        _ => None,
    }
}

/// A pile past a limit of one recovery ([`LimitError`], its labels shown as they are):
/// what is wrong, and what to do.
pub fn limit_error<L: core::fmt::Display>(e: &LimitError<L>) -> (String, String) {
    match e {
        LimitError::TooManyShares { at } => (
            format!("{at}: {e}"),
            "give the cards of the set to recover, one share a line".to_string(),
        ),
        LimitError::TooManySets { first, second, at } => (
            format!(
                "{e}: {} is of set {}, {} is of set {}, and so on up to {at}",
                first.0,
                first.1.short_name(),
                second.0,
                second.1.short_name()
            ),
            "give the cards of one set (its shares all begin with the same two words); \
             `seedshard check` sorts a smaller pile by set"
                .to_string(),
        ),
    }
}

/// What to do about share text that could not be read as a share when recovering.
pub fn share_text_hint(e: &TextError) -> &'static str {
    match e {
        TextError::LengthDiffers { .. }
        | TextError::Parse(
            ParseShareError::TooShort { .. }
            | ParseShareError::InvalidLength { .. }
            | ParseShareError::TooLong { .. },
        ) => "a share has 20 words (128-bit secret), 33 (256-bit) or 59 (512-bit): check for a missing or extra word, or a share broken across two lines; `seedshard check` on the file shows every problem",
        TextError::NotAShare { .. } => "a share is 20, 33 or 59 words of the SLIP-39 word list, as printed on a share card: \
             take this line out of the file (or start it with # to keep it as a note), or check it was copied from the right card",
        _ => "compare the words with the card, write ? for each word you cannot read, \
              and run `seedshard check` on the file to see every problem",
    }
}

/// Why the master secret in `name` is not hex, and what to do.
pub fn hex_secret_error(name: &str, e: &HexError) -> (String, String) {
    let hint = match e {
        HexError::NotHex { .. } => {
            "write the secret as hexadecimal digits 0-9 and a-f, e.g. 32 digits for 128 bits"
        }
        HexError::OddLength { .. } => {
            "each byte is two hex digits; check for a missing or extra digit"
        }
        _ => "write the secret as hexadecimal, e.g. 32 digits for 128 bits",
    };
    let what = match e {
        HexError::Empty => format!("{name} holds no secret"),
        _ => format!("{name}: {e}"),
    };
    (what, hint.to_string())
}

/// What to do about a master secret of a length SLIP-39 does not take.
pub const SECRET_LENGTH_HINT: &str =
    "use a secret of 128 to 512 bits (32 to 128 hex digits, an even number of bytes)";

/// What to do about a BIP-39 phrase that does not parse; the closest words in the list are
/// named for a mistyped word when `show_words`.
#[cfg(feature = "bip39")]
#[cfg_attr(docsrs, doc(cfg(feature = "bip39")))]
pub fn phrase_hint(e: &crate::bip39::ParseBip39Error, show_words: bool) -> String {
    use crate::bip39::ParseBip39Error;
    match e {
        ParseBip39Error::Empty => {
            "write the 12 to 24 words of the BIP-39 phrase, separated by spaces".to_string()
        }
        ParseBip39Error::WordCount { .. } => {
            "check for a missing or extra word; a BIP-39 phrase has 12, 15, 18, 21 or 24 words".to_string()
        }
        ParseBip39Error::UnknownWord {
            position,
            suggestions,
        } => {
            let closest = if show_words && !suggestions.is_empty() {
                format!(" (closest words in the list: {})", suggestions.join(", "))
            } else {
                String::new()
            };
            format!(
                "compare word {position} with your backup{closest}; each word may be written whole or by its first 4 letters"
            )
        }
        ParseBip39Error::Checksum => {
            "compare every word and their order with your backup; the last word carries the checksum".to_string()
        }
        ParseBip39Error::NotEnglish { .. } => {
            "seedshard backs up English phrases only; the same entropy in English words would be a different wallet, so do not translate the phrase".to_string()
        }
        ParseBip39Error::LooksLikeSlip39Share { .. } => {
            "to recover a secret from SLIP-39 shares use `seedshard combine FILE`; to see which wallet they open use `seedshard verify FILE`".to_string()
        }
        ParseBip39Error::ColonAmongWords { .. } => {
            "give the words of the phrase alone; a label may come first with at most 2 list words (`Recovery phrase:`); put any other note after a # (`# Seed word list`)".to_string()
        }
        ParseBip39Error::HeadingOrWords { .. } => {
            "put a # before a heading (`# Main seed phrase`); if the words are the phrase's, write them with the others or number every word".to_string()
        }
        ParseBip39Error::Numbering => {
            "number every word as on the backup (1. to 12. or 24.), or leave every number out".to_string()
        }
    }
}

/// Why an expected wallet (`--expect-fingerprint` or `--expect-address`, as given) cannot
/// be used, and what to do.
#[cfg(feature = "bitcoin")]
#[cfg_attr(docsrs, doc(cfg(feature = "bitcoin")))]
pub fn expectation_error(
    fingerprint: Option<&str>,
    address: Option<&str>,
    network: crate::wallet::Network,
    e: &crate::wallet::ExpectError,
) -> (String, String) {
    use crate::wallet::{AddressError, ExpectError};
    match e {
        ExpectError::Fingerprint(_) => (
            format!("--expect-fingerprint {}: {e}", fingerprint.unwrap_or_default()),
            "give the master fingerprint as your wallet shows it, 8 hex digits such as 73c5da0a".to_string(),
        ),
        ExpectError::NotBech32 => (
            format!("--expect-address {}: {e}", address.unwrap_or_default()),
            "give a bc1q... or bc1p... address of the wallet (tb1/bcrt1 on test networks), or use --expect-fingerprint".to_string(),
        ),
        ExpectError::Address(a) => {
            let hint = match a {
                AddressError::OtherNetwork => format!(
                    "--network is {}: give an address of that network (bc1 on bitcoin, tb1 on testnet and signet, bcrt1 on regtest), or the --network the address belongs to",
                    network.as_str()
                ),
                AddressError::Unsupported => "give a bc1q... or bc1p... address of the wallet, or use --expect-fingerprint".to_string(),
                _ => "copy the address again from the wallet or a past transaction, character by character".to_string(),
            };
            (
                format!("--expect-address {}: {a}", address.unwrap_or_default().trim()),
                hint,
            )
        }
    }
}

/// What to do about cards that cannot be drawn.
#[cfg(feature = "card")]
#[cfg_attr(docsrs, doc(cfg(feature = "card")))]
pub fn card_error_hint(e: &crate::card::CardError) -> &'static str {
    use crate::card::{CardError, CardText};
    match e {
        CardError::TooManyHolders { .. } => "give at most one --holder per share, in share order",
        CardError::BadLabel { which } => match which {
            CardText::Holder(_) => "shorten the holder name to at most 40 characters",
            CardText::Date => "shorten the date to at most 40 characters",
            CardText::CardNote => "shorten the card note to at most 80 characters",
            CardText::SheetNote => "shorten the sheet note to at most 80 characters",
        },
        CardError::UnprintableCharacter { .. } => {
            "the card fonts print Latin letters (with accents), digits and punctuation: write that character another way"
        }
        _ => "give all the shares of one set, each once",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "card")]
    #[test]
    fn a_text_too_long_for_the_cards_is_named_with_its_own_limit() {
        use crate::card::{CardError, CardText};
        for which in [
            CardText::Holder(3),
            CardText::Date,
            CardText::CardNote,
            CardText::SheetNote,
        ] {
            let e = CardError::BadLabel { which };
            let limit = format!("at most {} characters", which.max_chars());
            assert!(
                e.to_string().starts_with(&format!("{which} is too long")),
                "{e}"
            );
            assert!(e.to_string().contains(&limit), "{e}");
            assert!(card_error_hint(&e).contains(&limit), "{which}");
        }
        assert_eq!(CardText::Holder(3).to_string(), "holder 3");
        let unprintable = |which| CardError::UnprintableCharacter {
            which,
            position: 2,
            character: '\u{7}',
        };
        assert_eq!(
            unprintable(CardText::SheetNote).to_string(),
            "sheet note, character 2 (U+0007) cannot be printed on the owner sheet"
        );
        assert_eq!(
            unprintable(CardText::CardNote).to_string(),
            "card note, character 2 (U+0007) cannot be printed on a card"
        );
    }

    #[test]
    fn a_share_that_does_not_parse_is_named_by_its_label() {
        let e = ParseShareError::Empty;
        let (what, _) = share_parse_error("share 2 (a.txt line 3)", "", &e, false);
        assert_eq!(what, format!("share 2 (a.txt line 3): {e}"));
    }

    #[cfg(feature = "bip39")]
    #[test]
    fn a_bip39_phrase_among_shares_is_named_as_such() {
        let phrase = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
        let (what, hint) = share_parse_error(
            "share 1 (p.txt line 1)",
            phrase,
            &ParseShareError::Empty,
            false,
        );
        assert!(
            what.starts_with("share 1 (p.txt line 1) looks like ")
                && what.ends_with(", not a SLIP-39 share"),
            "{what}"
        );
        assert!(hint.contains("seedshard split --bip39-file FILE"));
        assert!(bip39_given_as_share("x", "not a phrase at all").is_none());
    }

    #[cfg(feature = "bip39")]
    #[test]
    fn closest_words_only_when_shown() {
        let e = crate::bip39::ParseBip39Error::UnknownWord {
            position: 3,
            suggestions: alloc::vec!["abandon", "ability"],
        };
        assert!(phrase_hint(&e, true).contains("(closest words in the list: abandon, ability)"));
        assert!(!phrase_hint(&e, false).contains("abandon"));
        assert!(phrase_hint(&e, false).starts_with("compare word 3 with your backup;"));
    }

    #[test]
    fn hex_errors_say_what_to_write() {
        let (what, hint) = hex_secret_error("s.hex", &HexError::Empty);
        assert_eq!(what, "s.hex holds no secret");
        assert!(hint.contains("hexadecimal"));
        let (what, hint) = hex_secret_error("s.hex", &HexError::OddLength { digits: 31 });
        assert!(what.starts_with("s.hex: "));
        assert!(hint.starts_with("each byte is two hex digits"));
    }

    #[test]
    fn text_hints_tell_lengths_apart() {
        let hint = share_text_hint(&TextError::Parse(ParseShareError::Empty));
        assert!(hint.starts_with("compare the words with the card"));
    }
}
