//! [`ProcessInfo`]: one process of a [`ProcessTable`](crate::ProcessTable) snapshot,
//! with the accessors every platform has. Each backend adds, in an `impl ProcessInfo`
//! block of its own, the accessor of its identity stamp and those of the attributes only
//! some platforms have values for (with [`info_accessors!`]).

use std::ffi::{OsStr, OsString};
use std::fmt;

use crate::error::{Error, Pid, Result};
use crate::process::{
    dict_value, Attr, CtxSwitches, MemoryInfo, Process, ProcessCpuTimes, Status, Value, MSG_REUSED,
};
use crate::sys;

/// One process of a [`ProcessTable`](crate::ProcessTable) snapshot: its pid, its identity, and the value of
/// each requested attribute, or the error reading it gave
/// ([`Error::AccessDenied`](crate::Error::AccessDenied),
/// [`Error::ZombieProcess`](crate::Error::ZombieProcess), ...). psutil's `proc.info`
/// dict of `process_iter(attrs)`.
pub struct ProcessInfo {
    pub(crate) pid: Pid,
    /// The creation stamp of [`Process::identity`], in the backend's unit (read by the
    /// backend's accessor: `start_ticks` on Linux, `create_stamp` elsewhere).
    pub(crate) stamp: Option<u64>,
    pub(crate) values: Vec<(Attr, Result<Value>)>,
    /// Linux: the job-control and scheduling fields of the `stat` the record read for
    /// its attributes (no read of its own); `None` when `stat` was not read.
    #[cfg(target_os = "linux")]
    pub(crate) stat_ext: Option<sys::process::ProcessStatExt>,
    /// Linux: the owner of the `/proc/<pid>` directory as `process_iter`'s identity
    /// check found it just before the record was read.
    #[cfg(target_os = "linux")]
    pub(crate) dir_owner: Option<u32>,
}

impl fmt::Debug for ProcessInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProcessInfo")
            .field("pid", &self.pid)
            .field(sys::process::INFO_STAMP, &self.stamp)
            .field("values", &self.values)
            .finish()
    }
}

/// Accessors of [`ProcessInfo`]: `name: Attr => Variant(v) -> Type = expr;` defines
/// `fn name(&self) -> Option<Type>`, `expr` of the value when the attribute was read
/// and gave that [`Value`] variant, `None` otherwise. Used here for the attributes of
/// every platform, and by the backends for their own.
macro_rules! info_accessors {
    ($($(#[$doc:meta])* $name:ident: $attr:ident => $variant:ident($v:ident) -> $ty:ty = $e:expr;)*) => {$(
        $(#[$doc])*
        pub fn $name(&self) -> Option<$ty> {
            match self.get($crate::process::Attr::$attr) {
                Some(Ok($crate::process::Value::$variant($v))) => Some($e),
                _ => None,
            }
        }
    )*};
}
pub(crate) use info_accessors;

impl ProcessInfo {
    /// A record of `pid` whose identity stamp is `stamp`.
    pub(crate) fn new(
        pid: Pid,
        stamp: Option<u64>,
        values: Vec<(Attr, Result<Value>)>,
    ) -> ProcessInfo {
        ProcessInfo {
            pid,
            stamp,
            values,
            #[cfg(target_os = "linux")]
            stat_ext: None,
            #[cfg(target_os = "linux")]
            dir_owner: None,
        }
    }

    /// The pid.
    pub fn pid(&self) -> Pid {
        self.pid
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

    /// `p`, just opened on this record's pid, if it is the record's process:
    /// NoSuchProcess ("PID has been reused") when both creation stamps are known and
    /// differ (the table's [`process`](crate::ProcessTable::process)).
    pub(crate) fn same_process(&self, p: Process) -> Result<Process> {
        match (self.stamp, p.identity().1) {
            (Some(a), Some(b)) if a != b => Err(Error::NoSuchProcess {
                pid: self.pid,
                name: self.name().map(|n| n.to_string_lossy().into_owned()),
                msg: MSG_REUSED.into(),
            }),
            _ => Ok(p),
        }
    }

    info_accessors! {
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
    }
}
