//! `seedshard page`: write the offline page, seedshard.html, built into this program.
//!
//! The page is `web/dist/seedshard.html`, built by `web/build.sh` from the same library and
//! committed; CI builds it again and fails if the bytes differ, so the page here is the one
//! the source makes.

use std::io::Write;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::cli::PageArgs;
use crate::error::{CliError, CliResult};
use crate::io;

/// The page, as built by `web/build.sh`.
pub const PAGE: &[u8] = include_bytes!("../../../../web/dist/seedshard.html");

/// The page's file name.
pub const FILE_NAME: &str = "seedshard.html";

/// The page's SHA-256, in lowercase hex.
pub fn sha256_hex() -> String {
    seedshard::hex::encode(&Sha256::digest(PAGE)).to_string()
}

/// Writes seedshard.html into `--out DIR` and prints `SHA256  PATH` (as `sha256sum` does).
pub fn run(args: &PageArgs) -> CliResult {
    let dir = &args.out;
    io::create_out_dir(dir)?;
    let path = dir.join(FILE_NAME);
    write_page(&path, args.force)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}  {}", sha256_hex(), io::display_name(&path)).map_err(crate::write_error)?;
    eprintln!(
        "note: keep {FILE_NAME} beside the share cards (a USB stick, a printed copy of this hash); \
         it recovers the wallet in a web browser, offline, on any computer"
    );
    Ok(())
}

/// The page holds no secret: a plain file (0644 by the usual umask), replaced only with
/// `--force`, all or nothing.
fn write_page(path: &Path, force: bool) -> CliResult {
    let fail = |e: std::io::Error, hint: &str| {
        CliError::input(
            format!(
                "cannot write {}: {}",
                io::display_name(path),
                io::io_reason(&e)
            ),
            hint,
        )
    };
    if !force && std::fs::symlink_metadata(path).is_ok() {
        return Err(CliError::input(
            format!("{} already exists", io::display_name(path)),
            "add --force to replace it, or give another directory with --out",
        ));
    }
    // With --force, written beside the target and renamed over it; without, created new (a
    // file that appeared meanwhile is never replaced). A failed write leaves no file behind.
    let target = if force {
        path.with_extension("html.part")
    } else {
        path.to_path_buf()
    };
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    let result = options
        .open(&target)
        .map_err(|e| (e, false))
        .and_then(|mut f| {
            f.write_all(PAGE)
                .and_then(|()| f.sync_all())
                .map_err(|e| (e, true))
        })
        .and_then(|()| {
            if force {
                std::fs::rename(&target, path).map_err(|e| (e, true))
            } else {
                Ok(())
            }
        });
    result.map_err(|(e, created)| {
        if created {
            let _ = std::fs::remove_file(&target);
        }
        let hint = if e.kind() == std::io::ErrorKind::AlreadyExists {
            "add --force to replace it, or give another directory with --out"
        } else {
            "give a directory you can write to with --out"
        };
        fail(e, hint)
    })
}
