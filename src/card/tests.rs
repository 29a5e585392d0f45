//! Unit tests of cards and the owner sheet.

use super::*;
use crate::card::layout::text_width;
use crate::qr::QUIET_ZONE_MODULES;
use crate::{GroupSpec, MasterSecret, Passphrase, SplitPlan};

fn two_level() -> ShareSet {
    let secret = MasterSecret::new(vec![7u8; 16]).unwrap();
    SplitPlan::new(
        2,
        vec![
            GroupSpec::new(1, 1).unwrap(),
            GroupSpec::new(3, 5).unwrap(),
            GroupSpec::new(2, 3).unwrap(),
        ],
    )
    .unwrap()
    .split(&secret, &Passphrase::empty())
    .unwrap()
}

#[test]
fn labels_say_what_is_needed_in_plain_words() {
    let set = two_level();
    let share = &set.groups()[1][3];
    assert_eq!(
        holder_label(share, 5),
        "Group 2 of 3, share 4 of 5. This group needs 3 of its 5 shares; 2 of the 3 groups are needed."
    );
    let single = SplitPlan::single(2, 3)
        .unwrap()
        .split(
            &MasterSecret::new(vec![1u8; 16]).unwrap(),
            &Passphrase::empty(),
        )
        .unwrap();
    assert_eq!(
        holder_label(&single.groups()[0][2], 3),
        "Share 3 of 3. Any 2 of the 3 shares are needed."
    );
}

#[test]
fn bad_inputs_are_refused() {
    let set = two_level();
    let shares: Vec<Share> = set.shares().cloned().collect();
    assert_eq!(
        CardSet::new(vec![], &[], CardOptions::default()).unwrap_err(),
        CardError::NoShares
    );
    let mut dup = shares.clone();
    dup.push(shares[2].clone());
    assert_eq!(
        CardSet::new(dup, &[], CardOptions::default()).unwrap_err(),
        CardError::DuplicateShare { position: 10 }
    );
    assert_eq!(
        CardSet::new(shares.clone(), &["a\u{7}".into()], CardOptions::default()).unwrap_err(),
        CardError::UnprintableCharacter {
            which: CardText::Holder(1),
            position: 2,
            character: '\u{7}',
        }
    );
    assert!(matches!(
        CardSet::new(shares.clone(), &["a".repeat(41)], CardOptions::default()),
        Err(CardError::BadLabel { .. })
    ));
    assert_eq!(
        CardSet::new(shares, &[], CardOptions::default().with_png_dpi(150)).unwrap_err(),
        CardError::DpiTooLow { dpi: 150 }
    );
}

#[test]
fn instructions_warn_about_trezor_only_in_entropy_mode() {
    assert!(heir_instructions(Some(Bip39Mode::Entropy), false).contains("different, empty wallet"));
    assert!(!heir_instructions(None, false).contains("empty wallet"));
    assert!(heir_instructions(None, false).contains("Never type these words into a website"));
    // A card that opens the wallet by itself never says it reveals nothing.
    for bridge in [None, Some(Bip39Mode::Entropy), Some(Bip39Mode::Seed)] {
        let alone = heir_instructions(bridge, true);
        assert!(!alone.contains("reveals nothing"), "{alone}");
        assert!(alone.contains("alone restores the wallet"), "{alone}");
        assert!(heir_instructions(bridge, false).contains("Alone it is worth nothing"));
    }
}

/// Every card kind: 20, 33 and 59 words, cards that open the wallet alone, the longest
/// label and note, each bridging mode.
fn all_card_sets() -> Vec<CardSet> {
    let long_note =
        "Give this card to Mr. Maximilian Montgomery, notary, 1200 Pennsylvania Ave., DC."
            .to_string();
    assert_eq!(long_note.len(), MAX_NOTE_CHARS);
    // The longest holder name and date allowed, in wide letters, as a person writes them.
    let long_name = "WWWWWWWWWW MMMMMMMMMMMMM WWWWWWWWWWWWWWW".to_string();
    assert_eq!(long_name.len(), MAX_LABEL_CHARS);
    let mut sets = Vec::new();
    for (len, plan) in [
        (16, SplitPlan::single(1, 1).unwrap()),
        (32, SplitPlan::single(1, 1).unwrap()),
        (64, SplitPlan::single(1, 1).unwrap()),
        (16, SplitPlan::single(2, 3).unwrap()),
        (32, SplitPlan::single(3, 5).unwrap()),
        (64, SplitPlan::single(2, 3).unwrap()),
    ] {
        let secret = MasterSecret::new(vec![5u8; len]).unwrap();
        let set = plan.split(&secret, &Passphrase::empty()).unwrap();
        for bridge in [None, Some(Bip39Mode::Entropy), Some(Bip39Mode::Seed)] {
            for paper in [Paper::A4, Paper::Letter] {
                let options = CardOptions::default()
                    .with_bridge(bridge)
                    .with_paper(paper)
                    .with_date("30 September 2026")
                    .with_card_note(long_note.clone());
                let holders = vec![long_name.clone(); set.shares().count()];
                sets.push(CardSet::from_share_set(&set, &holders, options).unwrap());
            }
        }
    }
    let set = two_level();
    sets.push(CardSet::from_share_set(&set, &[], CardOptions::default()).unwrap());
    sets
}

/// The box of a text item (mm): left, top, right, bottom, from the font's advance widths,
/// cap height and descent.
fn text_box(item: &layout::Item) -> Option<(f32, f32, f32, f32)> {
    match item {
        layout::Item::Text {
            x,
            y,
            size,
            face,
            text,
            ..
        } => {
            let s = size * MM_PER_PT;
            let w = text_width(*face, *size, text);
            Some((*x, y - 0.72 * s, x + w, y + 0.2 * s))
        }
        _ => None,
    }
}

#[test]
fn card_text_is_at_least_7_pt_and_never_overlaps_or_leaves_the_card() {
    for cards in all_card_sets() {
        for i in 0..cards.shares().len() {
            let card = cards.card(i);
            let mut boxes = Vec::new();
            for item in &card.items {
                match item {
                    layout::Item::Text { size, text, .. } => {
                        assert!(
                            *size >= 7.0,
                            "{size} pt: {} on a {}-word card",
                            text.as_str(),
                            cards.shares()[0].word_count()
                        );
                        boxes.push((text_box(item).unwrap(), text.to_string()));
                    }
                    layout::Item::Qr {
                        x,
                        y,
                        module,
                        symbol,
                    } => {
                        // The QR code with its quiet zone.
                        let q = QUIET_ZONE_MODULES as f32 * module;
                        let side = symbol.size() as f32 * module;
                        boxes.push(((x - q, y - q, x + side + q, y + side + q), "QR".into()));
                    }
                    _ => {}
                }
            }
            for (k, ((l, t, r, b), what)) in boxes.iter().enumerate() {
                assert!(
                    *l >= 1.0 && *t >= 1.0 && *r <= card.width - 1.0 && *b <= card.height - 1.0,
                    "{what:?} leaves the card ({l}, {t}, {r}, {b})"
                );
                for ((l2, t2, r2, b2), what2) in &boxes[k + 1..] {
                    // Touching is fine (a word's bold head and its tail meet).
                    let e = 0.01;
                    let apart = *r <= l2 + e || *r2 <= l + e || *b <= t2 + e || *b2 <= t + e;
                    assert!(apart, "{what:?} overlaps {what2:?}");
                }
            }
        }
    }
}

#[test]
fn page_text_is_at_least_7_pt_and_crosses_no_rule_or_cut_mark() {
    for cards in all_card_sets() {
        for page in cards.pages(cards.options().paper) {
            let lines: Vec<(f32, f32, f32, f32)> = page
                .items
                .iter()
                .filter_map(|it| match it {
                    layout::Item::Line { x1, y1, x2, y2, .. } => {
                        Some((x1.min(*x2), y1.min(*y2), x1.max(*x2), y1.max(*y2)))
                    }
                    _ => None,
                })
                .collect();
            for item in &page.items {
                if let layout::Item::Text { size, text, .. } = item {
                    assert!(*size >= 7.0, "{size} pt: {}", text.as_str());
                    let (l, t, r, b) = text_box(item).unwrap();
                    assert!(l >= 0.0 && r <= page.width && t >= 0.0 && b <= page.height);
                    for (lx1, ly1, lx2, ly2) in &lines {
                        let apart = *lx2 < l || r < *lx1 || *ly2 < t || b < *ly1;
                        assert!(apart, "{:?} crosses a line", text.as_str());
                    }
                }
            }
        }
    }
}

#[test]
fn cards_say_what_they_are_and_what_not_to_do() {
    let set = two_level();
    let cards = CardSet::from_share_set(
        &set,
        &[],
        CardOptions::default().with_card_note("Jane Doe, notary, 12 Main St"),
    )
    .unwrap();
    let text: Vec<String> = (0..2)
        .flat_map(|i| {
            cards
                .card(i)
                .items
                .iter()
                .filter_map(|it| match it {
                    layout::Item::Text { text, .. } => Some(text.to_string()),
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let all = text.join(" ");
    for needle in [
        "Piece of a Bitcoin wallet backup",
        "worth nothing",
        "Do not throw it away",
        "give it to: Jane Doe, notary, 12 Main St",
        "website",
        "phone app",
        "photo",
        concat!("seedshard ", env!("CARGO_PKG_VERSION")),
    ] {
        assert!(all.contains(needle), "{needle}: {all}");
    }
    assert!(matches!(
        CardSet::new(
            set.shares().cloned().collect(),
            &[],
            CardOptions::default().with_card_note("x".repeat(MAX_NOTE_CHARS + 1))
        ),
        Err(CardError::BadLabel { .. })
    ));
}

#[test]
fn pdf_has_one_page_per_eight_cards_and_no_wallet_facts_on_cards() {
    let set = two_level();
    let cards = CardSet::from_share_set(&set, &[], CardOptions::default()).unwrap();
    let pdf = cards.to_pdf();
    let text = String::from_utf8_lossy(&pdf);
    assert_eq!(
        text.matches("/Type /Page\n").count()
            + text.matches("/Type /Page/").count()
            + text.matches("/Type /Page ").count(),
        2
    );
    assert!(!text.contains("Fingerprint"));
}
