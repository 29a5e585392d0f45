//! Scanning a clean 12-megapixel photo of a page of 8 share cards: seedshard's `scan_image`
//! and `zbarimg` side by side on the same JPEG, with the peak memory of each.
//!
//! The photo is written to `target/bench-page-8-cards-12mp.jpg`. Peak memory: seedshard's is
//! the growth of this process's peak resident set (`VmHWM`, reset through
//! `/proc/self/clear_refs`) over one scan, Linux only; zbarimg's is its maximum resident set
//! as `/usr/bin/time` reports it. Figures in `docs/performance.md`.

use std::hint::black_box;
use std::io::Cursor;
use std::process::Command;

use criterion::{criterion_group, criterion_main, Criterion};
use rand::rngs::StdRng;
use rand::SeedableRng;
use seedshard::card::{CardOptions, CardSet};
use seedshard::qr::scan_image;
use seedshard::{MasterSecret, Passphrase, SplitPlan};

const PATH: &str = "target/bench-page-8-cards-12mp.jpg";

/// A 4000 x 3000 JPEG (quality 90): 8 cards of a 20-word set, 2 across and 4 down on a
/// white page, photographed turned 3 degrees on a grey table, a little soft, with light
/// falling off towards one corner and sensor noise.
fn photo() -> (Vec<u8>, usize) {
    let secret = MasterSecret::new((0..16).map(|i| i as u8 * 9).collect()).unwrap();
    let set = SplitPlan::single(5, 8)
        .unwrap()
        .split_with(&secret, &Passphrase::empty(), &mut StdRng::seed_from_u64(8))
        .unwrap();
    let cards = CardSet::from_share_set(&set, &[], CardOptions::default()).unwrap();
    let pngs: Vec<image::GrayImage> = cards
        .card_pngs()
        .iter()
        .map(|(_, png)| image::load_from_memory(png).unwrap().into_luma8())
        .collect();
    let (cw, ch) = (pngs[0].width(), pngs[0].height());
    let gap = 60;
    let (pw, ph) = (2 * cw + 3 * gap, 4 * ch + 5 * gap);
    let mut page = image::GrayImage::from_pixel(pw, ph, image::Luma([255]));
    for (i, card) in pngs.iter().enumerate() {
        let (x0, y0) = (
            gap + (i as u32 % 2) * (cw + gap),
            gap + (i as u32 / 2) * (ch + gap),
        );
        image::imageops::overlay(&mut page, card, i64::from(x0), i64::from(y0));
    }
    // The page fills about 90% of the photo's height.
    let zoom = ph as f32 / (3000.0 * 0.9);
    let (pw, ph) = (pw as f32, ph as f32);
    let (s, c) = 3f32.to_radians().sin_cos();
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let img = image::GrayImage::from_fn(4000, 3000, |x, y| {
        let (dx, dy) = (x as f32 - 2000.0, y as f32 - 1500.0);
        let (sx, sy) = (
            (c * dx + s * dy) * zoom + pw / 2.0,
            (-s * dx + c * dy) * zoom + ph / 2.0,
        );
        let light = 1.0 - 0.25 * (x as f32 + y as f32) / 7000.0;
        let base = if sx >= 0.0 && sy >= 0.0 && sx < pw - 1.0 && sy < ph - 1.0 {
            f32::from(page.get_pixel(sx as u32, sy as u32).0[0]) * 0.8 + 25.0
        } else {
            100.0
        };
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let noise = (state % 13) as f32 - 6.0;
        image::Luma([(base * light + noise).clamp(0.0, 255.0) as u8])
    });
    let img = image::imageops::blur(&img, 0.8);
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut Cursor::new(&mut jpeg), 90)
        .encode_image(&img)
        .unwrap();
    (jpeg, pngs.len())
}

/// This process's peak resident set (`VmHWM`) and current one (`VmRSS`), in KiB.
fn memory() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<u64> {
        status
            .lines()
            .find(|l| l.starts_with(name))?
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()
    };
    Some((field("VmHWM:")?, field("VmRSS:")?))
}

fn zbar() -> Command {
    let mut cmd = Command::new("zbarimg");
    cmd.args(["-q", "--raw", PATH]);
    cmd
}

fn benches(c: &mut Criterion) {
    let (jpeg, cards) = photo();
    let _ = std::fs::create_dir_all("target");
    std::fs::write(PATH, &jpeg).unwrap();

    let found = scan_image(&jpeg).unwrap().shares().count();
    eprintln!("seedshard: {found} of {cards} cards read");
    // Peak memory of one scan: reset the peak (Linux: 5 > clear_refs), scan, read it.
    if std::fs::write("/proc/self/clear_refs", "5").is_ok() {
        if let Some((_, before)) = memory() {
            let report = scan_image(&jpeg).unwrap();
            if let Some((peak, _)) = memory() {
                eprintln!(
                    "seedshard: peak memory {} MiB above the {} MiB before the scan",
                    (peak.saturating_sub(before)) / 1024,
                    before / 1024
                );
            }
            drop(report);
        }
    }
    let zbar_ok = zbar().output().is_ok();
    if zbar_ok {
        let out = zbar().output().unwrap();
        eprintln!(
            "zbarimg: {} of {cards} cards read",
            String::from_utf8_lossy(&out.stdout).lines().count()
        );
        if let Ok(out) = Command::new("/usr/bin/time")
            .args(["-f", "%M"])
            .arg("zbarimg")
            .args(["-q", "--raw", PATH])
            .output()
        {
            let err = String::from_utf8_lossy(&out.stderr);
            if let Some(kib) = err
                .lines()
                .last()
                .and_then(|l| l.trim().parse::<u64>().ok())
            {
                eprintln!("zbarimg: peak memory {} MiB (whole process)", kib / 1024);
            }
        }
    } else {
        eprintln!("zbarimg is not installed: its side is left out");
    }

    let mut group = c.benchmark_group("12 MP photo of a page of 8 cards");
    group.sample_size(10);
    group.bench_function("seedshard scan_image (decode JPEG, find, read)", |b| {
        b.iter(|| black_box(scan_image(&jpeg).unwrap()))
    });
    if zbar_ok {
        group.bench_function("zbarimg (process: decode, find, read)", |b| {
            b.iter(|| black_box(zbar().output().unwrap()))
        });
    }
    group.finish();
}

criterion_group!(scan_benches, benches);
criterion_main!(scan_benches);
