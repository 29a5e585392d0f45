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
