//! `process_iter`'s and `children`'s listing helpers of the backends that list one
//! system from one snapshot (Windows, macOS, FreeBSD; Linux lists a `Root`'s `/proc`).

use crate::error::{Pid, Result};
use crate::process::Process;

/// What `process_iter`'s cache belongs to: the one system.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct IterScope;

pub(crate) fn iter_scope() -> IterScope {
    IterScope
}

pub(crate) fn open_in(_scope: &IterScope, pid: Pid) -> Result<Process> {
    crate::sys::process::open(pid)
}

/// `list_keyed`'s result from one snapshot's `(pid, key)` pairs: sorted by pid, one
/// pair per pid, pids that are not a [`Pid`] left out.
pub(crate) fn keyed<T>(snapshot: impl IntoIterator<Item = (T, u64)>) -> Vec<(Pid, u64)>
where
    Pid: TryFrom<T>,
{
    let mut v: Vec<(Pid, u64)> = snapshot
        .into_iter()
        .filter_map(|(pid, key)| Some((Pid::try_from(pid).ok()?, key)))
        .collect();
    v.sort_unstable();
    v.dedup_by_key(|(pid, _)| *pid);
    v
}

/// `ppid_map`'s result from one snapshot's `(pid, ppid)` pairs: those that are both a
/// [`Pid`], without the processes that are their own parent.
pub(crate) fn parents<T>(snapshot: impl IntoIterator<Item = (T, T)>) -> Vec<(Pid, Pid)>
where
    Pid: TryFrom<T>,
{
    snapshot
        .into_iter()
        .filter_map(|(pid, ppid)| Some((Pid::try_from(pid).ok()?, Pid::try_from(ppid).ok()?)))
        .filter(|&(pid, ppid)| pid != ppid)
        .collect()
}
