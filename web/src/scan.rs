//! Scanning share cards in the page: photos chosen from disk (several cards a photo) and
//! frames of the camera, read by the library's scanner (feature `scan`). The share words
//! found go into the Shares box, each share once: a share already in the box (scanned or
//! typed, in any case or spacing) is not added again, and one whose line was deleted is added
//! again when its card is scanned. The module keeps no share between calls: the page hands
//! it the box's text with every picture. The sentences are the library's, as `combine --scan`
//! prints them.
//!
//! The browser decodes the pictures (PNG, JPEG) into pixels, as it draws them anyway: the
//! library's own image decoders would add about 0.5 MB to the page. Only
//! [`seedshard::qr::scan_grey`] runs here, on the grey of those pixels.

use seedshard::describe::scan::{nothing_read, scan_error_hint, share_notes, Wanted};
use seedshard::qr::{scan_grey, ScanError, ScanReport, MAX_SCAN_PIXELS};
use seedshard::slip39::text::share_texts;
use seedshard::Share;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

use crate::json;

/// What one photo or frame gave.
#[derive(Serialize)]
struct ScanView {
    /// Share lines not seen before, to add to the Shares box.
    shares: Vec<String>,
    /// Shares read that were already added.
    repeated: usize,
    /// What else was seen, one sentence each.
    notes: Vec<String>,
    /// Why nothing could be read, when nothing was.
    problem: Option<String>,
}

/// Reads share cards from photos and camera frames; a share already in the Shares box is
/// not added again, so that a card held before the camera is added once.
#[wasm_bindgen]
pub struct Scanner {}

impl Default for Scanner {
    fn default() -> Self {
        Self::new()
    }
}

#[wasm_bindgen]
impl Scanner {
    /// A scanner.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Scanner {
        Scanner {}
    }

    /// Reads every share QR code in the photo named `name`, decoded by the browser into
    /// `rgba` (`width` x `height`, 4 bytes a pixel, as a canvas gives it); `in_box` is the
    /// Shares box's text, whose shares are not added again. Returns a JSON `ScanView`.
    pub fn photo(
        &mut self,
        name: &str,
        width: usize,
        height: usize,
        rgba: &[u8],
        in_box: &str,
    ) -> String {
        crate::wiped(|| match grey(width, height, rgba) {
            Ok(grey) => {
                let report = scan_grey(width, height, &grey);
                json(&view(name, report, true, in_box))
            }
            Err(problem) => json(&ScanView::problem(format!("{name}: {problem}"))),
        })
    }

    /// True when a picture of `width` x `height` is larger than the scanner reads: the page
    /// then gives [`Scanner::photo`] no pixels, and it says so.
    pub fn too_large(width: usize, height: usize) -> bool {
        width.saturating_mul(height) as u64 > MAX_SCAN_PIXELS
    }

    /// Reads a camera frame (as [`Scanner::photo`]). Returns a JSON `ScanView`; a frame
    /// without a code is no problem.
    pub fn frame(&mut self, width: usize, height: usize, rgba: &[u8], in_box: &str) -> String {
        crate::wiped(|| match grey(width, height, rgba) {
            Ok(grey) => {
                let report = scan_grey(width, height, &grey);
                json(&view("the camera", report, false, in_box))
            }
            Err(problem) => json(&ScanView::problem(format!("the camera: {problem}"))),
        })
    }
}

impl ScanView {
    fn problem(problem: String) -> Self {
        ScanView {
            shares: Vec::new(),
            repeated: 0,
            notes: Vec::new(),
            problem: Some(problem),
        }
    }
}

/// The grey of `rgba` (ITU-R BT.601 luma, in integers), checked against the scanner's size
/// limit.
fn grey(width: usize, height: usize, rgba: &[u8]) -> Result<Zeroizing<Vec<u8>>, String> {
    let pixels = width.saturating_mul(height);
    if Scanner::too_large(width, height) {
        let side = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let e = ScanError::TooLarge {
            width: side(width),
            height: side(height),
        };
        return Err(format!("{e}; {}", scan_error_hint(&e)));
    }
    if pixels == 0 || rgba.len() < pixels.saturating_mul(4) {
        return Err("the picture is empty".to_string());
    }
    Ok(Zeroizing::new(
        rgba.chunks_exact(4)
            .take(pixels)
            .map(|p| {
                ((299 * u32::from(p[0]) + 587 * u32::from(p[1]) + 114 * u32::from(p[2])) / 1000)
                    as u8
            })
            .collect(),
    ))
}

/// The shares of the Shares box as it is (lines that are not whole shares left out).
fn shares_in(text: &str) -> Vec<Share> {
    share_texts(text)
        .iter()
        .filter_map(|t| Share::parse(t.words.as_str()).ok())
        .collect()
}

/// What picture `name` gave, worded by the library as `combine --scan` words it, with the
/// shares not in the box (`in_box`) yet. A camera frame (`photo` false) says something only
/// when it adds a share, and a frame without one is no problem.
fn view(name: &str, report: ScanReport, photo: bool, in_box: &str) -> ScanView {
    let read = report.into_shares();
    let mut known = shares_in(in_box);
    let mut shares = Vec::new();
    let mut repeated = 0;
    for (_, share) in &read.shares {
        if known.contains(share) {
            repeated += 1;
        } else {
            shares.push(share.to_words().to_string());
            known.push(share.clone());
        }
    }
    if !photo && shares.is_empty() {
        return ScanView {
            shares,
            repeated,
            notes: Vec::new(),
            problem: None,
        };
    }
    let notes = share_notes(name, &read, repeated);
    let problem = read.nothing.map(|nothing| {
        let (what, hint) = nothing_read(name, nothing, Wanted::Shares);
        format!("{what}; {hint}")
    });
    ScanView {
        shares,
        repeated,
        notes,
        problem,
    }
}
