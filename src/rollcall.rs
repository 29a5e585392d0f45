//! Roll call: a short code per share, to check from afar that every card is still there.
//!
//! A holder computes the code of their card ([`RollCallCode::of`]) and reads it to the owner,
//! who compares it with the codes kept since the split ([`roll_call`]). The code is four
//! SLIP-39 words:
//!
//! - word 1, the *set word*: 10 bits of SHA-256 over a domain tag and the set identifier. It is
//!   the same on every share of a set, so a card of another set (an older set, before
//!   `extend`) is recognised as such.
//! - words 2 to 4: 30 bits of SHA-256 over another domain tag and every word of the share
//!   (identifier, indices, thresholds, value and checksum), so two shares of a set have
//!   different codes (a collision among 256 shares has probability below 2^-14).
//!
//! A code says nothing usable about the share: 30 bits of a hash of a share that holds at
//! least 128 bits of the secret polynomial, so learning the share from the code means trying
//! about 2^128 shares; see `docs/rollcall.md` for the reasoning. A code proves only that the
//! person who computed it had the share in hand, correct to its checksum, at that moment.
//!
//! A reissued share (`reissue`) is the same share and has the same code; a share of a set
//! made by `extend` has a new identifier and new codes.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use sha2::{Digest, Sha256};

use crate::slip39::share::{Identifier, Share};
use crate::slip39::wordlist;

pub mod sheet;

/// Words in a roll-call code.
pub const CODE_WORDS: usize = 4;

/// Domain tag of the set word (version 1).
const SET_TAG: &[u8] = b"seedshard/rollcall/v1/set";
/// Domain tag of the share words (version 1).
const SHARE_TAG: &[u8] = b"seedshard/rollcall/v1/share";

/// The roll-call code of one share: four SLIP-39 word indices.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct RollCallCode([u16; CODE_WORDS]);

impl fmt::Debug for RollCallCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RollCallCode({self})")
    }
}

impl fmt::Display for RollCallCode {
    /// The four words, lowercase, separated by single spaces.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, &w) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            f.write_str(wordlist::word(w))?;
        }
        Ok(())
    }
}

/// Why typed text is not a roll-call code.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseCodeError {
    /// Not four words.
    WordCount {
        /// Words found.
        found: usize,
    },
    /// A word not in the SLIP-39 list (1-based position).
    UnknownWord {
        /// 1-based position in the code.
        position: usize,
    },
}

impl fmt::Display for ParseCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::WordCount { found } => {
                write!(f, "a roll-call code has {CODE_WORDS} words, not {found}")
            }
            Self::UnknownWord { position } => {
                write!(f, "word {position} of the code is not a SLIP-39 word")
            }
        }
    }
}

impl core::error::Error for ParseCodeError {}

/// The 10-bit set word of `identifier`.
fn set_word(identifier: Identifier) -> u16 {
    let mut h = Sha256::new();
    h.update([SET_TAG.len() as u8]);
    h.update(SET_TAG);
    h.update(identifier.get().to_be_bytes());
    let d = h.finalize();
    (u16::from(d[0]) << 2) | u16::from(d[1] >> 6)
}

impl RollCallCode {
    /// The code of `share`.
    pub fn of(share: &Share) -> Self {
        let mut h = Sha256::new();
        h.update([SHARE_TAG.len() as u8]);
        h.update(SHARE_TAG);
        h.update(share.identifier().get().to_be_bytes());
        let words = share.to_indices();
        h.update((words.len() as u16).to_be_bytes());
        for &w in words.iter() {
            h.update(w.to_be_bytes());
        }
        let d = h.finalize();
        // 30 bits: three 10-bit words from the first four bytes.
        let bits = u32::from_be_bytes([d[0], d[1], d[2], d[3]]) >> 2;
        Self([
            set_word(share.identifier()),
            ((bits >> 20) & 0x3FF) as u16,
            ((bits >> 10) & 0x3FF) as u16,
            (bits & 0x3FF) as u16,
        ])
    }

    /// Reads a code as typed: four SLIP-39 words in any case and spacing, each whole or by
    /// its first 4 letters.
    ///
    /// # Errors
    ///
    /// [`ParseCodeError`] for a wrong number of words or a word not in the list.
    pub fn parse(text: &str) -> Result<Self, ParseCodeError> {
        let words: Vec<&str> = text.split_whitespace().collect();
        if words.len() != CODE_WORDS {
            return Err(ParseCodeError::WordCount { found: words.len() });
        }
        let mut out = [0u16; CODE_WORDS];
        for (i, w) in words.iter().enumerate() {
            out[i] =
                wordlist::index_of(w).ok_or(ParseCodeError::UnknownWord { position: i + 1 })?;
        }
        Ok(Self(out))
    }

    /// Whether this code has the set word of `identifier`'s set.
    pub fn is_of_set(&self, identifier: Identifier) -> bool {
        self.0[0] == set_word(identifier)
    }

    /// Whether two codes share their set word (likely the same set: 1 in 1024 by chance).
    pub fn same_set_word(&self, other: &Self) -> bool {
        self.0[0] == other.0[0]
    }

    /// The code as text (as [`fmt::Display`]).
    pub fn to_text(&self) -> String {
        use alloc::string::ToString;
        self.to_string()
    }
}

/// One expected code: which share, and who holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    /// 0-based group.
    pub group: u8,
    /// 0-based member.
    pub member: u8,
    /// The holder's name, if known.
    pub holder: Option<String>,
    /// The code the card gives.
    pub code: RollCallCode,
}

/// One answer: a code read out, and optionally which share it is for (0-based group, member).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The share the answer is said to be for, when the owner noted it.
    pub share: Option<(u8, u8)>,
    /// The code read out.
    pub code: RollCallCode,
}

/// What an answer says about a share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Status {
    /// The code matches: the holder has this card and it reads correctly.
    Matching,
    /// The code is that of another share of this set: the holder read another card.
    OtherShare,
    /// The code is of another set (an older set, or someone else's).
    OtherSet,
    /// The set word matches but the code is no share's: the card was misread or damaged,
    /// or the code was misheard.
    Damaged,
    /// No answer for this share.
    NotAnswered,
}

/// The outcome for one expected share.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ShareOutcome {
    /// The group, numbered from 1 as on the cards.
    pub group: u8,
    /// The share within the group, numbered from 1.
    pub member: u8,
    /// The holder, if known.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub holder: Option<String>,
    /// The outcome.
    pub status: Status,
    /// With `other_share`: the share whose code was given ("2.3").
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub answered_share: Option<String>,
}

/// An answer that was not said to be for any share and matches none.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct StrayAnswer {
    /// 1-based position among the answers.
    pub answer: usize,
    /// `other_set` or `damaged`.
    pub status: Status,
}

/// The result of a roll call (the JSON of `seedshard rollcall --sheet --json`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct RollCallReport {
    /// One outcome per expected share, in share order.
    pub shares: Vec<ShareOutcome>,
    /// Answers without a share that match no share.
    pub stray_answers: Vec<StrayAnswer>,
    /// Shares whose code matched.
    pub matching: usize,
    /// Whether every share answered and matched.
    pub all_matching: bool,
}

/// Compares `answers` with the `expected` codes of a set.
pub fn roll_call(expected: &[Expected], answers: &[Answer]) -> RollCallReport {
    let mut status: Vec<(Status, Option<String>)> =
        alloc::vec![(Status::NotAnswered, None); expected.len()];
    let set_code = expected.first().map(|e| e.code);
    let kind = |code: &RollCallCode| -> Status {
        match set_code {
            Some(s) if s.same_set_word(code) => Status::Damaged,
            _ => Status::OtherSet,
        }
    };
    let name = |e: &Expected| alloc::format!("{}.{}", e.group + 1, e.member + 1);
    let mut strays = Vec::new();
    for (ai, a) in answers.iter().enumerate() {
        let owner = expected.iter().position(|e| e.code == a.code);
        match a.share {
            Some(claimed) => {
                let Some(i) = expected.iter().position(|e| (e.group, e.member) == claimed) else {
                    strays.push(StrayAnswer {
                        answer: ai + 1,
                        status: kind(&a.code),
                    });
                    continue;
                };
                // A matching answer is never overwritten by a later wrong one.
                if status[i].0 == Status::Matching {
                    continue;
                }
                status[i] = match owner {
                    Some(j) if j == i => (Status::Matching, None),
                    Some(j) => (Status::OtherShare, Some(name(&expected[j]))),
                    None => (kind(&a.code), None),
                };
            }
            None => match owner {
                Some(j) => status[j] = (Status::Matching, None),
                None => strays.push(StrayAnswer {
                    answer: ai + 1,
                    status: kind(&a.code),
                }),
            },
        }
    }
    let shares: Vec<ShareOutcome> = expected
        .iter()
        .zip(status)
        .map(|(e, (s, other))| ShareOutcome {
            group: e.group + 1,
            member: e.member + 1,
            holder: e.holder.clone(),
            status: s,
            answered_share: other,
        })
        .collect();
    let matching = shares
        .iter()
        .filter(|s| s.status == Status::Matching)
        .count();
    RollCallReport {
        all_matching: matching == shares.len() && !shares.is_empty(),
        matching,
        shares,
        stray_answers: strays,
    }
}

impl RollCallReport {
    /// One sentence a line, for people.
    pub fn lines(&self) -> Vec<String> {
        use alloc::format;
        let mut out = Vec::new();
        for s in &self.shares {
            let who = match &s.holder {
                Some(h) => format!("share {}.{} ({h})", s.group, s.member),
                None => format!("share {}.{}", s.group, s.member),
            };
            out.push(match s.status {
                Status::Matching => format!("{who}: matching"),
                Status::OtherShare => format!(
                    "{who}: MISMATCH, the code is that of share {}: the holder read another card of this set",
                    s.answered_share.as_deref().unwrap_or("?")
                ),
                Status::OtherSet => format!(
                    "{who}: MISMATCH, the code is of another set: an old card, or another wallet's"
                ),
                Status::Damaged => format!(
                    "{who}: MISMATCH, right set but no share has this code: the card may be damaged or misread, or the code misheard; ask for it again and for `seedshard check` on the card"
                ),
                Status::NotAnswered => format!("{who}: not answered"),
            });
        }
        for a in &self.stray_answers {
            out.push(format!(
                "answer {}: matches no share ({})",
                a.answer,
                match a.status {
                    Status::OtherSet => "a card of another set",
                    _ => "right set, but damaged, misread or misheard",
                }
            ));
        }
        out.push(format!(
            "{} of {} shares answered and matching.",
            self.matching,
            self.shares.len()
        ));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{MasterSecret, Passphrase, SplitPlan};

    fn set() -> crate::ShareSet {
        let secret = MasterSecret::from_slice(&[7u8; 16]).unwrap();
        SplitPlan::new(
            2,
            alloc::vec!["2of3".parse().unwrap(), "3of5".parse().unwrap()],
        )
        .unwrap()
        .with_identifier(Identifier::new(100).unwrap())
        .split(&secret, &Passphrase::empty())
        .unwrap()
    }

    fn expected(set: &crate::ShareSet) -> Vec<Expected> {
        set.shares()
            .map(|s| Expected {
                group: s.group_index(),
                member: s.member_index(),
                holder: None,
                code: RollCallCode::of(s),
            })
            .collect()
    }

    #[test]
    fn codes_are_four_words_with_one_set_word_and_distinct_share_words() {
        let set = set();
        let codes: Vec<RollCallCode> = set.shares().map(RollCallCode::of).collect();
        for c in &codes {
            assert_eq!(c.to_text().split(' ').count(), 4);
            assert!(c.same_set_word(&codes[0]));
            assert!(c.is_of_set(set.identifier()));
            assert_eq!(
                RollCallCode::parse(&c.to_text().to_uppercase()).unwrap(),
                *c
            );
        }
        for (i, a) in codes.iter().enumerate() {
            for b in &codes[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }

    #[test]
    fn a_code_is_pinned_for_a_share() {
        // The first share of the official SLIP-39 vectors (set 7945). The code was computed
        // independently from the definition with Python's hashlib and the reference word list.
        let share = Share::parse(
            "duckling enlarge academic academic agency result length solution fridge kidney \
             coal piece deal husband erode duke ajar critical decision keyboard",
        )
        .unwrap();
        let code = RollCallCode::of(&share);
        assert_eq!(code.to_text(), "alpha faint grin pink");
        assert!(code.is_of_set(share.identifier()));
    }

    #[test]
    fn a_roll_call_sorts_every_answer() {
        let set = set();
        let exp = expected(&set);
        let other = {
            let secret = MasterSecret::from_slice(&[9u8; 16]).unwrap();
            SplitPlan::single(2, 3)
                .unwrap()
                .with_identifier(Identifier::new(200).unwrap())
                .split(&secret, &Passphrase::empty())
                .unwrap()
        };
        let foreign = RollCallCode::of(other.shares().next().unwrap());
        assert!(
            !foreign.same_set_word(&exp[0].code),
            "sets 100 and 200 have distinct set words"
        );
        let mut damaged = exp[0].code;
        damaged.0[3] ^= 1;
        let answers = [
            // 1.1 answers right, by label.
            Answer {
                share: Some((0, 0)),
                code: exp[0].code,
            },
            // 1.2 reads card 1.3.
            Answer {
                share: Some((0, 1)),
                code: exp[2].code,
            },
            // 2.1 answers with a card of another set.
            Answer {
                share: Some((1, 0)),
                code: foreign,
            },
            // 2.2 answers a damaged code.
            Answer {
                share: Some((1, 1)),
                code: damaged,
            },
            // An unlabelled answer that matches 2.5.
            Answer {
                share: None,
                code: exp[7].code,
            },
        ];
        let r = roll_call(&exp, &answers);
        let st: Vec<Status> = r.shares.iter().map(|s| s.status).collect();
        assert_eq!(st[0], Status::Matching);
        assert_eq!(st[1], Status::OtherShare);
        assert_eq!(r.shares[1].answered_share.as_deref(), Some("1.3"));
        assert_eq!(st[3], Status::OtherSet);
        assert_eq!(st[4], Status::Damaged);
        assert_eq!(st[7], Status::Matching);
        assert_eq!(st[2], Status::NotAnswered);
        assert_eq!(r.matching, 2);
        assert!(!r.all_matching);
        let all: Vec<Answer> = exp
            .iter()
            .map(|e| Answer {
                share: None,
                code: e.code,
            })
            .collect();
        assert!(roll_call(&exp, &all).all_matching);
    }

    #[test]
    fn bad_codes_are_refused_with_the_position() {
        assert_eq!(
            RollCallCode::parse("academic acid"),
            Err(ParseCodeError::WordCount { found: 2 })
        );
        assert_eq!(
            RollCallCode::parse("academic acid qqqq acne"),
            Err(ParseCodeError::UnknownWord { position: 3 })
        );
    }
}
