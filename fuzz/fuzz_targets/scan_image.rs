//! Image scanning on small images: `qr::scan_grey` on arbitrary grey pixels (up to 96 x 96)
//! and on images tiled with QR finder patterns (the pictures built to keep a QR finder busy),
//! and `qr::scan_image` on arbitrary file bytes (PNG/JPEG decoding, header checks). Never
//! panics; every share reported comes from a decoded payload; an image with more finder
//! patterns than one search takes is not searched in full and says so.
#![no_main]

use libfuzzer_sys::fuzz_target;
use seedshard::qr::{scan_grey, scan_image, MAX_FINDERS_PER_PASS};

/// A `side` x `side` image with a finder pattern (7 x 7 modules: dark ring, light ring,
/// dark 3 x 3 centre) every `period` modules of `module` pixels, some pixels changed by
/// `noise`; returns it with the number of whole patterns drawn.
fn finder_tiles(side: usize, module: usize, period: usize, noise: &[u8]) -> (Vec<u8>, usize) {
    let mut px = vec![255u8; side * side];
    let cell = module * period;
    let mut whole = 0;
    for cy in (0..side).step_by(cell) {
        for cx in (0..side).step_by(cell) {
            if cx + 7 * module <= side && cy + 7 * module <= side {
                whole += 1;
            }
            for y in cy..(cy + 7 * module).min(side) {
                for x in cx..(cx + 7 * module).min(side) {
                    let (mx, my) = ((x - cx) / module, (y - cy) / module);
                    let ring = mx == 0 || mx == 6 || my == 0 || my == 6;
                    let stone = (2..=4).contains(&mx) && (2..=4).contains(&my);
                    if ring || stone {
                        px[y * side + x] = 0;
                    }
                }
            }
        }
    }
    for pair in noise.chunks_exact(2) {
        let at = (usize::from(pair[0]) * 97 + usize::from(pair[1]) * 31) % px.len();
        px[at] = pair[1];
    }
    (px, whole)
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    match mode % 4 {
        0 | 2 => {
            let _ = scan_image(rest);
        }
        1 if rest.len() >= 2 => {
            let width = usize::from(rest[0] % 96) + 1;
            let pixels = &rest[1..];
            let height = (pixels.len() / width).min(96);
            if height > 0 {
                let report = scan_grey(width, height, &pixels[..width * height]);
                assert!(report.shares().count() <= report.found.len());
            }
        }
        3 if rest.len() >= 3 => {
            let side = 32 + usize::from(rest[0] % 65);
            let module = 1 + usize::from(rest[1] % 3);
            let period = 8 + usize::from(rest[2] % 8);
            let noise = &rest[3..rest.len().min(3 + 64)];
            let (px, whole) = finder_tiles(side, module, period, noise);
            let report = scan_grey(side, side, &px);
            assert!(report.shares().count() <= report.found.len());
            if noise.is_empty() && whole > MAX_FINDERS_PER_PASS {
                assert!(
                    report.skipped_searches > 0,
                    "{whole} finder patterns searched in full"
                );
            }
        }
        _ => {}
    }
});
