//! The pid listings: `pids()`, `pid_exists()`, `process_iter`'s keyed listing and the
//! `{pid: ppid}` map of `children()`, all from `sysctl(KERN_PROC, KERN_PROC_ALL)`.

use super::super::sysctl;
use crate::error::{Error, Pid, Result};
use crate::parse::macos::kinfo_proc::{self, KinfoProc};
use crate::process::Process;
use crate::sys::one_system::{keyed, parents, IterScope};

/// Every process's `kinfo_proc` (`KERN_PROC_ALL`).
pub(crate) fn all() -> Result<Vec<KinfoProc>> {
    let b = sysctl::by_mib(&[libc::CTL_KERN, libc::KERN_PROC, libc::KERN_PROC_ALL, 0])
        .map_err(|e| Error::from_io(e, "sysctl KERN_PROC_ALL"))?;
    kinfo_proc::parse_all(&b)
}

/// psutil's `pids()`: the `KERN_PROC_ALL` records' pids, sorted; pid 0
/// (`kernel_task`), which the listing usually lacks, added when `KERN_PROC_PID` knows
/// it.
pub(crate) fn pids() -> Result<Vec<Pid>> {
    let mut v: Vec<Pid> = all()?
        .iter()
        .filter_map(|k| Pid::try_from(k.pid).ok())
        .collect();
    if !v.contains(&0) && matches!(super::handle::kinfo_of(0), Ok(Some(_))) {
        v.push(0);
    }
    v.sort_unstable();
    v.dedup();
    Ok(v)
}

/// Every pid with its start time (µs): the key stays the same while a cached
/// instance's process lives.
pub(crate) fn list_keyed(_scope: &IterScope) -> Result<Vec<(Pid, u64)>> {
    Ok(keyed(all()?.iter().map(|k| (k.pid, k.start_micros()))))
}

/// Whether the listing's key is the cached instance's start time.
pub(crate) fn same_key(p: &Process, key: u64) -> bool {
    p.imp.start == Some(key)
}

/// Every `(pid, ppid)` of one listing, for `children()` (psutil calls `ppid()` for
/// each pid; one `KERN_PROC_ALL` gives the same values).
pub(crate) fn ppid_map(_p: &Process) -> Result<Vec<(Pid, Pid)>> {
    Ok(parents(all()?.iter().map(|k| (k.pid, k.ppid))))
}
