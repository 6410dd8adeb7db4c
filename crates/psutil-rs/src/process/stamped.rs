//! The identity checks of the backends whose [`Process`] handle is the creation stamp
//! read when it was opened (Windows, macOS, FreeBSD: psutil's `(pid, create_time)`
//! identity, psutil-platforms.md §5.4): opening, liveness, the pid-reuse check and
//! `repr`'s "some process holds the pid", each from what the pid holds now
//! ([`Holder`], which the backend reads), and the errors of such a handle. The Linux
//! handle checks its identity through its `/proc/<pid>` directory and uses none of this
//! (see [`linux_unused`]).

use crate::error::{Error, Pid, Result};
use crate::process::{Process, MSG_REUSED};

/// NoSuchProcess's message when there is no such pid to open.
pub(crate) const MSG_NOT_FOUND: &str = "process PID not found";
/// NoSuchProcess's message when the process is gone.
pub(crate) const MSG_GONE: &str = "process no longer exists";
/// ZombieProcess's message.
pub(crate) const MSG_ZOMBIE: &str = "PID still exists but it's a zombie";

/// What a pid holds now, as the backend reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Holder {
    /// A process with this creation stamp.
    Stamp(u64),
    /// No process.
    Nobody,
    /// A process whose stamp is out of reach, or a read that tells nothing: taken as the
    /// same process (psutil's fresh identity would be `(pid, None)`, which matches).
    Unknown,
}

/// psutil's `Process(pid)` with the holder of `pid`: NoSuchProcess ("process PID not
/// found") when nobody holds it, else the process `make` builds around its stamp
/// (`None` when out of reach).
pub(crate) fn open(
    pid: Pid,
    now: Holder,
    make: fn(Pid, Option<u64>) -> Process,
) -> Result<Process> {
    match now {
        Holder::Stamp(s) => Ok(make(pid, Some(s))),
        Holder::Unknown => Ok(make(pid, None)),
        Holder::Nobody => Err(Error::NoSuchProcess {
            pid,
            name: None,
            msg: MSG_NOT_FOUND.into(),
        }),
    }
}

/// What `p`'s pid holds now compared with its identity: `Some(true)` the same
/// process, `Some(false)` another one, `None` no process.
fn same_process(p: &Process, now: Holder) -> Option<bool> {
    match now {
        Holder::Stamp(s) => Some(p.identity().1.is_none_or(|old| old == s)),
        Holder::Nobody => None,
        Holder::Unknown => Some(true),
    }
}

/// psutil's `is_running()`: the pid still holds a process with `p`'s identity (zombies
/// included).
pub(crate) fn is_running(p: &Process, now: Holder) -> bool {
    same_process(p, now) == Some(true)
}

/// NoSuchProcess ("PID has been reused", and the handle is marked gone) when the pid
/// now holds another process; a process merely gone passes (the call that follows
/// reports it).
pub(crate) fn check_not_reused(p: &Process, now: Holder) -> Result<()> {
    if same_process(p, now) == Some(false) {
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
pub(crate) fn pid_taken(p: &Process, now: Holder) -> bool {
    same_process(p, now).is_some()
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

    /// ZombieProcess for this process, whose parent is `ppid` (`None` when it does not
    /// fit a pid).
    pub(crate) fn zombie_error(&self, ppid: Option<Pid>) -> Error {
        Error::ZombieProcess {
            pid: self.pid,
            name: self.cached_name(),
            ppid,
            msg: MSG_ZOMBIE.into(),
        }
    }
}

/// The items above the Linux backend does not call, kept alive there: an item with
/// `#[allow(dead_code)]` is a root of the dead-code analysis, so listing them here
/// keeps the Linux build free of warnings without silencing anything else.
#[allow(dead_code)]
fn linux_unused() {
    let _ = (open, is_running, check_not_reused, pid_taken);
    let _ = (Holder::Stamp(0), Holder::Nobody, Holder::Unknown);
    let _ = (
        Process::gone_error,
        Process::denied_error,
        Process::zombie_error,
    );
}
