//! The [`Process`] handle: identity, the open `/proc/<pid>` directory, the pidfd, the
//! reads through them, and the liveness and pid-reuse checks (the error mapping is in
//! errors.rs, the descriptor budget in dir.rs).

use std::fmt;

use std::io;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use super::dir::{over_budget, Dir, DirRef, HeldDir};
use super::errors::is_gone_errno;

use crate::error::{Error, Pid, Result};
use crate::parse::pid_stat::{self, PidStat};
use crate::process::Process;
use crate::sys;
use crate::sys::root::Root;

/// The largest pid Linux can have (`pid_t` is an `i32`).
const PID_MAX: Pid = i32::MAX as Pid;

pub(crate) use crate::process::stamped::{MSG_NOT_FOUND, MSG_ZOMBIE};
pub(crate) use crate::process::MSG_REUSED;

/// The files [`Process::oneshot`] reads once: every method built on them shares one read.
const ONESHOT_FILES: [&str; 3] = ["stat", "status", "statm"];

/// The Linux part of a [`Process`]: the root it is read from, its start time (its
/// identity with the pid), the `/proc/<pid>` directory and the pidfd.
pub(crate) struct Handle {
    pub(crate) root: Arc<Root>,
    pub(crate) start_ticks: Option<u64>,
    pub(crate) dir: Dir,
    /// Opened on first use (signals, `wait`), see [`Process::pidfd`].
    pub(crate) pidfd: OnceLock<Option<OwnedFd>>,
    /// The owner of the held `/proc/<pid>` directory as `process_iter`'s identity check
    /// found it (`fstat(2)`), until a table record takes it; [`NO_OWNER`] otherwise.
    pub(crate) dir_owner: std::sync::atomic::AtomicU64,
}

/// [`Handle::dir_owner`] when unknown (no uid is this large).
pub(crate) const NO_OWNER: u64 = u64::MAX;

impl fmt::Debug for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Handle")
            .field("start_ticks", &self.start_ticks)
            .field("pidfd", &self.pidfd.get().map(Option::is_some))
            .finish()
    }
}

impl Handle {
    /// The directory owner found by the last identity check, once (it is forgotten).
    pub(crate) fn take_dir_owner(&self) -> Option<u32> {
        let v = self
            .dir_owner
            .swap(NO_OWNER, std::sync::atomic::Ordering::Relaxed);
        u32::try_from(v).ok()
    }

    /// The creation stamp of [`Process::identity`]: the start time in clock ticks.
    pub(crate) fn start_stamp(&self) -> Option<u64> {
        self.start_ticks
    }
}

/// What [`Process::oneshot`] caches: the files of [`ONESHOT_FILES`] read so far.
pub(crate) type OneshotCache = Vec<(&'static str, Vec<u8>)>;

/// [`Process::new`]: the process with this pid under the current root.
pub(crate) fn open(pid: Pid) -> Result<Process> {
    Process::open(Root::current(), pid)
}

impl Root {
    /// [`Process::new`] reading from this root. Pidfds are only opened when the root is
    /// the host's.
    pub fn process(&self, pid: Pid) -> Result<Process> {
        Process::open(Arc::new(self.clone()), pid)
    }
}

impl Process {
    pub(crate) fn open(root: Arc<Root>, pid: Pid) -> Result<Process> {
        if pid > PID_MAX {
            return Err(Error::NoSuchProcess {
                pid,
                name: None,
                msg: "process PID out of range".into(),
            });
        }
        let path = root.proc_path(pid.to_string());
        let not_found = || Error::NoSuchProcess {
            pid,
            name: None,
            msg: MSG_NOT_FOUND.into(),
        };
        let dir = sys::process::calls::open_dir(&path).map_err(|e| match e.raw_os_error() {
            Some(libc::ENOENT) | Some(libc::ESRCH) | Some(libc::ENOTDIR) => not_found(),
            _ => Error::from_io(e, &path),
        })?;
        let mut p = Process::from_handle(
            pid,
            Handle {
                root,
                start_ticks: None,
                dir: Dir::Held(HeldDir::new(dir)),
                pidfd: OnceLock::new(),
                dir_owner: std::sync::atomic::AtomicU64::new(NO_OWNER),
            },
        );
        match p.stat() {
            Ok(st) => p.imp.start_ticks = Some(st.starttime),
            Err(Error::NoSuchProcess { .. }) => return Err(not_found()),
            // AccessDenied or an odd stat file: identity stays unknown, as psutil's
            // `(pid, None)`, and the reuse checks are skipped.
            Err(_) => {}
        }
        p.settle_dir();
        Ok(p)
    }

    /// A handle around an already open `/proc/<pid>` directory whose `stat` gave
    /// `start_ticks` (the process table's records).
    pub(crate) fn from_dir(
        root: Arc<Root>,
        pid: Pid,
        dir: OwnedFd,
        start_ticks: Option<u64>,
    ) -> Process {
        let mut p = Process::from_handle(
            pid,
            Handle {
                root,
                start_ticks,
                dir: Dir::Held(HeldDir::new(dir)),
                pidfd: OnceLock::new(),
                dir_owner: std::sync::atomic::AtomicU64::new(NO_OWNER),
            },
        );
        p.settle_dir();
        p
    }

    /// Lets go of the held `/proc/<pid>` handle when more than the budget are held
    /// (see [`Dir::Lazy`]): the start time, read through the handle, is what later uses
    /// check (a handle whose start time is unknown, as psutil's `(pid, None)`, reads
    /// whatever process has the pid then).
    pub(crate) fn settle_dir(&mut self) {
        if matches!(self.imp.dir, Dir::Held(_)) && over_budget() {
            self.imp.dir = Dir::Lazy;
        }
    }

    /// The held `/proc/<pid>` handle, if this handle holds one.
    pub(crate) fn held_dir(&self) -> Option<BorrowedFd<'_>> {
        match &self.imp.dir {
            Dir::Held(h) => Some(h.as_fd()),
            Dir::Lazy => None,
        }
    }

    /// The `/proc/<pid>` directory for one use: the held handle, or (past the budget)
    /// `/proc/<pid>` opened now and checked to still be this process by its `stat`
    /// start time (ESRCH when it is not: a reused pid reads as gone).
    pub(crate) fn dir(&self) -> io::Result<DirRef<'_>> {
        match &self.imp.dir {
            Dir::Held(h) => Ok(DirRef::Borrowed(h.as_fd())),
            Dir::Lazy => {
                let fd =
                    sys::process::calls::open_dir(&self.imp.root.proc_path(self.pid.to_string()))?;
                if let Some(want) = self.imp.start_ticks {
                    let st = sys::process::calls::read_at(fd.as_fd(), "stat")?;
                    match pid_stat::parse(&st) {
                        Ok(st) if st.starttime != want => {
                            return Err(io::Error::from_raw_os_error(libc::ESRCH))
                        }
                        _ => {}
                    }
                }
                Ok(DirRef::Owned(fd))
            }
        }
    }

    /// The pidfd, opened on first use so that a `Process` costs one descriptor until
    /// it is signalled or waited for. Opening it late is still safe: `pidfd_open(pid)`
    /// is followed by a read of `stat` through the `/proc/<pid>` handle opened at
    /// creation; if that read succeeds with our start time, the original process still
    /// held the pid after the pidfd was opened, so the pidfd names it. Otherwise the
    /// process is gone: NoSuchProcess. `Ok(None)`: no pidfd here (not the host's root,
    /// identity unknown, a kernel before 5.3, a thread id).
    pub(crate) fn pidfd(&self) -> Result<Option<BorrowedFd<'_>>> {
        if let Some(fd) = self.imp.pidfd.get() {
            return Ok(fd.as_ref().map(|f| f.as_fd()));
        }
        if !self.imp.root.is_host() || self.imp.start_ticks.is_none() {
            return Ok(self
                .imp
                .pidfd
                .get_or_init(|| None)
                .as_ref()
                .map(|f| f.as_fd()));
        }
        let fd = match sys::process::calls::pidfd_open(self.pid) {
            Ok(fd) => Some(fd),
            Err(e) if e.raw_os_error() == Some(libc::ESRCH) => return Err(self.no_such_process()),
            // Out of descriptors: fall back to kill(2) this time, retry next time.
            Err(e) if matches!(e.raw_os_error(), Some(libc::EMFILE) | Some(libc::ENFILE)) => {
                return Ok(None)
            }
            // ENOSYS (old kernel), EINVAL (a thread id): never available.
            Err(_) => None,
        };
        if fd.is_some() {
            match self.stat_raw() {
                Ok(Ok(st)) if Some(st.starttime) == self.imp.start_ticks => {}
                _ => return Err(self.no_such_process()),
            }
        }
        Ok(self
            .imp
            .pidfd
            .get_or_init(|| fd)
            .as_ref()
            .map(|f| f.as_fd()))
    }

    /// For tests of the reuse checks: the same handle, but claiming another start time,
    /// as if the pid had been reused by a process that started at `start_ticks`. Every
    /// identity check then fails. A test hook (feature `test-hooks`), not part of the
    /// API.
    #[cfg(any(test, feature = "test-hooks"))]
    #[doc(hidden)]
    pub fn with_start_ticks_for_test(mut self, start_ticks: u64) -> Process {
        self.imp.start_ticks = Some(start_ticks);
        self
    }

    // ---- reading ---------------------------------------------------------------

    /// Reads `/proc/<pid>/<name>` relative to the directory handle, mapping errors.
    /// Inside [`oneshot`](Process::oneshot), `stat`, `status` and `statm` come from the
    /// cache after their first read.
    pub(crate) fn read(&self, name: &str) -> Result<Vec<u8>> {
        let cacheable = ONESHOT_FILES.iter().copied().find(|f| *f == name);
        if let Some(file) = cacheable {
            let st = self.state();
            if st.oneshot > 0 {
                if let Some((_, d)) = st.cache.iter().find(|(n, _)| *n == file) {
                    return Ok(d.clone());
                }
            }
        }
        let data = sys::process::calls::read_at(
            self.dir().map_err(|e| self.map_err(e, name))?.as_fd(),
            name,
        )
        .map_err(|e| self.map_err(e, name))?;
        if let Some(file) = cacheable {
            let mut st = self.state();
            if st.oneshot > 0 {
                st.cache.push((file, data.clone()));
            }
        }
        Ok(data)
    }

    /// Reads and parses `/proc/<pid>/<name>`.
    pub(crate) fn read_parse<T>(
        &self,
        name: &str,
        parser: impl FnOnce(&[u8]) -> Result<T>,
    ) -> Result<T> {
        let data = self.read(name)?;
        parser(&data).map_err(|e| e.at_path(&self.path(name)))
    }

    /// `readlinkat` relative to the directory handle, raw error.
    pub(crate) fn readlink_raw(&self, name: &str) -> io::Result<Vec<u8>> {
        sys::process::calls::readlink_at(self.dir()?.as_fd(), name)
    }

    /// Lists `/proc/<pid>/<name>`, mapping errors.
    pub(crate) fn list(&self, name: &str) -> Result<Vec<std::ffi::OsString>> {
        let dir = self.dir().map_err(|e| self.map_err(e, name))?;
        sys::process::calls::list_at(dir.as_fd(), name).map_err(|e| self.map_err(e, name))
    }

    /// The number of entries of `/proc/<pid>/<name>` (no string per entry), mapping
    /// errors as [`list`](Process::list).
    pub(crate) fn count_entries(&self, name: &str) -> Result<usize> {
        let dir = self.dir().map_err(|e| self.map_err(e, name))?;
        sys::process::calls::count_at(dir.as_fd(), name).map_err(|e| self.map_err(e, name))
    }

    /// `/proc/<pid>/<name>` as a path, for error messages.
    pub(crate) fn path(&self, name: &str) -> PathBuf {
        self.imp.root.proc_path(format!("{}/{name}", self.pid))
    }

    /// `/proc/<pid>/stat`, parsed, read through the directory handle (so it fails once
    /// this process is gone, whatever now has the pid). Without error mapping recursion.
    pub(crate) fn stat_raw(&self) -> io::Result<Result<PidStat>> {
        sys::process::calls::read_at(self.dir()?.as_fd(), "stat").map(|d| pid_stat::parse(&d))
    }

    /// `/proc/<pid>/stat`, parsed.
    pub(crate) fn stat(&self) -> Result<PidStat> {
        let st = self.read_parse("stat", pid_stat::parse)?;
        self.remember_name(&st.comm);
        Ok(st)
    }

    // ---- identity --------------------------------------------------------------

    /// The start time of whatever process has this pid now, read from the path
    /// `/proc/<pid>/stat` (not the handle). `None` if no process has the pid.
    pub(crate) fn current_start_ticks(&self) -> Result<Option<u64>> {
        let path = self.imp.root.proc_path(format!("{}/stat", self.pid));
        match sys::fs::read(&path) {
            Ok(d) => Ok(Some(
                pid_stat::parse(&d).map_err(|e| e.at_path(&path))?.starttime,
            )),
            Err(Error::NotFound { .. }) => Ok(None),
            Err(Error::Io { source, .. }) if source.raw_os_error() == Some(libc::ESRCH) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// psutil's `_raise_if_pid_reused`, made strict: fails with NoSuchProcess ("process
    /// no longer exists and its PID has been reused") when the pid now belongs to
    /// another process. The test does not rely on start times alone (two processes
    /// started within the same clock tick have the same one): it reads `stat` through
    /// the `/proc/<pid>` handle opened at creation, which fails once the original
    /// process is gone whatever now holds the pid. A pid with no process at all is left
    /// to the operation itself, which reports NoSuchProcess.
    pub(crate) fn check_not_reused(&self) -> Result<()> {
        let reused = || {
            self.state().gone = true;
            Err(Error::NoSuchProcess {
                pid: self.pid,
                name: self.cached_name(),
                msg: MSG_REUSED.into(),
            })
        };
        match self.stat_raw() {
            // The original still holds the pid (its start time can only differ for a
            // handle made by `with_start_ticks_for_test`).
            Ok(Ok(st)) => match self.imp.start_ticks {
                Some(mine) if mine != st.starttime => reused(),
                _ => Ok(()),
            },
            Ok(Err(_)) => Ok(()),
            Err(_) => match self.current_start_ticks()? {
                Some(_) => reused(),
                None => Ok(()),
            },
        }
    }
}

/// [`Process::is_running`]: `stat` is still readable through the `/proc/<pid>` handle
/// opened at creation (so a reused pid is never mistaken for it, even within the same
/// clock tick). A zombie counts as running, as in psutil. Only a confirmed
/// disappearance (ESRCH or ENOENT through the handle) gives false; a read that fails
/// for another reason (out of descriptors past the descriptor budget, ...) does not
/// make a live process gone.
pub(crate) fn is_running(p: &Process) -> bool {
    match p.stat_raw() {
        Ok(Ok(st)) => p.imp.start_ticks.is_none_or(|mine| mine == st.starttime),
        Ok(Err(_)) => true,
        Err(e) => !is_gone_errno(&e),
    }
}
