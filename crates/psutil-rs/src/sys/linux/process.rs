#![allow(unsafe_code)]
//! Per-process I/O: files read relative to an open `/proc/<pid>` directory, pidfds,
//! signals, waiting, priorities. Errors are returned raw (`io::Error`); the process
//! module maps them to psutil's kinds because the mapping needs the process state.

use std::collections::HashMap;
use std::ffi::OsString;
use std::io::{self, Read};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStringExt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rustix::fs::{Mode, OFlags};

fn rio(e: rustix::io::Errno) -> io::Error {
    io::Error::from_raw_os_error(e.raw_os_error())
}

/// Opens `/proc/<pid>` (or any directory) as an `O_PATH` directory handle. Files read
/// through it belong to the process that owned the pid when it was opened: once that
/// process is gone, reads fail (ESRCH/ENOENT) even if the pid is reused.
pub(crate) fn open_dir(path: &Path) -> io::Result<OwnedFd> {
    rustix::fs::open(
        path,
        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .map_err(rio)
}

/// Reads the whole file `name` under `dir` (32 KiB first read, like psutil).
pub(crate) fn read_at(dir: BorrowedFd<'_>, name: &str) -> io::Result<Vec<u8>> {
    let fd = rustix::fs::openat(dir, name, OFlags::RDONLY | OFlags::CLOEXEC, Mode::empty())
        .map_err(rio)?;
    let mut f = std::fs::File::from(fd);
    let mut buf = Vec::with_capacity(32 * 1024);
    f.read_to_end(&mut buf)?;
    Ok(buf)
}

/// `readlinkat(2)` of `name` under `dir`, raw bytes.
pub(crate) fn readlink_at(dir: BorrowedFd<'_>, name: &str) -> io::Result<Vec<u8>> {
    rustix::fs::readlinkat(dir, name, Vec::new())
        .map(|c| c.into_bytes())
        .map_err(rio)
}

/// The entry names of the directory `name` under `dir`, without `.` and `..`.
pub(crate) fn list_at(dir: BorrowedFd<'_>, name: &str) -> io::Result<Vec<OsString>> {
    let fd = rustix::fs::openat(
        dir,
        name,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .map_err(rio)?;
    let d = rustix::fs::Dir::new(fd).map_err(rio)?;
    let mut out = Vec::new();
    for entry in d {
        let entry = entry.map_err(rio)?;
        let n = entry.file_name().to_bytes();
        if n != b"." && n != b".." {
            out.push(OsString::from_vec(n.to_vec()));
        }
    }
    Ok(out)
}

/// `pidfd_open(2)` (Linux ≥ 5.3): a handle on the process that cannot be redirected to
/// another process by pid reuse.
pub(crate) fn pidfd_open(pid: u32) -> io::Result<OwnedFd> {
    let pid = i32::try_from(pid).map_err(|_| io::Error::from_raw_os_error(libc::ESRCH))?;
    let pid = rustix::process::Pid::from_raw(pid)
        .ok_or_else(|| io::Error::from_raw_os_error(libc::EINVAL))?;
    rustix::process::pidfd_open(pid, rustix::process::PidfdFlags::empty()).map_err(rio)
}

/// `pidfd_send_signal(2)` with any signal number (0 checks the process exists).
pub(crate) fn pidfd_send_signal(pidfd: BorrowedFd<'_>, sig: i32) -> io::Result<()> {
    // SAFETY: pidfd_send_signal takes (int pidfd, int sig, siginfo_t *info, unsigned
    // flags); a null info and zero flags are valid, and the fd is borrowed for the call.
    let r = unsafe {
        libc::syscall(
            libc::SYS_pidfd_send_signal,
            pidfd.as_raw_fd(),
            sig,
            std::ptr::null::<libc::siginfo_t>(),
            0u32,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// `kill(2)`.
pub(crate) fn kill(pid: u32, sig: i32) -> io::Result<()> {
    let pid = i32::try_from(pid).map_err(|_| io::Error::from_raw_os_error(libc::ESRCH))?;
    // SAFETY: kill has no memory-safety requirements.
    let r = unsafe { libc::kill(pid, sig) };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// `poll(2)` for readability of a pidfd, which the kernel signals when the process
/// exits. `None` waits forever. Returns false on timeout. EINTR restarts the wait with
/// the full timeout (callers recheck their own deadline).
pub(crate) fn poll_pidfd(pidfd: BorrowedFd<'_>, timeout: Option<Duration>) -> io::Result<bool> {
    use rustix::event::{PollFd, PollFlags, Timespec};
    let ts = timeout.map(|d| Timespec {
        tv_sec: i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        tv_nsec: i64::from(d.subsec_nanos()),
    });
    let mut fds = [PollFd::new(&pidfd, PollFlags::IN)];
    loop {
        match rustix::event::poll(&mut fds, ts.as_ref()) {
            Ok(n) => return Ok(n > 0),
            Err(rustix::io::Errno::INTR) => continue,
            Err(e) => return Err(rio(e)),
        }
    }
}

/// How a reaped child ended: its exit code, or minus the signal that killed it.
fn status_code(exit: Option<i32>, sig: Option<i32>) -> Option<i32> {
    exit.or(sig.map(|s| -s))
}

/// `waitid(P_PIDFD, WEXITED)`: reaps our child. `Ok(None)` with `nohang` when it has not
/// exited; ECHILD when it is not our child.
pub(crate) fn waitid_pidfd(pidfd: BorrowedFd<'_>, nohang: bool) -> io::Result<Option<i32>> {
    use rustix::process::{WaitId, WaitIdOptions};
    let mut opts = WaitIdOptions::EXITED;
    if nohang {
        opts |= WaitIdOptions::NOHANG;
    }
    loop {
        match rustix::process::waitid(WaitId::PidFd(pidfd.as_fd()), opts) {
            Ok(Some(st)) => return Ok(status_code(st.exit_status(), st.terminating_signal())),
            Ok(None) => return Ok(None),
            Err(rustix::io::Errno::INTR) => continue,
            Err(e) => return Err(rio(e)),
        }
    }
}

/// `waitpid(pid, WNOHANG?)`: reaps our child by pid. ECHILD when not our child.
pub(crate) fn waitpid(pid: u32, nohang: bool) -> io::Result<Option<i32>> {
    use rustix::process::WaitOptions;
    let pid = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
        .ok_or_else(|| io::Error::from_raw_os_error(libc::ECHILD))?;
    let opts = if nohang {
        WaitOptions::NOHANG
    } else {
        WaitOptions::empty()
    };
    loop {
        match rustix::process::waitpid(Some(pid), opts) {
            Ok(Some((_, st))) => return Ok(status_code(st.exit_status(), st.terminating_signal())),
            Ok(None) => return Ok(None),
            Err(rustix::io::Errno::INTR) => continue,
            Err(e) => return Err(rio(e)),
        }
    }
}

/// `setpriority(PRIO_PROCESS, pid, nice)`.
pub(crate) fn set_nice(pid: u32, nice: i32) -> io::Result<()> {
    let pid = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
        .ok_or_else(|| io::Error::from_raw_os_error(libc::ESRCH))?;
    rustix::process::setpriority_process(Some(pid), nice).map_err(rio)
}

/// psutil's terminal map: `st_rdev` → path for `<dev>/tty*` and `<dev>/pts/*`.
pub(crate) fn tty_map(dev: &Path) -> HashMap<u64, PathBuf> {
    let mut map = HashMap::new();
    let mut add = |dir: &Path, prefix: &[u8]| {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for e in rd.flatten() {
            let name = e.file_name();
            if !name.as_encoded_bytes().starts_with(prefix) {
                continue;
            }
            let path = e.path();
            if let Ok(md) = std::fs::metadata(&path) {
                map.entry(md.rdev()).or_insert(path);
            }
        }
    };
    add(dev, b"tty");
    add(&dev.join("pts"), b"");
    map
}
