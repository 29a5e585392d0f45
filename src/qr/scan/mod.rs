//! Reading QR codes from photos and scans (feature `scan`): the strategy of searches for one
//! image, and what it reports. See `docs/scanning.md`.

mod budget;
mod pass;
mod pixels;
mod windows;

use core::fmt;
use std::io::Cursor;

use zeroize::Zeroizing;

use super::payload::{classify, Decoded};
use crate::Share;
pub use budget::MAX_FINDERS_PER_PASS;
use budget::{Budget, MAX_IMAGE_WORK};
use pass::{inside, scan_pass, scan_tiles, Read, Tiles};
use pixels::{
    blank, downscale, local_threshold, median3, sharpened, unsharp, upscaled, MAX_UPSCALED_PIXELS,
};

/// The largest image [`scan_image`] accepts, in pixels (40 megapixels: more than any phone
/// camera of today; a larger image is refused before its pixels are decoded).
pub const MAX_SCAN_PIXELS: u64 = 40_000_000;

/// Why an image could not be scanned.
#[derive(Debug)]
#[non_exhaustive]
pub enum ScanError {
    /// Not a PNG or JPEG file.
    UnsupportedFormat,
    /// Larger than [`MAX_SCAN_PIXELS`].
    TooLarge {
        /// Width in pixels, from the header.
        width: u32,
        /// Height in pixels, from the header.
        height: u32,
    },
    /// The file ends before the image does.
    Truncated,
    /// The file is damaged or not what its header says.
    Corrupt(image::ImageError),
    /// Reading the file failed.
    Io(std::io::Error),
}

impl fmt::Display for ScanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScanError::UnsupportedFormat => f.write_str("not a PNG or JPEG image"),
            ScanError::TooLarge { width, height } => write!(
                f,
                "image of {width}x{height} pixels is larger than the limit of {} megapixels",
                MAX_SCAN_PIXELS / 1_000_000
            ),
            ScanError::Truncated => f.write_str("the image file is cut short (truncated)"),
            ScanError::Corrupt(_) => f.write_str("the image file is damaged"),
            ScanError::Io(_) => f.write_str("could not read the image"),
        }
    }
}

impl std::error::Error for ScanError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ScanError::Corrupt(e) => Some(e),
            ScanError::Io(e) => Some(e),
            _ => None,
        }
    }
}

/// One QR code found in an image.
#[derive(Debug)]
#[non_exhaustive]
pub struct Found {
    /// What it holds.
    pub decoded: Decoded,
    /// Where its centre is, in pixels from the top left of the image.
    pub center: (u32, u32),
}

/// Everything [`scan_image`] found in one image.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct ScanReport {
    /// The QR codes read, each once, from top to bottom and left to right.
    pub found: Vec<Found>,
    /// QR codes located but not readable (blurred, cut off or damaged).
    pub unreadable: usize,
    /// Searches left out because the image holds more finder-like patterns (the three
    /// squares in the corners of a QR code) than a picture of cards has, or because the work
    /// budget for one image ran out: see [`MAX_FINDERS_PER_PASS`]. When nothing was read and
    /// this is not zero, the image was not fully searched.
    pub skipped_searches: usize,
    /// The most finder-like patterns (the squares in three corners of a QR code) one search
    /// saw: about three for each code in the picture. Many more than three for each code
    /// read means codes were seen that were not even located (or the picture has other
    /// such squares); the searches go on until the budget ends while that is so.
    pub finder_patterns: usize,
}

impl ScanReport {
    /// The shares found, in order.
    pub fn shares(&self) -> impl Iterator<Item = &Share> {
        self.found.iter().filter_map(|f| match &f.decoded {
            Decoded::Share { share, .. } => Some(share),
            _ => None,
        })
    }
}

/// Reads the dimensions of a PNG or JPEG from its header, without decoding pixels.
///
/// # Errors
///
/// [`ScanError::UnsupportedFormat`] for other files, [`ScanError::Truncated`] or
/// [`ScanError::Corrupt`] for a damaged header.
pub fn image_dimensions(bytes: &[u8]) -> Result<(u32, u32), ScanError> {
    let reader = reader_for(bytes)?;
    reader.into_dimensions().map_err(image_error)
}

fn reader_for(bytes: &[u8]) -> Result<image::ImageReader<Cursor<&[u8]>>, ScanError> {
    let reader = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(ScanError::Io)?;
    match reader.format() {
        Some(image::ImageFormat::Png) | Some(image::ImageFormat::Jpeg) => Ok(reader),
        _ => Err(ScanError::UnsupportedFormat),
    }
}

fn image_error(e: image::ImageError) -> ScanError {
    match &e {
        image::ImageError::IoError(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            ScanError::Truncated
        }
        image::ImageError::Decoding(_) => {
            let msg = e.to_string().to_ascii_lowercase();
            if msg.contains("eof") || msg.contains("end of") || msg.contains("truncat") {
                ScanError::Truncated
            } else {
                ScanError::Corrupt(e)
            }
        }
        _ => ScanError::Corrupt(e),
    }
}

/// Finds and reads every QR code in a PNG or JPEG file's bytes.
///
/// The dimensions are checked against [`MAX_SCAN_PIXELS`] from the header before any pixel
/// is decoded. The image is searched at full size and, when that does not read everything,
/// again at half and quarter size (which helps with blurred and noisy photos).
///
/// # Errors
///
/// [`ScanError`] when the file is not a readable PNG or JPEG within the size limit. An image
/// without any QR code is not an error: the report is empty.
pub fn scan_image(bytes: &[u8]) -> Result<ScanReport, ScanError> {
    let reader = reader_for(bytes)?;
    let jpeg = reader.format() == Some(image::ImageFormat::Jpeg);
    let (width, height) = reader.into_dimensions().map_err(image_error)?;
    if u64::from(width) * u64::from(height) > MAX_SCAN_PIXELS {
        return Err(ScanError::TooLarge { width, height });
    }
    // A JPEG decoder fills a cut-off image with grey instead of failing, so check for the
    // end-of-image marker (FF D9, ITU T.81 B.2.1) near the end of the file.
    if jpeg {
        let tail = &bytes[bytes.len().saturating_sub(4096)..];
        if !tail.windows(2).any(|w| w == [0xFF, 0xD9]) {
            return Err(ScanError::Truncated);
        }
    }
    let mut reader = reader_for(bytes)?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(width);
    limits.max_image_height = Some(height);
    reader.limits(limits);
    let image = reader.decode().map_err(image_error)?;
    let grey = image.into_luma8();
    let (w, h) = grey.dimensions();
    let mut raw = Zeroizing::new(grey.into_raw());
    let report = scan_grey(w as usize, h as usize, &raw);
    zeroize::Zeroize::zeroize(&mut *raw);
    Ok(report)
}

/// The largest side, in pixels, of the copy [`scan_grey`] searches first.
const WORKING_SIDE: usize = 2600;

/// The size of a copy searched: the image shrunk `n` times (1: as it is), or enlarged twice.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Size {
    Down(usize),
    Up,
}

/// The tones of a copy searched.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tone {
    /// As photographed (the QR finder makes it black and white against a row's average).
    Plain,
    /// Mid-tones darkened, for blurred photos.
    Darker,
    /// Black and white against each pixel's neighbourhood, for faded print, uneven light
    /// and stains.
    Local,
    /// Each pixel the median of its 3 x 3 neighbourhood, for dust and toner specks.
    Median,
    /// Edges brought back (an unsharp mask), for defocused and shaken photos.
    Unsharp,
}

/// What all searches of one image share: the payloads read, the codes located but not
/// read, and the work budget.
struct Scan {
    payloads: Vec<Read>,
    failed: Vec<[u32; 4]>,
    budget: Budget,
    /// The finder-like patterns (rings' bounding boxes in image pixels) of the search that
    /// saw the most.
    seen: Vec<[u32; 4]>,
}

impl Scan {
    /// Whether every code the searches saw is read: something read, no located code left
    /// unread, and a code read for every three finder-like patterns one search saw (none
    /// spare: a code missed behind a crease, a shadow or a stain often leaves only one or two
    /// of its three patterns, and a spare of two ended the searches before the copy in black
    /// and white against the neighbourhood read it).
    fn complete(&self) -> bool {
        !self.payloads.is_empty()
            && unresolved(&self.failed, &self.payloads) == 0
            && (self.payloads.len() * 3 >= self.budget.finders || self.all_seen_read())
    }

    /// Whether every finder-like pattern of the search that saw the most lies in a code
    /// read (a page whose codes are all read can hold a pattern-like ring inside a code).
    fn all_seen_read(&self) -> bool {
        self.seen.len() >= self.budget.finders
            && self.seen.iter().all(|r| {
                let (x, y) = ((r[0] + r[2]) / 2, (r[1] + r[3]) / 2);
                self.payloads
                    .iter()
                    .any(|(_, _, b)| inside(b, x as f32, y as f32))
            })
    }

    /// Counts the finder-like patterns on the image shrunk `pre` times and searches windows
    /// of the image around them.
    fn windows(&mut self, width: usize, height: usize, pixels: &[u8], pre: usize) {
        let (pw, ph) = (width / pre, height / pre);
        if pw < 21 || ph < 21 {
            return;
        }
        let copy;
        let px: &[u8] = if pre > 1 {
            copy = downscale(width, height, pixels, pre);
            &copy
        } else {
            &pixels[..width * height]
        };
        if !self.budget.count(pw, ph, px) {
            return;
        }
        let rings = std::mem::take(&mut self.budget.patterns);
        let map = |v: usize| (v * pre) as u32;
        let seen: Vec<[u32; 4]> = rings
            .iter()
            .map(|r| [map(r[0]), map(r[1]), map(r[2] + 1), map(r[3] + 1)])
            .collect();
        self.saw(&seen);
        windows::search_around(
            width,
            height,
            pixels,
            &rings,
            pre as f32,
            &mut self.payloads,
            &mut self.failed,
            &mut self.budget,
        );
    }

    /// Keeps the patterns of a search when it saw the most so far.
    fn saw(&mut self, patterns: &[[u32; 4]]) {
        if patterns.len() > self.seen.len() {
            self.seen = patterns.to_vec();
        }
    }

    /// Searches one copy (`scale` maps its pixels back to the image's); then, while that
    /// finds more, blanks out the codes read and looks again (finder patterns of several
    /// codes, a page of cards, can be grouped wrongly, losing codes without a trace); then,
    /// when located codes stay unread, searches windows of about one code each.
    fn search(&mut self, w: usize, h: usize, scale: f32, px: &[u8]) {
        let mut pass = scan_pass(
            w,
            h,
            scale,
            (0, 0),
            px,
            &mut self.payloads,
            &mut self.failed,
            &mut self.budget,
        );
        self.saw(&pass.patterns);
        let mut masked: Option<Zeroizing<Vec<u8>>> = None;
        for _ in 0..4 {
            if pass.decoded.is_empty() || self.complete() {
                break;
            }
            let mut img = masked
                .take()
                .unwrap_or_else(|| Zeroizing::new(px[..w * h].to_vec()));
            for b in &pass.decoded {
                blank(&mut img, w, h, b);
            }
            let before = self.payloads.len();
            pass = scan_pass(
                w,
                h,
                scale,
                (0, 0),
                &img,
                &mut self.payloads,
                &mut self.failed,
                &mut self.budget,
            );
            masked = Some(img);
            if self.payloads.len() == before {
                break;
            }
        }
        if pass.failed > 0 && !self.complete() {
            // Windows three times a code's size hold about one code each.
            if let Some(side) = pass.decoded_side.or(pass.failed_side) {
                if side >= 21 {
                    let img = masked.as_deref().map_or(px, |m| &m[..]);
                    let tiles = Tiles {
                        width: w,
                        height: h,
                        pixels: img,
                        window: side * 3,
                        scale,
                    };
                    scan_tiles(
                        &tiles,
                        &mut self.payloads,
                        &mut self.failed,
                        &mut self.budget,
                    );
                }
            }
        }
    }
}

/// Finds and reads every QR code in an 8-bit grey image (`pixels` row by row, 0 black).
///
/// The searches, each only while codes seen stay unread and the work budget lasts: a copy
/// of at most 2,600 pixels a side; the same in black and white against each pixel's
/// neighbourhood (faded print, uneven light, stains); with each pixel the median of its
/// neighbours (dust and toner specks); with darker mid-tones (blur); with its edges brought
/// back by an unsharp mask (defocus, shake); the image at full size when the copy was
/// smaller; twice the size when the image is small (a code of a few pixels a module); half
/// and quarter size (noise).
///
/// # Panics
///
/// When `pixels` is shorter than `width * height`.
pub fn scan_grey(width: usize, height: usize, pixels: &[u8]) -> ScanReport {
    assert!(pixels.len() >= width * height, "pixel buffer too short");
    let mut scan = Scan {
        payloads: Vec::new(),
        failed: Vec::new(),
        budget: Budget::default(),
        seen: Vec::new(),
    };
    let first = width.max(height).div_ceil(WORKING_SIDE).max(1);
    // A photo larger than the working copy: first the finder-like patterns alone, counted on
    // the working copy, and windows of the image at full size around them (`windows.rs`): a
    // clean page is read there for a fraction of the work of a whole search.
    if first > 1 {
        scan.windows(width, height, pixels, first);
    }
    let mut attempts = vec![
        (Size::Down(first), Tone::Plain),
        (Size::Down(first), Tone::Local),
        (Size::Down(first), Tone::Median),
        (Size::Down(first), Tone::Darker),
        (Size::Down(first), Tone::Unsharp),
    ];
    if first > 1 {
        attempts.extend([(Size::Down(1), Tone::Plain), (Size::Down(1), Tone::Local)]);
    } else if width * height < MAX_UPSCALED_PIXELS / 4 {
        // Under 4 megapixels, as before: the enlarged copy has under 16, and its search
        // needs about 6 bytes a pixel (4 of them to count the finder patterns).
        attempts.extend([(Size::Up, Tone::Plain), (Size::Up, Tone::Local)]);
    }
    attempts.extend([
        (Size::Down(first * 2), Tone::Plain),
        (Size::Down(first * 2), Tone::Local),
        (Size::Down(first * 4), Tone::Plain),
    ]);
    // A picture of 2 megapixels or more (the budget holds only a few whole searches of it):
    // the windows right after the first search, while their own tones still fit the budget
    // (a speckled or stained picture's whole searches use it up).
    let windows_early = first == 1 && (width * height) as u64 * 32 > MAX_IMAGE_WORK;
    for (k, (size, tone)) in attempts.into_iter().enumerate() {
        // After the windows of a large photo, the patterns were counted on a shrunk copy,
        // which can miss the patterns of small codes: stop only when the count saw all three
        // corners of every code read.
        let trusted = first == 1 || scan.seen.len() >= 3 * scan.payloads.len();
        if k > 0 && scan.budget.exhausted() || (k > 0 || first > 1) && scan.complete() && trusted {
            break;
        }
        let (w, h, scale) = match size {
            Size::Down(n) => (width / n, height / n, n as f32),
            Size::Up => (width * 2, height * 2, 0.5),
        };
        if matches!(size, Size::Down(n) if n > first) && (w < 100 || h < 100) {
            continue;
        }
        if !scan.budget.fits(w * h) {
            // Not even a copy of this size could be searched: do not make one.
            scan.budget.skipped += 1;
            continue;
        }
        let resized;
        let base: &[u8] = match size {
            Size::Down(1) => &pixels[..width * height],
            Size::Down(n) => {
                resized = downscale(width, height, pixels, n);
                &resized
            }
            Size::Up => {
                resized = upscaled(width, height, pixels);
                &resized
            }
        };
        let toned;
        let px: &[u8] = match tone {
            Tone::Plain => base,
            Tone::Darker => {
                toned = sharpened(w, h, base);
                &toned
            }
            Tone::Local => {
                toned = local_threshold(w, h, base);
                &toned
            }
            Tone::Median => {
                toned = median3(w, h, base);
                &toned
            }
            Tone::Unsharp => {
                toned = unsharp(w, h, base);
                &toned
            }
        };
        scan.search(w, h, scale, px);
        if k == 0 && windows_early && !scan.complete() && !scan.budget.exhausted() {
            scan.windows(width, height, pixels, 1);
        }
    }
    // Otherwise the windows last, when codes seen stay unread, with the patterns counted on
    // the image at full size: on a small picture, counting alone can miss the patterns of a
    // code that a whole search still reads (the windows reading first ended the searches with
    // codes left unread); on a large one, the count on the shrunk copy missed small codes that
    // the full-size count sees.
    if !windows_early && !scan.complete() && !scan.budget.exhausted() {
        scan.windows(width, height, pixels, 1);
    }
    let Scan {
        mut payloads,
        failed,
        budget,
        ..
    } = scan;
    let unreadable = unresolved(&failed, &payloads);
    payloads.sort_by_key(|(_, (x, y), _)| (*y / 64, *x));
    let found = payloads
        .into_iter()
        .map(|(bytes, center, _)| Found {
            decoded: classify(&bytes),
            center,
        })
        .collect();
    ScanReport {
        found,
        unreadable,
        skipped_searches: budget.skipped,
        finder_patterns: budget.finders,
    }
}

/// The located codes (bounding boxes in image pixels) that no read code lies in, counting
/// boxes with nearby centres once.
fn unresolved(failed: &[[u32; 4]], read: &[Read]) -> usize {
    let mut open: Vec<[u32; 4]> = Vec::new();
    for b in failed {
        let covered = read
            .iter()
            .any(|(_, (x, y), _)| inside(b, *x as f32, *y as f32));
        if covered {
            continue;
        }
        let (cx, cy) = ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2);
        let half = (b[2] - b[0]).max(b[3] - b[1]) / 2;
        let seen = open.iter().any(|o| {
            let (ox, oy) = ((o[0] + o[2]) / 2, (o[1] + o[3]) / 2);
            ox.abs_diff(cx) <= half && oy.abs_diff(cy) <= half
        });
        if !seen {
            open.push(*b);
        }
    }
    open.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::qr::{PayloadFormat, QrSymbol};

    use crate::qr::TEST_SHARE as SHARE;

    #[test]
    fn drawn_symbol_scans_back() {
        let share = Share::parse(SHARE).unwrap();
        for format in [PayloadFormat::ShareQr, PayloadFormat::Text] {
            let symbol = QrSymbol::for_share(&share, format).unwrap();
            let (side, px) = symbol.to_grey_pixels(4);
            let report = scan_grey(side, side, &px);
            assert_eq!(report.found.len(), 1);
            assert_eq!(report.shares().next(), Some(&share));
        }
    }

    #[test]
    fn a_faded_code_reads_through_the_local_threshold() {
        // Dark grey on light grey: 200 against 240, darker than rqrr's threshold allows
        // (47.5% of the running average), and on an uneven background.
        let share = Share::parse(SHARE).unwrap();
        let symbol = QrSymbol::for_share(&share, PayloadFormat::ShareQr).unwrap();
        let (side, px) = symbol.to_grey_pixels(4);
        let faded: Vec<u8> = px
            .iter()
            .enumerate()
            .map(|(i, &v)| {
                let light = (i % side) as u32 * 30 / side as u32;
                (if v == 0 { 200 } else { 240 }) - light as u8
            })
            .collect();
        let report = scan_grey(side, side, &faded);
        assert_eq!(report.shares().next(), Some(&share));
        let binary = local_threshold(side, side, &faded);
        assert!(binary.iter().all(|&v| v == 0 || v == 255));
    }

    #[test]
    fn the_unsharp_copy_brings_a_blurred_edge_back() {
        // A blurred edge from light (200) to dark (60) across columns 8 to 15; flat areas
        // stay as they are, and each side of the edge moves away from the other.
        let (w, h) = (24, 9);
        let row: Vec<u8> = (0..w)
            .map(|x| match x {
                0..=7 => 200,
                8..=15 => (200 - (x - 7) * 140 / 9) as u8,
                _ => 60,
            })
            .collect();
        let px: Vec<u8> = (0..h).flat_map(|_| row.iter().copied()).collect();
        let u = unsharp(w, h, &px);
        let at = |x: usize| u[4 * w + x];
        assert_eq!(at(0), 200, "flat light area changed");
        assert_eq!(at(w - 1), 60, "flat dark area changed");
        assert!(at(7) > 200, "light side of the edge not lighter: {}", at(7));
        assert!(at(16) < 60, "dark side of the edge not darker: {}", at(16));
    }

    #[test]
    fn the_median_copy_drops_specks_and_keeps_modules() {
        // White with single black specks and one black square of 3 x 3 pixels.
        let (w, h) = (12, 9);
        let mut px = vec![255u8; w * h];
        for i in [13, 30, 95] {
            px[i] = 0;
        }
        for y in 4..7 {
            for x in 6..9 {
                px[y * w + x] = 0;
            }
        }
        let m = median3(w, h, &px);
        for i in [13, 30, 95] {
            assert_eq!(m[i], 255, "speck at {i} left");
        }
        assert_eq!(m[5 * w + 7], 0, "the square's middle is gone");
        assert_eq!(m[4 * w + 7], 0, "the square's edge is gone");
    }
}
