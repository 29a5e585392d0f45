//! What a share plan survives, before any card is printed: who can recover, what may be lost.
//!
//! A [`Layout`] is a two-level plan (a [`SplitPlan`]) with, optionally, the people who hold
//! the cards and the places where they keep them. [`Layout::analyse`] gives a [`PlanReport`]:
//! the smallest sets of cards (and people, and places) that recover, the most cards that can
//! be lost in the worst case, the largest set of cards that still cannot recover, the heirs'
//! path without the owner's cards, and what happens when one place burns or one person is gone.
//!
//! # Method
//!
//! For cards, only how many cards of each group a set holds matters, so every figure is exact
//! and found in time linear in the number of groups (see [`analysis`]). For people and places,
//! a person may hold cards of several groups; the smallest sets are found by a branch-and-bound
//! search over them (people holding the same cards are searched as one kind with a count). The
//! search stops after [`SEARCH_BUDGET`] steps and then says so rather than guess.
//!
//! # Which places and people matter most
//!
//! For each place (and person): the fewest places, it among them, that recover, and the
//! fewest whose loss is fatal. Such a set has as many places as the smallest set of all when
//! the place is in some smallest set, else one more (it with a smallest set), so each needs
//! only a search for a set one smaller, in the plan as it stands with that place's cards held
//! (or lost); places holding the same cards are searched once. Those searches share one more
//! [`SEARCH_BUDGET`]. [`analysis::rank_by_importance`] orders places and people by these
//! figures, then by cards held.
//!
//! # The owner and the heirs' path
//!
//! The owner's cards are the cards of the holder named by [`Layout::with_owner`], or else of a
//! holder called `owner` (any letter case). Without holder names, the cards of single-card
//! groups (`1of1`) are taken as the owner's: that is how a two-level plan gives its owner a
//! short path. The heirs' path is the smallest set of cards (and people) that recovers without
//! any of the owner's cards.

pub mod analysis;
mod search;
pub mod suggest;
mod wording;

/// The plan and places the tests of the analysis and of the plan picture share.
#[cfg(test)]
pub(crate) mod fixtures {
    use super::Layout;
    use crate::slip39::scheme::{GroupSpec, SplitPlan};

    /// 2 of {1of1, 2of3, 2of3} held by owner, Ann, Bob, Cy, Dee, Eve and Fay (in card order):
    /// the vault keeps the owner's card 1.1 with 2.1 and 2.2 and recovers alone; the cabin
    /// keeps 2.3 and 3.3, home 3.1 and the office 3.2, each of which needs the vault.
    pub(crate) fn vault_cabin_home_office() -> Layout {
        let groups = ["1of1", "2of3", "2of3"]
            .iter()
            .map(|s| s.parse::<GroupSpec>().unwrap())
            .collect();
        Layout::new(SplitPlan::new(2, groups).unwrap())
            .with_holders(&["owner", "Ann", "Bob", "Cy", "Dee", "Eve", "Fay"])
            .unwrap()
            .with_place("home", &["Dee"])
            .unwrap()
            .with_place("office", &["Eve"])
            .unwrap()
            .with_place("cabin", &["Cy", "Fay"])
            .unwrap()
            .with_place("vault", &["owner", "Ann", "Bob"])
            .unwrap()
    }
}

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use crate::slip39::scheme::SplitPlan;

pub use analysis::{
    GroupCount, GroupFigure, HeirsPath, HolderFigure, OwnerRule, PlaceFigure, PlanReport,
    SearchOutcome,
};

/// The most steps a search over people or places may take before it gives up and says so.
pub const SEARCH_BUDGET: u64 = 500_000;

/// One card of a plan: 0-based group and member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CardRef {
    /// 0-based group index.
    pub group: u8,
    /// 0-based member index within the group.
    pub member: u8,
}

impl fmt::Display for CardRef {
    /// "card 2.3": group 2, share 3, numbered from 1 as on the cards.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "card {}.{}", self.group + 1, self.member + 1)
    }
}

/// Someone who keeps cards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    /// The name given, or "card G.M" for a card nobody was named for.
    pub name: String,
    /// Whether the name was given (false for a card without a holder name).
    pub named: bool,
    /// The cards this holder keeps.
    pub cards: Vec<CardRef>,
}

/// A place where some holders keep their cards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The place's name.
    pub name: String,
    /// Indices into [`Layout::holders`].
    pub holders: Vec<usize>,
}

/// Why a layout cannot be built.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LayoutError {
    /// More holder names than cards.
    TooManyHolders {
        /// Names given.
        names: usize,
        /// Cards in the plan.
        cards: usize,
    },
    /// An empty holder name (position from 1).
    EmptyHolderName {
        /// 1-based position among the names.
        position: usize,
    },
    /// A place names a holder who holds no card.
    UnknownHolder {
        /// The place.
        place: String,
        /// The name it gave.
        holder: String,
    },
    /// A holder was put in two places.
    HolderInTwoPlaces {
        /// The holder.
        holder: String,
    },
    /// Two places with the same name, or a place with an empty name.
    BadPlaceName {
        /// The place name.
        place: String,
    },
    /// The owner named is not among the holders.
    UnknownOwner {
        /// The name given.
        owner: String,
    },
}

impl fmt::Display for LayoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooManyHolders { names, cards } => write!(
                f,
                "{names} holder names were given for a plan of {cards} cards"
            ),
            Self::EmptyHolderName { position } => write!(f, "holder name {position} is empty"),
            Self::UnknownHolder { place, holder } => write!(
                f,
                "place {place} names {holder}, who holds no card in this plan"
            ),
            Self::HolderInTwoPlaces { holder } => {
                write!(f, "{holder} is put in two places")
            }
            Self::BadPlaceName { place } if place.is_empty() => write!(f, "a place has no name"),
            Self::BadPlaceName { place } => write!(f, "place {place} is named twice"),
            Self::UnknownOwner { owner } => {
                write!(f, "the owner {owner} holds no card in this plan")
            }
        }
    }
}

impl core::error::Error for LayoutError {}

/// A plan with the people who hold its cards and where they keep them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    plan: SplitPlan,
    holders: Vec<Holder>,
    places: Vec<Place>,
    owner: Option<usize>,
    names_given: bool,
}

impl Layout {
    /// A plan without names: every figure is about cards.
    pub fn new(plan: SplitPlan) -> Self {
        let holders = Self::cards_of(&plan)
            .into_iter()
            .map(|c| Holder {
                name: c.to_string(),
                named: false,
                cards: alloc::vec![c],
            })
            .collect();
        Self {
            plan,
            holders,
            places: Vec::new(),
            owner: None,
            names_given: false,
        }
    }

    /// Every card of `plan` in share order (group by group, as `split` prints them).
    pub fn cards_of(plan: &SplitPlan) -> Vec<CardRef> {
        let mut cards = Vec::new();
        for (g, spec) in plan.groups().iter().enumerate() {
            for m in 0..spec.count() {
                cards.push(CardRef {
                    group: g as u8,
                    member: m,
                });
            }
        }
        cards
    }

    /// Names the holder of each card, in share order (as `split --holder`): the same name
    /// given for several cards means one person keeps them all. Cards beyond the names given
    /// are each kept by a person of their own, called by the card ("card 3.2").
    ///
    /// # Errors
    ///
    /// [`LayoutError`] for more names than cards or an empty name.
    pub fn with_holders<S: AsRef<str>>(mut self, names: &[S]) -> Result<Self, LayoutError> {
        let cards = Self::cards_of(&self.plan);
        if names.len() > cards.len() {
            return Err(LayoutError::TooManyHolders {
                names: names.len(),
                cards: cards.len(),
            });
        }
        let mut holders: Vec<Holder> = Vec::new();
        for (i, card) in cards.iter().enumerate() {
            let (name, named) = match names.get(i) {
                Some(n) => {
                    let n = n.as_ref().trim();
                    if n.is_empty() {
                        return Err(LayoutError::EmptyHolderName { position: i + 1 });
                    }
                    (n.to_string(), true)
                }
                None => (card.to_string(), false),
            };
            match holders
                .iter_mut()
                .find(|h| h.named && named && h.name == name)
            {
                Some(h) => h.cards.push(*card),
                None => holders.push(Holder {
                    name,
                    named,
                    cards: alloc::vec![*card],
                }),
            }
        }
        self.holders = holders;
        self.names_given = !names.is_empty();
        self.owner = self
            .holders
            .iter()
            .position(|h| h.named && h.name.eq_ignore_ascii_case("owner"));
        Ok(self)
    }

    /// Adds a place where the named holders keep their cards.
    ///
    /// # Errors
    ///
    /// [`LayoutError`] for an unknown holder, a holder already in another place, or a place
    /// name that is empty or already used.
    pub fn with_place<S: AsRef<str>>(
        mut self,
        name: &str,
        holders: &[S],
    ) -> Result<Self, LayoutError> {
        let name = name.trim();
        if name.is_empty() || self.places.iter().any(|p| p.name == name) {
            return Err(LayoutError::BadPlaceName {
                place: name.to_string(),
            });
        }
        let mut idx = Vec::new();
        for h in holders {
            let h = h.as_ref().trim();
            let Some(i) = self.holders.iter().position(|x| x.name == h) else {
                return Err(LayoutError::UnknownHolder {
                    place: name.to_string(),
                    holder: h.to_string(),
                });
            };
            if idx.contains(&i) || self.places.iter().any(|p| p.holders.contains(&i)) {
                return Err(LayoutError::HolderInTwoPlaces {
                    holder: h.to_string(),
                });
            }
            idx.push(i);
        }
        self.places.push(Place {
            name: name.to_string(),
            holders: idx,
        });
        Ok(self)
    }

    /// Names the owner among the holders (otherwise a holder called `owner`, if any).
    ///
    /// # Errors
    ///
    /// [`LayoutError::UnknownOwner`] when no holder has that name.
    pub fn with_owner(mut self, owner: &str) -> Result<Self, LayoutError> {
        let owner = owner.trim();
        match self.holders.iter().position(|h| h.named && h.name == owner) {
            Some(i) => {
                self.owner = Some(i);
                Ok(self)
            }
            None => Err(LayoutError::UnknownOwner {
                owner: owner.to_string(),
            }),
        }
    }

    /// The plan.
    pub fn plan(&self) -> &SplitPlan {
        &self.plan
    }

    /// The holders (every card has exactly one).
    pub fn holders(&self) -> &[Holder] {
        &self.holders
    }

    /// The places given.
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// Whether holder names were given.
    pub fn names_given(&self) -> bool {
        self.names_given
    }

    /// The owner among the holders, if named.
    pub fn owner(&self) -> Option<&Holder> {
        self.owner.map(|i| &self.holders[i])
    }

    /// Analyses the layout: see [`PlanReport`].
    pub fn analyse(&self) -> PlanReport {
        analysis::analyse(self)
    }

    /// The plan in words: "2 of 4 groups: 1of1, 1of1, 2of4, 3of6".
    pub fn describe(&self) -> String {
        describe_plan(&self.plan)
    }
}

/// The plan in words: "2 of 4 groups: 1of1, 1of1, 2of4, 3of6", or "2of3" for one group.
pub fn describe_plan(plan: &SplitPlan) -> String {
    let groups: Vec<String> = plan.groups().iter().map(|g| g.to_string()).collect();
    if groups.len() == 1 {
        return groups[0].clone();
    }
    format!(
        "{} of {} groups: {}",
        plan.group_threshold(),
        groups.len(),
        groups.join(", ")
    )
}

/// A place as written `NAME=holder,holder`: its name, and its holders trimmed with empty
/// entries left out (for [`Layout::with_place`]); `None` when there is no `=`.
///
/// # Examples
///
/// ```
/// use seedshard::plan::parse_place;
/// assert_eq!(parse_place("home=Ann, Bob,"), Some(("home", vec!["Ann", "Bob"])));
/// assert_eq!(parse_place("home"), None);
/// ```
pub fn parse_place(text: &str) -> Option<(&str, Vec<&str>)> {
    let (name, holders) = text.split_once('=')?;
    let holders = holders
        .split(',')
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .collect();
    Some((name, holders))
}
