//! The macOS reader of the process table ([`ProcessTable`](crate::ProcessTable)): one
//! `sysctl(KERN_PROC, KERN_PROC_ALL)` listing feeds every record's pid, ppid, name
//! (short names), status, create_time, uids and gids, and seeds the process's
//! `oneshot` cache with its `kinfo_proc`; the other attributes are read through the
//! process with the method of that name (one `proc_taskinfo` for cpu_times,
//! memory_info, num_threads and num_ctx_switches).

use std::collections::HashMap;
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::sync::Arc;

use super::handle::Handle;
use super::listing;
use super::types::{Gids, Uids};
use crate::error::{Error, Pid, Result};
use crate::parse::macos::kinfo_proc::KinfoProc;
use crate::process::{info_accessors, Attr, AttrSet, Process, ProcessInfo, ReadFn, Value};

/// The name of [`ProcessInfo`]'s identity stamp in its `Debug` output (its accessor's).
pub(crate) const INFO_STAMP: &str = "create_stamp";

impl ProcessInfo {
    /// The start time in microseconds since the epoch (`p_starttime`): with the pid,
    /// the identity of [`Process`](crate::Process).
    pub fn create_stamp(&self) -> Option<u64> {
        self.stamp
    }

    info_accessors! {
        /// `uids`, if requested and read.
        uids: Uids => Uids(v) -> &Uids = v;
        /// `gids`, if requested and read.
        gids: Gids => Gids(v) -> &Gids = v;
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

/// The listing's records by pid.
type Records = Arc<HashMap<Pid, KinfoProc>>;

/// The macOS part of a [`ProcessTable`](crate::ProcessTable): the attributes, and the
/// snapshot of the current read (shared with the reading threads).
pub(crate) struct TableReader {
    attrs: AttrSet,
    records: Option<Records>,
    #[cfg(any(test, feature = "test-hooks"))]
    reads: TableReads,
}

fn load() -> Result<Records> {
    Ok(Arc::new(
        listing::all()?
            .into_iter()
            .filter_map(|k| Some((Pid::try_from(k.pid).ok()?, k)))
            .collect(),
    ))
}

/// The value of `a` from the record alone, `None` for an attribute it does not carry.
fn record_value(pid: Pid, k: &KinfoProc, a: Attr) -> Option<Result<Value>> {
    Some(Ok(match a {
        Attr::Pid => Value::Pid(pid),
        Attr::Ppid => Value::Pid(Pid::try_from(k.ppid).unwrap_or_default()),
        // a long name may be extended from cmdline: read through the process
        Attr::Name if k.comm.len() < 15 => Value::Name(OsString::from_vec(k.comm.clone())),
        Attr::Status => Value::Status(k.status()),
        Attr::CreateTime => Value::Float(k.start_secs()),
        Attr::Uids => Value::Uids(Uids {
            real: k.ruid,
            effective: k.euid,
            saved: k.svuid,
        }),
        Attr::Gids => Value::Gids(Gids {
            real: k.rgid,
            effective: k.egid,
            saved: k.svgid,
        }),
        _ => return None,
    }))
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

    /// Takes one listing, whose pids it gives with the reader of one pid's record: a
    /// [`Process`] made from the record (its identity is the record's start time),
    /// which `keep` finishes.
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
            let Some(k) = table.records.as_ref().and_then(|m| m.get(&pid)) else {
                return Ok(None);
            };
            let proc = Process::from_handle(
                pid,
                Handle {
                    start: Some(k.start_micros()),
                },
            );
            Ok(table.read_process(&proc).map(|info| keep(proc, info)))
        };
        Ok((pids, Box::new(read)))
    }

    /// Reads the record of one process: the listing's values, the rest through the
    /// process; `None` when it is gone (not in the listing, another process with its
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
        if proc.identity().1.is_some_and(|s| s != r.start_micros()) {
            return None;
        }
        let attrs = self.attrs;
        proc.oneshot(|p| {
            p.seed_kinfo(r.clone());
            let mut values = Vec::with_capacity(attrs.len());
            for a in attrs.iter() {
                let v = match record_value(p.pid(), &r, a) {
                    Some(v) => v,
                    None => p.attr(a),
                };
                if matches!(v, Err(Error::NoSuchProcess { .. })) {
                    return None;
                }
                values.push((a, v));
            }
            Some(ProcessInfo::new(p.pid(), p.identity().1, values))
        })
    }

    /// Forgets the listing: the next read takes a new one.
    pub(crate) fn begin(&mut self) {
        self.records = None;
    }

    /// Any table reads the current system.
    pub(crate) fn check_current(&self) -> Result<()> {
        Ok(())
    }

    /// Takes the listing before the threads start, so that they share it.
    pub(crate) fn preload(&mut self) {
        if self.records.is_none() {
            self.records = load().ok();
        }
    }

    /// Nothing to reserve on macOS.
    pub(crate) fn reserve_fds(&self, _processes: usize) {}

    /// A reader with this one's attributes and listing, for a reading thread.
    pub(crate) fn worker(&self) -> TableReader {
        TableReader {
            attrs: self.attrs,
            records: self.records.clone(),
            #[cfg(any(test, feature = "test-hooks"))]
            reads: TableReads::default(),
        }
    }

    /// A [`Process`] on the process of a record: NoSuchProcess if it is gone or its pid
    /// now belongs to a process with another start time.
    pub(crate) fn process(&self, info: &ProcessInfo) -> Result<Process> {
        info.same_process(super::open(info.pid)?)
    }
}
