//! Turns the Python package's `PROCFS_PATH` into a [`Root`].

use psutil_rs::Root;

/// The root for one call: the host's when `procfs` is `/proc`, else psutil's
/// `PROCFS_PATH` semantics (only /proc moves).
pub(crate) fn root(procfs: &str) -> Root {
    let host = Root::host();
    if host.procfs().as_os_str() == procfs {
        host
    } else {
        Root::with_procfs(procfs)
    }
}
