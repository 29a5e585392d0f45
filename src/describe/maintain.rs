//! Sentences of keeping a set: a share made again for a lost card or a new holder
//! ([`Recovery::reissue_in`](crate::Recovery::reissue_in)) and a brand-new set made from the
//! shares of an extendable one ([`Recovery::extend`](crate::Recovery::extend)).
//!
//! Both work from shares without the master secret; nothing here names a share's words.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;

use crate::rollcall::RollCallCode;
use crate::slip39::recovery::{ExtendError, ReissueError};
use crate::{Identifier, RecoveryError, Share};

use super::recovery::where_in_set;

/// What to do when a share given for reissue or extend cannot be read.
pub const UNREADABLE_SHARE_HINT: &str = "compare the words with the card (write ? for a word you cannot read), or run `seedshard check` on the file";

/// What went wrong in a reissue, and what to do: `member_number` is the member asked for,
/// 1-based as on the cards; `source_of` names the share given at an entry of the pile.
pub fn reissue_error(
    e: &ReissueError,
    member_number: u8,
    source_of: impl Fn(usize) -> String,
) -> (String, String) {
    let (what, hint) = match e {
        ReissueError::AlreadyGiven { entry } => (
            format!(
                "the share from {} is member {member_number}'s share already",
                source_of(*entry)
            ),
            "that card is among the shares given: copy it instead",
        ),
        ReissueError::NoShares => (
            "the input holds no shares".to_string(),
            "give shares of the group, one a line",
        ),
        ReissueError::SeveralGroups => (
            e.to_string(),
            "say which group the new share is for with --group-index N",
        ),
        ReissueError::NotEnoughShares { .. } => (
            e.to_string(),
            "give at least the group's threshold of its shares",
        ),
        ReissueError::SingleCardGroup => {
            (e.to_string(), "make a copy of that group's card instead")
        }
        ReissueError::GroupUnresolved => (
            e.to_string(),
            "run `seedshard check` on the shares to find the wrong one",
        ),
        _ => (
            e.to_string(),
            "check the group and member numbers against the cards",
        ),
    };
    (what, hint.to_string())
}

/// What is said once a share is made again: where it belongs, its roll-call code, and the
/// warning that a lost card it replaces still counts.
pub fn reissued_lines(share: &Share) -> Vec<String> {
    vec![
        format!(
            "new share: {} (made from the other shares of the group)",
            where_in_set(share)
        ),
        format!(
            "roll-call code of the new share: {} (the same as the lost card's; keep it with your codes)",
            RollCallCode::of(share)
        ),
        "warning: if this replaces a lost card, the lost card still counts: whoever finds it holds this same share. If that is a risk, make a new set with `seedshard extend` and destroy every old card.".to_string(),
    ]
}

/// True when the extend error is a check that found a problem (worked-out words nothing
/// confirms) rather than input that cannot work.
pub fn extend_error_is_finding(e: &ExtendError) -> bool {
    matches!(e, ExtendError::Recovery(RecoveryError::Unconfirmed(_)))
}

/// What went wrong in an extend, and what to do; `source_of` names the share given at an
/// entry of the pile.
pub fn extend_error(e: &ExtendError, source_of: impl Fn(usize) -> String) -> (String, String) {
    match e {
        ExtendError::NotExtendable => (
            e.to_string(),
            "without the flag the identifier is part of the encryption; instead recover the \
             secret with `seedshard combine` and split it again with `seedshard split \
             --secret-file` (same wallet; this needs the passphrase and shows the secret)"
                .to_string(),
        ),
        ExtendError::Recovery(RecoveryError::Unconfirmed(list)) => (
            format!(
                "no new set was made: {}; if a worked-out word is wrong the new set would restore a different wallet",
                list.iter()
                    .map(|u| format!("{}: {u}", source_of(u.entry)))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            "confirm the words first: run `seedshard combine --expect-fingerprint` (or `--expect-address`) on the file, or type the share at a terminal with `seedshard combine` and compare each worked-out word with the card; then write the confirmed words into the file, or add another card of the set".to_string(),
        ),
        ExtendError::Recovery(r) => (
            r.to_string(),
            "give enough shares of the old set to recover it; `seedshard check` shows what is missing".to_string(),
        ),
    }
}

/// What is said once a set is extended: the new set, and that the old cards still work.
pub fn extended_lines(new: Identifier, old: Identifier) -> Vec<String> {
    vec![
        format!(
            "new set {} (identifier {new}) restores the same wallet as set {} with the same passphrase",
            new.short_name(),
            old.short_name()
        ),
        "the old cards still work: destroy them if the new set is to replace them".to_string(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{GroupSpec, MasterSecret, Passphrase, Recovery, SplitPlan};

    fn two_groups() -> Vec<Share> {
        let group = || GroupSpec::new(2, 3).unwrap();
        let plan = SplitPlan::new(1, vec![group(), group()]).unwrap();
        plan.split(
            &MasterSecret::new(vec![7; 16]).unwrap(),
            &Passphrase::empty(),
        )
        .unwrap()
        .shares()
        .cloned()
        .collect()
    }

    #[test]
    fn a_reissue_without_a_group_takes_the_only_one_and_refuses_several() {
        let shares = two_groups();
        let mut rec = Recovery::new();
        // Members 1 and 2 of the second group.
        rec.add(shares[3].clone(), "a");
        rec.add(shares[4].clone(), "b");
        let made = rec.reissue_in(None, 2).unwrap();
        assert_eq!(made, shares[5]);
        rec.add(shares[0].clone(), "c");
        let e = rec.reissue_in(None, 2).unwrap_err();
        assert_eq!(e, ReissueError::SeveralGroups);
        assert_eq!(rec.reissue_in(Some(1), 2).unwrap(), shares[5]);
        let (what, hint) = reissue_error(&e, 3, |_| String::new());
        assert_eq!(what, "the shares come from several groups");
        assert!(hint.contains("--group-index"), "{hint}");
        let e = Recovery::new().reissue_in(None, 0).unwrap_err();
        assert_eq!(
            reissue_error(&e, 1, |_| String::new()).0,
            "the input holds no shares"
        );
    }

    #[test]
    fn a_share_given_already_is_named_by_its_source_and_the_member_asked_for() {
        let shares = two_groups();
        let mut rec = Recovery::new();
        rec.add(shares[0].clone(), "cards.txt line 1");
        rec.add(shares[1].clone(), "cards.txt line 2");
        let e = rec.reissue_in(None, 1).unwrap_err();
        let (what, hint) = reissue_error(&e, 2, |i| rec.entries()[i].source().to_string());
        assert_eq!(
            what,
            "the share from cards.txt line 2 is member 2's share already"
        );
        assert!(hint.contains("copy it"), "{hint}");
    }

    #[test]
    fn the_lines_after_a_reissue_give_the_place_code_and_warning() {
        let shares = two_groups();
        let lines = reissued_lines(&shares[5]);
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("new share: "), "{}", lines[0]);
        assert!(lines[0].contains(&where_in_set(&shares[5])), "{}", lines[0]);
        assert!(
            lines[1].contains(&RollCallCode::of(&shares[5]).to_string()),
            "{}",
            lines[1]
        );
        assert!(lines[2].starts_with("warning: "), "{}", lines[2]);
    }
}
