//! What [`Process::parent`] and [`Process::children`] need from Linux: the parent of
//! every process, and a handle on another pid under the same root.

use std::sync::Arc;

use crate::error::{Error, Pid, Result};
use crate::parse::pid_stat;
use crate::process::Process;
use crate::sys;

/// The process `pid` read from the same root as `p`.
pub(crate) fn open_like(p: &Process, pid: Pid) -> Result<Process> {
    Process::open(Arc::clone(&p.imp.root), pid)
}

/// `(pid, ppid)` of every process, from every `/proc/<pid>/stat` (a process that
/// exits meanwhile is skipped). psutil's `ppid_map()`.
pub(crate) fn ppid_map(p: &Process) -> Result<Vec<(Pid, Pid)>> {
    let root = &p.imp.root;
    let mut out = Vec::new();
    for pid in root.pids()? {
        let path = root.proc_path(format!("{pid}/stat"));
        match sys::fs::read(&path) {
            Ok(d) => {
                if let Ok(st) = pid_stat::parse(&d) {
                    out.push((pid, st.ppid));
                }
            }
            Err(Error::NotFound { .. }) => {}
            Err(Error::Io { source, .. }) if source.raw_os_error() == Some(libc::ESRCH) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// psutil's `_raise_if_pid_reused` (see [`Process::check_not_reused`]).
pub(crate) fn check_not_reused(p: &Process) -> Result<()> {
    p.check_not_reused()
}
