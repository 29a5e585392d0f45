//! The searches behind the people and place figures: the fewest holdings (people or places,
//! each a count of cards per group) that together recover, or whose loss breaks the plan.
//!
//! Identical holdings are searched as one kind (branch and bound, at most
//! [`SEARCH_BUDGET`] steps); when every holding keeps cards of one group only, a greedy
//! count per group is exact and needs no search.

use alloc::vec;
use alloc::vec::Vec;

use super::analysis::GroupCount;
use super::{CardRef, SEARCH_BUDGET};

/// The steps a search may still take; shared by the searches of one figure.
pub(super) struct Budget(pub(super) u64);

/// Counts per group.
pub(super) type Counts = [u8; 16];

/// The plan's numbers: (threshold, count) per group and the group threshold.
pub(super) struct Shape {
    pub(super) groups: Vec<(u8, u8)>,
    pub(super) need: usize,
}

impl Shape {
    pub(super) fn recovers(&self, have: &Counts) -> bool {
        self.groups
            .iter()
            .zip(have)
            .filter(|((t, _), c)| *c >= t)
            .count()
            >= self.need
    }

    /// The plan as it stands for the others once `held` is in hand: each group needs only
    /// what `held` lacks (a group `held` completes needs nothing more).
    pub(super) fn with_held(&self, held: &Counts) -> Shape {
        Shape {
            groups: self
                .groups
                .iter()
                .zip(held)
                .map(|(&(t, n), &c)| (t.saturating_sub(c), n - c))
                .collect(),
            need: self.need,
        }
    }

    /// The plan as it stands once `lost` is gone: each group has only its other cards.
    pub(super) fn without(&self, lost: &Counts) -> Shape {
        Shape {
            groups: self
                .groups
                .iter()
                .zip(lost)
                .map(|(&(t, n), &c)| (t, n - c))
                .collect(),
            need: self.need,
        }
    }

    pub(super) fn full(&self) -> Counts {
        let mut c = [0u8; 16];
        for (i, (_, n)) in self.groups.iter().enumerate() {
            c[i] = *n;
        }
        c
    }

    /// The smallest recovering set among `avail` cards per group.
    pub(super) fn min_recover(&self, avail: &Counts) -> Option<Vec<GroupCount>> {
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
    pub(super) fn largest_failing(&self) -> Vec<GroupCount> {
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
    pub(super) fn smallest_fatal(&self) -> Vec<GroupCount> {
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
    pub(super) fn groups_lost(&self, have: &Counts) -> Vec<u8> {
        self.groups
            .iter()
            .enumerate()
            .filter(|(i, (t, _))| have[*i] < *t)
            .map(|(i, _)| i as u8 + 1)
            .collect()
    }
}

pub(super) fn counts_of(cards: &[CardRef]) -> Counts {
    let mut c = [0u8; 16];
    for card in cards {
        c[usize::from(card.group)] += 1;
    }
    c
}

pub(super) fn minus(a: &Counts, b: &Counts) -> Counts {
    let mut c = *a;
    for (x, y) in c.iter_mut().zip(b) {
        *x -= y;
    }
    c
}

/// `a + times * b`, per group.
pub(super) fn add_times(a: &mut Counts, b: &Counts, times: u8) {
    for (x, y) in a.iter_mut().zip(b) {
        *x += y * times;
    }
}

/// Holdings searched as kinds: identical holdings are one kind with several units.
pub(super) struct Kind {
    pub(super) counts: Counts,
    pub(super) units: Vec<usize>,
}

/// What a search looks for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Goal {
    /// The fewest units whose cards together recover.
    Recover,
    /// The fewest units whose loss leaves a set that cannot recover.
    Break,
}

pub(super) struct Search<'a> {
    pub(super) shape: &'a Shape,
    pub(super) kinds: Vec<Kind>,
    /// Per kind index k: the cards of kinds k.. (all units).
    pub(super) suffix: Vec<Counts>,
    pub(super) goal: Goal,
    pub(super) steps: u64,
    /// The most steps this search may take.
    pub(super) budget: u64,
    pub(super) best: Option<Vec<(usize, usize)>>,
    pub(super) best_len: usize,
}

impl Search<'_> {
    pub(super) fn done(&self, state: &Counts) -> bool {
        match self.goal {
            Goal::Recover => self.shape.recovers(state),
            Goal::Break => !self.shape.recovers(state),
        }
    }

    pub(super) fn apply(&self, state: &Counts, counts: &Counts, times: usize) -> Counts {
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
    pub(super) fn dfs(
        &mut self,
        k: usize,
        state: Counts,
        used: usize,
        chosen: &mut Vec<(usize, usize)>,
    ) -> bool {
        self.steps += 1;
        if self.steps > self.budget {
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
/// impossible; Err(()) when the search ran out of steps ([`SEARCH_BUDGET`]).
pub(super) fn smallest_units(
    shape: &Shape,
    units: &[Counts],
    goal: Goal,
) -> Result<Option<Vec<usize>>, ()> {
    smallest_units_below(shape, units, goal, usize::MAX, &mut Budget(SEARCH_BUDGET))
}

/// [`smallest_units`] among sets of fewer than `limit` units (None when there is none),
/// taking its steps from `budget`.
pub(super) fn smallest_units_below(
    shape: &Shape,
    units: &[Counts],
    goal: Goal,
    limit: usize,
    budget: &mut Budget,
) -> Result<Option<Vec<usize>>, ()> {
    if units
        .iter()
        .all(|u| u.iter().filter(|&&c| c > 0).count() <= 1)
    {
        return Ok(smallest_single_group_units(shape, units, goal).filter(|v| v.len() < limit));
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
        budget: budget.0,
        best: None,
        best_len: limit,
    };
    let mut chosen = Vec::new();
    let finished = search.dfs(0, start, 0, &mut chosen);
    budget.0 = budget.0.saturating_sub(search.steps);
    if !finished {
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

/// For each unit, the fewest units, that one among them, that reach `goal` (None where the
/// search ran out of steps), given `best`, a smallest set of all (from [`smallest_units`]).
///
/// Such a set has `best.len()` units when the unit is in some smallest set, else one more
/// (the unit and `best`); so each unit outside `best` needs only a search among the others,
/// in the plan as it stands with its cards held (or lost), for fewer than `best.len()` more.
/// The searches share `budget`.
pub(super) fn smallest_with_each(
    shape: &Shape,
    units: &[Counts],
    goal: Goal,
    best: &[usize],
    budget: &mut Budget,
) -> Vec<Option<u16>> {
    let m = best.len();
    // Units holding the same cards have the same figure: each kind is searched once.
    let mut known: Vec<(Counts, Option<u16>)> =
        best.iter().map(|&u| (units[u], Some(m as u16))).collect();
    (0..units.len())
        .map(|u| {
            if let Some((_, figure)) = known.iter().find(|(c, _)| *c == units[u]) {
                return *figure;
            }
            let derived = match goal {
                Goal::Recover => shape.with_held(&units[u]),
                Goal::Break => shape.without(&units[u]),
            };
            let others: Vec<Counts> = units
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != u)
                .map(|(_, c)| *c)
                .collect();
            let figure = match smallest_units_below(&derived, &others, goal, m, budget) {
                Ok(Some(more)) => Some(more.len() as u16 + 1),
                Ok(None) => Some(m as u16 + 1),
                Err(()) => None,
            };
            known.push((units[u], figure));
            figure
        })
        .collect()
}

/// [`smallest_units`] when every unit holds cards of one group at most: exact and fast.
///
/// Each group is then settled on its own: the fewest units that complete it (or that break
/// it) are its biggest holdings, taken greedily, since any k units hold at most as many of its
/// cards as the k biggest. Recovering takes the G cheapest groups to complete; breaking the
/// plan takes the `k - G + 1` cheapest groups to break.
pub(super) fn smallest_single_group_units(
    shape: &Shape,
    units: &[Counts],
    goal: Goal,
) -> Option<Vec<usize>> {
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
