//! Share cards: every card rendered to PNG reads back (rqrr and zbarimg) and the set
//! recombines; a page of 8 cards at 150 dpi reads back also rotated, blurred, noisy and as a
//! JPEG; PDFs are exactly A4 or Letter and render with pdftoppm; SVGs parse as XML.
#![cfg(feature = "card")]

use std::io::Cursor;
use std::path::Path;
use std::process::Command;

use rand::rngs::StdRng;
use rand::SeedableRng;
use seedshard::card::{BridgeMode, CardOptions, CardSet, Paper, WalletFacts};
use seedshard::qr::{encode_payload, scan_grey, scan_image, PayloadFormat};
use seedshard::{combine, GroupSpec, MasterSecret, Passphrase, Share, ShareSet, SplitPlan};

/// Whether an external tool is there. Missing tools fail the test in CI (CI=true) and skip
/// that part with a message elsewhere.
fn tool(name: &str) -> bool {
    let ok = Command::new(name).arg("-v").output().is_ok();
    if !ok {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{name} is not installed (CI installs it in .ci/run)"
        );
        eprintln!("skipping the {name} part: {name} is not installed");
    }
    ok
}

fn secret(len: usize) -> MasterSecret {
    MasterSecret::new((0..len).map(|i| (i * 37 + 11) as u8).collect()).unwrap()
}

/// (secret, set): 20 words in two groups (8 shares), 33 words 3 of 5, 59 words 2 of 3.
fn sets() -> Vec<(MasterSecret, ShareSet)> {
    let plans = [
        (
            16,
            SplitPlan::new(
                2,
                vec![GroupSpec::new(2, 3).unwrap(), GroupSpec::new(3, 5).unwrap()],
            )
            .unwrap(),
        ),
        (32, SplitPlan::single(3, 5).unwrap()),
        (64, SplitPlan::single(2, 3).unwrap()),
    ];
    plans
        .into_iter()
        .enumerate()
        .map(|(k, (len, plan))| {
            let s = secret(len);
            let set = plan
                .split_with(
                    &s,
                    &Passphrase::empty(),
                    &mut StdRng::seed_from_u64(k as u64),
                )
                .unwrap();
            (s, set)
        })
        .collect()
}

fn zbar(path: &Path) -> Vec<String> {
    let out = Command::new("zbarimg")
        .args(["--raw", "-q"])
        .arg(path)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn every_card_png_reads_back_with_rqrr_and_zbar_and_the_set_recombines() {
    let zbar_ok = tool("zbarimg");
    let dir = tempfile::tempdir().unwrap();
    for (secret, set) in sets() {
        for format in [PayloadFormat::ShareQr, PayloadFormat::Text] {
            let cards =
                CardSet::from_share_set(&set, &[], CardOptions::default().with_payload(format))
                    .unwrap();
            let mut scanned: Vec<Share> = Vec::new();
            for ((name, png), share) in cards.card_pngs().iter().zip(set.shares()) {
                let report = scan_image(png).unwrap();
                assert_eq!(report.found.len(), 1, "{name}");
                assert_eq!(report.shares().next(), Some(share), "{name}");
                scanned.push(report.shares().next().unwrap().clone());
                if zbar_ok {
                    let path = dir.path().join(name);
                    std::fs::write(&path, &**png).unwrap();
                    assert_eq!(
                        zbar(&path),
                        vec![encode_payload(share, format).to_string()],
                        "{name}"
                    );
                }
            }
            assert_eq!(combine(&scanned, &Passphrase::empty()).unwrap(), secret);
        }
    }
}

#[test]
fn png_cards_are_300_dpi_at_true_size() {
    let (_, set) = sets().remove(0);
    let cards = CardSet::from_share_set(&set, &[], CardOptions::default()).unwrap();
    let (name, png) = &cards.card_pngs()[0];
    assert_eq!(name, "share-g1-s1.png");
    let img = image::load_from_memory(png).unwrap();
    // 96 x 64 mm at 300 dpi.
    assert_eq!((img.width(), img.height()), (1134, 756));
    let at = png.windows(4).position(|w| w == b"pHYs").unwrap();
    let ppm = u32::from_be_bytes(png[at + 4..at + 8].try_into().unwrap());
    assert_eq!(ppm, 11811, "300 dpi in pixels per metre");
}

fn grey(png: &[u8]) -> image::GrayImage {
    image::load_from_memory(png).unwrap().into_luma8()
}

/// Rotates about the centre onto a canvas with a white border wide enough to keep every
/// corner of the page in the picture.
fn rotate(page: &image::GrayImage, degrees: f32) -> image::GrayImage {
    let pad = page.width().max(page.height()) / 5;
    let mut img = image::GrayImage::from_pixel(
        page.width() + 2 * pad,
        page.height() + 2 * pad,
        image::Luma([255]),
    );
    image::imageops::replace(&mut img, page, i64::from(pad), i64::from(pad));
    let img = &img;
    let (w, h) = img.dimensions();
    let (s, c) = degrees.to_radians().sin_cos();
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    image::GrayImage::from_fn(w, h, |x, y| {
        let (dx, dy) = (x as f32 - cx, y as f32 - cy);
        let (sx, sy) = (c * dx + s * dy + cx, -s * dx + c * dy + cy);
        if sx < 0.0 || sy < 0.0 || sx >= (w - 1) as f32 || sy >= (h - 1) as f32 {
            return image::Luma([255]);
        }
        let (x0, y0) = (sx.floor() as u32, sy.floor() as u32);
        let (fx, fy) = (sx - x0 as f32, sy - y0 as f32);
        let p = |x: u32, y: u32| f32::from(img.get_pixel(x, y).0[0]);
        let v = p(x0, y0) * (1.0 - fx) * (1.0 - fy)
            + p(x0 + 1, y0) * fx * (1.0 - fy)
            + p(x0, y0 + 1) * (1.0 - fx) * fy
            + p(x0 + 1, y0 + 1) * fx * fy;
        image::Luma([v.round() as u8])
    })
}

fn noisy(img: &image::GrayImage, amplitude: i32) -> image::GrayImage {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut out = img.clone();
    for p in out.pixels_mut() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let n = (state % (2 * amplitude as u64 + 1)) as i32 - amplitude;
        p.0[0] = (i32::from(p.0[0]) + n).clamp(0, 255) as u8;
    }
    out
}

fn shares_in(img: &image::GrayImage) -> Vec<Share> {
    let report = scan_grey(img.width() as usize, img.height() as usize, img.as_raw());
    report.shares().cloned().collect()
}

#[test]
fn a_page_of_eight_cards_reads_back_rotated_blurred_noisy_and_as_jpeg() {
    let (secret, set) = sets().remove(0);
    let cards = CardSet::from_share_set(&set, &[], CardOptions::default()).unwrap();
    let pages = cards.page_pngs(150);
    assert_eq!(pages.len(), 1);
    let page = grey(&pages[0]);
    let rotated = rotate(&page, 7.0);
    let mut jpeg = Vec::new();
    image::DynamicImage::ImageLuma8(rotate(&page, -3.0))
        .write_to(&mut Cursor::new(&mut jpeg), image::ImageFormat::Jpeg)
        .unwrap();
    let variants = [
        ("straight", page.clone()),
        ("rotated 7 degrees", rotated),
        ("blurred", image::imageops::blur(&page, 1.0)),
        ("noisy", noisy(&page, 40)),
        (
            "rotated, blurred and noisy",
            noisy(&image::imageops::blur(&rotate(&page, 12.0), 0.6), 20),
        ),
    ];
    for (what, img) in &variants {
        let found = shares_in(img);
        assert_eq!(found.len(), 8, "{what}");
        for share in set.shares() {
            assert!(found.contains(share), "{what}");
        }
        assert_eq!(
            combine(&found, &Passphrase::empty()).unwrap(),
            secret,
            "{what}"
        );
    }
    let report = scan_image(&jpeg).unwrap();
    assert_eq!(report.shares().count(), 8, "jpeg");
}

#[test]
fn pdfs_are_exactly_a4_or_letter_and_render_with_pdftoppm() {
    if !tool("pdfinfo") || !tool("pdftoppm") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let all = sets();
    for (paper, size) in [
        (Paper::A4, "595.28 x 841.89 pts"),
        (Paper::Letter, "612 x 792 pts"),
    ] {
        for (k, (_, set)) in all.iter().enumerate() {
            let cards = CardSet::from_share_set(set, &[], CardOptions::default().with_paper(paper))
                .unwrap();
            let path = dir.path().join(format!("cards-{k}-{paper:?}.pdf"));
            std::fs::write(&path, &*cards.to_pdf()).unwrap();
            let info = Command::new("pdfinfo").arg(&path).output().unwrap();
            assert!(info.status.success());
            let info = String::from_utf8_lossy(&info.stdout).to_string();
            let page_size = info.lines().find(|l| l.starts_with("Page size:")).unwrap();
            assert!(page_size.contains(size), "{page_size}");
            let pages = set.shares().count().div_ceil(cards.cards_per_page());
            assert!(
                info.contains(&format!("Pages:           {pages}")),
                "{info}"
            );
            // Render the first page as a 200 dpi scan and read the QR codes from the vector
            // drawing.
            let prefix = dir.path().join(format!("page-{k}-{paper:?}"));
            let status = Command::new("pdftoppm")
                .args(["-r", "200", "-gray", "-png", "-f", "1", "-l", "1"])
                .arg(&path)
                .arg(&prefix)
                .status()
                .unwrap();
            assert!(status.success());
            let rendered = std::fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().path())
                .find(|p| {
                    p.file_name()
                        .unwrap()
                        .to_string_lossy()
                        .starts_with(&format!("page-{k}-{paper:?}"))
                })
                .unwrap();
            let report = scan_image(&std::fs::read(rendered).unwrap()).unwrap();
            let on_page = set.shares().count().min(cards.cards_per_page());
            assert_eq!(report.shares().count(), on_page, "{paper:?} set {k}");
        }
    }
}

#[test]
fn svg_cards_parse_as_xml() {
    for (_, set) in sets() {
        let cards =
            CardSet::from_share_set(&set, &["Ann & <Co>".into()], CardOptions::default()).unwrap();
        for (name, svg) in cards.card_svgs() {
            let doc = roxmltree::Document::parse(&svg).unwrap();
            let root = doc.root_element();
            assert_eq!(root.tag_name().name(), "svg", "{name}");
            assert_eq!(root.attribute("width"), Some("96mm"));
            let texts: Vec<String> = doc
                .descendants()
                .filter(|n| n.has_tag_name("text"))
                .filter_map(|n| n.text().map(str::to_string))
                .collect();
            assert!(texts.iter().any(|t| t.contains(&cards.set_name())));
            assert!(texts.len() > 2 * set.shares().next().unwrap().word_count());
        }
        assert!(cards.card_svgs()[0]
            .1
            .contains("Holder: Ann &amp; &lt;Co&gt;"));
    }
}

#[test]
fn the_owner_sheet_has_the_plan_and_wallet_facts_and_cards_do_not() {
    let (_, set) = sets().remove(0);
    let options = CardOptions::default()
        .with_date("2026-11-24")
        .with_bridge(Some(BridgeMode::Entropy));
    let holders = ["Alice".to_string(), "Bob".to_string()];
    let cards = CardSet::from_share_set(&set, &holders, options).unwrap();
    let facts = WalletFacts {
        fingerprint: "73c5da0a".into(),
        first_address: "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu".into(),
        zpub: "zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkgDKf31mGDtKsAYz2oz2AGutZYs".into(),
    };
    let sheet = cards.owner_sheet().with_wallet(facts);
    let svg = sheet.to_svg();
    roxmltree::Document::parse(&svg).unwrap();
    for needle in [
        "73c5da0a",
        "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu",
        "Alice",
        "Group 2: 3 of its 5 shares needed",
        "Trezor",
        "2026-11-24",
    ] {
        assert!(svg.contains(needle), "{needle}");
    }
    let pdf = sheet.to_pdf();
    assert!(String::from_utf8_lossy(&pdf).contains("(73c5da0a)"));
    let card_pdf = String::from_utf8_lossy(&cards.to_pdf()).to_string();
    assert!(!card_pdf.contains("73c5da0a") && !card_pdf.contains("zpub"));
    for (_, svg) in cards.card_svgs() {
        assert!(!svg.contains("Fingerprint") && !svg.contains("bc1q"));
        assert!(
            svg.contains("different, empty"),
            "entropy mode warns on every card"
        );
    }
    if tool("pdfinfo") {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("owner.pdf");
        std::fs::write(&path, &*pdf).unwrap();
        let info = Command::new("pdfinfo").arg(&path).output().unwrap();
        let info = String::from_utf8_lossy(&info.stdout).to_string();
        assert!(info.contains("Pages:           1"), "{info}");
        assert!(info.contains("595.28 x 841.89 pts"), "{info}");
    }
}
