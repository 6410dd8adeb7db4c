#![allow(unsafe_code)]
//! Per-process I/O: files read relative to an open `/proc/<pid>` directory, pidfds,
//! signals, waiting, priorities. Errors are returned raw (`io::Error`); the process
//! module maps them to psutil's kinds because the mapping needs the process state.

use std::collections::HashMap;
use std::ffi::OsString;
use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStringExt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rustix::fs::{Mode, OFlags};

use super::super::fs::read_to_eof;

/// Opens `/proc/<pid>` (or any directory) as an `O_PATH` directory handle. Files read
/// through it belong to the process that owned the pid when it was opened: once that
/// process is gone, reads fail (ESRCH/ENOENT) even if the pid is reused.
pub(crate) fn open_dir(path: &Path) -> io::Result<OwnedFd> {
    open_directory(path, OFlags::PATH)
}

/// Opens the directory `path` for listing with [`for_each_name`] (and for `openat`).
pub(crate) fn open_listing(path: &Path) -> io::Result<OwnedFd> {
    open_directory(path, OFlags::RDONLY)
}

/// `open(path, mode | O_DIRECTORY | O_CLOEXEC)`.
fn open_directory(path: &Path, mode: OFlags) -> io::Result<OwnedFd> {
    rustix::fs::open(
        path,
        mode | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .map_err(io::Error::from)
}

/// Opens the directory `name` under `dir` for listing.
fn open_listing_at(dir: BorrowedFd<'_>, name: &str) -> io::Result<OwnedFd> {
    rustix::fs::openat(
        dir,
        name,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .map_err(io::Error::from)
}

/// Reads the whole file `name` under `dir` (`openat`, then [`read_to_eof`]).
pub(crate) fn read_at(dir: BorrowedFd<'_>, name: &str) -> io::Result<Vec<u8>> {
    let fd = rustix::fs::openat(dir, name, OFlags::RDONLY | OFlags::CLOEXEC, Mode::empty())?;
    read_to_eof(fd.as_fd())
}

/// Whether `name` exists under `dir` (`faccessat(F_OK)`, one syscall): under a
/// `/proc/<pid>` handle, false once that process is gone (reaped), whatever now holds
/// the pid.
pub(crate) fn exists_at(dir: BorrowedFd<'_>, name: &str) -> bool {
    rustix::fs::accessat(
        dir,
        name,
        rustix::fs::Access::EXISTS,
        rustix::fs::AtFlags::empty(),
    )
    .is_ok()
}

/// `readlinkat(2)` of `name` under `dir`, raw bytes.
pub(crate) fn readlink_at(dir: BorrowedFd<'_>, name: &str) -> io::Result<Vec<u8>> {
    rustix::fs::readlinkat(dir, name, Vec::new())
        .map(|c| c.into_bytes())
        .map_err(io::Error::from)
}

/// The entry names of the directory `name` under `dir`, without `.` and `..`.
pub(crate) fn list_at(dir: BorrowedFd<'_>, name: &str) -> io::Result<Vec<OsString>> {
    let mut out = Vec::new();
    for_each_name(open_listing_at(dir, name)?.as_fd(), |n| {
        out.push(OsString::from_vec(n.to_vec()))
    })?;
    Ok(out)
}

/// The number of entries of the directory `name` under `dir` (not `.` and `..`).
pub(crate) fn count_at(dir: BorrowedFd<'_>, name: &str) -> io::Result<usize> {
    let mut n = 0;
    for_each_name(open_listing_at(dir, name)?.as_fd(), |_| n += 1)?;
    Ok(n)
}

/// Calls `f` with the name of each entry of the open directory `fd` (not `.` and `..`),
/// reading them with `getdents64(2)` into one 32 KiB buffer (as glibc's `readdir`: a
/// /proc listing in one or two calls). A directory removed while listed (a process
/// that exits) ends the listing, as `readdir` does.
pub(crate) fn for_each_name(fd: BorrowedFd<'_>, mut f: impl FnMut(&[u8])) -> io::Result<()> {
    let mut buf: Vec<u8> = Vec::with_capacity(32 * 1024);
    let mut dir = rustix::fs::RawDir::new(fd, buf.spare_capacity_mut());
    while let Some(entry) = dir.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(rustix::io::Errno::NOENT) => break,
            Err(e) => return Err(e.into()),
        };
        let n = entry.file_name().to_bytes();
        if n != b"." && n != b".." {
            f(n);
        }
    }
    Ok(())
}

/// `pidfd_open(2)` (Linux ≥ 5.3): a handle on the process that cannot be redirected to
/// another process by pid reuse.
pub(crate) fn pidfd_open(pid: u32) -> io::Result<OwnedFd> {
    let pid = i32::try_from(pid).map_err(|_| io::Error::from_raw_os_error(libc::ESRCH))?;
    let pid = rustix::process::Pid::from_raw(pid)
        .ok_or_else(|| io::Error::from_raw_os_error(libc::EINVAL))?;
    rustix::process::pidfd_open(pid, rustix::process::PidfdFlags::empty()).map_err(io::Error::from)
}

/// Set once `PIDFD_GET_INFO` proved missing (a kernel before 6.13).
static PIDFD_INFO_MISSING: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// Whether `ioctl(PIDFD_GET_INFO)` may work here (false once it failed as unknown).
pub(crate) fn pidfd_info_available() -> bool {
    !PIDFD_INFO_MISSING.load(std::sync::atomic::Ordering::Relaxed)
}

/// The real, effective and saved uids and gids of the process `pid` names, as
/// `/proc/<pid>/status`'s `Uid:`/`Gid:` lines show them (the objective credentials, in
/// the caller's user namespace), from `pidfd_open(2)` + `ioctl(PIDFD_GET_INFO)` (Linux
/// ≥ 6.13): binary and far cheaper than generating `status`. `Ok(None)` where the
/// kernel lacks the ioctl (remembered) or the descriptor cannot be had (EMFILE):
/// read `status` then. The caller must check afterwards that the process it means
/// still had the pid when the pidfd was opened.
pub(crate) fn pidfd_creds(pid: u32) -> io::Result<Option<([u32; 3], [u32; 3])>> {
    if !pidfd_info_available() {
        return Ok(None);
    }
    let fd = match pidfd_open(pid) {
        Ok(fd) => fd,
        Err(e) if e.raw_os_error() == Some(libc::ESRCH) => return Err(e),
        Err(_) => return Ok(None),
    };
    // SAFETY: pidfd_info holds only integers, for which all-zero is a valid value.
    let mut info: libc::pidfd_info = unsafe { std::mem::zeroed() };
    info.mask = u64::from(libc::PIDFD_INFO_CREDS);
    // SAFETY: the fd is open for the duration of the call and `info` is a live,
    // writable pidfd_info, the size PIDFD_GET_INFO's request number encodes.
    let r = unsafe { libc::ioctl(fd.as_raw_fd(), libc::PIDFD_GET_INFO, &mut info) };
    if r < 0 {
        let e = io::Error::last_os_error();
        return match e.raw_os_error() {
            Some(libc::ESRCH) => Err(e),
            // ENOSYS: an emulator (qemu-user) that does not translate the ioctl.
            Some(libc::ENOTTY | libc::EINVAL | libc::EOPNOTSUPP | libc::ENOSYS) => {
                PIDFD_INFO_MISSING.store(true, std::sync::atomic::Ordering::Relaxed);
                Ok(None)
            }
            _ => Ok(None),
        };
    }
    if info.mask & u64::from(libc::PIDFD_INFO_CREDS) == 0 {
        return Ok(None);
    }
    Ok(Some((
        [info.ruid, info.euid, info.suid],
        [info.rgid, info.egid, info.sgid],
    )))
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
    use rustix::event::{PollFd, PollFlags};
    let ts = timeout.map(timespec);
    let mut fds = [PollFd::new(&pidfd, PollFlags::IN)];
    loop {
        match rustix::event::poll(&mut fds, ts.as_ref()) {
            Ok(n) => return Ok(n > 0),
            Err(rustix::io::Errno::INTR) => continue,
            Err(e) => return Err(e.into()),
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
            Err(e) => return Err(e.into()),
        }
    }
}

/// `waitpid(pid, WNOHANG?)`: reaps our child by pid. ECHILD when not our child.
pub(crate) fn waitpid(pid: u32, nohang: bool) -> io::Result<Option<i32>> {
    use rustix::process::WaitOptions;
    let pid = rustix_pid(pid, libc::ECHILD)?;
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
            Err(e) => return Err(e.into()),
        }
    }
}

/// `setpriority(PRIO_PROCESS, pid, nice)`.
pub(crate) fn set_nice(pid: u32, nice: i32) -> io::Result<()> {
    let pid = rustix_pid(pid, libc::ESRCH)?;
    rustix::process::setpriority_process(Some(pid), nice).map_err(io::Error::from)
}

/// `getpriority(PRIO_PROCESS, pid)`: the nice value (-20..19).
pub(crate) fn get_nice(pid: u32) -> io::Result<i32> {
    let pid = rustix_pid(pid, libc::ESRCH)?;
    rustix::process::getpriority_process(Some(pid)).map_err(io::Error::from)
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

/// `pid` as rustix's process id, or the error `errno` for pid 0 and for a pid beyond
/// `pid_t` (which no process can have).
fn rustix_pid(pid: u32, errno: i32) -> io::Result<rustix::process::Pid> {
    i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
        .ok_or_else(|| io::Error::from_raw_os_error(errno))
}

/// A `poll(2)` timeout (saturating at `i64::MAX` seconds).
fn timespec(timeout: Duration) -> rustix::event::Timespec {
    rustix::event::Timespec {
        tv_sec: i64::try_from(timeout.as_secs()).unwrap_or(i64::MAX),
        tv_nsec: i64::from(timeout.subsec_nanos()),
    }
}

const IOPRIO_WHO_PROCESS: libc::c_int = 1;

/// `pid` as a `pid_t` for a raw syscall; ESRCH as in [`rustix_pid`].
fn raw_pid(pid: u32) -> io::Result<libc::pid_t> {
    rustix_pid(pid, libc::ESRCH).map(|p| p.as_raw_nonzero().get())
}

/// `ioprio_get(IOPRIO_WHO_PROCESS, pid)`: the raw priority, `class << 13 | data`.
pub(crate) fn ioprio_get(pid: u32) -> io::Result<u32> {
    let pid = raw_pid(pid)?;
    // SAFETY: ioprio_get takes two ints and touches no memory.
    let r = unsafe { libc::syscall(libc::SYS_ioprio_get, IOPRIO_WHO_PROCESS, pid) };
    if r < 0 {
        return Err(io::Error::last_os_error());
    }
    u32::try_from(r).map_err(|_| io::Error::from_raw_os_error(libc::ERANGE))
}

/// `ioprio_set(IOPRIO_WHO_PROCESS, pid, prio)`.
pub(crate) fn ioprio_set(pid: u32, prio: u32) -> io::Result<()> {
    let pid = raw_pid(pid)?;
    let prio =
        libc::c_int::try_from(prio).map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?;
    // SAFETY: ioprio_set takes three ints and touches no memory.
    let r = unsafe { libc::syscall(libc::SYS_ioprio_set, IOPRIO_WHO_PROCESS, pid, prio) };
    if r < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(())
    }
}

/// `prlimit64(pid, resource, new, old)`: returns the old `(soft, hard)`, and sets `new`
/// when given. `RLIM_INFINITY` is `u64::MAX`.
pub(crate) fn prlimit(pid: u32, resource: i32, new: Option<(u64, u64)>) -> io::Result<(u64, u64)> {
    let pid = raw_pid(pid)?;
    let resource = libc::__rlimit_resource_t::try_from(resource)
        .map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?;
    let new = new.map(|(s, h)| libc::rlimit64 {
        rlim_cur: s,
        rlim_max: h,
    });
    let mut old = libc::rlimit64 {
        rlim_cur: 0,
        rlim_max: 0,
    };
    let new_ptr = new
        .as_ref()
        .map_or(std::ptr::null(), |n| n as *const libc::rlimit64);
    // SAFETY: `new_ptr` is null or points to a live rlimit64 on this stack frame; `old`
    // is a valid, writable rlimit64 for the duration of the call.
    let r = unsafe { libc::prlimit64(pid, resource, new_ptr, &mut old) };
    if r == 0 {
        Ok((old.rlim_cur, old.rlim_max))
    } else {
        Err(io::Error::last_os_error())
    }
}

/// `sched_getaffinity(pid)`: the CPUs the process may run on, sorted.
pub(crate) fn sched_getaffinity(pid: u32) -> io::Result<Vec<u32>> {
    let pid = Some(rustix_pid(pid, libc::ESRCH)?);
    let set = rustix::thread::sched_getaffinity(pid).map_err(io::Error::from)?;
    let count = set.count() as usize;
    let mut out = Vec::with_capacity(count);
    for c in 0..rustix::thread::CpuSet::MAX_CPU {
        if out.len() == count {
            break;
        }
        if set.is_set(c) {
            out.extend(u32::try_from(c).ok());
        }
    }
    Ok(out)
}

/// `sched_setaffinity(pid, cpus)`. A CPU beyond the set size is EINVAL.
pub(crate) fn sched_setaffinity(pid: u32, cpus: &[u32]) -> io::Result<()> {
    let pid = Some(rustix_pid(pid, libc::ESRCH)?);
    let mut set = rustix::thread::CpuSet::new();
    for &c in cpus {
        let c = usize::try_from(c).unwrap_or(usize::MAX);
        if c >= rustix::thread::CpuSet::MAX_CPU {
            return Err(io::Error::from_raw_os_error(libc::EINVAL));
        }
        set.set(c);
    }
    rustix::thread::sched_setaffinity(pid, &set).map_err(io::Error::from)
}

/// `stat(2)` follows the link: true for a regular file (psutil's `isfile_strict`).
pub(crate) fn is_regular_file(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file())
}

/// `poll(2)` on several pidfds: waits until one is readable (a process exited) or the
/// timeout passes. An empty list just sleeps for the timeout.
pub(crate) fn poll_any(fds: &[BorrowedFd<'_>], timeout: Option<Duration>) -> io::Result<()> {
    use rustix::event::{PollFd, PollFlags};
    let ts = timeout.map(timespec);
    let mut pfds: Vec<PollFd<'_>> = fds
        .iter()
        .map(|fd| PollFd::new(fd, PollFlags::IN))
        .collect();
    match rustix::event::poll(&mut pfds, ts.as_ref()) {
        Ok(_) | Err(rustix::io::Errno::INTR) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// `fstatat(2)` of `name` under `dir`, following links (for a `/proc/<pid>/fd/<n>`
/// link: the open file itself): the file type, `st_dev` and `st_ino`.
pub(crate) fn stat_at(
    dir: BorrowedFd<'_>,
    name: &str,
) -> io::Result<(rustix::fs::FileType, u64, u64)> {
    let st =
        rustix::fs::statat(dir, name, rustix::fs::AtFlags::empty()).map_err(io::Error::from)?;
    Ok((
        rustix::fs::FileType::from_raw_mode(st.st_mode),
        st.st_dev,
        st.st_ino,
    ))
}

/// The `system.sockprotoname` extended attribute of a socket (through a
/// `/proc/<pid>/fd/<n>` link): the protocol's name (`NETLINK`, `TCP`, `UNIX`, ...), as
/// lsof shows it for sockets of families it does not decode.
pub(crate) fn sock_protocol(link: &Path) -> io::Result<String> {
    let mut buf = [0u8; 64];
    let n = rustix::fs::getxattr(link, "system.sockprotoname", &mut buf[..])
        .map_err(io::Error::from)?;
    let v = buf.get(..n).unwrap_or_default();
    let v = v.split(|&c| c == 0).next().unwrap_or_default();
    Ok(String::from_utf8_lossy(v).into_owned())
}
