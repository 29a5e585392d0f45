//! Process hardening, best effort: the process holds secrets, so it should not leave them in
//! a core dump or in swap.
//!
//! - Core dumps are disabled (RLIMIT_CORE = 0), and the process is marked non-dumpable, which
//!   also stops other processes of the same user from attaching a debugger to it (Linux).
//! - Memory is locked against swapping (mlockall, current and future pages) when the
//!   locked-memory limit is unlimited or at least [`MIN_MEMLOCK_FOR_LOCKING`], or the process
//!   may lock any amount (CAP_IPC_LOCK, e.g. root). With a smaller limit (8 MiB by default),
//!   locking future pages would make ordinary allocations fail once the limit is reached, so
//!   only the memory mapped at start is locked, when it fits; and when swap is in use a
//!   `note:` says that secrets could reach it. The threat model recommends a computer without
//!   swap (or with encrypted swap) for that reason.
//! - Freed memory is wiped by the global allocator (see `main.rs`), and the stack by
//!   [`wipe_stack`] before `main` returns.
//!
//! Failures are ignored: none of this is possible everywhere, and seedshard must still work.

/// The locked-memory limit from which seedshard locks all its memory, present and future
/// (1 GiB); a process with the CAP_IPC_LOCK capability (root) is not bound by the limit.
#[cfg(unix)]
pub const MIN_MEMLOCK_FOR_LOCKING: u64 = 1 << 30;

/// How much of its memory the process could lock against swapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locked {
    /// All memory, present and future.
    All,
    /// The memory mapped at start (stack included, which stays locked as it grows), not the
    /// memory allocated later.
    AtStart,
    /// None.
    Nothing,
}

/// Applies the hardening that the OS allows, and says (in a `note:` on standard error) when
/// memory could not be locked on a computer that has swap.
#[cfg(unix)]
pub fn harden() -> Locked {
    use rustix::mm::{mlockall, MlockAllFlags};
    use rustix::process::{getrlimit, setrlimit, Resource, Rlimit};
    let _ = setrlimit(
        Resource::Core,
        Rlimit {
            current: Some(0),
            maximum: Some(0),
        },
    );
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        let _ =
            rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable);
    }
    let limit = getrlimit(Resource::Memlock).current;
    let generous = limit.is_none_or(|bytes| bytes >= MIN_MEMLOCK_FOR_LOCKING) || may_lock_any();
    // Pages are locked as they are first touched (MCL_ONFAULT, Linux 4.4 and later), so the
    // mapped but unused parts of the binary and its libraries count for nothing.
    let try_lock = |flags: MlockAllFlags| {
        mlockall(flags | MlockAllFlags::ONFAULT).is_ok() || mlockall(flags).is_ok()
    };
    let locked = if generous && try_lock(MlockAllFlags::CURRENT | MlockAllFlags::FUTURE) {
        Locked::All
    } else if try_lock(MlockAllFlags::CURRENT) {
        // With a small limit (8 MiB by default), locking future pages would make ordinary
        // allocations fail once the limit is reached; the memory mapped now is locked when
        // all of it fits the limit (the kernel refuses otherwise).
        Locked::AtStart
    } else {
        Locked::Nothing
    };
    if locked != Locked::All && swap_in_use() {
        let limit = limit.map_or("unlimited".to_string(), |b| format!("{} KiB", b / 1024));
        let what = if locked == Locked::AtStart {
            "memory could be locked against swapping only in part"
        } else {
            "memory could not be locked against swapping"
        };
        eprintln!(
            "note: {what} (locked-memory limit {limit}) and this computer has swap, so secrets could be written to disk; prefer a computer without swap or with encrypted swap"
        );
    }
    locked
}

/// True when the process has the CAP_IPC_LOCK capability (Linux), which lifts the
/// locked-memory limit.
#[cfg(unix)]
fn may_lock_any() -> bool {
    const CAP_IPC_LOCK: u32 = 14;
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let hex = status.lines().find_map(|l| l.strip_prefix("CapEff:"))?;
            u64::from_str_radix(hex.trim(), 16).ok()
        })
        .is_some_and(|caps| caps & (1 << CAP_IPC_LOCK) != 0)
}

/// True when swap is in use (Linux: a device or file listed in /proc/swaps).
#[cfg(unix)]
fn swap_in_use() -> bool {
    std::fs::read_to_string("/proc/swaps")
        .is_ok_and(|s| s.lines().skip(1).any(|l| !l.trim().is_empty()))
}

/// Applies the hardening that the OS allows (none on this platform).
#[cfg(not(unix))]
pub fn harden() -> Locked {
    Locked::Nothing
}

pub use seedshard::secret::wipe_stack;
