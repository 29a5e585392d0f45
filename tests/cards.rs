//! Share cards: every card rendered to PNG reads back (rqrr and zbarimg) and the set
//! recombines; a page of 8 cards at 150 dpi reads back also rotated, blurred, noisy and as a
//! JPEG; PDFs are exactly A4 or Letter and render with pdftoppm; SVGs parse as XML.
//!
//! The tests that need `zbarimg` (Debian `zbar-tools`) or the poppler tools (`pdfinfo`,
//! `pdftoppm`, `pdftotext`, `pdffonts`: `poppler-utils`) are reported as ignored without them
//! (CI=true fails them). The file runs through `common::Harness`: add each test to `main`.

use std::io::Cursor;
use std::process::Command;

use seedshard::bip39::{Bip39Mode, Bip39Passphrase, Bip39Phrase};
use seedshard::card::{CardOptions, CardSet, Paper};
use seedshard::qr::{encode_payload, scan_grey, scan_image, PayloadFormat};
use seedshard::wallet::{Network, WalletFacts};
use seedshard::{combine, GroupSpec, MasterSecret, Passphrase, Share, ShareSet, SplitPlan};

#[path = "common/card_sets.rs"]
mod card_sets;
mod common;
use card_sets::secret;

/// What the tests that run `tools` need: each of them installed (`zbarimg --version`, or
/// the poppler tool's `-v`, exits 0).
fn tools(tools: &[&str]) -> common::Need<()> {
    tools.iter().try_for_each(|&t| match t {
        "zbarimg" => common::tool_need(t, "--version", "zbar-tools"),
        _ => common::tool_need(t, "-v", "poppler-utils"),
    })
}

/// (secret, set): 20 words in two groups (8 shares), 33 words 3 of 5, 59 words 2 of 3.
fn sets() -> Vec<(MasterSecret, ShareSet)> {
    card_sets::sets(3)
}

fn every_card_png_reads_back_with_rqrr_and_the_set_recombines() {
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
            }
            assert_eq!(combine(&scanned, &Passphrase::empty()).unwrap(), secret);
        }
    }
}

/// The same cards read by another decoder, `zbarimg`.
fn every_card_png_reads_back_with_zbar() {
    let dir = tempfile::tempdir().unwrap();
    for (_, set) in sets() {
        for format in [PayloadFormat::ShareQr, PayloadFormat::Text] {
            let cards =
                CardSet::from_share_set(&set, &[], CardOptions::default().with_payload(format))
                    .unwrap();
            for ((name, png), share) in cards.card_pngs().iter().zip(set.shares()) {
                let path = dir.path().join(name);
                std::fs::write(&path, &**png).unwrap();
                assert_eq!(
                    common::zbarimg(&path),
                    vec![encode_payload(share, format).to_string()],
                    "{name}"
                );
            }
        }
    }
}

fn png_cards_are_300_dpi_at_true_size() {
    let (_, set) = sets().remove(0);
    let cards = CardSet::from_share_set(&set, &[], CardOptions::default()).unwrap();
    let (name, png) = &cards.card_pngs()[0];
    assert_eq!(name, "share-g1-s1.png");
    let img = image::load_from_memory(png).unwrap();
    // 96 x 86 mm at 300 dpi.
    assert_eq!((img.width(), img.height()), (1134, 1016));
    // A solid cut border on every edge, 0.25 mm in.
    let g = img.to_luma8();
    let (w, h) = (img.width(), img.height());
    for (x, y) in [(w / 2, 3), (w / 2, h - 4), (3, h / 2), (w - 4, h / 2)] {
        assert!(g.get_pixel(x, y).0[0] < 128, "no border at ({x}, {y})");
    }
    // Just inside the border the card is white.
    assert!(g.get_pixel(w / 2, 8).0[0] > 200);
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

/// A camera tilted back: the top of the page narrower than the bottom (keystone), with a
/// white border around.
fn tilted(page: &image::GrayImage, squeeze: f32) -> image::GrayImage {
    let pad = page.width() / 6;
    let (w, h) = (page.width() + 2 * pad, page.height() + pad);
    let (pw, ph) = (page.width() as f32, page.height() as f32);
    image::GrayImage::from_fn(w, h, |x, y| {
        let v = y as f32 / ph;
        let scale = 1.0 - squeeze * (1.0 - v);
        let sx = (x as f32 - w as f32 / 2.0) / scale + pw / 2.0;
        let sy = y as f32;
        if sx < 0.0 || sx >= pw - 1.0 || sy >= ph - 1.0 {
            return image::Luma([255]);
        }
        let (x0, fx) = (sx.floor() as u32, sx - sx.floor());
        let a = f32::from(page.get_pixel(x0, sy as u32).0[0]);
        let b = f32::from(page.get_pixel(x0 + 1, sy as u32).0[0]);
        image::Luma([(a * (1.0 - fx) + b * fx).round() as u8])
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

fn a_page_of_cards_reads_back_rotated_blurred_noisy_and_as_jpeg() {
    let (secret, set) = sets().remove(0);
    let cards = CardSet::from_share_set(&set, &[], CardOptions::default()).unwrap();
    let pages = cards.page_pngs(150);
    assert_eq!(pages.len(), 2);
    let on_page: Vec<Share> = set.shares().take(cards.cards_per_page()).cloned().collect();
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
        ("photographed at an angle", tilted(&page, 0.15)),
        (
            "rotated, blurred and noisy",
            noisy(&image::imageops::blur(&rotate(&page, 12.0), 0.6), 20),
        ),
    ];
    for (what, img) in &variants {
        let found = shares_in(img);
        assert_eq!(found.len(), on_page.len(), "{what}");
        for share in &on_page {
            assert!(found.contains(share), "{what}");
        }
        assert_eq!(
            combine(&found, &Passphrase::empty()).unwrap(),
            secret,
            "{what}"
        );
    }
    let report = scan_image(&jpeg).unwrap();
    assert_eq!(report.shares().count(), on_page.len(), "jpeg");
}

fn pdfs_are_exactly_a4_or_letter_and_render_with_pdftoppm() {
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

fn pdftotext_finds_no_share_word_in_a_card_pdf() {
    let dir = tempfile::tempdir().unwrap();
    for (k, (_, set)) in sets().iter().enumerate() {
        let cards =
            CardSet::from_share_set(set, &["Alice".into()], CardOptions::default()).unwrap();
        let path = dir.path().join(format!("cards-{k}.pdf"));
        std::fs::write(&path, &*cards.to_pdf()).unwrap();
        let out = Command::new("pdftotext")
            .arg(&path)
            .arg("-")
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8_lossy(&out.stdout).to_lowercase();
        // No font is declared, so none can be substituted by a viewer.
        let fonts = Command::new("pdffonts").arg(&path).output().unwrap();
        assert!(fonts.status.success());
        assert_eq!(String::from_utf8_lossy(&fonts.stdout).lines().count(), 2);
        // Card text is drawn as glyph outlines: no text layer at all, not even the heads.
        assert!(text.trim().is_empty(), "set {k}: text layer {text:?}");
        for share in set.shares() {
            for word in share.to_words().split(' ') {
                assert!(!text.contains(word), "set {k}: {word} in the text layer");
            }
        }
    }
}

/// Whether `word` is in `text` between characters that are not letters.
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphabetic) && !after.is_some_and(char::is_alphabetic)
    })
}

fn svg_cards_parse_as_xml() {
    for (_, set) in sets() {
        let cards =
            CardSet::from_share_set(&set, &["Ann & <Co>".into()], CardOptions::default()).unwrap();
        for (name, svg) in cards.card_svgs() {
            let doc = roxmltree::Document::parse(&svg).unwrap();
            let root = doc.root_element();
            assert_eq!(root.tag_name().name(), "svg", "{name}");
            assert_eq!(root.attribute("width"), Some("96mm"));
            // Text is drawn as outline paths; all but the share words are labelled.
            let texts: Vec<String> = doc
                .descendants()
                .filter(|n| n.has_tag_name("path"))
                .filter_map(|n| n.attribute("aria-label").map(str::to_string))
                .collect();
            assert!(texts.iter().any(|t| t.contains(&cards.set_name())));
            let words = set.shares().next().unwrap().word_count();
            // The word numbers, and two paths (first letters, rest) a word without a label.
            assert!(texts.len() > words, "{name}");
            let unlabelled = doc
                .descendants()
                .filter(|n| n.has_tag_name("path") && n.attribute("aria-label").is_none())
                .count();
            assert!(unlabelled >= words, "{name}: {unlabelled} unlabelled paths");
            assert!(!doc.descendants().any(|n| n.has_tag_name("text")), "{name}");
            assert!(!svg.contains("font-family"), "{name}");
        }
        // The share words are drawn only as outlines: no text node, no attribute and no
        // outline's label holds one. (The labels, the card's instructions, may use a word of
        // the SLIP-39 list such as "type": no label is a share word or a part of one as
        // printed, and none holds two words of the share in a row.)
        for ((name, svg), share) in cards.card_svgs().iter().zip(set.shares()) {
            let doc = roxmltree::Document::parse(svg).unwrap();
            let words = share.to_words();
            let words: Vec<&str> = words.split(' ').collect();
            let mut labels = Vec::new();
            for node in doc.descendants() {
                if let Some(text) = node.text() {
                    let text = text.to_lowercase();
                    for word in &words {
                        assert!(!has_word(&text, word), "{name}: {word} in text");
                    }
                }
                for attribute in node.attributes() {
                    if attribute.name() == "aria-label" {
                        labels.push(attribute.value().to_string());
                        continue;
                    }
                    let value = attribute.value().to_lowercase();
                    for word in &words {
                        assert!(!has_word(&value, word), "{name}: {word} in an attribute");
                    }
                }
            }
            for word in &words {
                let split = word.len().min(4);
                let parts = [
                    word.to_string(),
                    word[..split].to_ascii_uppercase(),
                    word[split..].to_string(),
                ];
                for part in parts.iter().filter(|p| !p.is_empty()) {
                    assert!(!labels.contains(part), "{name}: {part} labelled");
                }
            }
            let labels = labels.join(" ").to_lowercase();
            for pair in words.windows(2) {
                assert!(
                    !labels.contains(&pair.join(" ")),
                    "{name}: share words labelled"
                );
            }
        }
        assert!(cards.card_svgs()[0]
            .1
            .contains("Holder: Ann &amp; &lt;Co&gt;"));
    }
}

fn the_owner_sheet_has_the_plan_and_wallet_facts_and_cards_do_not() {
    let (_, set) = sets().remove(0);
    let options = CardOptions::default()
        .with_date("2026-11-24")
        .with_bridge(Some(Bip39Mode::Entropy));
    let holders = ["Alice".to_string(), "Bob".to_string()];
    let cards = CardSet::from_share_set(&set, &holders, options).unwrap();
    // The wallet of "abandon ... about": fingerprint 73c5da0a, first address bc1qcr8t...,
    // zpub6rFR7y4Q2Aij... (the BIP-84 test vector).
    let about = Bip39Phrase::parse(
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
    )
    .unwrap();
    let facts = WalletFacts::from_bip39(&about, &Bip39Passphrase::empty(), Network::Bitcoin);
    // The zpub reveals the whole wallet's history: only when asked for.
    let hidden = cards.owner_sheet().with_wallet(facts.clone()).to_svg();
    assert!(!hidden.contains("zpub6rFR7y4Q2Aij"));
    assert!(hidden.contains("SLIP-39 passphrase: not recorded"));
    let sheet = cards
        .owner_sheet()
        .with_wallet(facts)
        .with_zpub_shown(true)
        .with_passphrase_set(true);
    let svg = sheet.to_svg();
    assert!(svg.contains("zpub6rFR7y4Q2Aij") && svg.contains("balance"));
    assert!(svg.contains("SLIP-39 passphrase: yes"));
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
    // Each card named as the card itself names it (its label and holder), not by a file name.
    assert!(svg.contains("Group 1 of 2, share 1 of 3") && svg.contains("Holder: Alice"));
    assert!(!svg.contains("share-g1-s1"));
    let pdf = sheet.to_pdf();
    // The sheet's text is drawn as outlines of the embedded fonts, like the cards'.
    assert!(!String::from_utf8_lossy(&pdf).contains("/Font"));
    let card_pdf = String::from_utf8_lossy(&cards.to_pdf()).to_string();
    assert!(!card_pdf.contains("73c5da0a") && !card_pdf.contains("zpub"));
    for (_, svg) in cards.card_svgs() {
        assert!(!svg.contains("Fingerprint") && !svg.contains("bc1q"));
        assert!(
            svg.contains("different, empty"),
            "entropy mode warns on every card"
        );
    }
}

/// The owner sheet's PDF as poppler reads it: no font declared (so no viewer substitutes
/// one), one A4 page.
fn the_owner_sheet_pdf_declares_no_font_and_is_one_a4_page() {
    let (_, set) = sets().remove(0);
    let cards =
        CardSet::from_share_set(&set, &["Alice".to_string()], CardOptions::default()).unwrap();
    let about = Bip39Phrase::parse(
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
    )
    .unwrap();
    let facts = WalletFacts::from_bip39(&about, &Bip39Passphrase::empty(), Network::Bitcoin);
    let pdf = cards
        .owner_sheet()
        .with_wallet(facts)
        .with_zpub_shown(true)
        .to_pdf();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("owner.pdf");
    std::fs::write(&path, &*pdf).unwrap();
    let fonts = Command::new("pdffonts").arg(&path).output().unwrap();
    assert!(fonts.status.success());
    assert_eq!(String::from_utf8_lossy(&fonts.stdout).lines().count(), 2);
    let info = Command::new("pdfinfo").arg(&path).output().unwrap();
    assert!(info.status.success());
    let info = String::from_utf8_lossy(&info.stdout).to_string();
    assert!(info.contains("Pages:           1"), "{info}");
    assert!(info.contains("595.28 x 841.89 pts"), "{info}");
}

fn holder_names_in_latin_letters_print_and_the_cards_still_read_back() {
    let (_, set) = sets().remove(1);
    // "José" with a combining accent is normalised to NFC, as typed with a precomposed é.
    let holders = [
        "Jose\u{301} Müller".to_string(),
        "Łukasz Żółć".to_string(),
        "Søren Ægir Œuvray".to_string(),
    ];
    let cards = CardSet::from_share_set(&set, &holders, CardOptions::default()).unwrap();
    let svgs = cards.card_svgs();
    assert!(svgs[0].1.contains("Holder: José Müller"));
    assert!(svgs[1].1.contains("Holder: Łukasz Żółć"));
    assert!(cards
        .owner_sheet()
        .to_svg()
        .contains("Holder: Søren Ægir Œuvray"));
    for ((name, png), share) in cards.card_pngs().iter().zip(set.shares()).take(3) {
        let read: Vec<Share> = scan_image(png).unwrap().shares().cloned().collect();
        assert_eq!(read, std::slice::from_ref(share), "{name}");
    }
    // The accented letters are drawn (not the empty box of a missing glyph): the name's
    // pixels differ from those of the same name without accents.
    let plain = CardSet::from_share_set(&set, &["Jose Muller".to_string()], CardOptions::default())
        .unwrap();
    assert_ne!(plain.card_pngs()[0].1, cards.card_pngs()[0].1);
    // Characters the card fonts lack are refused, naming the holder and the character.
    for (name, position) in [("Li 李", 4), ("Anna 🙂", 6), ("Tab\there", 4)] {
        let err =
            CardSet::from_share_set(&set, &[name.to_string()], CardOptions::default()).unwrap_err();
        assert_eq!(
            err,
            seedshard::card::CardError::UnprintableCharacter {
                which: seedshard::card::CardText::Holder(1),
                position,
                character: name.chars().nth(position - 1).unwrap(),
            }
        );
        assert!(err.to_string().starts_with("holder 1, character"), "{err}");
    }
    let long = "Ł".repeat(41);
    assert!(matches!(
        CardSet::from_share_set(&set, &[long], CardOptions::default()),
        Err(seedshard::card::CardError::BadLabel { .. })
    ));
}

/// Cards with accented holder names read by another decoder, `zbarimg`.
fn holder_name_cards_read_back_with_zbar() {
    let (_, set) = sets().remove(1);
    let holders = [
        "José Müller".to_string(),
        "Łukasz Żółć".to_string(),
        "Søren Ægir Œuvray".to_string(),
    ];
    let cards = CardSet::from_share_set(&set, &holders, CardOptions::default()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for ((name, png), share) in cards.card_pngs().iter().zip(set.shares()).take(3) {
        let path = dir.path().join(name);
        std::fs::write(&path, &**png).unwrap();
        let payload = encode_payload(share, PayloadFormat::ShareQr).to_string();
        assert!(common::zbarimg(&path).contains(&payload), "{name}");
    }
}

fn labels_of_groups_of_one_share_say_so_in_the_singular() {
    let plan = SplitPlan::new(
        2,
        vec![GroupSpec::new(1, 1).unwrap(), GroupSpec::new(2, 3).unwrap()],
    )
    .unwrap();
    let set = plan.split(&secret(16), &Passphrase::empty()).unwrap();
    let cards = CardSet::from_share_set(&set, &[], CardOptions::default()).unwrap();
    let label = seedshard::card::holder_label(set.shares().next().unwrap(), 1);
    assert!(
        label.contains("Its one share completes this group"),
        "{label}"
    );
    // The card's text, its lines joined.
    let svg = &cards.card_svgs()[0].1;
    let doc = roxmltree::Document::parse(svg).unwrap();
    let card = doc
        .descendants()
        .filter(|n| n.has_tag_name("path"))
        .filter_map(|n| n.attribute("aria-label"))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        card.contains("Its one share completes this group"),
        "{card}"
    );
    let sheet = cards.owner_sheet().to_svg();
    assert!(sheet.contains("Group 1: its one share needed"));
    for text in [&*label, &*card, &*sheet] {
        assert!(!text.contains(" 1 shares") && !text.contains("1 cards"));
    }
    let one = SplitPlan::single(1, 1)
        .unwrap()
        .split(&secret(16), &Passphrase::empty())
        .unwrap();
    let sheet = CardSet::from_share_set(&one, &[], CardOptions::default())
        .unwrap()
        .owner_sheet()
        .to_svg();
    assert!(sheet.contains("One share: it alone restores the wallet."));
    assert!(!sheet.contains(" 1 shares"));
}

fn the_owner_sheet_says_where_the_tool_is_and_the_page_hash() {
    let (_, set) = sets().remove(1);
    let cards = CardSet::from_share_set(&set, &[], CardOptions::default()).unwrap();
    let blank = cards.owner_sheet().to_svg();
    assert!(blank.contains("(write it here)") && blank.contains("beside the cards"));
    let hash = "ab".repeat(32);
    let sheet = cards
        .owner_sheet()
        .with_tool_note("USB stick in the desk drawer")
        .with_page_sha256(hash.clone())
        .to_svg();
    assert!(sheet.contains("kept: USB stick in the desk drawer"));
    assert!(sheet.contains(&hash[..20]));
}

/// The `seedshard` tool: cards from `split --cards` and `cards`, and recovery by scanning.
#[cfg(feature = "cli")]
mod cli {
    use std::os::unix::fs::PermissionsExt;
    use std::path::Path;

    use assert_cmd::Command;

    use super::common::crc32;

    const SECRET: &str = "bb54aac4b89dc868ba37d9cc21b2cece";

    fn seedshard(dir: &Path) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_seedshard"));
        cmd.current_dir(dir);
        cmd
    }

    fn split_with_cards(dir: &Path, extra: &[&str]) -> std::process::Output {
        std::fs::write(dir.join("secret.hex"), SECRET).unwrap();
        seedshard(dir)
            .args(["split", "--group", "2of3", "--secret-file", "secret.hex"])
            .args(extra)
            .output()
            .unwrap()
    }

    fn assert_usage_error(out: &std::process::Output, needle: &str) {
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains("error: ") && err.contains("hint: "), "{err}");
        assert!(err.contains(needle), "{err}");
    }

    pub(super) fn card_note_goes_on_every_card_and_the_zpub_only_with_show_xpub() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let args = [
            "--card-format",
            "svg",
            "--card-note",
            "Ask Jane Doe, notary",
        ];
        let out = split_with_cards(d, &[&["--cards", "plain"][..], &args[..]].concat());
        assert_eq!(out.status.code(), Some(0));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("print at 100%") && err.contains("delete them"),
            "{err}"
        );
        for k in 1..=3 {
            let card = std::fs::read_to_string(d.join(format!("plain/share-g1-s{k}.svg"))).unwrap();
            assert!(card.contains("If found, give it to: Ask Jane Doe, notary."));
        }
        let sheet = std::fs::read_to_string(d.join("plain/owner-sheet.svg")).unwrap();
        assert!(sheet.contains("Fingerprint") && !sheet.contains("zpub"));
        assert!(sheet.contains("SLIP-39 passphrase: none was set"));
        let out = split_with_cards(
            d,
            &[&["--cards", "shown", "--show-xpub"][..], &args[..]].concat(),
        );
        assert_eq!(out.status.code(), Some(0));
        let sheet = std::fs::read_to_string(d.join("shown/owner-sheet.svg")).unwrap();
        assert!(sheet.contains("zpub") && sheet.contains("the balance"));
        let long = "x".repeat(81);
        let out = split_with_cards(d, &["--cards", "long", "--card-note", &long]);
        assert_usage_error(&out, "card note");
    }

    pub(super) fn accented_holder_names_print_other_scripts_are_refused_and_the_sheet_says_where_the_tool_is(
    ) {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let out = split_with_cards(
            d,
            &[
                "--cards",
                "ok",
                "--card-format",
                "svg",
                "--holder",
                "Łukasz Żółć",
                "--sheet-note",
                "USB stick in the desk drawer",
            ],
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let card = std::fs::read_to_string(d.join("ok/share-g1-s1.svg")).unwrap();
        assert!(card.contains("Holder: Łukasz Żółć"));
        let sheet = std::fs::read_to_string(d.join("ok/owner-sheet.svg")).unwrap();
        assert!(sheet.contains("kept: USB stick in the desk drawer"));
        // The hash `seedshard page` prints for the page it writes.
        let page = seedshard(d)
            .args(["page", "--out", "page"])
            .output()
            .unwrap();
        assert!(page.status.success());
        let printed = String::from_utf8_lossy(&page.stdout).to_string();
        let hash = printed.split_whitespace().next().unwrap();
        assert_eq!(hash.len(), 64, "{printed}");
        assert!(sheet.contains(hash));
        let out = split_with_cards(d, &["--cards", "cjk", "--holder", "Li 李"]);
        assert_usage_error(&out, "holder 1, character 4");
        assert!(!d.join("cjk/owner-sheet.pdf").exists());
    }

    pub(super) fn split_cards_writes_private_files_and_scanned_cards_recover_the_secret() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let out = split_with_cards(
            d,
            &[
                "--cards",
                "cards",
                "--holder",
                "Alice",
                "--date",
                "2026-11-24",
            ],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::write(d.join("shares.txt"), &out.stdout).unwrap();
        for name in ["share-cards.pdf", "owner-sheet.pdf"] {
            let meta = std::fs::metadata(d.join("cards").join(name)).unwrap();
            assert_eq!(meta.permissions().mode() & 0o777, 0o600, "{name}");
        }
        let pdf = std::fs::read(d.join("cards/share-cards.pdf")).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        // The same shares drawn again as PNGs by `cards`, then read back by `combine --scan`.
        let out = seedshard(d)
            .args([
                "cards",
                "shares.txt",
                "--cards",
                "png",
                "--card-format",
                "png",
                "--qr",
                "text",
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let out = seedshard(d)
            .args([
                "combine",
                "--scan",
                "png/share-g1-s1.png",
                "png/share-g1-s3.png",
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), SECRET);
    }

    pub(super) fn an_existing_card_file_is_kept_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("cards")).unwrap();
        std::fs::write(d.join("cards/share-cards.pdf"), "keep me").unwrap();
        let out = split_with_cards(d, &["--cards", "cards"]);
        assert_usage_error(&out, "already exists");
        assert!(
            out.stdout.is_empty(),
            "no shares printed when the cards fail"
        );
        assert_eq!(
            std::fs::read_to_string(d.join("cards/share-cards.pdf")).unwrap(),
            "keep me"
        );
        assert!(
            !d.join("cards/owner-sheet.pdf").exists(),
            "no partial output"
        );
        let out = split_with_cards(d, &["--cards", "cards", "--force"]);
        assert!(out.status.success());
        assert!(std::fs::read(d.join("cards/share-cards.pdf"))
            .unwrap()
            .starts_with(b"%PDF-"));
    }

    pub(super) fn a_directory_that_cannot_be_made_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("file"), "x").unwrap();
        let out = split_with_cards(d, &["--cards", "file/cards"]);
        assert_usage_error(&out, "file/cards");
        let out = split_with_cards(d, &["--cards", "file"]);
        assert_usage_error(&out, "not a directory");
    }

    fn png(img: &image::GrayImage) -> Vec<u8> {
        let mut out = Vec::new();
        img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    }

    fn qr_png(data: &[u8]) -> Vec<u8> {
        let code = qrcode::QrCode::new(data).unwrap();
        png(&code
            .render::<image::Luma<u8>>()
            .module_dimensions(6, 6)
            .build())
    }

    pub(super) fn bad_images_are_refused_with_a_hint() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let blank = png(&image::GrayImage::from_pixel(300, 200, image::Luma([255])));
        std::fs::write(d.join("blank.png"), &blank).unwrap();
        std::fs::write(d.join("url.png"), qr_png(b"https://example.org/")).unwrap();
        std::fs::write(d.join("cut.png"), &qr_png(b"https://example.org/")[..300]).unwrap();
        let mut huge = blank.clone();
        huge[16..20].copy_from_slice(&9000u32.to_be_bytes());
        huge[20..24].copy_from_slice(&6000u32.to_be_bytes());
        let crc = crc32(&huge[12..29]);
        huge[29..33].copy_from_slice(&crc.to_be_bytes());
        std::fs::write(d.join("huge.png"), &huge).unwrap();
        for (file, needle) in [
            ("blank.png", "no QR code found"),
            ("url.png", "is a share"),
            ("cut.png", "truncated"),
            ("huge.png", "megapixels"),
            ("missing.png", "cannot open"),
        ] {
            let out = seedshard(d)
                .args(["combine", "--scan", file])
                .output()
                .unwrap();
            assert_usage_error(&out, needle);
        }
        let out = seedshard(d)
            .args(["combine", "--scan", "url.png"])
            .output()
            .unwrap();
        assert!(String::from_utf8_lossy(&out.stderr).contains("a web address"));
    }

    pub(super) fn split_scan_reads_a_seedqr_and_combine_gives_the_phrase_back() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        // "legal winner thank year wave sausage worth useful legal winner thank yellow".
        let seedqr = "101920151790203919831533203119191019201517902040";
        std::fs::write(d.join("seedqr.png"), qr_png(seedqr.as_bytes())).unwrap();
        let out = seedshard(d)
            .args([
                "split",
                "--group",
                "2of3",
                "--scan",
                "seedqr.png",
                "--bip39-mode",
                "entropy",
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::write(d.join("shares.txt"), &out.stdout).unwrap();
        let out = seedshard(d)
            .args(["combine", "shares.txt", "--to", "bip39"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains(
            "legal winner thank year wave sausage worth useful legal winner thank yellow"
        ));
        // A share card is not a SeedQR.
        std::fs::write(
            d.join("share.png"),
            qr_png(
                super::encode_payload(
                    &seedshard::Share::parse(
                        std::fs::read_to_string(d.join("shares.txt"))
                            .unwrap()
                            .lines()
                            .find(|l| !l.starts_with('#') && !l.trim().is_empty())
                            .unwrap(),
                    )
                    .unwrap(),
                    super::PayloadFormat::ShareQr,
                )
                .as_bytes(),
            ),
        )
        .unwrap();
        let out = seedshard(d)
            .args([
                "split",
                "--group",
                "2of3",
                "--scan",
                "share.png",
                "--bip39-mode",
                "entropy",
            ])
            .output()
            .unwrap();
        assert_usage_error(&out, "not a BIP-39 SeedQR");
    }
}

fn main() {
    let zbar = tools(&["zbarimg"]);
    let h = common::Harness::new(include_str!("cards.rs"))
        .test(
            "every_card_png_reads_back_with_rqrr_and_the_set_recombines",
            every_card_png_reads_back_with_rqrr_and_the_set_recombines,
        )
        .needs(
            "every_card_png_reads_back_with_zbar",
            &zbar,
            every_card_png_reads_back_with_zbar,
        )
        .test(
            "png_cards_are_300_dpi_at_true_size",
            png_cards_are_300_dpi_at_true_size,
        )
        .test(
            "a_page_of_cards_reads_back_rotated_blurred_noisy_and_as_jpeg",
            a_page_of_cards_reads_back_rotated_blurred_noisy_and_as_jpeg,
        )
        .needs(
            "pdfs_are_exactly_a4_or_letter_and_render_with_pdftoppm",
            &tools(&["pdfinfo", "pdftoppm"]),
            pdfs_are_exactly_a4_or_letter_and_render_with_pdftoppm,
        )
        .needs(
            "pdftotext_finds_no_share_word_in_a_card_pdf",
            &tools(&["pdftotext", "pdffonts"]),
            pdftotext_finds_no_share_word_in_a_card_pdf,
        )
        .test("svg_cards_parse_as_xml", svg_cards_parse_as_xml)
        .test(
            "the_owner_sheet_has_the_plan_and_wallet_facts_and_cards_do_not",
            the_owner_sheet_has_the_plan_and_wallet_facts_and_cards_do_not,
        )
        .needs(
            "the_owner_sheet_pdf_declares_no_font_and_is_one_a4_page",
            &tools(&["pdffonts", "pdfinfo"]),
            the_owner_sheet_pdf_declares_no_font_and_is_one_a4_page,
        )
        .test(
            "holder_names_in_latin_letters_print_and_the_cards_still_read_back",
            holder_names_in_latin_letters_print_and_the_cards_still_read_back,
        )
        .needs(
            "holder_name_cards_read_back_with_zbar",
            &zbar,
            holder_name_cards_read_back_with_zbar,
        )
        .test(
            "labels_of_groups_of_one_share_say_so_in_the_singular",
            labels_of_groups_of_one_share_say_so_in_the_singular,
        )
        .test(
            "the_owner_sheet_says_where_the_tool_is_and_the_page_hash",
            the_owner_sheet_says_where_the_tool_is_and_the_page_hash,
        );
    #[cfg(feature = "cli")]
    let h = [
        ("cli::card_note_goes_on_every_card_and_the_zpub_only_with_show_xpub", cli::card_note_goes_on_every_card_and_the_zpub_only_with_show_xpub as fn()),
        ("cli::accented_holder_names_print_other_scripts_are_refused_and_the_sheet_says_where_the_tool_is", cli::accented_holder_names_print_other_scripts_are_refused_and_the_sheet_says_where_the_tool_is as fn()),
        ("cli::split_cards_writes_private_files_and_scanned_cards_recover_the_secret", cli::split_cards_writes_private_files_and_scanned_cards_recover_the_secret as fn()),
        ("cli::an_existing_card_file_is_kept_without_force", cli::an_existing_card_file_is_kept_without_force as fn()),
        ("cli::a_directory_that_cannot_be_made_is_an_error", cli::a_directory_that_cannot_be_made_is_an_error as fn()),
        ("cli::bad_images_are_refused_with_a_hint", cli::bad_images_are_refused_with_a_hint as fn()),
        ("cli::split_scan_reads_a_seedqr_and_combine_gives_the_phrase_back", cli::split_scan_reads_a_seedqr_and_combine_gives_the_phrase_back as fn()),
    ]
    .into_iter()
    .fold(h, |h, (name, test)| h.test(name, test));
    h.run()
}
