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
    pub use crate::sys::unix::process::{Gids, Uids};
}
