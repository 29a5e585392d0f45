//! Nothing secret is left in the memory of `seedshard` when it exits, on every path: typed at a
//! terminal, piped, from files, scanned from a card photo, drawn to PDF, SVG and PNG, printed as
//! hex, BIP-39 phrase, xprv or JSON.
//!
//! Each path runs the binary under gdb (`tests/memory_dump/gdb_run.py`), stopped at the
//! `exit_group` system call, when every value has been dropped and the process is about to
//! vanish; gdb writes a core file of all its memory (heap, stack, every writable or anonymous
//! mapping, whatever the process asked to exclude from dumps), and the test searches it for:
//!
//! - the master secret: any 8 bytes of it in a row, raw, or any 16 of its hex digits (lower or
//!   upper case);
//! - each share's words and the BIP-39 phrase: any 3 consecutive words, or any 3 consecutive
//!   4-letter stems, joined by a space, a newline or nothing, in lower or upper case; any 3
//!   consecutive stems in capitals each within 64 bytes after the one before (words drawn on a
//!   card with markup between them); any 3 consecutive ShareQR word numbers (12 digits);
//! - the SLIP-39 and BIP-39 passphrases (any 12 characters in a row);
//! - the BIP-39 seed (any 8 bytes, any 16 hex digits);
//! - the root xprv (any 16 characters after its fixed start) and, for both wallets a 128-bit
//!   secret may open, every private key and chain code from the root to the account keys
//!   m/84'/0'/0' and m/86'/0'/0' (any 8 bytes in a row; the account chain codes are public in
//!   the account xpub and are not searched).
//!
//! The test can fail: a self-check dumps `combine` at its first write to standard output, when
//! the secret being printed is in memory, and requires the search to find it; and every dump
//! must hold a canary from the process's environment (at the top of its stack), so a dump
//! that misses the stack or the heap cannot pass.
//!
//! Needs gdb and python3 (a missing tool fails the test in CI, else it is reported as ignored;
//! run through `common::Harness`: add each test to `main`). gdb must be
//! allowed to trace its own child (as root, or with the default ptrace scope); the binary
//! marks itself non-dumpable, which does not stop its tracer from reading its memory.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use aho_corasick::AhoCorasick;
use bitcoin::bip32::{ChildNumber, Xpriv};
use bitcoin::secp256k1::Secp256k1;
use seedshard::bip39::{Bip39Passphrase, Bip39Phrase};
use seedshard::slip39::wordlist;
use seedshard::MasterSecret;

mod common;

const BIN: &str = env!("CARGO_BIN_EXE_seedshard");
const CANARY_VAR: &str = "SEEDSHARD_DUMP_CANARY";

fn driver() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/memory_dump/gdb_run.py")
}

/// A random string of `n` characters from `alphabet`.
fn random_text(n: usize, alphabet: &[u8]) -> String {
    random_bytes(n)
        .iter()
        .map(|&b| alphabet[usize::from(b) % alphabet.len()] as char)
        .collect()
}

/// `n` bytes that differ from run to run (the test's secrets must be found nowhere else).
fn random_bytes(n: usize) -> Vec<u8> {
    use rand::{Rng, SeedableRng};
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let mut rng =
        rand::rngs::StdRng::seed_from_u64(nanos as u64 ^ u64::from(std::process::id()) << 32);
    let mut b = vec![0u8; n];
    rng.fill_bytes(&mut b);
    b
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// What must not be found, as patterns to search for, each with a label.
#[derive(Default)]
struct Needles {
    patterns: Vec<Vec<u8>>,
    labels: Vec<String>,
    /// Word sequences searched as capital stems with markup between them.
    stem_runs: Vec<(String, Vec<String>)>,
}

impl Needles {
    fn add(&mut self, label: &str, pattern: &[u8]) {
        self.patterns.push(pattern.to_vec());
        self.labels.push(label.to_string());
    }

    /// Every `window` bytes in a row of `bytes` (all of it when shorter).
    fn windows(&mut self, label: &str, bytes: &[u8], window: usize) {
        if bytes.len() <= window {
            self.add(label, bytes);
            return;
        }
        for (i, w) in bytes.windows(window).enumerate() {
            self.add(&format!("{label} (bytes {}..{})", i, i + window), w);
        }
    }

    /// Raw bytes (8 in a row) and their hex (16 digits in a row, either case).
    fn binary(&mut self, label: &str, bytes: &[u8]) {
        self.windows(label, bytes, 8);
        let h = hex(bytes);
        self.windows(&format!("{label} in hex"), h.as_bytes(), 16);
        self.windows(&format!("{label} in HEX"), h.to_uppercase().as_bytes(), 16);
    }

    /// Any 3 consecutive words or stems of `words`, joined in the ways text is written.
    fn words(&mut self, label: &str, words: &[String], slip39: bool) {
        for (i, run) in words.windows(3).enumerate() {
            let at = format!("{label} words {}-{}", i + 1, i + 3);
            let stems: Vec<String> = run.iter().map(|w| w.chars().take(4).collect()).collect();
            for sep in [" ", "\n", ""] {
                for (kind, parts) in [("words", run.to_vec()), ("stems", stems.clone())] {
                    let joined = parts.join(sep);
                    self.add(&format!("{at} ({kind}, lower case)"), joined.as_bytes());
                    self.add(
                        &format!("{at} ({kind}, upper case)"),
                        joined.to_uppercase().as_bytes(),
                    );
                }
            }
            if slip39 {
                let digits: String = run
                    .iter()
                    .map(|w| format!("{:04}", wordlist::index_of(w).unwrap()))
                    .collect();
                self.add(&format!("{at} (ShareQR digits)"), digits.as_bytes());
            }
            self.stem_runs.push((at, stems));
        }
    }

    fn share_lines(&mut self, label: &str, text: &str) -> usize {
        let mut n = 0;
        for line in text.lines() {
            let line = line.trim().trim_matches(|c| c == '"' || c == ',');
            let words: Vec<String> = line.split_whitespace().map(str::to_string).collect();
            if words.len() >= 20 && words.iter().all(|w| wordlist::index_of(w).is_some()) {
                n += 1;
                self.words(&format!("{label} share {n}"), &words, true);
            }
        }
        n
    }

    /// The labels of every pattern found in `dump`, with where.
    fn search(&self, dump: &[u8], segments: &[Segment]) -> Vec<String> {
        let ac = AhoCorasick::new(&self.patterns).unwrap();
        let mut found = Vec::new();
        for m in ac.find_overlapping_iter(dump) {
            found.push(format!(
                "{} at {}: {}",
                self.labels[m.pattern().as_usize()],
                locate(segments, m.start()),
                context(dump, m.start(), m.end())
            ));
        }
        // Capital stems, each within 64 bytes after the one before.
        let stems: Vec<String> = {
            let mut s: Vec<String> = self
                .stem_runs
                .iter()
                .flat_map(|(_, r)| r.iter().map(|w| w.to_uppercase()))
                .collect();
            s.sort();
            s.dedup();
            s
        };
        let ac = AhoCorasick::new(&stems).unwrap();
        let mut at: HashMap<&str, Vec<usize>> = HashMap::new();
        for m in ac.find_overlapping_iter(dump) {
            at.entry(stems[m.pattern().as_usize()].as_str())
                .or_default()
                .push(m.start());
        }
        let near = |stem: &str, after: usize| -> Option<usize> {
            at.get(stem.to_uppercase().as_str())?
                .iter()
                .copied()
                .find(|&p| p >= after && p <= after + 64)
        };
        for (label, run) in &self.stem_runs {
            let Some(firsts) = at.get(run[0].to_uppercase().as_str()) else {
                continue;
            };
            for &p in firsts {
                if let Some(q) = near(&run[1], p + 4) {
                    if let Some(r) = near(&run[2], q + 4) {
                        found.push(format!(
                            "{label} (capital stems with markup between) at {}: {}",
                            locate(segments, p),
                            context(dump, p, r + 4)
                        ));
                    }
                }
            }
        }
        found
    }
}

fn context(dump: &[u8], start: usize, end: usize) -> String {
    let from = start.saturating_sub(24);
    let to = (end + 24).min(dump.len());
    dump[from..to]
        .iter()
        .map(|&b| {
            if b.is_ascii_graphic() || b == b' ' {
                (b as char).to_string()
            } else {
                format!("\\x{b:02x}")
            }
        })
        .collect()
}

/// A loaded segment of a core file: where its bytes are in the file and in memory.
struct Segment {
    offset: usize,
    size: usize,
    vaddr: u64,
}

/// The PT_LOAD segments of an ELF64 little-endian core file.
fn segments(core: &[u8]) -> Vec<Segment> {
    let u64_at = |o: usize| u64::from_le_bytes(core[o..o + 8].try_into().unwrap());
    let u16_at = |o: usize| u16::from_le_bytes(core[o..o + 2].try_into().unwrap());
    assert_eq!(&core[..4], b"\x7fELF", "not an ELF core file");
    let phoff = u64_at(0x20) as usize;
    let phentsize = u16_at(0x36) as usize;
    let phnum = u16_at(0x38) as usize;
    (0..phnum)
        .map(|i| phoff + i * phentsize)
        .filter(|&ph| u32::from_le_bytes(core[ph..ph + 4].try_into().unwrap()) == 1)
        .map(|ph| Segment {
            offset: u64_at(ph + 8) as usize,
            vaddr: u64_at(ph + 16),
            size: u64_at(ph + 32) as usize,
        })
        .collect()
}

fn locate(segments: &[Segment], offset: usize) -> String {
    match segments
        .iter()
        .find(|s| offset >= s.offset && offset < s.offset + s.size)
    {
        Some(s) => format!(
            "address {:#x} (segment at {:#x}, {} KiB)",
            s.vaddr + (offset - s.offset) as u64,
            s.vaddr,
            s.size / 1024
        ),
        None => format!("file offset {offset} (no segment)"),
    }
}

/// How the program gets its standard input.
enum Input {
    None,
    File(PathBuf),
    Pipe(PathBuf),
    /// Pairs of (text that appears on the terminal, line typed then).
    Terminal(Vec<(String, String)>),
}

struct Dump {
    core: Vec<u8>,
    log: String,
}

/// Runs seedshard `args` under gdb, stopped at exit (or at its first write to standard output
/// when `at_first_output`), and returns its core file and what it printed.
fn dump(
    dir: &Path,
    name: &str,
    args: &[&str],
    input: &Input,
    canary: &str,
    at_first_output: bool,
) -> Dump {
    let core = dir.join(format!("{name}.core"));
    let log = dir.join(format!("{name}.log"));
    let mut cmd = Command::new("python3");
    cmd.arg(driver())
        .arg("--core")
        .arg(&core)
        .arg("--log")
        .arg(&log)
        .arg("--cwd")
        .arg(dir)
        .env(CANARY_VAR, canary);
    if at_first_output {
        cmd.args(["--stop", "stdout-write"]);
    }
    match input {
        Input::None => {}
        Input::File(p) => {
            cmd.arg("--stdin-file").arg(p);
        }
        Input::Pipe(p) => {
            cmd.arg("--stdin-pipe").arg(p);
        }
        Input::Terminal(script) => {
            let json = serde_json::to_string(script).unwrap();
            let path = dir.join(format!("{name}.tty.json"));
            std::fs::write(&path, json).unwrap();
            cmd.arg("--tty").arg(path);
        }
    }
    cmd.arg("--").arg(BIN).args(args);
    let out = cmd.output().expect("run python3");
    let log_text = String::from_utf8_lossy(&std::fs::read(&log).unwrap_or_default()).into_owned();
    assert!(
        out.status.success(),
        "{name}: no core file: {}\n{log_text}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&core).unwrap();
    std::fs::remove_file(&core).unwrap();
    Dump {
        core: bytes,
        log: log_text,
    }
}

/// The private keys and chain codes from the root of `seed` to the two account keys.
fn key_tree(label: &str, seed: &[u8], needles: &mut Needles) {
    let secp = Secp256k1::new();
    let root = Xpriv::new_master(bitcoin::NetworkKind::Main, seed).unwrap();
    needles.binary(
        &format!("{label} root private key"),
        &root.private_key.secret_bytes(),
    );
    needles.binary(
        &format!("{label} root chain code"),
        root.chain_code.as_bytes(),
    );
    let xprv = root.to_string();
    needles.windows(&format!("{label} root xprv"), &xprv.as_bytes()[20..], 16);
    for purpose in [84, 86] {
        let mut key = root;
        for (depth, index) in [purpose, 0, 0].into_iter().enumerate() {
            key = key
                .derive_priv(&secp, &[ChildNumber::from_hardened_idx(index).unwrap()])
                .unwrap();
            let at = format!("{label} m/{purpose}' depth {}", depth + 1);
            needles.binary(
                &format!("{at} private key"),
                &key.private_key.secret_bytes(),
            );
            if depth < 2 {
                needles.binary(&format!("{at} chain code"), key.chain_code.as_bytes());
            }
        }
    }
}

struct Fixture {
    dir: tempfile::TempDir,
    secret_hex: String,
    needles: Needles,
    canary: String,
    shares: Vec<String>,
    passphrase: String,
    bip39_passphrase: String,
    phrase: Vec<String>,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let secret = random_bytes(16);
    let secret_hex = hex(&secret);
    let alnum = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let passphrase = format!("Pp-{}", random_text(21, alnum));
    let bip39_passphrase = format!("Bp-{}", random_text(21, alnum));
    let canary = format!("canary-{}", random_text(24, alnum));
    std::fs::write(d.join("secret.hex"), format!("{secret_hex}\n")).unwrap();
    std::fs::write(d.join("pass.txt"), format!("{passphrase}\n")).unwrap();
    std::fs::write(d.join("bip39pass.txt"), format!("{bip39_passphrase}\n")).unwrap();
    let out = Command::new(BIN)
        .current_dir(d)
        .args([
            "split",
            "--group",
            "2of3",
            "--secret-file",
            "secret.hex",
            "--passphrase-file",
            "pass.txt",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    std::fs::write(d.join("shares.txt"), &text).unwrap();
    let shares: Vec<String> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    assert_eq!(shares.len(), 3);
    // Two of the shares, under the mode line `split` wrote (cards need to know the mode).
    let mode = text
        .lines()
        .find(|l| l.starts_with("# seedshard: mode="))
        .expect("split writes a mode line");
    std::fs::write(
        d.join("two.txt"),
        format!("{mode}\n{}\n{}\n", shares[0], shares[2]),
    )
    .unwrap();

    let mut needles = Needles::default();
    needles.binary("master secret", &secret);
    needles.windows("SLIP-39 passphrase", passphrase.as_bytes(), 12);
    needles.windows("BIP-39 passphrase", bip39_passphrase.as_bytes(), 12);
    for (i, s) in shares.iter().enumerate() {
        let words: Vec<String> = s.split_whitespace().map(str::to_string).collect();
        needles.words(&format!("share {}", i + 1), &words, true);
    }
    // The BIP-39 phrase whose entropy is the master secret, and its seed (without and with
    // the BIP-39 passphrase).
    let master = MasterSecret::from_slice(&secret).unwrap();
    let phrase = Bip39Phrase::from_master_secret(&master).unwrap();
    let phrase_words: Vec<String> = phrase
        .to_words()
        .split_whitespace()
        .map(str::to_string)
        .collect();
    needles.words("BIP-39 phrase", &phrase_words, false);
    for (label, pass) in [
        ("BIP-39 seed", Bip39Passphrase::empty()),
        (
            "BIP-39 seed with passphrase",
            Bip39Passphrase::new(bip39_passphrase.clone()),
        ),
    ] {
        let seed = phrase.to_seed(&pass);
        needles.binary(label, seed.expose_secret());
        key_tree(
            &format!("wallet of the {label}"),
            seed.expose_secret(),
            &mut needles,
        );
    }
    // SLIP-39 reading: the master secret is the BIP-32 seed. (The secret decrypted with the
    // passphrase is the wallet's seed; the passphrase is part of the share set.)
    key_tree("SLIP-39 wallet", &secret, &mut needles);

    // Card images for --scan: one PNG a share.
    let out = Command::new(BIN)
        .current_dir(d)
        .args([
            "cards",
            "two.txt",
            "--cards",
            "scan",
            "--card-format",
            "png",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    Fixture {
        dir,
        secret_hex,
        needles,
        canary,
        shares,
        passphrase,
        bip39_passphrase,
        phrase: phrase_words,
    }
}

/// Writes `cards` (PNG files) side by side on a white picture of 3,400 x 2,600 pixels.
fn page_photo(cards: &[String], out: &Path) {
    let mut page = image::GrayImage::from_pixel(3400, 2600, image::Luma([255]));
    let mut x = 150;
    for card in cards {
        let card = image::open(card).unwrap().into_luma8();
        image::imageops::overlay(&mut page, &card, x, 400);
        x += i64::from(card.width()) + 150;
    }
    assert!(x <= 3400, "the cards do not fit the picture");
    page.save(out).unwrap();
}

fn png_files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "png")
                && !p
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .contains("owner-sheet")
        })
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

struct Run {
    name: &'static str,
    args: Vec<String>,
    input: Input,
    /// Text the log must show (the command did its work).
    expect: Vec<String>,
    /// Files the command must have written (relative to the working directory).
    files: Vec<&'static str>,
}

fn no_secret_is_left_in_memory_at_exit() {
    let started = Instant::now();
    let f = fixture();
    let d = f.dir.path();
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    std::fs::write(d.join("piped-secret.txt"), format!("{}\n", f.secret_hex)).unwrap();
    std::fs::write(
        d.join("piped-shares.txt"),
        format!("{}\n{}\n", f.shares[1], f.shares[2]),
    )
    .unwrap();
    let stems = |words: &str| -> String {
        words
            .split_whitespace()
            .map(|w| w.chars().take(4).collect::<String>())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let scans = png_files(&d.join("scan"));
    assert_eq!(scans.len(), 2, "card images for --scan: {scans:?}");
    let mut scan_args = s(&["combine", "--passphrase-file", "pass.txt"]);
    for p in &scans {
        scan_args.push("--scan".into());
        scan_args.push(p.clone());
    }
    // Both cards on one picture larger than the scanner's working copy (over 2,600 pixels a
    // side): searched in windows around the codes, on threads of their own.
    let photo = d.join("photo.png");
    page_photo(&scans, &photo);
    let photo_args = s(&[
        "combine",
        "--passphrase-file",
        "pass.txt",
        "--scan",
        photo.to_str().unwrap(),
    ]);
    let paths = vec![
        Run {
            name: "split, secret from a file",
            args: s(&[
                "split",
                "--group",
                "2of3",
                "--secret-file",
                "secret.hex",
                "--passphrase-file",
                "pass.txt",
            ]),
            input: Input::None,
            expect: s(&["share 3 of 3"]),
            files: vec![],
        },
        Run {
            name: "split, secret piped, JSON",
            args: s(&[
                "split",
                "--group",
                "2of3",
                "--secret-file",
                "-",
                "--json",
                "--passphrase-file",
                "pass.txt",
            ]),
            input: Input::Pipe(d.join("piped-secret.txt")),
            expect: s(&["\"member_threshold\": 2"]),
            files: vec![],
        },
        Run {
            name: "split, BIP-39 phrase typed at the terminal as 4-letter stems, passphrases typed",
            args: s(&["split", "--group", "2of3", "--bip39-mode", "entropy"]),
            input: Input::Terminal(vec![
                ("BIP-39 phrase".into(), stems(&f.phrase.join(" "))),
                ("BIP-39 passphrase (".into(), f.bip39_passphrase.clone()),
                ("BIP-39 passphrase again".into(), f.bip39_passphrase.clone()),
                ("SLIP-39 passphrase (".into(), f.passphrase.clone()),
                ("SLIP-39 passphrase again".into(), f.passphrase.clone()),
            ]),
            expect: s(&["share 3 of 3"]),
            files: vec![],
        },
        Run {
            name: "split to PDF cards",
            args: s(&[
                "split",
                "--group",
                "2of3",
                "--secret-file",
                "secret.hex",
                "--passphrase-file",
                "pass.txt",
                "--cards",
                "split-cards",
            ]),
            input: Input::None,
            expect: vec![],
            files: vec!["split-cards/share-cards.pdf"],
        },
        Run {
            name: "combine, shares from a file, hex",
            args: s(&["combine", "two.txt", "--passphrase-file", "pass.txt"]),
            input: Input::None,
            expect: vec![f.secret_hex.clone()],
            files: vec![],
        },
        Run {
            name: "combine, shares piped",
            args: s(&["combine", "-", "--passphrase-file", "pass.txt"]),
            input: Input::Pipe(d.join("piped-shares.txt")),
            expect: vec![f.secret_hex.clone()],
            files: vec![],
        },
        Run {
            name: "combine, shares from a redirected file",
            args: s(&["combine", "-", "--passphrase-file", "pass.txt", "--json"]),
            input: Input::File(d.join("piped-shares.txt")),
            expect: vec![f.secret_hex.clone()],
            files: vec![],
        },
        Run {
            name: "combine, shares and passphrase typed at the terminal",
            args: s(&["combine"]),
            input: Input::Terminal(vec![
                ("share 1: ".into(), f.shares[0].clone()),
                ("share 2: ".into(), stems(&f.shares[1])),
                ("go on to the passphrase".into(), String::new()),
                ("SLIP-39 passphrase (".into(), f.passphrase.clone()),
                ("Clear the share words typed".into(), "y".into()),
            ]),
            expect: vec![f.secret_hex.clone()],
            files: vec![],
        },
        Run {
            name: "combine --to xprv",
            args: s(&[
                "combine",
                "two.txt",
                "--passphrase-file",
                "pass.txt",
                "--to",
                "xprv",
            ]),
            input: Input::None,
            expect: s(&["xprv"]),
            files: vec![],
        },
        Run {
            name: "combine --to bip39",
            args: s(&[
                "combine",
                "two.txt",
                "--passphrase-file",
                "pass.txt",
                "--to",
                "bip39",
            ]),
            input: Input::None,
            expect: vec![f.phrase.join(" ")],
            files: vec![],
        },
        Run {
            name: "combine --scan of two card PNGs",
            args: scan_args,
            input: Input::None,
            expect: vec![f.secret_hex.clone()],
            files: vec![],
        },
        Run {
            name: "combine --scan of a large photo of both cards (window searches on threads)",
            args: photo_args,
            input: Input::None,
            expect: vec![f.secret_hex.clone()],
            files: vec![],
        },
        Run {
            name: "cards to PDF",
            args: s(&["cards", "shares.txt", "--cards", "pdf"]),
            input: Input::None,
            expect: vec![],
            files: vec!["pdf/share-cards.pdf"],
        },
        Run {
            name: "cards to SVG",
            args: s(&[
                "cards",
                "shares.txt",
                "--cards",
                "svg",
                "--card-format",
                "svg",
                "--qr",
                "text",
            ]),
            input: Input::None,
            expect: vec![],
            files: vec!["svg"],
        },
        Run {
            name: "cards to PNG",
            args: s(&[
                "cards",
                "shares.txt",
                "--cards",
                "png",
                "--card-format",
                "png",
            ]),
            input: Input::None,
            expect: vec![],
            files: vec!["png"],
        },
        Run {
            name: "verify",
            args: s(&[
                "verify",
                "two.txt",
                "--passphrase-file",
                "pass.txt",
                "--bip39-passphrase-file",
                "bip39pass.txt",
            ]),
            input: Input::None,
            expect: vec![],
            files: vec![],
        },
        Run {
            name: "check",
            args: s(&["check", "shares.txt"]),
            input: Input::None,
            expect: vec![],
            files: vec![],
        },
        Run {
            name: "rollcall",
            args: s(&["rollcall", "two.txt"]),
            input: Input::None,
            expect: vec![],
            files: vec![],
        },
        Run {
            name: "reissue",
            args: s(&["reissue", "two.txt", "--member-index", "2"]),
            input: Input::None,
            expect: vec![],
            files: vec![],
        },
        Run {
            name: "extend",
            args: s(&["extend", "two.txt", "--group", "2of3"]),
            input: Input::None,
            expect: s(&["share 3 of 3"]),
            files: vec![],
        },
    ];

    // Self-check: at its first write to standard output, combine holds the secret it prints.
    let live = dump(
        d,
        "self-check",
        &["combine", "two.txt", "--passphrase-file", "pass.txt"],
        &Input::None,
        &f.canary,
        true,
    );
    let segs = segments(&live.core);
    let found = f.needles.search(&live.core, &segs);
    assert!(
        found.iter().any(|l| l.starts_with("master secret in hex")),
        "self-check: the secret being printed was not found in a dump taken while it is live; \
         the dump or the search is broken. Found: {found:?}\n{}",
        live.log
    );
    eprintln!(
        "self-check: dump of {} KiB taken while the secret is live; the search finds {} pattern(s)",
        live.core.len() / 1024,
        found.len()
    );

    let mut failures = Vec::new();
    let mut sizes = Vec::new();
    for (i, p) in paths.iter().enumerate() {
        let t = Instant::now();
        let args: Vec<&str> = p.args.iter().map(String::as_str).collect();
        let name = format!("path{i}");
        let dumped = dump(d, &name, &args, &p.input, &f.canary, false);
        for e in &p.expect {
            assert!(
                dumped.log.contains(e.as_str()),
                "{}: the output lacks {e:?}; the command did not run as intended:\n{}",
                p.name,
                dumped.log
            );
        }
        for file in &p.files {
            assert!(
                d.join(file).exists(),
                "{}: {file} was not written\n{}",
                p.name,
                dumped.log
            );
        }
        assert!(
            !dumped.log.contains("panicked") && !dumped.log.contains("error:"),
            "{}: the command failed:\n{}",
            p.name,
            dumped.log
        );
        // Shares this run made (printed by split and extend) are secrets too.
        let mut needles = Needles::default();
        needles.share_lines(p.name, &dumped.log);
        let segs = segments(&dumped.core);
        assert!(
            memchr_find(&dumped.core, f.canary.as_bytes()),
            "{}: the dump lacks the canary from the environment (top of the stack): \
             the dump method is broken",
            p.name
        );
        let mut found = f.needles.search(&dumped.core, &segs);
        found.extend(needles.search(&dumped.core, &segs));
        // Outside the loaded segments a core file holds only its notes: the registers at the
        // stop, among them the vector registers (NT_X86_XSTATE), which may still hold the last
        // 32 to 64 bytes a copy moved (the text just written to standard output, say). They
        // are not memory: the kernel discards them at exit, and seedshard writes no core
        // file (docs/threat-model.md). They are shown, and memory alone decides the test.
        let (registers, found): (Vec<String>, Vec<String>) =
            found.into_iter().partition(|f| f.contains("(no segment)"));
        for r in &registers {
            eprintln!("{}: in the registers, not memory: {r}", p.name);
        }
        sizes.push(dumped.core.len());
        eprintln!(
            "{}: dump {} KiB, {} finding(s), {:.1} s",
            p.name,
            dumped.core.len() / 1024,
            found.len(),
            t.elapsed().as_secs_f64()
        );
        if !found.is_empty() {
            failures.push(format!("{}:\n  {}", p.name, found.join("\n  ")));
        }
    }
    eprintln!(
        "{} paths dumped ({} to {} KiB) in {:.1} s",
        paths.len(),
        sizes.iter().min().unwrap() / 1024,
        sizes.iter().max().unwrap() / 1024,
        started.elapsed().as_secs_f64()
    );
    assert!(
        failures.is_empty(),
        "secrets left in memory at exit:\n{}",
        failures.join("\n")
    );
}

fn memchr_find(hay: &[u8], needle: &[u8]) -> bool {
    AhoCorasick::new([needle]).unwrap().is_match(hay)
}

fn main() {
    let need = common::tool_need("gdb", "--version", "gdb")
        .and_then(|()| common::tool_need("python3", "--version", "python3"));
    common::Harness::new(include_str!("memory_dump.rs"))
        .needs(
            "no_secret_is_left_in_memory_at_exit",
            &need,
            no_secret_is_left_in_memory_at_exit,
        )
        .run()
}
