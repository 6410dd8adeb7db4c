//! The pid listings: `pids()` (`EnumProcesses`), `pid_exists()`, `process_iter`'s keyed
//! listing and the `{pid: ppid}` map of `children()` (both from one
//! `SystemProcessInformation` snapshot).

use windows_sys::Win32::System::Threading::PROCESS_QUERY_LIMITED_INFORMATION;

use super::snapshot;
use super::win::{self, Failure};
use crate::error::{Error, Pid, Result};
use crate::process::Process;
use crate::sys::one_system::{keyed, parents, IterScope};

/// psutil's `pids()`: `EnumProcesses`, sorted.
pub(crate) fn pids() -> Result<Vec<Pid>> {
    let mut v = win::enum_processes().map_err(|c| Error::Io {
        path: Some("EnumProcesses".into()),
        source: std::io::Error::from_raw_os_error(c as i32),
    })?;
    v.sort_unstable();
    v.dedup();
    Ok(v)
}

/// psutil's `pid_exists()`: pid 0 exists; otherwise `OpenProcess` +
/// `GetExitCodeProcess` (`STILL_ACTIVE`), and when the open fails for another reason
/// than "no such pid", membership in `EnumProcesses`.
pub(crate) fn pid_exists(pid: Pid) -> Result<bool> {
    if pid == 0 {
        return Ok(true);
    }
    Ok(
        match win::open_process(pid, PROCESS_QUERY_LIMITED_INFORMATION) {
            Ok(h) => !win::has_exited(&h) || win::listed(pid),
            Err(Failure::Gone) => false,
            Err(_) => win::listed(pid),
        },
    )
}

/// Every pid with its creation time (FILETIME ticks) from one snapshot: the key stays
/// the same while a cached instance's process lives.
pub(crate) fn list_keyed(_scope: &IterScope) -> Result<Vec<(Pid, u64)>> {
    Ok(keyed(
        snapshot::all()?.into_iter().map(|r| (r.pid, r.create_time)),
    ))
}

/// Whether the listing's key is the cached instance's creation time.
pub(crate) fn same_key(p: &Process, key: u64) -> bool {
    p.imp.create_stamp == Some(key)
}

/// Every `(pid, ppid)` of one snapshot, for `children()` (psutil reads the same
/// parent ids from a Toolhelp snapshot).
pub(crate) fn ppid_map(_p: &Process) -> Result<Vec<(Pid, Pid)>> {
    Ok(parents(
        snapshot::all()?.into_iter().map(|r| (r.pid, r.ppid)),
    ))
}
