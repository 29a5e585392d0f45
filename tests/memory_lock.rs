//! The tool locks its memory against swapping when it may, and says so when it cannot on a
//! computer with swap: `VmLck` of a running `seedshard` (read from /proc while it waits for
//! its standard input) against what the process may lock.
//!
//! The second test needs root (to drop CAP_IPC_LOCK), `setpriv` and `prlimit` (util-linux):
//! without them it is reported as ignored. The file runs through `common::Harness`: add each
//! test to `main`.
#![cfg_attr(not(target_os = "linux"), allow(dead_code, unused_imports))]

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;

fn status_field(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs `combine -` (waiting on its standard input) under `wrapper`, returns the largest
/// VmLck seen (KiB) and what it printed on standard error.
fn locked_kib(wrapper: &[&str]) -> (u64, String) {
    let mut argv: Vec<&str> = wrapper.to_vec();
    argv.extend([env!("CARGO_BIN_EXE_seedshard"), "combine", "-"]);
    let mut child = Command::new(argv[0])
        .args(&argv[1..])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let start = Instant::now();
    let mut most = 0;
    // Wait until the process sleeps in its read of standard input (its hardening done).
    while start.elapsed() < Duration::from_secs(20) {
        let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        most = most.max(status_field(pid, "VmLck:").unwrap_or(0));
        let exe = std::fs::read_link(format!("/proc/{pid}/exe")).unwrap_or_default();
        if exe.ends_with("seedshard")
            && state.contains(") S ")
            && start.elapsed() > Duration::from_millis(300)
        {
            most = most.max(status_field(pid, "VmLck:").unwrap_or(0));
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.stdin.take().unwrap().write_all(b"").unwrap();
    let out = child.wait_with_output().unwrap();
    (most, String::from_utf8_lossy(&out.stderr).into_owned())
}

fn may_lock_any() -> bool {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let caps = status
        .lines()
        .find_map(|l| l.strip_prefix("CapEff:"))
        .and_then(|h| u64::from_str_radix(h.trim(), 16).ok())
        .unwrap_or(0);
    caps & (1 << 14) != 0
}

fn swap_in_use() -> bool {
    std::fs::read_to_string("/proc/swaps")
        .is_ok_and(|s| s.lines().skip(1).any(|l| !l.trim().is_empty()))
}

fn memory_is_locked_when_allowed_and_a_note_says_when_not() {
    let (kib, stderr) = locked_kib(&[]);
    eprintln!(
        "VmLck of seedshard combine: {kib} KiB; may lock any amount: {}",
        may_lock_any()
    );
    if may_lock_any() {
        assert!(
            kib > 0,
            "seedshard may lock its memory but VmLck is 0\n{stderr}"
        );
        assert!(!stderr.contains("could not be locked"), "{stderr}");
    } else if kib == 0 {
        assert_eq!(
            stderr.contains("memory could not be locked"),
            swap_in_use(),
            "the note must appear exactly when swap is in use\n{stderr}"
        );
    }
}

/// Under the default limit of 8 MiB and without CAP_IPC_LOCK (dropped with setpriv, as
/// root), the process locks at most the limit, still runs, and says when swap is at risk.
fn under_the_default_limit_the_tool_runs_and_says_when_swap_is_at_risk() {
    let (kib, stderr) = locked_kib(&[
        "prlimit",
        "--memlock=8388608:8388608",
        "setpriv",
        "--inh-caps=-ipc_lock",
        "--bounding-set=-ipc_lock",
        "--",
    ]);
    eprintln!("VmLck under an 8 MiB limit without CAP_IPC_LOCK: {kib} KiB");
    assert!(kib <= 8192, "{kib} KiB locked, over the limit");
    assert!(
        stderr.contains("the input holds no shares"),
        "the command ran: {stderr}"
    );
    let noted = stderr.contains("could not be locked") || stderr.contains("only in part");
    assert_eq!(
        noted,
        swap_in_use(),
        "a note exactly when swap is in use:\n{stderr}"
    );
}

fn main() {
    const FIRST: &str = "memory_is_locked_when_allowed_and_a_note_says_when_not";
    const SECOND: &str = "under_the_default_limit_the_tool_runs_and_says_when_swap_is_at_risk";
    let h = common::Harness::new(include_str!("memory_lock.rs"));
    if !cfg!(target_os = "linux") {
        h.not_here(FIRST, "the check reads /proc, on Linux")
            .not_here(SECOND, "the check reads /proc, on Linux")
    } else if may_lock_any() {
        h.test(
            FIRST,
            memory_is_locked_when_allowed_and_a_note_says_when_not,
        )
        .needs(
            SECOND,
            &common::tool_need("setpriv", "--version", "util-linux")
                .and_then(|()| common::tool_need("prlimit", "--version", "util-linux")),
            under_the_default_limit_the_tool_runs_and_says_when_swap_is_at_risk,
        )
    } else {
        h.test(
            FIRST,
            memory_is_locked_when_allowed_and_a_note_says_when_not,
        )
        .not_here(
            SECOND,
            "it drops CAP_IPC_LOCK, which this process does not have (run as root)",
        )
    }
    .run()
}
