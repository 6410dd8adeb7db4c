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
use crate::process::stamped::{self, Holder};
use crate::process::Process;

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

/// What the pid holds now: pid 0 (the System Idle Process) holds no identity; a
/// process whose times are out of reach is taken as the same (see [`Holder::Unknown`]).
fn holder(pid: Pid) -> Holder {
    if pid == 0 {
        return Holder::Unknown;
    }
    match create_stamp(pid) {
        Ok(s) => Holder::Stamp(s),
        Err(Failure::Gone) => Holder::Nobody,
        Err(_) => Holder::Unknown,
    }
}

/// psutil's `Process(pid)`: NoSuchProcess ("process PID not found") when there is no
/// such pid. Pid 0 (the System Idle Process) always opens, without identity.
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
    /// The error of a failed call on this process: NoSuchProcess, AccessDenied,
    /// Unsupported for an information class the system lacks, or the Win32 error or
    /// NTSTATUS as an I/O error naming the call (psutil re-raises the `OSError`).
    pub(crate) fn failure(&self, f: Failure, call: &str) -> Error {
        match f {
            Failure::Gone => self.gone_error(),
            Failure::Denied => self.denied_error(),
            Failure::Os(code) => Error::Io {
                path: Some(call.into()),
                source: std::io::Error::from_raw_os_error(code as i32),
            },
            Failure::Nt(st) => Error::Io {
                path: Some(call.into()),
                source: std::io::Error::other(format!("NTSTATUS {:#010x}", st as u32)),
            },
            Failure::Missing => Error::unsupported(format!("{call} on this system")),
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
