//! The Windows reader of the process table ([`ProcessTable`](crate::ProcessTable)): one
//! `NtQuerySystemInformation(SystemProcessInformation)` snapshot feeds every record's
//! pid, ppid, name, num_threads, create_time, cpu_times, memory_info, io_counters,
//! num_ctx_switches and status, with no process opened; the other attributes are read
//! through the process with the method of that name.

use std::collections::HashMap;
use std::ffi::OsString;
use std::sync::Arc;

use super::handle::Handle;
use super::record;
use super::snapshot;
use super::types::{CtxSwitches, ProcessIoCounters, Status};
use crate::error::{Error, Pid, Result};
use crate::parse::windows::filetime;
use crate::parse::windows::system_process_information::ProcessRecord;
use crate::process::{info_accessors, Attr, AttrSet, Process, ProcessInfo, ReadFn, Value};

/// The name of [`ProcessInfo`]'s identity stamp in its `Debug` output (its accessor's).
pub(crate) const INFO_STAMP: &str = "create_stamp";

impl ProcessInfo {
    /// The creation time in FILETIME ticks (100 ns since 1601): with the pid, the
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
type Records = Arc<HashMap<Pid, ProcessRecord>>;

/// The Windows part of a [`ProcessTable`](crate::ProcessTable): the attributes, and the
/// snapshot of the current read (shared with the reading threads).
pub(crate) struct TableReader {
    attrs: AttrSet,
    records: Option<Records>,
    #[cfg(any(test, feature = "test-hooks"))]
    reads: TableReads,
}

fn load() -> Result<Records> {
    Ok(Arc::new(
        snapshot::all()?
            .into_iter()
            .filter_map(|r| Some((Pid::try_from(r.pid).ok()?, r)))
            .collect(),
    ))
}

/// The value of `a` from the record alone, `None` for an attribute it does not carry.
fn record_value(pid: Pid, r: &ProcessRecord, a: Attr) -> Option<Result<Value>> {
    Some(Ok(match a {
        Attr::Pid => Value::Pid(pid),
        Attr::Ppid => Value::Pid(Pid::try_from(r.ppid).unwrap_or_default()),
        Attr::Name => Value::Name(match pid {
            0 => "System Idle Process".into(),
            4 => "System".into(),
            _ if r.name.is_empty() => return None,
            _ => OsString::from(&r.name),
        }),
        Attr::NumThreads => Value::Count(u64::from(r.num_threads)),
        Attr::CreateTime if pid == 0 || pid == 4 => {
            return Some(crate::boot_time().map(Value::Float))
        }
        Attr::CreateTime => Value::Float(filetime::unix_secs(r.create_time)),
        Attr::CpuTimes => Value::CpuTimes(record::cpu_times(r)),
        Attr::MemoryInfo => Value::MemoryInfo(record::memory_info(r)),
        Attr::IoCounters => Value::IoCounters(record::io_counters(r)),
        Attr::NumCtxSwitches => Value::CtxSwitches(CtxSwitches {
            voluntary: r.context_switches(),
            involuntary: 0,
        }),
        Attr::Status => Value::Status(if r.is_suspended() {
            Status::Stopped
        } else {
            Status::Running
        }),
        Attr::Threads if pid != 0 => Value::Threads(record::threads(r)),
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
            let stamp = (pid != 0).then_some(r.create_time);
            let proc = Process::from_handle(
                pid,
                Handle {
                    create_stamp: stamp,
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
        if proc.pid() != 0 && proc.identity().1.is_some_and(|s| s != r.create_time) {
            return None;
        }
        let attrs = self.attrs;
        proc.oneshot(|p| {
            p.seed_record(r.clone());
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

    /// Nothing to reserve on Windows.
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
