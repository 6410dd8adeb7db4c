//! The macOS process backend: the contract of the Linux one (see
//! `sys/linux/process/mod.rs`), with psutil's macOS calls (psutil-platforms.md §4.2),
//! its error mapping (§5.2) and its identity, the `kinfo_proc` start time (§5.4).
//!
//! | file | what |
//! |---|---|
//! | handle.rs | `Handle` (identity), `oneshot` cache (`kinfo_proc`, `proc_taskinfo`), liveness, reuse checks, error mapping |
//! | listing.rs | `pids`, `pid_exists`, `process_iter`'s listing, `children`'s map (`KERN_PROC_ALL`) |
//! | info.rs | ppid, name, status, create_time, cpu_times, counts, nice, memory_info, ids, terminal, username, exe, cmdline, environ, cwd |
//! | files.rs | open_files, num_fds, net_connections (libproc descriptors) |
//! | task.rs | threads, memory_full_info (USS), memory_percent (`task_for_pid`) |
//! | act.rs | signals, set_nice, wait |
//! | ext.rs | the attributes macOS has (`os::unix::ProcessExt` is `sys/unix/process.rs`) |
//! | table.rs | the process table from one `KERN_PROC_ALL` listing |

mod act;
mod ext;
mod files;
mod handle;
mod info;
mod listing;
mod table;
mod task;
mod types;

pub(crate) use crate::sys::one_system::{iter_scope, open_in, IterScope};
pub(crate) use crate::sys::unix::localtime::local_time;
pub(crate) use crate::sys::unix::process::pid_exists;
pub(crate) use crate::sys::unix::process::signal_shortcuts::{kill, resume, suspend, terminate};
pub(crate) use act::{send_signal, set_nice, wait, wait_any};
pub(crate) use ext::{platform_attr, ATTRS};
pub(crate) use files::{net_connections, num_fds, open_files};
pub(crate) use handle::{
    check_not_reused, is_running, open, open_child, open_like, pid_taken, Handle, OneshotCache,
};
pub(crate) use info::{
    cmdline, cpu_times, create_time, cwd, environ, exe, gids, memory_info, name, nice,
    num_ctx_switches, num_threads, ppid, status, terminal, uids, username,
};
pub(crate) use listing::{list_keyed, pids, ppid_map, same_key};
pub(crate) use table::{TableReader, INFO_STAMP};
pub(crate) use task::{memory_full_info, memory_percent, threads};

#[cfg(any(test, feature = "test-hooks"))]
pub use table::TableReads;
pub use types::{
    Gids, IoNice, MemoryFullInfo, MemoryInfo, MemoryMap, MemoryMapExt, NoValue, OpenFile,
    ProcessCpuTimes, ProcessIoCounters, Uids,
};

/// A monotonic clock reading, in seconds (the table's read times).
pub(crate) fn monotonic() -> f64 {
    use std::sync::OnceLock;
    use std::time::Instant;
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64()
}

/// Nothing to do on macOS: the scheduler places the table's threads.
pub(crate) fn start_on_another_cpu<T>(_thread: &std::thread::JoinHandle<T>) {}
