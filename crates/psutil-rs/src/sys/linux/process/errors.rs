//! The mapping of a [`Process`]'s OS errors to psutil's exception kinds
//! (`NoSuchProcess`, `ZombieProcess`, `AccessDenied`), psutil's `wrap_exceptions`.

use std::io;
use std::path::PathBuf;

use super::handle::MSG_ZOMBIE;
use crate::error::{Error, Result};
use crate::parse::pid_stat::PidStat;
use crate::process::Process;

impl Process {
    /// `NoSuchProcess` for this process with psutil's default message. The handle is
    /// marked gone (so that [`is_running`](Process::is_running) answers false from then
    /// on) only when the disappearance is confirmed: `stat` read through the
    /// `/proc/<pid>` handle fails with ESRCH or ENOENT (see [`Process::confirmed_gone`]).
    /// A live process whose optional file fails with ESRCH (a kernel thread's
    /// `smaps_rollup`, for example) gets the error but stays running.
    pub(crate) fn no_such_process(&self) -> Error {
        if self.confirmed_gone() {
            self.state().gone = true;
        }
        self.no_such_process_error()
    }

    /// Whether this process is surely gone: reading its `stat` through the
    /// `/proc/<pid>` handle opened at creation (or, past the descriptor budget, the
    /// reopened directory checked against the start time) fails with ESRCH or ENOENT.
    /// Any other outcome (read, or failed for another reason: out of descriptors, ...)
    /// leaves the question open, and the process is not taken for gone.
    pub(crate) fn confirmed_gone(&self) -> bool {
        matches!(self.stat_raw(), Err(e) if is_gone_errno(&e))
    }

    /// The `NoSuchProcess` error itself, without touching the gone mark.
    pub(crate) fn no_such_process_error(&self) -> Error {
        Error::NoSuchProcess {
            pid: self.pid,
            name: self.cached_name(),
            msg: "process no longer exists".into(),
        }
    }

    pub(crate) fn access_denied(&self, path: Option<PathBuf>) -> Error {
        Error::AccessDenied {
            pid: Some(self.pid),
            name: self.cached_name(),
            path,
            msg: String::new(),
        }
    }

    /// `ZombieProcess` if `stat` shows state `Z`; `Ok(Some(stat))` if the process is
    /// alive; `NoSuchProcess` if it is gone.
    pub(crate) fn zombie_check(&self) -> Result<Option<PidStat>> {
        match self.stat_raw() {
            Ok(Ok(st)) if st.state == b'Z' => {
                self.remember_name(&st.comm);
                Err(Error::ZombieProcess {
                    pid: self.pid,
                    name: self.cached_name(),
                    ppid: Some(st.ppid),
                    msg: MSG_ZOMBIE.into(),
                })
            }
            Ok(Ok(st)) => Ok(Some(st)),
            Ok(Err(_)) => Ok(None),
            Err(e) => {
                if is_gone_errno(&e) {
                    self.state().gone = true;
                }
                Err(self.no_such_process_error())
            }
        }
    }

    /// psutil's `wrap_exceptions`: EACCES/EPERM → AccessDenied; ESRCH → ZombieProcess
    /// or NoSuchProcess; ENOENT → ZombieProcess, NoSuchProcess if the process is gone,
    /// else the plain NotFound.
    pub(crate) fn map_err(&self, e: io::Error, name: &str) -> Error {
        match e.raw_os_error() {
            Some(libc::EACCES) | Some(libc::EPERM) => self.access_denied(Some(self.path(name))),
            // `stat` still reads: the process is alive (a kernel thread's file, say), so
            // the error is psutil's NoSuchProcess but the handle is not marked gone.
            Some(libc::ESRCH) => match self.zombie_check() {
                Err(z) => z,
                Ok(_) => self.no_such_process_error(),
            },
            Some(libc::ENOENT) => match self.zombie_check() {
                Err(z) => z,
                Ok(_) => Error::NotFound {
                    path: self.path(name),
                },
            },
            _ => Error::from_io(e, self.path(name)),
        }
    }
}

/// ESRCH or ENOENT: what reading through the `/proc/<pid>` handle of a process that is
/// gone gives (ESRCH from a file of a reaped process, ENOENT when opening one; past
/// the descriptor budget, ENOENT for the missing directory and the ESRCH of a start
/// time that no longer matches).
pub(super) fn is_gone_errno(e: &io::Error) -> bool {
    matches!(e.raw_os_error(), Some(libc::ESRCH) | Some(libc::ENOENT))
}
