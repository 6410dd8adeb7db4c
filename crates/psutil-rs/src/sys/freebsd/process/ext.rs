//! The FreeBSD-only `Process` methods, as a sealed extension trait in the shape of
//! `std::os::unix::fs::MetadataExt`: `psutil_rs::os::freebsd::ProcessExt` (what psutil
//! has on FreeBSD but not on every platform). The POSIX-only ones
//! (`psutil_rs::os::unix::ProcessExt`) are every POSIX platform's, in
//! `sys/unix/process.rs`.

use super::types::{MemoryMap, MemoryMapExt, ProcessIoCounters, RlimitResource};
use crate::error::Result;
use crate::process::{Attr, Process, Value};
use crate::sys::sealed::Sealed;
use crate::sys::unix::process::unix_attr;

/// The `Process` methods of FreeBSD that psutil does not have on every platform (I/O
/// counters, CPU number, CPU affinity, resource limits, memory maps).
/// `use psutil_rs::os::freebsd::ProcessExt as _;` to call them.
pub trait FreeBsdProcessExt: Sealed {
    /// Block I/O operations from `ki_rusage` (`ru_inblock`, `ru_oublock`); the byte
    /// counts are -1, as psutil's. psutil's `io_counters()`.
    fn io_counters(&self) -> Result<ProcessIoCounters>;

    /// The CPU the process runs on (`ki_oncpu`) or last ran on (`ki_lastcpu`); -1 for
    /// some kernel processes. psutil's `cpu_num()`.
    fn cpu_num(&self) -> Result<i32>;

    /// The CPUs the process may run on, sorted: `cpuset_getaffinity(2)`. psutil's
    /// `cpu_affinity()`.
    fn cpu_affinity(&self) -> Result<Vec<u32>>;

    /// Restricts the process to `cpus` (`[]`: all of them) with
    /// `cpuset_setaffinity(2)`; an unknown CPU is
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument). Checks identity
    /// first. psutil's `cpu_affinity(cpus)`.
    fn set_cpu_affinity(&self, cpus: &[u32]) -> Result<()>;

    /// The `(soft, hard)` limit of `resource`
    /// ([`RLIM_INFINITY`](crate::os::freebsd::RLIM_INFINITY) for none):
    /// `kern.proc.rlimit`. psutil's `rlimit(resource)`.
    fn rlimit(&self, resource: RlimitResource) -> Result<(u64, u64)>;

    /// Sets the `(soft, hard)` limit of `resource` through `kern.proc.rlimit`. Checks
    /// identity first. psutil's `rlimit(resource, limits)`.
    fn set_rlimit(&self, resource: RlimitResource, limits: (u64, u64)) -> Result<()>;

    /// The mappings of `kern.proc.vmmap` summed per path (`rss` and `private` in
    /// pages, as psutil). psutil's `memory_maps()`.
    fn memory_maps(&self) -> Result<Vec<MemoryMap>>;

    /// Every mapping with its address range and protection. psutil's
    /// `memory_maps(grouped=False)`.
    fn memory_maps_ungrouped(&self) -> Result<Vec<MemoryMapExt>>;
}

impl FreeBsdProcessExt for Process {
    fn io_counters(&self) -> Result<ProcessIoCounters> {
        super::info::io_counters(self)
    }

    fn cpu_num(&self) -> Result<i32> {
        super::info::cpu_num(self)
    }

    fn cpu_affinity(&self) -> Result<Vec<u32>> {
        super::knobs::cpu_affinity(self)
    }

    fn set_cpu_affinity(&self, cpus: &[u32]) -> Result<()> {
        super::knobs::set_cpu_affinity(self, cpus)
    }

    fn rlimit(&self, resource: RlimitResource) -> Result<(u64, u64)> {
        super::knobs::rlimit(self, resource)
    }

    fn set_rlimit(&self, resource: RlimitResource, limits: (u64, u64)) -> Result<()> {
        super::knobs::set_rlimit(self, resource, limits)
    }

    fn memory_maps(&self) -> Result<Vec<MemoryMap>> {
        super::files::memory_maps(self)
    }

    fn memory_maps_ungrouped(&self) -> Result<Vec<MemoryMapExt>> {
        super::files::memory_maps_ungrouped(self)
    }
}

/// The attributes FreeBSD has ([`AttrSet::all`](crate::AttrSet::all)): psutil's
/// FreeBSD `as_dict` names (every [`Attr`] but `ionice`).
pub(crate) const ATTRS: &[Attr] = &[
    Attr::Cmdline,
    Attr::CpuAffinity,
    Attr::CpuNum,
    Attr::CpuPercent,
    Attr::CpuTimes,
    Attr::CreateTime,
    Attr::Cwd,
    Attr::Environ,
    Attr::Exe,
    Attr::Gids,
    Attr::IoCounters,
    Attr::MemoryFullInfo,
    Attr::MemoryInfo,
    Attr::MemoryMaps,
    Attr::MemoryPercent,
    Attr::Name,
    Attr::NetConnections,
    Attr::Nice,
    Attr::NumCtxSwitches,
    Attr::NumFds,
    Attr::NumThreads,
    Attr::OpenFiles,
    Attr::Pid,
    Attr::Ppid,
    Attr::Status,
    Attr::Terminal,
    Attr::Threads,
    Attr::Uids,
    Attr::Username,
];

/// The value of an attribute whose method psutil has on some platforms only: on
/// FreeBSD through [`FreeBsdProcessExt`] and the POSIX `os::unix::ProcessExt`
/// ([`unix_attr`]); `ionice` is [`Error::Unsupported`](crate::Error::Unsupported). A
/// `cpu_num` of -1 (kernel processes) is `u32::MAX`.
pub(crate) fn platform_attr(p: &Process, a: Attr) -> Result<Value> {
    Ok(match a {
        Attr::CpuAffinity => Value::Cpus(p.cpu_affinity()?),
        Attr::CpuNum => Value::CpuNum(u32::try_from(p.cpu_num()?).unwrap_or(u32::MAX)),
        Attr::IoCounters => Value::IoCounters(p.io_counters()?),
        Attr::MemoryMaps => Value::MemoryMaps(p.memory_maps()?),
        other => return unix_attr(p, other),
    })
}
