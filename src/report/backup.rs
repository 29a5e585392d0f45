//! Reports of backup: the set written by a split, the wallet it protects, the readings of a
//! secret (`verify`), and the schema-versioned wrappers of the plan and roll-call reports.
//!
//! With feature `serde` these types derive `Serialize`; their serialisation is the JSON of
//! `seedshard split --json`, `extend --json`, `verify --json`, `plan --json` and
//! `rollcall --json`.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use zeroize::Zeroizing;

use super::SCHEMA_VERSION;
use crate::slip39::scheme::ShareSet;

/// Serialises zeroizing share words as a plain string (without needing `zeroize/serde`).
#[cfg(feature = "serde")]
fn words<S: serde::Serializer>(words: &[Zeroizing<String>], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(words.iter().map(|w| w.as_str()))
}

#[cfg(feature = "serde")]
fn phrase<S: serde::Serializer>(
    phrase: &Option<Zeroizing<String>>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match phrase {
        Some(p) => s.serialize_some(p.as_str()),
        None => s.serialize_none(),
    }
}

/// A share set as written (the scripting contract of `split --json` in the README). Holds
/// the share words: secret as a whole.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ShareSetReport {
    /// The set's short name (as on the cards and in every message: `AMBER FALCON`).
    pub set: String,
    /// The set identifier.
    pub identifier: u16,
    /// The extendable flag.
    pub extendable: bool,
    /// The iteration exponent.
    pub iteration_exponent: u8,
    /// Groups needed.
    pub group_threshold: u8,
    /// The groups.
    pub groups: Vec<GroupReport>,
}

/// One group of a [`ShareSetReport`]. `Debug` shows the number of shares, never their words.
#[derive(Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct GroupReport {
    /// Members needed.
    pub member_threshold: u8,
    /// The shares' words.
    #[cfg_attr(feature = "serde", serde(serialize_with = "words"))]
    pub shares: Vec<Zeroizing<String>>,
    /// Each share's roll-call code, in the order of `shares`.
    pub rollcall: Vec<String>,
}

impl fmt::Debug for GroupReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GroupReport")
            .field("member_threshold", &self.member_threshold)
            .field(
                "shares",
                &format_args!("[REDACTED; {} shares]", self.shares.len()),
            )
            .field("rollcall", &self.rollcall)
            .finish()
    }
}

impl ShareSetReport {
    /// The report of `set`.
    pub fn new(set: &ShareSet) -> Self {
        Self {
            set: set.identifier().short_name(),
            identifier: set.identifier().get(),
            extendable: set.extendable(),
            iteration_exponent: set.iteration_exponent().get(),
            group_threshold: set.group_threshold(),
            groups: set
                .groups()
                .iter()
                .map(|g| GroupReport {
                    member_threshold: g[0].member_threshold(),
                    shares: g.iter().map(|s| s.to_words()).collect(),
                    rollcall: g
                        .iter()
                        .map(|s| {
                            alloc::string::ToString::to_string(&crate::rollcall::RollCallCode::of(
                                s,
                            ))
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// Some shares of one set, numbered as on the cards, by group: what `cards --json` (without
/// the words) and `reissue --json` (with them) print. Each group lists its members' numbers
/// and, in the same order, their roll-call codes (and words or holders when the report has
/// them), so that `rollcall --sheet` can read it as the expected codes.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct NumberedSharesReport {
    /// The set's short name.
    pub set: String,
    /// The set identifier.
    pub identifier: u16,
    /// The extendable flag.
    pub extendable: bool,
    /// The iteration exponent.
    pub iteration_exponent: u8,
    /// Groups needed.
    pub group_threshold: u8,
    /// The groups that have shares here, by group number.
    pub groups: Vec<NumberedGroupReport>,
}

/// One group of a [`NumberedSharesReport`]. `Debug` never shows share words.
#[derive(Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct NumberedGroupReport {
    /// 1-based group number.
    pub group: u8,
    /// Members needed.
    pub member_threshold: u8,
    /// 1-based member numbers of the shares here.
    pub members: Vec<u8>,
    /// The holders' names as printed on the cards (`None`: no name), when known.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub holders: Option<Vec<Option<String>>>,
    /// The shares' words, in reports that carry them (secret).
    #[cfg_attr(
        feature = "serde",
        serde(skip_serializing_if = "Option::is_none", serialize_with = "some_words")
    )]
    pub shares: Option<Vec<Zeroizing<String>>>,
    /// Each share's roll-call code, in the order of `members`.
    pub rollcall: Vec<String>,
}

#[cfg(feature = "serde")]
fn some_words<S: serde::Serializer>(
    shares: &Option<Vec<Zeroizing<String>>>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match shares {
        Some(w) => words(w, s),
        None => s.serialize_none(),
    }
}

impl fmt::Debug for NumberedGroupReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NumberedGroupReport")
            .field("group", &self.group)
            .field("member_threshold", &self.member_threshold)
            .field("members", &self.members)
            .field("holders", &self.holders)
            .field(
                "shares",
                &self.shares.as_ref().map(|s| RedactedCount(s.len())),
            )
            .field("rollcall", &self.rollcall)
            .finish()
    }
}

/// Shows `[REDACTED; N shares]` in `Debug`.
struct RedactedCount(usize);

impl fmt::Debug for RedactedCount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[REDACTED; {} shares]", self.0)
    }
}

impl NumberedSharesReport {
    /// The report of `shares` (of one set: the set's fields are the first share's), grouped
    /// by group number in ascending order, each group's shares in the order given.
    /// `holders[i]` is the name printed with share `i` (`None` or missing: no name), when the
    /// report is to name holders; `with_words` puts the shares' words in (secret).
    ///
    /// Returns `None` for no shares.
    pub fn new(
        shares: &[crate::Share],
        holders: Option<&[Option<String>]>,
        with_words: bool,
    ) -> Option<Self> {
        shares
            .first()
            .map(|first| Self::of_set(first, shares, holders, with_words))
    }

    pub(crate) fn of_set(
        first: &crate::Share,
        shares: &[crate::Share],
        holders: Option<&[Option<String>]>,
        with_words: bool,
    ) -> Self {
        let mut groups: Vec<NumberedGroupReport> = Vec::new();
        let mut order: Vec<usize> = (0..shares.len()).collect();
        order.sort_by_key(|&i| shares[i].group_index());
        for i in order {
            let s = &shares[i];
            let number = s.group_index() + 1;
            if groups.last().is_none_or(|g| g.group != number) {
                groups.push(NumberedGroupReport {
                    group: number,
                    member_threshold: s.member_threshold(),
                    members: Vec::new(),
                    holders: holders.map(|_| Vec::new()),
                    shares: with_words.then(Vec::new),
                    rollcall: Vec::new(),
                });
            }
            let last = groups.len() - 1;
            let g = &mut groups[last];
            g.members.push(s.member_index() + 1);
            if let (Some(names), Some(given)) = (g.holders.as_mut(), holders) {
                names.push(given.get(i).cloned().flatten());
            }
            if let Some(words) = g.shares.as_mut() {
                words.push(s.to_words());
            }
            g.rollcall.push(alloc::string::ToString::to_string(
                &crate::rollcall::RollCallCode::of(s),
            ));
        }
        Self {
            set: first.identifier().short_name(),
            identifier: first.identifier().get(),
            extendable: first.extendable(),
            iteration_exponent: first.iteration_exponent().get(),
            group_threshold: first.group_threshold(),
            groups,
        }
    }
}

/// What `cards --json` prints: the cards drawn (numbers, holders and roll-call codes, no
/// words) and the files written. Not secret.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CardsReport {
    /// [`SCHEMA_VERSION`].
    pub schema: u32,
    /// The cards drawn.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub cards: NumberedSharesReport,
    /// The names of the files written (in the output directory).
    pub files: Vec<String>,
}

impl CardsReport {
    /// The report of `cards` written as `files`.
    pub fn new(cards: NumberedSharesReport, files: Vec<String>) -> Self {
        Self {
            schema: SCHEMA_VERSION,
            cards,
            files,
        }
    }
}

/// What `reissue --json` prints: the new share (its words: secret) with its number and
/// roll-call code.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ReissueReport {
    /// [`SCHEMA_VERSION`].
    pub schema: u32,
    /// The new share.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub share: NumberedSharesReport,
    /// `slip39`, `entropy` or `seed`, when known (as in the share file's mode line).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub mode: Option<&'static str>,
}

impl ReissueReport {
    /// The report of the new `share`, made from shares of `mode`.
    pub fn new(share: &crate::Share, mode: Option<&'static str>) -> Self {
        Self {
            schema: SCHEMA_VERSION,
            share: NumberedSharesReport::of_set(share, core::slice::from_ref(share), None, true),
            mode,
        }
    }
}

/// The short facts of a wallet: what `split` and `combine` print.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct WalletReport {
    /// The network.
    pub network: &'static str,
    /// BIP-32 master fingerprint.
    pub fingerprint: String,
    /// First BIP-84 receive address.
    pub first_address: String,
}

/// How many BIP-84 receive addresses the full facts ([`WalletFactsReport`]) show.
pub const SHOWN_ADDRESSES: u32 = 3;

/// The full facts of a wallet: what `verify` prints.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct WalletFactsReport {
    /// The network.
    pub network: &'static str,
    /// BIP-32 master fingerprint.
    pub fingerprint: String,
    /// BIP-84 account path.
    pub account_path: String,
    /// BIP-84 account xpub (tpub on test networks).
    pub xpub: String,
    /// BIP-84 account zpub (vpub on test networks).
    pub zpub: String,
    /// The first BIP-84 receive addresses.
    pub receive_addresses: Vec<String>,
    /// The first BIP-86 receive address.
    pub taproot_address: String,
}

#[cfg(feature = "bitcoin")]
impl WalletReport {
    /// The short facts of `facts`.
    pub fn new(facts: &crate::wallet::WalletFacts) -> Self {
        Self {
            network: facts.network().as_str(),
            fingerprint: alloc::string::ToString::to_string(&facts.fingerprint()),
            first_address: facts.receive_address(0),
        }
    }
}

#[cfg(feature = "bitcoin")]
impl WalletFactsReport {
    /// The full facts of `facts`.
    pub fn new(facts: &crate::wallet::WalletFacts) -> Self {
        Self {
            network: facts.network().as_str(),
            fingerprint: alloc::string::ToString::to_string(&facts.fingerprint()),
            account_path: facts.account_path(),
            xpub: facts.account_xpub(),
            zpub: facts.account_zpub(),
            receive_addresses: facts.receive_addresses(SHOWN_ADDRESSES),
            taproot_address: facts.taproot_address(0),
        }
    }
}

/// One reading of a secret with the wallet it opens (short or full facts).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ReadingReport<W> {
    /// `slip39` or `bip39-entropy`.
    pub kind: &'static str,
    /// The plain sentence.
    pub sentence: String,
    /// The wallet.
    pub wallet: W,
}

/// The readings of a secret, each with the wallet facts `facts` makes.
#[cfg(feature = "bitcoin")]
pub fn readings_report<W>(
    readings: &[crate::wallet::Reading],
    facts: impl Fn(&crate::wallet::WalletFacts) -> W,
) -> Vec<ReadingReport<W>> {
    readings
        .iter()
        .map(|r| ReadingReport {
            kind: r.kind().as_str(),
            sentence: r.sentence(),
            wallet: facts(r.facts()),
        })
        .collect()
}

/// What `split --json` prints: the set, the wallet it protects, the notes and the plan.
/// `Debug` shows no share words and no new phrase.
#[derive(Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SplitReport {
    /// [`SCHEMA_VERSION`].
    pub schema: u32,
    /// The set.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub set: ShareSetReport,
    /// `entropy` or `seed` for a BIP-39 backup.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub bip39_mode: Option<&'static str>,
    /// The wallet the shares protect.
    pub wallet: WalletReport,
    /// The wallet a SLIP-39 wallet (Trezor) opens from the shares.
    pub slip39_wallet: WalletReport,
    /// A BIP-39 phrase this run generated.
    #[cfg_attr(
        feature = "serde",
        serde(skip_serializing_if = "Option::is_none", serialize_with = "phrase")
    )]
    pub bip39_phrase: Option<Zeroizing<String>>,
    /// The plain sentences printed with the shares.
    pub notes: Vec<String>,
    /// What the plan survives (as `seedshard plan --json`).
    pub plan: crate::plan::PlanReport,
}

impl fmt::Debug for SplitReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SplitReport")
            .field("schema", &self.schema)
            .field("set", &self.set)
            .field("bip39_mode", &self.bip39_mode)
            .field("wallet", &self.wallet)
            .field("slip39_wallet", &self.slip39_wallet)
            .field(
                "bip39_phrase",
                &self.bip39_phrase.as_ref().map(|_| "[REDACTED]"),
            )
            .field("notes", &self.notes)
            .field("plan", &self.plan)
            .finish()
    }
}

#[cfg(feature = "bitcoin")]
impl SplitReport {
    /// The report of `backup`, with the analysis of its plan.
    pub fn new(backup: &crate::backup::Backup, plan: crate::plan::PlanReport) -> Self {
        Self {
            schema: SCHEMA_VERSION,
            set: ShareSetReport::new(backup.set()),
            bip39_mode: backup.bip39_mode().map(crate::bip39::Bip39Mode::as_str),
            wallet: WalletReport::new(backup.wallet()),
            slip39_wallet: WalletReport::new(backup.slip39_wallet()),
            bip39_phrase: backup.new_phrase().map(|p| p.to_words()),
            notes: backup.notes(),
            plan,
        }
    }
}

/// What `extend --json` prints: the new set as `split --json` writes it, with the mode of the
/// share file read, when known.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ExtendReport {
    /// [`SCHEMA_VERSION`].
    pub schema: u32,
    /// The new set.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub set: ShareSetReport,
    /// `slip39`, `entropy` or `seed`, when known (as in the share file's mode line).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub mode: Option<&'static str>,
}

impl ExtendReport {
    /// The report of the new `set`, made from shares of `mode`.
    pub fn new(set: &ShareSet, mode: Option<&'static str>) -> Self {
        Self {
            schema: SCHEMA_VERSION,
            set: ShareSetReport::new(set),
            mode,
        }
    }
}

/// What `verify --json` prints: where the secret came from and each reading's wallet.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct VerifyReport {
    /// [`SCHEMA_VERSION`].
    pub schema: u32,
    /// `shares`, `secret` or `bip39`.
    pub source: &'static str,
    /// The readings, with full facts.
    pub readings: Vec<ReadingReport<WalletFactsReport>>,
    /// The kind of the reading that matched the expectation, if one was given.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub matched: Option<&'static str>,
}

impl VerifyReport {
    /// A report of `readings` from `source`.
    pub fn new(
        source: &'static str,
        readings: Vec<ReadingReport<WalletFactsReport>>,
        matched: Option<&'static str>,
    ) -> Self {
        Self {
            schema: SCHEMA_VERSION,
            source,
            readings,
            matched,
        }
    }
}

/// A report of another module (the plan analysis, the roll call) with the `schema` field
/// of a top-level report in front of its own fields.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Versioned<T> {
    /// [`SCHEMA_VERSION`].
    pub schema: u32,
    /// The report.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub report: T,
}

impl<T> Versioned<T> {
    /// `report` with the current [`SCHEMA_VERSION`].
    pub fn new(report: T) -> Self {
        Self {
            schema: SCHEMA_VERSION,
            report,
        }
    }
}

/// What `plan --suggest --json` prints: the goals and the plans found.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SuggestReport {
    /// [`SCHEMA_VERSION`].
    pub schema: u32,
    /// Holders, one card each.
    pub holders: u16,
    /// The plans found, best first.
    pub plans: Vec<crate::plan::suggest::Suggestion>,
    /// How many holders together must not be able to recover.
    pub resist: u16,
    /// How many cards may be lost.
    pub survive_losses: u16,
}

/// One share's roll-call code, in `rollcall --json`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CodeReport {
    /// The set's name.
    pub set: String,
    /// The set's identifier.
    pub identifier: u16,
    /// 1-based group number.
    pub group: u8,
    /// 1-based member number.
    pub member: u8,
    /// The roll-call code.
    pub code: String,
}

impl CodeReport {
    /// The code of `share`.
    pub fn new(share: &crate::Share) -> Self {
        Self {
            set: share.identifier().short_name(),
            identifier: share.identifier().get(),
            group: share.group_index() + 1,
            member: share.member_index() + 1,
            code: alloc::string::ToString::to_string(&crate::rollcall::RollCallCode::of(share)),
        }
    }
}

/// What `rollcall --json` prints for the codes of shares.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CodesReport {
    /// [`SCHEMA_VERSION`].
    pub schema: u32,
    /// The codes, in the order of the shares.
    pub codes: Vec<CodeReport>,
}

impl CodesReport {
    /// The codes of `shares`.
    pub fn new<'a>(shares: impl IntoIterator<Item = &'a crate::Share>) -> Self {
        Self {
            schema: SCHEMA_VERSION,
            codes: shares.into_iter().map(CodeReport::new).collect(),
        }
    }
}

#[cfg(all(test, feature = "serde", feature = "bitcoin"))]
mod tests {
    use super::*;
    use crate::backup::{BackupRequest, SecretSource};
    use crate::bip39::{Bip39Mode, Bip39Phrase};

    #[test]
    fn the_split_report_has_the_schema_and_the_contract_fields() {
        let phrase = Bip39Phrase::parse(
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
        )
        .unwrap();
        let plan = crate::SplitPlan::single(2, 3).unwrap();
        let backup = BackupRequest::new(
            SecretSource::Bip39 {
                phrase,
                mode: Bip39Mode::Entropy,
            },
            plan.clone(),
        )
        .run()
        .unwrap();
        let report = SplitReport::new(&backup, crate::plan::Layout::new(plan).analyse());
        let v = serde_json::to_value(&report).unwrap();
        assert_eq!(v["schema"], 1);
        assert_eq!(v["bip39_mode"], "entropy");
        assert_eq!(v["wallet"]["fingerprint"], "73c5da0a");
        assert_eq!(v["groups"][0]["shares"].as_array().unwrap().len(), 3);
        assert!(
            v["groups"][0]["shares"][0]
                .as_str()
                .unwrap()
                .split(' ')
                .count()
                == 20
        );
        assert!(v.get("bip39_phrase").is_none());
        for key in [
            "identifier",
            "extendable",
            "iteration_exponent",
            "group_threshold",
            "notes",
            "plan",
            "slip39_wallet",
        ] {
            assert!(v.get(key).is_some(), "{key}");
        }
        let debug = alloc::format!("{report:?}");
        let first = v["groups"][0]["shares"][0].as_str().unwrap();
        assert!(!debug.contains(first) && debug.contains("[REDACTED; 3 shares]"));
        let versioned = serde_json::to_value(Versioned::new(&report.plan)).unwrap();
        assert_eq!(versioned["schema"], 1);
    }
}
