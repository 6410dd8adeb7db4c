//! The process structs whose fields are Windows' (psutil's `_pswindows` named tuples:
//! `pcputimes`, `pmem`, `pfullmem`, `pio`, `popenfile`, `pmmap_*`), re-exported by the
//! public process module, and the Windows-only value types (`IoPriority`).

/// CPU times of one process, in seconds. psutil's `pcputimes` on Windows:
/// `GetProcessTimes` (or the `SystemProcessInformation` snapshot); the children's
/// times are always 0, as in psutil.
#[doc(alias = "pcputimes")]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ProcessCpuTimes {
    /// Time in user mode.
    pub user: f64,
    /// Time in kernel mode.
    pub system: f64,
    /// Always 0 on Windows.
    pub children_user: f64,
    /// Always 0 on Windows.
    pub children_system: f64,
}

/// Memory of one process, in bytes (`num_page_faults` is a count). psutil's `pmem` on
/// Windows: `GetProcessMemoryInfo(PROCESS_MEMORY_COUNTERS_EX)` (or the
/// `SystemProcessInformation` snapshot). `rss` is `wset`, `vms` is `pagefile`.
#[doc(alias = "pmem")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MemoryInfo {
    /// `WorkingSetSize`: resident set size.
    pub rss: u64,
    /// `PagefileUsage`: private committed memory.
    pub vms: u64,
    /// `PageFaultCount`.
    pub num_page_faults: u64,
    /// `PeakWorkingSetSize`.
    pub peak_wset: u64,
    /// `WorkingSetSize`.
    pub wset: u64,
    /// `QuotaPeakPagedPoolUsage`.
    pub peak_paged_pool: u64,
    /// `QuotaPagedPoolUsage`.
    pub paged_pool: u64,
    /// `QuotaPeakNonPagedPoolUsage`.
    pub peak_nonpaged_pool: u64,
    /// `QuotaNonPagedPoolUsage`.
    pub nonpaged_pool: u64,
    /// `PagefileUsage`.
    pub pagefile: u64,
    /// `PeakPagefileUsage`.
    pub peak_pagefile: u64,
    /// `PrivateUsage` (`PrivatePageCount` from the snapshot).
    pub private: u64,
}

/// [`MemoryInfo`] plus USS, in bytes. psutil's `pfullmem` on Windows.
#[doc(alias = "pfullmem")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MemoryFullInfo {
    /// psutil's first fields, as [`Process::memory_info`](crate::Process::memory_info)
    /// gives them (serialized inline, as psutil's namedtuple has them).
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub memory_info: MemoryInfo,
    /// Unique set size: the private pages of the working set
    /// (`NtQueryVirtualMemory(MemoryWorkingSetInformation)`, or `QueryWorkingSetEx`
    /// over the process's regions) × the page size.
    pub uss: u64,
}

/// I/O counters of one process. psutil's `pio` on Windows (`GetProcessIoCounters`: every
/// I/O, not only disk).
#[doc(alias = "pio")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ProcessIoCounters {
    /// `ReadOperationCount`.
    pub read_count: u64,
    /// `WriteOperationCount`.
    pub write_count: u64,
    /// `ReadTransferCount`.
    pub read_bytes: u64,
    /// `WriteTransferCount`.
    pub write_bytes: u64,
    /// `OtherOperationCount`.
    pub other_count: u64,
    /// `OtherTransferCount`.
    pub other_bytes: u64,
}

/// One mapped file region, or all regions of one path summed. psutil's `pmmap_grouped`
/// on Windows (`VirtualQueryEx` + `GetMappedFileNameW`).
#[doc(alias = "pmmap_grouped")]
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MemoryMap {
    /// The mapped file (a DOS path).
    pub path: std::path::PathBuf,
    /// `RegionSize` of the region(s), in bytes.
    pub rss: u64,
}

/// One mapped file region with its address and protection. psutil's `pmmap_ext` on
/// Windows.
#[doc(alias = "pmmap_ext")]
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MemoryMapExt {
    /// The region's base address, `0x...` hex.
    pub addr: String,
    /// The page protection as psutil spells it (`r`, `rw`, `wc`, `x`, `xr`, `xrw`,
    /// `xwc`, `''`, `?`).
    pub perms: String,
    /// The mapped file (a DOS path).
    pub path: std::path::PathBuf,
    /// `RegionSize`, in bytes.
    pub rss: u64,
}

/// An open regular file. psutil's `popenfile` on Windows.
#[doc(alias = "popenfile")]
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct OpenFile {
    /// The file (a DOS path).
    pub path: std::path::PathBuf,
    /// Always -1 on Windows.
    pub fd: i32,
}

/// A process's I/O priority on Windows (Windows only): psutil's `IOPriority`
/// (`IOPRIO_VERYLOW` .. `IOPRIO_HIGH`), read with
/// `NtQueryInformationProcess(ProcessIoPriority)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum IoPriority {
    /// `IOPRIO_VERYLOW` (0).
    VeryLow,
    /// `IOPRIO_LOW` (1).
    Low,
    /// `IOPRIO_NORMAL` (2).
    Normal,
    /// `IOPRIO_HIGH` (3).
    High,
}

impl IoPriority {
    /// The priority for psutil's number (0..=3).
    pub fn from_raw(n: u32) -> Option<IoPriority> {
        Some(match n {
            0 => IoPriority::VeryLow,
            1 => IoPriority::Low,
            2 => IoPriority::Normal,
            3 => IoPriority::High,
            _ => return None,
        })
    }

    /// psutil's number (0..=3).
    pub fn as_raw(self) -> u32 {
        self as u32
    }

    /// psutil's name (`IOPRIO_NORMAL`, ...).
    pub fn as_str(self) -> &'static str {
        crate::parse::windows::priority::io_priority_name(self.as_raw()).unwrap_or("?")
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for IoPriority {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_u32(self.as_raw())
    }
}

pub use crate::sys::no_value::NoValue;

/// What `Value::Uids` carries on Windows: nothing (see [`NoValue`]).
pub type Uids = NoValue;
/// What `Value::Gids` carries on Windows: nothing (see [`NoValue`]).
pub type Gids = NoValue;
/// What `Value::IoNice` carries on Windows: the I/O priority.
pub type IoNice = IoPriority;

// the common types, for the backend's own use
pub(crate) use crate::process::{CtxSwitches, ProcessConnection, ProcessThread, Status};
