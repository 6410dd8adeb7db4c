//! Processes: psutil's `Process` class, `pids()` and `pid_exists()`.
//!
//! Everything is read from `/proc/<pid>` through a [`Process`] handle, which keeps that
//! directory open and (on the host) a pidfd, so that reads, signals and waits stay on
//! the process it was created for.

mod attrs;
mod conns;
mod dir;
mod entries;
mod errors;
mod ext;
mod files;
mod handle;
mod info;
mod iter;
mod memory;
mod pids;
mod records;
mod sched;
mod signals;
mod spawn;
mod table;
mod tree;
mod types;

pub use attrs::{Attr, AttrSet, Value};
pub use ext::{FdType, ProcessFd, ProcessStatExt};
pub use handle::Process;
pub use iter::{process_iter, process_iter_cache_clear};
pub use pids::{pid_exists, pids};
pub use spawn::{wait_procs, Gone, Popen};
#[cfg(feature = "test-hooks")]
pub use table::TableReads;
pub use table::{process_table, ProcessInfo, ProcessTable, TableBatch, TableStream};
pub use types::{
    CtxSwitches, Gids, IoClass, IoNice, MemoryFullInfo, MemoryInfo, MemoryMap, MemoryMapExt,
    OpenFile, ProcessConnection, ProcessCpuTimes, ProcessIoCounters, ProcessThread, RlimitResource,
    SmapsCounters, Status, Uids, RLIM_INFINITY,
};
