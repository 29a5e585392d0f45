//! Windows of the full-size image around the finder-like patterns a search saw: three
//! patterns in the corners of one code, or one pattern left over, each searched on its own
//! (plain, then in black and white against the neighbourhood, then as the median copy, and
//! small windows at twice the size), until something is read. Windows are small, so these
//! searches cost a fraction of a whole-image search, and a window holds one code, so the
//! finder cannot pair the corner squares of neighbouring codes wrongly.
//!
//! Where threads exist the windows are searched on all cores; the budget for each window is
//! set aside before any runs and the results are merged in window order, so the result is
//! the same as searching them one after the other (which is what wasm32 does).

use zeroize::Zeroizing;

use super::budget::Budget;
use super::pass::{inside, scan_pass, Read};
use super::pixels::{local_threshold, median3, upscaled};

/// The most windows searched for one image.
const MAX_WINDOWS: usize = 24;

/// A finder-like pattern in image pixels: its centre and the side of its ring.
#[derive(Clone, Copy)]
struct Pattern {
    x: f32,
    y: f32,
    side: f32,
}

/// Patterns from rings' bounding boxes in a copy shrunk `scale` times.
fn patterns(rings: &[[usize; 4]], scale: f32) -> Vec<Pattern> {
    rings
        .iter()
        .map(|r| Pattern {
            x: (r[0] + r[2]) as f32 / 2.0 * scale + scale / 2.0,
            y: (r[1] + r[3]) as f32 / 2.0 * scale + scale / 2.0,
            side: ((r[2] - r[0]).max(r[3] - r[1]) + 1) as f32 * scale,
        })
        .collect()
}

/// How well `a` (the corner) and `b`, `c` fit the corners of one QR code: lower is better,
/// `None` when they do not (sides of the rings alike, the two legs alike and square to each
/// other, and 2 to 26 rings long: versions 1 to 40, with room for perspective).
fn fit(a: Pattern, b: Pattern, c: Pattern) -> Option<f32> {
    let sides = [a.side, b.side, c.side];
    let (lo, hi) = (
        sides.iter().copied().fold(f32::MAX, f32::min),
        sides.iter().copied().fold(0.0, f32::max),
    );
    if hi > lo * 1.6 {
        return None;
    }
    let (ux, uy) = (b.x - a.x, b.y - a.y);
    let (vx, vy) = (c.x - a.x, c.y - a.y);
    let (lu, lv) = ((ux * ux + uy * uy).sqrt(), (vx * vx + vy * vy).sqrt());
    if lu == 0.0 || lv == 0.0 {
        return None;
    }
    let ratio = lu.min(lv) / lu.max(lv);
    let cos = ((ux * vx + uy * vy) / (lu * lv)).abs();
    let legs = (lu + lv) / 2.0 / a.side;
    if ratio < 0.7 || cos > 0.35 || !(1.5..=26.0).contains(&legs) {
        return None;
    }
    Some((1.0 - ratio) + cos)
}

/// Clips a window to the image; `None` when under 21 pixels a side.
fn clip(x0: f32, y0: f32, x1: f32, y1: f32, width: usize, height: usize) -> Option<[usize; 4]> {
    let w = [
        x0.max(0.0) as usize,
        y0.max(0.0) as usize,
        (x1.max(0.0) as usize).min(width),
        (y1.max(0.0) as usize).min(height),
    ];
    (w[2] > w[0] + 20 && w[3] > w[1] + 20).then_some(w)
}

/// The windows (x0, y0, x1, y1 in image pixels, x1 and y1 excluded) around each trio of
/// patterns that fits a code (best fits first, each pattern in one trio), and the patterns
/// in no trio.
fn trio_windows(found: &[Pattern], width: usize, height: usize) -> (Vec<[usize; 4]>, Vec<Pattern>) {
    let n = found.len();
    let mut trios = Vec::new();
    for a in 0..n {
        for b in 0..n {
            for c in b + 1..n {
                if a == b || a == c {
                    continue;
                }
                if let Some(score) = fit(found[a], found[b], found[c]) {
                    trios.push((score, [a, b, c]));
                }
            }
        }
    }
    trios.sort_by(|x, y| x.0.total_cmp(&y.0));
    let mut used = vec![false; n];
    let mut out = Vec::new();
    for (_, [a, b, c]) in trios {
        if used[a] || used[b] || used[c] {
            continue;
        }
        used[a] = true;
        used[b] = true;
        used[c] = true;
        let (pa, pb, pc) = (found[a], found[b], found[c]);
        // The fourth corner, and a margin of 1.3 rings beyond the rings' centres: half the
        // ring, the quiet zone and some slack for perspective.
        let d = (pb.x + pc.x - pa.x, pb.y + pc.y - pa.y);
        let xs = [pa.x, pb.x, pc.x, d.0];
        let ys = [pa.y, pb.y, pc.y, d.1];
        let m = pa.side.max(pb.side).max(pc.side) * 1.3;
        let lo = |v: [f32; 4]| v.iter().copied().fold(f32::MAX, f32::min);
        let hi = |v: [f32; 4]| v.iter().copied().fold(f32::MIN, f32::max);
        out.extend(clip(
            lo(xs) - m,
            lo(ys) - m,
            hi(xs) + m,
            hi(ys) + m,
            width,
            height,
        ));
    }
    let rest = found
        .iter()
        .zip(&used)
        .filter(|(_, &u)| !u)
        .map(|(p, _)| *p)
        .collect();
    (out, rest)
}

/// A window around a pattern in no trio, large enough for a code of version 6 (45 modules,
/// six and a half rings) in any direction from it.
fn lone_window(p: Pattern, width: usize, height: usize) -> Option<[usize; 4]> {
    let r = p.side * 6.5;
    clip(p.x - r, p.y - r, p.x + r, p.y + r, width, height)
}

/// What searching one window found.
#[derive(Default)]
struct Found {
    reads: Vec<Read>,
    failed: Vec<[u32; 4]>,
    skipped: usize,
}

/// The greatest work one window may cost: each of its searches (plain, black and white,
/// median, and twice the size plain and black and white) with
/// the most finder patterns a search admits, and counting them.
fn window_cost(px: usize) -> u64 {
    let px = px as u64;
    let per_search = px / 2 + px + px * 32 * 32 * 32 / 16384;
    per_search * if px <= UPSCALED_WINDOW { 3 + 4 * 2 } else { 3 }
}

/// The largest window also searched at twice its size.
const UPSCALED_WINDOW: u64 = 250_000;

/// Searches one window of the image (its pixels copied out) until something is read.
fn search_window(width: usize, pixels: &[u8], win: [usize; 4], budget: &mut Budget) -> Found {
    let (w, h) = (win[2] - win[0], win[3] - win[1]);
    let mut tile = Zeroizing::new(vec![0u8; w * h]);
    for row in 0..h {
        let src = (win[1] + row) * width + win[0];
        tile[row * w..(row + 1) * w].copy_from_slice(&pixels[src..src + w]);
    }
    let mut found = Found::default();
    let offset = (win[0], win[1]);
    let mut run =
        |w: usize, h: usize, scale: f32, offset: (usize, usize), px: &[u8], f: &mut Found| {
            let pass = scan_pass(w, h, scale, offset, px, &mut f.reads, &mut f.failed, budget);
            pass.decoded.is_empty()
        };
    if !run(w, h, 1.0, offset, &tile, &mut found) {
        return found;
    }
    if !run(w, h, 1.0, offset, &local_threshold(w, h, &tile), &mut found) {
        return found;
    }
    if !run(w, h, 1.0, offset, &median3(w, h, &tile), &mut found) {
        return found;
    }
    // Codes of a few pixels a module: twice the size (under 1 megapixel a window).
    if (w * h) as u64 <= UPSCALED_WINDOW {
        let big = upscaled(w, h, &tile);
        // Offsets are in the searched copy's pixels: twice the window's.
        let offset2 = (2 * win[0], 2 * win[1]);
        if !run(2 * w, 2 * h, 0.5, offset2, &big, &mut found) {
            return found;
        }
        run(
            2 * w,
            2 * h,
            0.5,
            offset2,
            &local_threshold(2 * w, 2 * h, &big),
            &mut found,
        );
    }
    found.skipped = budget.skipped;
    found
}

/// Searches windows of the image (`width` x `height`, `pixels`) around the finder-like
/// patterns `rings` (bounding boxes in a copy shrunk `scale` times) that no code read
/// covers; adds what is read to `out` (once each) and what is located but not read to
/// `failed`. Windows whose work does not fit the budget are left out.
#[allow(clippy::too_many_arguments)]
pub(super) fn search_around(
    width: usize,
    height: usize,
    pixels: &[u8],
    rings: &[[usize; 4]],
    scale: f32,
    out: &mut Vec<Read>,
    failed: &mut Vec<[u32; 4]>,
    budget: &mut Budget,
) {
    let covered = |p: &Pattern, out: &[Read]| out.iter().any(|(_, _, b)| inside(b, p.x, p.y));
    let open: Vec<Pattern> = patterns(rings, scale)
        .into_iter()
        .filter(|p| !covered(p, out))
        .collect();
    let (trios, rest) = trio_windows(&open, width, height);
    let searches = WindowSearch {
        width,
        height,
        pixels,
    };
    searches.run(trios, out, failed, budget);
    // Patterns left over that no code read since holds: one or two corners of a code
    // whose other corners are damaged.
    let lone: Vec<[usize; 4]> = rest
        .iter()
        .filter(|p| !covered(p, out))
        .filter_map(|p| lone_window(*p, width, height))
        .collect();
    searches.run(lone, out, failed, budget);
}

/// The image the windows are cut from.
struct WindowSearch<'a> {
    width: usize,
    height: usize,
    pixels: &'a [u8],
}

impl WindowSearch<'_> {
    /// Searches `windows` (at most [`MAX_WINDOWS`] and what the budget admits).
    fn run(
        &self,
        mut windows: Vec<[usize; 4]>,
        out: &mut Vec<Read>,
        failed: &mut Vec<[u32; 4]>,
        budget: &mut Budget,
    ) {
        windows.truncate(MAX_WINDOWS);
        let jobs: Vec<([usize; 4], Budget)> = windows
            .into_iter()
            .filter(|w| w[2] <= self.width && w[3] <= self.height)
            .filter_map(|win| {
                let cost = window_cost((win[2] - win[0]) * (win[3] - win[1]));
                if budget.reserve(cost) {
                    Some((win, Budget::with_limit(cost)))
                } else {
                    budget.skipped += 1;
                    None
                }
            })
            .collect();
        let results = run_all(jobs, |(win, mut b)| {
            let found = search_window(self.width, self.pixels, win, &mut b);
            (found, b.unspent())
        });
        for (found, refund) in results {
            budget.refund(refund);
            budget.skipped += found.skipped;
            failed.extend(found.failed);
            for read in found.reads {
                if !out.iter().any(|(b, ..)| **b == *read.0) {
                    out.push(read);
                }
            }
        }
    }
}

/// Runs `f` on every job, on all cores where threads exist, returning the results in the
/// jobs' order.
#[cfg(not(target_arch = "wasm32"))]
fn run_all<J: Send, R: Send>(jobs: Vec<J>, f: impl Fn(J) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 || jobs.len() < 2 {
        return jobs.into_iter().map(f).collect();
    }
    let n = jobs.len();
    let mut slots: Vec<Option<R>> = (0..n).map(|_| None).collect();
    let queue = std::sync::Mutex::new(jobs.into_iter().enumerate().collect::<Vec<_>>().into_iter());
    let done = std::sync::Mutex::new(&mut slots);
    let work = || loop {
        let next = queue.lock().map(|mut q| q.next()).ok().flatten();
        let Some((i, job)) = next else { break };
        let r = f(job);
        if let Ok(mut d) = done.lock() {
            d[i] = Some(r);
        }
    };
    std::thread::scope(|s| {
        let mut spawned = 0;
        for _ in 0..threads.min(n) {
            // A stack of a set size (not whatever RUST_MIN_STACK says), with room for the
            // wipe at the end.
            let worker = std::thread::Builder::new()
                .stack_size(SEARCH_THREAD_STACK)
                .spawn_scoped(s, || {
                    work();
                    crate::secret::wipe_stack();
                });
            spawned += usize::from(worker.is_ok());
        }
        // No thread could be started: the jobs are done here.
        if spawned == 0 {
            work();
        }
    });
    slots.into_iter().flatten().collect()
}

/// The stack of a search thread: a window's search and the wipe of
/// [`crate::secret::STACK_WIPE_BYTES`] after it.
#[cfg(not(target_arch = "wasm32"))]
const SEARCH_THREAD_STACK: usize = 4 << 20;

/// Runs `f` on every job in order (no threads on wasm32).
#[cfg(target_arch = "wasm32")]
fn run_all<J, R>(jobs: Vec<J>, f: impl Fn(J) -> R) -> Vec<R> {
    jobs.into_iter().map(f).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_corners_of_a_code_make_one_window_and_a_stray_pattern_its_own() {
        let p = |x: f32, y: f32| Pattern { x, y, side: 28.0 };
        // A code of 29 modules at 4 pixels (rings 28 pixels, centres 88 pixels apart),
        // with its corner at (100, 100), and a stray pattern far off.
        let found = [
            p(188.0, 100.0),
            p(100.0, 100.0),
            p(100.0, 188.0),
            p(900.0, 900.0),
        ];
        let (w, rest) = trio_windows(&found, 1200, 1200);
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(rest.len(), 1);
        let lone = lone_window(rest[0], 1200, 1200).unwrap();
        let m = 28.0 * 1.3;
        assert_eq!(
            w[0],
            [
                (100.0 - m) as usize,
                (100.0 - m) as usize,
                (188.0 + m) as usize,
                (188.0 + m) as usize
            ]
        );
        assert!(lone[0] < 900 && lone[2] > 900 && lone[1] < 900 && lone[3] > 900);
        // Three in a line are no code.
        let line = [p(100.0, 100.0), p(188.0, 100.0), p(276.0, 100.0)];
        let (w, rest) = trio_windows(&line, 1200, 1200);
        assert!(w.is_empty());
        assert_eq!(rest.len(), 3);
    }

    #[test]
    fn results_come_in_the_jobs_order() {
        let r = run_all((0..50).collect(), |i: u32| i * 2);
        assert_eq!(r, (0..50).map(|i| i * 2).collect::<Vec<_>>());
    }
}
