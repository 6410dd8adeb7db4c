//! The FreeBSD reader of the process table ([`ProcessTable`](crate::ProcessTable)): one
//! `kern.proc.proc` snapshot gives every process's `kinfo_proc` (psutil's FreeBSD
//! oneshot bundle: pid, ppid, name, status, uids, gids, terminal, create_time,
//! num_ctx_switches, io_counters, cpu_times, memory_info, cpu_num, num_threads), with
//! no further call; the other attributes are read through the process with the method
//! of that name, inside a `oneshot` seeded with the record.

use std::collections::HashMap;
use std::sync::Arc;

use super::handle::{stamp, Handle};
use super::listing::snapshot;
use super::types::ProcessIoCounters;
use crate::error::{Error, Pid, Result};
use crate::parse::freebsd::kinfo_proc::KinfoProc;
use crate::process::{info_accessors, AttrSet, Process, ProcessInfo, ReadFn};

/// The name of [`ProcessInfo`]'s identity stamp in its `Debug` output (its accessor's).
pub(crate) const INFO_STAMP: &str = "create_stamp";

impl ProcessInfo {
    /// The start time (`ki_start`) in microseconds since the epoch: with the pid, the
    /// identity of [`Process`](crate::Process).
    pub fn create_stamp(&self) -> Option<u64> {
        self.stamp
    }

    info_accessors! {
        /// `io_counters`, if requested and read.
        io_counters: IoCounters => IoCounters(v) -> &ProcessIoCounters = v;
    }
}

/// What a table did (a test hook, feature `test-hooks`): processes opened, threads used.
#[cfg(any(test, feature = "test-hooks"))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TableReads {
    /// Processes opened.
    pub processes: u64,
    /// Threads that read the last snapshot (the calling one included).
    pub threads: u64,
}

/// The snapshot's records by pid.
type Records = Arc<HashMap<Pid, KinfoProc>>;

/// The FreeBSD part of a [`ProcessTable`](crate::ProcessTable): the attributes, and the
/// snapshot of the current read (shared with the reading threads).
pub(crate) struct TableReader {
    attrs: AttrSet,
    records: Option<Records>,
    #[cfg(any(test, feature = "test-hooks"))]
    reads: TableReads,
}

fn load() -> Result<Records> {
    Ok(Arc::new(
        snapshot()?
            .into_iter()
            .filter_map(|k| Some((Pid::try_from(k.pid).ok()?, k)))
            .collect(),
    ))
}

impl TableReader {
    pub(crate) fn new(attrs: AttrSet) -> TableReader {
        let attrs = if attrs.is_empty() {
            AttrSet::all()
        } else {
            attrs
        };
        TableReader {
            attrs,
            records: None,
            #[cfg(any(test, feature = "test-hooks"))]
            reads: TableReads::default(),
        }
    }

    pub(crate) fn attrs(&self) -> AttrSet {
        self.attrs
    }

    #[cfg(any(test, feature = "test-hooks"))]
    pub(crate) fn reads(&self) -> TableReads {
        self.reads
    }

    pub(crate) fn merge_reads(&mut self, _worker: &TableReader) {
        #[cfg(any(test, feature = "test-hooks"))]
        {
            self.reads.processes += _worker.reads.processes;
        }
    }

    pub(crate) fn set_threads_used(&mut self, _n: u64) {
        #[cfg(any(test, feature = "test-hooks"))]
        {
            self.reads.threads = _n;
        }
    }

    pub(crate) fn keep_with_process(proc: Process, info: ProcessInfo) -> (Process, ProcessInfo) {
        (proc, info)
    }

    /// Takes one snapshot, whose pids it gives with the reader of one pid's record: a
    /// [`Process`] made from the record (its identity is the record's creation time; no
    /// process is opened unless an attribute needs it), which `keep` finishes.
    #[allow(clippy::type_complexity)]
    pub(crate) fn pid_reader<T: Send + 'static>(
        &mut self,
        keep: fn(Process, ProcessInfo) -> T,
    ) -> Result<(Vec<Pid>, Box<ReadFn<Pid, T>>)> {
        let records = load()?;
        let mut pids: Vec<Pid> = records.keys().copied().collect();
        pids.sort_unstable();
        self.records = Some(records);
        let read = move |table: &mut TableReader, &pid: &Pid| {
            let Some(r) = table.records.as_ref().and_then(|m| m.get(&pid)) else {
                return Ok(None);
            };
            let proc = Process::from_handle(
                pid,
                Handle {
                    create_stamp: Some(stamp(r)),
                },
            );
            Ok(table.read_process(&proc).map(|info| keep(proc, info)))
        };
        Ok((pids, Box::new(read)))
    }

    /// Reads the record of one process: the snapshot's values, the rest through the
    /// process; `None` when it is gone (not in the snapshot, another process with its
    /// pid, or NoSuchProcess from a read).
    pub(crate) fn read_process(&mut self, proc: &Process) -> Option<ProcessInfo> {
        #[cfg(any(test, feature = "test-hooks"))]
        {
            self.reads.processes += 1;
        }
        if self.records.is_none() {
            self.records = load().ok();
        }
        let r = self.records.as_ref()?.get(&proc.pid())?.clone();
        if proc.identity().1.is_some_and(|s| s != stamp(&r)) {
            return None;
        }
        let attrs = self.attrs;
        proc.oneshot(|p| {
            p.seed_kinfo(r.clone());
            let mut values = Vec::with_capacity(attrs.len());
            for a in attrs.iter() {
                let v = p.attr(a);
                if matches!(v, Err(Error::NoSuchProcess { .. })) {
                    return None;
                }
                values.push((a, v));
            }
            Some(ProcessInfo::new(p.pid(), p.identity().1, values))
        })
    }

    /// Forgets the snapshot: the next read takes a new one.
    pub(crate) fn begin(&mut self) {
        self.records = None;
    }

    /// Any table reads the current system.
    pub(crate) fn check_current(&self) -> Result<()> {
        Ok(())
    }

    /// Takes the snapshot before the threads start, so that they share it.
    pub(crate) fn preload(&mut self) {
        if self.records.is_none() {
            self.records = load().ok();
        }
    }

    /// Nothing to reserve on FreeBSD (no descriptor is held per process).
    pub(crate) fn reserve_fds(&self, _processes: usize) {}

    /// A reader with this one's attributes and snapshot, for a reading thread.
    pub(crate) fn worker(&self) -> TableReader {
        TableReader {
            attrs: self.attrs,
            records: self.records.clone(),
            #[cfg(any(test, feature = "test-hooks"))]
            reads: TableReads::default(),
        }
    }

    /// A [`Process`] on the process of a record: NoSuchProcess if it is gone or its pid
    /// now belongs to a process with another creation time.
    pub(crate) fn process(&self, info: &ProcessInfo) -> Result<Process> {
        info.same_process(super::open(info.pid)?)
    }
}
