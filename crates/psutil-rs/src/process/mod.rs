//! Processes: psutil's `Process` class, `pids()` and `pid_exists()`.
//!
//! Everything is read from `/proc/<pid>` through a [`Process`] handle, which keeps that
//! directory open and (on the host) a pidfd, so that reads, signals and waits stay on
//! the process it was created for.

mod files;
mod handle;
mod info;
mod memory;
mod pids;
mod sched;
mod signals;
mod spawn;
mod tree;
mod types;

pub use handle::Process;
pub use pids::{pid_exists, pids};
pub use spawn::{wait_procs, Gone, Popen};
pub use types::{
    CtxSwitches, Gids, IoClass, IoNice, MemoryFullInfo, MemoryInfo, MemoryMap, MemoryMapExt,
    OpenFile, ProcessCpuTimes, ProcessIoCounters, ProcessThread, RlimitResource, Status, Uids,
    RLIM_INFINITY,
};
