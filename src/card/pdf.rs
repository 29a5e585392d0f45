//! PDF output: QR modules as filled rectangles, and text drawn as filled paths from the
//! outlines of the fonts embedded in seedshard (Liberation Sans and Mono subsets), on share
//! cards and on the owner sheet alike. The document declares no font, so no viewer
//! substitutes one and every viewer shows the same letters as the PNG and SVG files; and
//! drawn text has no text layer: `pdftotext`, desktop search and cloud indexers find no
//! share word in a card PDF.

use ab_glyph::{Font, OutlineCurve};
use pdf_writer::{Content, Pdf, Rect, Ref};
use zeroize::Zeroizing;

use super::layout::{dark_runs, Face, Item, Page, MM_PER_PT};

fn pt(mm: f32) -> f32 {
    mm / MM_PER_PT
}

/// Writes pages into one PDF document. Page sizes are given in points exactly (A4 is
/// 595.28 x 841.89, Letter 612 x 792) so the document prints at true scale. Text is drawn
/// as glyph outlines and has no text layer.
pub(crate) fn write(pages: &[(Page, (f32, f32))], title: &str) -> Zeroizing<Vec<u8>> {
    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let info = Ref::new(3);
    let page_base = 4;
    let page_ids: Vec<Ref> = (0..pages.len())
        .map(|i| Ref::new(page_base + 2 * i as i32))
        .collect();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(page_ids.iter().copied())
        .count(pages.len() as i32);
    pdf.document_info(info)
        .title(pdf_writer::TextStr(title))
        .producer(pdf_writer::TextStr("seedshard"));
    for (i, (page, (w_pt, h_pt))) in pages.iter().enumerate() {
        let page_id = page_ids[i];
        let content_id = Ref::new(page_id.get() + 1);
        pdf.page(page_id)
            .parent(tree)
            .media_box(Rect::new(0.0, 0.0, *w_pt, *h_pt))
            .contents(content_id);
        let content = Zeroizing::new(content(page, *h_pt).finish().into_vec());
        pdf.stream(content_id, &content);
    }
    Zeroizing::new(pdf.finish())
}

/// Fills the outline of `text` set in `face` at `size` pt from baseline (x, y) in points.
fn text_path(c: &mut Content, face: Face, size: f32, x: f32, y: f32, text: &str) {
    let font = face.font();
    let upem = font.units_per_em().unwrap_or(2048.0);
    let k = size / upem;
    let mut pen = x;
    for ch in text.chars() {
        let id = font.glyph_id(ch);
        if let Some(outline) = font.outline(id) {
            // Font units, y up, as in PDF: a new subpath wherever a curve does not start
            // where the last one ended.
            let at = |p: ab_glyph::Point| (pen + p.x * k, y + p.y * k);
            let mut last: Option<ab_glyph::Point> = None;
            for curve in &outline.curves {
                let start = match curve {
                    OutlineCurve::Line(p0, _)
                    | OutlineCurve::Quad(p0, _, _)
                    | OutlineCurve::Cubic(p0, _, _, _) => *p0,
                };
                if last != Some(start) {
                    if last.is_some() {
                        c.close_path();
                    }
                    let (sx, sy) = at(start);
                    c.move_to(sx, sy);
                }
                let end = match curve {
                    OutlineCurve::Line(_, p1) => {
                        let (x1, y1) = at(*p1);
                        c.line_to(x1, y1);
                        *p1
                    }
                    OutlineCurve::Quad(p0, p1, p2) => {
                        // The cubic with the same curve as the quadratic.
                        let c1 = ab_glyph::point(
                            p0.x + 2.0 / 3.0 * (p1.x - p0.x),
                            p0.y + 2.0 / 3.0 * (p1.y - p0.y),
                        );
                        let c2 = ab_glyph::point(
                            p2.x + 2.0 / 3.0 * (p1.x - p2.x),
                            p2.y + 2.0 / 3.0 * (p1.y - p2.y),
                        );
                        let ((ax, ay), (bx, by), (ex, ey)) = (at(c1), at(c2), at(*p2));
                        c.cubic_to(ax, ay, bx, by, ex, ey);
                        *p2
                    }
                    OutlineCurve::Cubic(_, p1, p2, p3) => {
                        let ((ax, ay), (bx, by), (ex, ey)) = (at(*p1), at(*p2), at(*p3));
                        c.cubic_to(ax, ay, bx, by, ex, ey);
                        *p3
                    }
                };
                last = Some(end);
            }
            if last.is_some() {
                c.close_path();
            }
        }
        pen += font.h_advance_unscaled(id) * k;
    }
    c.fill_nonzero();
}

fn content(page: &Page, h_pt: f32) -> Content {
    let mut c = Content::new();
    let y = |mm: f32| h_pt - pt(mm);
    for item in &page.items {
        match item {
            Item::Rect {
                x,
                y: top,
                w,
                h,
                grey,
            } => {
                c.set_fill_gray(f32::from(*grey) / 255.0);
                c.rect(pt(*x), y(*top + *h), pt(*w), pt(*h));
                c.fill_nonzero();
            }
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                width_pt,
                grey,
                dashed,
            } => {
                c.save_state();
                c.set_stroke_gray(f32::from(*grey) / 255.0);
                c.set_line_width(*width_pt);
                if *dashed {
                    c.set_dash_pattern([3.0, 3.0], 0.0);
                }
                c.move_to(pt(*x1), y(*y1));
                c.line_to(pt(*x2), y(*y2));
                c.stroke();
                c.restore_state();
            }
            Item::Text {
                x,
                y: base,
                size,
                face,
                grey,
                text,
            } => {
                c.set_fill_gray(f32::from(*grey) / 255.0);
                text_path(&mut c, *face, *size, pt(*x), y(*base), text);
            }
            Item::Qr {
                x,
                y: top,
                module,
                symbol,
            } => {
                c.set_fill_gray(0.0);
                for row in 0..symbol.size() {
                    for (start, len) in dark_runs(symbol, row) {
                        let rx = *x + start as f32 * module;
                        let ry = *top + (row + 1) as f32 * module;
                        c.rect(pt(rx), y(ry), pt(len as f32 * module), pt(*module));
                    }
                }
                c.fill_nonzero();
            }
        }
    }
    c
}
