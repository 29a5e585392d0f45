//! Pictures of damaged cards, for the scan battery and the error-correction measurement:
//! a grey image type, a deterministic generator, blur and noise, and the damage classes a
//! photo of a printed card suffers, each at three strengths.
//!
//! Included with `#[path = "common/damage.rs"] mod damage;` by the test files that use it.
#![allow(dead_code)]
// The ranges of random phases and angles (6.28, 3.14) fix every image of the tables in
// docs/scanning.md and docs/shareqr.md; written as the constants they would move every image
// a little.
#![allow(clippy::approx_constant)]

use std::io::Cursor;

/// A grey image, 0.0 black to 255.0 white.
#[derive(Clone)]
pub struct Img {
    pub w: usize,
    pub h: usize,
    pub px: Vec<f32>,
}

impl Img {
    pub fn new(w: usize, h: usize, v: f32) -> Self {
        Img {
            w,
            h,
            px: vec![v; w * h],
        }
    }

    pub fn at(&self, x: f32, y: f32, bg: f32) -> f32 {
        if x < 0.0 || y < 0.0 || x > (self.w - 1) as f32 || y > (self.h - 1) as f32 {
            return bg;
        }
        let (x0, y0) = (x.floor() as usize, y.floor() as usize);
        let (x1, y1) = ((x0 + 1).min(self.w - 1), (y0 + 1).min(self.h - 1));
        let (fx, fy) = (x - x0 as f32, y - y0 as f32);
        let p = |x: usize, y: usize| self.px[y * self.w + x];
        let top = p(x0, y0) * (1.0 - fx) + p(x1, y0) * fx;
        let bottom = p(x0, y1) * (1.0 - fx) + p(x1, y1) * fx;
        top * (1.0 - fy) + bottom * fy
    }

    /// A new image of `w` x `h` whose pixel (x, y) is this image at `f(x, y)`.
    pub fn remap(&self, w: usize, h: usize, bg: f32, f: impl Fn(f32, f32) -> (f32, f32)) -> Img {
        let mut out = Img::new(w, h, bg);
        for y in 0..h {
            for x in 0..w {
                let (sx, sy) = f(x as f32, y as f32);
                out.px[y * w + x] = self.at(sx, sy, bg);
            }
        }
        out
    }

    pub fn map(mut self, f: impl Fn(usize, usize, f32) -> f32) -> Img {
        for y in 0..self.h {
            for x in 0..self.w {
                let i = y * self.w + x;
                self.px[i] = f(x, y, self.px[i]).clamp(0.0, 255.0);
            }
        }
        self
    }

    pub fn bytes(&self) -> Vec<u8> {
        self.px
            .iter()
            .map(|v| v.round().clamp(0.0, 255.0) as u8)
            .collect()
    }

    pub fn png(&self) -> Vec<u8> {
        let img = image::GrayImage::from_raw(self.w as u32, self.h as u32, self.bytes()).unwrap();
        let mut out = Vec::new();
        image::DynamicImage::ImageLuma8(img)
            .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    }

    pub fn jpeg(&self, quality: u8) -> Vec<u8> {
        use image::ImageEncoder;
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
            .write_image(
                &self.bytes(),
                self.w as u32,
                self.h as u32,
                image::ExtendedColorType::L8,
            )
            .unwrap();
        out
    }

    /// Pastes `card` with its top left at (x0, y0), rotated by `angle` degrees about its
    /// centre and scaled by `scale`.
    pub fn paste(&mut self, card: &Img, cx: f32, cy: f32, angle: f32, scale: f32) {
        let (s, c) = angle.to_radians().sin_cos();
        let half = (card.w.max(card.h) as f32 * scale * 0.75) as isize;
        for y in (cy as isize - half).max(0)..(cy as isize + half).min(self.h as isize) {
            for x in (cx as isize - half).max(0)..(cx as isize + half).min(self.w as isize) {
                let (dx, dy) = (x as f32 - cx, y as f32 - cy);
                let u = (c * dx + s * dy) / scale + card.w as f32 / 2.0;
                let v = (-s * dx + c * dy) / scale + card.h as f32 / 2.0;
                if u >= 0.0 && v >= 0.0 && u <= (card.w - 1) as f32 && v <= (card.h - 1) as f32 {
                    self.px[y as usize * self.w + x as usize] = card.at(u, v, 255.0);
                }
            }
        }
    }
}

/// A deterministic generator (SplitMix64).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }

    pub fn range(&mut self, lo: f32, hi: f32) -> f32 {
        lo + (hi - lo) * self.unit()
    }

    /// Roughly normal, mean 0, deviation 1.
    pub fn normal(&mut self) -> f32 {
        (0..4).map(|_| self.unit()).sum::<f32>() * 1.732 - 3.464
    }
}

pub fn grey(png: &[u8]) -> Img {
    let g = image::load_from_memory(png).unwrap().into_luma8();
    Img {
        w: g.width() as usize,
        h: g.height() as usize,
        px: g.as_raw().iter().map(|&v| f32::from(v)).collect(),
    }
}

/// Gaussian blur (the `image` crate's, which is optimised even in test builds).
pub fn gauss(img: &Img, sigma: f32) -> Img {
    let buf: image::ImageBuffer<image::Luma<f32>, Vec<f32>> =
        image::ImageBuffer::from_raw(img.w as u32, img.h as u32, img.px.clone()).unwrap();
    let out = image::imageops::blur(&buf, sigma);
    Img {
        w: img.w,
        h: img.h,
        px: out.into_raw(),
    }
}

/// Sensor noise of deviation `sd`.
pub fn noise(img: Img, rng: &mut Rng, sd: f32) -> Img {
    let mut img = img;
    for p in &mut img.px {
        *p = (*p + rng.normal() * sd).clamp(0.0, 255.0);
    }
    img
}

/// The damage classes, in table order.
pub const CLASSES: [&str; 14] = [
    "crease",
    "defocus",
    "faded toner",
    "JPEG",
    "uneven lighting",
    "low resolution",
    "motion blur",
    "perspective",
    "rotation",
    "screen photo (moire)",
    "speckle",
    "stain",
    "cards on a table",
    "paper warp",
];

/// The strength names, in table order.
pub const STRENGTHS: [&str; 3] = ["light", "medium", "strong"];

/// The picture of `scene` with damage `class` at `strength` (0, 1, 2), as a file's bytes
/// (PNG, or JPEG for the JPEG class).
pub fn damaged(scene: &Img, cards: &[Img], class: usize, strength: usize, seed: u64) -> Vec<u8> {
    let mut rng = Rng(seed);
    let s = strength as f32;
    let (w, h) = (scene.w, scene.h);
    let (wf, hf) = (w as f32, h as f32);
    // Every picture is a photo: a touch of blur and sensor noise.
    let photo = |img: Img, rng: &mut Rng| noise(gauss(&img, 0.6), rng, 3.0);
    let img = match class {
        0 => {
            // A fold across the card: a shadowed band, one side lighter, and the paper shifted.
            let angle = rng.range(-0.6, 0.6) + if seed.is_multiple_of(2) { 0.0 } else { 1.57 };
            let (sn, cs) = angle.sin_cos();
            let (cx, cy) = (wf * rng.range(0.35, 0.65), hf * rng.range(0.35, 0.65));
            let shift = 1.5 + 1.5 * s;
            let bent = scene.remap(w, h, 255.0, |x, y| {
                let d = (x - cx) * cs + (y - cy) * sn;
                let t = (d / 3.0).tanh() * shift;
                (x - t * cs, y - t * sn)
            });
            let depth = 60.0 + 40.0 * s;
            let width = 3.0 + 2.0 * s;
            photo(
                bent.map(|x, y, v| {
                    let d = (x as f32 - cx) * cs + (y as f32 - cy) * sn;
                    let band = depth * (-(d * d) / (2.0 * width * width)).exp();
                    let side = if d > 0.0 { 0.85 - 0.08 * s } else { 1.0 };
                    v * side - band
                }),
                &mut rng,
            )
        }
        1 => noise(gauss(scene, [1.4, 2.0, 2.6][strength]), &mut rng, 3.0),
        2 => {
            // Toner faded: dark becomes grey, unevenly.
            let keep = [0.45, 0.3, 0.2][strength];
            let phase = rng.range(0.0, 6.28);
            photo(
                scene.clone().map(|x, y, v| {
                    let k =
                        keep * (1.0 + 0.3 * ((x as f32 / 90.0 + y as f32 / 130.0) + phase).sin());
                    255.0 - (255.0 - v) * k
                }),
                &mut rng,
            )
        }
        3 => {
            let img = photo(scene.clone(), &mut rng);
            return img.jpeg([30, 15, 8][strength]);
        }
        4 => {
            // Light from one side and a soft shadow of the phone over part of the picture.
            let low = [0.55, 0.35, 0.22][strength];
            let (lx, ly) = (rng.range(0.0, wf), rng.range(0.0, hf));
            let diag = (wf * wf + hf * hf).sqrt();
            let edge = rng.range(0.3, 0.7) * wf;
            photo(
                scene.clone().map(|x, y, v| {
                    let d = ((x as f32 - lx).powi(2) + (y as f32 - ly).powi(2)).sqrt() / diag;
                    let light = 1.0 - (1.0 - low) * d.min(1.0);
                    let shadow = if (x as f32) > edge + 0.2 * y as f32 {
                        0.75
                    } else {
                        1.0
                    };
                    v * light * shadow + 20.0 * (1.0 - light)
                }),
                &mut rng,
            )
        }
        5 => {
            // A whole page photographed from far: fewer pixels a module.
            let f = [1.8, 2.3, 2.8][strength];
            let blurred = gauss(scene, f * 0.45);
            let (nw, nh) = ((wf / f) as usize, (hf / f) as usize);
            noise(
                blurred.remap(nw, nh, 255.0, |x, y| (x * f, y * f)),
                &mut rng,
                2.0,
            )
        }
        6 => {
            // The phone moved: a straight streak of `len` pixels.
            let len = [5.0, 8.0, 11.0][strength];
            let angle = rng.range(0.0, 3.14);
            let (dx, dy) = (angle.cos(), angle.sin());
            let n = len as usize + 1;
            let mut out = Img::new(w, h, 255.0);
            for y in 0..h {
                for x in 0..w {
                    let mut acc = 0.0;
                    for i in 0..n {
                        let t = (i as f32 / (n - 1) as f32 - 0.5) * len;
                        acc += scene.at(x as f32 + t * dx, y as f32 + t * dy, 255.0);
                    }
                    out.px[y * w + x] = acc / n as f32;
                }
            }
            noise(out, &mut rng, 3.0)
        }
        7 => {
            // Photographed at an angle: the far edge narrower than the near one.
            let k = [0.15, 0.28, 0.4][strength];
            let lean = rng.range(-0.1, 0.1);
            let img = scene.remap(w, h, 128.0, |x, y| {
                let v = y / hf;
                let shrink = 1.0 - k * (1.0 - v);
                let u = (x - wf / 2.0) / shrink + wf / 2.0 + lean * (y - hf / 2.0);
                let vv = hf * (v * (1.0 + k * 0.5) / (1.0 + k * 0.5 * v));
                (u, vv)
            });
            photo(img, &mut rng)
        }
        8 => {
            let a =
                [10.0f32, 27.0, 45.0][strength] * if seed.is_multiple_of(2) { 1.0 } else { -1.0 };
            let (sn, cs) = a.to_radians().sin_cos();
            let (cx, cy) = (wf / 2.0, hf / 2.0);
            let img = scene.remap(w, h, 200.0, |x, y| {
                let (dx, dy) = (x - cx, y - cy);
                (cx + cs * dx + sn * dy, cy - sn * dx + cs * dy)
            });
            photo(img, &mut rng)
        }
        9 => {
            // A photo of a screen: the screen's pixel grid beats with the camera's (moire),
            // the screen's glow lifts the blacks, and the picture is a little soft.
            let amp = [25.0, 40.0, 55.0][strength];
            let (f1, f2) = (rng.range(0.9, 1.1), rng.range(0.3, 0.5));
            let soft = gauss(scene, 0.8);
            noise(
                soft.map(|x, y, v| {
                    let (x, y) = (x as f32, y as f32);
                    let beat = (x * f1 + y * 0.07).sin() * (y * f1 * 0.97 + x * 0.05).sin();
                    let wave = (x * f2 * 0.05 + y * 0.02).sin();
                    30.0 + v * 0.8 + amp * beat * 0.6 + amp * 0.4 * wave
                }),
                &mut rng,
                4.0,
            )
        }
        10 => {
            // Dust and toner specks, dark and light.
            let density = [0.02, 0.05, 0.09][strength];
            let mut img = scene.clone();
            let n = (density * (w * h) as f32 / 4.0) as usize;
            for _ in 0..n {
                let (x, y) = (rng.next() as usize % w, rng.next() as usize % h);
                let v = if rng.unit() < 0.5 { 0.0 } else { 255.0 };
                let r = 1 + (rng.next() % 2) as usize;
                for yy in y..(y + r).min(h) {
                    for xx in x..(x + r).min(w) {
                        img.px[yy * w + xx] = v;
                    }
                }
            }
            photo(img, &mut rng)
        }
        11 => {
            // Coffee and water stains: soft translucent blobs with darker rims.
            let alpha = [0.35, 0.5, 0.65][strength];
            let blobs: Vec<(f32, f32, f32)> = (0..6)
                .map(|_| {
                    (
                        rng.range(0.0, wf),
                        rng.range(0.0, hf),
                        rng.range(0.05, 0.12) * wf,
                    )
                })
                .collect();
            photo(
                scene.clone().map(|x, y, v| {
                    let mut out = v;
                    for &(bx, by, r) in &blobs {
                        let d = ((x as f32 - bx).powi(2) + (y as f32 - by).powi(2)).sqrt() / r;
                        if d < 1.0 {
                            let rim = if d > 0.85 { 1.6 } else { 1.0 };
                            let tint = 150.0 - 40.0 * rim;
                            out = out * (1.0 - alpha * rim * 0.6) + tint * alpha * rim * 0.6;
                        }
                    }
                    out
                }),
                &mut rng,
            )
        }
        12 => {
            // The cards on a dark wooden table, each turned, from further away.
            let scale = [0.8, 0.65, 0.52][strength];
            let (tw, th) = (w * 5 / 4, h * 5 / 4);
            let grain = rng.range(0.0, 6.28);
            let mut table = Img::new(tw, th, 0.0).map(|x, y, _| {
                let (x, y) = (x as f32, y as f32);
                70.0 + 25.0 * ((y * 0.05 + (x * 0.004).sin() * 3.0 + grain).sin())
                    + 10.0 * ((x * 0.31 + y * 0.02).sin())
            });
            let cols = 2;
            for (i, card) in cards.iter().enumerate() {
                let (col, row) = (i % cols, i / cols);
                let cx = tw as f32 * (0.27 + 0.46 * col as f32) + rng.range(-20.0, 20.0);
                let cy = th as f32 * (0.27 + 0.46 * row as f32) + rng.range(-20.0, 20.0);
                table.paste(card, cx, cy, rng.range(-25.0, 25.0), scale);
            }
            photo(table, &mut rng)
        }
        13 => {
            // Paper that does not lie flat: a slow wave across the picture.
            let amp = [3.0, 6.0, 9.0][strength];
            let (p1, p2) = (rng.range(0.0, 6.28), rng.range(0.0, 6.28));
            let img = scene.remap(w, h, 255.0, |x, y| {
                (
                    x + amp * (y / 140.0 + p1).sin(),
                    y + amp * (x / 170.0 + p2).sin(),
                )
            });
            photo(
                img.map(|x, _, v| v * (0.9 + 0.1 * (x as f32 / 170.0 + p2).cos())),
                &mut rng,
            )
        }
        _ => unreachable!(),
    };
    img.png()
}

/// The cards laid out two by two on a sheet, as a flat scan of them.
pub fn scene(cards: &[Img]) -> Img {
    let gap = 24;
    let (cw, ch) = (
        cards.iter().map(|c| c.w).max().unwrap(),
        cards.iter().map(|c| c.h).max().unwrap(),
    );
    let mut img = Img::new(2 * cw + 3 * gap, 2 * ch + 3 * gap, 245.0);
    for (i, c) in cards.iter().enumerate() {
        let (x0, y0) = (gap + (i % 2) * (cw + gap), gap + (i / 2) * (ch + gap));
        for y in 0..c.h {
            for x in 0..c.w {
                img.px[(y0 + y) * img.w + x0 + x] = c.px[y * c.w + x];
            }
        }
    }
    img
}
