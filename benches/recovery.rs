//! Benchmarks of recovery under damage, against the targets of the recovery issue:
//!
//! - `erasures_3_of_33`: three unreadable words of a 33-word share worked out (< 1 ms);
//! - `locate_wrong_word`: one wrong word of a 33-word (and a 59-word) share located, every
//!   position tried (< 10 ms);
//! - `check_16x16`: `check` on 16 groups of 16 shares at e = 0: 256 share lines parsed,
//!   sorted into groups, each share checked against its group's polynomial and each group
//!   against the others (< 100 ms). Two plans: thresholds 8 (half the shares cross-checked)
//!   and 16.
//!
//! Run with `cargo bench --bench recovery`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use seedshard::slip39::repair::{repair, Repair, ShareWords};
use seedshard::{
    GroupSpec, Identifier, IterationExponent, MasterSecret, Passphrase, Recovery, Share, SplitPlan,
};

fn share(len: usize) -> Share {
    let set = SplitPlan::single(2, 3)
        .unwrap()
        .with_identifier(Identifier::new(1234).unwrap())
        .with_iteration_exponent(IterationExponent::new(0).unwrap())
        .split(
            &MasterSecret::new((0..len as u8).collect()).unwrap(),
            &Passphrase::empty(),
        )
        .unwrap();
    let first = set.shares().next().unwrap().clone();
    first
}

fn bench_repair(c: &mut Criterion) {
    let s33 = share(32);
    let idx33 = s33.to_indices();
    assert_eq!(idx33.len(), 33);
    let erased = ShareWords::from_indices(&idx33, &[5, 17, 30]);
    assert!(matches!(repair(&erased), Repair::Repaired(ref c) if c.share == s33));
    c.bench_function("erasures_3_of_33", |b| {
        b.iter(|| repair(black_box(&erased)))
    });

    let mut group = c.benchmark_group("locate_wrong_word");
    for (name, s) in [("33_words", s33.clone()), ("59_words", share(64))] {
        let mut idx = s.to_indices().to_vec();
        // The worst case: the wrong word is the last position tried.
        let last = idx.len() - 1;
        idx[last] ^= 0x2A5;
        let words = ShareWords::from_indices(&idx, &[]);
        assert!(matches!(repair(&words), Repair::Repaired(ref c) if c.share == s));
        group.bench_function(name, |b| b.iter(|| repair(black_box(&words))));
    }
    group.finish();
}

fn bench_check(c: &mut Criterion) {
    let mut group = c.benchmark_group("check_16x16");
    group.sample_size(20);
    for t in [8u8, 16] {
        let plan = SplitPlan::new(t, vec![GroupSpec::new(t, 16).unwrap(); 16])
            .unwrap()
            .with_iteration_exponent(IterationExponent::new(0).unwrap());
        let set = plan
            .split(
                &MasterSecret::new(vec![9; 32]).unwrap(),
                &Passphrase::empty(),
            )
            .unwrap();
        let lines: Vec<String> = set.shares().map(|s| s.to_words().to_string()).collect();
        assert_eq!(lines.len(), 256);
        let check = || {
            let mut rec = Recovery::new();
            for (i, l) in lines.iter().enumerate() {
                rec.add_text(l, format!("line {}", i + 1)).unwrap();
            }
            rec.analyze()
        };
        assert!(check().all_good());
        group.bench_function(format!("threshold_{t}"), |b| b.iter(|| black_box(check())));
    }
    group.finish();
}

criterion_group!(benches, bench_repair, bench_check);
criterion_main!(benches);
