//! One search of a grey image with the QR finder and decoder (`rqrr`), and searches in
//! overlapping windows.

use zeroize::Zeroizing;

use super::budget::Budget;

/// A payload read, the centre of its code and its bounding box (x0, y0, x1, y1), in image
/// pixels.
pub(super) type Read = (Zeroizing<Vec<u8>>, (u32, u32), [u32; 4]);

/// Whether the point (`x`, `y`) lies in the box `b` (x0, y0, x1, y1, edges included).
pub(super) fn inside(b: &[u32; 4], x: f32, y: f32) -> bool {
    x >= b[0] as f32 && x <= b[2] as f32 && y >= b[1] as f32 && y <= b[3] as f32
}

struct Bounds {
    bounds: [rqrr::Point; 4],
}

/// Runs `f`, turning a panic into `None` without printing it.
///
/// rqrr asserts that every point its perspective maps lands in the range of an `i32`
/// (`Perspective::map`); the finder's fitted perspective can be degenerate on odd pictures
/// (finder patterns nearly in a line), and the assertion then fails inside rqrr, where no
/// caller can check for it beforehand. The panic hook is not swapped around each search (that
/// would serialise every scan in the process and could drop a hook another thread installs
/// meanwhile): a hook is added once, in front of whatever hook is in place, and it stays
/// silent only for a panic on a thread that is inside this function; every other panic goes
/// on to the previous hook unchanged.
fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    use std::cell::Cell;
    use std::sync::Once;
    thread_local! {
        static SILENT: Cell<bool> = const { Cell::new(false) };
    }
    static CHAIN: Once = Once::new();
    CHAIN.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !SILENT.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was = SILENT.with(|s| s.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    SILENT.with(|s| s.set(was));
    result.ok()
}

/// What one detection pass saw.
pub(super) struct Pass {
    /// Codes located but not decoded.
    pub(super) failed: usize,
    /// The smallest module size (pixels) of the codes decoded.
    pub(super) module_px: Option<f32>,
    /// Bounding boxes (x0, y0, x1, y1 in the pass's pixels) of the codes decoded.
    pub(super) decoded: Vec<[usize; 4]>,
    /// The largest side (pixels) of a decoded code.
    pub(super) decoded_side: Option<usize>,
    /// The smallest side (pixels) of a code that failed.
    pub(super) failed_side: Option<usize>,
    /// The finder-like patterns counted before the search: each ring's bounding box in
    /// image pixels.
    pub(super) patterns: Vec<[u32; 4]>,
}

fn side_of(bounds: &[rqrr::Point; 4]) -> usize {
    let xs = bounds.iter().map(|p| p.x);
    let ys = bounds.iter().map(|p| p.y);
    let w = xs.clone().max().unwrap_or(0) - xs.min().unwrap_or(0);
    let h = ys.clone().max().unwrap_or(0) - ys.min().unwrap_or(0);
    w.max(h).max(0) as usize
}

/// An image to scan in overlapping square windows of `window` pixels; `scale` maps its
/// pixels back to the original image.
pub(super) struct Tiles<'a> {
    pub(super) width: usize,
    pub(super) height: usize,
    pub(super) pixels: &'a [u8],
    pub(super) window: usize,
    pub(super) scale: f32,
}

/// Scans overlapping square windows (half a window apart).
pub(super) fn scan_tiles(
    t: &Tiles<'_>,
    out: &mut Vec<Read>,
    failed: &mut Vec<[u32; 4]>,
    budget: &mut Budget,
) {
    let (width, height, pixels) = (t.width, t.height, t.pixels);
    let window = t.window.max(64);
    if window >= width && window >= height {
        return;
    }
    let step = window / 2;
    let starts = |len: usize| -> Vec<usize> {
        if window >= len {
            return vec![0];
        }
        let mut v: Vec<usize> = (0..len - window).step_by(step).collect();
        v.push(len - window);
        v
    };
    let (tw, th) = (window.min(width), window.min(height));
    let mut tile = Zeroizing::new(vec![0u8; tw * th]);
    for &y0 in &starts(height) {
        for &x0 in &starts(width) {
            if budget.exhausted() {
                return;
            }
            for row in 0..th {
                let src = (y0 + row) * width + x0;
                tile[row * tw..(row + 1) * tw].copy_from_slice(&pixels[src..src + tw]);
            }
            scan_pass(tw, th, t.scale, (x0, y0), &tile, out, failed, budget);
        }
    }
}

/// One detection pass; adds newly read payloads (deduplicated). `scale` and `offset` map
/// the pass's pixels back to the original image. Skipped (finding nothing) when the budget
/// does not admit it.
#[allow(clippy::too_many_arguments)]
pub(super) fn scan_pass(
    width: usize,
    height: usize,
    scale: f32,
    offset: (usize, usize),
    pixels: &[u8],
    out: &mut Vec<Read>,
    failed_boxes: &mut Vec<[u32; 4]>,
    budget: &mut Budget,
) -> Pass {
    let mut pass = Pass {
        failed: 0,
        module_px: None,
        decoded: Vec::new(),
        decoded_side: None,
        failed_side: None,
        patterns: Vec::new(),
    };
    if !budget.admit(width, height, pixels) {
        return pass;
    }
    let map = |v: usize, o: usize| ((v + o) as f32 * scale) as u32;
    pass.patterns = budget
        .patterns
        .iter()
        .map(|r| {
            [
                map(r[0], offset.0),
                map(r[1], offset.1),
                map(r[2], offset.0),
                map(r[3], offset.1),
            ]
        })
        .collect();
    // rqrr can panic on degenerate finder geometry (an assertion in its perspective code);
    // a hostile or odd image must not take the program down, so such a pass finds nothing.
    let detected = quietly(|| {
        let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| {
            pixels[y * width + x]
        });
        prepared
            .detect_grids()
            .into_iter()
            .map(|grid| {
                let mut bytes = Zeroizing::new(Vec::with_capacity(4096));
                let version = grid.decode_to(&mut *bytes).ok().map(|m| m.version.0);
                (grid.bounds, version, bytes)
            })
            .collect::<Vec<_>>()
    });
    let Some(detected) = detected else {
        return pass;
    };
    for (bounds, version, bytes) in detected {
        let ok = version.is_some();
        let side = side_of(&bounds);
        if let Some(v) = version {
            let module = side as f32 / (17 + 4 * v) as f32;
            pass.module_px = Some(pass.module_px.map_or(module, |m| m.min(module)));
        }
        let grid = Bounds { bounds };
        match if ok { Ok(()) } else { Err(()) } {
            Ok(_) => {
                pass.decoded_side = Some(pass.decoded_side.unwrap_or(0).max(side));
                let xs = grid.bounds.iter().map(|p| p.x.max(0) as usize);
                let ys = grid.bounds.iter().map(|p| p.y.max(0) as usize);
                pass.decoded.push([
                    xs.clone().min().unwrap_or(0),
                    ys.clone().min().unwrap_or(0),
                    xs.max().unwrap_or(0),
                    ys.max().unwrap_or(0),
                ]);
                if out.iter().any(|(b, ..)| **b == *bytes) {
                    continue;
                }
                let map = |v: usize, o: usize| ((v + o) as f32 * scale) as u32;
                let d = pass.decoded[pass.decoded.len() - 1];
                let bbox = [
                    map(d[0], offset.0),
                    map(d[1], offset.1),
                    map(d[2], offset.0),
                    map(d[3], offset.1),
                ];
                let cx = grid.bounds.iter().map(|p| i64::from(p.x)).sum::<i64>() / 4;
                let cy = grid.bounds.iter().map(|p| i64::from(p.y)).sum::<i64>() / 4;
                let center = (
                    ((cx.max(0) as usize + offset.0) as f32 * scale) as u32,
                    ((cy.max(0) as usize + offset.1) as f32 * scale) as u32,
                );
                out.push((bytes, center, bbox));
            }
            Err(_) => {
                let map = |v: i32, o: usize| ((v.max(0) as usize + o) as f32 * scale) as u32;
                let xs = grid.bounds.iter().map(|p| p.x);
                let ys = grid.bounds.iter().map(|p| p.y);
                failed_boxes.push([
                    map(xs.clone().min().unwrap_or(0), offset.0),
                    map(ys.clone().min().unwrap_or(0), offset.1),
                    map(xs.max().unwrap_or(0), offset.0),
                    map(ys.max().unwrap_or(0), offset.1),
                ]);
                pass.failed += 1;
                pass.failed_side = Some(pass.failed_side.unwrap_or(usize::MAX).min(side));
            }
        }
    }
    pass
}
