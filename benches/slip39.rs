//! Benchmarks of seedshard's SLIP-39 core, with the hardware limit beside them.
//!
//! Run with `cargo bench --features internals --bench slip39`. The groups:
//!
//! - `sha256`: the raw SHA-256 compression function (`sha2::block_api::compress256`, SHA-NI
//!   where the CPU has it), 320,000 compressions: the work PBKDF2 does at e = 4.
//! - `pbkdf2`: PBKDF2-HMAC-SHA256 with 160,000 iterations (2 compressions each), seedshard's
//!   own loop and the `pbkdf2` crate's, so that their throughput in compressions per second
//!   reads directly against `sha256`.
//! - `cipher`: the SLIP-39 Feistel encryption of a 128-bit secret at e = 0..=6.
//! - `split` / `combine`: 2-of-3 for 128- and 256-bit secrets at e = 0..=4.
//!
//! After the criterion groups, `summary` times the raw compressions, both PBKDF2 loops and
//! combine at e = 4 in turn (best of 25 trials each, so that load from other processes falls
//! on all of them alike) and prints how far each is from the raw compressions; then, the same
//! way, the best time of every cipher, split and combine case above. On a shared machine
//! these best times are steadier than criterion's means. `cargo bench --features internals
//! --bench slip39 -- summary` runs the summary alone (a few seconds).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use seedshard::slip39::cipher;
use seedshard::slip39::pbkdf2::pbkdf2_hmac_sha256;
use seedshard::{
    combine, Identifier, IterationExponent, MasterSecret, Passphrase, Share, SplitPlan,
};
use sha2::block_api::compress256;

/// PBKDF2 iterations of the four SLIP-39 rounds together at e = 4 (10,000 << 4).
const ITERATIONS_E4: u32 = 160_000;
/// SHA-256 compressions those iterations cost: one inner and one outer per HMAC.
const COMPRESSIONS_E4: u32 = 2 * ITERATIONS_E4;

/// SHA-256 initial hash value (FIPS 180-4, 5.3.3).
const H256: [u32; 8] = [
    0x6a09_e667,
    0xbb67_ae85,
    0x3c6e_f372,
    0xa54f_f53a,
    0x510e_527f,
    0x9b05_688c,
    0x1f83_d9ab,
    0x5be0_cd19,
];

/// `n` compressions, one block per call, each on the state the previous one left: the
/// dependent chain that PBKDF2 cannot avoid either.
fn raw_compressions(n: u32) -> [u32; 8] {
    let mut state = H256;
    let block = [[0x36u8; 64]];
    for _ in 0..n {
        compress256(&mut state, black_box(&block));
    }
    state
}

/// `n` compressions handed to `compress256` 1,024 blocks per call: the bulk hashing rate,
/// with no per-call overhead.
fn raw_compressions_bulk(n: u32, blocks: &[[u8; 64]]) -> [u32; 8] {
    let mut state = H256;
    let mut left = n as usize;
    while left > 0 {
        let take = left.min(blocks.len());
        compress256(&mut state, black_box(&blocks[..take]));
        left -= take;
    }
    state
}

fn pbkdf2_crate(iterations: u32) -> [u8; 16] {
    let mut out = [0u8; 16];
    pbkdf2::pbkdf2_hmac::<sha2::Sha256>(
        black_box(b"\x00TREZOR"),
        black_box(b"shamir\x10\x92 0123456789abcdef"),
        iterations,
        &mut out,
    );
    out
}

fn pbkdf2_seedshard(iterations: u32) -> [u8; 16] {
    let mut out = [0u8; 16];
    pbkdf2_hmac_sha256(
        black_box(b"\x00TREZOR"),
        black_box(b"shamir\x10\x92 0123456789abcdef"),
        iterations,
        &mut out,
    );
    out
}

fn secret(bytes: usize) -> MasterSecret {
    let raw: Vec<u8> = (0..bytes as u8)
        .map(|i| i.wrapping_mul(37) ^ 0x5a)
        .collect();
    MasterSecret::from_slice(&raw).expect("valid secret length")
}

fn exponent(e: u8) -> IterationExponent {
    IterationExponent::new(e).expect("exponent in range")
}

fn plan(e: u8) -> SplitPlan {
    SplitPlan::single(2, 3)
        .expect("valid plan")
        .with_iteration_exponent(exponent(e))
}

fn two_shares(bytes: usize, e: u8) -> Vec<Share> {
    let set = plan(e)
        .split_with(
            &secret(bytes),
            &Passphrase::empty(),
            &mut seedshard::os_rng(),
        )
        .expect("split");
    set.groups()[0][..2].to_vec()
}

fn bench_sha256_and_pbkdf2(c: &mut Criterion) {
    let bulk = vec![[0x36u8; 64]; 1024];
    let mut g = c.benchmark_group("sha256");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .throughput(Throughput::Elements(u64::from(COMPRESSIONS_E4)));
    g.bench_function("compress256/320000-chained", |b| {
        b.iter(|| raw_compressions(black_box(COMPRESSIONS_E4)))
    });
    g.bench_function("compress256/320000-bulk", |b| {
        b.iter(|| raw_compressions_bulk(black_box(COMPRESSIONS_E4), &bulk))
    });
    g.finish();

    let mut g = c.benchmark_group("pbkdf2");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .throughput(Throughput::Elements(u64::from(COMPRESSIONS_E4)));
    g.bench_function("pbkdf2-crate/160000", |b| {
        b.iter(|| pbkdf2_crate(black_box(ITERATIONS_E4)))
    });
    g.bench_function("seedshard/160000", |b| {
        b.iter(|| pbkdf2_seedshard(black_box(ITERATIONS_E4)))
    });
    g.finish();
}

fn bench_cipher(c: &mut Criterion) {
    let ms = secret(16);
    let id = Identifier::new(4242).expect("identifier in range");
    let mut g = c.benchmark_group("cipher");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    for e in 0..=6u8 {
        g.bench_with_input(BenchmarkId::new("encrypt-128", e), &e, |b, &e| {
            b.iter(|| cipher::encrypt(ms.expose_secret(), b"", exponent(e), id, true))
        });
    }
    g.finish();
}

fn bench_split_combine(c: &mut Criterion) {
    let empty = Passphrase::empty();
    for (name, bytes) in [("128", 16usize), ("256", 32)] {
        let ms = secret(bytes);
        let mut g = c.benchmark_group(format!("split-{name}"));
        g.sample_size(10)
            .warm_up_time(Duration::from_millis(300))
            .measurement_time(Duration::from_secs(2));
        for e in 0..=4u8 {
            let p = plan(e);
            let mut rng = seedshard::os_rng();
            g.bench_with_input(BenchmarkId::new("2of3", e), &e, |b, _| {
                b.iter(|| p.split_with(&ms, &empty, &mut rng).expect("split"))
            });
        }
        g.finish();

        let mut g = c.benchmark_group(format!("combine-{name}"));
        g.sample_size(10)
            .warm_up_time(Duration::from_millis(300))
            .measurement_time(Duration::from_secs(2));
        for e in 0..=4u8 {
            let shares = two_shares(bytes, e);
            g.bench_with_input(BenchmarkId::new("2of3", e), &e, |b, _| {
                b.iter(|| combine(black_box(&shares), &empty).expect("combine"))
            });
        }
        g.finish();
    }
}

/// Trials of each job in the summary.
const TRIALS: usize = 25;

/// A job of the summary: its label and a run of it.
type Job<'a> = (String, Box<dyn FnMut() + 'a>);

/// Best time of `trials` runs of each job, the jobs taking turns.
fn interleaved_best(trials: usize, jobs: &mut [Job<'_>]) -> Vec<Duration> {
    let mut best = vec![Duration::MAX; jobs.len()];
    for _ in 0..trials {
        for ((_, job), b) in jobs.iter_mut().zip(best.iter_mut()) {
            let start = Instant::now();
            job();
            *b = (*b).min(start.elapsed());
        }
    }
    best
}

/// Whether the run is a measurement (`cargo bench`) that the filter, if any, lets `summary`
/// in.
fn summary_wanted() -> bool {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bench_mode = args.iter().any(|a| a == "--bench");
    let filters: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    bench_mode && (filters.is_empty() || filters.iter().any(|f| "summary".contains(f.as_str())))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// The ratio to the hardware limit, then every operation's best time, each job timed in
/// turn with the others so that load from other processes falls on all of them alike. The
/// best of several runs is what the code costs when it has a core to itself.
fn summary(_: &mut Criterion) {
    if !summary_wanted() {
        return;
    }
    let empty = Passphrase::empty();
    let shares_e4 = two_shares(16, 4);
    let mut limit: Vec<Job<'_>> = vec![
        (
            "raw compress256 x320000".into(),
            Box::new(|| {
                black_box(raw_compressions(black_box(COMPRESSIONS_E4)));
            }),
        ),
        (
            "pbkdf2 crate, 160000 iter".into(),
            Box::new(|| {
                black_box(pbkdf2_crate(black_box(ITERATIONS_E4)));
            }),
        ),
        (
            "seedshard pbkdf2, 160000 iter".into(),
            Box::new(|| {
                black_box(pbkdf2_seedshard(black_box(ITERATIONS_E4)));
            }),
        ),
        (
            "combine 128-bit 2of3 e=4".into(),
            Box::new(|| {
                black_box(combine(black_box(&shares_e4), &empty).expect("combine"));
            }),
        ),
    ];
    let best = interleaved_best(TRIALS, &mut limit);
    let base = best[0].as_secs_f64();
    println!();
    println!(
        "summary: ratio to the hardware limit (best of {TRIALS} interleaved trials; \
         e = 4: 160,000 iterations = 320,000 compressions)"
    );
    println!(
        "  {:<30} {:8.3} ms   {:6.1} ns/compression",
        limit[0].0,
        ms(best[0]),
        base * 1e9 / f64::from(COMPRESSIONS_E4)
    );
    for ((name, _), d) in limit.iter().zip(&best).skip(1) {
        println!(
            "  {name:<30} {:8.3} ms   {:5.3}x raw",
            ms(*d),
            d.as_secs_f64() / base
        );
    }

    let id = Identifier::new(4242).expect("identifier in range");
    let ms128 = secret(16);
    let mut ops: Vec<Job<'_>> = Vec::new();
    for e in 0..=6u8 {
        let ms128 = &ms128;
        ops.push((
            format!("cipher encrypt-128 e={e}"),
            Box::new(move || {
                black_box(cipher::encrypt(
                    ms128.expose_secret(),
                    b"",
                    exponent(e),
                    id,
                    true,
                ));
            }),
        ));
    }
    for (name, bytes) in [("128", 16usize), ("256", 32)] {
        for e in 0..=4u8 {
            let (p, ms_n, empty) = (plan(e), secret(bytes), &empty);
            let mut rng = seedshard::os_rng();
            ops.push((
                format!("split-{name} 2of3 e={e}"),
                Box::new(move || {
                    black_box(p.split_with(&ms_n, empty, &mut rng).expect("split"));
                }),
            ));
            let shares = two_shares(bytes, e);
            ops.push((
                format!("combine-{name} 2of3 e={e}"),
                Box::new(move || {
                    black_box(combine(black_box(&shares), empty).expect("combine"));
                }),
            ));
        }
    }
    let best = interleaved_best(TRIALS, &mut ops);
    println!("summary: best of {TRIALS} interleaved trials");
    for ((name, _), d) in ops.iter().zip(&best) {
        println!("  {name:<30} {:8.3} ms", ms(*d));
    }
}

criterion_group!(limit, bench_sha256_and_pbkdf2);
criterion_group!(slip39, bench_cipher, bench_split_combine);
criterion_group!(summaries, summary);
criterion_main!(limit, slip39, summaries);
