//! The POSIX-only public process items on macOS (see ../ext/mod.rs).

/// Items of `psutil_rs::os::unix` (POSIX-only process methods).
pub mod unix {
    pub use super::super::super::process::UnixProcessExt as ProcessExt;
    pub use super::super::super::process::{Gids, Uids};
}

/// Items re-exported at the crate root on macOS (psutil's `puids`, `pgids`).
pub mod exports {
    pub use super::unix::{Gids, Uids};
}
