//! The macOS reader of the process table ([`ProcessTable`](crate::ProcessTable)): one
//! `sysctl(KERN_PROC, KERN_PROC_ALL)` listing feeds every record's pid, ppid, name
//! (short names), status, create_time, uids and gids, and seeds the process's
//! `oneshot` cache with its `kinfo_proc`; the other attributes are read through the
//! process with the method of that name (one `proc_taskinfo` for cpu_times,
//! memory_info, num_threads and num_ctx_switches).

use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::OsStringExt;
use std::sync::Arc;

use super::handle::{Handle, MSG_REUSED};
use super::listing;
use super::types::{CtxSwitches, Gids, MemoryInfo, ProcessCpuTimes, Status, Uids};
use crate::error::{Error, Pid, Result};
use crate::parse::macos::kinfo_proc::KinfoProc;
use crate::process::{dict_value, Attr, AttrSet, Process, ReadFn, Value};

/// One process of a [`ProcessTable`](crate::ProcessTable) snapshot: its pid, its
/// identity, and the value of each requested attribute, or the error reading it gave.
/// psutil's `proc.info` dict of `process_iter(attrs)`.
#[derive(Debug)]
pub struct ProcessInfo {
    pid: Pid,
    create_stamp: Option<u64>,
    values: Vec<(Attr, Result<Value>)>,
}

macro_rules! accessors {
    ($($(#[$doc:meta])* $name:ident: $attr:ident => $variant:ident($v:ident) -> $ty:ty = $e:expr;)*) => {$(
        $(#[$doc])*
        pub fn $name(&self) -> Option<$ty> {
            match self.get(Attr::$attr) {
                Some(Ok(Value::$variant($v))) => Some($e),
                _ => None,
            }
        }
    )*};
}

impl ProcessInfo {
    /// The pid.
    pub fn pid(&self) -> Pid {
        self.pid
    }

    /// The start time in microseconds since the epoch (`p_starttime`): with the pid,
    /// the identity of [`Process`](crate::Process).
    pub fn create_stamp(&self) -> Option<u64> {
        self.create_stamp
    }

    /// The value of `a`, or the error reading it gave; `None` when it was not requested.
    pub fn get(&self, a: Attr) -> Option<&Result<Value>> {
        self.values.iter().find(|(x, _)| *x == a).map(|(_, v)| v)
    }

    /// Every requested attribute in psutil's order, with its value or error.
    pub fn values(&self) -> &[(Attr, Result<Value>)] {
        &self.values
    }

    /// Every requested attribute in psutil's order, with its value or error, by value.
    pub fn into_values(self) -> Vec<(Attr, Result<Value>)> {
        self.values
    }

    /// psutil's `proc.info` with `ad_value` (the rule of
    /// [`Process::as_dict`](crate::Process::as_dict), without dropping unsupported
    /// attributes). Other errors are returned.
    pub fn into_dict(self, ad_value: &Value) -> Result<Vec<(Attr, Value)>> {
        let mut out = Vec::with_capacity(self.values.len());
        for (a, r) in self.values {
            if let Some(v) = dict_value(r, ad_value, false)? {
                out.push((a, v));
            }
        }
        Ok(out)
    }

    accessors! {
        /// `ppid`, if requested and read.
        ppid: Ppid => Pid(v) -> Pid = *v;
        /// `name`, if requested and read.
        name: Name => Name(v) -> &OsStr = v.as_os_str();
        /// `cmdline`, if requested and read.
        cmdline: Cmdline => Cmdline(v) -> &[OsString] = v.as_slice();
        /// `status`, if requested and read.
        status: Status => Status(v) -> Status = *v;
        /// `username`, if requested and read.
        username: Username => Username(v) -> &str = v.as_str();
        /// `create_time`, if requested and read.
        create_time: CreateTime => Float(v) -> f64 = *v;
        /// `cpu_times`, if requested and read.
        cpu_times: CpuTimes => CpuTimes(v) -> &ProcessCpuTimes = v;
        /// `memory_info`, if requested and read.
        memory_info: MemoryInfo => MemoryInfo(v) -> &MemoryInfo = v;
        /// `num_threads`, if requested and read.
        num_threads: NumThreads => Count(v) -> u64 = *v;
        /// `nice`, if requested and read.
        nice: Nice => Nice(v) -> i32 = *v;
        /// `num_ctx_switches`, if requested and read.
        num_ctx_switches: NumCtxSwitches => CtxSwitches(v) -> &CtxSwitches = v;
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
            Some(ProcessInfo {
                pid: p.pid(),
                create_stamp: p.identity().1,
                values,
            })
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
        let p = super::open(info.pid)?;
        match (info.create_stamp, p.identity().1) {
            (Some(a), Some(b)) if a != b => Err(Error::NoSuchProcess {
                pid: info.pid,
                name: info.name().map(|n| n.to_string_lossy().into_owned()),
                msg: MSG_REUSED.into(),
            }),
            _ => Ok(p),
        }
    }
}
