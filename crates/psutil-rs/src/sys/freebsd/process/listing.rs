//! The pid listings: `pids()` (`kern.proc.proc`), `pid_exists()` (`kill(pid, 0)`),
//! `process_iter`'s keyed listing and the `{pid: ppid}` map of `children()` (one
//! `kern.proc.proc` snapshot each).

use super::calls;
use super::handle::{open, stamp};
use crate::error::{Error, Pid, Result};
use crate::parse::freebsd::kinfo_proc::{self, KinfoProc};
use crate::process::Process;

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

/// psutil's POSIX `pid_exists()`: `kill(pid, 0)` succeeds or fails with `EPERM`; pid
/// 0 exists when it is listed (the kernel's `swapper`/`kernel` process).
pub(crate) fn pid_exists(pid: Pid) -> Result<bool> {
    if pid == 0 {
        return Ok(pids()?.contains(&0));
    }
    let Ok(raw) = i32::try_from(pid) else {
        return Ok(false);
    };
    super::super::signals::exists(raw).map_err(|e| Error::from_io(e, "kill"))
}

/// What `process_iter`'s cache belongs to: the one system.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct IterScope;

pub(crate) fn iter_scope() -> IterScope {
    IterScope
}

/// Every pid with its start stamp from one snapshot: the key stays the same while a
/// cached instance's process lives.
pub(crate) fn list_keyed(_scope: &IterScope) -> Result<Vec<(Pid, u64)>> {
    let mut v: Vec<(Pid, u64)> = snapshot()?
        .iter()
        .filter_map(|k| Some((Pid::try_from(k.pid).ok()?, stamp(k))))
        .collect();
    v.sort_unstable();
    v.dedup_by_key(|(pid, _)| *pid);
    Ok(v)
}

/// Whether the listing's key is the cached instance's start stamp.
pub(crate) fn same_key(p: &Process, key: u64) -> bool {
    p.imp.create_stamp == Some(key)
}

pub(crate) fn open_in(_scope: &IterScope, pid: Pid) -> Result<Process> {
    open(pid)
}

/// Every `(pid, ppid)` of one snapshot, for `children()`.
pub(crate) fn ppid_map(_p: &Process) -> Result<Vec<(Pid, Pid)>> {
    Ok(snapshot()?
        .iter()
        .filter_map(|k| Some((Pid::try_from(k.pid).ok()?, Pid::try_from(k.ppid).ok()?)))
        .filter(|&(pid, ppid)| pid != ppid)
        .collect())
}
