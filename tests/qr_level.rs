//! Which QR error-correction level reads best on a share card: the same cards drawn at
//! levels M, Q and H with the code's area on the card fixed (so a higher level has more,
//! smaller modules), put through every damage class of the scan battery
//! (`tests/common/damage.rs`: crease, defocus, stain, motion blur, ...) at three strengths,
//! and read by seedshard's scanner and by `zbarimg`.
//!
//! The damage is the same for every level (same scene layout, same seeds), so the levels are
//! compared picture for picture. The table is printed (run with
//! `--ignored --nocapture`) and published in `docs/shareqr.md`; the test asserts that no
//! wrong share is read and that the level cards use ([`CARD_QR_LEVEL`]) is the one that read
//! the most codes (seedshard and zbarimg together; a tie goes to the lower level, whose
//! modules are larger). `SEEDSHARD_EC_ROUNDS` (default 2) sets how many pictures of each
//! class and strength are made; `SEEDSHARD_EC_CLASSES` (e.g. `crease,defocus,stain`) keeps
//! only the damage classes named (default: all of them).
#![cfg(all(feature = "card", feature = "scan"))]

use std::process::Command;

use rand::rngs::StdRng;
use rand::SeedableRng;
use seedshard::card::{CardOptions, CardSet, CARD_QR_LEVEL};
use seedshard::qr::{encode_payload, scan_image, EcLevel, PayloadFormat};
use seedshard::{GroupSpec, MasterSecret, Passphrase, Share, SplitPlan};

mod common;
#[path = "common/damage.rs"]
mod damage;

use damage::{damaged, gauss, grey, scene, Img, CLASSES, STRENGTHS};

const LEVELS: [(EcLevel, &str); 3] = [(EcLevel::M, "M"), (EcLevel::Q, "Q"), (EcLevel::H, "H")];

/// The battery's cards (two 20-word shares, one of 33 and one of 59 words) drawn at `level`,
/// at 200 dpi, with the QR version of each.
fn cards(level: EcLevel) -> Vec<(Share, Img, u8)> {
    let mut out = Vec::new();
    for (k, (len, take)) in [(16usize, 2usize), (32, 1), (64, 1)]
        .into_iter()
        .enumerate()
    {
        let secret =
            MasterSecret::new((0..len).map(|i| (i * 29 + k * 7 + 3) as u8).collect()).unwrap();
        let plan = SplitPlan::new(1, vec![GroupSpec::new(2, 3).unwrap()]).unwrap();
        let set = plan
            .split_with(
                &secret,
                &Passphrase::empty(),
                &mut StdRng::seed_from_u64(100 + k as u64),
            )
            .unwrap();
        let options = CardOptions::default().with_qr_level(level);
        let cards = CardSet::from_share_set(&set, &[], options).unwrap();
        for ((_, png), share) in cards.card_pngs().into_iter().zip(set.shares()).take(take) {
            let card = grey(&png);
            let f = 1.5;
            let small = gauss(&card, 0.5).remap(
                (card.w as f32 / f) as usize,
                (card.h as f32 / f) as usize,
                255.0,
                |x, y| (x * f, y * f),
            );
            let payload = encode_payload(share, PayloadFormat::ShareQr);
            let version =
                seedshard::qr::QrSymbol::from_payload(&payload, PayloadFormat::ShareQr, level)
                    .unwrap()
                    .version();
            out.push((share.clone(), small, version));
        }
    }
    out
}

fn zbar_installed() -> bool {
    let ok = Command::new("zbarimg").arg("--version").output().is_ok();
    assert!(
        ok || !common::in_ci(),
        "zbarimg is not installed (CI installs zbar-tools in .ci/run)"
    );
    ok
}

#[test]
#[ignore = "a measurement that takes many minutes: run it with --ignored --nocapture"]
fn the_card_qr_level_reads_the_most_codes_at_equal_card_size() {
    let rounds: u64 = std::env::var("SEEDSHARD_EC_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2);
    let only: Option<Vec<String>> = std::env::var("SEEDSHARD_EC_CLASSES")
        .ok()
        .map(|v| v.split(',').map(|c| c.trim().to_string()).collect());
    let classes: Vec<usize> = (0..CLASSES.len())
        .filter(|&c| {
            only.as_ref()
                .is_none_or(|o| o.iter().any(|n| n == CLASSES[c]))
        })
        .collect();
    assert!(!classes.is_empty(), "no damage class named {only:?}");
    let zbar_ok = zbar_installed();
    let dir = tempfile::tempdir().unwrap();
    // [level][class][strength] -> (codes, seedshard, zbarimg)
    let mut table = vec![vec![[(0usize, 0usize, 0usize); 3]; CLASSES.len()]; LEVELS.len()];
    let mut wrong = Vec::new();
    for (l, (level, name)) in LEVELS.iter().enumerate() {
        let cards = cards(*level);
        let versions: Vec<String> = cards.iter().map(|c| c.2.to_string()).collect();
        eprintln!("level {name}: QR versions {}", versions.join(", "));
        let shares: Vec<Share> = cards.iter().map(|c| c.0.clone()).collect();
        let expected: Vec<String> = shares
            .iter()
            .map(|s| encode_payload(s, PayloadFormat::ShareQr).to_string())
            .collect();
        let imgs: Vec<Img> = cards.into_iter().map(|c| c.1).collect();
        let base = scene(&imgs);
        for &class in &classes {
            for strength in 0..STRENGTHS.len() {
                for round in 0..rounds {
                    let seed = (class * 16 + strength) as u64 + 1 + 1000 * round;
                    let bytes = damaged(&base, &imgs, class, strength, seed);
                    let report = scan_image(&bytes).expect("a readable image");
                    let cell = &mut table[l][class][strength];
                    cell.0 += expected.len();
                    for share in report.shares() {
                        if shares.contains(share) {
                            cell.1 += 1;
                        } else {
                            wrong
                                .push(format!("{name} {} {}", CLASSES[class], STRENGTHS[strength]));
                        }
                    }
                    if zbar_ok {
                        let ext = if class == 3 { "jpg" } else { "png" };
                        let path = dir.path().join(format!("pic.{ext}"));
                        std::fs::write(&path, &bytes).unwrap();
                        let got = common::zbarimg(&path);
                        cell.2 += expected.iter().filter(|e| got.contains(e)).count();
                    }
                }
            }
            eprintln!("level {name}: {} done", CLASSES[class]);
        }
    }

    println!("| damage | strength | codes | M: seedshard | M: zbarimg | Q: seedshard | Q: zbarimg | H: seedshard | H: zbarimg |");
    println!("|---|---|---|---|---|---|---|---|---|");
    let mut totals = [[0usize; 2]; 3];
    for &class in &classes {
        for strength in 0..STRENGTHS.len() {
            let mut row = format!(
                "| {} | {} | {} |",
                CLASSES[class], STRENGTHS[strength], table[0][class][strength].0
            );
            for l in 0..LEVELS.len() {
                let (_, ours, zbar) = table[l][class][strength];
                row.push_str(&format!(" {ours} | {zbar} |"));
                totals[l][0] += ours;
                totals[l][1] += zbar;
            }
            println!("{row}");
        }
    }
    let codes: usize = table[0].iter().flatten().map(|c| c.0).sum();
    println!(
        "| all | | {codes} | {} | {} | {} | {} | {} | {} |",
        totals[0][0], totals[0][1], totals[1][0], totals[1][1], totals[2][0], totals[2][1]
    );
    assert!(wrong.is_empty(), "wrong shares returned: {wrong:?}");
    // The best level: most codes read by both decoders together; the first (lowest) wins a tie.
    let best = (0..LEVELS.len())
        .max_by_key(|&l| (totals[l][0] + totals[l][1], core::cmp::Reverse(l)))
        .unwrap();
    assert_eq!(
        LEVELS[best].0, CARD_QR_LEVEL,
        "level {} read the most codes; cards use another",
        LEVELS[best].1
    );
}
