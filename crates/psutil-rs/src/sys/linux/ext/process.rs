//! The Linux-only public process items (see ../ext/mod.rs).

/// Items of `psutil_rs::os::linux`.
pub mod linux {}

/// Items re-exported at the crate root on Linux.
pub mod exports {}

/// Items of `psutil_rs::os::unix` (POSIX-only process methods).
pub mod unix {}
