//! `seedshard page`: the offline page written from the binary, its SHA-256 printed, an
//! existing file kept unless `--force`.

mod common;

use common::{run, stderr, stdout};
use sha2::{Digest, Sha256};

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn page_writes_the_built_page_and_prints_its_hash() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("stick");
    let o = run(&["page", "--out", out.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let path = out.join("seedshard.html");
    let written = std::fs::read(&path).unwrap();
    // The page built by web/build.sh and committed, byte for byte.
    let built = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/web/dist/seedshard.html"
    ))
    .unwrap();
    assert_eq!(written, built);
    let text = String::from_utf8(written.clone()).unwrap();
    assert!(
        text.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
    );
    assert_eq!(
        stdout(&o),
        format!("{}  {}\n", sha256_hex(&written), path.display())
    );
    assert!(stderr(&o).contains("keep seedshard.html beside the share cards"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode & 0o600, 0o600, "{mode:o}");
        assert_eq!(mode & 0o022, 0, "group or others may write it: {mode:o}");
    }
    assert!(
        std::fs::read_dir(&out).unwrap().count() == 1,
        "a file besides the page"
    );
}

#[test]
fn page_keeps_an_existing_file_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("seedshard.html");
    std::fs::write(&path, "mine").unwrap();
    let o = run(&["page", "--out", dir.path().to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
    assert!(stderr(&o).contains("hint: add --force"), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");

    let o = run(
        &["page", "--out", dir.path().to_str().unwrap(), "--force"],
        "",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let written = std::fs::read(&path).unwrap();
    assert!(written.starts_with(b"<!DOCTYPE html>"));
    assert!(stdout(&o).starts_with(&sha256_hex(&written)));
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["seedshard.html"], "a temporary file was left");
}

#[test]
fn page_reports_an_unwritable_directory() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, "x").unwrap();
    let o = run(&["page", "--out", file.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot create"), "{}", stderr(&o));
    assert!(stderr(&o).contains("hint: "), "{}", stderr(&o));
}
