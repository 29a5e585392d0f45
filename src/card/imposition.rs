//! Imposition: card sizes, cards placed on PDF pages with cut marks, single cards with a
//! cut border.

use alloc::vec::Vec;

use super::layout::{Face, Page};
use super::{CardSet, Paper};

/// Card sizes in mm: 8 to a page for up to 33 words, 4 to a page beyond.
const CARD_W: f32 = 96.0;
const CARD_H: f32 = 86.0;
const TALL_CARD_H: f32 = 128.0;
impl CardSet {
    pub(super) fn tall(&self) -> bool {
        self.shares[0].word_count() > 33
    }

    pub(super) fn card_size(&self) -> (f32, f32) {
        if self.tall() {
            (CARD_W, TALL_CARD_H)
        } else {
            (CARD_W, CARD_H)
        }
    }

    /// Cards on each PDF page: 6 (2 x 3), or 4 (2 x 2) for shares over 33 words.
    pub fn cards_per_page(&self) -> usize {
        if self.tall() {
            4
        } else {
            6
        }
    }

    /// Card `i` alone (SVG, PNG): with a thin solid border to cut along, on the card's edge.
    pub(super) fn single_card(&self, i: usize) -> Page {
        let mut p = self.card(i);
        let (w, h) = (p.width, p.height);
        // 0.5 pt wide, centred 0.25 mm inside the edge so all of it prints.
        let e = 0.25;
        p.line(e, e, w - e, e, 0.5, 0);
        p.line(e, h - e, w - e, h - e, 0.5, 0);
        p.line(e, e, e, h - e, 0.5, 0);
        p.line(w - e, e, w - e, h - e, 0.5, 0);
        p
    }

    /// The pages of the PDF: cards placed in a 2-column grid, centred, with cut marks.
    pub(super) fn pages(&self, paper: Paper) -> Vec<Page> {
        let (pw, ph) = paper.size_mm();
        let (cw, chh) = self.card_size();
        let per_page = self.cards_per_page();
        let rows = per_page / 2;
        let x0 = (pw - 2.0 * cw) / 2.0;
        let y0 = (ph - rows as f32 * chh) / 2.0;
        let mut pages = Vec::new();
        for chunk_start in (0..self.shares.len()).step_by(per_page) {
            let mut page = Page::new(pw, ph);
            let count = per_page.min(self.shares.len() - chunk_start);
            for k in 0..count {
                let (col, row) = (k % 2, k / 2);
                let (dx, dy) = (x0 + col as f32 * cw, y0 + row as f32 * chh);
                page.place(self.card(chunk_start + k), dx, dy);
                // A light dashed outline to cut along.
                page.dashed_line(dx, dy, dx + cw, dy, 0.4, 170);
                page.dashed_line(dx, dy + chh, dx + cw, dy + chh, 0.4, 170);
                page.dashed_line(dx, dy, dx, dy + chh, 0.4, 170);
                page.dashed_line(dx + cw, dy, dx + cw, dy + chh, 0.4, 170);
            }
            // Cut marks in the margins, on every card edge.
            let used_rows = count.div_ceil(2);
            let mark = 5.0_f32.min(x0 - 1.5).min(y0 - 1.5).max(2.0);
            for c in 0..=2 {
                let x = x0 + c as f32 * cw;
                page.line(x, y0 - 1.0 - mark, x, y0 - 1.0, 0.5, 0);
                let yb = y0 + used_rows as f32 * chh;
                page.line(x, yb + 1.0, x, yb + 1.0 + mark, 0.5, 0);
            }
            for r in 0..=used_rows {
                let y = y0 + r as f32 * chh;
                page.line(x0 - 1.0 - mark, y, x0 - 1.0, y, 0.5, 0);
                page.line(
                    x0 + 2.0 * cw + 1.0,
                    y,
                    x0 + 2.0 * cw + 1.0 + mark,
                    y,
                    0.5,
                    0,
                );
            }
            // In the bottom margin, left of the middle cut mark (on Letter the marks reach
            // close to the foot of the page), in solid black.
            let footer = format!(
                "seedshard, set {}: print at 100%, cut along the marks",
                self.set_name()
            );
            page.text(x0 + 2.0, ph - 4.5, 7.0, Face::Sans, &footer);
            pages.push(page);
        }
        pages
    }
}
