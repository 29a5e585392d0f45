//! A picture of a plan: one column per group, one box per card with its holder and place, the
//! key figures above and, below, the people and the places, those that matter most first,
//! and the warnings. Drawn with the card layout engine,
//! so it comes out as SVG or PNG like the cards.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use zeroize::Zeroizing;

use super::layout::{Face, Page};
use super::{png, svg};
use crate::plan::{Layout, PlanReport};

const MARGIN: f32 = 8.0;
const COLUMN: f32 = 42.0;
const ROW: f32 = 10.0;

/// Shortens `text` to `max` characters, marking the cut with "..".
fn fit(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.into();
    }
    let mut s: String = text.chars().take(max.saturating_sub(2)).collect();
    s.push_str("..");
    s
}

fn outline(p: &mut Page, x: f32, y: f32, w: f32, h: f32, width: f32, grey: u8) {
    p.line(x, y, x + w, y, width, grey);
    p.line(x + w, y, x + w, y + h, width, grey);
    p.line(x + w, y + h, x, y + h, width, grey);
    p.line(x, y + h, x, y, width, grey);
}

fn page(layout: &Layout, report: &PlanReport) -> Page {
    let groups = layout.plan().groups();
    let rows = groups
        .iter()
        .map(|g| usize::from(g.count()))
        .max()
        .unwrap_or(1);
    let places = layout.places();
    let width = (2.0 * MARGIN + COLUMN * groups.len() as f32).max(200.0);
    let lines_below =
        places.len() + report.warnings.len() + usize::from(report.people.is_some()) + 2;
    let height = 34.0 + 12.0 + ROW * rows as f32 + 5.5 * lines_below as f32 + MARGIN;
    let mut p = Page::new(width, height);
    let mut y = MARGIN + 5.0;
    p.text(
        MARGIN,
        y,
        13.0,
        Face::SansBold,
        &format!("Plan: {}", report.plan),
    );
    y += 6.0;
    p.text(
        MARGIN,
        y,
        9.0,
        Face::Sans,
        &format!(
            "{} cards. Fewest that recover: {}. Any {} may be lost. {} together still cannot recover.",
            report.total_cards,
            report.min_cards_to_recover,
            report.max_losses_survived,
            report.largest_failing_set
        ),
    );
    y += 5.0;
    let mut extra = Vec::new();
    if let Some(h) = &report.heirs {
        extra.push(match h.min_cards_to_recover {
            Some(n) => format!("Without the owner's cards (shaded): {n} cards recover."),
            None => "Without the owner's cards (shaded): no recovery.".into(),
        });
    }
    if let Some(pf) = &report.people {
        if let Some(n) = pf.min_people_to_recover {
            extra.push(format!("Fewest people who recover together: {n}."));
        }
    }
    if let Some(pl) = &report.places {
        if let Some(n) = pl.min_places_to_recover {
            extra.push(format!("Fewest places a thief must visit: {n}."));
        }
    }
    p.text(MARGIN, y, 9.0, Face::Sans, &extra.join(" "));
    y += 7.0;

    let owner_cards: Vec<(u8, u8)> = layout
        .owner()
        .map(|h| h.cards.iter().map(|c| (c.group, c.member)).collect())
        .or_else(|| {
            report.heirs.as_ref().map(|h| {
                h.owner_cards
                    .iter()
                    .filter_map(|c| {
                        let (g, m) = c.split_once('.')?;
                        Some((g.parse::<u8>().ok()? - 1, m.parse::<u8>().ok()? - 1))
                    })
                    .collect()
            })
        })
        .unwrap_or_default();
    let place_of = |holder: usize| {
        places
            .iter()
            .find(|pl| pl.holders.contains(&holder))
            .map(|pl| pl.name.as_str())
    };
    for (gi, g) in groups.iter().enumerate() {
        let x = MARGIN + COLUMN * gi as f32;
        p.rect(x + 1.0, y, COLUMN - 2.0, 10.0, 225);
        p.text(
            x + 3.0,
            y + 4.2,
            9.0,
            Face::SansBold,
            &format!("Group {}", gi + 1),
        );
        p.text(
            x + 3.0,
            y + 8.4,
            7.5,
            Face::Sans,
            &format!("{} of {} needed", g.threshold(), g.count()),
        );
        for m in 0..g.count() {
            let cy = y + 12.0 + ROW * f32::from(m);
            let owner = owner_cards.contains(&(gi as u8, m));
            if owner {
                p.rect(x + 1.0, cy, COLUMN - 2.0, ROW - 1.5, 235);
            }
            outline(&mut p, x + 1.0, cy, COLUMN - 2.0, ROW - 1.5, 0.5, 90);
            p.text(
                x + 2.5,
                cy + 3.6,
                7.5,
                Face::MonoBold,
                &format!("{}.{}", gi + 1, m + 1),
            );
            let holder = layout
                .holders()
                .iter()
                .position(|h| h.cards.iter().any(|c| c.group == gi as u8 && c.member == m));
            if let Some(hi) = holder {
                let h = &layout.holders()[hi];
                if h.named {
                    p.text(x + 10.0, cy + 3.6, 7.5, Face::Sans, &fit(&h.name, 16));
                }
                if let Some(place) = place_of(hi) {
                    p.grey_text(x + 10.0, cy + 7.2, 6.5, Face::Sans, 90, &fit(place, 18));
                }
            }
        }
    }
    y += 12.0 + ROW * rows as f32 + 4.0;
    if let Some(pf) = &report.people {
        p.text(
            MARGIN,
            y,
            8.5,
            Face::Sans,
            &format!(
                "People who matter most first: {}.",
                pf.holders_by_importance.join(", ")
            ),
        );
        y += 5.5;
    }
    if let Some(pl) = &report.places {
        // Those that matter most first, numbered.
        let ranked = pl
            .places_by_importance
            .iter()
            .filter_map(|name| pl.places.iter().find(|f| &f.name == name));
        for (rank, f) in ranked.enumerate() {
            p.text(
                MARGIN,
                y,
                8.5,
                Face::Sans,
                &format!(
                    "{}. {}: {} card{}; a thief there alone recovers: {}; after a fire there: {}.",
                    rank + 1,
                    f.name,
                    f.cards,
                    if f.cards == 1 { "" } else { "s" },
                    if f.recovers_alone { "YES" } else { "no" },
                    if f.loss_survived {
                        "survives"
                    } else {
                        "wallet LOST"
                    }
                ),
            );
            y += 5.5;
        }
    }
    for w in &report.warnings {
        p.text(MARGIN, y, 8.5, Face::SansBold, &format!("Warning: {w}"));
        y += 5.5;
    }
    p
}

/// The picture of `layout` (with its `report`) as an SVG document.
pub fn plan_svg(layout: &Layout, report: &PlanReport) -> Zeroizing<String> {
    svg::write(&page(layout, report), "seedshard plan")
}

/// The picture of `layout` (with its `report`) as a PNG image at `dpi`.
pub fn plan_png(layout: &Layout, report: &PlanReport, dpi: u32) -> Zeroizing<Vec<u8>> {
    png::encode(&png::rasterise(&page(layout, report), dpi), dpi)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{GroupSpec, SplitPlan};

    /// 2 of {1of1, 2of3, 2of3}: the owner's card and two groups of three.
    fn owner_and_two_groups() -> SplitPlan {
        SplitPlan::new(
            2,
            alloc::vec![
                "1of1".parse::<GroupSpec>().unwrap(),
                "2of3".parse().unwrap(),
                "2of3".parse().unwrap()
            ],
        )
        .unwrap()
    }

    #[test]
    fn the_picture_names_every_card_holder_and_place() {
        let plan = owner_and_two_groups();
        let layout = Layout::new(plan)
            .with_holders(&["owner", "Ann", "Bob", "Cy", "Ann", "Dee", "Eve"])
            .unwrap()
            .with_place("home", &["owner", "Bob"])
            .unwrap();
        let report = layout.analyse();
        let svg = plan_svg(&layout, &report);
        for text in [
            "Group 3",
            "2 of 3 needed",
            "1.1",
            "3.3",
            "Ann",
            "Eve",
            "home",
        ] {
            assert!(svg.contains(text), "{text} missing");
        }
        let png = plan_png(&layout, &report, 100);
        assert_eq!(&png[1..4], b"PNG");
    }

    #[test]
    fn people_and_places_are_listed_those_that_matter_most_first() {
        // The vault recovers alone (owner, Ann, Bob: 1.1 with 2.1 and 2.2); the cabin holds
        // two cards, home and the office one each, and each needs the vault.
        let layout = crate::plan::fixtures::vault_cabin_home_office();
        let report = layout.analyse();
        let page = page(&layout, &report);
        let texts: Vec<&str> = page
            .items
            .iter()
            .filter_map(|i| match i {
                super::super::layout::Item::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        let places: Vec<&str> = texts
            .iter()
            .filter(|t| t.contains("a thief there alone"))
            .copied()
            .collect();
        assert_eq!(places.len(), 4, "{texts:#?}");
        for (line, start) in places.iter().zip([
            "1. vault: 3 cards",
            "2. cabin: 2 cards",
            "3. home",
            "4. office",
        ]) {
            assert!(line.starts_with(start), "{line} is not {start}..");
        }
        let people = report.people.as_ref().unwrap();
        assert!(texts.contains(
            &format!(
                "People who matter most first: {}.",
                people.holders_by_importance.join(", ")
            )
            .as_str()
        ));
    }
}
