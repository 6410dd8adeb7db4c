//! What a `Process` does on macOS: signals (`kill(2)`), `setpriority(2)`, and `wait`
//! (`waitpid(WNOHANG)` for our children, `kill(pid, 0)` polling for the others: psutil's
//! fallback when its `kqueue` cannot be used).

use std::time::{Duration, Instant};

use super::super::signals::{self, Exit};
use crate::error::{Error, Result};
use crate::process::Process;

/// psutil's POSIX `send_signal()`: ValueError for pid 0 (it would signal our process
/// group), the reuse check, then `kill(2)`: `ESRCH` → NoSuchProcess (ZombieProcess for
/// a zombie), `EPERM` → AccessDenied.
pub(crate) fn send_signal(p: &Process, sig: i32) -> Result<()> {
    if p.pid == 0 {
        return Err(Error::invalid(
            "preventing sending signal to process with PID 0 as it would affect every \
             process in the process group of the calling process instead of PID 0",
        ));
    }
    super::check_not_reused(p)?;
    let pid = i32::try_from(p.pid).map_err(|_| p.gone_error())?;
    signals::kill(pid, sig).map_err(|e| p.os_error(e, "kill"))
}

/// psutil's `nice(value)`: the reuse check, then `setpriority(PRIO_PROCESS)`.
pub(crate) fn set_nice(p: &Process, value: i32) -> Result<()> {
    super::check_not_reused(p)?;
    signals::setpriority(p.pid, value).map_err(|e| p.os_error(e, "setpriority"))
}

/// The longest sleep between two polls.
const MAX_DELAY: Duration = Duration::from_millis(40);

/// psutil's POSIX `wait()`: ValueError for pid 0; the exit code of our child (a
/// negated signal number if a signal ended it), `None` for a process that is not our
/// child once it is gone; [`Error::TimeoutExpired`] when `timeout` passes first. The
/// result is remembered.
pub(crate) fn wait(p: &Process, timeout: Option<Duration>) -> Result<Option<i32>> {
    if p.pid == 0 {
        return Err(Error::invalid("can't wait for PID 0"));
    }
    if let Some(code) = p.state().exit_code {
        return Ok(code);
    }
    let pid = i32::try_from(p.pid).map_err(|_| p.gone_error())?;
    let start = Instant::now();
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
        if !child && !signals::exists(pid).unwrap_or(false) {
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
        std::thread::sleep(delay);
        delay = (delay * 2).min(MAX_DELAY);
    };
    let mut st = p.state();
    st.gone = true;
    st.exit_code = Some(code);
    Ok(code)
}

/// For [`wait_procs`](crate::wait_procs): returns at once when one of `alive` is gone,
/// else after a short sleep bounded by `remaining`, for the caller to poll again
/// (`wait` with a zero timeout, which reaps our children).
pub(crate) fn wait_any(alive: &[&Process], remaining: Option<Duration>) -> Result<()> {
    let step = remaining.map_or(MAX_DELAY, |r| r.min(MAX_DELAY));
    let any_gone = alive
        .iter()
        .any(|p| i32::try_from(p.pid).map_or(true, |pid| !signals::exists(pid).unwrap_or(false)));
    if !any_gone {
        std::thread::sleep(step);
    }
    Ok(())
}
