//! psutil's system and process utilities, rebuilt in Rust for Linux.
//!
//! The API follows psutil 7 name for name: [`virtual_memory`], `cpu_times`,
//! `disk_usage`, `net_connections` and so on, returning structs whose fields carry
//! psutil's names in psutil's order. Where psutil switches on a flag (`percpu`,
//! `perdisk`, `pernic`) there are two functions.
//!
//! # Where data comes from
//! Every item documents the kernel file or syscall it reads. Files are read through a
//! [`Root`], which defaults to the host's `/proc` and `/sys` and can be pointed at any
//! directory tree (psutil's `PROCFS_PATH`): [`set_procfs_path`] for the free functions,
//! or the methods of a [`Root`] value.
//!
//! # Errors
//! One [`Error`] type with psutil's kinds. A file the running kernel lacks is handled by
//! a fallback or by `None`; a malformed file is [`Error::Parse`] naming the file and
//! line. Nothing in this crate panics on kernel data.
//!
//! # Layers
//! - [`parse`]: pure parsers, one module per kernel file.
//! - `sys`: the only code doing I/O, syscalls or `unsafe` (Linux today).
//! - the area modules (memory, cpu, disk, net, sensors, users), which combine the two.
//!
//! # Features
//! - `serde` (default): `Serialize` for every returned struct.

#![deny(missing_docs)]
#![deny(unsafe_code)]
#![deny(rustdoc::broken_intra_doc_links)]
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod boot;
mod error;
mod memory;
mod nowrap;
pub mod parse;
mod percent;
mod root;
mod sys;

pub use error::{Error, Pid, Result};
pub use root::{procfs_path, set_procfs_path, Root};

// memory
pub use boot::{boot_time, boot_time_system};
pub use memory::{swap_memory, virtual_memory, SwapMemory, VirtualMemory};

// process
mod process;
pub use process::{
    pid_exists, pids, wait_procs, CtxSwitches, Gids, Gone, IoClass, IoNice, MemoryFullInfo,
    MemoryInfo, MemoryMap, MemoryMapExt, OpenFile, Popen, Process, ProcessCpuTimes,
    ProcessIoCounters, ProcessThread, RlimitResource, Status, Uids, RLIM_INFINITY,
};
