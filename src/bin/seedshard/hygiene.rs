//! Process hardening, best effort: the process holds secrets, so it should not leave them in
//! a core dump or in swap.
//!
//! - Core dumps are disabled (RLIMIT_CORE = 0), and the process is marked non-dumpable, which
//!   also stops other processes of the same user from attaching a debugger to it (Linux).
//! - Memory is locked (mlockall, current and future pages) only when the locked-memory limit
//!   is unlimited or at least [`MIN_MEMLOCK_FOR_LOCKING`]: with a small limit, locking future
//!   pages would make ordinary allocations fail. Otherwise swap may hold secrets; the threat
//!   model recommends a computer without swap (or with encrypted swap) for that reason.
//!
//! Failures are ignored: none of this is possible everywhere, and seedshard must still work.

/// The locked-memory limit from which seedshard locks all its memory (1 GiB).
#[cfg(unix)]
pub const MIN_MEMLOCK_FOR_LOCKING: u64 = 1 << 30;

/// Applies the hardening that the OS allows.
#[cfg(unix)]
pub fn harden() {
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
    let limit = getrlimit(Resource::Memlock);
    let generous = limit
        .current
        .is_none_or(|bytes| bytes >= MIN_MEMLOCK_FOR_LOCKING);
    if generous {
        use rustix::mm::{mlockall, MlockAllFlags};
        let _ = mlockall(MlockAllFlags::CURRENT | MlockAllFlags::FUTURE);
    }
}

/// Applies the hardening that the OS allows (none on this platform).
#[cfg(not(unix))]
pub fn harden() {}
