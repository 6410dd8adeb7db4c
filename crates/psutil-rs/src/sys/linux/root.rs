//! Where the kernel's pseudo-filesystems are read from.
//!
//! psutil reads `/proc` through its writable `PROCFS_PATH`, so the whole library can be
//! pointed at a container's `/proc` or at a fake tree in tests. [`Root`] is that idea made
//! explicit: it names the directories this crate reads (`/proc`, `/sys`, `/dev`, `/etc`
//! and `/run`). Every system-wide function exists both as a free function at the crate
//! root, which uses the process-wide current root ([`Root::current`], set with
//! [`set_procfs_path`] or [`Root::set_current`]), and as a method on `Root`, which
//! reads from that root only. Tests use the methods on fixture trees.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use crate::sys;

/// The directories the crate reads kernel information from.
///
/// Linux only (psutil's `PROCFS_PATH` exists on Linux only): `psutil_rs::os::linux::Root`,
/// and `psutil_rs::Root` on Linux.
///
/// ```
/// // a captured machine: the /proc/stat of the repository's fixtures/linux/debian12-6.18,
/// // copied into the crate so that the published package carries it
/// let root = psutil_rs::os::linux::Root::under(concat!(
///     env!("CARGO_MANIFEST_DIR"),
///     "/tests/data/debian12-6.18"
/// ));
/// assert_eq!(root.cpu_times_percpu()?.len(), 2); // the captured machine had 2 CPUs
/// # Ok::<(), psutil_rs::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Root {
    proc: PathBuf,
    sys: PathBuf,
    dev: PathBuf,
    etc: PathBuf,
    run: PathBuf,
    is_host: bool,
}

static CURRENT: RwLock<Option<Arc<Root>>> = RwLock::new(None);

impl Default for Root {
    fn default() -> Self {
        Self::host()
    }
}

impl Root {
    /// The running system's own directories (`/proc`, `/sys`, `/dev`, `/etc`, `/run`).
    pub fn host() -> Self {
        let d = sys::DEFAULT_DIRS;
        Root {
            proc: PathBuf::from(d.proc),
            sys: PathBuf::from(d.sys),
            dev: PathBuf::from(d.dev),
            etc: PathBuf::from(d.etc),
            run: PathBuf::from(d.run),
            is_host: true,
        }
    }

    /// A complete fake (or captured) system under `dir`: `dir/proc`, `dir/sys`,
    /// `dir/dev`, `dir/etc` and `dir/run`. This is how fixture trees are read.
    pub fn under(dir: impl AsRef<Path>) -> Self {
        let dir = dir.as_ref();
        Root {
            proc: dir.join("proc"),
            sys: dir.join("sys"),
            dev: dir.join("dev"),
            etc: dir.join("etc"),
            run: dir.join("run"),
            is_host: false,
        }
    }

    /// The host's directories, except that `/proc` is read from `procfs` (psutil's
    /// `PROCFS_PATH` semantics: `/sys` stays the host's).
    pub fn with_procfs(procfs: impl Into<PathBuf>) -> Self {
        let procfs = procfs.into();
        let mut root = Self::host();
        root.is_host = procfs.as_path() == Path::new(sys::DEFAULT_DIRS.proc);
        root.proc = procfs;
        root
    }

    /// The directory read as `/proc`.
    pub fn procfs(&self) -> &Path {
        &self.proc
    }

    /// The directory read as `/sys`.
    pub fn sysfs(&self) -> &Path {
        &self.sys
    }

    /// The directory read as `/dev`.
    pub fn devfs(&self) -> &Path {
        &self.dev
    }

    /// The directory read as `/etc`.
    pub fn etc(&self) -> &Path {
        &self.etc
    }

    /// The directory read as `/run` (where `utmp` lives).
    pub fn run(&self) -> &Path {
        &self.run
    }

    /// True when this root is the running system's own `/proc`. Syscalls (statvfs,
    /// ioctl, netlink, getifaddrs) describe the running system only, so functions that
    /// combine files with syscalls use this to decide whether the two agree.
    pub fn is_host(&self) -> bool {
        self.is_host
    }

    /// `<procfs>/<rel>`.
    pub fn proc_path(&self, rel: impl AsRef<Path>) -> PathBuf {
        self.proc.join(rel)
    }

    /// `<sysfs>/<rel>`.
    pub fn sys_path(&self, rel: impl AsRef<Path>) -> PathBuf {
        self.sys.join(rel)
    }

    /// The process-wide current root, used by the free functions at the crate root.
    pub fn current() -> Arc<Root> {
        if let Ok(guard) = CURRENT.read() {
            if let Some(root) = guard.as_ref() {
                return Arc::clone(root);
            }
        }
        Arc::new(Root::host())
    }

    /// Replaces the process-wide current root.
    pub fn set_current(root: Root) {
        if let Ok(mut guard) = CURRENT.write() {
            *guard = Some(Arc::new(root));
        }
    }
}

/// psutil's `PROCFS_PATH`: the directory read as `/proc` by the free functions.
///
/// Linux only.
pub fn procfs_path() -> PathBuf {
    Root::current().procfs().to_path_buf()
}

/// Sets psutil's `PROCFS_PATH`: the free functions read `/proc` from `path` from now on
/// (`/sys` and the other directories stay the host's).
///
/// Linux only.
pub fn set_procfs_path(path: impl Into<PathBuf>) {
    Root::set_current(Root::with_procfs(path));
}
