//! Acting on a process: signals (`kill(2)`), the nice setter (`setpriority(2)`) and
//! `wait` (`waitpid(2)` for our children, polling for other processes), shared POSIX
//! calls of `sys/unix/signals.rs` with psutil's FreeBSD errors.

use std::time::{Duration, Instant};

use super::super::signals::{self, Exit};
use crate::error::{Error, Result};
use crate::process::Process;

/// `kill(pid, sig)` after the identity check; pid 0 is [`Error::InvalidArgument`]
/// (signalling it would signal our process group). `ESRCH` is NoSuchProcess (or
/// ZombieProcess), `EPERM` AccessDenied. psutil's `send_signal()`.
pub(crate) fn send_signal(p: &Process, sig: i32) -> Result<()> {
    if p.pid == 0 {
        return Err(Error::invalid(
            "preventing sending signal to process with PID 0 as it would affect every \
             process in the process group of the calling process",
        ));
    }
    super::check_not_reused(p)?;
    let pid = i32::try_from(p.pid).map_err(|_| p.gone_error())?;
    signals::kill(pid, sig).map_err(|e| match e.raw_os_error() {
        Some(libc::ESRCH) => p.gone_error(),
        _ => p.os_error(e, "kill"),
    })
}

/// `setpriority(PRIO_PROCESS, pid, value)` after the identity check. psutil's
/// `nice(value)`.
pub(crate) fn set_nice(p: &Process, value: i32) -> Result<()> {
    super::check_not_reused(p)?;
    signals::setpriority(p.pid, value).map_err(|e| match e.raw_os_error() {
        Some(libc::ESRCH) => p.gone_error(),
        _ => p.os_error(e, "setpriority"),
    })
}

/// The next sleep of a poll: doubling from 0.1 ms up to 40 ms, as psutil's.
fn next_delay(d: Duration) -> Duration {
    (d * 2).min(Duration::from_millis(40))
}

/// psutil's POSIX `wait()`: pid 0 is [`Error::InvalidArgument`]. For our child,
/// `waitpid(WNOHANG)` until it is reaped: its exit code, or the negated signal number
/// that ended it. For another process, polls until the pid is gone (a zombie counts as
/// alive until its parent reaps it): `None`. Sleeps grow from 0.1 ms to 40 ms; a
/// `timeout` that runs out is [`Error::TimeoutExpired`]. The result is remembered.
/// Checks identity first.
pub(crate) fn wait(p: &Process, timeout: Option<Duration>) -> Result<Option<i32>> {
    if p.pid == 0 {
        return Err(Error::invalid("can't wait for PID 0"));
    }
    if let Some(code) = p.state().exit_code {
        return Ok(code);
    }
    super::check_not_reused(p)?;
    let start = Instant::now();
    let pid = i32::try_from(p.pid).map_err(|_| p.gone_error())?;
    let mut delay = Duration::from_micros(100);
    let mut child = true;
    let code = loop {
        if child {
            match signals::try_wait(pid) {
                Ok(Some(Exit::Code(c))) => break Some(c),
                Ok(Some(Exit::Signal(s))) => break Some(-s),
                Ok(None) => {}
                Err(e) if e.raw_os_error() == Some(libc::ECHILD) => child = false,
                Err(e) => return Err(p.os_error(e, "waitpid")),
            }
        }
        if !child && !super::pid_exists(p.pid)? {
            break None;
        }
        if let Some(t) = timeout {
            if start.elapsed() >= t {
                return Err(Error::TimeoutExpired {
                    seconds: t.as_secs_f64(),
                    pid: Some(p.pid),
                    name: p.cached_name(),
                });
            }
        }
        if child || super::pid_exists(p.pid)? {
            std::thread::sleep(delay);
            delay = next_delay(delay);
        }
    };
    let mut st = p.state();
    st.gone = true;
    st.exited = true;
    st.exit_code = Some(code);
    Ok(code)
}

/// For [`wait_procs`](crate::wait_procs), which then polls each process with
/// `wait(0)`: returns at once when one of `alive` is no longer running, else after 10
/// ms (or `remaining`, if shorter). Our children that exited stay zombies (running)
/// until `wait` reaps them, hence the bounded sleep rather than a wait for a change.
pub(crate) fn wait_any(alive: &[&Process], remaining: Option<Duration>) -> Result<()> {
    if alive.iter().any(|p| !p.is_running()) {
        return Ok(());
    }
    let step = Duration::from_millis(10);
    std::thread::sleep(remaining.map_or(step, |r| r.min(step)));
    Ok(())
}
