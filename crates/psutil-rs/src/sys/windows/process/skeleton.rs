//! Placeholders of the process contract (the skeleton; replaced by the real calls).

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

use indexmap::IndexMap;

use super::types::*;
use crate::error::{Error, Pid, Result};
use crate::process::Process;
use crate::ConnectionKind;

fn todo<T>(what: &str) -> Result<T> {
    Err(Error::unsupported(format!(
        "{what} on Windows (not implemented yet)"
    )))
}

/// The platform part of a [`Process`]: its creation stamp.
#[derive(Debug, Clone, Default)]
pub(crate) struct Handle {
    /// The creation time, FILETIME ticks.
    pub create_stamp: Option<u64>,
}

impl Handle {
    pub(crate) fn start_stamp(&self) -> Option<u64> {
        self.create_stamp
    }
}

/// What `oneshot` caches.
#[derive(Debug, Default)]
pub(crate) struct OneshotCache;

impl OneshotCache {
    pub(crate) fn clear(&mut self) {}
}

/// What `process_iter`'s cache belongs to: the one system.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct IterScope;

pub(crate) fn open(pid: Pid) -> Result<Process> {
    Ok(Process::from_handle(pid, Handle::default()))
}
pub(crate) fn open_like(_p: &Process, pid: Pid) -> Result<Process> {
    open(pid)
}
pub(crate) fn open_child(pid: Pid) -> Result<Process> {
    open(pid)
}
pub(crate) fn iter_scope() -> IterScope {
    IterScope
}
pub(crate) fn list_keyed(_scope: &IterScope) -> Result<Vec<(Pid, u64)>> {
    todo("process_iter")
}
pub(crate) fn same_key(_p: &Process, _key: u64) -> bool {
    false
}
pub(crate) fn open_in(_scope: &IterScope, pid: Pid) -> Result<Process> {
    open(pid)
}
pub(crate) fn is_running(_p: &Process) -> bool {
    false
}
pub(crate) fn check_not_reused(_p: &Process) -> Result<()> {
    Ok(())
}
pub(crate) fn pid_taken(_p: &Process) -> bool {
    false
}
pub(crate) fn ppid_map(_p: &Process) -> Result<Vec<(Pid, Pid)>> {
    todo("children")
}
pub(crate) fn pids() -> Result<Vec<Pid>> {
    todo("pids")
}
pub(crate) fn pid_exists(_pid: Pid) -> Result<bool> {
    todo("pid_exists")
}
pub(crate) fn local_time(_secs: i64) -> Option<(i32, u32, u32, u32, u32, u32)> {
    None
}
pub(crate) fn wait_any(_alive: &[&Process], _remaining: Option<Duration>) -> Result<()> {
    todo("wait_procs")
}

pub(crate) fn ppid(_p: &Process) -> Result<Pid> {
    todo("ppid")
}
pub(crate) fn name(_p: &Process) -> Result<OsString> {
    todo("name")
}
pub(crate) fn status(_p: &Process) -> Result<Status> {
    todo("status")
}
pub(crate) fn create_time(_p: &Process) -> Result<f64> {
    todo("create_time")
}
pub(crate) fn cpu_times(_p: &Process) -> Result<ProcessCpuTimes> {
    todo("cpu_times")
}
pub(crate) fn num_threads(_p: &Process) -> Result<u64> {
    todo("num_threads")
}
pub(crate) fn nice(_p: &Process) -> Result<i32> {
    todo("nice")
}
pub(crate) fn num_ctx_switches(_p: &Process) -> Result<CtxSwitches> {
    todo("num_ctx_switches")
}
pub(crate) fn username(_p: &Process) -> Result<String> {
    todo("username")
}
pub(crate) fn memory_info(_p: &Process) -> Result<MemoryInfo> {
    todo("memory_info")
}
pub(crate) fn cmdline(_p: &Process) -> Result<Vec<OsString>> {
    todo("cmdline")
}
pub(crate) fn environ(_p: &Process) -> Result<IndexMap<OsString, OsString>> {
    todo("environ")
}
pub(crate) fn exe(_p: &Process) -> Result<PathBuf> {
    todo("exe")
}
pub(crate) fn cwd(_p: &Process) -> Result<PathBuf> {
    todo("cwd")
}
pub(crate) fn threads(_p: &Process) -> Result<Vec<ProcessThread>> {
    todo("threads")
}
pub(crate) fn memory_full_info(_p: &Process) -> Result<MemoryFullInfo> {
    todo("memory_full_info")
}
pub(crate) fn memory_percent(_p: &Process, _memtype: &str) -> Result<f64> {
    todo("memory_percent")
}
pub(crate) fn open_files(_p: &Process) -> Result<Vec<OpenFile>> {
    todo("open_files")
}
pub(crate) fn net_connections(
    _p: &Process,
    _kind: ConnectionKind,
) -> Result<Vec<ProcessConnection>> {
    todo("net_connections")
}
pub(crate) fn send_signal(_p: &Process, _sig: i32) -> Result<()> {
    todo("send_signal")
}
pub(crate) fn suspend(_p: &Process) -> Result<()> {
    todo("suspend")
}
pub(crate) fn resume(_p: &Process) -> Result<()> {
    todo("resume")
}
pub(crate) fn terminate(_p: &Process) -> Result<()> {
    todo("terminate")
}
pub(crate) fn kill(_p: &Process) -> Result<()> {
    todo("kill")
}
pub(crate) fn set_nice(_p: &Process, _value: i32) -> Result<()> {
    todo("set_nice")
}
pub(crate) fn wait(_p: &Process, _timeout: Option<Duration>) -> Result<Option<i32>> {
    todo("wait")
}
pub(crate) fn num_handles(_p: &Process) -> Result<u32> {
    todo("num_handles")
}
pub(crate) fn io_counters(_p: &Process) -> Result<ProcessIoCounters> {
    todo("io_counters")
}
pub(crate) fn cpu_affinity(_p: &Process) -> Result<Vec<u32>> {
    todo("cpu_affinity")
}
pub(crate) fn set_cpu_affinity(_p: &Process, _cpus: &[u32]) -> Result<()> {
    todo("cpu_affinity")
}
pub(crate) fn ionice(_p: &Process) -> Result<IoPriority> {
    todo("ionice")
}
pub(crate) fn set_ionice(_p: &Process, _prio: IoPriority) -> Result<()> {
    todo("ionice")
}
pub(crate) fn memory_maps(_p: &Process) -> Result<Vec<MemoryMap>> {
    todo("memory_maps")
}
pub(crate) fn memory_maps_ungrouped(_p: &Process) -> Result<Vec<MemoryMapExt>> {
    todo("memory_maps")
}

pub(crate) const MSG_REUSED: &str = "process no longer exists and its PID has been reused";
