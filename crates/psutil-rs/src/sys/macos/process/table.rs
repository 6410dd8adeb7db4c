//! The macOS reader of the process table ([`ProcessTable`](crate::ProcessTable)): one
//! `sysctl(KERN_PROC, KERN_PROC_ALL)` listing feeds every record's pid, ppid, name
//! (short names), status, create_time, uids and gids, and seeds the process's
//! `oneshot` cache with its `kinfo_proc`; the other attributes are read through the
//! process with the method of that name (one `proc_taskinfo` for cpu_times,
//! memory_info, num_threads and num_ctx_switches).

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

use super::handle::Handle;
use super::listing;
use super::types::{Gids, Uids};
use crate::error::{Pid, Result};
use crate::parse::macos::kinfo_proc::KinfoProc;
use crate::process::table::listed::{ListedReader, Listing};
use crate::process::{info_accessors, Attr, Process, ProcessInfo, Value};

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

/// The macOS listing: the `kinfo_proc` records of one `KERN_PROC_ALL` sysctl.
pub(crate) struct KernProcAll;

impl Listing for KernProcAll {
    type Record = KinfoProc;

    fn list() -> Result<Vec<(Pid, KinfoProc)>> {
        Ok(listing::all()?
            .into_iter()
            .filter_map(|r| Some((Pid::try_from(r.pid).ok()?, r)))
            .collect())
    }

    /// `p_starttime` in microseconds.
    fn stamp(_pid: Pid, r: &KinfoProc) -> Option<u64> {
        Some(r.start_micros())
    }

    fn process(pid: Pid, stamp: Option<u64>) -> Process {
        Process::from_handle(pid, Handle { start: stamp })
    }

    fn value(pid: Pid, r: &KinfoProc, a: Attr) -> Option<Result<Value>> {
        record_value(pid, r, a)
    }

    fn seed(p: &Process, r: KinfoProc) {
        p.seed_kinfo(r);
    }
}

/// The macOS part of a [`ProcessTable`](crate::ProcessTable): the attributes, and
/// the listing of the current read (shared with the reading threads).
pub(crate) type TableReader = ListedReader<KernProcAll>;

/// What a table did (a test hook, feature `test-hooks`): processes opened, threads used.
#[cfg(any(test, feature = "test-hooks"))]
pub use crate::process::table::listed::ListingReads as TableReads;

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
