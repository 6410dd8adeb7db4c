//! The FreeBSD-only public process items (see ../ext/mod.rs).

/// Items of `psutil_rs::os::freebsd`.
pub mod freebsd {
    pub use super::super::super::process::FreeBsdProcessExt as ProcessExt;
    pub use super::super::super::process::{NoValue, RlimitResource, RLIM_INFINITY};
}

/// Items re-exported at the crate root on FreeBSD (psutil's flat namespace:
/// `psutil.RLIMIT_*` as [`RlimitResource`](freebsd::RlimitResource),
/// `psutil.RLIM_INFINITY`).
pub mod exports {
    pub use super::freebsd::{RlimitResource, RLIM_INFINITY};
    pub use super::unix::{Gids, Uids};
}

/// Items of `psutil_rs::os::unix` (POSIX-only process methods).
pub mod unix {
    pub use super::super::super::process::UnixProcessExt as ProcessExt;
    pub use super::super::super::process::{Gids, Uids};
}
