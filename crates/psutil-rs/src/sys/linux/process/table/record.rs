//! The Linux accessors of [`ProcessInfo`] (one process of a
//! [`ProcessTable`](crate::ProcessTable) snapshot): its start time, and the attributes
//! Linux has values for beyond those of every platform.

use super::super::extras::ProcessStatExt;
use super::super::types::{Gids, ProcessIoCounters, Uids};
use crate::process::{info_accessors, ProcessInfo};

/// The name of [`ProcessInfo`]'s identity stamp in its `Debug` output (its accessor's).
pub(crate) const INFO_STAMP: &str = "start_ticks";

impl ProcessInfo {
    /// The start time in clock ticks since boot (field 22 of `/proc/<pid>/stat`), when
    /// `stat` was read (any attribute from it was requested): with the pid, the
    /// identity of [`Process`](crate::Process).
    pub fn start_ticks(&self) -> Option<u64> {
        self.stamp
    }

    /// The job-control and scheduling fields of `/proc/<pid>/stat` (as
    /// [`ProcessExt::stat_ext`](crate::os::linux::ProcessExt::stat_ext)), from the
    /// `stat` the record read for its attributes: no further read. `None` when no
    /// requested attribute reads `stat`, or its read failed. An extension beyond
    /// psutil (ps's STAT flags, top's PR, for a whole table at the cost of one `stat`
    /// per process).
    pub fn stat_ext(&self) -> Option<&ProcessStatExt> {
        self.stat_ext.as_ref()
    }

    /// The owner of `/proc/<pid>` (the effective uid, or root for a process that is not
    /// dumpable: what procps top and iotop show as USER), when the record comes from
    /// [`ProcessTable::process_iter`](crate::ProcessTable::process_iter) and its
    /// instance was known before: the `fstat(2)` that checked the instance's directory
    /// handle gave it, so it costs nothing. `None` otherwise (`stat(2)` `/proc/<pid>`
    /// then). An extension beyond psutil.
    pub fn dir_owner(&self) -> Option<u32> {
        self.dir_owner
    }

    info_accessors! {
        /// `uids`, if requested and read.
        uids: Uids => Uids(v) -> &Uids = v;
        /// `gids`, if requested and read.
        gids: Gids => Gids(v) -> &Gids = v;
        /// `io_counters`, if requested and read.
        io_counters: IoCounters => IoCounters(v) -> &ProcessIoCounters = v;
    }
}
