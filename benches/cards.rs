//! Share cards and scanning: ShareQR symbol sizes, a 16-card PDF, and finding and decoding
//! every share in a 12-megapixel photo of a page of cards.
//!
//! The photo is also written to `target/bench-photo-12mp.jpg`, so other readers can be timed
//! on the same image (e.g. `hyperfine 'zbarimg -q --raw target/bench-photo-12mp.jpg'`).

use std::hint::black_box;
use std::io::Cursor;

use criterion::{criterion_group, criterion_main, Criterion};
use rand::rngs::StdRng;
use rand::SeedableRng;
use seedshard::card::{CardOptions, CardSet};
use seedshard::qr::{scan_image, PayloadFormat, QrSymbol};
use seedshard::{MasterSecret, Passphrase, ShareSet, SplitPlan};

fn set(len: usize, threshold: u8, count: u8) -> ShareSet {
    let secret = MasterSecret::new((0..len).map(|i| i as u8).collect()).unwrap();
    SplitPlan::single(threshold, count)
        .unwrap()
        .split_with(&secret, &Passphrase::empty(), &mut StdRng::seed_from_u64(7))
        .unwrap()
}

fn symbol_sizes() {
    for len in [16, 32, 64] {
        let s = set(len, 2, 3);
        let share = s.shares().next().unwrap();
        let q = QrSymbol::for_share(share, PayloadFormat::ShareQr).unwrap();
        let t = QrSymbol::for_share(share, PayloadFormat::Text).unwrap();
        eprintln!(
            "{} words: ShareQR version {} ({}x{}), text version {} ({}x{}), level M",
            share.word_count(),
            q.version(),
            q.size(),
            q.size(),
            t.version(),
            t.size(),
            t.size()
        );
    }
}

/// A 4000 x 3000 photo-like JPEG: a page of 6 cards at about 256 dpi, turned 4 degrees, on
/// a grey table, with sensor noise.
fn photo() -> Vec<u8> {
    let cards = CardSet::from_share_set(&set(16, 5, 8), &[], CardOptions::default()).unwrap();
    let page = image::load_from_memory(&cards.page_pngs(256)[0])
        .unwrap()
        .into_luma8();
    let (pw, ph) = (page.width() as f32, page.height() as f32);
    let (s, c) = 4f32.to_radians().sin_cos();
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let img = image::GrayImage::from_fn(4000, 3000, |x, y| {
        let (dx, dy) = (x as f32 - 2000.0, y as f32 - 1500.0);
        let (sx, sy) = (c * dx + s * dy + pw / 2.0, -s * dx + c * dy + ph / 2.0);
        let base = if sx >= 0.0 && sy >= 0.0 && sx < pw - 1.0 && sy < ph - 1.0 {
            f32::from(page.get_pixel(sx as u32, sy as u32).0[0]) * 0.85 + 20.0
        } else {
            110.0
        };
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let noise = (state % 21) as f32 - 10.0;
        image::Luma([(base + noise).clamp(0.0, 255.0) as u8])
    });
    let mut jpeg = Vec::new();
    image::DynamicImage::ImageLuma8(img)
        .write_to(&mut Cursor::new(&mut jpeg), image::ImageFormat::Jpeg)
        .unwrap();
    jpeg
}

fn cards_on_a_page() -> usize {
    CardSet::from_share_set(&set(16, 5, 8), &[], CardOptions::default())
        .unwrap()
        .cards_per_page()
}

fn benches(c: &mut Criterion) {
    symbol_sizes();

    let sixteen = CardSet::from_share_set(&set(16, 3, 16), &[], CardOptions::default()).unwrap();
    c.bench_function("pdf of 16 cards (20 words)", |b| {
        b.iter(|| black_box(sixteen.to_pdf()))
    });

    let jpeg = photo();
    let _ = std::fs::create_dir_all("target");
    let _ = std::fs::write("target/bench-photo-12mp.jpg", &jpeg);
    let found = scan_image(&jpeg).unwrap().shares().count();
    eprintln!(
        "12-megapixel photo: {found} of {} shares found",
        cards_on_a_page()
    );
    let mut group = c.benchmark_group("scan");
    group.sample_size(10);
    group.bench_function(
        "12 MP photo, 6 cards: decode JPEG, find and read all",
        |b| b.iter(|| black_box(scan_image(&jpeg).unwrap())),
    );
    group.finish();
}

criterion_group!(card_benches, benches);
criterion_main!(card_benches);
