//! The FreeBSD `Process` handle: its identity (the `kinfo_proc` start time, psutil's
//! `(pid, create_time())`, psutil-platforms.md §5.4), opening with psutil's errors,
//! liveness and the pid-reuse checks, the `oneshot` cache (the `kinfo_proc` record,
//! psutil's FreeBSD oneshot bundle, §4.5), and the error mapping of §5.3.

use std::io;

use super::calls;
use crate::error::{Error, Pid, Result};
use crate::parse::freebsd::kinfo_proc::{self, KinfoProc, SZOMB};
use crate::process::Process;

pub(crate) const MSG_NOT_FOUND: &str = "process PID not found";
pub(crate) const MSG_REUSED: &str = "process no longer exists and its PID has been reused";
const MSG_GONE: &str = "process no longer exists";

/// The platform part of a [`Process`]: the start time read when it was opened.
#[derive(Debug, Clone, Default)]
pub(crate) struct Handle {
    /// `ki_start` in microseconds since the epoch, `None` when it could not be read.
    pub create_stamp: Option<u64>,
}

impl Handle {
    /// The creation stamp: `ki_start` in microseconds since the epoch.
    pub(crate) fn start_stamp(&self) -> Option<u64> {
        self.create_stamp
    }
}

/// What `oneshot` caches: the process's `kinfo_proc`.
#[derive(Debug, Default)]
pub(crate) struct OneshotCache {
    kinfo: Option<KinfoProc>,
}

impl OneshotCache {
    pub(crate) fn clear(&mut self) {
        self.kinfo = None;
    }
}

/// `ki_start` as a stamp (microseconds since the epoch).
pub(crate) fn stamp(k: &KinfoProc) -> u64 {
    (k.start * 1_000_000.0).round().max(0.0) as u64
}

/// The `kinfo_proc` of `pid`: `Ok(None)` when there is no such process (an empty answer
/// or `ESRCH`).
pub(crate) fn read_kinfo(pid: Pid) -> io::Result<Option<KinfoProc>> {
    match calls::kinfo(pid) {
        Ok(buf) => kinfo_proc::parse_one(&buf).map_err(io::Error::other),
        Err(e) if e.raw_os_error() == Some(libc::ESRCH) => Ok(None),
        Err(e) => Err(e),
    }
}

/// psutil's `Process(pid)`: NoSuchProcess ("process PID not found") when there is no
/// such pid.
pub(crate) fn open(pid: Pid) -> Result<Process> {
    let create_stamp = match read_kinfo(pid) {
        Ok(Some(k)) => Some(stamp(&k)),
        Ok(None) => {
            return Err(Error::NoSuchProcess {
                pid,
                name: None,
                msg: MSG_NOT_FOUND.into(),
            })
        }
        Err(_) => None,
    };
    Ok(Process::from_handle(pid, Handle { create_stamp }))
}

/// Another pid, opened the same way (for `parent` and `children`).
pub(crate) fn open_like(_p: &Process, pid: Pid) -> Result<Process> {
    open(pid)
}

/// A child just spawned ([`Popen`](crate::Popen)).
pub(crate) fn open_child(pid: Pid) -> Result<Process> {
    open(pid)
}

/// What the pid holds now compared with the handle's identity: `Some(true)` the same
/// process, `Some(false)` another one, `None` no process.
fn same_process(p: &Process) -> Option<bool> {
    match read_kinfo(p.pid) {
        Ok(Some(k)) => Some(p.imp.create_stamp.is_none_or(|old| old == stamp(&k))),
        Ok(None) => None,
        Err(_) => Some(true),
    }
}

/// psutil's `is_running()`: the pid still holds a process with this identity (zombies
/// included).
pub(crate) fn is_running(p: &Process) -> bool {
    same_process(p) == Some(true)
}

/// NoSuchProcess ("PID has been reused") when the pid now holds another process; a
/// process merely gone passes (the call that follows reports it).
pub(crate) fn check_not_reused(p: &Process) -> Result<()> {
    if same_process(p) == Some(false) {
        p.state().gone = true;
        return Err(Error::NoSuchProcess {
            pid: p.pid,
            name: p.cached_name(),
            msg: MSG_REUSED.into(),
        });
    }
    Ok(())
}

/// Whether some process holds the pid now (for `repr`).
pub(crate) fn pid_taken(p: &Process) -> bool {
    same_process(p).is_some()
}

impl Process {
    /// NoSuchProcess for this process (and the handle is marked gone).
    pub(crate) fn gone_error(&self) -> Error {
        self.state().gone = true;
        Error::NoSuchProcess {
            pid: self.pid,
            name: self.cached_name(),
            msg: MSG_GONE.into(),
        }
    }

    /// AccessDenied for this process.
    pub(crate) fn denied_error(&self) -> Error {
        Error::AccessDenied {
            pid: Some(self.pid),
            name: self.cached_name(),
            path: None,
            msg: String::new(),
        }
    }

    /// psutil's `wrap_exceptions` on FreeBSD (§5.3): `ESRCH` is ZombieProcess when the
    /// `kinfo_proc` says `SZOMB`, else NoSuchProcess; `EPERM`/`EACCES` AccessDenied;
    /// any other errno on pid 0 AccessDenied; else an I/O error naming the call.
    pub(crate) fn os_error(&self, e: io::Error, call: &str) -> Error {
        match e.raw_os_error() {
            Some(libc::ESRCH) => self.gone_or_zombie(),
            Some(libc::EPERM | libc::EACCES) => self.denied_error(),
            _ if self.pid == 0 => self.denied_error(),
            _ => Error::Io {
                path: Some(call.into()),
                source: e,
            },
        }
    }

    /// ZombieProcess if the process is a zombie now, else NoSuchProcess.
    pub(crate) fn gone_or_zombie(&self) -> Error {
        match read_kinfo(self.pid) {
            Ok(Some(k)) if k.stat == SZOMB => Error::ZombieProcess {
                pid: self.pid,
                name: self.cached_name(),
                ppid: Pid::try_from(k.ppid).ok(),
                msg: "PID still exists but it's a zombie".into(),
            },
            _ => self.gone_error(),
        }
    }

    /// Caches a record read elsewhere (the table's snapshot) for this `oneshot`.
    pub(crate) fn seed_kinfo(&self, k: KinfoProc) {
        if self.in_oneshot() {
            self.state().cache.kinfo = Some(k);
        }
    }

    /// The process's `kinfo_proc` (cached inside `oneshot`); NoSuchProcess when the
    /// kernel has none.
    pub(crate) fn kinfo(&self) -> Result<KinfoProc> {
        if let Some(k) = &self.state().cache.kinfo {
            return Ok(k.clone());
        }
        let k = match read_kinfo(self.pid) {
            Ok(Some(k)) => k,
            Ok(None) => return Err(self.gone_error()),
            Err(e) => return Err(self.os_error(e, "sysctl kern.proc.pid")),
        };
        if self.in_oneshot() {
            self.state().cache.kinfo = Some(k.clone());
        }
        if self.cached_name().is_none() && !k.comm.is_empty() {
            self.remember_name(&k.comm);
        }
        Ok(k)
    }

    /// A raw per-process sysctl with psutil's errors.
    pub(crate) fn call(&self, r: io::Result<Vec<u8>>, call: &str) -> Result<Vec<u8>> {
        r.map_err(|e| self.os_error(e, call))
    }
}
