//! The FreeBSD process backend: the contract of the Linux one (see
//! `sys/linux/process/mod.rs`), with psutil's FreeBSD calls (psutil-platforms.md §4.3),
//! its error mapping (§5.3) and its identity, the start time (§5.4). Everything is
//! read through sysctl (`kern.proc.*`), decoded by [`crate::parse::freebsd`]; no libkvm
//! or libutil.
//!
//! | file | what |
//! |---|---|
//! | calls.rs | the per-process sysctls, raw |
//! | handle.rs | `Handle` (identity), `oneshot` cache (the `kinfo_proc`), liveness, reuse checks, errors |
//! | listing.rs | `pids`, `pid_exists`, `process_iter`'s listing, `children`'s map |
//! | info.rs | the `kinfo_proc` methods, name, exe, cmdline, environ, threads, username |
//! | files.rs | cwd, num_fds, open_files, net_connections, memory_maps |
//! | knobs.rs | cpu_affinity, rlimit |
//! | act.rs | signals, set_nice, wait |
//! | ext.rs | `os::freebsd::ProcessExt`, `ATTRS`, `platform_attr` (`os::unix::ProcessExt` is `sys/unix/process.rs`) |
//! | table.rs | the process table from one `kern.proc.proc` snapshot |

mod act;
mod calls;
mod ext;
mod files;
mod handle;
mod info;
mod knobs;
mod listing;
mod table;
mod types;

pub(crate) use crate::sys::one_system::{iter_scope, open_in, IterScope};
pub(crate) use crate::sys::unix::localtime::local_time;
pub(crate) use crate::sys::unix::process::pid_exists;
pub(crate) use crate::sys::unix::process::signal_shortcuts::{kill, resume, suspend, terminate};
pub(crate) use act::{send_signal, set_nice, wait, wait_any};
pub(crate) use ext::{platform_attr, ATTRS};
pub(crate) use files::{cwd, net_connections, num_fds, open_files};
pub(crate) use handle::{
    check_not_reused, is_running, open, open_child, open_like, pid_taken, Handle, OneshotCache,
};
pub(crate) use info::{
    cmdline, cpu_times, create_time, environ, exe, gids, memory_full_info, memory_info,
    memory_percent, name, nice, num_ctx_switches, num_threads, ppid, status, terminal, threads,
    uids, username,
};
pub(crate) use listing::{list_keyed, pids, ppid_map, same_key};
pub(crate) use table::{TableReader, INFO_STAMP};

pub use ext::FreeBsdProcessExt;
#[cfg(any(test, feature = "test-hooks"))]
pub use table::TableReads;
pub use types::{
    Gids, IoNice, MemoryFullInfo, MemoryInfo, MemoryMap, MemoryMapExt, NoValue, OpenFile,
    ProcessCpuTimes, ProcessIoCounters, RlimitResource, Uids, RLIM_INFINITY,
};

/// A monotonic clock reading, in seconds (the table's read times).
pub(crate) fn monotonic() -> f64 {
    use std::sync::OnceLock;
    use std::time::Instant;
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64()
}

/// Nothing to do on FreeBSD: the scheduler places the table's threads.
pub(crate) fn start_on_another_cpu<T>(_thread: &std::thread::JoinHandle<T>) {}
