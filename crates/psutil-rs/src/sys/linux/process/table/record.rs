//! [`ProcessInfo`]: one process of a [`ProcessTable`](crate::ProcessTable) snapshot.

use std::ffi::{OsStr, OsString};

use super::super::types::{
    CtxSwitches, Gids, MemoryInfo, ProcessCpuTimes, ProcessIoCounters, Status, Uids,
};
use crate::error::{Pid, Result};
use crate::process::{dict_value, Attr, Value};

/// One process of a [`ProcessTable`](crate::ProcessTable) snapshot: its pid, its identity, and the value of
/// each requested attribute, or the error reading it gave
/// ([`Error::AccessDenied`](crate::Error::AccessDenied),
/// [`Error::ZombieProcess`](crate::Error::ZombieProcess), ...). psutil's `proc.info`
/// dict of `process_iter(attrs)`.
#[derive(Debug)]
pub struct ProcessInfo {
    pub(super) pid: Pid,
    pub(super) start_ticks: Option<u64>,
    pub(super) values: Vec<(Attr, Result<Value>)>,
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

    /// The start time in clock ticks since boot (field 22 of `/proc/<pid>/stat`), when
    /// `stat` was read (any attribute from it was requested): with the pid, the
    /// identity of [`Process`](crate::Process).
    pub fn start_ticks(&self) -> Option<u64> {
        self.start_ticks
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

    /// psutil's `proc.info` with `ad_value`: the requested attributes, where
    /// [`Error::AccessDenied`](crate::Error::AccessDenied) and
    /// [`Error::ZombieProcess`](crate::Error::ZombieProcess) are replaced by `ad_value`
    /// (the rule of [`Process::as_dict`](crate::Process::as_dict), without dropping
    /// unsupported attributes). Other errors are returned.
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
        /// `uids`, if requested and read.
        uids: Uids => Uids(v) -> &Uids = v;
        /// `gids`, if requested and read.
        gids: Gids => Gids(v) -> &Gids = v;
        /// `nice`, if requested and read.
        nice: Nice => Nice(v) -> i32 = *v;
        /// `num_ctx_switches`, if requested and read.
        num_ctx_switches: NumCtxSwitches => CtxSwitches(v) -> &CtxSwitches = v;
        /// `io_counters`, if requested and read.
        io_counters: IoCounters => IoCounters(v) -> &ProcessIoCounters = v;
    }
}
