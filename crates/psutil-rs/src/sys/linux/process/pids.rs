//! `pids()` and `pid_exists()` on Linux, for the current root or any [`Root`].

use crate::error::{Error, Pid, Result};
use crate::parse::pid_status;
use crate::sys;
use crate::sys::root::Root;

impl Root {
    /// [`pids`](crate::pids) read from this root.
    pub fn pids(&self) -> Result<Vec<Pid>> {
        let mut out: Vec<Pid> = Vec::new();
        sys::fs::for_each_name(self.procfs(), |n| {
            if n.iter().all(u8::is_ascii_digit) {
                out.extend(
                    std::str::from_utf8(n)
                        .ok()
                        .and_then(|s| s.parse::<Pid>().ok()),
                );
            }
        })?;
        out.sort_unstable();
        Ok(out)
    }

    /// [`pid_exists`](crate::pid_exists) read from this root. `kill(pid, 0)` is only used when the root is
    /// the host's.
    pub fn pid_exists(&self, pid: Pid) -> Result<bool> {
        if pid == 0 || i32::try_from(pid).is_err() {
            return Ok(false);
        }
        if self.is_host() {
            match sys::process::calls::kill(pid, 0) {
                Ok(()) => {}
                Err(e) if e.raw_os_error() == Some(libc::ESRCH) => return Ok(false),
                Err(e) if e.raw_os_error() == Some(libc::EPERM) => {}
                Err(e) => return Err(Error::from_io(e, format!("kill({pid}, 0)"))),
            }
        }
        let path = self.proc_path(format!("{pid}/status"));
        // Only the Tgid line (the third) is needed: stop there.
        let tgid = |d: Vec<u8>| {
            pid_status::parse_until(&d, |st| st.tgid.is_some()).map_err(|e| e.at_path(&path))
        };
        match sys::fs::read(&path).and_then(tgid) {
            Ok(st) if st.tgid.is_some() => Ok(st.tgid == Some(pid)),
            // No Tgid line or an unreadable status: psutil's fallback, `pid in pids()`.
            _ => Ok(self.pids()?.binary_search(&pid).is_ok()),
        }
    }
}

/// [`pids`](crate::pids) of the current root.
pub(crate) fn pids() -> Result<Vec<Pid>> {
    Root::current().pids()
}

/// [`pid_exists`](crate::pid_exists) of the current root.
pub(crate) fn pid_exists(pid: Pid) -> Result<bool> {
    Root::current().pid_exists(pid)
}
