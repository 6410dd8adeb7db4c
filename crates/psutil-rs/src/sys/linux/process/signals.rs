//! Acting on a process: signals, `wait`, `nice` setter. Each first checks identity.

use std::io;
use std::os::fd::BorrowedFd;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::process::Process;
use crate::sys;

impl Process {
    /// Maps the error of a syscall acting on this process.
    fn syscall_err(&self, e: io::Error, what: &str) -> Error {
        match e.raw_os_error() {
            Some(libc::ESRCH) => self.no_such_process(),
            Some(libc::EPERM) | Some(libc::EACCES) => self.access_denied(None),
            _ => Error::Io {
                path: Some(what.into()),
                source: e,
            },
        }
    }

    /// After the pidfd of a process that is not our child has shown it exited: waits
    /// until it is reaped, i.e. until `pidfd_send_signal(pidfd, 0)` gives ESRCH (a
    /// zombie still accepts signal 0; EPERM, another user's zombie, also means it is
    /// there). psutil polls `kill(pid, 0)` the same way, with the same sleeps.
    fn wait_reaped(
        &self,
        fd: BorrowedFd<'_>,
        deadline: Option<Instant>,
        timeout: Option<Duration>,
    ) -> Result<()> {
        let mut delay = Duration::from_micros(100);
        loop {
            match sys::process::calls::pidfd_send_signal(fd, 0) {
                Err(e) if e.raw_os_error() == Some(libc::ESRCH) => return Ok(()),
                Ok(()) => {}
                Err(e) if e.raw_os_error() == Some(libc::EPERM) => {}
                Err(e) => return Err(self.syscall_err(e, "pidfd_send_signal")),
            }
            delay = self.sleep_step(delay, deadline, timeout)?;
        }
    }

    /// One sleep of the polling loops: `delay`, cut to what is left before `deadline`
    /// ([`Error::TimeoutExpired`] when nothing is); returns the next delay (doubled, at
    /// most 40 ms, as psutil's).
    fn sleep_step(
        &self,
        delay: Duration,
        deadline: Option<Instant>,
        timeout: Option<Duration>,
    ) -> Result<Duration> {
        let mut delay = delay;
        if let Some(d) = deadline {
            let now = Instant::now();
            if now >= d {
                return Err(self.timeout_expired(timeout));
            }
            delay = delay.min(d - now);
        }
        std::thread::sleep(delay);
        Ok((delay * 2).min(Duration::from_millis(40)))
    }

    fn timeout_expired(&self, timeout: Option<Duration>) -> Error {
        Error::TimeoutExpired {
            seconds: timeout.map(|d| d.as_secs_f64()).unwrap_or(0.0),
            pid: Some(self.pid),
            name: self.state().name.clone(),
        }
    }

    /// The fallback of [`wait`](Process::wait) without a pidfd.
    fn wait_polling(
        &self,
        deadline: Option<Instant>,
        timeout: Option<Duration>,
    ) -> Result<Option<i32>> {
        let mut delay = Duration::from_micros(100);
        let mut child = true;
        loop {
            if child {
                match sys::process::calls::waitpid(self.pid, true) {
                    Ok(Some(code)) => return Ok(Some(code)),
                    Ok(None) => {}
                    Err(e) if e.raw_os_error() == Some(libc::ECHILD) => child = false,
                    Err(e) => return Err(self.syscall_err(e, "waitpid")),
                }
            }
            // Not our child: it has ended once its stat is gone (a zombie still has
            // one, as psutil's pid_exists still sees it).
            if !child && self.confirmed_gone() {
                return Ok(None);
            }
            delay = self.sleep_step(delay, deadline, timeout)?;
        }
    }
}

/// Sends signal `sig` (0 only checks that the process exists). psutil's
/// `send_signal()`. Checks identity first, then uses `pidfd_send_signal(2)` on the
/// pidfd opened with this handle, so a reused pid can never receive the signal; falls
/// back to `kill(2)` without a pidfd. ESRCH → NoSuchProcess, EPERM → AccessDenied.
pub(crate) fn send_signal(p: &Process, sig: i32) -> Result<()> {
    p.check_not_reused()?;
    let r = match p.pidfd()? {
        Some(fd) => sys::process::calls::pidfd_send_signal(fd, sig),
        None => sys::process::calls::kill(p.pid, sig),
    };
    r.map_err(|e| p.syscall_err(e, "pidfd_send_signal"))
}

/// Sends SIGSTOP. psutil's `suspend()`.
pub(crate) fn suspend(p: &Process) -> Result<()> {
    p.send_signal(libc::SIGSTOP)
}

/// Sends SIGCONT. psutil's `resume()`.
pub(crate) fn resume(p: &Process) -> Result<()> {
    p.send_signal(libc::SIGCONT)
}

/// Sends SIGTERM. psutil's `terminate()`.
pub(crate) fn terminate(p: &Process) -> Result<()> {
    p.send_signal(libc::SIGTERM)
}

/// Sends SIGKILL. psutil's `kill()`.
pub(crate) fn kill(p: &Process) -> Result<()> {
    p.send_signal(libc::SIGKILL)
}

/// Sets the nice value with `setpriority(PRIO_PROCESS)`, after the identity check.
/// Values outside -20..=19 are [`Error::InvalidArgument`]. psutil's `nice(value)`.
pub(crate) fn set_nice(p: &Process, value: i32) -> Result<()> {
    if !(-20..=19).contains(&value) {
        return Err(Error::invalid(format!(
            "invalid nice value {value}; valid values are -20..=19"
        )));
    }
    p.check_not_reused()?;
    sys::process::calls::set_nice(p.pid, value).map_err(|e| p.syscall_err(e, "setpriority"))
}

/// Waits for the process to end and returns its exit code, or minus the signal that
/// killed it, when it is our child; `None` when it is not our child (its status goes
/// to its parent) or was already reaped. psutil's `wait(timeout)`.
///
/// With a pidfd this polls it (`poll(2)`), which works for any process, child or
/// not, and wakes as soon as the process exits. Our child is then reaped with
/// `waitid(P_PIDFD)`. A process that is not our child has only become a zombie at
/// that point: as psutil, this keeps waiting until its parent (or the subreaper or
/// init that inherited it) has reaped it, checking with `pidfd_send_signal(pidfd, 0)`
/// (ESRCH once reaped; the pidfd names this process only, whatever gets the pid
/// next) with sleeps growing from 0.1 ms to 40 ms. Without a pidfd it polls
/// `waitpid(WNOHANG)` for a child, and `/proc/<pid>/stat` through the handle for
/// other processes, with the same sleeps. A `timeout` that runs out gives
/// [`Error::TimeoutExpired`], also for a zombie that nobody reaps. The result is
/// remembered. Checks identity first.
pub(crate) fn wait(p: &Process, timeout: Option<Duration>) -> Result<Option<i32>> {
    if let Some(code) = p.state().exit_code {
        return Ok(code);
    }
    let deadline = timeout.map(|t| Instant::now() + t);
    p.check_not_reused()?;
    let pidfd = match p.pidfd() {
        Ok(fd) => fd,
        // Already gone (reaped by someone): nothing to wait for, as psutil.
        Err(Error::NoSuchProcess { .. }) => {
            p.state().exit_code = Some(None);
            return Ok(None);
        }
        Err(e) => return Err(e),
    };
    let code = match pidfd {
        Some(fd) => {
            if !sys::process::calls::poll_pidfd(fd, timeout)
                .map_err(|e| p.syscall_err(e, "poll(pidfd)"))?
            {
                return Err(p.timeout_expired(timeout));
            }
            match sys::process::calls::waitid_pidfd(fd, false) {
                Ok(code) => code,
                // Not our child (or reaped meanwhile by someone else).
                Err(e) if e.raw_os_error() == Some(libc::ECHILD) => {
                    p.state().exited = true;
                    p.wait_reaped(fd, deadline, timeout)?;
                    None
                }
                Err(e) => return Err(p.syscall_err(e, "waitid(P_PIDFD)")),
            }
        }
        None => p.wait_polling(deadline, timeout)?,
    };
    p.state().exit_code = Some(code);
    Ok(code)
}
