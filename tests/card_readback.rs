//! Every card of every size reads back, by seedshard's own scanner (`qr::scan_image`) and by
//! `zbarimg`, as each format gives it to a holder:
//!
//! - the PDF on A4 and on Letter, every page rendered by `pdftoppm` at 300 dpi (a common
//!   scanner and printer resolution): each page holds exactly the codes of its cards;
//! - each single-card PNG, as written (300 dpi);
//! - each single-card SVG, rendered by `rsvg-convert` at 300 dpi.
//!
//! Shares of 20 words (128-bit secret), 33 words (256-bit) and 59 words (512-bit: the longest
//! secret seedshard splits, on tall cards, 4 a page), with a holder name and an "if found"
//! note, so the cards carry all their text. Each code must decode to exactly the share drawn
//! there: no code missing, none extra, none another card's.
//!
//! The tools come from Debian's `zbar-tools`, `poppler-utils` and `librsvg2-bin`. Without one
//! the tests that need it are reported as ignored (under `CI=true` they fail): this file runs
//! through `common::Harness`, so each test is added to `main`.

use std::path::Path;
use std::process::Command;

use seedshard::card::{CardOptions, CardSet, Paper};
use seedshard::qr::{encode_payload, scan_image, PayloadFormat};
use seedshard::Share;

#[path = "common/card_sets.rs"]
mod card_sets;
mod common;
use common::{tool_need, Harness, Need};

/// The resolution pages and SVG cards are rendered at.
const DPI: &str = "300";

/// Cards of 20 words (two groups, 8 cards: two A4 pages), 33 words (5 cards) and 59 words
/// (5 tall cards: two pages).
fn card_sets(paper: Paper) -> Vec<CardSet> {
    card_sets::sets(5)
        .into_iter()
        .map(|(_, set)| {
            let holders: Vec<String> = (1..=set.shares().count())
                .map(|i| format!("Łukasz Żółć-Müller {i}"))
                .collect();
            let options = CardOptions::default()
                .with_paper(paper)
                .with_date("2026-11-30")
                .with_card_note("Ask Jane Doe, notary, 12 Rue des Écoles, Paris");
            CardSet::from_share_set(&set, &holders, options).unwrap()
        })
        .collect()
}

/// Asserts that the image `png` (also at `path`) holds exactly the codes of `shares`, read
/// by seedshard's scanner and by zbarimg.
fn assert_reads_back(what: &str, png: &[u8], path: &Path, shares: &[&Share]) {
    let report = scan_image(png).unwrap_or_else(|e| panic!("{what}: {e}"));
    let mut ours: Vec<&Share> = report.shares().collect();
    let mut expected: Vec<&Share> = shares.to_vec();
    let key = |s: &&Share| (s.group_index(), s.member_index());
    ours.sort_by_key(key);
    expected.sort_by_key(key);
    assert_eq!(
        report.found.len(),
        shares.len(),
        "{what}: seedshard found {} codes ({} unreadable) for {} cards",
        report.found.len(),
        report.unreadable,
        shares.len()
    );
    assert_eq!(ours, expected, "{what}: seedshard read other shares");
    let mut payloads: Vec<String> = shares
        .iter()
        .map(|s| encode_payload(s, PayloadFormat::ShareQr).to_string())
        .collect();
    payloads.sort();
    let mut read = common::zbarimg(path);
    read.sort();
    assert_eq!(read, payloads, "{what}: zbarimg");
}

/// Every page of the PDF on `paper`, rendered by pdftoppm, holds the codes of its cards.
fn pdf_pages_read_back(paper: Paper) {
    let dir = tempfile::tempdir().unwrap();
    for cards in card_sets(paper) {
        let words = cards.shares()[0].word_count();
        let pdf = dir.path().join(format!("{words}.pdf"));
        std::fs::write(&pdf, &*cards.to_pdf()).unwrap();
        let prefix = dir.path().join(format!("{words}-page"));
        let out = Command::new("pdftoppm")
            .args(["-png", "-gray", "-r", DPI])
            .arg(&pdf)
            .arg(&prefix)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "pdftoppm: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let per_page = cards.cards_per_page();
        let pages = cards.shares().chunks(per_page).count();
        for (p, on_page) in cards.shares().chunks(per_page).enumerate() {
            // pdftoppm numbers pages from 1, with as many digits as the last page number.
            let path = dir.path().join(format!("{words}-page-{}.png", p + 1));
            let png = std::fs::read(&path).unwrap_or_else(|e| {
                panic!("{words} words, {paper:?}: page {} of {pages}: {e}", p + 1)
            });
            let on_page: Vec<&Share> = on_page.iter().collect();
            let what = format!("{words} words, {paper:?}, page {} of {pages}", p + 1);
            assert_reads_back(&what, &png, &path, &on_page);
        }
    }
}

fn pdf_a4() {
    pdf_pages_read_back(Paper::A4);
}

fn pdf_letter() {
    pdf_pages_read_back(Paper::Letter);
}

/// Each single-card PNG holds the code of its own share.
fn png_cards() {
    let dir = tempfile::tempdir().unwrap();
    for cards in card_sets(Paper::A4) {
        let words = cards.shares()[0].word_count();
        for ((name, png), share) in cards.card_pngs().iter().zip(cards.shares()) {
            let path = dir.path().join(name);
            std::fs::write(&path, &**png).unwrap();
            assert_reads_back(&format!("{words} words, {name}"), png, &path, &[share]);
        }
    }
}

/// Each single-card SVG, rendered by rsvg-convert, holds the code of its own share.
fn svg_cards() {
    let dir = tempfile::tempdir().unwrap();
    for cards in card_sets(Paper::A4) {
        let words = cards.shares()[0].word_count();
        for ((name, svg), share) in cards.card_svgs().iter().zip(cards.shares()) {
            let svg_path = dir.path().join(name);
            std::fs::write(&svg_path, svg.as_bytes()).unwrap();
            let path = svg_path.with_extension("png");
            let out = Command::new("rsvg-convert")
                .args([
                    "--dpi-x",
                    DPI,
                    "--dpi-y",
                    DPI,
                    "--background-color",
                    "white",
                ])
                .arg("-o")
                .arg(&path)
                .arg(&svg_path)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "rsvg-convert {name}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let png = std::fs::read(&path).unwrap();
            assert_reads_back(&format!("{words} words, {name}"), &png, &path, &[share]);
        }
    }
}

fn main() {
    let zbar = tool_need("zbarimg", "--version", "zbar-tools");
    let pdf: Need<()> = zbar
        .clone()
        .and_then(|()| tool_need("pdftoppm", "-v", "poppler-utils"));
    let svg: Need<()> = zbar
        .clone()
        .and_then(|()| tool_need("rsvg-convert", "--version", "librsvg2-bin"));
    Harness::new(include_str!("card_readback.rs"))
        .needs("pdf_pages_on_a4_read_back", &pdf, pdf_a4)
        .needs("pdf_pages_on_letter_read_back", &pdf, pdf_letter)
        .needs("png_cards_read_back", &zbar, png_cards)
        .needs("svg_cards_read_back", &svg, svg_cards)
        .run()
}
