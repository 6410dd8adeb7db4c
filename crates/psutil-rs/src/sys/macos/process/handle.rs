#![allow(unsafe_code)]
//! The macOS `Process` handle: its identity (the `kinfo_proc` start time, psutil's
//! monotonic `_ident`, psutil-platforms.md §5.4), opening with psutil's errors (§5.2),
//! liveness and the pid-reuse checks, the `oneshot` cache (the `kinfo_proc` record and
//! the `proc_taskinfo` record, psutil's two macOS groups), and the libproc calls.

use std::io;

use super::super::sysctl;
use crate::error::{Error, Pid, Result};
use crate::parse::macos::kinfo_proc::{self, KinfoProc};
use crate::parse::macos::task_info::{self, TaskInfo, PROC_TASKINFO_LEN};
use crate::process::stamped::{self, Holder};
use crate::process::Process;

pub(crate) use crate::process::stamped::MSG_NOT_FOUND;

/// The platform part of a [`Process`]: the start time read when it was opened.
#[derive(Debug, Clone, Default)]
pub(crate) struct Handle {
    /// `p_starttime` in microseconds since the epoch.
    pub start: Option<u64>,
}

impl Handle {
    /// The creation stamp: `p_starttime`, microseconds since the epoch.
    pub(crate) fn start_stamp(&self) -> Option<u64> {
        self.start
    }
}

/// What `oneshot` caches: the `kinfo_proc` and `proc_taskinfo` records.
#[derive(Debug, Default)]
pub(crate) struct OneshotCache {
    kinfo: Option<KinfoProc>,
    task: Option<TaskInfo>,
}

impl OneshotCache {
    pub(crate) fn clear(&mut self) {
        self.kinfo = None;
        self.task = None;
    }
}

/// `sysctl(CTL_KERN, KERN_PROC, KERN_PROC_PID, pid)`: `None` when there is no such pid
/// (the kernel answers 0 bytes).
pub(crate) fn kinfo_of(pid: Pid) -> Result<Option<KinfoProc>> {
    let ipid = i32::try_from(pid).map_err(|_| Error::invalid("pid out of range"))?;
    let b = sysctl::by_mib(&[libc::CTL_KERN, libc::KERN_PROC, libc::KERN_PROC_PID, ipid])
        .map_err(|e| Error::from_io(e, "sysctl KERN_PROC_PID"))?;
    if b.is_empty() {
        return Ok(None);
    }
    kinfo_proc::parse(&b).map(Some)
}

/// `proc_pidinfo(pid, flavor, arg)` into a buffer of `len` bytes; the bytes written,
/// or the call's errno (an error without one when the answer is empty and errno
/// unset: the caller then asks whether the process is gone or a zombie, as psutil).
pub(crate) fn pidinfo(pid: Pid, flavor: i32, arg: u64, len: usize) -> io::Result<Vec<u8>> {
    let ipid = i32::try_from(pid).map_err(|_| io::Error::from_raw_os_error(libc::ESRCH))?;
    let mut buf = vec![0u64; len.div_ceil(8)];
    let size = libc::c_int::try_from(buf.len() * 8).unwrap_or(libc::c_int::MAX);
    // SAFETY: `buf` is writable for `size` bytes (8-aligned, as the kernel's structs
    // want); errno is cleared first so a 0 answer can be told apart.
    let n = unsafe {
        *libc::__error() = 0;
        libc::proc_pidinfo(ipid, flavor, arg, buf.as_mut_ptr().cast(), size)
    };
    if n <= 0 {
        let e = io::Error::last_os_error();
        return Err(match e.raw_os_error() {
            Some(0) | None => io::Error::other("proc_pidinfo returned no data"),
            _ => e,
        });
    }
    let mut bytes: Vec<u8> = buf.iter().flat_map(|w| w.to_ne_bytes()).collect();
    bytes.truncate(usize::try_from(n).unwrap_or(0));
    Ok(bytes)
}

/// `PROC_PIDTASKINFO` of `<sys/proc_info.h>`.
const PROC_PIDTASKINFO: i32 = 4;

/// psutil's `Process(pid)`: NoSuchProcess ("process PID not found") when `kinfo_proc`
/// has no such pid.
pub(crate) fn open(pid: Pid) -> Result<Process> {
    if i32::try_from(pid).is_err() {
        return Err(Error::NoSuchProcess {
            pid,
            name: None,
            msg: "process PID out of range".into(),
        });
    }
    match kinfo_of(pid)? {
        Some(k) => Ok(Process::from_handle(
            pid,
            Handle {
                start: Some(k.start_micros()),
            },
        )),
        None => Err(Error::NoSuchProcess {
            pid,
            name: None,
            msg: MSG_NOT_FOUND.into(),
        }),
    }
}

/// Another pid, opened the same way (for `parent` and `children`).
pub(crate) fn open_like(_p: &Process, pid: Pid) -> Result<Process> {
    open(pid)
}

/// A child just spawned ([`Popen`](crate::Popen)).
pub(crate) fn open_child(pid: Pid) -> Result<Process> {
    open(pid)
}

/// What the pid holds now (an unreadable `kinfo_proc` is taken as the same process;
/// psutil would raise, the identity stays).
fn holder(pid: Pid) -> Holder {
    match kinfo_of(pid) {
        Ok(Some(k)) => Holder::Stamp(k.start_micros()),
        Ok(None) => Holder::Nobody,
        Err(_) => Holder::Unknown,
    }
}

/// psutil's `is_running()`.
pub(crate) fn is_running(p: &Process) -> bool {
    stamped::is_running(p, holder(p.pid))
}

/// NoSuchProcess ("PID has been reused") when the pid now holds another process.
pub(crate) fn check_not_reused(p: &Process) -> Result<()> {
    stamped::check_not_reused(p, holder(p.pid))
}

/// Whether some process holds the pid now (for `repr`).
pub(crate) fn pid_taken(p: &Process) -> bool {
    stamped::pid_taken(p, holder(p.pid))
}

impl Process {
    /// psutil's reading of a failure whose errno says little: gone → NoSuchProcess,
    /// zombie → ZombieProcess, else `otherwise`.
    pub(crate) fn gone_or_zombie(&self, otherwise: Error) -> Error {
        match kinfo_of(self.pid) {
            Ok(None) => self.gone_error(),
            Ok(Some(k)) if k.is_zombie() => self.zombie_error(Pid::try_from(k.ppid).ok()),
            _ => otherwise,
        }
    }

    /// The error of a failed call on this process (`wrap_exceptions` of `_psosx`):
    /// `ESRCH` → ZombieProcess if the process is a zombie, else NoSuchProcess;
    /// `EPERM`/`EACCES` → AccessDenied; others, after the gone/zombie check, the errno
    /// as an I/O error naming the call.
    pub(crate) fn os_error(&self, e: io::Error, call: &str) -> Error {
        match e.raw_os_error() {
            Some(libc::ESRCH) => self.gone_or_zombie(self.gone_error()),
            Some(libc::EPERM | libc::EACCES) => self.denied_error(),
            _ => self.gone_or_zombie(Error::Io {
                path: Some(call.into()),
                source: e,
            }),
        }
    }

    /// The process's `kinfo_proc` (cached inside `oneshot`); NoSuchProcess when gone.
    pub(crate) fn kinfo(&self) -> Result<KinfoProc> {
        if let Some(k) = &self.state().cache.kinfo {
            return Ok(k.clone());
        }
        let k = kinfo_of(self.pid)?.ok_or_else(|| self.gone_error())?;
        if self.cached_name().is_none() {
            self.remember_name(&k.comm);
        }
        if self.in_oneshot() {
            self.state().cache.kinfo = Some(k.clone());
        }
        Ok(k)
    }

    /// Caches a record read elsewhere (the table's listing) for this `oneshot`.
    pub(crate) fn seed_kinfo(&self, k: KinfoProc) {
        if self.in_oneshot() {
            self.state().cache.kinfo = Some(k);
        }
    }

    /// The process's `proc_taskinfo` (cached inside `oneshot`): AccessDenied for
    /// other users' processes, ZombieProcess for zombies.
    pub(crate) fn task_info(&self) -> Result<TaskInfo> {
        if let Some(t) = &self.state().cache.task {
            return Ok(*t);
        }
        let b = pidinfo(self.pid, PROC_PIDTASKINFO, 0, PROC_TASKINFO_LEN)
            .map_err(|e| self.os_error(e, "proc_pidinfo(PROC_PIDTASKINFO)"))?;
        if b.len() < PROC_TASKINFO_LEN {
            return Err(self.gone_or_zombie(self.denied_error()));
        }
        let t = task_info::parse(&b)?;
        if self.in_oneshot() {
            self.state().cache.task = Some(t);
        }
        Ok(t)
    }
}
