//! The Windows-only `Process` methods, as an extension trait in the shape of
//! `std::os::windows::fs::MetadataExt`: `psutil_rs::os::windows::ProcessExt` (what psutil
//! has on Windows but not on every platform). Sealed: only [`Process`] implements it.

use super::types::{IoPriority, MemoryMap, MemoryMapExt, ProcessIoCounters};
use crate::error::{Error, Result};
use crate::process::{Attr, Process, Value};
use crate::sys::sealed::Sealed;

/// The `Process` methods of Windows that psutil does not have on every platform
/// (Windows only). `use psutil_rs::os::windows::ProcessExt as _;` to call them.
pub trait WindowsProcessExt: Sealed {
    /// The number of handles the process has open: `GetProcessHandleCount` (the
    /// `SystemProcessInformation` snapshot when access is denied). psutil's
    /// `num_handles()`.
    fn num_handles(&self) -> Result<u32>;

    /// I/O counters: `GetProcessIoCounters` (the snapshot when access is denied).
    /// psutil's `io_counters()`.
    fn io_counters(&self) -> Result<ProcessIoCounters>;

    /// The CPUs the process may run on, sorted: `GetProcessAffinityMask` (CPUs 0..63).
    /// psutil's `cpu_affinity()`.
    fn cpu_affinity(&self) -> Result<Vec<u32>>;

    /// Restricts the process to these CPUs (`[]`: all of them):
    /// `SetProcessAffinityMask`. psutil's `cpu_affinity(cpus)`.
    fn set_cpu_affinity(&self, cpus: &[u32]) -> Result<()>;

    /// The I/O priority: `NtQueryInformationProcess(ProcessIoPriority)`. psutil's
    /// `ionice()` on Windows.
    fn ionice(&self) -> Result<IoPriority>;

    /// Sets the I/O priority: `NtSetInformationProcess(ProcessIoPriority)`. psutil's
    /// `ionice(ioclass)` on Windows.
    fn set_ionice(&self, prio: IoPriority) -> Result<()>;

    /// The mapped files, grouped by path (sizes summed): `VirtualQueryEx` over the
    /// address space + `GetMappedFileNameW`. psutil's `memory_maps()`.
    fn memory_maps(&self) -> Result<Vec<MemoryMap>>;

    /// Every mapped file region, with its address and protection. psutil's
    /// `memory_maps(grouped=False)`.
    fn memory_maps_ungrouped(&self) -> Result<Vec<MemoryMapExt>>;
}

impl WindowsProcessExt for Process {
    fn num_handles(&self) -> Result<u32> {
        super::num_handles(self)
    }

    fn io_counters(&self) -> Result<ProcessIoCounters> {
        super::io_counters(self)
    }

    fn cpu_affinity(&self) -> Result<Vec<u32>> {
        super::cpu_affinity(self)
    }

    fn set_cpu_affinity(&self, cpus: &[u32]) -> Result<()> {
        super::set_cpu_affinity(self, cpus)
    }

    fn ionice(&self) -> Result<IoPriority> {
        super::ionice(self)
    }

    fn set_ionice(&self, prio: IoPriority) -> Result<()> {
        super::set_ionice(self, prio)
    }

    fn memory_maps(&self) -> Result<Vec<MemoryMap>> {
        super::memory_maps(self)
    }

    fn memory_maps_ungrouped(&self) -> Result<Vec<MemoryMapExt>> {
        super::memory_maps_ungrouped(self)
    }
}

/// The attributes Windows has ([`AttrSet::all`](crate::AttrSet::all)): psutil's
/// Windows `as_dict` names that this crate's [`Attr`] knows (no `cpu_num`, `gids`,
/// `num_fds`, `terminal`, `uids`; `num_handles` is not an [`Attr`] yet).
pub(crate) const ATTRS: &[Attr] = &[
    Attr::Cmdline,
    Attr::CpuAffinity,
    Attr::CpuPercent,
    Attr::CpuTimes,
    Attr::CreateTime,
    Attr::Cwd,
    Attr::Environ,
    Attr::Exe,
    Attr::IoCounters,
    Attr::Ionice,
    Attr::MemoryFullInfo,
    Attr::MemoryInfo,
    Attr::MemoryMaps,
    Attr::MemoryPercent,
    Attr::Name,
    Attr::NetConnections,
    Attr::Nice,
    Attr::NumCtxSwitches,
    Attr::NumThreads,
    Attr::OpenFiles,
    Attr::Pid,
    Attr::Ppid,
    Attr::Status,
    Attr::Threads,
    Attr::Username,
];

/// The value of an attribute whose method psutil has on some platforms only: on Windows
/// through [`WindowsProcessExt`]; the POSIX and Linux ones are
/// [`Error::Unsupported`].
pub(crate) fn platform_attr(p: &Process, a: Attr) -> Result<Value> {
    Ok(match a {
        Attr::CpuAffinity => Value::Cpus(p.cpu_affinity()?),
        Attr::IoCounters => Value::IoCounters(p.io_counters()?),
        Attr::Ionice => Value::IoNice(p.ionice()?),
        Attr::MemoryMaps => Value::MemoryMaps(p.memory_maps()?),
        other => {
            return Err(Error::unsupported(format!(
                "attribute {other} on this platform"
            )))
        }
    })
}
