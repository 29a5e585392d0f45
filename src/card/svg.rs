//! SVG output: one document per card or page, sized in millimetres.

use core::fmt::Write;

use zeroize::Zeroizing;

use super::layout::{dark_runs, Face, Item, Page, MM_PER_PT};

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

fn family(face: Face) -> &'static str {
    if face.is_mono() {
        "Courier, 'Courier New', 'Liberation Mono', monospace"
    } else {
        "Helvetica, Arial, 'Liberation Sans', sans-serif"
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
            } => {
                let _ = write!(
                    s,
                    "<text x=\"{x:.3}\" y=\"{y:.3}\" font-family=\"{}\" font-size=\"{:.3}\" fill=\"#{grey:02x}{grey:02x}{grey:02x}\"{} xml:space=\"preserve\">",
                    family(*face),
                    size * MM_PER_PT,
                    if face.is_bold() { " font-weight=\"bold\"" } else { "" }
                );
                escape(s, text);
                s.push_str("</text>\n");
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
