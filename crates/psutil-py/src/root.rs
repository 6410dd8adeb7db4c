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

/// The root for the functions psutil reads from the host's `/sys` and `/run` whatever
/// `PROCFS_PATH` is (sensors, users): the host's, or — for the package's private test
/// hook `psutil_rs._pslinux._FAKE_ROOT` — a tree holding `sys/` and `run/` directories.
pub(crate) fn tree(dir: Option<&str>) -> Root {
    match dir {
        Some(d) => Root::under(d),
        None => Root::host(),
    }
}
