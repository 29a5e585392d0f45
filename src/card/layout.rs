//! Page layout shared by the PDF, SVG and PNG writers: positioned text, rectangles, lines
//! and QR symbols, in millimetres from the top left corner.

use ab_glyph::{Font, FontRef, OutlineCurve};
use zeroize::Zeroizing;

use crate::qr::QrSymbol;

/// Millimetres per PostScript point.
pub(crate) const MM_PER_PT: f32 = 25.4 / 72.0;

/// The four faces used: subsets of Liberation Sans and Liberation Mono, regular and bold,
/// embedded in seedshard and drawn as outlines in PDF, SVG and PNG alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Face {
    Sans,
    SansBold,
    Mono,
    MonoBold,
}

static SANS: &[u8] = include_bytes!("fonts/Sans-Regular.ttf");
static SANS_BOLD: &[u8] = include_bytes!("fonts/Sans-Bold.ttf");
static MONO: &[u8] = include_bytes!("fonts/Mono-Regular.ttf");
static MONO_BOLD: &[u8] = include_bytes!("fonts/Mono-Bold.ttf");

impl Face {
    pub(crate) fn font(self) -> FontRef<'static> {
        let data = match self {
            Face::Sans => SANS,
            Face::SansBold => SANS_BOLD,
            Face::Mono => MONO,
            Face::MonoBold => MONO_BOLD,
        };
        FontRef::try_from_slice(data).expect("embedded font is valid")
    }

    pub(crate) fn is_mono(self) -> bool {
        matches!(self, Face::Mono | Face::MonoBold)
    }
}

/// The width of `text` set in `face` at `size_pt`, in millimetres.
pub(crate) fn text_width(face: Face, size_pt: f32, text: &str) -> f32 {
    if face.is_mono() {
        // Courier: every glyph is 600/1000 em wide.
        return text.chars().count() as f32 * 0.6 * size_pt * MM_PER_PT;
    }
    let font = face.font();
    let upem = font.units_per_em().unwrap_or(2048.0);
    let units: f32 = text
        .chars()
        .map(|c| font.h_advance_unscaled(font.glyph_id(c)))
        .sum();
    units / upem * size_pt * MM_PER_PT
}

/// One step of the outline of a line of text, in points from where the text starts on its
/// baseline, y up (as in PDF; SVG flips it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum PathStep {
    /// Starts a contour.
    Move(f32, f32),
    /// A straight segment to the point.
    Line(f32, f32),
    /// A cubic Bézier segment: two control points, then the end point.
    Cubic(f32, f32, f32, f32, f32, f32),
    /// Closes the contour.
    Close,
}

/// The filled outline of `text` set in `face` at `size_pt`: every glyph's contours, glyph
/// after glyph by its advance width, as [`PathStep`]s to fill with the non-zero rule. The one
/// drawing of text as paths, for PDF and SVG alike (PNG rasterises the same outlines through
/// `ab_glyph`), so that no document declares a font and no share word is left as text.
pub(crate) fn text_outline(face: Face, size_pt: f32, text: &str, mut step: impl FnMut(PathStep)) {
    let font = face.font();
    let upem = font.units_per_em().unwrap_or(2048.0);
    let k = size_pt / upem;
    let mut pen = 0.0;
    for ch in text.chars() {
        let id = font.glyph_id(ch);
        if let Some(outline) = font.outline(id) {
            // Font units, y up: a new contour wherever a curve does not start where the last
            // one ended.
            let at = |p: ab_glyph::Point| (pen + p.x * k, p.y * k);
            let mut last: Option<ab_glyph::Point> = None;
            for curve in &outline.curves {
                let start = match curve {
                    OutlineCurve::Line(p0, _)
                    | OutlineCurve::Quad(p0, _, _)
                    | OutlineCurve::Cubic(p0, _, _, _) => *p0,
                };
                if last != Some(start) {
                    if last.is_some() {
                        step(PathStep::Close);
                    }
                    let (sx, sy) = at(start);
                    step(PathStep::Move(sx, sy));
                }
                let end = match curve {
                    OutlineCurve::Line(_, p1) => {
                        let (x1, y1) = at(*p1);
                        step(PathStep::Line(x1, y1));
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
                        step(PathStep::Cubic(ax, ay, bx, by, ex, ey));
                        *p2
                    }
                    OutlineCurve::Cubic(_, p1, p2, p3) => {
                        let ((ax, ay), (bx, by), (ex, ey)) = (at(*p1), at(*p2), at(*p3));
                        step(PathStep::Cubic(ax, ay, bx, by, ex, ey));
                        *p3
                    }
                };
                last = Some(end);
            }
            if last.is_some() {
                step(PathStep::Close);
            }
        }
        pen += font.h_advance_unscaled(id) * k;
    }
}

/// Splits `text` into lines no wider than `width` mm (words are never broken unless a single
/// word is wider than the line).
pub(crate) fn wrap(face: Face, size_pt: f32, text: &str, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if text_width(face, size_pt, &candidate) <= width || line.is_empty() {
            line = candidate;
        } else {
            lines.push(core::mem::take(&mut line));
            line = word.to_string();
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// One thing drawn on a page. Coordinates in mm from the top left; `y` of text is its
/// baseline. Grey levels: 0 black, 255 white.
pub(crate) enum Item {
    Text {
        x: f32,
        y: f32,
        size: f32,
        face: Face,
        grey: u8,
        text: Zeroizing<String>,
        /// Share words (or parts of them): drawn, never labelled (see `svg`).
        secret: bool,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        grey: u8,
    },
    /// A horizontal or vertical line.
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width_pt: f32,
        grey: u8,
        dashed: bool,
    },
    /// A QR symbol whose top left module (not the quiet zone) is at (x, y).
    Qr {
        x: f32,
        y: f32,
        module: f32,
        symbol: QrSymbol,
    },
}

/// A page (or a single card) with what is drawn on it. Text and QR modules are wiped on drop.
pub(crate) struct Page {
    pub(crate) width: f32,
    pub(crate) height: f32,
    pub(crate) items: Vec<Item>,
}

impl Page {
    pub(crate) fn new(width: f32, height: f32) -> Self {
        Page {
            width,
            height,
            items: Vec::new(),
        }
    }

    pub(crate) fn text(&mut self, x: f32, y: f32, size: f32, face: Face, text: &str) -> f32 {
        self.grey_text(x, y, size, face, 0, text)
    }

    /// Adds text that is part of a share (its words), drawn like any text but never given
    /// as text: the SVG writer labels other text for screen readers and search, not this.
    pub(crate) fn secret_text(&mut self, x: f32, y: f32, size: f32, face: Face, text: &str) {
        self.items.push(Item::Text {
            x,
            y,
            size,
            face,
            grey: 0,
            text: Zeroizing::new(text.to_string()),
            secret: true,
        });
    }

    /// Adds text and returns its width in mm.
    pub(crate) fn grey_text(
        &mut self,
        x: f32,
        y: f32,
        size: f32,
        face: Face,
        grey: u8,
        text: &str,
    ) -> f32 {
        let w = text_width(face, size, text);
        self.items.push(Item::Text {
            x,
            y,
            size,
            face,
            grey,
            text: Zeroizing::new(text.to_string()),
            secret: false,
        });
        w
    }

    /// Adds wrapped text from baseline `y`; returns the baseline after the last line.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn paragraph(
        &mut self,
        x: f32,
        y: f32,
        width: f32,
        size: f32,
        leading: f32,
        face: Face,
        text: &str,
    ) -> f32 {
        let mut y = y;
        for line in wrap(face, size, text, width) {
            self.text(x, y, size, face, &line);
            y += leading;
        }
        y
    }

    pub(crate) fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, grey: u8) {
        self.items.push(Item::Rect { x, y, w, h, grey });
    }

    pub(crate) fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width_pt: f32, grey: u8) {
        self.items.push(Item::Line {
            x1,
            y1,
            x2,
            y2,
            width_pt,
            grey,
            dashed: false,
        });
    }

    pub(crate) fn dashed_line(
        &mut self,
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width_pt: f32,
        grey: u8,
    ) {
        self.items.push(Item::Line {
            x1,
            y1,
            x2,
            y2,
            width_pt,
            grey,
            dashed: true,
        });
    }

    /// Places a card's items on this page with its top left corner at (dx, dy).
    pub(crate) fn place(&mut self, card: Page, dx: f32, dy: f32) {
        let mut card = card;
        for item in card.items.drain(..) {
            self.items.push(match item {
                Item::Text {
                    x,
                    y,
                    size,
                    face,
                    grey,
                    text,
                    secret,
                } => Item::Text {
                    x: x + dx,
                    y: y + dy,
                    size,
                    face,
                    grey,
                    text,
                    secret,
                },
                Item::Rect { x, y, w, h, grey } => Item::Rect {
                    x: x + dx,
                    y: y + dy,
                    w,
                    h,
                    grey,
                },
                Item::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    width_pt,
                    grey,
                    dashed,
                } => Item::Line {
                    x1: x1 + dx,
                    y1: y1 + dy,
                    x2: x2 + dx,
                    y2: y2 + dy,
                    width_pt,
                    grey,
                    dashed,
                },
                Item::Qr {
                    x,
                    y,
                    module,
                    symbol,
                } => Item::Qr {
                    x: x + dx,
                    y: y + dy,
                    module,
                    symbol,
                },
            });
        }
    }
}

/// Horizontal runs of dark modules in one row of a symbol: (first column, length).
pub(crate) fn dark_runs(symbol: &QrSymbol, row: usize) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut x = 0;
    let n = symbol.size();
    while x < n {
        if symbol.is_dark(x, row) {
            let start = x;
            while x < n && symbol.is_dark(x, row) {
                x += 1;
            }
            runs.push((start, x - start));
        } else {
            x += 1;
        }
    }
    runs
}
