//! The Linux process backend: everything [`Process`](crate::Process) reads or does goes
//! through `/proc/<pid>` (read relative to a directory handle opened at creation),
//! pidfds and syscalls on the pid; the errno of each is mapped to psutil's kinds here.
//!
//! # The backend contract
//! What the portable `process` module needs from a platform backend, so that a
//! Windows backend can provide the same:
//!
//! - **Handle**: `Handle` (the platform part of a `Process`: here the root, the start
//!   time, the `/proc/<pid>` directory and the pidfd) with
//!   `Handle::start_stamp() -> Option<u64>` (a creation stamp, comparable between
//!   processes: the pid plus it is [`Process::identity`](crate::Process::identity)),
//!   and `OneshotCache` (what `oneshot` caches; `Default` + `clear()`).
//! - **Opening**: `open(pid)` ([`Process::new`](crate::Process::new)),
//!   `open_like(p, pid)` (another pid read the same way as `p`), `open_child(pid)`
//!   ([`Popen`](crate::Popen)), `IterScope` / `iter_scope()` / `list_keyed(&scope)` /
//!   `same_key(p, key)` / `open_in(&scope, pid)` ([`process_iter`](crate::process_iter)'s
//!   cache: a listing of every pid with a key that stays the same while a cached
//!   instance's process lives).
//! - **Liveness and identity**: `is_running(p)`, `check_not_reused(p)` (NoSuchProcess
//!   "PID has been reused"), `pid_taken(p)` (someone holds the pid now, for `repr`),
//!   `ppid_map(p)` (every `(pid, ppid)`, for `children`), `pids()`, `pid_exists(pid)`.
//! - **One function per common `Process` method**, same name, taking `p: &Process`
//!   first: `ppid`, `name`, `status`, `create_time`, `cpu_times`, `num_threads`,
//!   `nice`, `num_ctx_switches`, `username`, `memory_info`, `cmdline`, `environ`,
//!   `exe`, `cwd`, `threads`, `memory_full_info`, `memory_percent`, `open_files`,
//!   `net_connections`, `send_signal`, `suspend`, `resume`, `terminate`, `kill`,
//!   `set_nice`, `wait`; and `wait_any(alive, remaining)` for
//!   [`wait_procs`](crate::wait_procs), `local_time(secs)` for `repr`.
//! - **Types whose fields are the platform's** (psutil's per-platform named tuples):
//!   `ProcessCpuTimes` (with `user` and `system`, which `cpu_percent` adds),
//!   `MemoryInfo`, `MemoryFullInfo`, `ProcessIoCounters`, `OpenFile`, `MemoryMap`,
//!   `MemoryMapExt`, `SmapsCounters`, and the platform's extension types
//!   (here `Uids`, `Gids`, `IoClass`, `IoNice`, `RlimitResource`, `RLIM_INFINITY`,
//!   `ProcessStatExt`, `ProcessFd`, `FdType`).
//! - **Extension traits** (`ext`): the platform-only methods, implemented for
//!   `Process` and listed in `psutil_rs::os::<platform>` by `../ext/process.rs`;
//!   `platform_attr(p, attr)` gives the `as_dict` value of their attributes, and
//!   `ATTRS` lists the attributes the platform has ([`AttrSet::all`](crate::AttrSet::all)).
//! - **The process table**: `TableReader` (`new(attrs)`, `attrs()`, `pid_reader(keep)`:
//!   the listing of a snapshot and the reader of one pid's record, `read_process(p)`,
//!   `begin()`, `check_current()`, `process(info)`, and for the threads `worker()`,
//!   `preload()`, `reserve_fds(n)`, `merge_reads`, `set_threads_used`),
//!   `keep_with_process`, the accessors of its own on the portable
//!   [`ProcessInfo`](crate::ProcessInfo) record (its identity stamp, named
//!   `INFO_STAMP` in its `Debug` output), and `monotonic()` /
//!   `start_on_another_cpu(thread)`. The threads and batches of
//!   [`ProcessTable`](crate::ProcessTable) are the portable module's.
//!
//! The backend may add private helpers on `Process` (`read`, `stat`, `map_err`, ...,
//! here in handle.rs and errors.rs); the portable module never calls them.

mod attrs;
pub(crate) mod calls;
mod conns;
mod dir;
mod entries;
mod errors;
pub(crate) mod ext;
mod extras;
mod files;
mod handle;
mod info;
mod iter;
mod knobs;
mod memory;
mod pids;
mod records;
mod sched;
mod signals;
mod spawn;
mod table;
mod tree;
mod types;

pub(crate) use calls::{for_each_name, open_listing};

pub(crate) use attrs::{platform_attr, ATTRS};
pub(crate) use conns::{local_time, net_connections, pid_taken};
pub(crate) use handle::{is_running, open, Handle, OneshotCache};
pub(crate) use info::*;
pub(crate) use iter::{iter_scope, list_keyed, open_in, same_key, IterScope};
pub(crate) use memory::*;
pub(crate) use pids::{pid_exists, pids};
pub(crate) use sched::*;
pub(crate) use signals::*;
pub(crate) use spawn::{open_child, wait_any};
pub(crate) use tree::{check_not_reused, open_like, ppid_map};
pub(crate) use {extras::*, files::*};

pub use extras::{FdType, ProcessFd, ProcessStatExt};
pub use knobs::{IoClass, IoNice, RlimitResource, RLIM_INFINITY};
#[cfg(any(test, feature = "test-hooks"))]
pub use table::TableReads;
pub(crate) use table::{TableReader, INFO_STAMP};

// for the table's reading threads
pub(crate) use super::syscalls::monotonic;
pub(crate) use super::threads::start_on_another_cpu;
pub use types::{
    Gids, MemoryFullInfo, MemoryInfo, MemoryMap, MemoryMapExt, OpenFile, ProcessCpuTimes,
    ProcessIoCounters, SmapsCounters, Uids,
};
