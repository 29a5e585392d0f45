//! Reports of recovery: checking a pile of shares ([`CheckReport`]), combining it
//! ([`CombineReport`]) and the public fields of one share ([`InspectReport`]). Positions and public fields only, never share words; the combine
//! report holds the recovered secret, in zeroizing strings, for the person who asked for it.

use alloc::string::String;
use alloc::vec::Vec;

use zeroize::Zeroizing;

use super::SCHEMA_VERSION;
use crate::describe::recovery as describe;
use crate::slip39::recovery::{Analysis, Pile, RepairNote, ShareStatus};

/// The name of a share status in reports: `fits`, `waiting`, `disagrees`,
/// `group_disagrees`, `unresolved`, `duplicate`, `other_set`.
pub fn status_name(status: ShareStatus) -> &'static str {
    match status {
        ShareStatus::Fits => "fits",
        ShareStatus::Waiting => "waiting",
        ShareStatus::Disagrees => "disagrees",
        ShareStatus::GroupDisagrees => "group_disagrees",
        ShareStatus::Unresolved => "unresolved",
        ShareStatus::Duplicate { .. } => "duplicate",
        ShareStatus::OtherSet => "other_set",
    }
}

/// One item of a pile in a [`CheckReport`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub struct ShareReport {
    /// 1-based place in the input.
    pub number: usize,
    /// Where it came from ("a.txt line 3").
    pub source: String,
    /// A [`status_name`], or `unusable` for text that is not a share.
    pub status: &'static str,
    /// The set's short name.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub set: Option<String>,
    /// The set's identifier.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub identifier: Option<u16>,
    /// 1-based group.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub group: Option<u16>,
    /// 1-based member.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub member: Option<u16>,
    /// The number of the share a duplicate repeats.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub duplicate_of: Option<usize>,
    /// Words worked out or corrected.
    pub repaired: Vec<RepairReport>,
    /// What is wrong with text that is not a share (positions only).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub error: Option<String>,
}

/// A word worked out or corrected: its position as typed (as the text output gives it) and
/// how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub struct RepairReport {
    /// 1-based position.
    pub position: usize,
    /// `unreadable` (written `?`), `not_a_slip39_word`, `wrong`, `missing`, `extra` or
    /// `from_other_shares`: the words of the text output ("word 7 is not a SLIP-39 word").
    pub kind: &'static str,
}

/// One group's progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub struct GroupReport {
    /// 1-based group.
    pub group: u16,
    /// Distinct shares given.
    pub have: u8,
    /// Shares needed.
    pub need: u8,
}

/// The set being recovered.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub struct SetReport {
    /// Its short name.
    pub set: String,
    /// Its identifier.
    pub identifier: u16,
    /// Groups needed.
    pub group_threshold: u8,
    /// Groups in the set.
    pub group_count: u8,
    /// Groups complete.
    pub complete_groups: u8,
    /// Each group with shares.
    pub groups: Vec<GroupReport>,
}

/// Shares of another set, set aside.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub struct OtherSetReport {
    /// Its short name.
    pub set: String,
    /// The numbers of its shares.
    pub shares: Vec<usize>,
}

/// Worked-out words of a share used that nothing confirms.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub struct UnconfirmedReport {
    /// The share's number.
    pub share: usize,
    /// 1-based positions.
    pub positions: Vec<usize>,
    /// Working them out used up the whole checksum.
    pub checksum_spent: bool,
}

/// What `check` found in a pile of shares (`seedshard check --json`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub struct CheckReport {
    /// [`SCHEMA_VERSION`].
    pub schema: u32,
    /// Every item, in input order.
    pub shares: Vec<ShareReport>,
    /// The set being recovered.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub set: Option<SetReport>,
    /// Shares set aside by set.
    pub other_sets: Vec<OtherSetReport>,
    /// Whether the set recovers.
    pub recovers: bool,
    /// Worked-out words in the shares used that nothing confirms (no digest).
    pub unconfirmed: Vec<UnconfirmedReport>,
    /// Shares needing attention.
    pub problems: usize,
}

fn repairs(note: Option<&RepairNote>) -> Vec<RepairReport> {
    let Some(n) = note else {
        return Vec::new();
    };
    let mut out: Vec<RepairReport> = n
        .from_other_shares
        .iter()
        .map(|&position| RepairReport {
            position,
            kind: "from_other_shares",
        })
        .collect();
    out.extend(n.extra_word.map(|position| RepairReport {
        position,
        kind: "extra",
    }));
    out.extend(n.fixes.iter().map(|f| {
        if n.missing_word == Some(f.position) {
            // Put back before this word as typed.
            return RepairReport {
                position: f.position,
                kind: "missing",
            };
        }
        // Positions as typed, as the text says them: after a word taken out, one more.
        let position = match n.extra_word {
            Some(x) if f.position >= x => f.position + 1,
            _ => f.position,
        };
        RepairReport {
            position,
            // The same words as the text: "word 7 is not a SLIP-39 word", "was unreadable",
            // "is wrong".
            kind: if !f.was_unreadable {
                "wrong"
            } else if n.unknown_words.contains(&position) {
                "not_a_slip39_word"
            } else {
                "unreadable"
            },
        }
    }));
    out
}

impl CheckReport {
    /// The report of `pile`, analysed as `a`.
    pub fn of(pile: &Pile, a: &Analysis) -> Self {
        let entries = pile.recovery().entries();
        let shares = pile
            .items()
            .iter()
            .enumerate()
            .map(|(n, item)| match item.read() {
                Err(e) => ShareReport {
                    number: n + 1,
                    source: String::from(item.source()),
                    status: "unusable",
                    set: None,
                    identifier: None,
                    group: None,
                    member: None,
                    duplicate_of: None,
                    repaired: Vec::new(),
                    error: describe::text_error_lines(item.typed().unwrap_or_default(), e, false)
                        .into_iter()
                        .next(),
                },
                Ok(entry) => {
                    let e = &entries[entry];
                    let share = e.share();
                    let status = a.status[entry];
                    ShareReport {
                        number: n + 1,
                        source: String::from(e.source()),
                        status: status_name(status),
                        set: Some(share.identifier().short_name()),
                        identifier: Some(share.identifier().get()),
                        group: Some(u16::from(share.group_index()) + 1),
                        member: Some(u16::from(share.member_index()) + 1),
                        duplicate_of: match status {
                            ShareStatus::Duplicate { of } => Some(pile.number_of(of)),
                            _ => None,
                        },
                        repaired: repairs(e.note()),
                        error: None,
                    }
                }
            })
            .collect();
        Self {
            schema: SCHEMA_VERSION,
            shares,
            set: a.progress.as_ref().map(|p| SetReport {
                set: p.identifier.short_name(),
                identifier: p.identifier.get(),
                group_threshold: p.group_threshold,
                group_count: p.group_count,
                complete_groups: p.complete_groups,
                groups: p
                    .groups
                    .iter()
                    .map(|g| GroupReport {
                        group: u16::from(g.group_index) + 1,
                        have: g.have,
                        need: g.need,
                    })
                    .collect(),
            }),
            other_sets: a
                .other_sets
                .iter()
                .map(|o| OtherSetReport {
                    set: o.name.clone(),
                    shares: o.entries.iter().map(|&e| pile.number_of(e)).collect(),
                })
                .collect(),
            recovers: describe::check_result(pile, a).1,
            unconfirmed: a
                .unconfirmed
                .iter()
                .map(|u| UnconfirmedReport {
                    share: pile.number_of(u.entry),
                    positions: u.positions.clone(),
                    checksum_spent: u.checksum_spent,
                })
                .collect(),
            problems: describe::problems(pile, a),
        }
    }
}

/// The public fields of one share (`seedshard inspect --json`): nothing secret, no other
/// share needed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub struct InspectReport {
    /// [`SCHEMA_VERSION`].
    pub schema: u32,
    /// Where the share came from ("share.txt line 3").
    pub source: String,
    /// The set's short name.
    pub set: String,
    /// The set's identifier.
    pub identifier: u16,
    /// The extendable flag.
    pub extendable: bool,
    /// The iteration exponent.
    pub iteration_exponent: u8,
    /// PBKDF2 iterations the passphrase costs (10000 x 2^exponent).
    pub iterations: u32,
    /// 1-based group.
    pub group: u16,
    /// Groups in the set.
    pub group_count: u8,
    /// Groups needed.
    pub group_threshold: u8,
    /// 1-based member.
    pub member: u16,
    /// Members of the group needed.
    pub member_threshold: u8,
    /// Secret length in bits.
    pub secret_bits: usize,
    /// Words in the share.
    pub words: usize,
    /// Words worked out or corrected (positions only).
    pub repaired: Vec<RepairReport>,
}

impl InspectReport {
    /// The report of the share read as `entry` of `pile`.
    pub fn of(pile: &Pile, entry: usize) -> Self {
        let e = &pile.recovery().entries()[entry];
        let f = crate::slip39::recovery::PublicFields::of(e.share());
        Self {
            schema: SCHEMA_VERSION,
            source: String::from(e.source()),
            set: f.identifier.short_name(),
            identifier: f.identifier.get(),
            extendable: f.extendable,
            iteration_exponent: f.iteration_exponent,
            iterations: f.iterations(),
            group: u16::from(f.group_index) + 1,
            group_count: f.group_count,
            group_threshold: f.group_threshold,
            member: u16::from(f.member_index) + 1,
            member_threshold: f.member_threshold,
            secret_bits: f.secret_bits,
            words: f.words,
            repaired: repairs(e.note()),
        }
    }
}

#[cfg(feature = "serde")]
fn expose<S: serde::Serializer>(s: &Zeroizing<String>, ser: S) -> Result<S::Ok, S::Error> {
    ser.serialize_str(s)
}

#[cfg(feature = "serde")]
fn expose_some<S: serde::Serializer>(
    s: &Option<Zeroizing<String>>,
    ser: S,
) -> Result<S::Ok, S::Error> {
    match s {
        Some(s) => ser.serialize_str(s),
        None => ser.serialize_none(),
    }
}

/// What `combine` recovered (`seedshard combine --json`), with the readings of the secret
/// (`R`: each reading's wallet facts, as the front end lays them out).
///
/// Its `Debug` does not show the secret.
#[derive(Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub struct CombineReport<R> {
    /// [`SCHEMA_VERSION`].
    pub schema: u32,
    /// The master secret in hexadecimal.
    #[cfg_attr(feature = "serde", serde(serialize_with = "expose"))]
    pub master_secret_hex: Zeroizing<String>,
    /// The set's identifier.
    pub identifier: u16,
    /// The extendable flag.
    pub extendable: bool,
    /// The iteration exponent.
    pub iteration_exponent: u8,
    /// Shares that fit and were used.
    pub shares_used: usize,
    /// Both readings of the secret, each with its wallet's fingerprint and first address.
    pub readings: Vec<R>,
    /// The reading that matched the expected wallet, if one was given.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub matched_reading: Option<&'static str>,
    /// The BIP-32 root key, when asked for.
    #[cfg_attr(
        feature = "serde",
        serde(
            skip_serializing_if = "Option::is_none",
            serialize_with = "expose_some"
        )
    )]
    pub xprv: Option<Zeroizing<String>>,
    /// The BIP-39 phrase, when asked for.
    #[cfg_attr(
        feature = "serde",
        serde(
            skip_serializing_if = "Option::is_none",
            serialize_with = "expose_some"
        )
    )]
    pub bip39_phrase: Option<Zeroizing<String>>,
}

impl<R> core::fmt::Debug for CombineReport<R> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("CombineReport")
            .field("identifier", &self.identifier)
            .field("shares_used", &self.shares_used)
            .finish_non_exhaustive()
    }
}

#[cfg(all(test, feature = "serde"))]
mod tests {
    use super::*;
    use crate::{MasterSecret, Passphrase, SplitPlan};

    #[test]
    fn a_word_not_in_the_list_is_named_as_the_text_names_it() {
        let set = SplitPlan::single(2, 3)
            .unwrap()
            .split(
                &MasterSecret::new(alloc::vec![7; 16]).unwrap(),
                &Passphrase::empty(),
            )
            .unwrap();
        let words: Vec<String> = set.shares().map(|s| s.to_words().to_string()).collect();
        let mut typo: Vec<&str> = words[0].split(' ').collect();
        typo[4] = "xyzzy";
        let mut smudge: Vec<&str> = words[1].split(' ').collect();
        smudge[6] = "?";
        let (typo, smudge) = (typo.join(" "), smudge.join(" "));
        let mut pile = Pile::new();
        pile.add_texts([(typo.as_str(), "a line 1"), (smudge.as_str(), "a line 2")]);
        let check = CheckReport::of(&pile, &pile.analyze());
        let kinds = |n: usize| {
            check.shares[n]
                .repaired
                .iter()
                .map(|r| (r.position, r.kind))
                .collect::<Vec<_>>()
        };
        assert_eq!(kinds(0), [(5, "not_a_slip39_word")]);
        assert_eq!(kinds(1), [(7, "unreadable")]);
        let inspect = InspectReport::of(&pile, 0);
        assert_eq!(inspect.repaired, check.shares[0].repaired);
        assert_eq!((inspect.member, inspect.group, inspect.words), (1, 1, 20));
        assert_eq!(inspect.iterations, 20_000);
        assert_eq!(inspect.set, set.identifier().short_name());
        // The text says the same.
        let text = crate::describe::recovery::entry_repairs(&pile, 0, false).join("\n");
        assert!(text.contains("word 5 is not a SLIP-39 word"), "{text}");
    }

    #[test]
    fn the_check_report_carries_its_schema_and_positions_only() {
        let set = SplitPlan::single(2, 3)
            .unwrap()
            .split(
                &MasterSecret::new(alloc::vec![9; 16]).unwrap(),
                &Passphrase::empty(),
            )
            .unwrap();
        let words: Vec<String> = set.shares().map(|s| s.to_words().to_string()).collect();
        let mut damaged: Vec<&str> = words[0].split(' ').collect();
        damaged[3] = "?";
        let damaged = damaged.join(" ");
        let mut pile = Pile::new();
        pile.add_texts([
            (damaged.as_str(), "a.txt line 1"),
            ("not a share", "a.txt line 2"),
            (words[1].as_str(), "a.txt line 3"),
        ]);
        let report = CheckReport::of(&pile, &pile.analyze());
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["schema"], 1);
        assert_eq!(json["shares"][0]["repaired"][0]["position"], 4);
        assert_eq!(json["shares"][0]["repaired"][0]["kind"], "unreadable");
        assert_eq!(json["shares"][1]["status"], "unusable");
        assert_eq!(json["shares"][2]["status"], "fits");
        assert_eq!(json["recovers"], true);
        assert_eq!(json["problems"], 2);
        // Public fields and positions only: no field for words.
        let keys: Vec<&str> = json["shares"][0]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "group",
                "identifier",
                "member",
                "number",
                "repaired",
                "set",
                "source",
                "status"
            ]
        );
    }
}
