//! The bounds on the work one image may cost: counting finder-like patterns before a search,
//! and the budget of all searches.

/// The most finder-like patterns (runs of dark, light, dark, light, dark in the proportions
/// 1:1:3:1:1 across a row, as through the middle of the three squares in the corners of a QR
/// code) one search hands to the QR finder. The finder tries the patterns three at a time,
/// copying the whole image for every trio it tests, so its work grows with the cube of their
/// number: an image tiled with thousands of them kept it busy for minutes. A page of eight
/// cards has 24; a search that sees more than 32 is skipped.
pub const MAX_FINDERS_PER_PASS: usize = 32;

/// The work all searches of one image may cost together, in pixels searched, each pixel
/// weighted by 1 + n^3 / 16384 for n finder patterns: the finder may try up to about
/// n^3 / 27 trios, each copying the image (about 500 times cheaper a pixel than a search).
/// Counting the patterns is charged as half a search. Measured on one core
/// (`benches/hostile.rs`), a search costs about 60 ns a pixel, so 64 million is about 4 s:
/// one search of a 40-megapixel original, or two dozen searches of the working copy of a
/// photo, more than a readable photo needs. Every image is so decided within 5 s on one
/// core (`docs/performance.md`).
pub(super) const MAX_IMAGE_WORK: u64 = 64_000_000;

/// The searches of one image: the work spent so far and the searches left out.
pub(super) struct Budget {
    spent: u64,
    /// The work these searches may cost ([`MAX_IMAGE_WORK`] for a whole image).
    limit: u64,
    pub(super) skipped: usize,
    /// The most finder-like patterns one search admitted saw (about three a code).
    pub(super) finders: usize,
    /// Where the finder-like patterns of the last search admitted are: the bounding box
    /// (x0, y0, x1, y1, in that search's pixels) of each ring.
    pub(super) patterns: Vec<[usize; 4]>,
}

impl Default for Budget {
    fn default() -> Self {
        Self::with_limit(MAX_IMAGE_WORK)
    }
}

impl Budget {
    /// A budget of `limit` (a part of an image's, set aside with [`Budget::reserve`]).
    pub(super) fn with_limit(limit: u64) -> Self {
        Self {
            spent: 0,
            limit,
            skipped: 0,
            finders: 0,
            patterns: Vec::new(),
        }
    }

    /// Sets `work` aside (counted as spent) when it fits what is left.
    pub(super) fn reserve(&mut self, work: u64) -> bool {
        let ok = self.spent + work <= self.limit;
        if ok {
            self.spent += work;
        }
        ok
    }

    /// Gives back work set aside but not spent.
    pub(super) fn refund(&mut self, work: u64) {
        self.spent = self.spent.saturating_sub(work);
    }

    /// The work left.
    pub(super) fn unspent(&self) -> u64 {
        self.limit.saturating_sub(self.spent)
    }

    /// Counts the finder-like patterns of an image (into `finders`, the most one search saw,
    /// and `patterns`, where they are), charging half a search; whether there are no more
    /// than a search admits. Not done (false) when the count does not fit the budget.
    pub(super) fn count(&mut self, width: usize, height: usize, pixels: &[u8]) -> bool {
        match self.charge_count(width, height, pixels) {
            Some(finders) if finders <= MAX_FINDERS_PER_PASS => {
                self.finders = self.finders.max(finders);
                true
            }
            _ => {
                self.skipped += 1;
                false
            }
        }
    }

    /// Whether a search of this image may run, counting its work if so. Counting the
    /// patterns costs about half a search, charged either way; it is not done when the
    /// search could not fit the budget even without patterns.
    pub(super) fn admit(&mut self, width: usize, height: usize, pixels: &[u8]) -> bool {
        let px = (width * height) as u64;
        let Some(finders) = self.charge_count(width, height, pixels) else {
            self.skipped += 1;
            return false;
        };
        let work = px + px * (finders * finders * finders) as u64 / 16384;
        if finders > MAX_FINDERS_PER_PASS || self.spent + work > self.limit {
            self.skipped += 1;
            return false;
        }
        self.spent += work;
        self.finders = self.finders.max(finders);
        true
    }

    /// Counts the finder-like patterns of an image into `patterns` and charges half a search
    /// for it; `None` (nothing charged) when a search of the image could not fit the budget.
    fn charge_count(&mut self, width: usize, height: usize, pixels: &[u8]) -> Option<usize> {
        if !self.fits(width * height) {
            return None;
        }
        self.spent += (width * height) as u64 / 2;
        self.patterns.clear();
        Some(finder_like_patterns(
            width,
            height,
            pixels,
            MAX_FINDERS_PER_PASS,
            &mut self.patterns,
        ))
    }

    /// Whether a search of `pixels` pixels without finder patterns fits what is left.
    pub(super) fn fits(&self, pixels: usize) -> bool {
        self.spent + pixels as u64 * 3 / 2 <= self.limit
    }

    pub(super) fn exhausted(&self) -> bool {
        self.spent >= self.limit
    }
}

/// Counts the finder patterns the QR finder (`rqrr`) would take, up to `stop_after` + 1, as
/// it finds them: the image made black and white as it does it (a pixel is dark below 47.5%
/// of a running average over an eighth of the width); in each row, runs of dark, light, dark,
/// light, dark in the proportions 1:1:3:1:1 whose outer runs belong to one region (the
/// ring) and whose middle run to another (the stone) of 10% to 70% of the ring's size; each
/// ring counted once. Regions are labelled as they are met (a flood fill), so this costs a
/// few looks at each pixel and 4 bytes of memory a pixel. The bounding box of each ring
/// counted is added to `rings`.
pub(super) fn finder_like_patterns(
    width: usize,
    height: usize,
    pixels: &[u8],
    stop_after: usize,
    rings: &mut Vec<[usize; 4]>,
) -> usize {
    if width == 0 || height == 0 {
        return 0;
    }
    let s = (width / 8).max(1);
    // The finder's running average, a * (s - 1) / s + p = a - ceil(a / s) + p, with the
    // division done by a multiplication (this runs twice a pixel).
    let div = Divisor::new(s);
    let mut row_average = vec![0usize; width];
    let (mut avg_v, mut avg_u) = (0usize, 0usize);
    // Per pixel: DARK when dark, and the number of its region once labelled (0: not yet).
    const DARK: u32 = 1 << 31;
    let mut cells = vec![0u32; width * height];
    for y in 0..height {
        let row = &pixels[y * width..(y + 1) * width];
        row_average.fill(0);
        for x in 0..width {
            let (v, u) = if y % 2 == 0 {
                (width - 1 - x, x)
            } else {
                (x, width - 1 - x)
            };
            avg_v = avg_v - div.ceil(avg_v) + usize::from(row[v]);
            avg_u = avg_u - div.ceil(avg_u) + usize::from(row[u]);
            row_average[v] += avg_v;
            row_average[u] += avg_u;
        }
        // p < floor(a * 95 / (200 s)) exactly when (p + 1) * 200 s <= a * 95.
        for x in 0..width {
            if (usize::from(row[x]) + 1) * 200 * s <= row_average[x] * 95 {
                cells[y * width + x] = DARK;
            }
        }
    }
    let mut regions = Regions {
        width,
        height,
        cells,
        sizes: vec![0],
        boxes: vec![[0; 4]],
        claimed: vec![false],
        stack: Vec::new(),
    };
    let mut count = 0;
    for y in 0..height {
        let dark = |x: usize, r: &Regions| x < width && r.cells[y * width + x] & DARK != 0;
        let mut runs = [0usize; 5];
        let mut run = 1;
        let mut last = dark(0, &regions);
        let mut changes = 0;
        // One light pixel past the end closes a pattern at the edge.
        for x in 1..=width {
            let c = dark(x, &regions);
            if c == last {
                run += 1;
                continue;
            }
            last = c;
            runs.rotate_left(1);
            runs[4] = run;
            run = 1;
            changes += 1;
            if c || changes < 5 || !one_one_three_one_one(&runs) {
                continue;
            }
            let left = x - runs.iter().sum::<usize>();
            let stone = x - runs[2] - runs[3] - runs[4];
            let right = x - runs[4];
            let ring = regions.label(right, y);
            if regions.claimed[ring] || regions.label(left, y) != ring {
                continue;
            }
            let core = regions.label(stone, y);
            if core == ring || regions.claimed[core] {
                continue;
            }
            let ratio = regions.sizes[core] * 100 / regions.sizes[ring].max(1);
            if 10 < ratio && ratio < 70 {
                regions.claimed[ring] = true;
                rings.push(regions.boxes[ring]);
                count += 1;
                if count > stop_after {
                    return count;
                }
            }
        }
    }
    count
}

/// The regions (4-connected pixels of one colour) of a black and white image, labelled on
/// demand.
struct Regions {
    width: usize,
    height: usize,
    /// Per pixel: bit 31 dark, the rest the region's label (0: not labelled yet).
    cells: Vec<u32>,
    /// Pixels per label (label 0 unused).
    sizes: Vec<usize>,
    /// Bounding box (x0, y0, x1, y1, inclusive) per label.
    boxes: Vec<[usize; 4]>,
    /// Labels of rings already counted as a pattern.
    claimed: Vec<bool>,
    stack: Vec<(usize, usize)>,
}

impl Regions {
    const DARK: u32 = 1 << 31;

    /// The label of the region at (x, y), labelling the region first if it has none.
    fn label(&mut self, x: usize, y: usize) -> usize {
        let w = self.width;
        let at = self.cells[y * w + x];
        if at & !Self::DARK != 0 {
            return (at & !Self::DARK) as usize;
        }
        let colour = at & Self::DARK;
        let label = self.sizes.len() as u32;
        let mut size = 0;
        let mut bbox = [x, y, x, y];
        self.stack.clear();
        self.stack.push((x, y));
        while let Some((x, y)) = self.stack.pop() {
            let row = y * w;
            if self.cells[row + x] != colour {
                continue;
            }
            // Fill the span of this row, then look for unlabelled pixels above and below.
            let mut l = x;
            while l > 0 && self.cells[row + l - 1] == colour {
                l -= 1;
            }
            let mut r = x;
            while r + 1 < w && self.cells[row + r + 1] == colour {
                r += 1;
            }
            for c in &mut self.cells[row + l..=row + r] {
                *c = colour | label;
            }
            size += r - l + 1;
            bbox = [
                bbox[0].min(l),
                bbox[1].min(y),
                bbox[2].max(r),
                bbox[3].max(y),
            ];
            for ny in [y.wrapping_sub(1), y + 1] {
                if ny >= self.height {
                    continue;
                }
                let mut inside = false;
                for nx in l..=r {
                    let open = self.cells[ny * w + nx] == colour;
                    if open && !inside {
                        self.stack.push((nx, ny));
                    }
                    inside = open;
                }
            }
        }
        self.sizes.push(size);
        self.boxes.push(bbox);
        self.claimed.push(false);
        label as usize
    }
}

/// Exact division of running averages by a fixed `d`, by a multiplication and a correction.
pub(super) struct Divisor {
    d: usize,
    inverse: f64,
}

impl Divisor {
    pub(super) fn new(d: usize) -> Self {
        Self {
            d,
            inverse: 1.0 / d as f64,
        }
    }

    /// ceil(a / d). The estimate is within one of the quotient for the values seen here
    /// (a < 2^52); the corrections make it exact.
    pub(super) fn ceil(&self, a: usize) -> usize {
        let mut q = (a as f64 * self.inverse) as usize;
        while q * self.d > a {
            q -= 1;
        }
        while (q + 1) * self.d <= a {
            q += 1;
        }
        q + usize::from(q * self.d != a)
    }
}

/// Whether five run lengths are in the proportions 1:1:3:1:1, with the finder's tolerance
/// (each within three quarters of the mean of the four thin runs).
fn one_one_three_one_one(runs: &[usize; 5]) -> bool {
    const CHECK: [usize; 5] = [1, 1, 3, 1, 1];
    let avg = (runs[0] + runs[1] + runs[3] + runs[4]) / 4;
    let err = avg * 3 / 4;
    runs.iter()
        .zip(CHECK)
        .all(|(&r, c)| r >= c * avg - err && r <= c * avg + err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_running_average_divides_exactly() {
        for d in [1usize, 2, 3, 7, 12, 325, 5000, 4_999_999] {
            let div = Divisor::new(d);
            for a in (0..3000).chain([255 * d, 255 * d + 1, 255 * d * 2 - 1, (1 << 40) + 17]) {
                assert_eq!(div.ceil(a), a.div_ceil(d), "{a} / {d}");
            }
        }
    }

    #[test]
    fn finder_like_patterns_are_counted_once_each() {
        // A 3 x 2 grid of finder patterns, 4 pixels a module, 10 modules apart.
        let (w, h) = (130, 90);
        let mut px = vec![255u8; w * h];
        for (cx, cy) in [(0, 0), (40, 0), (80, 0), (0, 40), (40, 40), (80, 40)] {
            for y in 0..28 {
                for x in 0..28 {
                    let (mx, my) = (x / 4, y / 4);
                    let ring = mx == 0 || mx == 6 || my == 0 || my == 6;
                    let stone = (2..=4).contains(&mx) && (2..=4).contains(&my);
                    if ring || stone {
                        px[(cy + y) * w + cx + x] = 0;
                    }
                }
            }
        }
        let mut rings = Vec::new();
        assert_eq!(finder_like_patterns(w, h, &px, 100, &mut rings), 6);
        rings.sort();
        let expected: Vec<[usize; 4]> = [(0, 0), (0, 40), (40, 0), (40, 40), (80, 0), (80, 40)]
            .iter()
            .map(|&(x, y)| [x, y, x + 27, y + 27])
            .collect();
        assert_eq!(rings, expected, "the rings' bounding boxes");
        assert_eq!(
            finder_like_patterns(w, h, &px, 3, &mut Vec::new()),
            4,
            "stops past the limit"
        );
        assert_eq!(
            finder_like_patterns(w, h, &vec![255; w * h], 100, &mut Vec::new()),
            0
        );
    }
}
