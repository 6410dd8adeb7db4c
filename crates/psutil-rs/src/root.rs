//! The crate-internal path `crate::root::Root` for the process code, which still names
//! it so until it moves into the backend. `Root` (psutil's `PROCFS_PATH`) is Linux-only
//! and lives in `sys/linux/root.rs`; the public path is `psutil_rs::os::linux::Root`
//! (and `psutil_rs::Root` on Linux).

pub(crate) use crate::sys::root::Root;
