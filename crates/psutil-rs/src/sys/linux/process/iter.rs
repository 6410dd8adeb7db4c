//! What [`process_iter`](crate::process_iter) needs from Linux: the listing of `/proc`
//! with each pid's key (the inode of its `/proc/<pid>` directory), and handles opened
//! under the root the listing was made for.

use std::os::fd::AsFd;
use std::sync::Arc;

use crate::error::{Error, Pid, Result};
use crate::process::Process;
use crate::sys;
use crate::sys::root::Root;

/// What a `process_iter` cache belongs to: the current root (psutil's `PROCFS_PATH`).
pub(crate) type IterScope = Arc<Root>;

/// The scope of the next `process_iter`: [`Root::current`].
pub(crate) fn iter_scope() -> IterScope {
    Root::current()
}

/// Every pid with its key: the `/proc` listing (`getdents64(2)`), each numeric entry
/// with its inode number.
pub(crate) fn list_keyed(scope: &IterScope) -> Result<Vec<(Pid, u64)>> {
    let procfs = scope.procfs();
    let proc = sys::proc_reader::open_proc(procfs).map_err(|e| Error::from_io(e, procfs))?;
    sys::proc_reader::list_pids_ino(proc.as_fd()).map_err(|e| Error::from_io(e, procfs))
}

/// Whether `p` still is the process listed with `key`: it holds its `/proc/<pid>`
/// directory open and that directory has inode `key` (`fstat(2)`). False leaves the
/// question to [`Process::is_running`]. The directory's owner, which the same
/// `fstat` gives, is kept for the table record read next
/// ([`ProcessInfo::dir_owner`](crate::ProcessInfo::dir_owner)).
pub(crate) fn same_key(p: &Process, key: u64) -> bool {
    let Some(dir) = p.held_dir() else {
        return false;
    };
    match rustix::fs::fstat(dir) {
        Ok(st) if st.st_ino == key => {
            p.imp
                .dir_owner
                .store(u64::from(st.st_uid), std::sync::atomic::Ordering::Relaxed);
            true
        }
        _ => false,
    }
}

/// [`Process::new`] under `scope`.
pub(crate) fn open_in(scope: &IterScope, pid: Pid) -> Result<Process> {
    Process::open(scope.clone(), pid)
}
