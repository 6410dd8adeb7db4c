//! The `Process` methods served by the `kinfo_proc` (psutil's FreeBSD oneshot bundle)
//! and the argument, environment and executable sysctls.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::{Path, PathBuf};

use indexmap::IndexMap;

use super::calls;
use super::types::{
    CtxSwitches, Gids, MemoryFullInfo, MemoryInfo, ProcessCpuTimes, ProcessIoCounters,
    ProcessThread, Status, Uids,
};
use crate::error::{Error, Pid, Result};
use crate::parse::freebsd::kinfo_proc::{self, KinfoProc, NODEV, P_INMEM, P_SYSTEM};
use crate::parse::freebsd::values;
use crate::percent::{memory_percent as memory_percent_of, memtype_index};
use crate::process::Process;
use crate::sys::imp::sysctl::page_size;
use crate::sys::unix::process::name_from_comm;

/// `ki_ppid`. Checks identity first.
pub(crate) fn ppid(p: &Process) -> Result<Pid> {
    super::check_not_reused(p)?;
    Pid::try_from(p.kinfo()?.ppid).map_err(|_| Error::parse("kinfo_proc", None, "ki_ppid"))
}

/// psutil's `name()`: `ki_comm`; when it is 15 bytes or more (cut by the kernel), the
/// basename of `cmdline()[0]` if that starts with it.
pub(crate) fn name(p: &Process) -> Result<OsString> {
    Ok(name_from_comm(p.kinfo()?.comm, || cmdline(p)))
}

/// psutil's guess when the kernel gives no path (or denies it): the first `cmdline`
/// argument, if it is an absolute path to an executable regular file.
fn guess_exe(p: &Process) -> Result<Option<PathBuf>> {
    let args = cmdline(p)?;
    let Some(first) = args.first() else {
        return Ok(None);
    };
    let path = PathBuf::from(first);
    let executable = path.is_absolute()
        && path.is_file()
        && rustix::fs::access(&path, rustix::fs::Access::EXEC_OK).is_ok();
    Ok(executable.then_some(path))
}

/// `kern.proc.pathname.<pid>`, cached. `ENOENT` (no path known) and pid 0 give an
/// empty answer, and an empty answer for a process that has gone is NoSuchProcess, as
/// psutil's C code; then, as psutil, an empty answer or AccessDenied is replaced by
/// the first `cmdline` argument when that is an absolute path to an executable file
/// (AccessDenied stays when it is not).
pub(crate) fn exe(p: &Process) -> Result<PathBuf> {
    if let Some(e) = p.state().exe.clone() {
        return Ok(e);
    }
    let raw = if p.pid == 0 {
        Ok(Vec::new())
    } else {
        match calls::pathname(p.pid) {
            Ok(b) => Ok(b.split(|&b| b == 0).next().unwrap_or_default().to_vec()),
            Err(e) if e.raw_os_error() == Some(libc::ENOENT) => Ok(Vec::new()),
            Err(e) => Err(p.os_error(e, "sysctl kern.proc.pathname")),
        }
    };
    let path = match raw {
        Ok(path) if path.is_empty() => {
            if p.pid != 0 && !super::pid_exists(p.pid)? {
                return Err(p.gone_error());
            }
            match guess_exe(p) {
                Ok(g) => g.unwrap_or_default(),
                Err(Error::AccessDenied { .. }) => PathBuf::new(),
                Err(e) => return Err(e),
            }
        }
        Ok(path) => PathBuf::from(OsString::from_vec(path)),
        Err(e @ Error::AccessDenied { .. }) => match guess_exe(p)? {
            Some(g) => g,
            None => return Err(e),
        },
        Err(e) => return Err(e),
    };
    p.state().exe = Some(path.clone());
    Ok(path)
}

/// `kern.proc.args.<pid>`, split at the NULs. psutil's `cmdline()`.
pub(crate) fn cmdline(p: &Process) -> Result<Vec<OsString>> {
    let buf = p.call(calls::args(p.pid), "sysctl kern.proc.args")?;
    Ok(values::args(&buf)
        .into_iter()
        .map(OsString::from_vec)
        .collect())
}

/// `kern.proc.env.<pid>` (the variables libkvm's `kvm_getenvv` reads, without a kvm
/// handle): `{}` for kernel processes (`P_SYSTEM`) and swapped-out ones (no
/// `P_INMEM`), as psutil. Other users' processes give AccessDenied.
pub(crate) fn environ(p: &Process) -> Result<IndexMap<OsString, OsString>> {
    let flag = p.kinfo()?.flag;
    if flag & P_SYSTEM != 0 || flag & P_INMEM == 0 {
        return Ok(IndexMap::new());
    }
    let buf = p.call(calls::env(p.pid), "sysctl kern.proc.env")?;
    crate::parse::pid_environ::parse(&buf)
}

/// `ki_stat` as psutil's status.
pub(crate) fn status(p: &Process) -> Result<Status> {
    Ok(kinfo_proc::status(p.kinfo()?.stat))
}

/// `ki_start`, seconds since the epoch (wall clock, as psutil on FreeBSD).
pub(crate) fn create_time(p: &Process) -> Result<f64> {
    Ok(p.kinfo()?.start)
}

/// The CPU times of a `kinfo_proc`.
pub(crate) fn cpu_times_of(k: &KinfoProc) -> ProcessCpuTimes {
    ProcessCpuTimes {
        user: k.rusage.utime,
        system: k.rusage.stime,
        children_user: k.rusage_ch.utime,
        children_system: k.rusage_ch.stime,
    }
}

/// `ki_rusage` and `ki_rusage_ch` times.
pub(crate) fn cpu_times(p: &Process) -> Result<ProcessCpuTimes> {
    Ok(cpu_times_of(&p.kinfo()?))
}

/// `ki_numthreads`.
pub(crate) fn num_threads(p: &Process) -> Result<u64> {
    Ok(u64::try_from(p.kinfo()?.numthreads).unwrap_or(0))
}

/// `ru_nvcsw` and `ru_nivcsw` of `ki_rusage`.
pub(crate) fn num_ctx_switches(p: &Process) -> Result<CtxSwitches> {
    let k = p.kinfo()?;
    let n = |v: i64| u64::try_from(v).unwrap_or(0);
    Ok(CtxSwitches {
        voluntary: n(k.rusage.nvcsw),
        involuntary: n(k.rusage.nivcsw),
    })
}

/// `getpriority(PRIO_PROCESS, pid)`. psutil's `nice()`.
pub(crate) fn nice(p: &Process) -> Result<i32> {
    super::super::signals::getpriority(p.pid).map_err(|e| p.os_error(e, "getpriority"))
}

/// The memory of a `kinfo_proc`.
pub(crate) fn memory_info_of(k: &KinfoProc) -> MemoryInfo {
    let pages = |n: i64| u64::try_from(n).unwrap_or(0).saturating_mul(page_size());
    MemoryInfo {
        rss: pages(k.rssize),
        vms: k.size,
        text: pages(k.tsize),
        data: pages(k.dsize),
        stack: pages(k.ssize),
    }
}

/// psutil's `memory_info()` from the `kinfo_proc`.
pub(crate) fn memory_info(p: &Process) -> Result<MemoryInfo> {
    Ok(memory_info_of(&p.kinfo()?))
}

/// psutil's `memory_full_info()` on FreeBSD: the same as `memory_info()`.
pub(crate) fn memory_full_info(p: &Process) -> Result<MemoryFullInfo> {
    memory_info(p)
}

/// The `memtype` names psutil accepts on FreeBSD (the fields of `pfullmem`).
const MEMTYPES: [&str; 5] = ["rss", "vms", "text", "data", "stack"];

/// `memtype` / the total physical memory × 100. psutil's `memory_percent()`.
pub(crate) fn memory_percent(p: &Process, memtype: &str) -> Result<f64> {
    let i = memtype_index(&MEMTYPES, memtype)?;
    let m = memory_info(p)?;
    let value = [m.rss, m.vms, m.text, m.data, m.stack]
        .get(i)
        .copied()
        .unwrap_or(0);
    memory_percent_of(
        value,
        crate::virtual_memory()?.total,
        "total physical memory reads 0",
    )
}

/// `kern.proc.pid.<pid>` with `KERN_PROC_INC_THREAD`: each thread's `ki_tid` and
/// `ki_rusage` times.
pub(crate) fn threads(p: &Process) -> Result<Vec<ProcessThread>> {
    let buf = p.call(calls::kinfo_threads(p.pid), "sysctl kern.proc.pid")?;
    let all = kinfo_proc::parse_all(&buf)?;
    if all.is_empty() {
        return Err(p.gone_error());
    }
    Ok(all
        .iter()
        .map(|k| ProcessThread {
            id: u32::try_from(k.tid).unwrap_or(0),
            user_time: k.rusage.utime,
            system_time: k.rusage.stime,
        })
        .collect())
}

/// The real uid's name (`getpwuid_r`), or the uid in decimal when no account has it.
pub(crate) fn username(p: &Process) -> Result<String> {
    let uid = uids(p)?.real;
    Ok(super::super::passwd::user_name(uid)
        .map(|n| String::from_utf8_lossy(&n).into_owned())
        .unwrap_or_else(|| uid.to_string()))
}

/// `ki_ruid`, `ki_uid`, `ki_svuid`.
pub(crate) fn uids(p: &Process) -> Result<Uids> {
    let [real, effective, saved] = p.kinfo()?.uids;
    Ok(Uids {
        real,
        effective,
        saved,
    })
}

/// `ki_rgid`, `ki_groups[0]`, `ki_svgid`.
pub(crate) fn gids(p: &Process) -> Result<Gids> {
    let [real, effective, saved] = p.kinfo()?.gids;
    Ok(Gids {
        real,
        effective,
        saved,
    })
}

/// `ki_tdev` as a `/dev` path (`devname_r(3)`), `None` without a controlling terminal.
pub(crate) fn terminal(p: &Process) -> Result<Option<PathBuf>> {
    let tdev = p.kinfo()?.tdev;
    if tdev == NODEV {
        return Ok(None);
    }
    Ok(super::super::devname::devname(tdev).map(|n| Path::new("/dev").join(n)))
}

/// `ru_inblock` and `ru_oublock`; the byte counts are -1, as psutil's on FreeBSD.
pub(crate) fn io_counters(p: &Process) -> Result<ProcessIoCounters> {
    let k = p.kinfo()?;
    Ok(ProcessIoCounters {
        read_count: k.rusage.inblock,
        write_count: k.rusage.oublock,
        read_bytes: -1,
        write_bytes: -1,
    })
}

/// `ki_oncpu` while running, else `ki_lastcpu` (-1 for some kernel processes).
pub(crate) fn cpu_num(p: &Process) -> Result<i32> {
    Ok(p.kinfo()?.cpu_num())
}
