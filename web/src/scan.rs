//! Scanning share cards in the page: photos chosen from disk (several cards a photo) and
//! frames of the camera, read by the library's scanner (feature `scan`). The share words
//! found go into the Shares box, each share once; the sentences are the library's, as
//! `combine --scan` prints them.
//!
//! The browser decodes the pictures (PNG, JPEG) into pixels, as it draws them anyway: the
//! library's own image decoders would add about 0.5 MB to the page. Only
//! [`seedshard::qr::scan_grey`] runs here, on the grey of those pixels.

use seedshard::describe::scan::{nothing_read, scan_error_hint, share_notes, Wanted};
use seedshard::qr::{scan_grey, ScanError, ScanReport, MAX_SCAN_PIXELS};
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

/// Reads share cards from photos and camera frames, remembering the shares already added
/// so that a card held before the camera is added once.
#[wasm_bindgen]
pub struct Scanner {
    seen: Vec<Zeroizing<String>>,
}

impl Default for Scanner {
    fn default() -> Self {
        Self::new()
    }
}

#[wasm_bindgen]
impl Scanner {
    /// A scanner that has seen nothing.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Scanner {
        Scanner { seen: Vec::new() }
    }

    /// Forgets the shares seen (when the Shares box is emptied).
    pub fn forget(&mut self) {
        self.seen.clear();
    }

    /// Reads every share QR code in the photo named `name`, decoded by the browser into
    /// `rgba` (`width` x `height`, 4 bytes a pixel, as a canvas gives it). Returns a JSON
    /// `ScanView`.
    pub fn photo(&mut self, name: &str, width: usize, height: usize, rgba: &[u8]) -> String {
        crate::wiped(|| match grey(width, height, rgba) {
            Ok(grey) => {
                let report = scan_grey(width, height, &grey);
                json(&self.view(name, report, true))
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
    pub fn frame(&mut self, width: usize, height: usize, rgba: &[u8]) -> String {
        crate::wiped(|| match grey(width, height, rgba) {
            Ok(grey) => {
                let report = scan_grey(width, height, &grey);
                json(&self.view("the camera", report, false))
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

impl Scanner {
    /// What picture `name` gave, worded by the library as `combine --scan` words it. A camera
    /// frame (`photo` false) says something only when it adds a share, and a frame without
    /// one is no problem.
    fn view(&mut self, name: &str, report: ScanReport, photo: bool) -> ScanView {
        let read = report.into_shares();
        let mut shares = Vec::new();
        let mut repeated = 0;
        for (_, share) in &read.shares {
            let words = share.to_words();
            if self.seen.iter().any(|s| s.as_str() == words.as_str()) {
                repeated += 1;
            } else {
                shares.push(words.to_string());
                self.seen.push(words);
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
}
