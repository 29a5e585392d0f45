//! PNG output: the page rasterised here (text through the embedded fonts, QR modules on
//! whole pixels), 8-bit grey, with its resolution recorded so it prints at true scale.

use ab_glyph::{point, Font, PxScale, ScaleFont};
use zeroize::Zeroizing;

use super::layout::{Item, Page, MM_PER_PT};
use crate::qr::QUIET_ZONE_MODULES;

/// A grey raster: 0 black, 255 white. Secret (it shows the card).
pub(crate) struct Raster {
    pub(crate) width: usize,
    pub(crate) height: usize,
    pub(crate) pixels: Zeroizing<Vec<u8>>,
}

impl Raster {
    fn blend(&mut self, x: i64, y: i64, coverage: f32, grey: u8) {
        if x < 0 || y < 0 || x as usize >= self.width || y as usize >= self.height {
            return;
        }
        let c = coverage.clamp(0.0, 1.0);
        let p = &mut self.pixels[y as usize * self.width + x as usize];
        let v = f32::from(*p) * (1.0 - c) + f32::from(grey) * c;
        *p = v.round() as u8;
    }

    fn fill(&mut self, x0: i64, y0: i64, x1: i64, y1: i64, grey: u8) {
        let x0 = x0.clamp(0, self.width as i64) as usize;
        let x1 = x1.clamp(0, self.width as i64) as usize;
        let y0 = y0.clamp(0, self.height as i64) as usize;
        let y1 = y1.clamp(0, self.height as i64) as usize;
        for y in y0..y1 {
            self.pixels[y * self.width + x0..y * self.width + x1].fill(grey);
        }
    }
}

/// Rasterises a page at `dpi` dots per inch.
pub(crate) fn rasterise(page: &Page, dpi: u32) -> Raster {
    let px_per_mm = dpi as f32 / 25.4;
    let px = |mm: f32| (mm * px_per_mm).round() as i64;
    let width = px(page.width).max(1) as usize;
    let height = px(page.height).max(1) as usize;
    let mut r = Raster {
        width,
        height,
        pixels: Zeroizing::new(vec![255u8; width * height]),
    };
    for item in &page.items {
        match item {
            Item::Rect { x, y, w, h, grey } => {
                r.fill(px(*x), px(*y), px(*x + *w), px(*y + *h), *grey);
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
                let t = ((width_pt * MM_PER_PT * px_per_mm).round() as i64).max(1);
                let (ax, ay, bx, by) = (px(*x1), px(*y1), px(*x2), px(*y2));
                let dash = ((1.0 * px_per_mm) as i64).max(2);
                if ay == by {
                    let (lo, hi) = (ax.min(bx), ax.max(bx));
                    let mut s = lo;
                    while s < hi {
                        let e = if *dashed { (s + dash).min(hi) } else { hi };
                        r.fill(s, ay - t / 2, e, ay - t / 2 + t, *grey);
                        s = if *dashed { s + 2 * dash } else { hi };
                    }
                } else {
                    let (lo, hi) = (ay.min(by), ay.max(by));
                    let mut s = lo;
                    while s < hi {
                        let e = if *dashed { (s + dash).min(hi) } else { hi };
                        r.fill(ax - t / 2, s, ax - t / 2 + t, e, *grey);
                        s = if *dashed { s + 2 * dash } else { hi };
                    }
                }
            }
            Item::Text {
                x,
                y,
                size,
                face,
                grey,
                text,
                ..
            } => {
                let font = face.font();
                let upem = font.units_per_em().unwrap_or(2048.0);
                let em_px = size * MM_PER_PT * px_per_mm;
                let scale = PxScale::from(em_px * font.height_unscaled() / upem);
                let scaled = font.as_scaled(scale);
                let mut pen = *x * px_per_mm;
                let base = *y * px_per_mm;
                for ch in text.chars() {
                    let id = font.glyph_id(ch);
                    let glyph = id.with_scale_and_position(scale, point(pen, base));
                    pen += scaled.h_advance(id);
                    if let Some(outline) = font.outline_glyph(glyph) {
                        let b = outline.px_bounds();
                        let (ox, oy) = (b.min.x as i64, b.min.y as i64);
                        outline.draw(|gx, gy, c| {
                            r.blend(ox + i64::from(gx), oy + i64::from(gy), c, *grey);
                        });
                    }
                }
            }
            Item::Qr {
                x,
                y,
                module,
                symbol,
            } => {
                // Whole pixels per module, centred in the space the layout gave, so that
                // every module has the same size and edges stay sharp.
                let n = symbol.size() as f32;
                let box_mm = (n + 2.0 * QUIET_ZONE_MODULES as f32) * module;
                let m = ((module * px_per_mm).floor() as i64).max(1);
                let side = m * (symbol.size() + 2 * QUIET_ZONE_MODULES) as i64;
                let qx = *x - QUIET_ZONE_MODULES as f32 * module;
                let qy = *y - QUIET_ZONE_MODULES as f32 * module;
                let ox = px(qx) + (px(qx + box_mm) - px(qx) - side) / 2;
                let oy = px(qy) + (px(qy + box_mm) - px(qy) - side) / 2;
                let q = QUIET_ZONE_MODULES as i64;
                r.fill(ox, oy, ox + side, oy + side, 255);
                for row in 0..symbol.size() {
                    for col in 0..symbol.size() {
                        if symbol.is_dark(col, row) {
                            let px0 = ox + (col as i64 + q) * m;
                            let py0 = oy + (row as i64 + q) * m;
                            r.fill(px0, py0, px0 + m, py0 + m, 0);
                        }
                    }
                }
            }
        }
    }
    r
}

fn crc32(data: &[u8]) -> u32 {
    // CRC-32 as PNG uses it (ISO 3309, polynomial 0xEDB88320 reflected).
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

/// Encodes a raster as an 8-bit grey PNG with a pHYs chunk giving `dpi`.
pub(crate) fn encode(raster: &Raster, dpi: u32) -> Zeroizing<Vec<u8>> {
    use image::ImageEncoder;
    let mut out = Zeroizing::new(Vec::with_capacity(raster.pixels.len() / 4));
    image::codecs::png::PngEncoder::new(&mut *out)
        .write_image(
            &raster.pixels,
            raster.width as u32,
            raster.height as u32,
            image::ExtendedColorType::L8,
        )
        .expect("encoding a PNG into memory does not fail");
    // Insert pHYs (PNG 1.2 section 4.2.4.2) right after IHDR: 8-byte signature plus the
    // 25-byte IHDR chunk.
    let ppm = (f64::from(dpi) / 0.0254).round() as u32;
    let mut chunk = Vec::with_capacity(21);
    chunk.extend_from_slice(&9u32.to_be_bytes());
    chunk.extend_from_slice(b"pHYs");
    chunk.extend_from_slice(&ppm.to_be_bytes());
    chunk.extend_from_slice(&ppm.to_be_bytes());
    chunk.push(1);
    let crc = crc32(&chunk[4..]);
    chunk.extend_from_slice(&crc.to_be_bytes());
    let mut with = Zeroizing::new(Vec::with_capacity(out.len() + chunk.len()));
    with.extend_from_slice(&out[..33]);
    with.extend_from_slice(&chunk);
    with.extend_from_slice(&out[33..]);
    with
}

#[cfg(test)]
mod tests {
    #[test]
    fn crc32_matches_the_png_check_value() {
        assert_eq!(super::crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(super::crc32(b"IEND"), 0xAE42_6082);
    }
}
