//! Processes: psutil's `Process` class, `pids()` and `pid_exists()`.
//!
//! Everything is read from `/proc/<pid>` through a [`Process`] handle, which keeps that
//! directory open and (on the host) a pidfd, so that reads, signals and waits stay on
//! the process it was created for.

mod handle;
mod info;
mod pids;
mod signals;
mod tree;
mod types;

pub use handle::Process;
pub use pids::{pid_exists, pids};
pub use types::{
    CtxSwitches, Gids, MemoryInfo, ProcessCpuTimes, ProcessIoCounters, ProcessThread, Status, Uids,
};
