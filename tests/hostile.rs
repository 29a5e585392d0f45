//! Hostile input against the `seedshard` binary: empty, huge, endless and binary input,
//! invalid UTF-8, ten thousand shares, megabyte-long lines, unwritable standard output, and
//! card output (`split --cards DIR`) over symlinks, into unwritable directories, and failing
//! half-way.
//!
//! Every case must be refused the same way: exit code 2, exactly one `error:` line and one
//! `hint:` line on standard error, no panic, nothing on standard output, nothing secret
//! echoed, no file left behind, and memory within a stated bound: each run is confined to
//! [`ADDRESS_SPACE_KIB`] of address space (`ulimit -v`), so reading a huge input whole would
//! abort instead of exiting 2. The input limit itself (1 MiB) is `MAX_INPUT_BYTES` in
//! `src/bin/seedshard/io.rs`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use seedshard::slip39::{rs1024, wordlist};
use seedshard::{IterationExponent, MasterSecret, Passphrase, Share, SplitPlan};

mod common;
use common::crc32;

/// The address-space bound each run gets: 64 MiB, below what reading a 100 MB input whole
/// would need, and several times what seedshard needs for its work on 1 MiB of input
/// (a normal run works under 16 MiB).
const ADDRESS_SPACE_KIB: u64 = 64 * 1024;

/// The input limit the CLI states (`MAX_INPUT_BYTES`).
const INPUT_LIMIT: usize = 1 << 20;

/// Runs `seedshard args` under the address-space bound, with `stdin` as standard input.
fn run(args: &[&str], stdin: Option<Vec<u8>>, dir: &Path) -> Output {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {ADDRESS_SPACE_KIB} && exec \"$0\" \"$@\""
        ))
        .arg(env!("CARGO_BIN_EXE_seedshard"))
        .args(args)
        .current_dir(dir)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("seedshard starts");
    let writer = stdin.map(|data| {
        let mut pipe = child.stdin.take().expect("piped stdin");
        // seedshard stops reading at its limit: a broken pipe here is the expected outcome.
        std::thread::spawn(move || {
            let _ = pipe.write_all(&data);
        })
    });
    let out = child.wait_with_output().expect("seedshard finishes");
    if let Some(w) = writer {
        w.join().expect("writer thread");
    }
    out
}

/// Asserts the refusal contract and returns the error line.
fn assert_refused(out: &Output, what: &str) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{what}: panic: {stderr}");
    assert_eq!(
        out.status.code(),
        Some(2),
        "{what}: exit status {:?}, stderr: {stderr}",
        out.status
    );
    assert!(
        out.stdout.is_empty(),
        "{what}: printed on stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines.len(),
        2,
        "{what}: expected an error and a hint line, got: {stderr}"
    );
    assert!(
        lines[0].starts_with("error: ") && lines[0].len() > 10,
        "{what}: {stderr}"
    );
    assert!(
        lines[1].starts_with("hint: ") && lines[1].len() > 10,
        "{what}: {stderr}"
    );
    assert!(
        stderr.len() < 1000,
        "{what}: {} bytes of messages",
        stderr.len()
    );
    lines[0].to_string()
}

/// Asserts that no run of three consecutive words of any of `shares` appears in `text`.
fn assert_no_share_words(text: &str, shares: &[String], what: &str) {
    let lower = text.to_lowercase();
    for share in shares {
        let words: Vec<&str> = share.split_whitespace().collect();
        for w in words.windows(3) {
            let run = w.join(" ");
            assert!(!lower.contains(&run), "{what}: share words printed: {text}");
        }
    }
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").path())
        .collect();
    v.sort();
    v
}

/// A real share set (2 of 3, 128 bits, exponent 0) as word strings.
fn real_shares() -> Vec<String> {
    let secret = MasterSecret::from_slice(&[0x5a; 16]).expect("secret");
    let plan = SplitPlan::single(2, 3)
        .expect("plan")
        .with_iteration_exponent(IterationExponent::new(0).expect("e"));
    let set = plan.split(&secret, &Passphrase::empty()).expect("split");
    set.shares().map(|s| s.to_words().to_string()).collect()
}

/// `base` with word `at` replaced by `value` (and identifier bits replaced when `identifier`
/// is given), its checksum made valid again. Written with 4-letter word beginnings.
fn variant(base: &Share, identifier: Option<u16>, at: Option<(usize, u16)>) -> String {
    let mut idx = base.to_indices().to_vec();
    if let Some(id) = identifier {
        // Identifier: the first 15 bits (SLIP-0039, "Format"): all of word 1, 5 bits of word 2.
        idx[0] = id >> 5;
        idx[1] = ((id & 0x1f) << 5) | (idx[1] & 0x1f);
    }
    if let Some((i, v)) = at {
        idx[i] = v;
    }
    let n = idx.len();
    let checksum = rs1024::create_checksum(&idx[..n - 3], base.extendable());
    idx[n - 3..].copy_from_slice(&checksum);
    Share::from_indices(&idx).expect("variant is a valid share");
    idx.iter()
        .map(|&i| &wordlist::word(i)[..4])
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn empty_input_is_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("empty.txt"), "").expect("write");
    std::fs::write(dir.path().join("blank.txt"), "\n\n   \n# only a comment\n").expect("write");
    assert_refused(
        &run(&["combine", "empty.txt"], None, dir.path()),
        "empty file",
    );
    assert_refused(
        &run(&["combine", "blank.txt"], None, dir.path()),
        "blank file",
    );
    assert_refused(
        &run(&["combine", "-"], Some(Vec::new()), dir.path()),
        "empty stdin",
    );
    assert_refused(
        &run(&["combine"], Some(Vec::new()), dir.path()),
        "empty default stdin",
    );
    assert_refused(
        &run(
            &["split", "--group", "2of3", "--secret-file", "empty.txt"],
            None,
            dir.path(),
        ),
        "empty secret file",
    );
}

#[test]
fn huge_file_is_refused_at_the_input_limit() {
    let dir = tempfile::tempdir().expect("tmp");
    // 100 MB, sparse: costs no disk.
    let big = std::fs::File::create(dir.path().join("big.txt")).expect("create");
    big.set_len(100_000_000).expect("set_len");
    drop(big);
    let err = assert_refused(
        &run(&["combine", "big.txt"], None, dir.path()),
        "100 MB file",
    );
    assert!(err.contains("1 MiB"), "the error states the limit: {err}");
    assert_refused(
        &run(
            &["split", "--group", "2of3", "--secret-file", "big.txt"],
            None,
            dir.path(),
        ),
        "100 MB secret file",
    );
    assert_refused(
        &run(
            &["combine", "--passphrase-file", "big.txt", "-"],
            Some(b"x\n".to_vec()),
            dir.path(),
        ),
        "100 MB passphrase file",
    );

    // The same through standard input: read up to the limit, no further.
    let err = assert_refused(
        &run(&["combine", "-"], Some(vec![b'a'; 100_000_000]), dir.path()),
        "100 MB stdin",
    );
    assert!(err.contains("1 MiB"), "{err}");

    // One byte over the limit is refused; endless devices too.
    std::fs::write(dir.path().join("over.txt"), vec![b' '; INPUT_LIMIT + 1]).expect("write");
    assert_refused(
        &run(&["combine", "over.txt"], None, dir.path()),
        "limit + 1",
    );
    assert_refused(
        &run(&["combine", "/dev/zero"], None, dir.path()),
        "/dev/zero",
    );
    assert_refused(
        &run(&["combine", "/dev/urandom"], None, dir.path()),
        "/dev/urandom",
    );
}

#[test]
fn binary_and_invalid_utf8_input_is_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    let cases: [(&str, Vec<u8>); 5] = [
        (
            "invalid-utf8.txt",
            b"academic acid \xff\xfe acne\n".to_vec(),
        ),
        ("lone-continuation.txt", vec![0x80; 64]),
        ("nul.txt", b"academic\0acid acne\n".to_vec()),
        // A PNG header and some bytes: binary, and not UTF-8.
        (
            "image.png",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01".to_vec(),
        ),
        ("control.txt", (1u8..32).chain(127..128).collect()),
    ];
    for (name, bytes) in &cases {
        std::fs::write(dir.path().join(name), bytes).expect("write");
        assert_refused(&run(&["combine", name], None, dir.path()), name);
        assert_refused(
            &run(&["combine", "-"], Some(bytes.clone()), dir.path()),
            name,
        );
        assert_refused(
            &run(
                &["split", "--group", "2of3", "--secret-file", name],
                None,
                dir.path(),
            ),
            name,
        );
    }
    // A passphrase file that is not UTF-8.
    let shares = real_shares();
    std::fs::write(dir.path().join("shares.txt"), shares[..2].join("\n")).expect("write");
    std::fs::write(dir.path().join("pass.bin"), b"pass\xffword").expect("write");
    let out = run(
        &["combine", "shares.txt", "--passphrase-file", "pass.bin"],
        None,
        dir.path(),
    );
    assert_refused(&out, "binary passphrase");
    assert_no_share_words(
        &String::from_utf8_lossy(&out.stderr),
        &shares,
        "binary passphrase",
    );
}

#[test]
fn ten_thousand_shares_are_refused_with_the_first_problem() {
    let dir = tempfile::tempdir().expect("tmp");
    let shares = real_shares();
    let base = Share::parse(&shares[0]).expect("parses");
    let id = base.identifier().get();

    // 10,000 valid shares, each of another set (another identifier). Written with 4-letter
    // word beginnings, 100 bytes a line: 1,000,000 bytes, just under the input limit.
    let lines: Vec<String> = (0..10_000u16)
        .map(|i| variant(&base, Some((id + i) & 0x7fff), None))
        .collect();
    let text = lines.join("\n") + "\n";
    assert!(text.len() < INPUT_LIMIT);
    std::fs::write(dir.path().join("sets.txt"), &text).expect("write");
    let out = run(&["combine", "sets.txt"], None, dir.path());
    let err = assert_refused(&out, "10,000 sets");
    assert!(
        err.contains("share 2"),
        "names the first share that does not fit: {err}"
    );
    assert_no_share_words(&err, &shares, "10,000 sets");

    // 10,000 shares of one set, all member 1 of group 1 with different values (a value word
    // changed: words 6 to 17; word 5 holds the padding bits).
    let lines: Vec<String> = (0..10_000u16)
        .map(|i| variant(&base, None, Some((5 + usize::from(i % 12), i & 0x3ff))))
        .collect();
    std::fs::write(dir.path().join("same-member.txt"), lines.join("\n")).expect("write");
    let out = run(&["combine", "same-member.txt"], None, dir.path());
    assert_refused(&out, "10,000 members");

    // 10,000 shares over standard input.
    let out = run(&["combine", "-"], Some(text.into_bytes()), dir.path());
    assert_refused(&out, "10,000 sets on stdin");
}

#[test]
fn megabyte_long_lines_are_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    let shares = real_shares();
    let just_under = INPUT_LIMIT - 1;
    let cases: [(&str, Vec<u8>); 4] = [
        // One word a megabyte long.
        ("one-word.txt", vec![b'a'; just_under]),
        // A megabyte of valid words on one line: far more words than any share has.
        (
            "many-words.txt",
            "acid ".repeat(just_under / 5).into_bytes(),
        ),
        // A real share followed by a megabyte of spaces and then garbage.
        ("padded.txt", {
            let mut v = shares[0].clone().into_bytes();
            v.extend(std::iter::repeat_n(b' ', just_under - v.len() - 8));
            v.extend(b"zzzzzzzz");
            v
        }),
        // A megabyte-long comment after a real share, then a bad line.
        ("comment.txt", {
            let mut v = format!("{}\n#", shares[0]).into_bytes();
            v.extend(std::iter::repeat_n(b'#', just_under - v.len() - 10));
            v.extend(b"\nnot share");
            v
        }),
    ];
    for (name, bytes) in &cases {
        assert!(bytes.len() <= INPUT_LIMIT, "{name} fits the limit");
        std::fs::write(dir.path().join(name), bytes).expect("write");
        let out = run(&["combine", name], None, dir.path());
        let err = assert_refused(&out, name);
        assert_no_share_words(&err, &shares, name);
    }
    // A megabyte-long hex secret with one bad digit at the end.
    let mut hex = "00".repeat(just_under / 2);
    hex.push('g');
    std::fs::write(dir.path().join("secret.hex"), &hex).expect("write");
    assert_refused(
        &run(
            &["split", "--group", "2of3", "--secret-file", "secret.hex"],
            None,
            dir.path(),
        ),
        "megabyte secret",
    );
}

#[test]
fn secrets_are_not_echoed_in_errors() {
    let dir = tempfile::tempdir().expect("tmp");
    let shares = real_shares();
    // One share short: the error says how many more are needed, never the words.
    std::fs::write(dir.path().join("one.txt"), format!("{}\n", shares[0])).expect("write");
    let out = run(&["combine", "one.txt"], None, dir.path());
    assert_refused(&out, "one share short");
    assert_no_share_words(
        &String::from_utf8_lossy(&out.stderr),
        &shares,
        "one share short",
    );

    // A share with two words changed (a bad checksum no single word explains) beside a good
    // one.
    let mut words: Vec<&str> = shares[1].split(' ').collect();
    words[7] = if words[7] == "acid" { "acne" } else { "acid" };
    words[9] = if words[9] == "acid" { "acne" } else { "acid" };
    std::fs::write(
        dir.path().join("typo.txt"),
        format!("{}\n{}\n", shares[0], words.join(" ")),
    )
    .expect("write");
    let out = run(&["combine", "typo.txt"], None, dir.path());
    assert_refused(&out, "bad checksum");
    assert_no_share_words(
        &String::from_utf8_lossy(&out.stderr),
        &shares,
        "bad checksum",
    );

    // A secret file with a bad digit: the error gives the position, not the digits.
    let secret = "0123456789abcdef0123456789abcdeX";
    std::fs::write(dir.path().join("secret.hex"), secret).expect("write");
    let out = run(
        &["split", "--group", "2of3", "--secret-file", "secret.hex"],
        None,
        dir.path(),
    );
    let err = assert_refused(&out, "bad hex");
    assert!(!err.contains("0123456789"), "secret digits printed: {err}");
}

#[test]
fn unwritable_standard_output_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().expect("tmp");
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let out = Command::new(env!("CARGO_BIN_EXE_seedshard"))
        .args([
            "split",
            "--group",
            "2of3",
            "--generate",
            "128",
            "--iteration-exponent",
            "0",
        ])
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(full)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with("error: ") && stderr.contains("\nhint: "),
        "{stderr}"
    );
    assert!(files_in(dir.path()).is_empty(), "no file written");
}

#[test]
fn a_normal_run_fits_the_memory_bound() {
    // The bound must not be what makes the refusals above pass: a normal run stays under it.
    let dir = tempfile::tempdir().expect("tmp");
    let shares = real_shares();
    std::fs::write(dir.path().join("shares.txt"), shares[1..].join("\n")).expect("write");
    let out = run(&["combine", "shares.txt", "--json"], None, dir.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["master_secret_hex"], "5a".repeat(16));
    assert!(
        files_in(dir.path()).len() == 1,
        "nothing but the input in the directory"
    );
}

/// `split --cards DIR` with a fresh 2-of-3 secret, exponent 0, in `dir`.
fn split_cards(dir: &Path, cards: &str, force: bool) -> Output {
    let mut args = vec![
        "split",
        "--group",
        "2of3",
        "--generate",
        "128",
        "--iteration-exponent",
        "0",
        "--cards",
        cards,
    ];
    if force {
        args.push("--force");
    }
    run(&args, None, dir)
}

#[test]
fn card_output_over_a_symlink_is_refused_and_force_replaces_the_link_only() {
    let dir = tempfile::tempdir().expect("tmp");
    let cards = dir.path().join("cards");
    std::fs::create_dir(&cards).expect("mkdir");
    let victim = dir.path().join("victim");
    std::os::unix::fs::symlink(&victim, cards.join("owner-sheet.pdf")).expect("symlink");

    let err = assert_refused(
        &split_cards(dir.path(), "cards", false),
        "symlink in the way",
    );
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(
        files_in(&cards),
        vec![cards.join("owner-sheet.pdf")],
        "nothing written beside it"
    );
    assert!(!victim.exists(), "the link was followed");

    // With --force the link itself is replaced by a new file; its target is never created.
    let out = split_cards(dir.path(), "cards", true);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!victim.exists(), "the link was followed");
    let meta = std::fs::symlink_metadata(cards.join("owner-sheet.pdf")).expect("sheet");
    assert!(
        meta.file_type().is_file(),
        "the link was replaced by a file"
    );
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
}

#[test]
fn cards_directory_that_is_a_dangling_symlink_is_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    let target = dir.path().join("elsewhere");
    std::os::unix::fs::symlink(&target, dir.path().join("cards")).expect("symlink");
    assert_refused(
        &split_cards(dir.path(), "cards", false),
        "dangling cards dir",
    );
    assert!(!target.exists(), "the link's target was created");
}

#[test]
fn card_output_in_an_unwritable_directory_is_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    // /proc/self exists and takes no new files, even for root.
    let err = assert_refused(&split_cards(dir.path(), "/proc/self", false), "/proc/self");
    assert!(err.contains("cannot write"), "{err}");

    // A read-only directory: refused, and left empty. Root may write anyway, so this part
    // only runs where the permission bits hold.
    use std::os::unix::fs::PermissionsExt;
    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).expect("mkdir");
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    if std::fs::write(ro.join("probe"), b"").is_ok() {
        std::fs::remove_file(ro.join("probe")).expect("rm probe");
        eprintln!("permission bits do not bind this user (root): read-only directory case skipped");
    } else {
        assert_refused(&split_cards(dir.path(), "ro", false), "read-only dir");
        assert!(
            files_in(&ro).is_empty(),
            "no file left in the read-only directory"
        );
    }
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).expect("chmod back");
}

#[test]
fn card_output_failing_midway_leaves_no_partial_file() {
    let dir = tempfile::tempdir().expect("tmp");
    let cards = dir.path().join("cards");
    // The owner sheet is written last; a directory in its place makes that write fail after
    // the cards were written, even with --force.
    std::fs::create_dir_all(cards.join("owner-sheet.pdf")).expect("mkdir");
    assert_refused(
        &split_cards(dir.path(), "cards", true),
        "owner sheet blocked",
    );
    assert_eq!(
        files_in(&cards),
        vec![cards.join("owner-sheet.pdf")],
        "the cards written before the failure were removed, and no temporary file is left"
    );
}

// --- Images given to `combine --scan` ---------------------------------------------------

fn png_bytes(img: &image::GrayImage) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .expect("png encodes");
    out.into_inner()
}

fn scan(dir: &Path, name: &str, bytes: &[u8]) -> Output {
    std::fs::write(dir.join(name), bytes).expect("write image");
    run(&["combine", "--scan", name], None, dir)
}

#[test]
fn one_pixel_image_is_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    let png = png_bytes(&image::GrayImage::new(1, 1));
    let out = scan(dir.path(), "dot.png", &png);
    assert_refused(&out, "1x1 image");
}

#[test]
fn decompression_bomb_is_refused_by_its_header() {
    // A real 1x1 PNG whose header claims 60000 x 60000 pixels (3.6 gigapixels): refused from
    // the header, before any pixel is decoded, within the 64 MiB address-space bound.
    let dir = tempfile::tempdir().expect("tmp");
    let mut png = png_bytes(&image::GrayImage::new(1, 1));
    // Signature (8), IHDR length (4), "IHDR" (4), width (4), height (4), ... CRC after 13 bytes.
    png[16..20].copy_from_slice(&60_000u32.to_be_bytes());
    png[20..24].copy_from_slice(&60_000u32.to_be_bytes());
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    let out = scan(dir.path(), "bomb.png", &png);
    let err = assert_refused(&out, "decompression bomb");
    assert!(
        err.contains("megapixel"),
        "the stated limit is named: {err}"
    );
}

#[test]
fn truncated_png_and_jpeg_are_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    let img = image::GrayImage::from_fn(200, 200, |x, y| image::Luma([((x ^ y) & 0xff) as u8]));
    let png = png_bytes(&img);
    let out = scan(dir.path(), "cut.png", &png[..png.len() / 2]);
    assert_refused(&out, "truncated PNG");
    let mut jpeg = std::io::Cursor::new(Vec::new());
    img.write_to(&mut jpeg, image::ImageFormat::Jpeg)
        .expect("jpeg encodes");
    let jpeg = jpeg.into_inner();
    let out = scan(dir.path(), "cut.jpg", &jpeg[..jpeg.len() / 2]);
    assert_refused(&out, "truncated JPEG");
    let out = scan(
        dir.path(),
        "not-an-image.png",
        b"this is text, not a picture",
    );
    assert_refused(&out, "text named .png");
}

#[test]
fn a_qr_code_that_is_not_a_share_is_named_and_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    let code = qrcode::QrCode::new(b"https://example.com/wallet-help").expect("qr");
    let img = code
        .render::<image::Luma<u8>>()
        .module_dimensions(8, 8)
        .build();
    let out = scan(dir.path(), "link.png", &png_bytes(&img));
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(out.stdout.is_empty());
    assert!(!err.contains("panicked"), "{err}");
    // A note names what the skipped code is; then the error and its hint.
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[0].starts_with("note: ") && lines[0].contains("a web address"),
        "{err}"
    );
    assert!(
        lines[1].starts_with("error: ") && lines[1].contains("is a share"),
        "{err}"
    );
    assert!(lines[2].starts_with("hint: "), "{err}");
    assert!(
        !err.contains("example.com"),
        "does not repeat its content: {err}"
    );
}

// --- Inputs built to keep seedshard busy ---------------------------------------------------

/// How long a run built to be slow may take before it is killed and the test fails. The bound
/// checked in a benchmark (`benches/hostile.rs`, release build, one core) is 5 s for an image
/// and 1 s for a megabyte of shares; a debug build is several times slower and the machines
/// that run the tests are shared, so the test allows 20 s: before the limits, these inputs
/// took minutes.
const DECIDED_WITHIN: std::time::Duration = std::time::Duration::from_secs(20);

/// Runs `seedshard args` as [`run`] does (no standard input), killing it after
/// [`DECIDED_WITHIN`]: the test fails if it had to be killed.
fn run_within(args: &[&str], dir: &Path, what: &str) -> Output {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {ADDRESS_SPACE_KIB} && exec \"$0\" \"$@\""
        ))
        .arg(env!("CARGO_BIN_EXE_seedshard"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("seedshard starts");
    let start = std::time::Instant::now();
    // Messages are short: they fit the pipes' buffers, so waiting without reading is safe.
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > DECIDED_WITHIN {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what}: not decided within {DECIDED_WITHIN:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.wait_with_output().expect("seedshard finishes")
}

/// A grey image tiled with QR finder patterns (the squares in three corners of every QR
/// code: 7 x 7 modules, a dark ring, a light ring, a dark 3 x 3 centre), one every `period`
/// modules of `module` pixels. Such an image makes a QR finder try its patterns three at a
/// time.
fn finder_tiles(width: u32, height: u32, module: u32, period: u32) -> image::GrayImage {
    image::GrayImage::from_fn(width, height, |x, y| {
        let (mx, my) = ((x / module) % period, (y / module) % period);
        let ring = mx < 7 && my < 7 && (mx == 0 || mx == 6 || my == 0 || my == 6);
        let stone = (2..=4).contains(&mx) && (2..=4).contains(&my);
        image::Luma([if ring || stone { 0 } else { 255 }])
    })
}

#[test]
fn images_tiled_with_finder_patterns_are_decided_quickly() {
    let dir = tempfile::tempdir().expect("tmp");
    for (side, module) in [(1000, 1), (1000, 2), (2000, 1), (2000, 3)] {
        let what = format!("{side}x{side} finder tiles of {module} px modules");
        let png = png_bytes(&finder_tiles(side, side, module, 8));
        let name = format!("tiles-{side}-{module}.png");
        std::fs::write(dir.path().join(&name), &png).expect("write image");
        let out = run_within(&["combine", "--scan", &name], dir.path(), &what);
        let err = assert_refused(&out, &what);
        assert!(err.contains(&name), "{what}: names the image: {err}");
        let out = run_within(&["check", "--scan", &name], dir.path(), &what);
        assert_refused(&out, &what);
    }
}

/// 10,000 valid shares, each of another set: about 1 MiB written with 4-letter beginnings.
fn distinct_sets_megabyte() -> String {
    let shares = real_shares();
    let base = Share::parse(&shares[0]).expect("parses");
    let id = base.identifier().get();
    let lines: Vec<String> = (0..10_000u16)
        .map(|i| variant(&base, Some((id + i) & 0x7fff), None))
        .collect();
    let text = lines.join("\n") + "\n";
    assert!(text.len() < INPUT_LIMIT && text.len() > INPUT_LIMIT * 9 / 10);
    text
}

#[test]
fn a_megabyte_of_shares_from_distinct_sets_is_decided_quickly_by_every_command() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("sets.txt"), distinct_sets_megabyte()).expect("write");
    let commands: [&[&str]; 7] = [
        &["combine", "sets.txt"],
        &["verify", "sets.txt"],
        &["check", "sets.txt"],
        &["inspect", "sets.txt"],
        &["reissue", "--member-index", "3", "sets.txt"],
        &["extend", "--group", "2of3", "sets.txt"],
        &["cards", "--cards", "cards", "sets.txt"],
    ];
    for args in commands {
        let what = args.join(" ");
        let out = run_within(args, dir.path(), &what);
        let err = assert_refused(&out, &what);
        // The same limit, in the same words, for every command.
        assert!(
            err.contains("shares of more than 16 different sets were given")
                && err.contains("share 1 (sets.txt line 1) is of set")
                && err.contains("up to share 17 (sets.txt line 17)"),
            "{what}: {err}"
        );
        assert!(
            !dir.path().join("cards").exists(),
            "{what}: no card written"
        );
    }
}

#[test]
fn more_share_lines_than_the_limit_are_refused_by_every_command() {
    // 1,100 lines of one share: duplicates, each cheap, but more than any pile of cards.
    let dir = tempfile::tempdir().expect("tmp");
    let shares = real_shares();
    std::fs::write(
        dir.path().join("many.txt"),
        format!("{}\n", shares[0]).repeat(1100),
    )
    .expect("write");
    for command in ["combine", "verify", "check", "inspect", "cards"] {
        let mut args = vec![command, "many.txt"];
        if command == "cards" {
            args.extend(["--cards", "cards"]);
        }
        let out = run_within(&args, dir.path(), command);
        let err = assert_refused(&out, command);
        assert!(
            err.starts_with("error: share 1025 (many.txt line 1025): more than 1024 shares"),
            "{command}: {err}"
        );
    }
}
