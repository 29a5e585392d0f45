//! Image scanning on small images: `qr::scan_grey` on arbitrary grey pixels (up to 96 x 96)
//! and `qr::scan_image` on arbitrary file bytes (PNG/JPEG decoding, header checks) never
//! panic, and every share reported comes from a decoded payload.
#![no_main]

use libfuzzer_sys::fuzz_target;
use seedshard::qr::{scan_grey, scan_image};

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    if mode & 1 == 0 {
        let _ = scan_image(rest);
    } else if rest.len() >= 2 {
        let width = usize::from(rest[0] % 96) + 1;
        let pixels = &rest[1..];
        let height = (pixels.len() / width).min(96);
        if height > 0 {
            let report = scan_grey(width, height, &pixels[..width * height]);
            assert!(report.shares().count() <= report.found.len());
        }
    }
});
