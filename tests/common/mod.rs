//! What the test files share: whether they run in CI, and running the `seedshard` binary as a
//! user does.
//!
//! Each test file is its own crate and uses only some of these.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// What a test needs from outside the repository (a tool, a reference implementation): `Ok`
/// with it, or `Err` saying what is missing and how to get it.
pub type Need<T> = Result<T, String>;

/// The tests of a file whose tests need outside tools, run by `libtest-mimic` (the file is a
/// `harness = false` test target) so that a test whose tool is missing is reported as
/// **ignored**, in its own line and in the summary (`N passed; 0 failed; M ignored`), never
/// as a silent "ok". Under CI ([`in_ci`]) a missing tool fails the test instead, with the
/// reason. A test ignored for a missing tool that is run anyway (`-- --ignored`) fails with
/// the reason too: it never passes without having run.
///
/// In such a file `#[test]` does nothing: every test is added here ([`Harness::run`] refuses
/// a file that still has one, so that no test is silently left out).
pub struct Harness {
    source: &'static str,
    trials: Vec<libtest_mimic::Trial>,
    missing: Vec<String>,
}

impl Harness {
    /// The tests of the file whose text is `source` (`include_str!` of the file itself).
    pub fn new(source: &'static str) -> Self {
        Self {
            source,
            trials: Vec::new(),
            missing: Vec::new(),
        }
    }

    /// A test that needs nothing from outside.
    pub fn test(mut self, name: &str, test: fn()) -> Self {
        self.trials.push(libtest_mimic::Trial::test(name, move || {
            test();
            Ok(())
        }));
        self
    }

    /// A test that needs `need`: run when it is there; otherwise ignored (outside CI) or
    /// failed (in CI), naming what is missing.
    pub fn needs<T>(mut self, name: &str, need: &Need<T>, test: fn()) -> Self {
        match need {
            Ok(_) => return self.test(name, test),
            Err(why) if in_ci() => {
                let why = format!("required under CI: {why}");
                self.trials
                    .push(libtest_mimic::Trial::test(name, move || Err(why.into())));
            }
            Err(why) => {
                self.missing.push(format!("{name}: {why}"));
                let why = format!("not run: {why}");
                self.trials.push(
                    libtest_mimic::Trial::test(name, move || Err(why.into()))
                        .with_ignored_flag(true),
                );
            }
        }
        self
    }

    /// A test that cannot run on this platform (`why`): ignored, in CI too.
    pub fn not_here(mut self, name: &str, why: &str) -> Self {
        self.missing.push(format!("{name}: {why}"));
        let why = format!("not run: {why}");
        self.trials.push(
            libtest_mimic::Trial::test(name, move || Err(why.into())).with_ignored_flag(true),
        );
        self
    }

    /// Runs the tests as `cargo test` asked (filters, `--ignored`, `--list`, threads) and
    /// exits with libtest's exit code.
    pub fn run(self) -> ! {
        let attribute = concat!("#[", "test]");
        assert!(
            !self.source.lines().any(|l| l.trim() == attribute),
            "this test file runs through common::Harness: add the test to its main() instead of marking it {attribute}"
        );
        if !self.missing.is_empty() {
            eprintln!(
                "ignored because something they need is missing (CI=true fails them instead):"
            );
            for m in &self.missing {
                eprintln!("  {m}");
            }
        }
        libtest_mimic::run(&libtest_mimic::Arguments::from_args(), self.trials).exit()
    }
}

/// True in CI: `CI` set to any non-empty value other than `0` or `false` (GitHub Actions and
/// most CI systems set `CI=true`; some set `1` or their name). In CI a missing tool or
/// reference implementation fails the test instead of skipping it.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}

/// `seedshard split` of a new secret into two groups (2 of 3 and 2 of 2, both needed), as
/// JSON: the set the roll-call, plan and JSON document tests start from.
pub const TWO_GROUP_SPLIT: &[&str] = &[
    "split",
    "--group",
    "2of3",
    "--group",
    "2of2",
    "--group-threshold",
    "2",
    "--generate",
    "--json",
];

/// Runs `seedshard ARGS` with `stdin` as its standard input (not a terminal).
pub fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_seedshard"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that exits before reading its input closes the pipe: not a failure here.
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).ok();
    child.wait_with_output().unwrap()
}

/// What the run wrote to standard output.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// What the run wrote to standard error.
pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Writes `content` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, content: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

/// The share lines of a share file (comments and blank lines left out).
pub fn share_lines(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// A path as a `&str` argument.
pub fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Asserts the run succeeded (exit 0), showing its standard error otherwise.
pub fn assert_ok(o: &Output) {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(o));
}

/// Asserts a clean input error: exit 2, exactly one `error:` line then one `hint:` line,
/// `needle` in them, no panic, nothing on standard output and none of `secrets` on standard
/// error.
pub fn assert_input_error(o: &Output, needle: &str, secrets: &[&str]) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "stderr: {err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "one error line and one hint line: {err}");
    assert!(lines[0].starts_with("error: "), "{err}");
    assert!(lines[1].starts_with("hint: "), "{err}");
    assert!(err.contains(needle), "expected {needle:?} in {err}");
    assert!(!err.contains("panicked"), "{err}");
    for s in secrets {
        assert!(!err.contains(s), "stderr leaks {s:?}: {err}");
    }
    assert!(o.stdout.is_empty(), "no output on error: {}", stdout(o));
}

/// CRC-32 (ISO-HDLC), as PNG chunks use it: for building and damaging images by hand.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

/// The Python interpreter of the reference implementations: `SEEDSHARD_REF_PYTHON`, else
/// `.venv/bin/python` in the repository, if `probe` accepts it. Otherwise `None` with a
/// message saying how to get one (`how`), outside CI; in CI a missing reference fails the
/// test (`what` names it).
pub fn reference_python(
    what: &str,
    how: &str,
    probe: impl FnOnce(&Path) -> Result<(), String>,
) -> Option<PathBuf> {
    match reference_python_need(what, how, probe) {
        Ok(python) => Some(python),
        Err(problem) => {
            assert!(!in_ci(), "{problem}");
            eprintln!("skipping: {problem}");
            None
        }
    }
}

/// The Python interpreter of the reference implementations (see [`reference_python`]), as a
/// [`Need`] for [`Harness::needs`].
pub fn reference_python_need(
    what: &str,
    how: &str,
    probe: impl FnOnce(&Path) -> Result<(), String>,
) -> Need<PathBuf> {
    let candidate = std::env::var_os("SEEDSHARD_REF_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python"));
    let problem = if !candidate.exists() {
        format!("{} does not exist", candidate.display())
    } else {
        match probe(&candidate) {
            Ok(()) => return Ok(candidate),
            Err(e) => format!("{}: {e}", candidate.display()),
        }
    };
    Err(format!("the {what} is missing: {problem}; {how}"))
}

/// `Ok` when `tool ARG` runs and exits 0, else what is missing and the Debian package that
/// has it (`package`).
pub fn tool_need(tool: &str, arg: &str, package: &str) -> Need<()> {
    match std::process::Command::new(tool).arg(arg).output() {
        Ok(o) if o.status.success() => Ok(()),
        Ok(o) => Err(format!("`{tool} {arg}` exits with {}", o.status)),
        Err(e) => Err(format!(
            "`{tool}` does not run ({e}): apt-get install {package}, or run .ci/run"
        )),
    }
}

/// The QR payloads `zbarimg` reads in the image at `path`, one a code, in its order
/// (`--raw`, QR codes only). zbarimg exits 4 when it finds no code: an empty list here.
pub fn zbarimg(path: &Path) -> Vec<String> {
    let out = Command::new("zbarimg")
        .args(["--raw", "-q", "-Sdisable", "-Sqrcode.enable"])
        .arg(path)
        .output()
        .unwrap_or_else(|e| panic!("zbarimg does not run: {e}"));
    assert!(
        out.status.success() || out.status.code() == Some(4),
        "zbarimg {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

/// Runs `python ARGS` with `requests` as a JSON array on its standard input and returns its
/// JSON array of answers, one per request.
pub fn run_python_json(
    python: &Path,
    args: &[&std::ffi::OsStr],
    requests: &[serde_json::Value],
) -> Result<Vec<serde_json::Value>, String> {
    let mut child = Command::new(python)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start: {e}"))?;
    let input = serde_json::to_vec(requests).expect("requests serialise");
    // Written from a thread so that a large answer cannot block the writer.
    let mut stdin = child.stdin.take().expect("piped stdin");
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child
        .wait_with_output()
        .map_err(|e| format!("cannot wait: {e}"))?;
    writer
        .join()
        .expect("writer thread")
        .map_err(|e| format!("cannot write requests: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "exited with {}: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let answers: Vec<serde_json::Value> =
        serde_json::from_slice(&out.stdout).map_err(|e| format!("bad JSON answer: {e}"))?;
    if answers.len() != requests.len() {
        return Err(format!(
            "{} answers to {} requests",
            answers.len(),
            requests.len()
        ));
    }
    Ok(answers)
}

/// Runs the SLIP-39 reference driver (`tests/interop/reference.py`, on `shamir-mnemonic`).
pub fn run_slip39_reference(
    python: &Path,
    requests: &[serde_json::Value],
) -> Result<Vec<serde_json::Value>, String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/reference.py");
    run_python_json(python, &[script.as_os_str()], requests)
}

/// The interpreter with `shamir-mnemonic` 0.3.0 (see [`reference_python`]).
pub fn slip39_reference_python() -> Option<PathBuf> {
    match slip39_reference_need() {
        Ok(python) => Some(python),
        Err(problem) => {
            assert!(!in_ci(), "{problem}");
            eprintln!("skipping: {problem}");
            None
        }
    }
}

/// The interpreter with `shamir-mnemonic` 0.3.0, as a [`Need`].
pub fn slip39_reference_need() -> Need<PathBuf> {
    reference_python_need(
        "SLIP-39 reference implementation",
        "create it with: python3 -m venv .venv && .venv/bin/pip install \
         shamir-mnemonic==0.3.0 (or point SEEDSHARD_REF_PYTHON at a python that has it)",
        |python| {
            let answers = run_slip39_reference(python, &[serde_json::json!({"op": "version"})])
                .map_err(|e| format!("cannot run the reference: {e}"))?;
            if answers[0]["version"] == "0.3.0" {
                Ok(())
            } else {
                Err(format!(
                    "has shamir-mnemonic {} instead of 0.3.0",
                    answers[0]["version"]
                ))
            }
        },
    )
}
