#![allow(unsafe_code)]
//! The Windows `Process` handle: its identity (the creation time, psutil's `_ident`,
//! psutil-platforms.md §5.4), opening with psutil's errors (§5.1), liveness and the
//! pid-reuse checks, the `oneshot` cache, and the pid listings.

use windows_sys::Win32::Foundation::FILETIME;
use windows_sys::Win32::System::Threading::{GetProcessTimes, PROCESS_QUERY_LIMITED_INFORMATION};

use super::snapshot;
use super::win::{self, Failure, OwnedHandle};
use crate::error::{Error, Pid, Result};
use crate::parse::windows::filetime;
use crate::parse::windows::system_process_information::ProcessRecord;
use crate::process::Process;

pub(crate) const MSG_NOT_FOUND: &str = "process PID not found";
pub(crate) const MSG_REUSED: &str = "process no longer exists and its PID has been reused";
const MSG_GONE: &str = "process no longer exists";

/// The platform part of a [`Process`]: the creation time read when it was opened.
#[derive(Debug, Clone, Default)]
pub(crate) struct Handle {
    /// The creation time in FILETIME ticks (`GetProcessTimes`), `None` when access to
    /// it was denied (psutil's identity is then `(pid, None)`) and for pid 0.
    pub create_stamp: Option<u64>,
}

impl Handle {
    /// The creation stamp: FILETIME ticks (100 ns since 1601).
    pub(crate) fn start_stamp(&self) -> Option<u64> {
        self.create_stamp
    }
}

/// What `oneshot` caches: the process's `SystemProcessInformation` record.
#[derive(Debug, Default)]
pub(crate) struct OneshotCache {
    record: Option<ProcessRecord>,
}

impl OneshotCache {
    pub(crate) fn clear(&mut self) {
        self.record = None;
    }
}

/// The times `GetProcessTimes` gives for an open handle: (creation, user, kernel), in
/// FILETIME ticks.
pub(crate) fn process_times(h: &OwnedHandle) -> Result<(u64, u64, u64), Failure> {
    let z = FILETIME {
        dwLowDateTime: 0,
        dwHighDateTime: 0,
    };
    let (mut c, mut e, mut k, mut u) = (z, z, z, z);
    // SAFETY: `h` is an open process handle; the four FILETIMEs are valid out pointers.
    let ok = unsafe { GetProcessTimes(h.raw(), &mut c, &mut e, &mut k, &mut u) };
    if ok == 0 {
        return Err(Failure::last());
    }
    let t = |f: FILETIME| filetime::from_parts(f.dwLowDateTime, f.dwHighDateTime);
    Ok((t(c), t(u), t(k)))
}

/// The creation stamp of `pid` through `GetProcessTimes` (psutil's
/// `create_time(fast_only=True)`, what its identity uses).
pub(crate) fn create_stamp(pid: Pid) -> Result<u64, Failure> {
    let h = win::open_process(pid, PROCESS_QUERY_LIMITED_INFORMATION)?;
    process_times(&h).map(|(c, _, _)| c)
}

/// psutil's `Process(pid)`: NoSuchProcess ("process PID not found") when there is no
/// such pid. Pid 0 (the System Idle Process) always opens, without identity.
pub(crate) fn open(pid: Pid) -> Result<Process> {
    let create_stamp = if pid == 0 {
        None
    } else {
        match create_stamp(pid) {
            Ok(s) => Some(s),
            Err(Failure::Gone) => {
                return Err(Error::NoSuchProcess {
                    pid,
                    name: None,
                    msg: MSG_NOT_FOUND.into(),
                })
            }
            Err(_) => None,
        }
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

/// What the current pid holds now, compared with the handle's identity: `Some(true)`
/// same process, `Some(false)` another one, `None` no process.
fn same_process(p: &Process) -> Option<bool> {
    if p.pid == 0 {
        return Some(true);
    }
    match create_stamp(p.pid) {
        Ok(s) => Some(p.imp.create_stamp.is_none_or(|old| old == s)),
        Err(Failure::Gone) => None,
        // The process exists but its times are out of reach: as psutil, whose fresh
        // identity is then `(pid, None)`, it cannot be told apart; taken as the same.
        Err(_) => Some(true),
    }
}

/// psutil's `is_running()`: the pid still holds a process with this identity.
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

    /// The error of a failed call on this process: NoSuchProcess, AccessDenied, or the
    /// Win32 error as an I/O error naming the call (psutil re-raises the `OSError`).
    pub(crate) fn failure(&self, f: Failure, call: &str) -> Error {
        match f {
            Failure::Gone => self.gone_error(),
            Failure::Denied => self.denied_error(),
            Failure::Os(code) => Error::Io {
                path: Some(call.into()),
                source: std::io::Error::from_raw_os_error(code as i32),
            },
        }
    }

    /// `OpenProcess(access)` on this pid, with psutil's errors.
    pub(crate) fn open_handle(&self, access: u32) -> Result<OwnedHandle> {
        win::open_process(self.pid, access).map_err(|f| self.failure(f, "OpenProcess"))
    }

    /// Caches a record read elsewhere (the table's snapshot) for this `oneshot`.
    pub(crate) fn seed_record(&self, r: ProcessRecord) {
        if self.in_oneshot() {
            self.state().cache.record = Some(r);
        }
    }

    /// The process's `SystemProcessInformation` record (cached inside `oneshot`);
    /// NoSuchProcess when the snapshot has none.
    pub(crate) fn record(&self) -> Result<ProcessRecord> {
        if let Some(r) = &self.state().cache.record {
            return Ok(r.clone());
        }
        let r = snapshot::find(self.pid)?.ok_or_else(|| self.gone_error())?;
        if self.in_oneshot() {
            self.state().cache.record = Some(r.clone());
        }
        if !r.name.is_empty() && self.cached_name().is_none() {
            self.remember_name(r.name.as_bytes());
        }
        Ok(r)
    }
}
