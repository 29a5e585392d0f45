//! Hostile inputs, against the bounds stated in `docs/threat-model.md` (figures in
//! `docs/performance.md`):
//!
//! - `finder_tiles`: `scan_image` on PNGs tiled with QR finder patterns, as an attacker
//!   would draw them (1000 x 1000 and 2000 x 2000 pixels, modules of 1 to 3 pixels), and
//!   `scan_grey` on the worst arrangement the limits admit: a grid of finder patterns just
//!   under [`MAX_FINDERS_PER_PASS`], at the working size and at the 40-megapixel limit.
//!   Each must be decided within 5 s on one core.
//! - `distinct_sets_1mib`: the `seedshard` binary (`check`, `combine`) on 1 MiB of shares,
//!   each of another set (10,000 lines): decided within 1 s, process start included.
//! - `recovery_distinct_sets`: the library's `Recovery` (no limits) adding and analysing
//!   1,000 to 8,000 shares of distinct sets: near-linear, no longer cubic.
//!
//! Run on one core: `taskset -c 0 cargo bench --bench hostile`.

use std::hint::black_box;
use std::io::Cursor;
use std::process::Command;

use criterion::{criterion_group, criterion_main, Criterion};
use seedshard::qr::{scan_grey, scan_image, MAX_FINDERS_PER_PASS};
use seedshard::slip39::{rs1024, wordlist};
use seedshard::{IterationExponent, MasterSecret, Passphrase, Recovery, Share, SplitPlan};

/// A grey image with finder patterns (7 x 7 modules: dark ring, light ring, dark 3 x 3
/// centre), one every `period` modules of `module` pixels, at most `count` of them.
fn finder_tiles(
    width: usize,
    height: usize,
    module: usize,
    period: usize,
    count: usize,
) -> Vec<u8> {
    let mut px = vec![255u8; width * height];
    let cell = module * period;
    let per_row = width / cell;
    for k in 0..count.min(per_row * (height / cell)) {
        let (cx, cy) = ((k % per_row) * cell, (k / per_row) * cell);
        for y in 0..7 * module {
            for x in 0..7 * module {
                let (mx, my) = (x / module, y / module);
                let ring = mx == 0 || mx == 6 || my == 0 || my == 6;
                let stone = (2..=4).contains(&mx) && (2..=4).contains(&my);
                if ring || stone {
                    px[(cy + y) * width + cx + x] = 0;
                }
            }
        }
    }
    px
}

fn png(width: usize, height: usize, px: Vec<u8>) -> Vec<u8> {
    let img = image::GrayImage::from_raw(width as u32, height as u32, px).unwrap();
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

fn bench_images(c: &mut Criterion) {
    let mut group = c.benchmark_group("finder_tiles");
    group.sample_size(10);
    for (side, module) in [(1000, 1), (1000, 2), (2000, 1), (2000, 3)] {
        let file = png(side, side, finder_tiles(side, side, module, 8, usize::MAX));
        eprintln!(
            "{side}x{side}, {module} px modules: a PNG of {} bytes",
            file.len()
        );
        let report = scan_image(&file).unwrap();
        assert!(report.found.is_empty() && report.skipped_searches > 0);
        group.bench_function(format!("png_{side}x{side}_module_{module}"), |b| {
            b.iter(|| scan_image(black_box(&file)).unwrap())
        });
    }
    // Just under the limit of one search, in a grid (the arrangement that gives the finder
    // the most trios to try), large enough to survive the smaller copies.
    // Fewer patterns let more searches through: 12 and 20 cost the most at the size limit.
    let n = MAX_FINDERS_PER_PASS;
    for (side, module, n) in [
        (2600, 24, n),
        (6300, 40, n),
        (6300, 100, n),
        (6300, 100, 20),
        (6300, 100, 12),
    ] {
        let file = png(side, side, finder_tiles(side, side, module, 9, n));
        group.bench_function(
            format!("png_grid_{n}_at_{side}x{side}_module_{module}"),
            |b| b.iter(|| scan_image(black_box(&file)).unwrap()),
        );
    }
    let px = finder_tiles(2600, 2600, 10, 9, n);
    group.bench_function(format!("grey_grid_{n}_at_2600x2600_module_10"), |b| {
        b.iter(|| scan_grey(2600, 2600, black_box(&px)))
    });
    group.finish();
}

/// `base` with another identifier, its checksum made valid again, written with 4-letter
/// word beginnings (as `tests/hostile.rs` does).
fn of_identifier(base: &Share, id: u16) -> String {
    let mut idx = base.to_indices().to_vec();
    // Identifier: the first 15 bits (SLIP-0039, "Format"): all of word 1, 5 bits of word 2.
    idx[0] = id >> 5;
    idx[1] = ((id & 0x1f) << 5) | (idx[1] & 0x1f);
    let n = idx.len();
    let checksum = rs1024::create_checksum(&idx[..n - 3], base.extendable());
    idx[n - 3..].copy_from_slice(&checksum);
    idx.iter()
        .map(|&i| &wordlist::word(i)[..4])
        .collect::<Vec<_>>()
        .join(" ")
}

fn distinct_sets(count: usize) -> Vec<String> {
    let secret = MasterSecret::new(vec![0x5a; 16]).unwrap();
    let set = SplitPlan::single(2, 3)
        .unwrap()
        .with_iteration_exponent(IterationExponent::new(0).unwrap())
        .split(&secret, &Passphrase::empty())
        .unwrap();
    let base = set.shares().next().unwrap().clone();
    (0..count)
        .map(|i| of_identifier(&base, (base.identifier().get() + i as u16) & 0x7fff))
        .collect()
}

fn bench_shares(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("seedshard-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = distinct_sets(10_000).join("\n") + "\n";
    assert!(text.len() <= 1 << 20);
    let file = dir.join("sets.txt");
    std::fs::write(&file, &text).unwrap();
    let mut group = c.benchmark_group("distinct_sets_1mib");
    group.sample_size(20);
    for command in ["check", "combine"] {
        let run = || {
            let out = Command::new(env!("CARGO_BIN_EXE_seedshard"))
                .arg(command)
                .arg(&file)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2));
            out
        };
        run();
        group.bench_function(command, |b| b.iter(run));
    }
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);

    let mut group = c.benchmark_group("recovery_distinct_sets");
    group.sample_size(10);
    for count in [1000, 2000, 4000, 8000] {
        let lines = distinct_sets(count);
        let check = || {
            let mut rec = Recovery::new();
            for (i, l) in lines.iter().enumerate() {
                rec.add_text(l, format!("line {}", i + 1)).unwrap();
            }
            rec.analyze()
        };
        assert_eq!(check().other_sets.len(), count - 1);
        group.bench_function(format!("{count}"), |b| b.iter(|| black_box(check())));
    }
    group.finish();
}

criterion_group!(benches, bench_images, bench_shares);
criterion_main!(benches);
