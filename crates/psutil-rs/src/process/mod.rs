//! Processes: psutil's `Process` class, `pids()`, `pid_exists()`, `process_iter()`,
//! `wait_procs()`, `Popen`, and the `as_dict` attribute names.
//!
//! This module holds what is the same on every platform: the [`Process`] struct with
//! its identity, the methods psutil has everywhere (each delegating to the backend's
//! function of the same name in `sys::process`, whose module docs give the contract),
//! and the neutral logic (`cpu_percent`, the parent/children tree, `process_iter`'s
//! cache, `wait_procs`, `as_dict`, the process table's threads and its record). The
//! structs whose fields differ by platform, the platform-only methods (extension traits
//! in [`crate::os`]) and the reading of each process of the table are defined by the
//! backend and re-exported here; the backend adds to the table's record
//! ([`ProcessInfo`]) the accessors of its own.

mod act;
mod attrs;
mod handle;
mod info;
mod iter;
mod pids;
mod repr;
mod spawn;
pub(crate) mod stamped;
pub(crate) mod table;
mod tree;
mod types;

pub use attrs::{Attr, AttrSet, Value};
pub use handle::Process;
pub use iter::{process_iter, process_iter_cache_clear};
pub use pids::{pid_exists, pids};
pub use spawn::{wait_procs, Gone, Popen};
pub use types::{CtxSwitches, ProcessConnection, ProcessThread, Status};

// defined by the platform's backend (their fields are the platform's)
pub use crate::sys::process::{
    MemoryFullInfo, MemoryInfo, MemoryMap, MemoryMapExt, OpenFile, ProcessCpuTimes,
    ProcessIoCounters,
};
// the process table: the threads and the record here, each process read by the backend
#[cfg(feature = "test-hooks")]
pub use crate::sys::process::TableReads;
pub(crate) use table::info_accessors;
pub use table::{process_table, ProcessInfo, ProcessTable, TableBatch, TableStream};

pub(crate) use attrs::dict_value;
pub(crate) use handle::MSG_REUSED;
pub(crate) use iter::forget;
