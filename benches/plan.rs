//! Benchmarks of plan analysis (`seedshard plan`), against the target of "any plan analysed
//! in under 100 ms":
//!
//! - `cards_16x16`: 16 groups of 16 cards, no names: the card figures (exact combinatorics).
//! - `people_16x16_40`: the same plan with 256 cards spread over 40 named people, each holding
//!   cards of several groups: the people searches (branch and bound, bounded).
//! - `people_16x16_256`: 256 people, one card each (settled group by group, exactly).
//! - `people_16x16_128_pairs`: 128 people with two cards of different groups each: the
//!   branch-and-bound search at its hardest (it may stop at its step budget).
//! - `places_16`: 2 of 3 groups of 9of16; 16 people, each with one card of each group, each
//!   in a place of their own.
//!
//! - `places_16_own`: 16 groups of 16, 256 people with one card each, in 16 named places of
//!   16 (each place one card of every group): the place figures and their ranking.
//! - `suggest_N`: `plan --suggest --holders N` (the search over 1 to 16 groups).
//!
//! Run with `cargo bench --bench plan`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use seedshard::plan::suggest::{suggest, Goals};
use seedshard::plan::Layout;
use seedshard::{GroupSpec, SplitPlan};

fn big_plan(group_threshold: u8) -> SplitPlan {
    let groups: Vec<GroupSpec> = (0..16)
        .map(|i| GroupSpec::new(2 + (i % 15), 16).unwrap())
        .collect();
    SplitPlan::new(group_threshold, groups).unwrap()
}

fn bench_plan(c: &mut Criterion) {
    for g in [1u8, 8, 16] {
        let layout = Layout::new(big_plan(g));
        c.bench_function(&format!("cards_16x16_g{g}"), |b| {
            b.iter(|| black_box(layout.analyse()))
        });
        let names: Vec<String> = (0..256).map(|i| format!("p{}", (i * 7) % 40)).collect();
        let layout = Layout::new(big_plan(g)).with_holders(&names).unwrap();
        c.bench_function(&format!("people_16x16_40_g{g}"), |b| {
            b.iter(|| black_box(layout.analyse()))
        });
        let names: Vec<String> = (0..256).map(|i| format!("p{i}")).collect();
        let layout = Layout::new(big_plan(g)).with_holders(&names).unwrap();
        c.bench_function(&format!("people_16x16_256_g{g}"), |b| {
            b.iter(|| black_box(layout.analyse()))
        });
        // 128 people, each with two cards of different groups: the search at its hardest.
        let names: Vec<String> = (0..256).map(|i| format!("p{}", (i * 37) % 128)).collect();
        let layout = Layout::new(big_plan(g)).with_holders(&names).unwrap();
        let report = layout.analyse();
        eprintln!(
            "people_16x16_128_pairs_g{g}: search {:?}",
            report.people.as_ref().unwrap().people_search
        );
        c.bench_function(&format!("people_16x16_128_pairs_g{g}"), |b| {
            b.iter(|| black_box(layout.analyse()))
        });
    }
    let plan = SplitPlan::new(
        2,
        vec![
            GroupSpec::new(9, 16).unwrap(),
            GroupSpec::new(9, 16).unwrap(),
            GroupSpec::new(9, 16).unwrap(),
        ],
    )
    .unwrap();
    let names: Vec<String> = (0..48).map(|i| format!("p{}", i % 16)).collect();
    let mut layout = Layout::new(plan).with_holders(&names).unwrap();
    for p in 0..16 {
        layout = layout
            .with_place(&format!("place{p}"), &[format!("p{p}")])
            .unwrap();
    }
    c.bench_function("places_16", |b| b.iter(|| black_box(layout.analyse())));

    let names: Vec<String> = (0..256).map(|i| format!("p{i}")).collect();
    let mut layout = Layout::new(big_plan(8)).with_holders(&names).unwrap();
    for p in 0..16 {
        // Place p keeps card p of every group (share order is group by group).
        let who: Vec<String> = (0..16).map(|g| format!("p{}", g * 16 + p)).collect();
        layout = layout.with_place(&format!("place{p}"), &who).unwrap();
    }
    let report = layout.analyse();
    eprintln!(
        "places_16_own: people {:?}, places {:?}",
        report.people.as_ref().unwrap().people_search,
        report.places.as_ref().unwrap().places_search
    );
    c.bench_function("places_16_own", |b| b.iter(|| black_box(layout.analyse())));

    for (holders, survive_losses, resist) in [(7, 2, 3), (48, 10, 15), (100, 20, 30), (256, 60, 60)]
    {
        let goals = Goals {
            holders,
            survive_losses,
            resist,
        };
        c.bench_function(&format!("suggest_{holders}"), |b| {
            b.iter(|| black_box(suggest(goals, 5).unwrap()))
        });
    }
}

criterion_group!(benches, bench_plan);
criterion_main!(benches);
