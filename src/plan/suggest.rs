//! Searching plans for stated goals: so many holders (one card each), any L of them may be
//! lost, no R of them together can recover.
//!
//! Every plan of one to [`MAX_GROUPS`] groups whose cards add up to the number of holders is
//! tried (groups listed largest first, so each plan is seen once), with every group threshold.
//! The card figures of each are exact ([`super::analysis`]). With one card per holder, a plan
//! can never do better than `losses survived + fewest cards to recover = holders` (a single
//! group reaches it), so a two-level plan is chosen for what it gives besides: an owner's
//! short path, or groups that match families, friends and a lawyer.

use alloc::vec::Vec;

use super::{analysis::PlanReport, Layout};
use crate::slip39::scheme::{GroupSpec, SplitPlan};

/// The most groups a suggested plan has.
pub const MAX_GROUPS: usize = 3;

/// The goals of a search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Goals {
    /// People who hold one card each (1 to 48).
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
    pub groups: Vec<alloc::string::String>,
    /// The `--group-threshold` value.
    pub group_threshold: u8,
    /// The figures of the plan.
    pub report: PlanReport,
}

/// Why no search was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SuggestError {
    /// More holders than plans of [`MAX_GROUPS`] groups of 16 can hold, or none.
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
                "{holders} holders: plans are searched for 1 to {} holders",
                MAX_GROUPS * 16
            ),
        }
    }
}

impl core::error::Error for SuggestError {}

/// Group sizes adding up to `left`, each at most `max`, non-increasing.
fn partitions(left: u8, max: u8, parts: usize, cur: &mut Vec<u8>, out: &mut Vec<Vec<u8>>) {
    if left == 0 {
        out.push(cur.clone());
        return;
    }
    if parts == 0 {
        return;
    }
    for n in (1..=max.min(left)).rev() {
        cur.push(n);
        partitions(left - n, n, parts - 1, cur, out);
        cur.pop();
    }
}

/// Thresholds for groups of `sizes`, non-increasing among groups of equal size.
fn thresholds(sizes: &[u8], i: usize, cur: &mut Vec<u8>, out: &mut Vec<Vec<u8>>) {
    if i == sizes.len() {
        out.push(cur.clone());
        return;
    }
    let n = sizes[i];
    let top = if i > 0 && sizes[i - 1] == n {
        cur[i - 1]
    } else {
        n
    };
    for t in (1..=top).rev() {
        // SLIP-39: threshold 1 only for a single-card group.
        if t == 1 && n > 1 {
            continue;
        }
        cur.push(t);
        thresholds(sizes, i + 1, cur, out);
        cur.pop();
    }
}

/// The best few plans for `goals`, best first: plans meeting both goals, ranked by the
/// smaller of their two margins, then the sum of the margins, then fewer groups. Empty when
/// no plan meets the goals.
///
/// # Errors
///
/// [`SuggestError::Holders`] for 0 holders or more than 48.
pub fn suggest(goals: Goals, count: usize) -> Result<Vec<Suggestion>, SuggestError> {
    let n = goals.holders;
    if n == 0 || usize::from(n) > MAX_GROUPS * 16 {
        return Err(SuggestError::Holders { holders: n });
    }
    let mut sizes = Vec::new();
    partitions(n as u8, 16, MAX_GROUPS, &mut Vec::new(), &mut sizes);
    // (min margin, margin sum, groups, total thresholds) with the plan.
    let mut found: Vec<((u16, u16, usize, u16), SplitPlan)> = Vec::new();
    for s in &sizes {
        let mut ts = Vec::new();
        thresholds(s, 0, &mut Vec::new(), &mut ts);
        for t in &ts {
            let specs: Vec<GroupSpec> = s
                .iter()
                .zip(t)
                .map(|(&n, &t)| GroupSpec::new(t, n).expect("checked above"))
                .collect();
            for g in 1..=s.len() as u8 {
                let Ok(plan) = SplitPlan::new(g, specs.clone()) else {
                    continue;
                };
                let r = Layout::new(plan.clone()).analyse();
                if r.max_losses_survived < goals.survive_losses
                    || r.min_cards_to_recover <= goals.resist
                {
                    continue;
                }
                let a = r.max_losses_survived - goals.survive_losses;
                let b = r.min_cards_to_recover - goals.resist - 1;
                let tsum: u16 = t.iter().map(|&x| u16::from(x)).sum();
                found.push(((a.min(b), a + b, s.len(), tsum), plan));
            }
        }
    }
    found.sort_by(|x, y| {
        y.0 .0
            .cmp(&x.0 .0)
            .then(y.0 .1.cmp(&x.0 .1))
            .then(x.0 .2.cmp(&y.0 .2))
            .then(x.0 .3.cmp(&y.0 .3))
    });
    Ok(found
        .into_iter()
        .take(count)
        .map(|(_, plan)| Suggestion {
            groups: plan
                .groups()
                .iter()
                .map(|g| alloc::format!("{g}"))
                .collect(),
            group_threshold: plan.group_threshold(),
            report: Layout::new(plan).analyse(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn impossible_goals_give_no_plan() {
        let goals = Goals {
            holders: 5,
            survive_losses: 3,
            resist: 3,
        };
        assert!(suggest(goals, 5).unwrap().is_empty());
        assert!(suggest(
            Goals {
                holders: 0,
                survive_losses: 0,
                resist: 0
            },
            5
        )
        .is_err());
    }
}
