//! Reading shares and SeedQR codes from photos and scans (`combine --scan`, `check --scan`,
//! `split --scan`): the file is read here; what the codes amount to, and what to say, comes
//! from the library ([`seedshard::qr::ScanReport`], [`seedshard::describe::scan`]).

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use seedshard::bip39::Bip39Phrase;
use seedshard::describe::scan::{self as describe, Wanted};
use seedshard::qr::{self, SeedQrError};
use zeroize::Zeroizing;

use crate::error::{CliError, CliResult};
use crate::io::{display_name, io_reason};
use seedshard::Share;

/// The largest image file read (64 MiB); its pixel count is checked from the header too.
const MAX_IMAGE_BYTES: u64 = 64 << 20;

/// Reads an image file (PNG or JPEG) into memory, refusing files over 64 MiB.
fn read_image(path: &Path) -> CliResult<Zeroizing<Vec<u8>>> {
    let name = display_name(path);
    if path.as_os_str() == "-" {
        return Err(CliError::input(
            "images cannot be read from standard input",
            "save the photo to a file and name the file",
        ));
    }
    let file = fs::File::open(path).map_err(|e| {
        CliError::input(
            format!("cannot open {name}: {}", io_reason(&e)),
            "check the file name and path",
        )
    })?;
    let meta = file.metadata().map_err(|e| {
        CliError::input(
            format!("cannot read {name}: {}", io_reason(&e)),
            "check the file",
        )
    })?;
    if meta.is_dir() {
        return Err(CliError::input(
            format!("{name} is a directory"),
            "name a PNG or JPEG image file",
        ));
    }
    if meta.len() > MAX_IMAGE_BYTES {
        return Err(CliError::input(
            format!("{name} is larger than 64 MiB, too large for a photo of a card"),
            "export the photo as a JPEG of normal size and try again",
        ));
    }
    let mut buf = Zeroizing::new(Vec::with_capacity(meta.len() as usize));
    file.take(MAX_IMAGE_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|e| {
            CliError::input(
                format!("cannot read {name}: {}", io_reason(&e)),
                "check the file",
            )
        })?;
    Ok(buf)
}

/// Scans an image, checking it can be read.
fn scan(path: &Path) -> CliResult<qr::ScanReport> {
    let bytes = read_image(path)?;
    qr::scan_image(&bytes).map_err(|e| {
        CliError::input(
            format!("{}: {e}", display_name(path)),
            describe::scan_error_hint(&e),
        )
    })
}

/// Reads the shares in the QR codes of each image (`combine --scan`), each with where it was
/// read ("card.jpg QR code 2"). QR codes that are not shares are noted on standard error and
/// skipped; an image without any share is an error.
pub fn scan_shares(paths: &[PathBuf]) -> CliResult<Vec<(Share, String)>> {
    // Every image holds a share or is refused, so more images than shares one command takes
    // are refused before any is read.
    if paths.len() > seedshard::slip39::recovery::limits::MAX_SHARES {
        return Err(CliError::input(
            format!(
                "{} images were given to scan; one command takes at most {} shares",
                paths.len(),
                seedshard::slip39::recovery::limits::MAX_SHARES
            ),
            "scan the cards of the set to recover",
        ));
    }
    let mut out = Vec::new();
    let mut err = std::io::stderr().lock();
    for path in paths {
        let name = display_name(path);
        let progress =
            crate::progress::Progress::start(seedshard::describe::dialogue::scanning(&name));
        let report = scan(path);
        drop(progress);
        let read = report?.into_shares();
        for note in describe::share_notes(&name, &read, 0) {
            let _ = writeln!(err, "note: {note}");
        }
        if let Some(nothing) = read.nothing {
            let (what, hint) = describe::nothing_read(&name, nothing, Wanted::Shares);
            return Err(CliError::input(what, hint));
        }
        out.extend(
            read.shares
                .into_iter()
                .map(|(k, share)| (share, format!("{name} QR code {k}"))),
        );
    }
    Ok(out)
}

/// Reads the BIP-39 phrase of the one SeedQR in an image (`split --scan`).
pub fn scan_seedqr(path: &Path) -> CliResult<Bip39Phrase> {
    let name = display_name(path);
    scan(path)?.seedqr_phrase().map_err(|e| match e {
        SeedQrError::Phrase(e) => crate::bridge::phrase_error(&format!("the SeedQR in {name}"), &e),
        e => {
            let (what, hint) = describe::seedqr_error(&name, &e);
            CliError::input(what, hint)
        }
    })
}
