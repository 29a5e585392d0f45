//! The plan analysis against brute force and known figures.

use super::*;
use alloc::vec;

use crate::plan::search::{smallest_single_group_units, Kind, Search};
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
    // home with bank recovers, and losing both loses the wallet (group 1 and group 2 go):
    // no place alone does either, and both hold 2 cards, so they rank in the order given.
    assert_eq!(home.min_places_to_recover_with, Some(2));
    assert_eq!(home.min_places_lost_fatal_with, Some(2));
    assert_eq!(places.max_places_lost_survived, Some(1));
    assert_eq!(places.smallest_fatal_places, ["home", "bank"]);
    assert_eq!(places.places_by_importance, ["home", "bank"]);
    assert_eq!(places.places_search, SearchOutcome::Exact);
}

#[test]
fn the_places_that_matter_most_come_first() {
    // 2 of {1of1, 2of3, 2of3}. The vault keeps the owner's card 1.1 with 2.1 and 2.2: it
    // recovers alone, and a fire there leaves only group 3. The cabin keeps 2.3 and 3.3, home
    // 3.1, the office 3.2: each needs the vault to recover (2 places), and each is fatal only
    // with the vault (2 places); among those the cabin holds more cards.
    let l = crate::plan::fixtures::vault_cabin_home_office();
    let r = l.analyse();
    let places = r.places.as_ref().unwrap();
    assert_eq!(places.places_search, SearchOutcome::Exact);
    assert_eq!(
        places.places_by_importance,
        ["vault", "cabin", "home", "office"]
    );
    let fig = |name: &str| places.places.iter().find(|f| f.name == name).unwrap();
    let vault = fig("vault");
    assert!(vault.recovers_alone && !vault.loss_survived);
    assert_eq!(vault.min_places_to_recover_with, Some(1));
    assert_eq!(vault.min_places_lost_fatal_with, Some(1));
    for name in ["cabin", "home", "office"] {
        assert_eq!(fig(name).min_places_to_recover_with, Some(2), "{name}");
        assert_eq!(fig(name).min_places_lost_fatal_with, Some(2), "{name}");
    }
    // Losing home and the office breaks group 3 but not groups 1 and 2: survived.
    assert_eq!(places.min_places_to_recover, Some(1));
    assert_eq!(places.max_places_lost_survived, Some(0));
    // The people: the owner's card with Ann's and Bob's recover (3 people); Cy's card is
    // only in larger sets (Cy with Ann and the owner is 3 too: 2.1 and 2.3 complete group 2).
    let people = r.people.as_ref().unwrap();
    let who = |name: &str| people.holders.iter().find(|h| h.name == name).unwrap();
    assert_eq!(people.min_people_to_recover, Some(3));
    assert_eq!(who("owner").min_people_to_recover_with, Some(3));
    assert_eq!(who("Dee").min_people_to_recover_with, Some(3)); // Dee, Eve, owner
                                                                // The owner's loss breaks group 1; then one group more must go: 2 of its cards.
    assert_eq!(who("owner").min_people_lost_fatal_with, Some(3));
    assert_eq!(people.holders_by_importance[0], "owner");
    // The short summary (split's notes, the owner sheet) names the fewest and the ranking.
    let summary = r.summary();
    let line = |start: &str| {
        summary
            .iter()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no line {start:?} in {summary:#?}"))
            .clone()
    };
    let people_line = line("People: 3 together recover");
    assert!(
        people_line.ends_with(&format!(
            "those who matter most first: {}.",
            people.holders_by_importance.join(", ")
        )),
        "{people_line}"
    );
    assert_eq!(
        line("Places:"),
        "Places: a thief must visit 1 at the least (vault); those that matter most first: vault, cabin, home, office."
    );
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
        // Per holder: the smallest sets containing them.
        let (mut rec_with, mut brk_with) = (vec![usize::MAX; n], vec![usize::MAX; n]);
        for mask in 0u32..(1 << n) {
            let mut c = [0u8; 16];
            for (i, h) in counts.iter().enumerate() {
                if mask & (1 << i) != 0 {
                    add_times(&mut c, h, 1);
                }
            }
            let k = mask.count_ones() as usize;
            let members = (0..n).filter(|i| mask & (1 << i) != 0);
            if shape.recovers(&c) {
                best_rec = best_rec.min(k);
                for i in members.clone() {
                    rec_with[i] = rec_with[i].min(k);
                }
            }
            if !shape.recovers(&minus(&shape.full(), &c)) {
                best_brk = best_brk.min(k);
                for i in members {
                    brk_with[i] = brk_with[i].min(k);
                }
            }
        }
        let people = r.people.unwrap();
        assert_eq!(people.people_search, SearchOutcome::Exact);
        for (i, h) in people.holders.iter().enumerate() {
            assert_eq!(
                h.min_people_to_recover_with,
                Some(rec_with[i] as u16),
                "{names:?} {}",
                h.name
            );
            assert_eq!(
                h.min_people_lost_fatal_with,
                Some(brk_with[i] as u16),
                "{names:?} {}",
                h.name
            );
        }
        // The ranking is sorted by its key.
        let key = |name: &String| {
            let h = people.holders.iter().find(|h| &h.name == name).unwrap();
            (
                h.min_people_to_recover_with,
                h.min_people_lost_fatal_with,
                core::cmp::Reverse(h.cards.len()),
            )
        };
        assert_eq!(people.holders_by_importance.len(), people.holders.len());
        assert!(people
            .holders_by_importance
            .windows(2)
            .all(|w| key(&w[0]) <= key(&w[1])));
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
                budget: crate::plan::SEARCH_BUDGET,
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
