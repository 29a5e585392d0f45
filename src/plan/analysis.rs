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
//! [`SEARCH_BUDGET`](super::SEARCH_BUDGET) steps).

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;

use super::{CardRef, Layout, SEARCH_BUDGET};

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
    /// Whether the search was exact.
    pub places_search: SearchOutcome,
    /// Each named place.
    pub places: Vec<PlaceFigure>,
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

/// Counts per group.
type Counts = [u8; 16];

/// The plan's numbers: (threshold, count) per group and the group threshold.
struct Shape {
    groups: Vec<(u8, u8)>,
    need: usize,
}

impl Shape {
    fn recovers(&self, have: &Counts) -> bool {
        self.groups
            .iter()
            .zip(have)
            .filter(|((t, _), c)| *c >= t)
            .count()
            >= self.need
    }

    fn full(&self) -> Counts {
        let mut c = [0u8; 16];
        for (i, (_, n)) in self.groups.iter().enumerate() {
            c[i] = *n;
        }
        c
    }

    /// The smallest recovering set among `avail` cards per group.
    fn min_recover(&self, avail: &Counts) -> Option<Vec<GroupCount>> {
        let mut open: Vec<(u8, usize)> = self
            .groups
            .iter()
            .enumerate()
            .filter(|(i, (t, _))| avail[*i] >= *t)
            .map(|(i, (t, _))| (*t, i))
            .collect();
        if open.len() < self.need {
            return None;
        }
        open.sort();
        let mut pick: Vec<GroupCount> = open[..self.need]
            .iter()
            .map(|&(t, i)| GroupCount {
                group: i as u8 + 1,
                cards: t,
            })
            .collect();
        pick.sort_by_key(|g| g.group);
        Some(pick)
    }

    /// The largest set of cards that does not recover.
    fn largest_failing(&self) -> Vec<GroupCount> {
        let mut gain: Vec<(u8, usize)> = self
            .groups
            .iter()
            .enumerate()
            .map(|(i, (t, n))| (n - t + 1, i))
            .collect();
        // Most gained first; the lower group number first among equals.
        gain.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let full: Vec<usize> = gain[..self.need - 1].iter().map(|g| g.1).collect();
        self.groups
            .iter()
            .enumerate()
            .map(|(i, (t, n))| GroupCount {
                group: i as u8 + 1,
                cards: if full.contains(&i) { *n } else { t - 1 },
            })
            .filter(|g| g.cards > 0)
            .collect()
    }

    /// The smallest loss that makes recovery impossible.
    fn smallest_fatal(&self) -> Vec<GroupCount> {
        let mut cost: Vec<(u8, usize)> = self
            .groups
            .iter()
            .enumerate()
            .map(|(i, (t, n))| (n - t + 1, i))
            .collect();
        cost.sort();
        let breaks = self.groups.len() - self.need + 1;
        let mut pick: Vec<GroupCount> = cost[..breaks]
            .iter()
            .map(|&(c, i)| GroupCount {
                group: i as u8 + 1,
                cards: c,
            })
            .collect();
        pick.sort_by_key(|g| g.group);
        pick
    }

    /// Groups that can never be completed with only `have`.
    fn groups_lost(&self, have: &Counts) -> Vec<u8> {
        self.groups
            .iter()
            .enumerate()
            .filter(|(i, (t, _))| have[*i] < *t)
            .map(|(i, _)| i as u8 + 1)
            .collect()
    }
}

fn total(p: &[GroupCount]) -> u16 {
    p.iter().map(|g| u16::from(g.cards)).sum()
}

fn counts_of(cards: &[CardRef]) -> Counts {
    let mut c = [0u8; 16];
    for card in cards {
        c[usize::from(card.group)] += 1;
    }
    c
}

fn minus(a: &Counts, b: &Counts) -> Counts {
    let mut c = *a;
    for (x, y) in c.iter_mut().zip(b) {
        *x -= y;
    }
    c
}

/// `a + times * b`, per group.
fn add_times(a: &mut Counts, b: &Counts, times: u8) {
    for (x, y) in a.iter_mut().zip(b) {
        *x += y * times;
    }
}

/// Holdings searched as kinds: identical holdings are one kind with several units.
struct Kind {
    counts: Counts,
    units: Vec<usize>,
}

/// What a search looks for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Goal {
    /// The fewest units whose cards together recover.
    Recover,
    /// The fewest units whose loss leaves a set that cannot recover.
    Break,
}

struct Search<'a> {
    shape: &'a Shape,
    kinds: Vec<Kind>,
    /// Per kind index k: the cards of kinds k.. (all units).
    suffix: Vec<Counts>,
    goal: Goal,
    steps: u64,
    best: Option<Vec<(usize, usize)>>,
    best_len: usize,
}

impl Search<'_> {
    fn done(&self, state: &Counts) -> bool {
        match self.goal {
            Goal::Recover => self.shape.recovers(state),
            Goal::Break => !self.shape.recovers(state),
        }
    }

    fn apply(&self, state: &Counts, counts: &Counts, times: usize) -> Counts {
        let mut s = *state;
        for (x, c) in s.iter_mut().zip(counts) {
            let d = c * times as u8;
            *x = match self.goal {
                Goal::Recover => *x + d,
                Goal::Break => *x - d,
            };
        }
        s
    }

    /// Returns false when the budget ran out.
    fn dfs(
        &mut self,
        k: usize,
        state: Counts,
        used: usize,
        chosen: &mut Vec<(usize, usize)>,
    ) -> bool {
        self.steps += 1;
        if self.steps > SEARCH_BUDGET {
            return false;
        }
        if self.done(&state) {
            if used < self.best_len {
                self.best_len = used;
                self.best = Some(chosen.clone());
            }
            return true;
        }
        if k == self.kinds.len() || used + 1 >= self.best_len {
            return true;
        }
        // Even with every remaining unit the goal is out of reach: prune.
        let extreme = self.apply(&state, &self.suffix[k], 1);
        if !self.done(&extreme) {
            return true;
        }
        let units = self.kinds[k].units.len();
        let counts = self.kinds[k].counts;
        for c in (0..=units).rev() {
            if c > 0 && used + c >= self.best_len {
                continue;
            }
            let next = self.apply(&state, &counts, c);
            if c > 0 {
                chosen.push((k, c));
            }
            let ok = self.dfs(k + 1, next, used + c, chosen);
            if c > 0 {
                chosen.pop();
            }
            if !ok {
                return false;
            }
        }
        true
    }
}

/// The fewest units (each a holding of cards) that reach `goal`: Some(indices), None when
/// impossible; Err(()) when the search ran out of steps.
fn smallest_units(shape: &Shape, units: &[Counts], goal: Goal) -> Result<Option<Vec<usize>>, ()> {
    if units
        .iter()
        .all(|u| u.iter().filter(|&&c| c > 0).count() <= 1)
    {
        return Ok(smallest_single_group_units(shape, units, goal));
    }
    let mut kinds: Vec<Kind> = Vec::new();
    for (i, u) in units.iter().enumerate() {
        match kinds.iter_mut().find(|k| k.counts == *u) {
            Some(k) => k.units.push(i),
            None => kinds.push(Kind {
                counts: *u,
                units: vec![i],
            }),
        }
    }
    // Big holdings first: good sets are found early and prune the rest.
    kinds.sort_by_key(|k| core::cmp::Reverse(k.counts.iter().map(|&c| u16::from(c)).sum::<u16>()));
    let mut suffix = vec![[0u8; 16]; kinds.len() + 1];
    for k in (0..kinds.len()).rev() {
        let mut s = suffix[k + 1];
        add_times(&mut s, &kinds[k].counts, kinds[k].units.len() as u8);
        suffix[k] = s;
    }
    let start = match goal {
        Goal::Recover => [0u8; 16],
        Goal::Break => shape.full(),
    };
    let mut search = Search {
        shape,
        kinds,
        suffix,
        goal,
        steps: 0,
        best: None,
        best_len: usize::MAX,
    };
    let mut chosen = Vec::new();
    if !search.dfs(0, start, 0, &mut chosen) {
        return Err(());
    }
    Ok(search.best.map(|b| {
        let mut out: Vec<usize> = b
            .iter()
            .flat_map(|&(k, c)| search.kinds[k].units[..c].iter().copied())
            .collect();
        out.sort_unstable();
        out
    }))
}

/// [`smallest_units`] when every unit holds cards of one group at most: exact and fast.
///
/// Each group is then settled on its own: the fewest units that complete it (or that break
/// it) are its biggest holdings, taken greedily, since any k units hold at most as many of its
/// cards as the k biggest. Recovering takes the G cheapest groups to complete; breaking the
/// plan takes the `k - G + 1` cheapest groups to break.
fn smallest_single_group_units(shape: &Shape, units: &[Counts], goal: Goal) -> Option<Vec<usize>> {
    let mut costs: Vec<(usize, Vec<usize>)> = Vec::new();
    for (g, &(t, _)) in shape.groups.iter().enumerate() {
        let mut mine: Vec<usize> = (0..units.len()).filter(|&i| units[i][g] > 0).collect();
        mine.sort_by_key(|&i| core::cmp::Reverse(units[i][g]));
        let total: u16 = mine.iter().map(|&i| u16::from(units[i][g])).sum();
        let mut taken = Vec::new();
        let mut sum = 0u16;
        let reached = |sum: u16| match goal {
            Goal::Recover => sum >= u16::from(t),
            Goal::Break => total - sum < u16::from(t),
        };
        for &i in &mine {
            if reached(sum) {
                break;
            }
            sum += u16::from(units[i][g]);
            taken.push(i);
        }
        if reached(sum) {
            costs.push((taken.len(), taken));
        }
    }
    let need = match goal {
        Goal::Recover => shape.need,
        Goal::Break => shape.groups.len() - shape.need + 1,
    };
    if costs.len() < need {
        return None;
    }
    costs.sort_by_key(|c| c.0);
    let mut out: Vec<usize> = costs[..need]
        .iter()
        .flat_map(|c| c.1.iter().copied())
        .collect();
    out.sort_unstable();
    Some(out)
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
        let holders: Vec<HolderFigure> = layout
            .holders()
            .iter()
            .zip(&holder_counts)
            .map(|(h, c)| {
                let without = minus(&full, c);
                HolderFigure {
                    name: h.name.clone(),
                    owner: owner.as_deref() == Some(h.name.as_str()),
                    cards: card_names(&h.cards),
                    recovers_alone: shape.recovers(c),
                    loss_survived: shape.recovers(&without),
                    groups_lost: shape.groups_lost(&without),
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
        let rec = smallest_units(&shape, &holder_counts, Goal::Recover);
        let brk = smallest_units(&shape, &holder_counts, Goal::Break);
        let exact = rec.is_ok() && brk.is_ok();
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
        PlaceFigures {
            min_places_to_recover: rec.as_ref().ok().and_then(|r| r.as_ref()).map(|v| v.len() as u16),
            smallest_recovering_places: rec
                .as_ref()
                .ok()
                .and_then(|r| r.as_ref())
                .map(|v| v.iter().map(|&i| unit_names[i].clone()).collect())
                .unwrap_or_default(),
            places_search: if rec.is_ok() {
                SearchOutcome::Exact
            } else {
                SearchOutcome::TooLarge
            },
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

impl HolderFigure {
    /// Warnings name people, not cards nobody was named for.
    fn named_for_warnings(&self, layout: &Layout) -> bool {
        layout
            .holders()
            .iter()
            .any(|h| h.named && h.name == self.name)
    }
}

/// "1 card of group 1 and 2 cards of group 3".
pub fn describe_counts(counts: &[GroupCount]) -> String {
    let parts: Vec<String> = counts
        .iter()
        .map(|g| {
            format!(
                "{} card{} of group {}",
                g.cards,
                if g.cards == 1 { "" } else { "s" },
                g.group
            )
        })
        .collect();
    join_and(&parts)
}

/// "group 2" or "groups 1 and 3".
pub fn describe_groups(groups: &[u8]) -> String {
    let parts: Vec<String> = groups.iter().map(|g| g.to_string()).collect();
    format!(
        "group{} {}",
        if groups.len() == 1 { "" } else { "s" },
        join_and(&parts)
    )
}

/// "a", "a and b", "a, b and c".
pub fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

impl PlanReport {
    /// The report for people: one sentence a line.
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![format!(
            "Plan: {} ({} cards in all).",
            self.plan, self.total_cards
        )];
        out.push(format!(
            "Fewest cards that recover: {} ({}).",
            self.min_cards_to_recover,
            describe_counts(&self.smallest_recovering_set)
        ));
        out.push(format!(
            "Any {} card{} may be lost and the wallet still recovers; the worst loss of {} ({}) makes it unrecoverable.",
            self.max_losses_survived,
            if self.max_losses_survived == 1 { "" } else { "s" },
            self.max_losses_survived + 1,
            describe_counts(&self.smallest_fatal_loss)
        ));
        out.push(format!(
            "Most cards that still cannot recover: {} ({}).",
            self.largest_failing_set,
            describe_counts(&self.largest_failing_cards)
        ));
        if let Some(h) = &self.heirs {
            let whose = match (&h.owner, h.owner_rule) {
                (Some(name), _) => format!("{name}'s cards"),
                (None, _) => "the single-card groups (taken as the owner's)".to_string(),
            };
            match h.min_cards_to_recover {
                Some(n) => out.push(format!(
                    "Heirs' path without {whose}: {n} cards ({}){}.",
                    describe_counts(&h.smallest_recovering_set),
                    match h.min_people_to_recover {
                        Some(p) => format!(
                            ", {p} people ({})",
                            join_and(&h.smallest_recovering_people)
                        ),
                        None => String::new(),
                    }
                )),
                None => out.push(format!(
                    "Heirs' path without {whose}: none, the wallet cannot be recovered without them."
                )),
            }
        }
        if let Some(p) = &self.people {
            match p.min_people_to_recover {
                Some(n) => out.push(format!(
                    "Fewest people who together recover: {n} ({}).",
                    join_and(&p.smallest_recovering_people)
                )),
                None => out.push(
                    "Fewest people who together recover: too many holders to search exhaustively; the card figures above still hold."
                        .to_string(),
                ),
            }
            if let Some(n) = p.max_people_lost_survived {
                out.push(format!(
                    "Any {n} people may be gone with their cards; losing {} ({}) is fatal.",
                    n + 1,
                    join_and(&p.smallest_fatal_people)
                ));
            }
            for h in &p.holders {
                out.push(format!(
                    "  {}{}: card{} {}; alone recovers: {}; if gone: {}.",
                    h.name,
                    if h.owner { " (owner)" } else { "" },
                    if h.cards.len() == 1 { "" } else { "s" },
                    h.cards.join(", "),
                    if h.recovers_alone { "YES" } else { "no" },
                    if !h.loss_survived {
                        "wallet LOST".to_string()
                    } else if h.groups_lost.is_empty() {
                        "survives".to_string()
                    } else {
                        format!(
                            "survives, but {} can never be completed",
                            describe_groups(&h.groups_lost)
                        )
                    }
                ));
            }
        }
        if let Some(p) = &self.places {
            match p.min_places_to_recover {
                Some(n) => out.push(format!(
                    "Fewest places a thief must visit: {n} ({}).",
                    join_and(&p.smallest_recovering_places)
                )),
                None => out.push(
                    "Fewest places a thief must visit: too many to search exhaustively."
                        .to_string(),
                ),
            }
            for f in &p.places {
                out.push(format!(
                    "  {}: {} card{} ({}); a thief there alone recovers: {}; after a fire there: {}.",
                    f.name,
                    f.cards,
                    if f.cards == 1 { "" } else { "s" },
                    join_and(&f.holders),
                    if f.recovers_alone { "YES" } else { "no" },
                    if f.loss_survived { "survives" } else { "wallet LOST" }
                ));
            }
        }
        for w in &self.warnings {
            out.push(format!("Warning: {w}"));
        }
        out
    }

    /// A few lines for the output of `split` and the owner sheet.
    pub fn summary(&self) -> Vec<String> {
        let mut out = vec![format!(
            "Plan {}: {} of its {} cards recover at the least; any {} may be lost; the largest set that cannot recover has {}.",
            self.plan,
            self.min_cards_to_recover,
            self.total_cards,
            self.max_losses_survived,
            self.largest_failing_set
        )];
        if let Some(h) = &self.heirs {
            if let Some(n) = h.min_cards_to_recover {
                out.push(format!("Without the owner's cards, {n} cards recover."));
            }
        }
        for w in &self.warnings {
            out.push(format!("Warning: {w}"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slip39::scheme::{GroupSpec, SplitPlan};

    fn plan(g: u8, groups: &[&str]) -> SplitPlan {
        SplitPlan::new(
            g,
            groups
                .iter()
                .map(|s| s.parse::<GroupSpec>().unwrap())
                .collect(),
        )
        .unwrap()
    }

    /// Brute force over every subset of cards, for small plans: (min recovering, max failing,
    /// min fatal loss).
    fn brute(p: &SplitPlan) -> (u16, u16, u16) {
        let cards = Layout::cards_of(p);
        let shape = Shape {
            groups: p
                .groups()
                .iter()
                .map(|g| (g.threshold(), g.count()))
                .collect(),
            need: usize::from(p.group_threshold()),
        };
        let n = cards.len();
        let (mut min_rec, mut max_fail, mut min_fatal) = (u16::MAX, 0u16, u16::MAX);
        for mask in 0u32..(1 << n) {
            let mut c = [0u8; 16];
            for (i, card) in cards.iter().enumerate() {
                if mask & (1 << i) != 0 {
                    c[usize::from(card.group)] += 1;
                }
            }
            let size = mask.count_ones() as u16;
            if shape.recovers(&c) {
                min_rec = min_rec.min(size);
            } else {
                max_fail = max_fail.max(size);
                min_fatal = min_fatal.min(n as u16 - size);
            }
        }
        (min_rec, max_fail, min_fatal)
    }

    #[test]
    fn the_known_two_level_figures() {
        let p = plan(2, &["1of1", "1of1", "2of4", "3of6"]);
        let r = Layout::new(p).analyse();
        assert_eq!(r.total_cards, 12);
        assert_eq!(r.min_cards_to_recover, 2);
        assert_eq!(r.max_losses_survived, 4);
        assert_eq!(r.largest_failing_set, 7);
        let heirs = r.heirs.expect("single-card groups are the owner's");
        assert_eq!(heirs.owner_rule, OwnerRule::SingleCardGroups);
        assert_eq!(heirs.owner_cards, ["1.1", "2.1"]);
        assert_eq!(heirs.min_cards_to_recover, Some(5));
        assert_eq!(
            heirs.smallest_recovering_set,
            [
                GroupCount { group: 3, cards: 2 },
                GroupCount { group: 4, cards: 3 }
            ]
        );
    }

    #[test]
    fn the_worst_single_loss_of_two_of_two_groups() {
        // 2 of {2of3, 2of5}: losing 2 cards of the 2of3 group is fatal; any 1 loss is survived.
        let r = Layout::new(plan(2, &["2of3", "2of5"])).analyse();
        assert_eq!(r.max_losses_survived, 1);
        assert_eq!(r.smallest_fatal_loss, [GroupCount { group: 1, cards: 2 }]);
        assert_eq!(r.min_cards_to_recover, 4);
        assert_eq!(r.largest_failing_set, 6); // all 5 of group 2 and 1 of group 1
        assert!(r.heirs.is_none());
    }

    #[test]
    fn card_figures_match_brute_force_on_small_plans() {
        let plans: &[(u8, &[&str])] = &[
            (1, &["2of3"]),
            (1, &["3of5"]),
            (2, &["1of1", "1of1", "2of4", "3of6"]),
            (2, &["2of3", "2of5"]),
            (2, &["2of3", "3of5", "1of1"]),
            (3, &["2of2", "2of3", "3of4", "1of1"]),
            (1, &["1of1", "2of3", "4of6"]),
            (4, &["2of3", "1of1", "2of4", "3of3", "2of2"]),
        ];
        for (g, groups) in plans {
            let p = plan(*g, groups);
            let r = Layout::new(p.clone()).analyse();
            let (min_rec, max_fail, min_fatal) = brute(&p);
            assert_eq!(r.min_cards_to_recover, min_rec, "{groups:?}");
            assert_eq!(total(&r.smallest_recovering_set), min_rec, "{groups:?}");
            assert_eq!(r.largest_failing_set, max_fail, "{groups:?}");
            assert_eq!(total(&r.largest_failing_cards), max_fail, "{groups:?}");
            assert_eq!(r.max_losses_survived + 1, min_fatal, "{groups:?}");
            assert_eq!(total(&r.smallest_fatal_loss), min_fatal, "{groups:?}");
        }
    }

    #[test]
    fn people_and_places() {
        // 2 of {1of1 (owner), 2of3, 2of3}: Ann holds a card of both 2of3 groups.
        let p = plan(2, &["1of1", "2of3", "2of3"]);
        let names = ["owner", "Ann", "Bob", "Cy", "Ann", "Dee", "Eve"];
        let l = Layout::new(p)
            .with_holders(&names)
            .unwrap()
            .with_place("home", &["owner", "Bob"])
            .unwrap()
            .with_place("bank", &["Cy", "Dee"])
            .unwrap();
        let r = l.analyse();
        let people = r.people.as_ref().unwrap();
        assert_eq!(people.people_search, SearchOutcome::Exact);
        // Ann holds one card of each 2of3 group, so the owner and Ann need one more person.
        assert_eq!(people.min_people_to_recover, Some(3));
        // Losing Ann breaks nothing alone; losing the owner leaves both 2of3 groups complete.
        let ann = people.holders.iter().find(|h| h.name == "Ann").unwrap();
        assert_eq!(ann.cards, ["2.1", "3.1"]);
        assert!(ann.loss_survived && !ann.recovers_alone);
        let heirs = r.heirs.as_ref().unwrap();
        assert_eq!(heirs.owner_rule, OwnerRule::NamedOwner);
        assert_eq!(heirs.min_cards_to_recover, Some(4));
        // Without the owner: Ann and Bob complete group 2, Ann and Dee group 3.
        assert_eq!(heirs.min_people_to_recover, Some(3));
        let places = r.places.as_ref().unwrap();
        // home holds the owner's card and Bob's 2.2; bank holds 2.3 and 3.2: home + bank make
        // group 1 and group 2 complete: 2 places.
        assert_eq!(places.min_places_to_recover, Some(2));
        let home = &places.places[0];
        assert_eq!(home.cards, 2);
        assert!(home.loss_survived && !home.recovers_alone);
    }

    #[test]
    fn a_person_who_recovers_alone_is_warned_about() {
        let p = plan(1, &["2of3"]);
        let r = Layout::new(p)
            .with_holders(&["Ann", "Ann", "Bob"])
            .unwrap()
            .analyse();
        assert!(r.people.as_ref().unwrap().holders[0].recovers_alone);
        assert!(
            r.warnings.iter().any(|w| w.starts_with("Ann alone")),
            "{:?}",
            r.warnings
        );
        assert!(
            r.warnings.iter().any(|w| w.contains("If Ann is gone")),
            "{:?}",
            r.warnings
        );
        assert_eq!(r.people.as_ref().unwrap().max_people_lost_survived, Some(0));
    }

    #[test]
    fn a_group_lost_with_one_person_is_warned_about_unless_it_has_one_card() {
        let p = plan(2, &["1of1", "2of2", "2of3"]);
        let r = Layout::new(p)
            .with_holders(&["owner", "Zed", "Yan", "Ann", "Bob", "Cy"])
            .unwrap()
            .analyse();
        assert!(
            r.warnings
                .iter()
                .any(|w| w == "If Zed is gone with their cards, group 2 can never be completed."),
            "{:?}",
            r.warnings
        );
        assert!(
            !r.warnings.iter().any(|w| w.contains("owner")),
            "{:?}",
            r.warnings
        );
    }

    #[test]
    fn people_figures_match_brute_force() {
        // Random-ish holder assignments over a 3-group plan, checked against every subset.
        let p = plan(2, &["2of3", "3of4", "1of1"]);
        let pool = ["A", "B", "C", "D", "E"];
        for seed in 0u32..40 {
            let names: Vec<&str> = (0..8)
                .map(|i| pool[((seed * 7 + i * 3 + seed / 3 * i) % 5) as usize])
                .collect();
            let l = Layout::new(p.clone()).with_holders(&names).unwrap();
            let r = l.analyse();
            let counts: Vec<Counts> = l.holders().iter().map(|h| counts_of(&h.cards)).collect();
            let shape = Shape {
                groups: vec![(2, 3), (3, 4), (1, 1)],
                need: 2,
            };
            let n = counts.len();
            let (mut best_rec, mut best_brk) = (usize::MAX, usize::MAX);
            for mask in 0u32..(1 << n) {
                let mut c = [0u8; 16];
                for (i, h) in counts.iter().enumerate() {
                    if mask & (1 << i) != 0 {
                        add_times(&mut c, h, 1);
                    }
                }
                let k = mask.count_ones() as usize;
                if shape.recovers(&c) {
                    best_rec = best_rec.min(k);
                }
                if !shape.recovers(&minus(&shape.full(), &c)) {
                    best_brk = best_brk.min(k);
                }
            }
            let people = r.people.unwrap();
            assert_eq!(
                people.min_people_to_recover,
                Some(best_rec as u16),
                "{names:?}"
            );
            assert_eq!(
                people.max_people_lost_survived,
                Some(best_brk as u16 - 1),
                "{names:?}"
            );
        }
    }

    #[test]
    fn single_group_holders_match_the_general_search() {
        // Holders who each keep cards of one group only: the greedy per-group figures agree
        // with the branch-and-bound search.
        let shape = Shape {
            groups: vec![(2, 3), (3, 5), (1, 1), (2, 2)],
            need: 2,
        };
        for seed in 0u32..30 {
            let mut units: Vec<Counts> = Vec::new();
            for (g, &(_, n)) in shape.groups.iter().enumerate() {
                let mut left = n;
                let mut k = seed;
                while left > 0 {
                    let take = (1 + (k % 3) as u8).min(left);
                    let mut c = [0u8; 16];
                    c[g] = take;
                    units.push(c);
                    left -= take;
                    k = k / 3 + 7;
                }
            }
            for goal in [Goal::Recover, Goal::Break] {
                let fast = smallest_single_group_units(&shape, &units, goal).map(|v| v.len());
                // The general search, forced by a unit that spans groups and holds nothing
                // useful (an empty unit does not count as spanning): compare sizes only.
                let mut kinds_search = Search {
                    shape: &shape,
                    kinds: units
                        .iter()
                        .enumerate()
                        .map(|(i, c)| Kind {
                            counts: *c,
                            units: vec![i],
                        })
                        .collect(),
                    suffix: Vec::new(),
                    goal,
                    steps: 0,
                    best: None,
                    best_len: usize::MAX,
                };
                let mut suffix = vec![[0u8; 16]; units.len() + 1];
                for k in (0..units.len()).rev() {
                    let mut s = suffix[k + 1];
                    add_times(&mut s, &units[k], 1);
                    suffix[k] = s;
                }
                kinds_search.suffix = suffix;
                let start = if goal == Goal::Recover {
                    [0u8; 16]
                } else {
                    shape.full()
                };
                assert!(kinds_search.dfs(0, start, 0, &mut Vec::new()));
                assert_eq!(fast, Some(kinds_search.best_len), "seed {seed}");
            }
        }
    }

    #[test]
    fn the_largest_plan_is_analysed_exactly() {
        let groups: Vec<GroupSpec> = (0..16)
            .map(|i| GroupSpec::new(2 + i % 15, 16).unwrap())
            .collect();
        let p = SplitPlan::new(9, groups).unwrap();
        // 40 people, most holding cards of several groups.
        let names: Vec<String> = (0..256).map(|i| format!("p{}", (i * 7) % 40)).collect();
        let r = Layout::new(p.clone())
            .with_holders(&names)
            .unwrap()
            .analyse();
        assert_eq!(r.total_cards, 256);
        let people = r.people.unwrap();
        assert_eq!(people.people_search, SearchOutcome::Exact);
        assert!(people.min_people_to_recover.is_some());
        // 256 people with one card each: the people figures are the card figures.
        let names: Vec<String> = (0..256).map(|i| format!("p{i}")).collect();
        let r = Layout::new(p).with_holders(&names).unwrap().analyse();
        let people = r.people.unwrap();
        assert_eq!(people.people_search, SearchOutcome::Exact);
        assert_eq!(people.min_people_to_recover, Some(r.min_cards_to_recover));
        assert_eq!(people.max_people_lost_survived, Some(r.max_losses_survived));
    }
}
