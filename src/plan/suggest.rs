//! Searching plans for stated goals: so many holders (one card each), any L of them may be
//! lost, no R of them together can recover.
//!
//! # Method
//!
//! The card figures of a plan depend only on its numbers ([`super::analysis`]): with groups
//! `t_i of n_i` and group threshold G, the fewest cards that recover `m` is the sum of the G
//! smallest thresholds, and one more than the losses survived `L + 1` is the sum of the
//! `k - G + 1` smallest break costs `b_i = n_i - t_i + 1`. The cards are
//! `sum(t_i + b_i - 1)`. So for given k, G and m the cheapest thresholds are the G smallest as
//! equal as they can be (summing to m) and every other group at the largest of them; the same
//! holds for the break costs and L + 1. Single-card groups (`1of1`, the only threshold 1
//! SLIP-39 allows) have a break cost of 1. Thresholds are then paired with break costs
//! (smallest with largest, so no group passes 16 cards), and cards left over are added to the
//! groups easiest to break, which can only raise L.
//!
//! Every k from 1 to [`MAX_GROUPS`], every G and every m is tried, with the largest L that
//! fits in the holders: at most 16 x 16 x 256 constructions of at most 16 groups each,
//! milliseconds in all (see `docs/performance.md`). Each candidate's figures are worked out
//! again from its groups, and the plans listed are analysed with [`Layout::analyse`], so what
//! is printed is what `seedshard plan` says of them. The tests check the search against every
//! plan of up to 12 holders, and against every plan of 1 to 3 groups up to 48 holders.
//!
//! With one card per holder, a plan can never do better than `losses survived + fewest cards
//! to recover = holders` (a single group of up to 16 reaches it), so beyond 16 holders, or
//! for what a two-level plan gives besides (an owner's short path, groups that match
//! families), the search lists the best plan of each number of groups.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::analysis::PlanReport;
use super::search::Shape;
use super::Layout;
use crate::slip39::scheme::{GroupSpec, SplitPlan};

/// The most groups a suggested plan has (as SLIP-39 allows).
pub const MAX_GROUPS: usize = 16;

/// The most holders a search takes: 16 groups of 16.
pub const MAX_HOLDERS: u16 = 256;

/// The goals of a search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Goals {
    /// People who hold one card each (1 to [`MAX_HOLDERS`]).
    pub holders: u16,
    /// Any this many cards may be lost with the wallet still recoverable.
    pub survive_losses: u16,
    /// No this many holders together can recover.
    pub resist: u16,
}

/// One suggested plan with its figures.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Suggestion {
    /// The `--group` values, in order.
    pub groups: Vec<String>,
    /// The `--group-threshold` value.
    pub group_threshold: u8,
    /// The figures of the plan.
    pub report: PlanReport,
}

/// Why no search was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SuggestError {
    /// No holders, or more than [`MAX_HOLDERS`].
    Holders {
        /// The number given.
        holders: u16,
    },
}

impl core::fmt::Display for SuggestError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::Holders { holders } => write!(
                f,
                "{holders} holders: plans are searched for 1 to {MAX_HOLDERS} holders (16 groups of 16 cards)"
            ),
        }
    }
}

impl core::error::Error for SuggestError {}

/// `count` values as equal as they can be, summing to `sum`, smallest first (None when a
/// value would be 0).
fn balanced(sum: u16, count: u16) -> Option<Vec<u16>> {
    if count == 0 || sum < count {
        return None;
    }
    let (q, r) = (sum / count, sum % count);
    Some((0..count).map(|i| q + u16::from(i >= count - r)).collect())
}

/// The cheapest plan of `k` groups needing `g`, `j` of them single-card groups (`1of1`),
/// with fewest cards `m` and losses survived `l`, padded to `cards`: (threshold, count) per
/// group, or None when it does not fit.
pub(crate) fn construct(
    k: u16,
    g: u16,
    j: u16,
    m: u16,
    l: u16,
    cards: u16,
) -> Option<Vec<(u8, u8)>> {
    if j > k {
        return None;
    }
    // Thresholds of the other groups (at least 2): when the singles are fewer than g, the
    // rest of the g smallest are balanced and every other group is at the largest of them;
    // else m is g and the others need only 2.
    let multi: Vec<u16> = if j < g {
        let mut t: Vec<u16> = balanced(m.checked_sub(j)?, g - j)?;
        if t[0] < 2 {
            return None;
        }
        let top = *t.last()?;
        if top > 16 {
            return None;
        }
        t.extend(core::iter::repeat_n(top, usize::from(k - g)));
        t
    } else {
        if m != g {
            return None;
        }
        alloc::vec![2; usize::from(k - j)]
    };
    // Break costs: singles break with 1 card; the s smallest sum to l + 1.
    let s = k - g + 1;
    let others = k - j;
    let mut b: Vec<u16> = if j >= s {
        if l + 1 != s {
            return None;
        }
        alloc::vec![1; usize::from(others)]
    } else {
        let mut b = balanced((l + 1).checked_sub(j)?, s - j)?;
        let top = *b.last()?;
        b.extend(core::iter::repeat_n(top, usize::from(others - (s - j))));
        b
    };
    // Pair the thresholds, smallest first, with break costs, largest first.
    b.sort_unstable_by(|x, y| y.cmp(x));
    let mut groups: Vec<(u16, u16)> = multi
        .iter()
        .zip(&b)
        .map(|(&t, &b)| (t, t + b - 1))
        .collect();
    let used = j + groups.iter().map(|g| g.1).sum::<u16>();
    if used > cards || groups.iter().any(|&(_, n)| n > 16) {
        return None;
    }
    // Cards left over go to the groups easiest to break (fewest cards beyond the threshold).
    let mut left = cards - used;
    while left > 0 {
        let easiest = groups
            .iter_mut()
            .filter(|(_, n)| *n < 16)
            .min_by_key(|(t, n)| *n - *t)?;
        easiest.1 += 1;
        left -= 1;
    }
    let mut out: Vec<(u8, u8)> = core::iter::repeat_n((1u8, 1u8), usize::from(j))
        .chain(groups.iter().map(|&(t, n)| (t as u8, n as u8)))
        .collect();
    // Largest groups first, as people write them.
    out.sort_unstable_by(|x, y| y.1.cmp(&x.1).then(y.0.cmp(&x.0)));
    Some(out)
}

/// The cards of `k` groups needing `g` with fewest cards `m` when every group has the fewest
/// cards its threshold allows.
fn cheapest_cards(k: u16, g: u16, m: u16) -> u16 {
    m + (k - g) * m.div_ceil(g)
}

/// (fewest cards to recover, losses survived) of a plan's numbers, as the analysis finds them.
pub(crate) fn figures(groups: &[(u8, u8)], g: u8) -> (u16, u16) {
    let shape = Shape {
        groups: groups.to_vec(),
        need: usize::from(g),
    };
    let m = shape
        .min_recover(&shape.full())
        .map(|v| v.iter().map(|c| u16::from(c.cards)).sum())
        .unwrap_or(0);
    let l = shape
        .smallest_fatal()
        .iter()
        .map(|c| u16::from(c.cards))
        .sum::<u16>()
        - 1;
    (m, l)
}

/// How a plan ranks: a larger key is better. (smaller margin, sum of margins, fewer groups,
/// fewer cards to collect in all).
type Key = (u16, u16, core::cmp::Reverse<usize>, core::cmp::Reverse<u16>);

fn key(goals: Goals, groups: &[(u8, u8)], g: u8) -> Option<Key> {
    let (m, l) = figures(groups, g);
    if l < goals.survive_losses || m <= goals.resist {
        return None;
    }
    let a = l - goals.survive_losses;
    let b = m - goals.resist - 1;
    let tsum = groups.iter().map(|&(t, _)| u16::from(t)).sum();
    Some((
        a.min(b),
        a + b,
        core::cmp::Reverse(groups.len()),
        core::cmp::Reverse(tsum),
    ))
}

/// A plan found: its rank, (threshold, count) per group, group threshold.
type Found = (Key, Vec<(u8, u8)>, u8);

/// The best plan of each number of groups meeting `goals`, as (key, groups, group threshold),
/// best first.
fn search(goals: Goals) -> Vec<Found> {
    let n = goals.holders;
    let mut best: Vec<Option<Found>> = alloc::vec![None; MAX_GROUPS + 1];
    for k in 1..=(MAX_GROUPS as u16).min(n) {
        if k * 16 < n {
            continue;
        }
        for g in 1..=k {
            let s = k - g + 1;
            for m in g..=(16 * g).min(n) {
                if cheapest_cards(k, g, m) > n {
                    // More cards than holders already: a larger m only needs more.
                    break;
                }
                for j in 0..=k {
                    // Whether a plan can be built is monotone in L (a smaller L needs
                    // fewer cards and smaller groups): the largest L is found by bisection.
                    let (mut lo, mut hi) = (goals.survive_losses.max(s - 1), (16 * s).min(n) - 1);
                    if lo > hi || construct(k, g, j, m, lo, n).is_none() {
                        continue;
                    }
                    while lo < hi {
                        let mid = lo + (hi - lo).div_ceil(2);
                        if construct(k, g, j, m, mid, n).is_some() {
                            lo = mid;
                        } else {
                            hi = mid - 1;
                        }
                    }
                    let Some(groups) = construct(k, g, j, m, lo, n) else {
                        continue;
                    };
                    if let Some(kk) = key(goals, &groups, g as u8) {
                        let slot = &mut best[usize::from(k)];
                        if slot.as_ref().is_none_or(|(b, _, _)| kk > *b) {
                            *slot = Some((kk, groups, g as u8));
                        }
                    }
                }
            }
        }
    }
    let mut found: Vec<_> = best.into_iter().flatten().collect();
    found.sort_by_key(|x| core::cmp::Reverse(x.0));
    found
}

/// The best few plans for `goals`, best first: the best plan of each number of groups (1 to
/// [`MAX_GROUPS`]) that meets both goals, ranked by the smaller of their two margins, then the
/// sum of the margins, then fewer groups, then fewer cards to collect. Empty when no plan
/// meets the goals.
///
/// # Errors
///
/// [`SuggestError::Holders`] for 0 holders or more than [`MAX_HOLDERS`].
pub fn suggest(goals: Goals, count: usize) -> Result<Vec<Suggestion>, SuggestError> {
    let n = goals.holders;
    if n == 0 || n > MAX_HOLDERS {
        return Err(SuggestError::Holders { holders: n });
    }
    Ok(search(goals)
        .into_iter()
        .take(count)
        .filter_map(|(_, groups, g)| {
            let specs: Vec<GroupSpec> = groups
                .iter()
                .map(|&(t, n)| GroupSpec::new(t, n).ok())
                .collect::<Option<_>>()?;
            let plan = SplitPlan::new(g, specs).ok()?;
            let report = Layout::new(plan.clone()).analyse();
            // What is listed is what the analysis says, and it must meet the goals.
            (report.max_losses_survived >= goals.survive_losses
                && report.min_cards_to_recover > goals.resist
                && report.total_cards == n)
                .then(|| Suggestion {
                    groups: plan
                        .groups()
                        .iter()
                        .map(|g| alloc::format!("{g}"))
                        .collect(),
                    group_threshold: plan.group_threshold(),
                    report,
                })
        })
        .collect())
}

impl Suggestion {
    /// The plan as the flags that make it: `--group 2of3 --group 3of5 --group-threshold 2`
    /// (no group threshold for a single group).
    pub fn flags(&self) -> String {
        let mut flags: Vec<String> = self.groups.iter().map(|g| format!("--group {g}")).collect();
        if self.groups.len() > 1 {
            flags.push(format!("--group-threshold {}", self.group_threshold));
        }
        flags.join(" ")
    }
}

/// Said when no plan meets the goals (the verdict of a search that found nothing).
pub const NO_PLAN: &str = "no plan meets these goals";

/// What to do when no plan meets the goals.
pub const NO_PLAN_HINT: &str = "lower --survive-losses or --resist, or add holders";

/// The plans `found` for `goals` ([`suggest`]) in sentences: a heading, then one line per
/// plan, best first; when nothing was found, why no plan can meet the goals.
///
/// # Examples
///
/// ```
/// use seedshard::plan::suggest::{lines, suggest, Goals};
/// let goals = Goals { holders: 5, survive_losses: 2, resist: 2 };
/// let text = lines(goals, &suggest(goals, 5)?);
/// assert_eq!(text[1], "1. --group 3of5: 3 cards recover at the least (resists 2); any 2 may be lost.");
/// # Ok::<(), seedshard::plan::suggest::SuggestError>(())
/// ```
pub fn lines(goals: Goals, found: &[Suggestion]) -> Vec<String> {
    if found.is_empty() {
        return alloc::vec![format!(
            "No plan of {} holders (one card each) survives {} losses and resists {} holders: with one card each, losses survived + fewest cards to recover is at most {}.",
            goals.holders, goals.survive_losses, goals.resist, goals.holders
        )];
    }
    let mut out = Vec::with_capacity(found.len() + 1);
    out.push(format!(
        "The best plan of each number of groups (1 to {MAX_GROUPS}) for {} holders with one card each, best first:",
        goals.holders
    ));
    for (i, s) in found.iter().enumerate() {
        out.push(format!(
            "{}. {}: {} cards recover at the least (resists {}); any {} may be lost.",
            i + 1,
            s.flags(),
            s.report.min_cards_to_recover,
            s.report.min_cards_to_recover - 1,
            s.report.max_losses_survived
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every plan of `cards` cards in at most [`MAX_GROUPS`] groups, as (threshold, count)
    /// per group, largest groups first (each multiset once).
    fn every_plan(cards: u8) -> Vec<Vec<(u8, u8)>> {
        fn go(left: u8, max: (u8, u8), cur: &mut Vec<(u8, u8)>, out: &mut Vec<Vec<(u8, u8)>>) {
            if left == 0 {
                out.push(cur.clone());
                return;
            }
            if cur.len() == MAX_GROUPS {
                return;
            }
            for n in (1..=max.1.min(left)).rev() {
                for t in (1..=n).rev() {
                    // SLIP-39: threshold 1 only for a single card; groups in order.
                    if (t == 1 && n > 1) || (n, t) > (max.1, max.0) {
                        continue;
                    }
                    cur.push((t, n));
                    go(left - n, (t, n), cur, out);
                    cur.pop();
                }
            }
        }
        let mut out = Vec::new();
        go(cards, (16, 16), &mut Vec::new(), &mut out);
        out
    }

    /// The best key of every plan with `groups` (None: any number), exhaustively.
    fn brute_best(goals: Goals, plans: &[Vec<(u8, u8)>], groups: Option<usize>) -> Option<Key> {
        plans
            .iter()
            .filter(|p| groups.is_none_or(|k| p.len() == k))
            .flat_map(|p| (1..=p.len() as u8).filter_map(move |g| key(goals, p, g)))
            .max()
    }

    #[test]
    fn the_search_finds_the_best_plan_of_every_small_case() {
        for cards in 1..=10u16 {
            let plans = every_plan(cards as u8);
            for survive_losses in 0..cards {
                for resist in 0..cards {
                    let goals = Goals {
                        holders: cards,
                        survive_losses,
                        resist,
                    };
                    let found = search(goals);
                    assert_eq!(
                        found.first().map(|f| f.0),
                        brute_best(goals, &plans, None),
                        "{goals:?}"
                    );
                    // And the best of each number of groups.
                    for k in found.iter().map(|f| f.1.len()) {
                        assert_eq!(
                            found.iter().find(|f| f.1.len() == k).map(|f| f.0),
                            brute_best(goals, &plans, Some(k)),
                            "{goals:?} with {k} groups"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_search_matches_every_plan_of_up_to_three_groups() {
        // Up to 48 holders: every plan of 1, 2 or 3 groups, against the search's best of each.
        for cards in [12u16, 17, 20, 31, 32, 33, 40, 48] {
            let plans: Vec<Vec<(u8, u8)>> = every_plan_of_at_most_3(cards as u8);
            for (survive_losses, resist) in [(0, 0), (1, 1), (2, 3), (5, 5), (cards / 4, cards / 3)]
            {
                let goals = Goals {
                    holders: cards,
                    survive_losses,
                    resist,
                };
                let found = search(goals);
                for k in 1..=3 {
                    assert_eq!(
                        found.iter().find(|f| f.1.len() == k).map(|f| f.0),
                        brute_best(goals, &plans, Some(k)),
                        "{goals:?} with {k} groups"
                    );
                }
            }
        }
    }

    /// Every plan of 1 to 3 groups with `cards` cards.
    fn every_plan_of_at_most_3(cards: u8) -> Vec<Vec<(u8, u8)>> {
        let mut out = Vec::new();
        let types: Vec<(u8, u8)> = (1..=16u8)
            .flat_map(|n| {
                (1..=n)
                    .filter(move |&t| t > 1 || n == 1)
                    .map(move |t| (t, n))
            })
            .collect();
        for (i, &a) in types.iter().enumerate() {
            if a.1 == cards {
                out.push(alloc::vec![a]);
            }
            for (j, &b) in types.iter().enumerate().skip(i) {
                if a.1 + b.1 == cards {
                    out.push(alloc::vec![a, b]);
                }
                for &c in types.iter().skip(j) {
                    if a.1 + b.1 + c.1 == cards {
                        out.push(alloc::vec![a, b, c]);
                    }
                }
            }
        }
        out
    }

    #[test]
    fn every_suggestion_meets_the_goals_and_the_best_is_balanced() {
        let goals = Goals {
            holders: 7,
            survive_losses: 2,
            resist: 3,
        };
        let s = suggest(goals, 5).unwrap();
        assert!(!s.is_empty());
        for x in &s {
            assert_eq!(x.report.total_cards, 7);
            assert!(x.report.max_losses_survived >= 2);
            assert!(x.report.min_cards_to_recover > 3);
        }
        // 4 of 7 in one group: losses 3 (margin 1) and 4 cards (margin 0); 7 holders leave no
        // room for more: losses + fewest cards <= 7.
        assert_eq!(s[0].groups, ["4of7"]);
        assert_eq!(s[0].group_threshold, 1);
    }

    #[test]
    fn many_holders_need_many_groups_and_get_them() {
        // 100 holders need at least 7 groups of at most 16 cards.
        for (holders, survive_losses, resist) in [(100, 20, 30), (256, 60, 60), (64, 10, 20)] {
            let goals = Goals {
                holders,
                survive_losses,
                resist,
            };
            let s = suggest(goals, 5).unwrap();
            assert!(!s.is_empty(), "{goals:?}");
            let mut sizes = Vec::new();
            for x in &s {
                // Each is analysed again from its groups and meets the goals.
                let specs: Vec<GroupSpec> = x.groups.iter().map(|g| g.parse().unwrap()).collect();
                let r = Layout::new(SplitPlan::new(x.group_threshold, specs).unwrap()).analyse();
                assert_eq!(r, x.report);
                assert_eq!(r.total_cards, holders);
                assert!(
                    r.max_losses_survived >= survive_losses,
                    "{goals:?} {:?}",
                    x.groups
                );
                assert!(r.min_cards_to_recover > resist, "{goals:?} {:?}", x.groups);
                assert!(x.groups.len() * 16 >= usize::from(holders));
                sizes.push(x.groups.len());
            }
            // The best of each number of groups: no two with the same number.
            sizes.sort_unstable();
            sizes.dedup();
            assert_eq!(sizes.len(), s.len());
        }
    }

    #[test]
    fn sixteen_groups_of_sixteen_is_the_only_shape_for_256_holders() {
        let s = suggest(
            Goals {
                holders: 256,
                survive_losses: 0,
                resist: 0,
            },
            5,
        )
        .unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].groups.len(), 16);
        assert!(s[0].groups.iter().all(|g| g.ends_with("of16")));
        // Losses survived + fewest cards to recover is well below 256 with 16 groups.
        let r = &s[0].report;
        assert!(r.max_losses_survived + r.min_cards_to_recover < 256);
    }

    #[test]
    fn impossible_goals_give_no_plan() {
        let goals = Goals {
            holders: 5,
            survive_losses: 3,
            resist: 3,
        };
        assert!(suggest(goals, 5).unwrap().is_empty());
        for holders in [0, 257] {
            assert!(suggest(
                Goals {
                    holders,
                    survive_losses: 0,
                    resist: 0
                },
                5
            )
            .is_err());
        }
    }

    #[test]
    fn suggestions_read_as_flags_and_figures() {
        let goals = Goals {
            holders: 7,
            survive_losses: 2,
            resist: 2,
        };
        let found = suggest(goals, 5).unwrap();
        let text = lines(goals, &found);
        assert_eq!(text.len(), found.len() + 1);
        assert_eq!(
            text[0],
            "The best plan of each number of groups (1 to 16) for 7 holders with one card each, best first:"
        );
        for (line, s) in text[1..].iter().zip(&found) {
            assert!(line.contains(&s.flags()), "{line}");
            assert_eq!(
                s.flags().contains("--group-threshold"),
                s.groups.len() > 1,
                "{line}"
            );
        }
        let two = Suggestion {
            groups: alloc::vec!["2of3".into(), "1of1".into()],
            group_threshold: 1,
            report: found[0].report.clone(),
        };
        assert_eq!(two.flags(), "--group 2of3 --group 1of1 --group-threshold 1");
        let impossible = Goals {
            holders: 3,
            survive_losses: 2,
            resist: 2,
        };
        assert!(suggest(impossible, 5).unwrap().is_empty());
        assert_eq!(
            lines(impossible, &[]),
            ["No plan of 3 holders (one card each) survives 2 losses and resists 2 holders: with one card each, losses survived + fewest cards to recover is at most 3."]
        );
    }
}
