//! The Windows-only public system items (see ../ext/mod.rs): the services
//! (`win_service_iter`, `win_service_get`, `WindowsService`) come with the system half.

/// Items of `psutil_rs::os::windows`.
pub mod windows {}

/// Items re-exported at the crate root on Windows.
pub mod exports {}
