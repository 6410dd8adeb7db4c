//! The FreeBSD reader of the process table ([`ProcessTable`](crate::ProcessTable)): one
//! `kern.proc.proc` snapshot gives every process's `kinfo_proc` (psutil's FreeBSD
//! oneshot bundle: pid, ppid, name, status, uids, gids, terminal, create_time,
//! num_ctx_switches, io_counters, cpu_times, memory_info, cpu_num, num_threads), with
//! no further call; the other attributes are read through the process with the method
//! of that name, inside a `oneshot` seeded with the record.

use super::handle::{stamp, Handle};
use super::listing::snapshot;
use super::types::ProcessIoCounters;
use crate::error::{Pid, Result};
use crate::parse::freebsd::kinfo_proc::KinfoProc;
use crate::process::table::listed::{ListedReader, Listing};
use crate::process::{info_accessors, Process, ProcessInfo};

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

/// The FreeBSD listing: the `kinfo_proc` records of one `kern.proc.proc` snapshot.
pub(crate) struct KernProc;

impl Listing for KernProc {
    type Record = KinfoProc;

    fn list() -> Result<Vec<(Pid, KinfoProc)>> {
        Ok(snapshot()?
            .into_iter()
            .filter_map(|r| Some((Pid::try_from(r.pid).ok()?, r)))
            .collect())
    }

    /// `ki_start` in microseconds.
    fn stamp(_pid: Pid, r: &KinfoProc) -> Option<u64> {
        Some(stamp(r))
    }

    fn process(pid: Pid, stamp: Option<u64>) -> Process {
        Process::from_handle(
            pid,
            Handle {
                create_stamp: stamp,
            },
        )
    }

    fn seed(p: &Process, r: KinfoProc) {
        p.seed_kinfo(r);
    }
}

/// The FreeBSD part of a [`ProcessTable`](crate::ProcessTable): the attributes, and
/// the listing of the current read (shared with the reading threads).
pub(crate) type TableReader = ListedReader<KernProc>;

/// What a table did (a test hook, feature `test-hooks`): processes opened, threads used.
#[cfg(any(test, feature = "test-hooks"))]
pub use crate::process::table::listed::ListingReads as TableReads;
