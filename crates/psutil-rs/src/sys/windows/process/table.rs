//! The Windows reader of the process table ([`ProcessTable`](crate::ProcessTable)).

use std::ffi::{OsStr, OsString};

use super::types::{CtxSwitches, MemoryInfo, ProcessCpuTimes, ProcessIoCounters, Status};
use crate::error::{Error, Pid, Result};
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

    /// The creation time in FILETIME ticks (100 ns since 1601): with the pid, the
    /// identity of [`Process`](crate::Process).
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

/// The Windows part of a [`ProcessTable`](crate::ProcessTable).
pub(crate) struct TableReader {
    attrs: AttrSet,
    #[cfg(any(test, feature = "test-hooks"))]
    reads: TableReads,
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

    #[allow(clippy::type_complexity)]
    pub(crate) fn pid_reader<T: Send + 'static>(
        &mut self,
        keep: fn(Process, ProcessInfo) -> T,
    ) -> Result<(Vec<Pid>, Box<ReadFn<Pid, T>>)> {
        let pids = super::pids()?;
        self.begin();
        let read = move |table: &mut TableReader, &pid: &Pid| {
            let proc = match super::open(pid) {
                Ok(p) => p,
                Err(Error::NoSuchProcess { .. }) => return Ok(None),
                Err(e) => return Err(e),
            };
            Ok(table.read_process(&proc).map(|info| keep(proc, info)))
        };
        Ok((pids, Box::new(read)))
    }

    /// Reads the record of one process through its handle; `None` when it is gone.
    pub(crate) fn read_process(&mut self, proc: &Process) -> Option<ProcessInfo> {
        #[cfg(any(test, feature = "test-hooks"))]
        {
            self.reads.processes += 1;
        }
        let attrs = self.attrs;
        proc.oneshot(|p| {
            let mut values = Vec::with_capacity(attrs.len());
            for a in attrs.iter() {
                let r = p.attr(a);
                if matches!(r, Err(Error::NoSuchProcess { .. })) {
                    return None;
                }
                values.push((a, r));
            }
            Some(ProcessInfo {
                pid: p.pid(),
                create_stamp: p.identity().1,
                values,
            })
        })
    }

    pub(crate) fn begin(&mut self) {}

    pub(crate) fn check_current(&self) -> Result<()> {
        Ok(())
    }

    pub(crate) fn preload(&mut self) {}

    pub(crate) fn reserve_fds(&self, _processes: usize) {}

    pub(crate) fn worker(&self) -> TableReader {
        TableReader::new(self.attrs)
    }

    pub(crate) fn process(&self, info: &ProcessInfo) -> Result<Process> {
        let p = super::open(info.pid)?;
        match (info.create_stamp, p.identity().1) {
            (Some(a), Some(b)) if a != b => Err(Error::NoSuchProcess {
                pid: info.pid,
                name: info.name().map(|n| n.to_string_lossy().into_owned()),
                msg: super::MSG_REUSED.into(),
            }),
            _ => Ok(p),
        }
    }
}
