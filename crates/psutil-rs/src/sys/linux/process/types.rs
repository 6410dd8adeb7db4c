//! The process structs whose fields are Linux's (psutil's `_pslinux` named tuples:
//! `pcputimes`, `pmem`, `pfullmem`, `pio`, `popenfile`, `pmmap_*`), and the POSIX
//! `puids`/`pgids` (defined once for every POSIX platform in `sys/unix/process.rs`).
//! Re-exported by the public process module (and `os::unix`).

pub use crate::parse::pid_smaps::SmapsCounters;
pub use crate::sys::unix::process::{Gids, Uids};

/// CPU times of one process, in seconds. psutil's `pcputimes`. From fields 14-17 and 42
/// of `/proc/<pid>/stat`, divided by `sysconf(_SC_CLK_TCK)`.
#[doc(alias = "pcputimes")]
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ProcessCpuTimes {
    /// `utime`: time in user mode.
    pub user: f64,
    /// `stime`: time in kernel mode.
    pub system: f64,
    /// `cutime`: user time of waited-for children.
    pub children_user: f64,
    /// `cstime`: kernel time of waited-for children.
    pub children_system: f64,
    /// `delayacct_blkio_ticks`: time spent waiting for block I/O (since Linux 2.6.18;
    /// 0 when the field is absent).
    pub iowait: f64,
}

/// Memory of one process, in bytes. psutil's `pmem`. From `/proc/<pid>/statm` (pages ×
/// `sysconf(_SC_PAGESIZE)`).
#[doc(alias = "pmem")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MemoryInfo {
    /// `resident`: resident set size (what `ps` calls RSS).
    pub rss: u64,
    /// `size`: virtual memory size (what `ps` calls VSZ).
    pub vms: u64,
    /// `shared`: resident file-backed and shared memory.
    pub shared: u64,
    /// `text`: code.
    pub text: u64,
    /// `lib`: always 0 since Linux 2.6.
    pub lib: u64,
    /// `data`: data + stack.
    pub data: u64,
    /// `dt`: dirty pages, always 0 since Linux 2.6.
    pub dirty: u64,
}

/// I/O counters of a process. psutil's `pio`. From `/proc/<pid>/io`.
#[doc(alias = "pio")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ProcessIoCounters {
    /// `syscr`: read syscalls.
    pub read_count: u64,
    /// `syscw`: write syscalls.
    pub write_count: u64,
    /// `read_bytes`: bytes fetched from storage.
    pub read_bytes: u64,
    /// `write_bytes`: bytes sent to storage.
    pub write_bytes: u64,
    /// `rchar`: bytes read by read-like syscalls (since psutil 5.2).
    pub read_chars: u64,
    /// `wchar`: bytes written by write-like syscalls.
    pub write_chars: u64,
}

/// [`MemoryInfo`] plus USS, PSS and swap, in bytes. psutil's `pfullmem`.
#[doc(alias = "pfullmem")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MemoryFullInfo {
    /// rss, vms, shared, text, lib, data, dirty: psutil's first fields, as
    /// [`Process::memory_info`](crate::Process::memory_info) gives them (serialized
    /// inline, as psutil's namedtuple has them).
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub memory_info: MemoryInfo,
    /// Unique set size: the sum of the `Private_*` lines of `smaps_rollup` (or `smaps`),
    /// memory freed if the process exited now.
    pub uss: u64,
    /// Proportional set size: `Pss:`, shared pages divided among their sharers.
    pub pss: u64,
    /// `Swap:`: swapped-out memory.
    pub swap: u64,
}

/// One mapped region, or all regions of one path summed. psutil's `pmmap_grouped`.
/// From `/proc/<pid>/smaps`; sizes in bytes.
#[doc(alias = "pmmap_grouped")]
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MemoryMap {
    /// The mapped file, a pseudo-path such as `[heap]`, or `[anon]`.
    pub path: std::path::PathBuf,
    /// `Rss:`, `Size:`, `Pss:` ... `Swap:`, psutil's fields after the path (serialized
    /// inline, as psutil's namedtuple has them).
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub counters: SmapsCounters,
}

/// One mapped region with its address and permissions. psutil's `pmmap_ext`.
#[doc(alias = "pmmap_ext")]
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MemoryMapExt {
    /// `start-end`, hex.
    pub addr: String,
    /// Permissions, such as `r-xp`.
    pub perms: String,
    /// The mapped file, a pseudo-path such as `[heap]`, or `[anon]`.
    pub path: std::path::PathBuf,
    /// `Rss:`, `Size:`, `Pss:` ... `Swap:`, psutil's fields after the path (serialized
    /// inline, as psutil's namedtuple has them).
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub counters: SmapsCounters,
}

/// An open regular file. psutil's `popenfile`.
#[doc(alias = "popenfile")]
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct OpenFile {
    /// The file, from the `/proc/<pid>/fd/<fd>` link.
    pub path: std::path::PathBuf,
    /// The descriptor number.
    pub fd: u32,
    /// The file offset: `pos:` of `/proc/<pid>/fdinfo/<fd>`.
    pub position: u64,
    /// `r`, `w`, `a`, `r+` or `a+`, from the access mode and `O_APPEND` of `flags`.
    pub mode: String,
    /// The open flags: `flags:` of `fdinfo` (octal in the file).
    pub flags: u32,
}

// the common types, for the backend's own use
pub(crate) use crate::process::{CtxSwitches, ProcessConnection, ProcessThread, Status};
