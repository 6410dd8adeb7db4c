//! The process structs whose fields are FreeBSD's (psutil's `_psbsd` named tuples:
//! `pcputimes`, `pmem`, `pio`, `popenfile`, `pmmap_*`; `puids` and `pgids` are every
//! POSIX platform's, from `sys/unix/process.rs`), re-exported by the public process
//! module, and the FreeBSD-only value types (`RlimitResource`).

pub use crate::sys::unix::process::{Gids, Uids};

/// CPU times of one process, in seconds. psutil's `pcputimes` on FreeBSD: `ru_utime` /
/// `ru_stime` of the `kinfo_proc`'s `ki_rusage` and `ki_rusage_ch`.
#[doc(alias = "pcputimes")]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ProcessCpuTimes {
    /// `ki_rusage.ru_utime`.
    pub user: f64,
    /// `ki_rusage.ru_stime`.
    pub system: f64,
    /// `ki_rusage_ch.ru_utime`: the waited-for children's user time.
    pub children_user: f64,
    /// `ki_rusage_ch.ru_stime`.
    pub children_system: f64,
}

/// Memory of one process, in bytes. psutil's `pmem` on FreeBSD, from the
/// `kinfo_proc`: the page counts × `hw.pagesize`.
#[doc(alias = "pmem")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MemoryInfo {
    /// `ki_rssize` pages: resident set size.
    pub rss: u64,
    /// `ki_size`: virtual size (already bytes).
    pub vms: u64,
    /// `ki_tsize` pages: text.
    pub text: u64,
    /// `ki_dsize` pages: data.
    pub data: u64,
    /// `ki_ssize` pages: stack.
    pub stack: u64,
}

/// psutil's `pfullmem` on FreeBSD: the same fields as [`MemoryInfo`] (psutil has no
/// USS there).
pub type MemoryFullInfo = MemoryInfo;

/// I/O counters of one process. psutil's `pio` on FreeBSD: block operations of
/// `ki_rusage`; psutil has no byte counts there and reports -1.
#[doc(alias = "pio")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ProcessIoCounters {
    /// `ru_inblock`: block input operations.
    pub read_count: i64,
    /// `ru_oublock`: block output operations.
    pub write_count: i64,
    /// Always -1 on FreeBSD.
    pub read_bytes: i64,
    /// Always -1 on FreeBSD.
    pub write_bytes: i64,
}

/// All mappings of one path summed. psutil's `pmmap_grouped` on FreeBSD
/// (`kern.proc.vmmap`); `rss` and `private` are **pages**, as psutil reports them.
#[doc(alias = "pmmap_grouped")]
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MemoryMap {
    /// `kve_path`, or the mapping's type in brackets (`[default]`, `[vnode]`, ...).
    pub path: std::path::PathBuf,
    /// `kve_resident`, pages.
    pub rss: u64,
    /// `kve_private_resident`, pages.
    pub private: u64,
    /// `kve_ref_count`.
    pub ref_count: u64,
    /// `kve_shadow_count`.
    pub shadow_count: u64,
}

/// One mapping. psutil's `pmmap_ext` on FreeBSD.
#[doc(alias = "pmmap_ext")]
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MemoryMapExt {
    /// `kve_start-kve_end`, hex.
    pub addr: String,
    /// `kve_protection` as `rwx` / `-`.
    pub perms: String,
    /// `kve_path`, or the mapping's type in brackets.
    pub path: std::path::PathBuf,
    /// `kve_resident`, pages.
    pub rss: u64,
    /// `kve_private_resident`, pages.
    pub private: u64,
    /// `kve_ref_count`.
    pub ref_count: u64,
    /// `kve_shadow_count`.
    pub shadow_count: u64,
}

/// An open regular file. psutil's `popenfile` on FreeBSD (`kern.proc.filedesc`'s
/// `KF_TYPE_VNODE` / `KF_VTYPE_VREG` entries).
#[doc(alias = "popenfile")]
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct OpenFile {
    /// `kf_path` (may be empty when the kernel no longer knows the name).
    pub path: std::path::PathBuf,
    /// `kf_fd`.
    pub fd: i32,
}

pub use crate::sys::no_value::NoValue;

/// What `Value::IoNice` carries on FreeBSD: nothing (see [`NoValue`]).
pub type IoNice = NoValue;

/// `RLIM_INFINITY` of FreeBSD (`INT64_MAX`): no limit.
pub const RLIM_INFINITY: u64 = crate::parse::freebsd::values::RLIM_INFINITY;

/// A resource limited by `setrlimit(2)`, psutil's `RLIMIT_*` constants on FreeBSD
/// (`<sys/resource.h>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RlimitResource {
    /// `RLIMIT_CPU` (0): CPU time in seconds.
    Cpu,
    /// `RLIMIT_FSIZE` (1): largest file, bytes.
    Fsize,
    /// `RLIMIT_DATA` (2): data segment, bytes.
    Data,
    /// `RLIMIT_STACK` (3): stack, bytes.
    Stack,
    /// `RLIMIT_CORE` (4): core dump, bytes.
    Core,
    /// `RLIMIT_RSS` (5): resident set, bytes.
    Rss,
    /// `RLIMIT_MEMLOCK` (6): locked memory, bytes.
    Memlock,
    /// `RLIMIT_NPROC` (7): processes of the real user.
    Nproc,
    /// `RLIMIT_NOFILE` (8): open files.
    Nofile,
    /// `RLIMIT_SBSIZE` (9): socket buffers, bytes.
    Sbsize,
    /// `RLIMIT_AS` (10): address space, bytes (`RLIMIT_VMEM`).
    As,
    /// `RLIMIT_NPTS` (11): pseudo-terminals.
    Npts,
    /// `RLIMIT_SWAP` (12): swap reserved, bytes.
    Swap,
}

impl RlimitResource {
    /// Every resource psutil exports on FreeBSD, in the kernel's numbering order.
    pub const ALL: [RlimitResource; 13] = [
        RlimitResource::Cpu,
        RlimitResource::Fsize,
        RlimitResource::Data,
        RlimitResource::Stack,
        RlimitResource::Core,
        RlimitResource::Rss,
        RlimitResource::Memlock,
        RlimitResource::Nproc,
        RlimitResource::Nofile,
        RlimitResource::Sbsize,
        RlimitResource::As,
        RlimitResource::Npts,
        RlimitResource::Swap,
    ];

    /// The kernel's number (`RLIMIT_*`).
    pub fn as_raw(self) -> i32 {
        self as i32
    }

    /// psutil's name (`RLIMIT_NOFILE`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            RlimitResource::Cpu => "RLIMIT_CPU",
            RlimitResource::Fsize => "RLIMIT_FSIZE",
            RlimitResource::Data => "RLIMIT_DATA",
            RlimitResource::Stack => "RLIMIT_STACK",
            RlimitResource::Core => "RLIMIT_CORE",
            RlimitResource::Rss => "RLIMIT_RSS",
            RlimitResource::Memlock => "RLIMIT_MEMLOCK",
            RlimitResource::Nproc => "RLIMIT_NPROC",
            RlimitResource::Nofile => "RLIMIT_NOFILE",
            RlimitResource::Sbsize => "RLIMIT_SBSIZE",
            RlimitResource::As => "RLIMIT_AS",
            RlimitResource::Npts => "RLIMIT_NPTS",
            RlimitResource::Swap => "RLIMIT_SWAP",
        }
    }
}

// the common types, for the backend's own use
pub(crate) use crate::process::{CtxSwitches, ProcessConnection, ProcessThread, Status};
