//! The Windows reader of the process table ([`ProcessTable`](crate::ProcessTable)): one
//! `NtQuerySystemInformation(SystemProcessInformation)` snapshot feeds every record's
//! pid, ppid, name, num_threads, create_time, cpu_times, memory_info, io_counters,
//! num_ctx_switches and status, with no process opened; the other attributes are read
//! through the process with the method of that name.

use std::ffi::OsString;

use super::handle::Handle;
use super::record;
use super::snapshot;
use super::types::{CtxSwitches, ProcessIoCounters, Status};
use crate::error::{Pid, Result};
use crate::parse::windows::filetime;
use crate::parse::windows::system_process_information::ProcessRecord;
use crate::process::table::listed::{ListedReader, Listing};
use crate::process::{info_accessors, Attr, Process, ProcessInfo, Value};

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

/// The Windows listing: the records of one `SystemProcessInformation` snapshot.
pub(crate) struct Snapshot;

impl Listing for Snapshot {
    type Record = ProcessRecord;

    fn list() -> Result<Vec<(Pid, ProcessRecord)>> {
        Ok(snapshot::all()?
            .into_iter()
            .filter_map(|r| Some((Pid::try_from(r.pid).ok()?, r)))
            .collect())
    }

    /// The creation time; none for pid 0 (the System Idle Process).
    fn stamp(pid: Pid, r: &ProcessRecord) -> Option<u64> {
        (pid != 0).then_some(r.create_time)
    }

    fn process(pid: Pid, stamp: Option<u64>) -> Process {
        Process::from_handle(
            pid,
            Handle {
                create_stamp: stamp,
            },
        )
    }

    fn value(pid: Pid, r: &ProcessRecord, a: Attr) -> Option<Result<Value>> {
        record_value(pid, r, a)
    }

    fn seed(p: &Process, r: ProcessRecord) {
        p.seed_record(r);
    }
}

/// The Windows part of a [`ProcessTable`](crate::ProcessTable): the attributes, and
/// the listing of the current read (shared with the reading threads).
pub(crate) type TableReader = ListedReader<Snapshot>;

/// What a table did (a test hook, feature `test-hooks`): processes opened, threads used.
#[cfg(any(test, feature = "test-hooks"))]
pub use crate::process::table::listed::ListingReads as TableReads;

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
