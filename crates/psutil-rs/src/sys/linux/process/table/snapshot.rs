//! [`ProcessTable`]: the table, its attributes, and its snapshots.

use std::collections::HashMap;
use std::num::NonZeroUsize;
use std::os::fd::AsFd;
use std::path::PathBuf;
use std::sync::Arc;

use super::super::handle::MSG_REUSED;
use super::reader::StatusLines;
use super::reads::TableReads;
use super::record::ProcessInfo;
use super::threads;
use crate::error::{Error, Pid, Result};
use crate::process::Process;
use crate::process::{Attr, AttrSet};
use crate::root::Root;
use crate::sys;
use crate::user_names::UserNames;

/// A reusable reader of the process table, psutil's `process_iter(attrs)` done in bulk.
///
/// [`snapshot`](ProcessTable::snapshot) lists the pids of `/proc` once, then for each
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
/// a zombie is kept, with what its files still give ([`Error::ZombieProcess`] for
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
    pub(super) root: Arc<Root>,
    pub(super) attrs: AttrSet,
    pub(super) needs_status: bool,
    /// Some attribute needs the credentials (uids, gids, username).
    pub(super) needs_creds: bool,
    /// uids, gids and username come from each process's pidfd (`PIDFD_GET_INFO`,
    /// Linux ≥ 6.13, host root) rather than `status`.
    pub(super) pidfd_creds: bool,
    /// Some attribute reads `stat`.
    pub(super) needs_stat: bool,
    pub(super) status_lines: StatusLines,
    /// Reading threads: `None` lets the table choose.
    pub(super) threads: Option<NonZeroUsize>,
    pub(super) bufs: [Vec<u8>; 5],
    pub(super) reads: TableReads,
    // Per snapshot.
    pub(super) boot_time: Option<f64>,
    /// User names, shared with the reading threads of the snapshot.
    pub(super) names: UserNames,
    pub(super) ttys: Option<HashMap<u64, PathBuf>>,
}

impl std::fmt::Debug for ProcessTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProcessTable")
            .field("attrs", &self.attrs)
            .finish()
    }
}

impl Root {
    /// A [`ProcessTable`] reading from this root.
    pub fn process_table(&self, attrs: AttrSet) -> ProcessTable {
        ProcessTable::with_root(Arc::new(self.clone()), attrs)
    }
}

/// One snapshot of the process table with these attributes (an empty set means all of
/// them): `ProcessTable::new(attrs).snapshot()`.
pub fn process_table(attrs: AttrSet) -> Result<Vec<ProcessInfo>> {
    ProcessTable::new(attrs).snapshot()
}

impl ProcessTable {
    /// A table of these attributes of every process of the host (see
    /// [`set_procfs_path`](crate::set_procfs_path)). An empty set means all attributes,
    /// as psutil's `attrs=[]`.
    pub fn new(attrs: AttrSet) -> ProcessTable {
        ProcessTable::with_root(Root::current(), attrs)
    }

    pub(super) fn with_root(root: Arc<Root>, attrs: AttrSet) -> ProcessTable {
        let attrs = if attrs.is_empty() {
            AttrSet::all()
        } else {
            attrs
        };
        let pidfd_creds = root.is_host() && sys::process::calls::pidfd_info_available();
        let needs_status = attrs.contains(Attr::NumCtxSwitches)
            || (!pidfd_creds
                && [Attr::Uids, Attr::Gids, Attr::Username]
                    .iter()
                    .any(|a| attrs.contains(*a)));
        let needs_stat = [
            Attr::Ppid,
            Attr::Name,
            Attr::Status,
            Attr::CreateTime,
            Attr::CpuTimes,
            Attr::CpuNum,
            Attr::Terminal,
            Attr::NumThreads,
            Attr::Nice,
        ]
        .iter()
        .any(|a| attrs.contains(*a));
        let status_lines = StatusLines {
            uid: attrs.contains(Attr::Uids) || attrs.contains(Attr::Username),
            gid: attrs.contains(Attr::Gids),
            vm: needs_status
                && (attrs.contains(Attr::MemoryInfo) || attrs.contains(Attr::MemoryFullInfo)),
            ctx: attrs.contains(Attr::NumCtxSwitches),
        };
        ProcessTable {
            root,
            attrs,
            needs_status,
            needs_creds: [Attr::Uids, Attr::Gids, Attr::Username]
                .iter()
                .any(|a| attrs.contains(*a)),
            pidfd_creds,
            needs_stat,
            status_lines,
            threads: None,
            bufs: Default::default(),
            reads: TableReads::default(),
            boot_time: None,
            names: UserNames::new(),
            ttys: None,
        }
    }

    /// The attributes read.
    pub fn attrs(&self) -> AttrSet {
        self.attrs
    }

    /// Files opened since this table was made. A test hook (feature `test-hooks`),
    /// not part of the API.
    #[cfg(any(test, feature = "test-hooks"))]
    #[doc(hidden)]
    pub fn reads(&self) -> TableReads {
        self.reads
    }

    /// Reads the table: one [`ProcessInfo`] per process, in pid order. Processes that
    /// vanish meanwhile are left out. Fails only when `/proc` itself cannot be listed.
    pub fn snapshot(&mut self) -> Result<Vec<ProcessInfo>> {
        self.snapshot_each(|_, info| info)
    }

    /// [`snapshot`](ProcessTable::snapshot), each record with a [`Process`] handle on its
    /// process: the `/proc/<pid>` directory handle the record was read through, whose
    /// identity is the record's start time (no further read). For bindings that keep
    /// their own instance cache (the Python package's `process_iter`).
    pub fn snapshot_with_processes(&mut self) -> Result<Vec<(Process, ProcessInfo)>> {
        self.snapshot_each(Self::keep_with_process)
    }

    /// A record with the handle it was read through, whose identity is the record's.
    pub(super) fn keep_with_process(
        mut proc: Process,
        info: ProcessInfo,
    ) -> (Process, ProcessInfo) {
        proc.imp.start_ticks = info.start_ticks;
        proc.settle_dir();
        (proc, info)
    }

    pub(super) fn snapshot_each<T: Send + 'static>(
        &mut self,
        keep: fn(Process, ProcessInfo) -> T,
    ) -> Result<Vec<T>> {
        let (pids, read) = self.pid_reader(keep)?;
        self.read_all(pids, read)
    }

    /// Lists the pids of `/proc` and starts a snapshot (see [`begin`]); gives them with
    /// the reader of one pid's record, which `keep` finishes.
    ///
    /// [`begin`]: ProcessTable::begin
    #[allow(clippy::type_complexity)]
    pub(super) fn pid_reader<T: Send + 'static>(
        &mut self,
        keep: fn(Process, ProcessInfo) -> T,
    ) -> Result<(Vec<Pid>, Box<threads::ReadFn<Pid, T>>)> {
        let procfs = self.root.procfs();
        let proc = sys::proc_reader::open_proc(procfs).map_err(|e| Error::from_io(e, procfs))?;
        let pids =
            sys::proc_reader::list_pids(proc.as_fd()).map_err(|e| Error::from_io(e, procfs))?;
        self.begin();
        let read = move |table: &mut ProcessTable, &pid: &Pid| {
            let dir = match sys::proc_reader::open_pid_dir(proc.as_fd(), pid) {
                Ok(d) => d,
                Err(e)
                    if matches!(
                        e.raw_os_error(),
                        Some(libc::ENOENT) | Some(libc::ESRCH) | Some(libc::ENOTDIR)
                    ) =>
                {
                    return Ok(None)
                }
                Err(e) => return Err(Error::from_io(e, table.root.proc_path(pid.to_string()))),
            };
            table.reads.pid_dirs += 1;
            let proc = Process::from_dir(table.root.clone(), pid, dir, None);
            Ok(table.read_process(&proc).map(|info| keep(proc, info)))
        };
        Ok((pids, Box::new(read)))
    }

    /// Forgets what was read once per snapshot (boot time, user names, terminals).
    pub(super) fn begin(&mut self) {
        self.boot_time = None;
        self.names = UserNames::new();
        self.ttys = None;
    }

    /// psutil's `process_iter(attrs)`: [`process_iter`](crate::process_iter)'s cached
    /// instances, each with its record (psutil's `proc.info`), the files read as in
    /// [`snapshot`](ProcessTable::snapshot) but through the instance's own `/proc/<pid>`
    /// handle. Per-instance state carries over between calls, so `cpu_percent` measures
    /// since the previous call. Processes found gone are left out and dropped from the
    /// cache.
    pub fn process_iter(&mut self) -> Result<Vec<(Arc<Process>, ProcessInfo)>> {
        if *self.root != *Root::current() {
            return Err(Error::invalid(
                "ProcessTable::process_iter reads the current root (set_procfs_path); \
                 this table was made for another root",
            ));
        }
        let procs = crate::process::process_iter()?;
        self.begin();
        self.read_all(
            procs,
            Box::new(|table: &mut ProcessTable, p: &Arc<Process>| {
                Ok(match table.read_process(p) {
                    Some(info) => Some((p.clone(), info)),
                    None => {
                        crate::process::forget(p);
                        None
                    }
                })
            }),
        )
    }

    /// A [`Process`] handle on the process of a record: [`Error::NoSuchProcess`] if it
    /// is gone, or if its pid now belongs to a process with another start time.
    pub fn process(&self, info: &ProcessInfo) -> Result<Process> {
        let p = Process::open(self.root.clone(), info.pid)?;
        match (info.start_ticks, p.imp.start_ticks) {
            (Some(a), Some(b)) if a != b => Err(Error::NoSuchProcess {
                pid: info.pid,
                name: info.name().map(|n| n.to_string_lossy().into_owned()),
                msg: MSG_REUSED.into(),
            }),
            _ => Ok(p),
        }
    }
}
