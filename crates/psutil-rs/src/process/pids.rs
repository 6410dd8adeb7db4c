//! `pids()` and `pid_exists()`.

use crate::error::{Pid, Result};
use crate::sys;

/// The pids of all processes, sorted. psutil's `pids()`. Linux: the numeric entries of
/// `/proc` (thread ids are not listed: the kernel hides them from `/proc`'s listing).
///
/// Windows: `EnumProcesses`.
pub fn pids() -> Result<Vec<Pid>> {
    sys::process::pids()
}

/// Whether a process with this pid exists. psutil's `pid_exists()`: `kill(pid, 0)`
/// (ESRCH means no, EPERM means yes), then the `Tgid:` of `/proc/<pid>/status` must equal
/// `pid`, so a thread id is **not** a process. Pid 0 is false on Linux.
///
/// Windows: `OpenProcess` + `GetExitCodeProcess`, else membership in `EnumProcesses`.
pub fn pid_exists(pid: Pid) -> Result<bool> {
    sys::process::pid_exists(pid)
}
