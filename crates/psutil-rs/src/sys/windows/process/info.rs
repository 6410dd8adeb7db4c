#![allow(unsafe_code)]
//! The common `Process` readers on Windows (psutil-platforms.md §4.1): identity-free
//! values from the `SystemProcessInformation` snapshot (ppid, status, threads, counts),
//! the rest through a process handle with the snapshot as the fallback psutil uses when
//! access is denied.

use std::ffi::OsString;
use std::path::PathBuf;

use windows_sys::Win32::System::ProcessStatus::{
    K32GetProcessMemoryInfo, PROCESS_MEMORY_COUNTERS, PROCESS_MEMORY_COUNTERS_EX,
};
use windows_sys::Win32::System::Threading::{
    GetCurrentProcessId, GetPriorityClass, QueryFullProcessImageNameW, PROCESS_NAME_WIN32,
    PROCESS_QUERY_LIMITED_INFORMATION,
};

use super::handle::process_times;
use super::record;
use super::types::{CtxSwitches, MemoryInfo, ProcessCpuTimes, ProcessThread, Status};
use super::win::{self, Failure};
use crate::error::{Error, Pid, Result};
use crate::parse::windows::filetime;
use crate::parse::windows::nt_path;
use crate::process::Process;

/// psutil's `ppid()`: the parent pid of the process's snapshot record (psutil reads
/// the same field from a Toolhelp snapshot), after the reuse check.
pub(crate) fn ppid(p: &Process) -> Result<Pid> {
    super::check_not_reused(p)?;
    let r = p.record()?;
    Pid::try_from(r.ppid).map_err(|_| Error::parse("SystemProcessInformation", None, "ppid"))
}

/// psutil's `name()`: "System Idle Process" for pid 0, "System" for pid 4, otherwise
/// the file name of [`exe`], or, when the executable is out of reach (AccessDenied),
/// the image name of the snapshot record.
pub(crate) fn name(p: &Process) -> Result<OsString> {
    match p.pid {
        0 => return Ok("System Idle Process".into()),
        4 => return Ok("System".into()),
        _ => {}
    }
    let n = match exe(p) {
        Ok(path) => path.file_name().map(OsString::from),
        Err(Error::AccessDenied { .. }) => None,
        Err(e) => return Err(e),
    };
    let n = match n {
        Some(n) if !n.is_empty() => n,
        _ => OsString::from(p.record()?.name),
    };
    p.remember_name(n.to_string_lossy().as_bytes());
    Ok(n)
}

/// psutil's `exe()`, cached: AccessDenied for pid 0, empty for pid 4. Read with
/// `QueryFullProcessImageNameW` (a Win32 path, `PROCESS_QUERY_LIMITED_INFORMATION`),
/// and, when that access is denied, with psutil's route,
/// `NtQuerySystemInformation(SystemProcessIdInformation)`, which needs no handle (an
/// NT path, converted with the drive map). The order is the reverse of psutil's:
/// psutil's route fails under Wine (wine-coverage.md, `SystemProcessIdInformation`:
/// `STATUS_INVALID_INFO_CLASS`) and both give the same path on Windows.
pub(crate) fn exe(p: &Process) -> Result<PathBuf> {
    match p.pid {
        0 => return Err(p.denied_error()),
        4 => return Ok(PathBuf::new()),
        _ => {}
    }
    if let Some(e) = p.state().exe.clone() {
        return Ok(e);
    }
    let path = match image_name(p) {
        Ok(path) => path,
        Err(Error::AccessDenied { .. }) => match super::image::process_id_image(p.pid) {
            Ok(nt) => PathBuf::from(nt_path::to_dos_path(&nt, &win::drives())),
            Err(Failure::Gone) => return Err(p.gone_error()),
            Err(_) => return Err(p.denied_error()),
        },
        Err(e) => return Err(e),
    };
    p.state().exe = Some(path.clone());
    Ok(path)
}

fn image_name(p: &Process) -> Result<PathBuf> {
    let h = p.open_handle(PROCESS_QUERY_LIMITED_INFORMATION)?;
    let mut buf = vec![0u16; 32 * 1024];
    let mut size = buf.len() as u32;
    // SAFETY: `h` is an open process handle; `buf` has `size` writable units.
    let ok = unsafe {
        QueryFullProcessImageNameW(h.raw(), PROCESS_NAME_WIN32, buf.as_mut_ptr(), &mut size)
    };
    if ok == 0 {
        return Err(p.failure(Failure::last(), "QueryFullProcessImageNameW"));
    }
    buf.truncate(size as usize);
    Ok(PathBuf::from(win::from_wide(&buf)))
}

/// psutil's `status()`: `stopped` when every thread of the snapshot record waits with
/// the reason `Suspended`, `running` otherwise (Windows has no other states here).
/// Under Wine thread states are always 0, so this is always `running`
/// (wine-coverage.md, `SystemProcessInformation`).
pub(crate) fn status(p: &Process) -> Result<Status> {
    Ok(if p.record()?.is_suspended() {
        Status::Stopped
    } else {
        Status::Running
    })
}

/// psutil's `create_time()`: the creation time from `GetProcessTimes`, or from the
/// snapshot record when access is denied; for pids 0 and 4 (whose records carry 0) the
/// boot time, as psutil.
pub(crate) fn create_time(p: &Process) -> Result<f64> {
    if p.pid == 0 || p.pid == 4 {
        return crate::boot_time();
    }
    if let Some(s) = p.imp.create_stamp {
        return Ok(filetime::unix_secs(s));
    }
    let stamp = match win::open_process(p.pid, PROCESS_QUERY_LIMITED_INFORMATION) {
        Ok(h) => match process_times(&h) {
            Ok((c, _, _)) => c,
            // psutil: GetProcessTimes denied on an open handle means the process died.
            Err(Failure::Denied) => return Err(p.gone_error()),
            Err(f) => return Err(p.failure(f, "GetProcessTimes")),
        },
        Err(Failure::Denied) => p.record()?.create_time,
        Err(f) => return Err(p.failure(f, "OpenProcess")),
    };
    Ok(filetime::unix_secs(stamp))
}

/// psutil's `cpu_times()`: user and kernel time from `GetProcessTimes`, the snapshot
/// record's when access is denied; children are 0. Wine answers `GetProcessTimes`
/// with ~0 for any process but the caller (wine-coverage.md, `GetProcessTimes`), so
/// for another process whose times read 0 the snapshot's (right under Wine too) are
/// taken: psutil would report 0 there.
pub(crate) fn cpu_times(p: &Process) -> Result<ProcessCpuTimes> {
    let times = match win::open_process(p.pid, PROCESS_QUERY_LIMITED_INFORMATION) {
        Ok(h) => match process_times(&h) {
            Ok((_, u, k)) => Some((u, k)),
            Err(Failure::Denied) => return Err(p.gone_error()),
            Err(f) => return Err(p.failure(f, "GetProcessTimes")),
        },
        Err(Failure::Denied) => None,
        Err(f) => return Err(p.failure(f, "OpenProcess")),
    };
    // SAFETY: no arguments.
    let me = unsafe { GetCurrentProcessId() };
    match times {
        Some((u, k)) if (u, k) != (0, 0) || p.pid == me => Ok(ProcessCpuTimes {
            user: filetime::duration_secs(u),
            system: filetime::duration_secs(k),
            children_user: 0.0,
            children_system: 0.0,
        }),
        _ => Ok(record::cpu_times(&p.record()?)),
    }
}

/// psutil's `num_threads()`: `NumberOfThreads` of the snapshot record.
pub(crate) fn num_threads(p: &Process) -> Result<u64> {
    Ok(u64::from(p.record()?.num_threads))
}

/// psutil's `num_ctx_switches()`: the sum of the threads' `ContextSwitches` as
/// `voluntary`, `involuntary` 0 (Windows does not tell them apart). 0 under Wine.
pub(crate) fn num_ctx_switches(p: &Process) -> Result<CtxSwitches> {
    Ok(CtxSwitches {
        voluntary: p.record()?.context_switches(),
        involuntary: 0,
    })
}

/// psutil's `nice()` on Windows: the priority class (`GetPriorityClass`), one of the
/// `*_PRIORITY_CLASS` values of [`os::windows`](crate::os::windows).
pub(crate) fn nice(p: &Process) -> Result<i32> {
    let h = p.open_handle(PROCESS_QUERY_LIMITED_INFORMATION)?;
    // SAFETY: `h` is an open process handle.
    let class = unsafe { GetPriorityClass(h.raw()) };
    if class == 0 {
        return Err(p.failure(Failure::last(), "GetPriorityClass"));
    }
    i32::try_from(class).map_err(|_| Error::parse("GetPriorityClass", None, "out of range"))
}

/// psutil's `memory_info()`: `GetProcessMemoryInfo(PROCESS_MEMORY_COUNTERS_EX)`, the
/// snapshot record's counters when access is denied. Under Wine `private` and
/// `num_page_faults` are 0 and `peak_wset` equals `wset`.
pub(crate) fn memory_info(p: &Process) -> Result<MemoryInfo> {
    let h = match win::open_process(p.pid, PROCESS_QUERY_LIMITED_INFORMATION) {
        Ok(h) => h,
        Err(Failure::Denied) => return Ok(record::memory_info(&p.record()?)),
        Err(f) => return Err(p.failure(f, "OpenProcess")),
    };
    let mut c = PROCESS_MEMORY_COUNTERS_EX {
        cb: std::mem::size_of::<PROCESS_MEMORY_COUNTERS_EX>() as u32,
        ..Default::default()
    };
    // SAFETY: `c` is a PROCESS_MEMORY_COUNTERS_EX of `cb` bytes, which the call accepts
    // through its PROCESS_MEMORY_COUNTERS pointer.
    let ok = unsafe {
        K32GetProcessMemoryInfo(
            h.raw(),
            (&mut c as *mut PROCESS_MEMORY_COUNTERS_EX).cast::<PROCESS_MEMORY_COUNTERS>(),
            c.cb,
        )
    };
    if ok == 0 {
        return match Failure::last() {
            Failure::Denied => Ok(record::memory_info(&p.record()?)),
            f => Err(p.failure(f, "GetProcessMemoryInfo")),
        };
    }
    let b = |v: usize| v as u64;
    Ok(MemoryInfo {
        rss: b(c.WorkingSetSize),
        vms: b(c.PagefileUsage),
        num_page_faults: u64::from(c.PageFaultCount),
        peak_wset: b(c.PeakWorkingSetSize),
        wset: b(c.WorkingSetSize),
        peak_paged_pool: b(c.QuotaPeakPagedPoolUsage),
        paged_pool: b(c.QuotaPagedPoolUsage),
        peak_nonpaged_pool: b(c.QuotaPeakNonPagedPoolUsage),
        nonpaged_pool: b(c.QuotaNonPagedPoolUsage),
        pagefile: b(c.PagefileUsage),
        peak_pagefile: b(c.PeakPagefileUsage),
        private: b(c.PrivateUsage),
    })
}

/// psutil's `threads()`: AccessDenied for pid 0; each thread's id and user and kernel
/// times from the snapshot record. psutil lists the same threads with a Toolhelp
/// snapshot and reads each one's times with `GetThreadTimes`; the record carries the
/// same kernel counters without opening any thread (and gives the right numbers for
/// other processes under Wine, whose per-handle times are 0).
pub(crate) fn threads(p: &Process) -> Result<Vec<ProcessThread>> {
    if p.pid == 0 {
        return Err(p.denied_error());
    }
    Ok(record::threads(&p.record()?))
}
