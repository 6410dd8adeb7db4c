//! Reading each entry of `/proc/<pid>/fd` or `/proc/<pid>/task`, where entries vanish
//! while they are read (a descriptor closed, a thread exited): the one loop behind
//! [`Process::threads`], [`Process::open_files`] and [`Process::fds`].

use std::io;
use std::os::fd::BorrowedFd;

use super::errors::is_gone_errno;
use crate::error::{Error, Result};
use crate::process::Process;

/// Why reading one entry failed.
pub(super) enum EntryError {
    /// Reading the file `/proc/<pid>/<.1>` failed; ENOENT or ESRCH mean the entry
    /// vanished.
    Io(io::Error, String),
    /// Any other error (a parse error), returned as it is.
    Other(Error),
}

impl From<Error> for EntryError {
    fn from(e: Error) -> EntryError {
        EntryError::Other(e)
    }
}

impl Process {
    /// Reads the entries `ids` of `/proc/<pid>/<dir>` (`fd`, `task`) in that order,
    /// each with `read`, through this process's directory handle: `Ok(Some(v))` keeps
    /// `v`, `Ok(None)` skips the entry. An entry whose read fails with ENOENT or ESRCH
    /// vanished meanwhile and is skipped; when one did and this process's own `stat`
    /// cannot be read either, the process is gone: [`Error::NoSuchProcess`].
    pub(super) fn read_entries<T>(
        &self,
        dir: &str,
        ids: impl IntoIterator<Item = u32>,
        mut read: impl FnMut(BorrowedFd<'_>, u32) -> std::result::Result<Option<T>, EntryError>,
    ) -> Result<Vec<T>> {
        let handle = self.dir().map_err(|e| self.map_err(e, dir))?;
        let mut out = Vec::new();
        let mut any_vanished = false;
        for id in ids {
            match read(handle.as_fd(), id) {
                Ok(Some(v)) => out.push(v),
                Ok(None) => {}
                Err(EntryError::Io(e, _)) if is_gone_errno(&e) => any_vanished = true,
                Err(EntryError::Io(e, name)) => return Err(self.map_err(e, &name)),
                Err(EntryError::Other(e)) => return Err(e),
            }
        }
        if any_vanished && self.stat_raw().is_err() {
            return Err(self.no_such_process());
        }
        Ok(out)
    }

    /// The descriptor numbers of `/proc/<pid>/fd`, ascending.
    pub(super) fn fd_numbers(&self) -> Result<Vec<u32>> {
        let mut fds: Vec<u32> = self
            .list("fd")?
            .iter()
            .filter_map(|n| n.to_str()?.parse().ok())
            .collect();
        fds.sort_unstable();
        Ok(fds)
    }
}
