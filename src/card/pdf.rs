//! PDF output: QR modules as filled rectangles, and text drawn as filled paths from the
//! outlines of the fonts embedded in seedshard (Liberation Sans and Mono subsets), on share
//! cards and on the owner sheet alike. The document declares no font, so no viewer
//! substitutes one and every viewer shows the same letters as the PNG and SVG files; and
//! drawn text has no text layer: `pdftotext`, desktop search and cloud indexers find no
//! share word in a card PDF.

use pdf_writer::{Content, Pdf, Rect, Ref};
use zeroize::Zeroizing;

use super::layout::{dark_runs, text_outline, Face, Item, Page, PathStep, MM_PER_PT};

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
    text_outline(face, size, text, |step| match step {
        PathStep::Move(dx, dy) => {
            c.move_to(x + dx, y + dy);
        }
        PathStep::Line(dx, dy) => {
            c.line_to(x + dx, y + dy);
        }
        PathStep::Cubic(ax, ay, bx, by, ex, ey) => {
            c.cubic_to(x + ax, y + ay, x + bx, y + by, x + ex, y + ey);
        }
        PathStep::Close => {
            c.close_path();
        }
    });
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
                ..
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
