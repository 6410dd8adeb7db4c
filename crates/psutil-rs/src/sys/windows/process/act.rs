#![allow(unsafe_code)]
//! The acting `Process` methods on Windows: `send_signal` (SIGTERM only), `suspend` /
//! `resume` (`NtSuspendProcess` / `NtResumeProcess`, resolved at run time),
//! `terminate` / `kill` (`TerminateProcess` with exit code 15, as psutil), the priority
//! class setter, `wait` (`WaitForSingleObject` + `GetExitCodeProcess`) and
//! `wait_procs`'s `wait_any` (`WaitForMultipleObjects`).

use std::time::{Duration, Instant};

use windows_sys::Win32::Foundation::{ERROR_ACCESS_DENIED, ERROR_INVALID_PARAMETER, HANDLE};
use windows_sys::Win32::Foundation::{WAIT_FAILED, WAIT_TIMEOUT};
use windows_sys::Win32::System::Threading::{
    GetExitCodeProcess, OpenProcess, SetPriorityClass, TerminateProcess, WaitForMultipleObjects,
    WaitForSingleObject, INFINITE, PROCESS_QUERY_INFORMATION, PROCESS_QUERY_LIMITED_INFORMATION,
    PROCESS_SET_INFORMATION, PROCESS_SUSPEND_RESUME, PROCESS_TERMINATE,
};

use super::win::{self, query_fail, Failure, NtProcessFn, OwnedHandle};
use crate::error::{Error, Result};
use crate::parse::windows::priority::PRIORITY_CLASSES;
use crate::process::Process;

/// `SIGTERM`, the one signal psutil accepts on Windows besides the console events.
const SIGTERM: i32 = 15;
/// `SYNCHRONIZE`.
const SYNCHRONIZE: u32 = 0x0010_0000;

/// psutil's `send_signal()` on Windows: SIGTERM is [`kill`]; any other signal is
/// [`Error::InvalidArgument`] (psutil's `ValueError`; its `CTRL_C_EVENT` and
/// `CTRL_BREAK_EVENT`, which go through Python's `os.kill`, are not supported here).
pub(crate) fn send_signal(p: &Process, sig: i32) -> Result<()> {
    if sig != SIGTERM {
        return Err(Error::invalid(format!(
            "only SIGTERM ({SIGTERM}) is supported on Windows, got signal {sig}"
        )));
    }
    kill(p)
}

fn nt_call(p: &Process, name: &'static str, f: Option<NtProcessFn>) -> Result<()> {
    super::check_not_reused(p)?;
    let h = p.open_handle(PROCESS_SUSPEND_RESUME | PROCESS_QUERY_LIMITED_INFORMATION)?;
    let f = f.ok_or_else(|| Error::unsupported(format!("{name} (not exported by ntdll)")))?;
    // SAFETY: `h` is an open process handle with PROCESS_SUSPEND_RESUME.
    let st = unsafe { f(h.raw()) };
    if st < 0 {
        return Err(p.failure(query_fail(st), name));
    }
    Ok(())
}

/// psutil's `suspend()`: `NtSuspendProcess`, after the reuse check.
pub(crate) fn suspend(p: &Process) -> Result<()> {
    nt_call(
        p,
        "NtSuspendProcess",
        win::ntdll_fn!(NtSuspendProcess: NtProcessFn),
    )
}

/// psutil's `resume()`: `NtResumeProcess`, after the reuse check.
pub(crate) fn resume(p: &Process) -> Result<()> {
    nt_call(
        p,
        "NtResumeProcess",
        win::ntdll_fn!(NtResumeProcess: NtProcessFn),
    )
}

/// psutil's `terminate()`: the same as [`kill`] on Windows.
pub(crate) fn terminate(p: &Process) -> Result<()> {
    kill(p)
}

/// psutil's `kill()`: `TerminateProcess(h, 15)` after the reuse check; AccessDenied
/// for pid 0; an `ERROR_ACCESS_DENIED` from the call itself is taken as "already
/// gone", as psutil.
pub(crate) fn kill(p: &Process) -> Result<()> {
    super::check_not_reused(p)?;
    if p.pid == 0 {
        return Err(p.denied_error());
    }
    let h = p.open_handle(PROCESS_TERMINATE | PROCESS_QUERY_LIMITED_INFORMATION)?;
    // SAFETY: `h` is an open process handle with PROCESS_TERMINATE.
    if unsafe { TerminateProcess(h.raw(), SIGTERM as u32) } == 0 {
        match win::last_error() {
            ERROR_ACCESS_DENIED => {}
            c => return Err(p.failure(Failure::from_code(c), "TerminateProcess")),
        }
    }
    Ok(())
}

/// psutil's `nice(value)` on Windows: `SetPriorityClass`, after the reuse check. A
/// value that is not one of the six priority classes is [`Error::InvalidArgument`].
pub(crate) fn set_nice(p: &Process, value: i32) -> Result<()> {
    let class = u32::try_from(value)
        .ok()
        .filter(|v| PRIORITY_CLASSES.iter().any(|(_, c)| c == v))
        .ok_or_else(|| {
            Error::invalid(format!(
                "{value} is not a priority class (see psutil_rs::os::windows)"
            ))
        })?;
    super::check_not_reused(p)?;
    let h = p.open_handle(PROCESS_QUERY_INFORMATION | PROCESS_SET_INFORMATION)?;
    // SAFETY: `h` is an open process handle with PROCESS_SET_INFORMATION.
    if unsafe { SetPriorityClass(h.raw(), class) } == 0 {
        return Err(p.failure(Failure::last(), "SetPriorityClass"));
    }
    Ok(())
}

fn timeout_ms(t: Option<Duration>) -> u32 {
    t.map_or(INFINITE, |d| {
        u32::try_from(d.as_millis())
            .unwrap_or(INFINITE - 1)
            .min(INFINITE - 1)
    })
}

/// psutil's `wait()` on Windows: [`Error::InvalidArgument`] for pid 0; `None` when the
/// pid is already gone; otherwise waits for the process to end
/// (`WaitForSingleObject`, [`Error::TimeoutExpired`] when `timeout` passes first) and
/// returns its exit code (`GetExitCodeProcess`), then, as psutil, waits (sleeps from
/// 0.1 ms to 40 ms) until the pid is no longer in use. The result is remembered.
pub(crate) fn wait(p: &Process, timeout: Option<Duration>) -> Result<Option<i32>> {
    if p.pid == 0 {
        return Err(Error::invalid("can't wait for PID 0"));
    }
    if let Some(code) = p.state().exit_code {
        return Ok(code);
    }
    // SAFETY: plain call; a NULL result is checked.
    let raw = unsafe { OpenProcess(SYNCHRONIZE | PROCESS_QUERY_INFORMATION, 0, p.pid) };
    if raw.is_null() {
        return match win::last_error() {
            ERROR_INVALID_PARAMETER => {
                p.state().gone = true;
                Ok(None)
            }
            c => Err(p.failure(Failure::from_code(c), "OpenProcess")),
        };
    }
    let h = OwnedHandle(raw);
    let start = Instant::now();
    // SAFETY: `h` is an open process handle with SYNCHRONIZE.
    match unsafe { WaitForSingleObject(h.raw(), timeout_ms(timeout)) } {
        WAIT_TIMEOUT => {
            return Err(Error::TimeoutExpired {
                seconds: timeout.map_or(0.0, |t| t.as_secs_f64()),
                pid: Some(p.pid),
                name: p.cached_name(),
            })
        }
        WAIT_FAILED => return Err(p.failure(Failure::last(), "WaitForSingleObject")),
        _ => {}
    }
    let mut code = 0u32;
    // SAFETY: `h` is an open process handle; `code` a valid out pointer.
    let code = (unsafe { GetExitCodeProcess(h.raw(), &mut code) } != 0).then_some(code as i32);
    drop(h);
    // psutil then waits for the pid to go (Wine keeps it for about a second after the
    // last handle closes, but with an exit code, which pid_exists sees).
    let mut delay = Duration::from_micros(100);
    while super::pid_exists(p.pid).unwrap_or(false) {
        if timeout.is_some_and(|t| start.elapsed() >= t) {
            break;
        }
        std::thread::sleep(delay);
        delay = (delay * 2).min(Duration::from_millis(40));
    }
    let mut st = p.state();
    st.gone = true;
    st.exit_code = Some(code);
    Ok(code)
}

/// For [`wait_procs`](crate::wait_procs): returns when one of `alive` has ended or
/// `remaining` has passed (`WaitForMultipleObjects` on up to 64 of them; one that
/// cannot be opened counts as ended).
pub(crate) fn wait_any(alive: &[&Process], remaining: Option<Duration>) -> Result<()> {
    let mut handles = Vec::new();
    for p in alive.iter().take(64) {
        match win::open_process(p.pid, SYNCHRONIZE | PROCESS_QUERY_LIMITED_INFORMATION) {
            Ok(h) if !win::has_exited(&h) => handles.push(h),
            _ => return Ok(()),
        }
    }
    if handles.is_empty() {
        return Ok(());
    }
    let raw: Vec<HANDLE> = handles.iter().map(OwnedHandle::raw).collect();
    // SAFETY: `raw` holds `raw.len()` (≤ 64) open handles with SYNCHRONIZE.
    let r =
        unsafe { WaitForMultipleObjects(raw.len() as u32, raw.as_ptr(), 0, timeout_ms(remaining)) };
    if r == WAIT_FAILED {
        return Err(Error::Io {
            path: Some("WaitForMultipleObjects".into()),
            source: std::io::Error::last_os_error(),
        });
    }
    Ok(())
}
