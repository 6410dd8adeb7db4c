//! The `Process` methods psutil has on every platform that act on the process:
//! signals, the nice setter, `wait`. Each delegates to the backend's function of the
//! same name; the docs say what Linux does.

use std::time::Duration;

use super::handle::Process;
use crate::error::Result;
use crate::sys;

impl Process {
    /// Sends signal `sig` (0 only checks that the process exists). psutil's
    /// `send_signal()`. Checks identity first, then uses `pidfd_send_signal(2)` on the
    /// pidfd opened with this handle, so a reused pid can never receive the signal; falls
    /// back to `kill(2)` without a pidfd. ESRCH → NoSuchProcess, EPERM → AccessDenied.
    ///
    /// Windows: only SIGTERM (15), which is [`kill`](Process::kill); any other signal is
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument).
    pub fn send_signal(&self, sig: i32) -> Result<()> {
        sys::process::send_signal(self, sig)
    }

    /// Sends SIGSTOP. psutil's `suspend()`.
    ///
    /// Windows: `NtSuspendProcess`.
    pub fn suspend(&self) -> Result<()> {
        sys::process::suspend(self)
    }

    /// Sends SIGCONT. psutil's `resume()`.
    ///
    /// Windows: `NtResumeProcess`.
    pub fn resume(&self) -> Result<()> {
        sys::process::resume(self)
    }

    /// Sends SIGTERM. psutil's `terminate()`.
    ///
    /// Windows: `TerminateProcess` with exit code 15, as [`kill`](Process::kill).
    pub fn terminate(&self) -> Result<()> {
        sys::process::terminate(self)
    }

    /// Sends SIGKILL. psutil's `kill()`.
    ///
    /// Windows: `TerminateProcess` with exit code 15, as psutil.
    pub fn kill(&self) -> Result<()> {
        sys::process::kill(self)
    }

    /// Sets the nice value with `setpriority(PRIO_PROCESS)`, after the identity check.
    /// Values outside -20..=19 are [`Error::InvalidArgument`](crate::Error::InvalidArgument). psutil's `nice(value)`.
    ///
    /// Windows: a priority class (`SetPriorityClass`); any other value is
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument).
    pub fn set_nice(&self, value: i32) -> Result<()> {
        sys::process::set_nice(self, value)
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
    /// [`Error::TimeoutExpired`](crate::Error::TimeoutExpired), also for a zombie that nobody reaps. The result is
    /// remembered. Checks identity first.
    ///
    /// Windows: `WaitForSingleObject` + `GetExitCodeProcess`; `None` when the pid is already
    /// gone.
    pub fn wait(&self, timeout: Option<Duration>) -> Result<Option<i32>> {
        sys::process::wait(self, timeout)
    }
}
