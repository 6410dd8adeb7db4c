//! [`TableReader`]: the Linux part of a [`ProcessTable`], its setup, the listing of
//! `/proc` for a snapshot and the handle on a record's process.

use std::collections::HashMap;
use std::os::fd::AsFd;
use std::path::PathBuf;
use std::sync::Arc;

use super::reader::StatusLines;
use super::reads::TableReads;
use crate::error::{Error, Pid, Result};
use crate::process::table::ReadFn;
use crate::process::Process;
use crate::process::{Attr, AttrSet};
use crate::process::{ProcessInfo, ProcessTable};
use crate::sys;
use crate::sys::root::Root;
use crate::sys::user_names::UserNames;

/// The Linux part of a [`ProcessTable`]: the root, the attributes and which files they
/// need, the buffers reused across processes and snapshots, the counters of the files
/// opened, and what is read once per snapshot. One per reading thread
/// ([`worker`](TableReader::worker)).
pub(crate) struct TableReader {
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
    pub(super) bufs: [Vec<u8>; 5],
    pub(super) reads: TableReads,
    // Per snapshot.
    pub(super) boot_time: Option<f64>,
    /// User names, shared with the reading threads of the snapshot.
    pub(super) names: UserNames,
    pub(super) ttys: Option<HashMap<u64, PathBuf>>,
}

impl Root {
    /// A [`ProcessTable`] reading from this root.
    pub fn process_table(&self, attrs: AttrSet) -> ProcessTable {
        ProcessTable::from_reader(TableReader::with_root(Arc::new(self.clone()), attrs))
    }
}

impl TableReader {
    /// A reader of these attributes of every process under the current root (see
    /// [`set_procfs_path`](crate::set_procfs_path)).
    pub(crate) fn new(attrs: AttrSet) -> TableReader {
        TableReader::with_root(Root::current(), attrs)
    }

    pub(super) fn with_root(root: Arc<Root>, attrs: AttrSet) -> TableReader {
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
        TableReader {
            root,
            attrs,
            needs_status,
            needs_creds: [Attr::Uids, Attr::Gids, Attr::Username]
                .iter()
                .any(|a| attrs.contains(*a)),
            pidfd_creds,
            needs_stat,
            status_lines,
            bufs: Default::default(),
            reads: TableReads::default(),
            boot_time: None,
            names: UserNames::new(),
            ttys: None,
        }
    }

    /// The attributes read.
    pub(crate) fn attrs(&self) -> AttrSet {
        self.attrs
    }

    /// Files opened since this table was made (the test hook of
    /// [`ProcessTable::reads`]).
    #[cfg(any(test, feature = "test-hooks"))]
    pub(crate) fn reads(&self) -> TableReads {
        self.reads
    }

    /// Counts the files `worker` (a reading thread's reader) opened as this one's.
    pub(crate) fn merge_reads(&mut self, worker: &TableReader) {
        self.reads.add(&worker.reads);
    }

    /// Records that a snapshot was read by `n` threads (the calling one included).
    pub(crate) fn set_threads_used(&mut self, n: u64) {
        self.reads.threads = n;
    }

    /// A record with the handle it was read through, whose identity is the record's.
    pub(crate) fn keep_with_process(
        mut proc: Process,
        info: ProcessInfo,
    ) -> (Process, ProcessInfo) {
        proc.imp.start_ticks = info.stamp;
        proc.settle_dir();
        (proc, info)
    }

    /// Lists the pids of `/proc` and starts a snapshot (see [`begin`]); gives them with
    /// the reader of one pid's record, which `keep` finishes.
    ///
    /// [`begin`]: TableReader::begin
    #[allow(clippy::type_complexity)]
    pub(crate) fn pid_reader<T: Send + 'static>(
        &mut self,
        keep: fn(Process, ProcessInfo) -> T,
    ) -> Result<(Vec<Pid>, Box<ReadFn<TableReader, Pid, T>>)> {
        let procfs = self.root.procfs();
        let proc = sys::proc_reader::open_proc(procfs).map_err(|e| Error::from_io(e, procfs))?;
        let pids =
            sys::proc_reader::list_pids(proc.as_fd()).map_err(|e| Error::from_io(e, procfs))?;
        self.begin();
        let read = move |table: &mut TableReader, &pid: &Pid| {
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
    pub(crate) fn begin(&mut self) {
        self.boot_time = None;
        self.names = UserNames::new();
        self.ttys = None;
    }

    /// Fails unless this reader reads the current root ([`ProcessTable::process_iter`]
    /// reads [`process_iter`](crate::process_iter)'s instances, which belong to it).
    pub(crate) fn check_current(&self) -> Result<()> {
        if *self.root != *Root::current() {
            return Err(Error::invalid(
                "ProcessTable::process_iter reads the current root (set_procfs_path); \
                 this table was made for another root",
            ));
        }
        Ok(())
    }

    /// A [`Process`] handle on the process of a record: [`Error::NoSuchProcess`] if it
    /// is gone, or if its pid now belongs to a process with another start time.
    pub(crate) fn process(&self, info: &ProcessInfo) -> Result<Process> {
        info.same_process(Process::open(self.root.clone(), info.pid)?)
    }
}
