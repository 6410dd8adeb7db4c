//! What the backends with one system to read share (Windows, macOS, FreeBSD; Linux
//! reads a `Root`'s `/proc`): `process_iter`'s and `children`'s listing helpers, and
//! the one source of the CPU times.

use std::sync::Arc;

use crate::cpu::CpuTimes;
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

/// What a [`CpuSampler`](crate::CpuSampler) reads the CPU times from: the running
/// system, which has no other source to choose from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct CpuSource;

/// The source the free functions (`cpu_percent()` and friends) read.
pub(crate) fn current_cpu_source() -> Arc<CpuSource> {
    Arc::new(CpuSource)
}

impl CpuSource {
    /// [`cpu_times`](crate::cpu_times).
    pub(crate) fn cpu_times(&self) -> Result<CpuTimes> {
        crate::sys::cpu::cpu_times()
    }

    /// [`cpu_times_percpu`](crate::cpu_times_percpu).
    pub(crate) fn cpu_times_percpu(&self) -> Result<Vec<CpuTimes>> {
        crate::sys::cpu::cpu_times_percpu()
    }

    /// Both (the backend's `cpu_times_both`).
    pub(crate) fn cpu_times_both(&self) -> Result<(CpuTimes, Vec<CpuTimes>)> {
        crate::sys::cpu::cpu_times_both()
    }
}
