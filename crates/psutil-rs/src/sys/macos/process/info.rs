#![allow(unsafe_code)]
//! The common `Process` methods read from `kinfo_proc` (ppid, name, status,
//! create_time, uids, gids, terminal, username), `proc_taskinfo` (cpu_times,
//! memory_info, num_threads, num_ctx_switches), `proc_pidpath` (exe),
//! `KERN_PROCARGS2` (cmdline, environ), `PROC_PIDVNODEPATHINFO` (cwd) and
//! `getpriority` (nice).

use std::ffi::{CStr, OsString};
use std::os::unix::ffi::OsStringExt;
use std::path::PathBuf;

use indexmap::IndexMap;

use super::super::{mach, passwd, signals, sysctl};
use super::handle::pidinfo;
use super::types::{CtxSwitches, Gids, MemoryInfo, ProcessCpuTimes, Status, Uids};
use crate::error::{Error, Pid, Result};
use crate::parse::macos::fdinfo::{parse_cwd, PROC_VNODEPATHINFO_LEN};
use crate::parse::macos::kinfo_proc::NODEV;
use crate::parse::macos::procargs::{self, environ_map, ProcArgs};
use crate::parse::macos::task_info::mach_to_secs;
use crate::process::Process;
use crate::sys::unix::process::name_from_comm;

/// psutil's `ppid()`: checks pid reuse, then `e_ppid`.
pub(crate) fn ppid(p: &Process) -> Result<Pid> {
    super::check_not_reused(p)?;
    Ok(Pid::try_from(p.kinfo()?.ppid).unwrap_or(0))
}

/// psutil's `name()`: `p_comm` (16 bytes at most); when it is 15 bytes or more and
/// the basename of `cmdline()[0]` starts with it, that basename.
pub(crate) fn name(p: &Process) -> Result<OsString> {
    Ok(name_from_comm(p.kinfo()?.comm, || cmdline(p)))
}

/// psutil's `status()`: from `p_stat` and the flags (see
/// [`KinfoProc::status`](crate::parse::macos::kinfo_proc::KinfoProc::status)).
pub(crate) fn status(p: &Process) -> Result<Status> {
    Ok(p.kinfo()?.status())
}

/// psutil's `create_time()`: `p_starttime` in seconds since the epoch. (psutil also
/// shifts it by how much `kern.boottime` moved since import, to follow clock changes;
/// not done here.)
pub(crate) fn create_time(p: &Process) -> Result<f64> {
    Ok(p.kinfo()?.start_secs())
}

/// psutil's `cpu_times()`: `pti_total_user` / `pti_total_system` through the timebase.
pub(crate) fn cpu_times(p: &Process) -> Result<ProcessCpuTimes> {
    let t = p.task_info()?;
    let (numer, denom) = mach::timebase();
    Ok(ProcessCpuTimes {
        user: mach_to_secs(t.total_user, numer, denom),
        system: mach_to_secs(t.total_system, numer, denom),
        children_user: 0.0,
        children_system: 0.0,
    })
}

/// psutil's `num_threads()`: `pti_threadnum`.
pub(crate) fn num_threads(p: &Process) -> Result<u64> {
    Ok(p.task_info()?.threadnum)
}

/// psutil's `num_ctx_switches()`: `pti_csw` as voluntary, involuntary always 0.
pub(crate) fn num_ctx_switches(p: &Process) -> Result<CtxSwitches> {
    Ok(CtxSwitches {
        voluntary: p.task_info()?.csw,
        involuntary: 0,
    })
}

/// psutil's `memory_info()`.
pub(crate) fn memory_info(p: &Process) -> Result<MemoryInfo> {
    let t = p.task_info()?;
    Ok(MemoryInfo {
        rss: t.resident_size,
        vms: t.virtual_size,
        pfaults: t.faults,
        pageins: t.pageins,
    })
}

/// psutil's `nice()`: `getpriority(PRIO_PROCESS, pid)`.
pub(crate) fn nice(p: &Process) -> Result<i32> {
    signals::getpriority(p.pid).map_err(|e| p.os_error(e, "getpriority"))
}

/// psutil's `uids()`.
pub(crate) fn uids(p: &Process) -> Result<Uids> {
    let k = p.kinfo()?;
    Ok(Uids {
        real: k.ruid,
        effective: k.euid,
        saved: k.svuid,
    })
}

/// psutil's `gids()`.
pub(crate) fn gids(p: &Process) -> Result<Gids> {
    let k = p.kinfo()?;
    Ok(Gids {
        real: k.rgid,
        effective: k.egid,
        saved: k.svgid,
    })
}

/// psutil's `terminal()`: `e_tdev` as a `/dev` path (`devname(3)`), `None` without a
/// controlling terminal.
pub(crate) fn terminal(p: &Process) -> Result<Option<PathBuf>> {
    let tdev = p.kinfo()?.tdev;
    if tdev == NODEV {
        return Ok(None);
    }
    // SAFETY: devname returns null or a pointer to a static NUL-terminated name,
    // copied at once.
    let name = unsafe {
        let n = libc::devname(tdev, libc::S_IFCHR);
        if n.is_null() {
            return Ok(None);
        }
        CStr::from_ptr(n).to_bytes().to_vec()
    };
    if name.is_empty() || name == b"??" {
        return Ok(None);
    }
    let mut path = b"/dev/".to_vec();
    path.extend(name);
    Ok(Some(PathBuf::from(OsString::from_vec(path))))
}

/// psutil's `username()`: the name of the real uid, or the uid as a decimal string.
pub(crate) fn username(p: &Process) -> Result<String> {
    let uid = uids(p)?.real;
    Ok(passwd::user_name(uid)
        .map(|n| String::from_utf8_lossy(&n).into_owned())
        .unwrap_or_else(|| uid.to_string()))
}

/// psutil's `exe()`: `proc_pidpath` (cached); AccessDenied for pid 0, `''` when the
/// call says `ENOENT`; an empty result or AccessDenied falls back to an absolute,
/// executable `cmdline()[0]`, as psutil.
pub(crate) fn exe(p: &Process) -> Result<PathBuf> {
    if let Some(e) = p.state().exe.clone() {
        return Ok(e);
    }
    let path = match pidpath(p) {
        Ok(path) if !path.as_os_str().is_empty() => path,
        // empty: the guess, whose AccessDenied is ignored
        Ok(empty) => match guess_exe(p) {
            Ok(Some(g)) => g,
            Ok(None) | Err(Error::AccessDenied { .. }) => empty,
            Err(e) => return Err(e),
        },
        // denied: the guess, else the denial
        Err(denied @ Error::AccessDenied { .. }) => guess_exe(p)?.ok_or(denied)?,
        Err(e) => return Err(e),
    };
    p.state().exe = Some(path.clone());
    Ok(path)
}

/// An absolute `cmdline()[0]` naming an executable file.
fn guess_exe(p: &Process) -> Result<Option<PathBuf>> {
    use std::os::unix::fs::PermissionsExt;
    let args = cmdline(p)?;
    Ok(args.first().map(PathBuf::from).filter(|c| {
        c.is_absolute()
            && std::fs::metadata(c)
                .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }))
}

/// `PROC_PIDPATHINFO_MAXSIZE` of `<libproc.h>` (4 × `MAXPATHLEN`).
const PROC_PIDPATHINFO_MAXSIZE: usize = 4096;

/// `proc_pidpath(pid)`.
fn pidpath(p: &Process) -> Result<PathBuf> {
    if p.pid == 0 {
        return Err(p.denied_error());
    }
    let ipid = i32::try_from(p.pid).map_err(|_| p.gone_error())?;
    let mut buf = vec![0u8; PROC_PIDPATHINFO_MAXSIZE];
    // SAFETY: `buf` is writable for its length; errno is cleared first.
    let n = unsafe {
        *libc::__error() = 0;
        libc::proc_pidpath(
            ipid,
            buf.as_mut_ptr().cast(),
            PROC_PIDPATHINFO_MAXSIZE as u32,
        )
    };
    if n <= 0 {
        let e = std::io::Error::last_os_error();
        return match e.raw_os_error() {
            Some(libc::ENOENT) => Ok(PathBuf::new()),
            Some(0) | None => Err(p.gone_or_zombie(p.denied_error())),
            _ => Err(p.os_error(e, "proc_pidpath")),
        };
    }
    buf.truncate(usize::try_from(n).unwrap_or(0));
    Ok(PathBuf::from(OsString::from_vec(buf)))
}

/// The `KERN_PROCARGS2` block: after a failure, NoSuchProcess if the process is gone,
/// ZombieProcess if it is a zombie, AccessDenied for `EINVAL`, `EIO` or no errno (as
/// psutil).
fn procargs(p: &Process) -> Result<ProcArgs> {
    let ipid = i32::try_from(p.pid).map_err(|_| p.gone_error())?;
    match sysctl::by_mib(&[libc::CTL_KERN, libc::KERN_PROCARGS2, ipid]) {
        Ok(b) if b.len() >= 4 => procargs::parse(&b),
        Ok(_) => Err(p.gone_or_zombie(p.denied_error())),
        Err(e) => Err(match e.raw_os_error() {
            Some(libc::EINVAL | libc::EIO | 0) | None => p.gone_or_zombie(p.denied_error()),
            _ => p.os_error(e, "sysctl KERN_PROCARGS2"),
        }),
    }
}

/// psutil's `cmdline()`.
pub(crate) fn cmdline(p: &Process) -> Result<Vec<OsString>> {
    Ok(procargs(p)?
        .argv
        .into_iter()
        .map(OsString::from_vec)
        .collect())
}

/// psutil's `environ()`: the block's environment strings (meaningful mostly for the
/// calling process since Big Sur, as psutil notes).
pub(crate) fn environ(p: &Process) -> Result<IndexMap<OsString, OsString>> {
    Ok(environ_map(&procargs(p)?.env)
        .into_iter()
        .map(|(k, v)| (OsString::from_vec(k), OsString::from_vec(v)))
        .collect())
}

/// `PROC_PIDVNODEPATHINFO` of `<sys/proc_info.h>`.
const PROC_PIDVNODEPATHINFO: i32 = 9;

/// psutil's `cwd()`: `proc_pidinfo(PROC_PIDVNODEPATHINFO)`'s `pvi_cdir`.
pub(crate) fn cwd(p: &Process) -> Result<PathBuf> {
    let b = pidinfo(p.pid, PROC_PIDVNODEPATHINFO, 0, PROC_VNODEPATHINFO_LEN)
        .map_err(|e| p.os_error(e, "proc_pidinfo(PROC_PIDVNODEPATHINFO)"))?;
    if b.len() < PROC_VNODEPATHINFO_LEN {
        return Err(p.gone_or_zombie(p.denied_error()));
    }
    Ok(PathBuf::from(OsString::from_vec(parse_cwd(&b)?)))
}
