#![allow(unsafe_code)]
//! The Windows-only readers and setters of `os::windows::ProcessExt`: `num_handles`
//! (`GetProcessHandleCount`), `io_counters` (`GetProcessIoCounters`), the CPU affinity
//! (`Get/SetProcessAffinityMask`) and the I/O priority
//! (`NtQuery/NtSetInformationProcess(ProcessIoPriority)`).

use windows_sys::Win32::System::Threading::{
    GetProcessAffinityMask, GetProcessHandleCount, GetProcessIoCounters, SetProcessAffinityMask,
    IO_COUNTERS, PROCESS_QUERY_INFORMATION, PROCESS_QUERY_LIMITED_INFORMATION,
    PROCESS_SET_INFORMATION,
};

use super::record;
use super::types::{IoPriority, ProcessIoCounters};
use super::win::{self, query_fail, Failure, NtProcessInformationFn, NtSetProcessInformationFn};
use crate::error::{Error, Result};
use crate::process::Process;

/// `ProcessIoPriority`.
const PROCESS_IO_PRIORITY: u32 = 33;

/// psutil's `num_handles()`: `GetProcessHandleCount`, the snapshot's `HandleCount`
/// when access is denied. Wine answers 0 (and its snapshot counts are coarse).
pub(crate) fn num_handles(p: &Process) -> Result<u32> {
    let h = match win::open_process(p.pid, PROCESS_QUERY_LIMITED_INFORMATION) {
        Ok(h) => h,
        Err(Failure::Denied) => return Ok(p.record()?.handle_count),
        Err(f) => return Err(p.failure(f, "OpenProcess")),
    };
    let mut n = 0u32;
    // SAFETY: `h` is an open process handle; `n` a valid out pointer.
    if unsafe { GetProcessHandleCount(h.raw(), &mut n) } == 0 {
        return match Failure::last() {
            Failure::Denied => Ok(p.record()?.handle_count),
            f => Err(p.failure(f, "GetProcessHandleCount")),
        };
    }
    Ok(n)
}

/// psutil's `io_counters()` on Windows: `GetProcessIoCounters` (every I/O, not only
/// disk), the snapshot's counters when access is denied. Wine answers zeros.
pub(crate) fn io_counters(p: &Process) -> Result<ProcessIoCounters> {
    let from_record = |p: &Process| p.record().map(|r| record::io_counters(&r));
    let h = match win::open_process(p.pid, PROCESS_QUERY_LIMITED_INFORMATION) {
        Ok(h) => h,
        Err(Failure::Denied) => return from_record(p),
        Err(f) => return Err(p.failure(f, "OpenProcess")),
    };
    let mut c = IO_COUNTERS::default();
    // SAFETY: `h` is an open process handle; `c` a valid out struct.
    if unsafe { GetProcessIoCounters(h.raw(), &mut c) } == 0 {
        return match Failure::last() {
            Failure::Denied => from_record(p),
            f => Err(p.failure(f, "GetProcessIoCounters")),
        };
    }
    Ok(ProcessIoCounters {
        read_count: c.ReadOperationCount,
        write_count: c.WriteOperationCount,
        read_bytes: c.ReadTransferCount,
        write_bytes: c.WriteTransferCount,
        other_count: c.OtherOperationCount,
        other_bytes: c.OtherTransferCount,
    })
}

/// psutil's `cpu_affinity()` on Windows: the bits of `GetProcessAffinityMask` (CPUs
/// 0..63), sorted.
pub(crate) fn cpu_affinity(p: &Process) -> Result<Vec<u32>> {
    let h = p.open_handle(PROCESS_QUERY_LIMITED_INFORMATION)?;
    let (mut mask, mut system) = (0usize, 0usize);
    // SAFETY: `h` is an open process handle; both masks are valid out pointers.
    if unsafe { GetProcessAffinityMask(h.raw(), &mut mask, &mut system) } == 0 {
        return Err(p.failure(Failure::last(), "GetProcessAffinityMask"));
    }
    Ok((0..usize::BITS).filter(|b| mask & (1 << b) != 0).collect())
}

/// The number of CPUs psutil validates an affinity against (`len(cpu_times(percpu=True))`;
/// here the logical CPU count).
fn cpus() -> u32 {
    crate::cpu_count()
        .or_else(|| std::thread::available_parallelism().ok().map(usize::from))
        .map_or(1, |n| n.min(64) as u32)
}

/// psutil's `cpu_affinity(cpus)` on Windows: `SetProcessAffinityMask` after the reuse
/// check; `[]` means every CPU; a CPU outside `0..cpu_count()` (or above 63) is
/// [`Error::InvalidArgument`].
pub(crate) fn set_cpu_affinity(p: &Process, list: &[u32]) -> Result<()> {
    let n = cpus();
    let all: Vec<u32> = (0..n).collect();
    let list = if list.is_empty() { &all[..] } else { list };
    let mut mask = 0usize;
    for &c in list {
        if c >= n || c >= usize::BITS {
            return Err(Error::invalid(format!(
                "invalid CPU {c}; choose between {:?}",
                all
            )));
        }
        mask |= 1 << c;
    }
    super::check_not_reused(p)?;
    let h = p.open_handle(PROCESS_QUERY_INFORMATION | PROCESS_SET_INFORMATION)?;
    // SAFETY: `h` is an open process handle with PROCESS_SET_INFORMATION.
    if unsafe { SetProcessAffinityMask(h.raw(), mask) } == 0 {
        return Err(p.failure(Failure::last(), "SetProcessAffinityMask"));
    }
    Ok(())
}

/// psutil's `ionice()` on Windows: `NtQueryInformationProcess(ProcessIoPriority)`.
/// Wine lacks the class (wine-coverage.md): an OS error there.
pub(crate) fn ionice(p: &Process) -> Result<IoPriority> {
    let h = p.open_handle(PROCESS_QUERY_LIMITED_INFORMATION)?;
    let query = win::ntdll_fn!(NtQueryInformationProcess: NtProcessInformationFn)
        .ok_or_else(|| Error::unsupported("NtQueryInformationProcess"))?;
    let mut prio = 0u32;
    // SAFETY: `prio` is the ULONG the class fills.
    let st = unsafe {
        query(
            h.raw(),
            PROCESS_IO_PRIORITY,
            (&mut prio as *mut u32).cast(),
            4,
            std::ptr::null_mut(),
        )
    };
    if st < 0 {
        return Err(p.failure(
            query_fail(st),
            "NtQueryInformationProcess(ProcessIoPriority)",
        ));
    }
    IoPriority::from_raw(prio)
        .ok_or_else(|| Error::parse("ProcessIoPriority", None, format!("unknown value {prio}")))
}

/// psutil's `ionice(value)` on Windows: `NtSetInformationProcess(ProcessIoPriority)`
/// after the reuse check.
pub(crate) fn set_ionice(p: &Process, prio: IoPriority) -> Result<()> {
    super::check_not_reused(p)?;
    let h = p.open_handle(PROCESS_QUERY_INFORMATION | PROCESS_SET_INFORMATION)?;
    let set = win::ntdll_fn!(NtSetInformationProcess: NtSetProcessInformationFn)
        .ok_or_else(|| Error::unsupported("NtSetInformationProcess"))?;
    let mut v = prio.as_raw();
    // SAFETY: `v` is the ULONG the class reads.
    let st = unsafe { set(h.raw(), PROCESS_IO_PRIORITY, (&mut v as *mut u32).cast(), 4) };
    if st < 0 {
        return Err(p.failure(query_fail(st), "NtSetInformationProcess(ProcessIoPriority)"));
    }
    Ok(())
}
