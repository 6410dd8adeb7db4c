#![allow(unsafe_code)]
//! Process control shared by macOS and the BSDs: `kill(2)` (signals and the existence
//! probe of `pid_exists`), `getpriority(2)`/`setpriority(2)` (`nice`) and `waitpid(2)`
//! (`wait` for our children). Errors are the calls' errno; each backend maps them to
//! psutil's kinds.

use std::io;

/// `kill(pid, sig)`; signal 0 only checks that the pid exists and may be signalled.
pub(crate) fn kill(pid: i32, sig: i32) -> io::Result<()> {
    // SAFETY: kill(2) takes plain integers.
    if unsafe { libc::kill(pid, sig) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Whether `pid` exists, as psutil's POSIX `pid_exists`: `kill(pid, 0)` succeeds or
/// fails with `EPERM` (someone else's process). Pid 0 and negative pids are the
/// caller's business (they name process groups here).
pub(crate) fn exists(pid: i32) -> io::Result<bool> {
    match kill(pid, 0) {
        Ok(()) => Ok(true),
        Err(e) if e.raw_os_error() == Some(libc::ESRCH) => Ok(false),
        Err(e) if e.raw_os_error() == Some(libc::EPERM) => Ok(true),
        Err(e) => Err(e),
    }
}

/// The `errno` location of the C library (`__error()` on macOS and the BSDs).
fn errno_ptr() -> *mut libc::c_int {
    // SAFETY: `__error` returns the calling thread's errno location, always valid.
    unsafe { libc::__error() }
}

/// `getpriority(PRIO_PROCESS, pid)`: the nice value. -1 is a valid answer, so errno is
/// cleared first and checked after.
pub(crate) fn getpriority(pid: u32) -> io::Result<i32> {
    // SAFETY: writes the calling thread's errno.
    unsafe { *errno_ptr() = 0 };
    // SAFETY: getpriority(2) takes plain integers.
    let v = unsafe { libc::getpriority(libc::PRIO_PROCESS, pid as _) };
    // SAFETY: reads the calling thread's errno.
    let errno = unsafe { *errno_ptr() };
    if v == -1 && errno != 0 {
        return Err(io::Error::from_raw_os_error(errno));
    }
    Ok(v)
}

/// `setpriority(PRIO_PROCESS, pid, value)`.
pub(crate) fn setpriority(pid: u32, value: i32) -> io::Result<()> {
    // SAFETY: setpriority(2) takes plain integers.
    if unsafe { libc::setpriority(libc::PRIO_PROCESS, pid as _, value) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// How a reaped child ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exit {
    /// `WIFEXITED`: the exit status.
    Code(i32),
    /// `WIFSIGNALED`: the signal's number.
    Signal(i32),
}

/// `waitpid(pid, WNOHANG)`: `Ok(None)` while the child runs (or only stopped),
/// `Ok(Some(exit))` once reaped; `ECHILD` when `pid` is not our child.
pub(crate) fn try_wait(pid: i32) -> io::Result<Option<Exit>> {
    let mut status: libc::c_int = 0;
    loop {
        // SAFETY: `status` is a valid out-pointer.
        let rc = unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
        if rc < 0 {
            let e = io::Error::last_os_error();
            if e.raw_os_error() == Some(libc::EINTR) {
                continue;
            }
            return Err(e);
        }
        if rc == 0 {
            return Ok(None);
        }
        if libc::WIFEXITED(status) {
            return Ok(Some(Exit::Code(libc::WEXITSTATUS(status))));
        }
        if libc::WIFSIGNALED(status) {
            return Ok(Some(Exit::Signal(libc::WTERMSIG(status))));
        }
        return Ok(None);
    }
}
