//! The [`Process`] handle: its pid, the backend's handle (`sys::process::Handle`:
//! on Linux the open `/proc/<pid>` directory, the pidfd and the start time), the
//! per-instance state, identity, liveness and [`oneshot`](Process::oneshot).

use std::fmt;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use crate::error::{Pid, Result};
use crate::sys;

/// NoSuchProcess's message when the pid now holds another process.
pub(crate) const MSG_REUSED: &str = "process no longer exists and its PID has been reused";
/// Mutable per-instance state (psutil keeps these as private attributes).
#[derive(Debug, Default)]
pub(crate) struct State {
    /// The last name read, used in error messages.
    pub name: Option<String>,
    /// `exe()` after its first success (psutil caches it).
    pub exe: Option<PathBuf>,
    /// The process was seen gone.
    pub gone: bool,
    /// `wait()`'s result once known.
    pub exit_code: Option<Option<i32>>,
    /// `wait()` saw the process exit but it is not our child and was not reaped yet
    /// (on Linux: its pidfd stays readable, which [`wait_procs`](crate::wait_procs)
    /// leaves out of its `poll(2)`).
    pub exited: bool,
    /// `cpu_percent` baseline: (when, process user+system seconds).
    pub last_cpu: Option<(std::time::Instant, f64)>,
    /// Nesting depth of [`Process::oneshot`].
    pub oneshot: u32,
    /// What the backend read once during a oneshot (on Linux: files by name).
    pub cache: sys::process::OneshotCache,
}

/// A process, psutil's `Process` class.
///
/// A `Process` is identified by its pid **and** its creation stamp (see
/// [`identity`](Process::identity); on Linux the start time, field 22 `starttime` of
/// `/proc/<pid>/stat`, in clock ticks since boot): [`PartialEq`], [`Eq`] and [`Hash`]
/// use that pair, as psutil does, so a handle does not compare equal to a later process
/// that got the same pid, except (on Linux) one started within the same clock tick
/// (10 ms), which a pid namespace can produce. The liveness and reuse checks below do
/// not have that blind spot: they go through the directory handle.
///
/// The methods psutil has on every platform are inherent; those it has on some
/// platforms only are in the extension traits of [`crate::os`]
/// (`use psutil_rs::os::unix::ProcessExt as _;` for `uids`, `gids`, `terminal`,
/// `num_fds`; `use psutil_rs::os::linux::ProcessExt as _;` for `io_counters`,
/// `cpu_affinity`, `ionice`, `rlimit`, `cpu_num`, `memory_maps`, ...).
///
/// On Linux, on creation it opens `/proc/<pid>` as a directory handle (`O_PATH`) and every file is
/// read relative to it (`openat`), so reads can never return another process's data after
/// pid reuse: they fail with [`Error::NoSuchProcess`](crate::Error::NoSuchProcess) instead. On the host (see
/// `Root::is_host`) it also opens a pidfd (`pidfd_open(2)`, Linux ≥ 5.3); signals are
/// sent with `pidfd_send_signal(2)` and [`wait`](Process::wait) polls it, so neither can
/// reach a stranger. Every setter, signal, [`parent`](Process::parent),
/// [`children`](Process::children) and [`wait`](Process::wait) first checks that the pid
/// still belongs to this process and fails with [`Error::NoSuchProcess`](crate::Error::NoSuchProcess) ("process no
/// longer exists and its PID has been reused") otherwise.
///
/// `Process` is `Send + Sync`; the few cached values sit behind a mutex.
///
/// ```
/// use std::time::Duration;
/// use psutil_rs::Process;
///
/// let me = Process::current()?;
/// assert!(me.is_running());
/// let rss = me.memory_info()?.rss;
/// assert!(rss > 0);
///
/// // where a `sleep` program exists (Unix)
/// if let Ok(child) = std::process::Command::new("sleep").arg("10").spawn() {
///     let p = Process::new(child.id())?;
///     assert_eq!(p.parent()?.as_ref(), Some(&me));
///     p.terminate()?;
///     assert_eq!(p.wait(Some(Duration::from_secs(5)))?, Some(-15)); // -SIGTERM
///     assert!(matches!(p.status(), Err(e) if e.is_no_such_process()));
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Process {
    pub(crate) pid: Pid,
    /// The platform's handle (see `sys::process`).
    pub(crate) imp: sys::process::Handle,
    pub(crate) state: Mutex<State>,
}

impl fmt::Debug for Process {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Process")
            .field("pid", &self.pid)
            .field("imp", &self.imp)
            .finish()
    }
}

impl PartialEq for Process {
    fn eq(&self, other: &Self) -> bool {
        self.identity() == other.identity()
    }
}

impl Eq for Process {}

impl Hash for Process {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.identity().hash(state);
    }
}

impl Process {
    /// The process with this pid. psutil's `Process(pid)`.
    ///
    /// Linux: opens `/proc/<pid>` and reads the start time from `/proc/<pid>/stat`
    /// (the pidfd is opened on first use). As on Linux psutil, a thread id is accepted
    /// too (its `/proc/<tid>` exists). Errors: [`Error::NoSuchProcess`](crate::Error::NoSuchProcess) ("process PID
    /// not found") when there is no such pid, ("process PID out of range") above
    /// `i32::MAX`.
    ///
    /// [`Error::NoSuchProcess`](crate::Error::NoSuchProcess): crate::Error::NoSuchProcess
    pub fn new(pid: Pid) -> Result<Process> {
        sys::process::open(pid)
    }

    /// The calling process (`getpid(2)`). psutil's `Process()`.
    pub fn current() -> Result<Process> {
        Process::new(std::process::id())
    }

    /// A process around the backend's handle.
    pub(crate) fn from_handle(pid: Pid, imp: sys::process::Handle) -> Process {
        Process {
            pid,
            imp,
            state: Mutex::new(State::default()),
        }
    }

    /// This process's pid.
    pub fn pid(&self) -> Pid {
        self.pid
    }

    /// The identity: the pid and the creation stamp the platform gives (Linux: the start
    /// time in clock ticks since boot, field 22 of `/proc/<pid>/stat`). The stamp is
    /// `None` only if it could not be read.
    pub fn identity(&self) -> (Pid, Option<u64>) {
        (self.pid, self.imp.start_stamp())
    }

    pub(crate) fn state(&self) -> MutexGuard<'_, State> {
        // A poisoned mutex only means another thread panicked while holding plain
        // data; the data is still usable.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn cached_name(&self) -> Option<String> {
        self.state().name.clone()
    }

    /// Remembers the name read last, for error messages.
    pub(crate) fn remember_name(&self, comm: &[u8]) {
        self.state().name = Some(String::from_utf8_lossy(comm).into_owned());
    }

    /// Runs `f` with the platform's per-process sources each read at most once, so that
    /// several methods built on the same source cost one read and describe the same
    /// instant. psutil's `oneshot()` context manager; calls nest. Liveness and pid-reuse
    /// checks are never cached. Linux: `/proc/<pid>/stat` (name, ppid, status,
    /// cpu_times, create_time, num_threads, nice, terminal, cpu_num), `status` (uids,
    /// gids, num_ctx_switches) and `statm` (memory_info).
    pub fn oneshot<R>(&self, f: impl FnOnce(&Process) -> R) -> R {
        struct Guard<'a>(&'a Process);
        impl Drop for Guard<'_> {
            fn drop(&mut self) {
                let mut st = self.0.state();
                st.oneshot = st.oneshot.saturating_sub(1);
                if st.oneshot == 0 {
                    st.cache.clear();
                }
            }
        }
        self.state().oneshot += 1;
        let _guard = Guard(self);
        f(self)
    }

    /// Whether a [`oneshot`](Process::oneshot) is active on this handle.
    pub(crate) fn in_oneshot(&self) -> bool {
        self.state().oneshot > 0
    }

    /// Whether this process is still running: a zombie counts as running, as in psutil,
    /// and a pid now held by another process does not (Linux: `stat` is still readable
    /// through the `/proc/<pid>` handle opened at creation, so a reused pid is never
    /// mistaken for it, even within the same clock tick). Only a confirmed
    /// disappearance gives false, and is remembered.
    pub fn is_running(&self) -> bool {
        if self.state().gone {
            return false;
        }
        let running = sys::process::is_running(self);
        if !running {
            self.state().gone = true;
        }
        running
    }
}
