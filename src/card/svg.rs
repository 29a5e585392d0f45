//! SVG output: one document per card or page, sized in millimetres.
//!
//! Text is drawn as filled paths from the outlines of the fonts seedshard embeds, the same
//! outlines as in the PDF and PNG files ([`text_outline`]): the document names no font, so no
//! viewer substitutes one, and share words are not in it as text. Other text (instructions,
//! labels, names) is given as the `aria-label` of its path, for screen readers and search;
//! share words get none.

use core::fmt::Write;

use zeroize::Zeroizing;

use super::layout::{dark_runs, text_outline, Item, Page, PathStep, MM_PER_PT};

fn escape(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
}

/// Writes a page as a standalone SVG document. Secret (card text and QR).
pub(crate) fn write(page: &Page, title: &str) -> Zeroizing<String> {
    let mut out = Zeroizing::new(String::with_capacity(64 * 1024));
    let s = &mut *out;
    let _ = write!(
        s,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" \
         width=\"{w}mm\" height=\"{h}mm\" viewBox=\"0 0 {w} {h}\">\n<title>",
        w = page.width,
        h = page.height
    );
    escape(s, title);
    s.push_str("</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
    for item in &page.items {
        match item {
            Item::Rect { x, y, w, h, grey } => {
                let _ = writeln!(
                    s,
                    "<rect x=\"{x:.3}\" y=\"{y:.3}\" width=\"{w:.3}\" height=\"{h:.3}\" fill=\"#{grey:02x}{grey:02x}{grey:02x}\"/>"
                );
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
                let _ = write!(
                    s,
                    "<line x1=\"{x1:.3}\" y1=\"{y1:.3}\" x2=\"{x2:.3}\" y2=\"{y2:.3}\" stroke=\"#{grey:02x}{grey:02x}{grey:02x}\" stroke-width=\"{:.3}\"",
                    width_pt * MM_PER_PT
                );
                if *dashed {
                    s.push_str(" stroke-dasharray=\"1,1\"");
                }
                s.push_str("/>\n");
            }
            Item::Text {
                x,
                y,
                size,
                face,
                grey,
                text,
                secret,
            } => {
                let _ = write!(s, "<path fill=\"#{grey:02x}{grey:02x}{grey:02x}\"");
                if !*secret {
                    s.push_str(" aria-label=\"");
                    escape(s, text);
                    s.push('"');
                }
                s.push_str(" d=\"");
                // Points from the baseline, y up, to millimetres on the page, y down.
                let at = |dx: f32, dy: f32| (x + dx * MM_PER_PT, y - dy * MM_PER_PT);
                text_outline(*face, *size, text, |step| {
                    let _ = match step {
                        PathStep::Move(dx, dy) => {
                            let (px, py) = at(dx, dy);
                            write!(s, "M{px:.2} {py:.2}")
                        }
                        PathStep::Line(dx, dy) => {
                            let (px, py) = at(dx, dy);
                            write!(s, "L{px:.2} {py:.2}")
                        }
                        PathStep::Cubic(ax, ay, bx, by, ex, ey) => {
                            let ((ax, ay), (bx, by), (ex, ey)) =
                                (at(ax, ay), at(bx, by), at(ex, ey));
                            write!(s, "C{ax:.2} {ay:.2} {bx:.2} {by:.2} {ex:.2} {ey:.2}")
                        }
                        PathStep::Close => {
                            s.push('Z');
                            Ok(())
                        }
                    };
                });
                s.push_str("\"/>\n");
            }
            Item::Qr {
                x,
                y,
                module,
                symbol,
            } => {
                s.push_str("<path fill=\"#000\" shape-rendering=\"crispEdges\" d=\"");
                for row in 0..symbol.size() {
                    for (start, len) in dark_runs(symbol, row) {
                        let _ = write!(
                            s,
                            "M{:.3} {:.3}h{:.3}v{:.3}h-{:.3}z",
                            x + start as f32 * module,
                            y + row as f32 * module,
                            len as f32 * module,
                            module,
                            len as f32 * module
                        );
                    }
                }
                s.push_str("\"/>\n");
            }
        }
    }
    s.push_str("</svg>\n");
    out
}
