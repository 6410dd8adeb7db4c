//! The pid listings: `pids()` (`kern.proc.proc`), `pid_exists()` (`kill(pid, 0)`),
//! `process_iter`'s keyed listing and the `{pid: ppid}` map of `children()` (one
//! `kern.proc.proc` snapshot each).

use super::calls;
use super::handle::stamp;
use crate::error::{Error, Pid, Result};
use crate::parse::freebsd::kinfo_proc::{self, KinfoProc};
use crate::process::Process;
use crate::sys::one_system::{keyed, parents, IterScope};

/// Every process's `kinfo_proc` of one `kern.proc.proc` snapshot.
pub(crate) fn snapshot() -> Result<Vec<KinfoProc>> {
    let buf = calls::kinfo_all().map_err(|e| Error::from_io(e, "sysctl kern.proc.proc"))?;
    kinfo_proc::parse_all(&buf)
}

/// psutil's `pids()`: the `ki_pid` of every `kern.proc.proc` record, sorted.
pub(crate) fn pids() -> Result<Vec<Pid>> {
    let mut v: Vec<Pid> = snapshot()?
        .iter()
        .filter_map(|k| Pid::try_from(k.pid).ok())
        .collect();
    v.sort_unstable();
    v.dedup();
    Ok(v)
}

/// Every pid with its start stamp from one snapshot: the key stays the same while a
/// cached instance's process lives.
pub(crate) fn list_keyed(_scope: &IterScope) -> Result<Vec<(Pid, u64)>> {
    Ok(keyed(snapshot()?.iter().map(|k| (k.pid, stamp(k)))))
}

/// Whether the listing's key is the cached instance's start stamp.
pub(crate) fn same_key(p: &Process, key: u64) -> bool {
    p.imp.create_stamp == Some(key)
}

/// Every `(pid, ppid)` of one snapshot, for `children()`.
pub(crate) fn ppid_map(_p: &Process) -> Result<Vec<(Pid, Pid)>> {
    Ok(parents(snapshot()?.iter().map(|k| (k.pid, k.ppid))))
}
