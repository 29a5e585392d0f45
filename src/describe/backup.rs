//! Sentences of backup: notes and warnings of a split, the bridging modes, share labels.

use alloc::format;
use alloc::string::{String, ToString};
#[cfg(feature = "bitcoin")]
use alloc::vec::Vec;

use crate::slip39::share::Share;

/// Where a share sits in its set: which group and member, and how many of each are needed.
///
/// One label, said three ways: [`ShareLabel::comment`] over the words of a share file,
/// [`ShareLabel::card`] on a holder card, [`ShareLabel::short`] in a list of shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShareLabel {
    /// The set's identifier, for [`ShareLabel::short`].
    identifier: crate::slip39::share::Identifier,
    /// 0-based group index.
    group_index: u8,
    /// Groups in the set.
    group_count: u8,
    /// Groups needed.
    group_threshold: u8,
    /// 0-based member index.
    member_index: u8,
    /// Shares in the share's group (at least the member number).
    members: u16,
    /// Shares needed of the group.
    member_threshold: u8,
}

impl ShareLabel {
    /// The label of `share`, whose group has `members` shares (the group's size is not in the
    /// share itself; a smaller count than the share's member number is raised to it).
    pub fn new(share: &Share, members: usize) -> Self {
        let member = u16::from(share.member_index()) + 1;
        Self {
            identifier: share.identifier(),
            group_index: share.group_index(),
            group_count: share.group_count(),
            group_threshold: share.group_threshold(),
            member_index: share.member_index(),
            members: u16::try_from(members).unwrap_or(u16::MAX).max(member),
            member_threshold: share.member_threshold(),
        }
    }

    /// The comment over a share's words in a share file: "group 2 of 3, share 4 of 5; this
    /// group needs 3 of its 5 shares; 2 of the 3 groups are needed".
    pub fn comment(&self) -> String {
        let share = u16::from(self.member_index) + 1;
        let (members, t) = (self.members, self.member_threshold);
        let groups = self.group_count;
        if groups == 1 {
            return if members == 1 {
                format!("share {share} of 1; it alone is needed")
            } else {
                format!("share {share} of {members}; {t} of the {members} shares are needed")
            };
        }
        let groups_needed = if self.group_threshold == 1 {
            format!("any 1 of the {groups} groups is enough")
        } else {
            format!("{} of the {groups} groups are needed", self.group_threshold)
        };
        format!(
            "group {} of {groups}, share {share} of {members}; this group needs {}; {groups_needed}",
            u16::from(self.group_index) + 1,
            members_needed(t, members),
        )
    }

    /// The label of a holder card: "Group 2 of 3, share 4 of 5. This group needs 3 of its 5
    /// shares; 2 of the 3 groups are needed."
    pub fn card(&self) -> String {
        let m = u16::from(self.member_index) + 1;
        let (n, t) = (self.members, self.member_threshold);
        if self.group_count == 1 {
            if t == 1 {
                return format!("Share {m} of {n}. Any one share is enough.");
            }
            return format!("Share {m} of {n}. Any {t} of the {n} shares are needed.");
        }
        let g = u16::from(self.group_index) + 1;
        let (gc, gt) = (self.group_count, self.group_threshold);
        let group_part = if n == 1 {
            "Its one share completes this group".to_string()
        } else if t == 1 {
            format!("Any one of its {n} shares completes this group")
        } else {
            format!("This group needs {t} of its {n} shares")
        };
        let groups_part = if gt == 1 {
            format!("any one of the {gc} groups is enough")
        } else if gt == gc {
            format!("all {gc} groups are needed")
        } else {
            format!("{gt} of the {gc} groups are needed")
        };
        format!("Group {g} of {gc}, share {m} of {n}. {group_part}; {groups_part}.")
    }

    /// The short place of a share, for lists: "set ACID-BANK, group 2, member 3" (no group
    /// for a one-group set).
    pub fn short(&self) -> String {
        let group = if self.group_count > 1 {
            format!(", group {}", u16::from(self.group_index) + 1)
        } else {
            String::new()
        };
        format!(
            "set {}{group}, member {}",
            self.identifier.short_name(),
            u16::from(self.member_index) + 1
        )
    }
}

/// "the group needs 3 of its 5 shares": "3 of its 5 shares", or "its one share" for a group
/// of one.
pub fn members_needed(threshold: u8, members: u16) -> String {
    if members == 1 {
        "its one share".to_string()
    } else {
        format!("{threshold} of its {members} shares")
    }
}

/// The plain sentences printed with the shares of a backup: which wallet they open, and for
/// a BIP-39 backup in which mode, how to recover it, and (entropy mode) that the shares are
/// not for typing into a Trezor. The most safety-critical text of seedshard: a person who
/// misses it may type entropy-mode shares into a Trezor and find an empty wallet.
#[cfg(feature = "bitcoin")]
pub fn notes(backup: &crate::backup::Backup) -> Vec<String> {
    use crate::bip39::Bip39Mode;
    let slip39_wallet = backup.slip39_wallet();
    let (Some(mode), Some(words)) = (backup.bip39_mode(), backup.bip39_words()) else {
        return alloc::vec![format!(
            "These shares open wallet {} (first address {}) in a Trezor or other SLIP-39 wallet.",
            slip39_wallet.fingerprint(),
            slip39_wallet.receive_address(0)
        )];
    };
    let wallet = backup.wallet();
    let with_pass = if backup.has_bip39_passphrase() {
        " with its BIP-39 passphrase"
    } else {
        ""
    };
    let mut lines = Vec::new();
    match mode {
        Bip39Mode::Seed => {
            lines.push(format!(
                "BIP-39 backup, seed mode: the shares hold the 64-byte BIP-39 seed of a {words}-word phrase{with_pass}."
            ));
            lines.push(format!(
                "They protect wallet {} (first address {}). A Trezor or other SLIP-39 wallet that accepts 59-word shares opens this same wallet; `seedshard combine --to xprv` gives its root key.",
                wallet.fingerprint(),
                wallet.receive_address(0)
            ));
            lines.push(
                "The BIP-39 phrase itself cannot be recovered from these shares.".to_string(),
            );
        }
        Bip39Mode::Entropy => {
            lines.push(format!(
                "BIP-39 backup, entropy mode: the shares hold the entropy of a {words}-word BIP-39 phrase."
            ));
            lines.push(format!(
                "They protect wallet {} (first address {}), the wallet of that phrase{with_pass}. `seedshard combine --to bip39` gives back the exact phrase.",
                wallet.fingerprint(),
                wallet.receive_address(0)
            ));
            lines.push(format!(
                "These shares are NOT for typing into a Trezor or other SLIP-39 wallet: there they open wallet {}, a different, empty wallet.",
                slip39_wallet.fingerprint()
            ));
            if backup.has_bip39_passphrase() {
                lines.push(
                    "The BIP-39 passphrase is not in the shares: keep it separately.".to_string(),
                );
            }
        }
    }
    lines
}

/// The bridging mode to recommend for an existing BIP-39 phrase: entropy mode, since
/// recovery then gives back the very phrase the person already knows and trusts.
#[cfg(feature = "bip39")]
pub const RECOMMENDED_MODE: crate::bip39::Bip39Mode = crate::bip39::Bip39Mode::Entropy;

/// What each bridging mode means, for a person choosing one before the shares are made (the
/// notes of [`notes`] say the same of the shares once made).
#[cfg(feature = "bip39")]
pub fn mode_explanation(mode: crate::bip39::Bip39Mode) -> &'static str {
    match mode {
        crate::bip39::Bip39Mode::Entropy => "Entropy mode (recommended for an existing phrase): the shares hold the entropy of the BIP-39 phrase, and recovery gives back the exact phrase, which any BIP-39 wallet opens. These shares are NOT for typing into a Trezor or other SLIP-39 wallet: there they open a different, empty wallet.",
        crate::bip39::Bip39Mode::Seed => "Seed mode: the shares hold the 64-byte BIP-39 seed (59-word shares). A Trezor or other SLIP-39 wallet that accepts 59-word shares opens this same wallet. The BIP-39 phrase itself cannot be recovered from these shares.",
    }
}

/// The wallet a BIP-39 phrase opens: "This 12-word BIP-39 phrase opens wallet 73c5da0a"
/// ("with the BIP-39 passphrase given" when there is one).
#[cfg(feature = "bitcoin")]
pub fn phrase_sentence(
    words: usize,
    bip39_passphrase: bool,
    facts: &crate::wallet::WalletFacts,
) -> String {
    format!(
        "This {words}-word BIP-39 phrase{} opens wallet {}",
        if bip39_passphrase {
            " with the BIP-39 passphrase given"
        } else {
            ""
        },
        facts.fingerprint()
    )
}

/// A plain name for a reading kind: "as a SLIP-39 master secret", "as BIP-39 entropy".
#[cfg(feature = "bitcoin")]
pub fn reading_title(kind: crate::wallet::ReadingKind) -> &'static str {
    match kind {
        crate::wallet::ReadingKind::Slip39 => "as a SLIP-39 master secret",
        crate::wallet::ReadingKind::Bip39Entropy => "as BIP-39 entropy",
    }
}

/// The facts of a wallet, one a line, labels aligned: the fingerprint and first address, or
/// with `full` the network, account keys, first addresses and taproot address too.
#[cfg(feature = "bitcoin")]
pub fn fact_lines(f: &crate::wallet::WalletFacts, full: bool) -> Vec<String> {
    let mut lines = alloc::vec![format!("fingerprint:     {}", f.fingerprint())];
    if full {
        lines.push(format!("network:         {}", f.network()));
        lines.push(format!(
            "account:         {} (BIP-84, native segwit)",
            f.account_path()
        ));
        lines.push(format!("xpub:            {}", f.account_xpub()));
        lines.push(format!("zpub:            {}", f.account_zpub()));
        let shown = crate::report::backup::SHOWN_ADDRESSES;
        for (i, a) in f.receive_addresses(shown).iter().enumerate() {
            lines.push(format!("address {i}:       {a}"));
        }
        lines.push(format!(
            "taproot address: {} (BIP-86, {}/0/0)",
            f.taproot_address(0),
            f.taproot_account_path()
        ));
    } else {
        lines.push(format!("first address:   {}", f.receive_address(0)));
    }
    lines
}

/// Why two readings of one secret are shown (the shares of a set do not say whether the
/// secret is a SLIP-39 master secret or BIP-39 entropy).
pub const BOTH_READINGS: &str =
    "The shares do not record how their secret is meant to be read, so here are both readings";

/// The readings of a secret for people: when there are two, a line saying why; then for
/// each a title, its sentence and its facts (indented by two spaces; `full` as in
/// [`fact_lines`]).
#[cfg(feature = "bitcoin")]
pub fn readings_lines(readings: &[crate::wallet::Reading], full: bool) -> Vec<String> {
    let mut lines = Vec::new();
    if readings.len() > 1 {
        lines.push(format!("{BOTH_READINGS}:"));
    }
    for (i, r) in readings.iter().enumerate() {
        lines.push(format!("Reading {}, {}:", i + 1, reading_title(r.kind())));
        lines.push(format!("  {}.", r.sentence()));
        lines.extend(
            fact_lines(r.facts(), full)
                .into_iter()
                .map(|l| format!("  {l}")),
        );
    }
    lines
}

/// What to say when no reading opens the expected wallet: "neither reading opens the
/// wallet with the expected fingerprint 73c5da0a".
#[cfg(feature = "bitcoin")]
pub fn no_match(readings: &[crate::wallet::Reading], want: &crate::wallet::Expectation) -> String {
    use crate::wallet::Expectation;
    let what = match want {
        Expectation::Fingerprint(fp) => format!("the expected fingerprint {fp}"),
        Expectation::Address(a) => format!("the expected address {a}"),
    };
    let none = if readings.len() > 1 {
        "neither reading opens"
    } else {
        "this does not open"
    };
    format!("{none} the wallet with {what}")
}

/// One line saying which reading matched: "Match: reading 2 (as BIP-39 entropy) opens the
/// expected wallet 73c5da0a."
#[cfg(feature = "bitcoin")]
pub fn matched_line(readings: &[crate::wallet::Reading], index: usize) -> String {
    format!(
        "Match: reading {} ({}) opens the expected wallet {}.",
        index + 1,
        reading_title(readings[index].kind()),
        readings[index].facts().fingerprint()
    )
}

/// What to do when no reading of a secret opens the expected wallet.
pub const NO_MATCH_HINT: &str = "a wrong SLIP-39 or BIP-39 passphrase opens a different wallet: \
                                 check both, the --network, and that the shares come from the \
                                 right set";

/// A BIP-39 phrase that does not open the expected wallet: what is wrong, and what to do.
#[cfg(feature = "bitcoin")]
pub fn phrase_mismatch(facts: &crate::wallet::WalletFacts) -> (String, String) {
    (
        format!(
            "the phrase opens wallet {}, not the expected one",
            facts.fingerprint()
        ),
        "a BIP-39 passphrase changes the wallet: check it, the --network, and the phrase"
            .to_string(),
    )
}

/// For a front end without a network choice: what to do when a BIP-39 phrase does not open
/// the expected wallet (after the first part of [`phrase_mismatch`]).
pub const PHRASE_MISMATCH_ON_SCREEN: &str =
    "a BIP-39 passphrase changes the wallet; check it and the phrase";

/// One line saying a BIP-39 phrase opens the expected wallet.
#[cfg(feature = "bitcoin")]
pub fn phrase_matched_line(facts: &crate::wallet::WalletFacts) -> String {
    format!(
        "Match: the phrase opens the expected wallet {}.",
        facts.fingerprint()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Passphrase, SplitPlan};

    fn set(plan: SplitPlan) -> crate::ShareSet {
        let secret = crate::MasterSecret::from_slice(&[7; 16]).unwrap();
        plan.split_with(&secret, &Passphrase::empty(), &mut crate::os_rng())
            .unwrap()
    }

    #[cfg(feature = "bitcoin")]
    #[test]
    fn the_mode_explanations_warn_as_the_notes_do_and_entropy_is_recommended() {
        use crate::bip39::{Bip39Mode, Bip39Phrase};
        assert_eq!(RECOMMENDED_MODE, Bip39Mode::Entropy);
        let phrase = Bip39Phrase::parse(
            "legal winner thank year wave sausage worth useful legal winner thank yellow",
        )
        .unwrap();
        for mode in [Bip39Mode::Entropy, Bip39Mode::Seed] {
            let backup = crate::backup::BackupRequest::new(
                crate::backup::SecretSource::Bip39 {
                    phrase: phrase.clone(),
                    mode,
                },
                SplitPlan::single(1, 1).unwrap(),
            )
            .run()
            .unwrap();
            let notes = notes(&backup).join(" ");
            let explanation = mode_explanation(mode);
            // What is said before the choice is what the notes say after it.
            for warning in [
                "NOT for typing into a Trezor or other SLIP-39 wallet",
                "The BIP-39 phrase itself cannot be recovered from these shares.",
            ] {
                assert_eq!(
                    explanation.contains(warning),
                    notes.contains(warning),
                    "{mode:?}: {warning}"
                );
            }
            assert_eq!(
                explanation.contains("recommended"),
                mode == RECOMMENDED_MODE
            );
        }
    }

    #[test]
    fn labels_say_one_share_and_one_group_in_the_singular() {
        let two = set(SplitPlan::new(
            2,
            alloc::vec!["1of1".parse().unwrap(), "2of2".parse().unwrap()],
        )
        .unwrap());
        assert_eq!(
            ShareLabel::new(&two.groups()[0][0], 1).comment(),
            "group 1 of 2, share 1 of 1; this group needs its one share; 2 of the 2 groups are needed"
        );
        let any = set(SplitPlan::new(
            1,
            alloc::vec![
                "1of1".parse().unwrap(),
                "3of5".parse().unwrap(),
                "1of1".parse().unwrap()
            ],
        )
        .unwrap());
        let second = ShareLabel::new(&any.groups()[1][2], 5);
        assert_eq!(
            second.comment(),
            "group 2 of 3, share 3 of 5; this group needs 3 of its 5 shares; any 1 of the 3 groups is enough"
        );
        assert_eq!(
            second.card(),
            "Group 2 of 3, share 3 of 5. This group needs 3 of its 5 shares; any one of the 3 groups is enough."
        );
        assert!(second.short().ends_with(", group 2, member 3"));
        let one = set(SplitPlan::single(1, 1).unwrap());
        let label = ShareLabel::new(&one.groups()[0][0], 1);
        assert_eq!(label.comment(), "share 1 of 1; it alone is needed");
        assert_eq!(label.card(), "Share 1 of 1. Any one share is enough.");
        assert!(label.short().ends_with(", member 1") && !label.short().contains("group"));
        let three = set(SplitPlan::single(2, 3).unwrap());
        assert_eq!(
            ShareLabel::new(&three.groups()[0][1], 3).comment(),
            "share 2 of 3; 2 of the 3 shares are needed"
        );
    }

    #[cfg(feature = "bitcoin")]
    #[test]
    fn a_phrase_is_matched_by_its_fingerprint() {
        let phrase = crate::bip39::Bip39Phrase::parse(
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
        )
        .unwrap();
        let facts = crate::wallet::WalletFacts::from_bip39(
            &phrase,
            &crate::bip39::Bip39Passphrase::empty(),
            crate::wallet::Network::Bitcoin,
        );
        assert_eq!(
            phrase_matched_line(&facts),
            "Match: the phrase opens the expected wallet 73c5da0a."
        );
        let (what, hint) = phrase_mismatch(&facts);
        assert_eq!(
            what,
            "the phrase opens wallet 73c5da0a, not the expected one"
        );
        assert!(hint.starts_with("a BIP-39 passphrase changes the wallet"));
    }
}
