//! The figures of a plan: exact combinatorics for cards, a bounded search for people and places.
//!
//! A set of cards recovers when at least G groups each have at least their threshold of
//! cards in it; which cards of a group does not matter, only how many. Hence, for groups
//! `(t_i of n_i)` and group threshold G:
//! - the smallest recovering set takes `t_i` cards of the G groups with the smallest `t_i`;
//! - the largest failing set takes every card of the G - 1 groups with the most cards
//!   beyond their threshold (`n_i - t_i + 1` gained each) and `t_i - 1` of every other group;
//! - the smallest fatal loss must break all but G - 1 groups; breaking group i takes
//!   `n_i - t_i + 1` cards, so it breaks the `k - G + 1` cheapest groups. The most losses
//!   always survived is one less, and equals the total minus the largest failing set minus 1.
//!
//! People and places may hold cards of several groups, so there the smallest sets are
//! searched (branch and bound over kinds of identical holdings, at most
//! [`super::SEARCH_BUDGET`] steps).

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::search::{
    add_times, counts_of, minus, smallest_units, smallest_with_each, Budget, Counts, Goal, Shape,
};
pub use super::wording::{describe_counts, describe_groups, join_and};
use super::SEARCH_BUDGET;
use super::{CardRef, Layout};

/// A number of cards of one group (group numbered from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct GroupCount {
    /// The group, numbered from 1 as on the cards.
    pub group: u8,
    /// How many of its cards.
    pub cards: u8,
}

/// One group's own figures.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct GroupFigure {
    /// The group, numbered from 1.
    pub group: u8,
    /// Cards of this group needed.
    pub member_threshold: u8,
    /// Cards in this group.
    pub cards: u8,
    /// Cards of this group that may be lost with the group still complete.
    pub losses_survived: u8,
}

/// How the owner's cards were identified for the heirs' path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum OwnerRule {
    /// The holder named as the owner (or called `owner`).
    NamedOwner,
    /// No holder names: the cards of single-card (1of1) groups.
    SingleCardGroups,
}

/// The heirs' path: recovering without any of the owner's cards.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct HeirsPath {
    /// How the owner's cards were identified.
    pub owner_rule: OwnerRule,
    /// The owner's name, when a holder.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub owner: Option<String>,
    /// The owner's cards ("2.3": group 2, share 3).
    pub owner_cards: Vec<String>,
    /// The fewest cards that recover without the owner's (null: impossible).
    pub min_cards_to_recover: Option<u16>,
    /// Such a set, by group.
    pub smallest_recovering_set: Vec<GroupCount>,
    /// With holder names: the fewest people other than the owner who together recover (null:
    /// impossible, or the search was too large).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub min_people_to_recover: Option<u16>,
    /// Those people.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub smallest_recovering_people: Vec<String>,
}

/// One holder's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct HolderFigure {
    /// The holder's name.
    pub name: String,
    /// Whether this is the owner.
    pub owner: bool,
    /// The cards they keep ("2.3": group 2, share 3).
    pub cards: Vec<String>,
    /// Whether their cards alone recover the wallet.
    pub recovers_alone: bool,
    /// Whether the wallet still recovers without them and their cards.
    pub loss_survived: bool,
    /// Groups that can never be completed without them (numbered from 1).
    pub groups_lost: Vec<u8>,
    /// The fewest people, this one among them, who together recover (1: alone; null: search
    /// too large).
    pub min_people_to_recover_with: Option<u16>,
    /// The fewest people, this one among them, whose loss makes the wallet unrecoverable (1:
    /// their loss alone; null: search too large).
    pub min_people_lost_fatal_with: Option<u16>,
}

/// One place's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PlaceFigure {
    /// The place's name.
    pub name: String,
    /// Who keeps cards there.
    pub holders: Vec<String>,
    /// How many cards are there.
    pub cards: u16,
    /// Whether a thief who takes everything there can recover the wallet.
    pub recovers_alone: bool,
    /// Whether the wallet still recovers if everything there is lost (fire).
    pub loss_survived: bool,
    /// Groups that can never be completed if everything there is lost (numbered from 1).
    pub groups_lost: Vec<u8>,
    /// The fewest places, this one among them, a thief must visit to recover (1: this place
    /// alone; null: search too large).
    pub min_places_to_recover_with: Option<u16>,
    /// The fewest places, this one among them, whose loss makes the wallet unrecoverable (1:
    /// this place alone; null: search too large).
    pub min_places_lost_fatal_with: Option<u16>,
}

/// How a search over people or places ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum SearchOutcome {
    /// Every figure is exact.
    Exact,
    /// The search stopped at its step budget: the figures it could not settle are null.
    TooLarge,
}

/// The figures about people (when holder names are given).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PeopleFigures {
    /// The fewest people who together recover (null: search too large).
    pub min_people_to_recover: Option<u16>,
    /// Such people.
    pub smallest_recovering_people: Vec<String>,
    /// The most people who may be gone (with their cards), whoever they are, with the wallet
    /// still recoverable (null: search too large).
    pub max_people_lost_survived: Option<u16>,
    /// The fewest people whose loss makes the wallet unrecoverable.
    pub smallest_fatal_people: Vec<String>,
    /// Whether the search was exact.
    pub people_search: SearchOutcome,
    /// Each holder.
    pub holders: Vec<HolderFigure>,
    /// The holders, those who matter most first (see [`rank_by_importance`]).
    pub holders_by_importance: Vec<String>,
}

/// The figures about places (when places are given).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PlaceFigures {
    /// The fewest places a thief must visit to recover (a holder not at a named place counts
    /// as a place of their own; null: search too large).
    pub min_places_to_recover: Option<u16>,
    /// Such places.
    pub smallest_recovering_places: Vec<String>,
    /// The most places that may be lost (fire), whichever they are, with the wallet still
    /// recoverable (null: search too large).
    pub max_places_lost_survived: Option<u16>,
    /// The fewest places whose loss makes the wallet unrecoverable.
    pub smallest_fatal_places: Vec<String>,
    /// Whether the search was exact.
    pub places_search: SearchOutcome,
    /// Each named place.
    pub places: Vec<PlaceFigure>,
    /// The named places, those that matter most first (see [`rank_by_importance`]).
    pub places_by_importance: Vec<String>,
}

/// The order of importance of places (or people): those that matter most first.
///
/// A place matters more the fewer places a thief must visit with it to recover
/// ([`PlaceFigure::min_places_to_recover_with`]: 1 when it recovers alone); among equals, the
/// fewer places whose loss with it is fatal ([`PlaceFigure::min_places_lost_fatal_with`]: 1
/// when a fire there alone loses the wallet); then the more cards it holds; then the order
/// given. A figure the search could not settle counts as the least important. People are
/// ranked the same way with their own figures. Returns indices into `figures`.
pub fn rank_by_importance(figures: &[(Option<u16>, Option<u16>, u16)]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..figures.len()).collect();
    order.sort_by_key(|&i| {
        let (theft, loss, cards) = figures[i];
        (
            theft.unwrap_or(u16::MAX),
            loss.unwrap_or(u16::MAX),
            core::cmp::Reverse(cards),
            i,
        )
    });
    order
}

/// Everything [`Layout::analyse`] finds (the JSON of `seedshard plan --json`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PlanReport {
    /// The plan in words.
    pub plan: String,
    /// Groups needed.
    pub group_threshold: u8,
    /// Each group.
    pub groups: Vec<GroupFigure>,
    /// Cards in the plan.
    pub total_cards: u16,
    /// The fewest cards that recover.
    pub min_cards_to_recover: u16,
    /// Such a set, by group.
    pub smallest_recovering_set: Vec<GroupCount>,
    /// The most cards that may be lost, whichever they are, with the wallet still recoverable.
    pub max_losses_survived: u16,
    /// The worst loss: the fewest cards whose loss makes the wallet unrecoverable, by group.
    pub smallest_fatal_loss: Vec<GroupCount>,
    /// The most cards that together still cannot recover.
    pub largest_failing_set: u16,
    /// Such a set, by group.
    pub largest_failing_cards: Vec<GroupCount>,
    /// The path without the owner's cards (absent when the owner's cards are not known).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub heirs: Option<HeirsPath>,
    /// People figures, with holder names.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub people: Option<PeopleFigures>,
    /// Place figures, with places.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub places: Option<PlaceFigures>,
    /// Plain sentences on weak points of the plan.
    pub warnings: Vec<String>,
}

fn total(p: &[GroupCount]) -> u16 {
    p.iter().map(|g| u16::from(g.cards)).sum()
}

fn card_names(cards: &[CardRef]) -> Vec<String> {
    cards
        .iter()
        .map(|c| format!("{}.{}", c.group + 1, c.member + 1))
        .collect()
}

/// Analyses `layout`.
pub(super) fn analyse(layout: &Layout) -> PlanReport {
    let plan = layout.plan();
    let shape = Shape {
        groups: plan
            .groups()
            .iter()
            .map(|g| (g.threshold(), g.count()))
            .collect(),
        need: usize::from(plan.group_threshold()),
    };
    let full = shape.full();
    let total_cards: u16 = shape.groups.iter().map(|g| u16::from(g.1)).sum();
    let smallest = shape
        .min_recover(&full)
        .expect("a valid plan recovers from all its cards");
    let failing = shape.largest_failing();
    let fatal = shape.smallest_fatal();
    let mut warnings = Vec::new();

    // The owner's cards: a named owner, else the single-card groups when nobody is named.
    let owner_cards: Option<(OwnerRule, Option<String>, Vec<CardRef>)> = match layout.owner() {
        Some(h) => Some((OwnerRule::NamedOwner, Some(h.name.clone()), h.cards.clone())),
        None if !layout.names_given() => {
            let cards: Vec<CardRef> = Layout::cards_of(plan)
                .into_iter()
                .filter(|c| shape.groups[usize::from(c.group)].1 == 1)
                .collect();
            (!cards.is_empty()).then_some((OwnerRule::SingleCardGroups, None, cards))
        }
        None => None,
    };

    let holder_counts: Vec<Counts> = layout
        .holders()
        .iter()
        .map(|h| counts_of(&h.cards))
        .collect();
    let heirs = owner_cards.map(|(rule, owner, cards)| {
        let rest = minus(&full, &counts_of(&cards));
        let set = shape.min_recover(&rest);
        if set.is_none() {
            warnings.push(
                "Without the owner's cards nobody can recover the wallet: the heirs would need them."
                    .to_string(),
            );
        }
        let (min_people, people) = if layout.names_given() {
            let others: Vec<usize> = (0..holder_counts.len())
                .filter(|&i| Some(&layout.holders()[i]) != layout.owner())
                .collect();
            let units: Vec<Counts> = others.iter().map(|&i| holder_counts[i]).collect();
            match smallest_units(&shape, &units, Goal::Recover) {
                Ok(Some(found)) => (
                    Some(found.len() as u16),
                    found
                        .iter()
                        .map(|&j| layout.holders()[others[j]].name.clone())
                        .collect(),
                ),
                _ => (None, Vec::new()),
            }
        } else {
            (None, Vec::new())
        };
        HeirsPath {
            owner_rule: rule,
            owner,
            owner_cards: card_names(&cards),
            min_cards_to_recover: set.as_deref().map(total),
            smallest_recovering_set: set.unwrap_or_default(),
            min_people_to_recover: min_people,
            smallest_recovering_people: people,
        }
    });

    let min_cards = total(&smallest);
    if min_cards == 1 {
        warnings.push(
            "A single card recovers the wallet on its own: whoever holds or finds it can take everything."
                .to_string(),
        );
    }
    if total(&fatal) == 1 {
        warnings.push(format!(
            "Losing one card can make the wallet unrecoverable: {}.",
            describe_counts(&fatal)
        ));
    }

    let people = layout.names_given().then(|| {
        let owner = layout.owner().map(|h| h.name.clone());
        let rec = smallest_units(&shape, &holder_counts, Goal::Recover);
        let brk = smallest_units(&shape, &holder_counts, Goal::Break);
        let (rec_with, brk_with, ranked) =
            figures_with_each(&shape, &holder_counts, rec.as_ref(), brk.as_ref());
        let holders: Vec<HolderFigure> = layout
            .holders()
            .iter()
            .zip(&holder_counts)
            .enumerate()
            .map(|(i, (h, c))| {
                let without = minus(&full, c);
                HolderFigure {
                    name: h.name.clone(),
                    owner: owner.as_deref() == Some(h.name.as_str()),
                    cards: card_names(&h.cards),
                    recovers_alone: shape.recovers(c),
                    loss_survived: shape.recovers(&without),
                    groups_lost: shape.groups_lost(&without),
                    min_people_to_recover_with: rec_with[i],
                    min_people_lost_fatal_with: brk_with[i],
                }
            })
            .collect();
        for h in holders.iter().filter(|h| h.named_for_warnings(layout)) {
            let who = if h.owner {
                format!("{} (the owner)", h.name)
            } else {
                h.name.clone()
            };
            if h.recovers_alone {
                warnings.push(format!(
                    "{who} alone holds enough cards to recover the wallet: one theft or one lapse there is enough."
                ));
            }
            if !h.loss_survived {
                warnings.push(format!(
                    "If {who} is gone with their cards, the wallet cannot be recovered."
                ));
            } else if h
                .groups_lost
                .iter()
                .any(|&g| shape.groups[usize::from(g - 1)].1 > 1)
            {
                // A single-card group is lost with its one holder by design: no warning.
                warnings.push(format!(
                    "If {who} is gone with their cards, {} can never be completed.",
                    describe_groups(&h.groups_lost)
                ));
            }
        }
        let names = |v: &[usize]| -> Vec<String> {
            v.iter().map(|&i| layout.holders()[i].name.clone()).collect()
        };
        let exact = rec.is_ok() && brk.is_ok() && ranked;
        let by_importance = rank_by_importance(
            &holders
                .iter()
                .map(|h| {
                    (
                        h.min_people_to_recover_with,
                        h.min_people_lost_fatal_with,
                        h.cards.len() as u16,
                    )
                })
                .collect::<Vec<_>>(),
        );
        let rec = rec.ok().flatten();
        let brk = brk.ok().flatten();
        PeopleFigures {
            min_people_to_recover: rec.as_ref().map(|v| v.len() as u16),
            smallest_recovering_people: rec.as_deref().map(&names).unwrap_or_default(),
            max_people_lost_survived: brk.as_ref().map(|v| v.len() as u16 - 1),
            smallest_fatal_people: brk.as_deref().map(&names).unwrap_or_default(),
            people_search: if exact {
                SearchOutcome::Exact
            } else {
                SearchOutcome::TooLarge
            },
            holders_by_importance: by_importance
                .iter()
                .map(|&i| holders[i].name.clone())
                .collect(),
            holders,
        }
    });

    let places = (!layout.places().is_empty()).then(|| {
        // Units: each named place, then each holder kept at no named place.
        let mut unit_names = Vec::new();
        let mut units = Vec::new();
        let mut figures = Vec::new();
        for p in layout.places() {
            let mut c = [0u8; 16];
            for &h in &p.holders {
                add_times(&mut c, &holder_counts[h], 1);
            }
            let without = minus(&full, &c);
            let fig = PlaceFigure {
                name: p.name.clone(),
                holders: p
                    .holders
                    .iter()
                    .map(|&h| layout.holders()[h].name.clone())
                    .collect(),
                cards: c.iter().map(|&x| u16::from(x)).sum(),
                recovers_alone: shape.recovers(&c),
                loss_survived: shape.recovers(&without),
                groups_lost: shape.groups_lost(&without),
                min_places_to_recover_with: None,
                min_places_lost_fatal_with: None,
            };
            if fig.recovers_alone {
                warnings.push(format!(
                    "Everything kept at {} is enough to recover the wallet: one burglary there is enough.",
                    fig.name
                ));
            }
            if !fig.loss_survived {
                warnings.push(format!(
                    "A fire at {} would make the wallet unrecoverable.",
                    fig.name
                ));
            }
            figures.push(fig);
            unit_names.push(p.name.clone());
            units.push(c);
        }
        for (i, h) in layout.holders().iter().enumerate() {
            if !layout.places().iter().any(|p| p.holders.contains(&i)) {
                unit_names.push(format!("{}'s own place", h.name));
                units.push(holder_counts[i]);
            }
        }
        let rec = smallest_units(&shape, &units, Goal::Recover);
        let brk = smallest_units(&shape, &units, Goal::Break);
        let (rec_with, brk_with, ranked) =
            figures_with_each(&shape, &units, rec.as_ref(), brk.as_ref());
        for (i, f) in figures.iter_mut().enumerate() {
            f.min_places_to_recover_with = rec_with[i];
            f.min_places_lost_fatal_with = brk_with[i];
        }
        let by_importance = rank_by_importance(
            &figures
                .iter()
                .map(|f| (f.min_places_to_recover_with, f.min_places_lost_fatal_with, f.cards))
                .collect::<Vec<_>>(),
        );
        let named = |r: &Result<Option<Vec<usize>>, ()>| -> Vec<String> {
            r.as_ref()
                .ok()
                .and_then(|r| r.as_ref())
                .map(|v| v.iter().map(|&i| unit_names[i].clone()).collect())
                .unwrap_or_default()
        };
        PlaceFigures {
            min_places_to_recover: rec.as_ref().ok().and_then(|r| r.as_ref()).map(|v| v.len() as u16),
            smallest_recovering_places: named(&rec),
            max_places_lost_survived: brk
                .as_ref()
                .ok()
                .and_then(|r| r.as_ref())
                .map(|v| v.len() as u16 - 1),
            smallest_fatal_places: named(&brk),
            places_search: if rec.is_ok() && brk.is_ok() && ranked {
                SearchOutcome::Exact
            } else {
                SearchOutcome::TooLarge
            },
            places_by_importance: by_importance
                .iter()
                .map(|&i| figures[i].name.clone())
                .collect(),
            places: figures,
        }
    });

    PlanReport {
        plan: layout.describe(),
        group_threshold: plan.group_threshold(),
        groups: shape
            .groups
            .iter()
            .enumerate()
            .map(|(i, &(t, n))| GroupFigure {
                group: i as u8 + 1,
                member_threshold: t,
                cards: n,
                losses_survived: n - t,
            })
            .collect(),
        total_cards,
        min_cards_to_recover: min_cards,
        smallest_recovering_set: smallest,
        max_losses_survived: total(&fatal) - 1,
        smallest_fatal_loss: fatal,
        largest_failing_set: total(&failing),
        largest_failing_cards: failing,
        heirs,
        people,
        places,
        warnings,
    }
}

/// For each unit (person or place): the fewest units, it among them, that recover and whose
/// loss is fatal, from the smallest sets of all; and whether every figure was settled. The
/// searches for all units share one [`SEARCH_BUDGET`].
fn figures_with_each(
    shape: &Shape,
    units: &[Counts],
    rec: Result<&Option<Vec<usize>>, &()>,
    brk: Result<&Option<Vec<usize>>, &()>,
) -> (Vec<Option<u16>>, Vec<Option<u16>>, bool) {
    let mut budget = Budget(SEARCH_BUDGET);
    let mut each = |found: Result<&Option<Vec<usize>>, &()>, goal| match found {
        Ok(Some(best)) => smallest_with_each(shape, units, goal, best, &mut budget),
        _ => alloc::vec![None; units.len()],
    };
    let rec_with = each(rec, Goal::Recover);
    let brk_with = each(brk, Goal::Break);
    let settled = rec_with.iter().chain(&brk_with).all(Option::is_some);
    (rec_with, brk_with, settled)
}

impl HolderFigure {
    /// Warnings name people, not cards nobody was named for.
    fn named_for_warnings(&self, layout: &Layout) -> bool {
        layout
            .holders()
            .iter()
            .any(|h| h.named && h.name == self.name)
    }
}

#[cfg(test)]
mod tests;
