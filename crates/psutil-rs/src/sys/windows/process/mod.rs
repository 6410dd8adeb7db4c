//! The Windows process backend: the contract of the Linux one (see
//! `sys/linux/process/mod.rs`), with psutil's Windows calls (psutil-platforms.md §4.1),
//! its error mapping (§5.1) and its identity, the creation time (§5.4). Every value is
//! read with the process handle psutil uses, or from the `SystemProcessInformation`
//! snapshot (snapshot.rs) where psutil reads it there; where Wine 8 lacks or fakes a
//! call (wine-coverage.md), the fallback taken is documented on the function.
//!
//! | file | what |
//! |---|---|
//! | win.rs | owned handles, `OpenProcess` with psutil's errors, ntdll exports at run time |
//! | snapshot.rs | `SystemProcessInformation` |
//! | handle.rs | `Handle` (identity), `oneshot` cache, liveness, reuse checks |
//! | listing.rs | `pids`, `pid_exists`, `process_iter`'s listing, `children`'s map |
//! | info.rs | ppid, name, exe, status, create_time, cpu_times, counts, nice, memory_info, threads |
//! | image.rs | `SystemProcessIdInformation` (exe without a handle) |
//! | account.rs | username |
//! | peb.rs | cmdline, cwd, environ |
//! | memory.rs | memory_full_info (USS), memory_percent, memory_maps |
//! | knobs.rs | num_handles, io_counters, cpu_affinity, ionice |
//! | act.rs | signals, suspend/resume, terminate/kill, set_nice, wait |
//! | files.rs, sockets.rs | open_files, net_connections (sockets.rs is shared with the system-wide one) |
//! | table.rs | the process table from one snapshot |

mod account;
mod act;
mod ext;
mod files;
mod handle;
mod image;
mod info;
mod knobs;
mod listing;
mod localtime;
mod memory;
mod peb;
mod record;
mod snapshot;
pub(crate) mod sockets;
mod table;
mod types;
pub(crate) mod win;

pub(crate) use crate::sys::one_system::{iter_scope, open_in, IterScope};
pub(crate) use account::username;
pub(crate) use act::{kill, resume, send_signal, set_nice, suspend, terminate, wait, wait_any};
pub(crate) use ext::{platform_attr, ATTRS};
pub(crate) use files::{net_connections, open_files};
pub(crate) use handle::{
    check_not_reused, is_running, open, open_child, open_like, pid_taken, Handle, OneshotCache,
};
pub(crate) use info::{
    cpu_times, create_time, exe, memory_info, name, nice, num_ctx_switches, num_threads, ppid,
    status, threads,
};
pub(crate) use knobs::{
    cpu_affinity, io_counters, ionice, num_handles, set_cpu_affinity, set_ionice,
};
pub(crate) use listing::{list_keyed, pid_exists, pids, ppid_map, same_key};
pub(crate) use localtime::local_time;
pub(crate) use memory::{memory_full_info, memory_maps, memory_maps_ungrouped, memory_percent};
pub(crate) use peb::{cmdline, cwd, environ};
pub(crate) use table::{TableReader, INFO_STAMP};

pub use ext::WindowsProcessExt;
#[cfg(any(test, feature = "test-hooks"))]
pub use table::TableReads;
pub use types::{
    Gids, IoNice, IoPriority, MemoryFullInfo, MemoryInfo, MemoryMap, MemoryMapExt, NoValue,
    OpenFile, ProcessCpuTimes, ProcessIoCounters, Uids,
};

/// A monotonic clock reading, in seconds (the table's read times).
pub(crate) fn monotonic() -> f64 {
    use std::sync::OnceLock;
    use std::time::Instant;
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64()
}

/// Nothing to do on Windows: the scheduler places the table's threads.
pub(crate) fn start_on_another_cpu<T>(_thread: &std::thread::JoinHandle<T>) {}
