//! The process structs whose fields are macOS's (psutil's `_psosx` named tuples:
//! `pcputimes`, `pmem`, `pfullmem`, `popenfile`; `puids` and `pgids` are every POSIX
//! platform's, from `sys/unix/process.rs`), re-exported by the public process module,
//! and the placeholders for the types of methods psutil lacks on macOS (`io_counters`,
//! `memory_maps`, `ionice`).

pub use crate::sys::unix::process::{Gids, Uids};

/// CPU times of one process, in seconds. psutil's `pcputimes` on macOS:
/// `proc_pidinfo(PROC_PIDTASKINFO)`'s `pti_total_user` / `pti_total_system` (Mach time
/// units × `mach_timebase_info`); the children's times are always 0, as in psutil.
#[doc(alias = "pcputimes")]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ProcessCpuTimes {
    /// `pti_total_user`: time in user mode.
    pub user: f64,
    /// `pti_total_system`: time in the kernel.
    pub system: f64,
    /// Always 0 on macOS.
    pub children_user: f64,
    /// Always 0 on macOS.
    pub children_system: f64,
}

/// Memory of one process. psutil's `pmem` on macOS, from
/// `proc_pidinfo(PROC_PIDTASKINFO)`: `rss` and `vms` in bytes, `pfaults` and `pageins`
/// are counts.
#[doc(alias = "pmem")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MemoryInfo {
    /// `pti_resident_size`: resident set size, bytes.
    pub rss: u64,
    /// `pti_virtual_size`: virtual size, bytes.
    pub vms: u64,
    /// `pti_faults`: page faults (a count).
    pub pfaults: u64,
    /// `pti_pageins`: page-ins (a count).
    pub pageins: u64,
}

/// [`MemoryInfo`] plus USS, in bytes. psutil's `pfullmem` on macOS.
#[doc(alias = "pfullmem")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MemoryFullInfo {
    /// psutil's first fields, as [`Process::memory_info`](crate::Process::memory_info)
    /// gives them (serialized inline, as psutil's namedtuple has them).
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub memory_info: MemoryInfo,
    /// Unique set size: the private resident pages (`mach_vm_region(VM_REGION_TOP_INFO)`
    /// over the task, `SM_PRIVATE` regions and `SM_COW` ones referenced once, the
    /// shared library region left out) × the page size. Needs `task_for_pid`.
    pub uss: u64,
}

/// An open file. psutil's `popenfile` on macOS (`proc_pidfdinfo(PROC_PIDFDVNODEPATHINFO)`).
#[doc(alias = "popenfile")]
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct OpenFile {
    /// `pvip.vip_path`: the file's path.
    pub path: std::path::PathBuf,
    /// The descriptor (`proc_fd`).
    pub fd: i32,
}

pub use crate::sys::no_value::NoValue;

/// psutil has no `io_counters()` on macOS: nothing (see [`NoValue`]).
pub type ProcessIoCounters = NoValue;
/// psutil has no `memory_maps()` on macOS: nothing (see [`NoValue`]).
pub type MemoryMap = NoValue;
/// psutil has no `memory_maps(grouped=False)` on macOS: nothing (see [`NoValue`]).
pub type MemoryMapExt = NoValue;
/// psutil has no `ionice()` on macOS: nothing (see [`NoValue`]).
pub type IoNice = NoValue;

// the common types, for the backend's own use
pub(crate) use crate::process::{CtxSwitches, ProcessConnection, ProcessThread, Status};
