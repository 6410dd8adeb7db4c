//! The Windows-only public system items (see ../ext/mod.rs): the services.

/// Items of `psutil_rs::os::windows`.
pub mod windows {
    pub use crate::sys::imp::services::{
        win_service_get, win_service_iter, WindowsService, WindowsServiceInfo,
    };
}

/// Items re-exported at the crate root on Windows (psutil's `psutil.win_service_iter`,
/// ...).
pub mod exports {
    pub use super::windows::*;
}
