//! [`ProcessTable`]: the table, its attributes, and its snapshots (the reading of each
//! process is the backend's `TableReader`; the threads are in threads.rs).

use std::num::NonZeroUsize;
use std::sync::Arc;

use crate::error::Result;
use crate::process::ProcessInfo;
use crate::process::{AttrSet, Process};
use crate::sys::process::TableReader;
#[cfg(any(test, feature = "test-hooks"))]
use crate::sys::process::TableReads;

/// A reusable reader of the process table, psutil's `process_iter(attrs)` done in bulk.
///
/// On Linux, [`snapshot`](ProcessTable::snapshot) lists the pids of `/proc` once, then for each
/// process opens `/proc/<pid>` as a directory handle and reads, relative to it, only the
/// files the requested attributes need, each at most once, into buffers reused across
/// processes and snapshots (`openat(2)` + `read(2)`, no `stat`/`lseek`):
///
/// | file | attributes |
/// |---|---|
/// | `stat` | ppid, name, status, create_time, cpu_times, cpu_num, terminal, num_threads, nice |
/// | `status` | uids, gids, num_ctx_switches, username; memory_info too when `status` is read anyway |
/// | `statm` | memory_info, memory_full_info (unless `status` is read) |
/// | `cmdline` | cmdline (read before `stat`, so that a process caught in `exec` is not given its old name with its new arguments); name when `comm` is 15 bytes (truncated) |
/// | `io` | io_counters |
///
/// Every other attribute is read with the [`Process`] method of that name, through the
/// same directory handle (so `cpu_percent` is always 0.0 here, a fresh handle's first
/// call: a monitoring loop keeps its handles with [`process_iter`](crate::process_iter)). The boot time (for create_time) and
/// the terminal map are read once per snapshot, and each uid's user name is looked up
/// once per snapshot (through NSS on the host, see
/// [`Process::username`](crate::Process::username)).
///
/// A large table is read by several threads at once, each on its own contiguous range of
/// pids (records still come in pid order): by default one thread per 128 processes, at
/// most 4 and at most `std::thread::available_parallelism()` (the CPUs of the
/// affinity mask and cgroup quota). [`set_threads`](ProcessTable::set_threads) fixes
/// the number; `1` reads on the calling thread only. The kernel work is the same, the
/// wall time shorter on an idle machine with several CPUs.
///
/// All files of a process are read through one `/proc/<pid>` handle, so a record never
/// mixes two processes: once the process is gone every read fails, whatever has its pid
/// now. A process that vanishes while it is read is left out (psutil's `NoSuchProcess`);
/// a zombie is kept, with what its files still give ([`Error::ZombieProcess`](crate::Error::ZombieProcess) for
/// `cmdline`, `exe`, ...).
///
/// ```
/// use psutil_rs::{Attr, AttrSet, ProcessTable};
///
/// let mut table = ProcessTable::new(AttrSet::from([Attr::Pid, Attr::Name, Attr::MemoryInfo]));
/// let procs = table.snapshot()?;
/// let me = procs.iter().find(|p| p.pid() == std::process::id()).unwrap();
/// assert!(me.memory_info().unwrap().rss > 0);
/// assert_eq!(table.process(me)?.pid(), std::process::id());
/// # Ok::<(), psutil_rs::Error>(())
/// ```
pub struct ProcessTable {
    /// The platform's reader (attributes, buffers, per-snapshot values).
    pub(crate) imp: TableReader,
    /// Reading threads: `None` lets the table choose.
    pub(super) threads: Option<NonZeroUsize>,
}

impl std::fmt::Debug for ProcessTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProcessTable")
            .field("attrs", &self.imp.attrs())
            .finish()
    }
}

/// One snapshot of the process table with these attributes (an empty set means all of
/// them): `ProcessTable::new(attrs).snapshot()`.
pub fn process_table(attrs: AttrSet) -> Result<Vec<ProcessInfo>> {
    ProcessTable::new(attrs).snapshot()
}

impl ProcessTable {
    /// A table of these attributes of every process (on Linux, of the current root: see
    /// `set_procfs_path`). An empty set means all attributes,
    /// as psutil's `attrs=[]`.
    pub fn new(attrs: AttrSet) -> ProcessTable {
        ProcessTable::from_reader(TableReader::new(attrs))
    }

    /// A table around the backend's reader.
    pub(crate) fn from_reader(imp: TableReader) -> ProcessTable {
        ProcessTable { imp, threads: None }
    }

    /// The attributes read.
    pub fn attrs(&self) -> AttrSet {
        self.imp.attrs()
    }

    /// Files opened since this table was made. A test hook (feature `test-hooks`),
    /// not part of the API.
    #[cfg(any(test, feature = "test-hooks"))]
    #[doc(hidden)]
    pub fn reads(&self) -> TableReads {
        self.imp.reads()
    }

    /// Reads the table: one [`ProcessInfo`] per process, in pid order. Processes that
    /// vanish meanwhile are left out. Fails only when the process list itself cannot be
    /// read (on Linux, `/proc` listed).
    pub fn snapshot(&mut self) -> Result<Vec<ProcessInfo>> {
        self.snapshot_each(|_, info| info)
    }

    /// [`snapshot`](ProcessTable::snapshot), each record with a [`Process`] handle on its
    /// process: on Linux the `/proc/<pid>` directory handle the record was read through,
    /// whose identity is the record's start time (no further read). For bindings that
    /// keep their own instance cache (the Python package's `process_iter`).
    pub fn snapshot_with_processes(&mut self) -> Result<Vec<(Process, ProcessInfo)>> {
        self.snapshot_each(TableReader::keep_with_process)
    }

    fn snapshot_each<T: Send + 'static>(
        &mut self,
        keep: fn(Process, ProcessInfo) -> T,
    ) -> Result<Vec<T>> {
        let (pids, read) = self.imp.pid_reader(keep)?;
        self.read_all(pids, read)
    }

    /// psutil's `process_iter(attrs)`: [`process_iter`](crate::process_iter)'s cached
    /// instances, each with its record (psutil's `proc.info`), read as in
    /// [`snapshot`](ProcessTable::snapshot) but through the instance's own handle (on
    /// Linux its `/proc/<pid>` directory). Per-instance state carries over between
    /// calls, so `cpu_percent` measures since the previous call. Processes found gone
    /// are left out and dropped from the cache. On Linux the table must read the
    /// current root ([`Error::InvalidArgument`](crate::Error::InvalidArgument)
    /// otherwise).
    pub fn process_iter(&mut self) -> Result<Vec<(Arc<Process>, ProcessInfo)>> {
        self.imp.check_current()?;
        let procs = crate::process::process_iter()?;
        self.imp.begin();
        self.read_all(
            procs,
            Box::new(|table: &mut TableReader, p: &Arc<Process>| {
                Ok(match table.read_process(p) {
                    #[cfg(target_os = "linux")]
                    Some(mut info) => {
                        info.dir_owner = p.imp.take_dir_owner();
                        Some((p.clone(), info))
                    }
                    #[cfg(not(target_os = "linux"))]
                    Some(info) => Some((p.clone(), info)),
                    None => {
                        crate::process::forget(p);
                        None
                    }
                })
            }),
        )
    }

    /// A [`Process`] handle on the process of a record: [`Error::NoSuchProcess`](crate::Error::NoSuchProcess) if it
    /// is gone, or if its pid now belongs to a process with another start time.
    ///
    /// [`Error::NoSuchProcess`](crate::Error::NoSuchProcess): crate::Error::NoSuchProcess
    pub fn process(&self, info: &ProcessInfo) -> Result<Process> {
        self.imp.process(info)
    }
}
