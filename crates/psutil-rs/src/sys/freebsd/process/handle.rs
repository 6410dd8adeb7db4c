//! The FreeBSD `Process` handle: its identity (the `kinfo_proc` start time, psutil's
//! `(pid, create_time())`, psutil-platforms.md §5.4), opening with psutil's errors,
//! liveness and the pid-reuse checks, the `oneshot` cache (the `kinfo_proc` record,
//! psutil's FreeBSD oneshot bundle, §4.5), and the error mapping of §5.3.

use std::io;

use super::calls;
use crate::error::{Error, Pid, Result};
use crate::parse::freebsd::kinfo_proc::{self, KinfoProc, SZOMB};
use crate::process::stamped::{self, Holder};
use crate::process::Process;

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

/// What the pid holds now (an unreadable `kinfo_proc` is taken as the same process).
fn holder(pid: Pid) -> Holder {
    match read_kinfo(pid) {
        Ok(Some(k)) => Holder::Stamp(stamp(&k)),
        Ok(None) => Holder::Nobody,
        Err(_) => Holder::Unknown,
    }
}

/// psutil's `Process(pid)`: NoSuchProcess ("process PID not found") when there is no
/// such pid.
pub(crate) fn open(pid: Pid) -> Result<Process> {
    stamped::open(pid, holder(pid), |pid, create_stamp| {
        Process::from_handle(pid, Handle { create_stamp })
    })
}

/// Another pid, opened the same way (for `parent` and `children`).
pub(crate) fn open_like(_p: &Process, pid: Pid) -> Result<Process> {
    open(pid)
}

/// A child just spawned ([`Popen`](crate::Popen)).
pub(crate) fn open_child(pid: Pid) -> Result<Process> {
    open(pid)
}

/// psutil's `is_running()` (zombies included).
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
            Ok(Some(k)) if k.stat == SZOMB => self.zombie_error(Pid::try_from(k.ppid).ok()),
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
