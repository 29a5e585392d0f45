//! Pixel work on grey images: resizing, blanking codes out, tone and contrast changes.

use zeroize::Zeroizing;

/// The largest image looked at again at twice its size.
pub(super) const MAX_UPSCALED_PIXELS: usize = 16_000_000;

/// The image at twice its width and height, each new pixel the mean of its neighbours.
pub(super) fn upscaled(width: usize, height: usize, px: &[u8]) -> Zeroizing<Vec<u8>> {
    let (w2, h2) = (2 * width, 2 * height);
    let mut out = Zeroizing::new(vec![0u8; w2 * h2]);
    for y in 0..h2 {
        let (y0, y1) = (y / 2, y.div_ceil(2).min(height - 1));
        for x in 0..w2 {
            let (x0, x1) = (x / 2, x.div_ceil(2).min(width - 1));
            let sum = u32::from(px[y0 * width + x0])
                + u32::from(px[y0 * width + x1])
                + u32::from(px[y1 * width + x0])
                + u32::from(px[y1 * width + x1]);
            out[y * w2 + x] = (sum / 4) as u8;
        }
    }
    out
}

/// Paints a decoded code white (with a margin of a tenth of its size), so that its finder
/// patterns no longer pair with those of other codes.
pub(super) fn blank(img: &mut [u8], width: usize, height: usize, b: &[usize; 4]) {
    let margin = (b[2] - b[0]).max(b[3] - b[1]) / 10 + 2;
    let (x0, y0) = (b[0].saturating_sub(margin), b[1].saturating_sub(margin));
    let (x1, y1) = ((b[2] + margin).min(width), (b[3] + margin).min(height));
    for y in y0..y1 {
        img[y * width + x0..y * width + x1].fill(255);
    }
}

/// Darkens mid-tones (v * v / 255). rqrr counts a pixel dark below 47.5% of the local
/// average, so a blurred single dark module reads as light; squaring keeps it dark.
pub(super) fn sharpened(width: usize, height: usize, px: &[u8]) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(
        px[..width * height]
            .iter()
            .map(|&v| ((u32::from(v) * u32::from(v)) / 255) as u8)
            .collect(),
    )
}

pub(super) fn downscale(
    width: usize,
    height: usize,
    pixels: &[u8],
    factor: usize,
) -> Zeroizing<Vec<u8>> {
    let (w, h) = (width / factor, height / factor);
    let mut out = Zeroizing::new(vec![0u8; w * h]);
    let area = (factor * factor) as u32;
    if factor == 2 {
        for (y, row) in out.chunks_exact_mut(w.max(1)).enumerate().take(h) {
            let (a, b) = (&pixels[2 * y * width..], &pixels[(2 * y + 1) * width..]);
            for (x, o) in row.iter_mut().enumerate() {
                let sum = u32::from(a[2 * x])
                    + u32::from(a[2 * x + 1])
                    + u32::from(b[2 * x])
                    + u32::from(b[2 * x + 1]);
                *o = (sum / 4) as u8;
            }
        }
        return out;
    }
    for y in 0..h {
        for x in 0..w {
            let mut sum = 0u32;
            for dy in 0..factor {
                let row = (y * factor + dy) * width + x * factor;
                for &p in &pixels[row..row + factor] {
                    sum += u32::from(p);
                }
            }
            out[y * w + x] = (sum / area) as u8;
        }
    }
    out
}

/// The image in black and white against each pixel's neighbourhood: black where a pixel is
/// darker than the mean of the square of about a twelfth of the image's shorter side around
/// it by 3% and 4 levels, white elsewhere. The QR finder compares a pixel with a running
/// average along its row, which a faded print (dark grey on light grey), a shadow across
/// the card or a stain defeats; here only the difference with the surroundings counts.
/// Sums run over columns then rows, so memory is a few bytes a column.
pub(super) fn local_threshold(width: usize, height: usize, px: &[u8]) -> Zeroizing<Vec<u8>> {
    let r = (width.min(height) / 24).clamp(7, 127);
    against_neighbourhood(width, height, px, r, |v, sum, area| {
        if (v + 4) * area * 100 < sum * 97 {
            0
        } else {
            255
        }
    })
}

/// Each pixel `v` of the image turned into `f(v, sum, area)`, where `sum` is the sum of the
/// pixels of the square of side `2 r + 1` around it (clipped to the image) and `area` their
/// number. Sums run over columns then rows, so memory is a few bytes a column.
fn against_neighbourhood(
    width: usize,
    height: usize,
    px: &[u8],
    r: usize,
    f: impl Fn(u64, u64, u64) -> u8,
) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(vec![255u8; width * height]);
    if width == 0 || height == 0 {
        return out;
    }
    // col[x]: the sum of column x over the rows y - r ..= y + r (clipped to the image).
    let mut col = vec![0u64; width];
    let (mut top, mut bottom) = (0usize, 0usize); // rows [top, bottom) are in `col`
    for y in 0..height {
        let (lo, hi) = (y.saturating_sub(r), (y + r + 1).min(height));
        while bottom < hi {
            for (c, &p) in col
                .iter_mut()
                .zip(&px[bottom * width..(bottom + 1) * width])
            {
                *c += u64::from(p);
            }
            bottom += 1;
        }
        while top < lo {
            for (c, &p) in col.iter_mut().zip(&px[top * width..(top + 1) * width]) {
                *c -= u64::from(p);
            }
            top += 1;
        }
        let rows = (hi - lo) as u64;
        let mut sum: u64 = col[..r.min(width)].iter().sum();
        let (mut left, mut right) = (0usize, r.min(width));
        for x in 0..width {
            let (l, h) = (x.saturating_sub(r), (x + r + 1).min(width));
            while right < h {
                sum += col[right];
                right += 1;
            }
            while left < l {
                sum -= col[left];
                left += 1;
            }
            let area = rows * (h - l) as u64;
            out[y * width + x] = f(u64::from(px[y * width + x]), sum, area);
        }
    }
    out
}

/// The median of each pixel's 3 x 3 neighbourhood (edges repeated): dust and toner specks of
/// a pixel or two vanish, while modules of three pixels or more keep their edges.
pub(super) fn median3(width: usize, height: usize, px: &[u8]) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(vec![255u8; width * height]);
    if width == 0 || height == 0 {
        return out;
    }
    let at = |x: usize, y: usize| px[y * width + x];
    for y in 0..height {
        let (ya, yb) = (y.saturating_sub(1), (y + 1).min(height - 1));
        for x in 0..width {
            let (xa, xb) = (x.saturating_sub(1), (x + 1).min(width - 1));
            let mut v = [
                at(xa, ya),
                at(x, ya),
                at(xb, ya),
                at(xa, y),
                at(x, y),
                at(xb, y),
                at(xa, yb),
                at(x, yb),
                at(xb, yb),
            ];
            let (_, m, _) = v.select_nth_unstable(4);
            out[y * width + x] = *m;
        }
    }
    out
}

/// The blur radius [`unsharp`] takes away (a square of 7 x 7 pixels).
const UNSHARP_RADIUS: usize = 3;

/// An unsharp mask: each pixel pushed away from the mean of its 7 x 7 neighbourhood three
/// times as far as it is (v + 3 (v - mean)), for defocused and shaken photos, whose modules
/// blur into grey: their edges come back dark and light. Sums run over columns then rows.
pub(super) fn unsharp(width: usize, height: usize, px: &[u8]) -> Zeroizing<Vec<u8>> {
    against_neighbourhood(width, height, px, UNSHARP_RADIUS, |v, sum, area| {
        // v + 3 (v - sum / area), in whole numbers.
        let (v, sum, area) = (v as i64, sum as i64, area as i64);
        ((4 * v * area - 3 * sum) / area).clamp(0, 255) as u8
    })
}
