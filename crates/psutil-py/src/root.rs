//! Turns the Python package's `PROCFS_PATH` into a [`Root`].

use std::sync::{Arc, OnceLock};

use psutil_rs::os::linux::Root;

/// The host's root, built once: every call with `PROCFS_PATH` = `/proc` shares it
/// (building one allocates its five paths).
pub(crate) fn host() -> &'static Arc<Root> {
    static HOST: OnceLock<Arc<Root>> = OnceLock::new();
    HOST.get_or_init(|| Arc::new(Root::host()))
}

/// The root for one call: the host's when `procfs` is `/proc`, else psutil's
/// `PROCFS_PATH` semantics (only /proc moves).
pub(crate) fn root(procfs: &str) -> Arc<Root> {
    let host = host();
    if host.procfs().as_os_str() == procfs {
        Arc::clone(host)
    } else {
        Arc::new(Root::with_procfs(procfs))
    }
}

/// The root for the functions psutil reads from the host's `/sys` and `/run` whatever
/// `PROCFS_PATH` is (sensors, users): the host's, or — for the package's private test
/// hook `psutil_rs._pslinux._FAKE_ROOT` — a tree holding `sys/` and `run/` directories.
pub(crate) fn tree(dir: Option<&str>) -> Arc<Root> {
    match dir {
        Some(d) => Arc::new(Root::under(d)),
        None => Arc::clone(host()),
    }
}
