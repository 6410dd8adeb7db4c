//! The Windows-only public process items (see ../ext/mod.rs).

/// Items of `psutil_rs::os::windows`.
pub mod windows {
    pub use super::super::super::process::WindowsProcessExt as ProcessExt;
    pub use super::super::super::process::{IoPriority, NoValue};
    pub use crate::parse::windows::priority::{
        ABOVE_NORMAL_PRIORITY_CLASS, BELOW_NORMAL_PRIORITY_CLASS, HIGH_PRIORITY_CLASS,
        IDLE_PRIORITY_CLASS, IOPRIO_HIGH, IOPRIO_LOW, IOPRIO_NORMAL, IOPRIO_VERYLOW,
        NORMAL_PRIORITY_CLASS, REALTIME_PRIORITY_CLASS,
    };
}

/// Items re-exported at the crate root on Windows (psutil's flat namespace:
/// `psutil.HIGH_PRIORITY_CLASS`, `psutil.IOPRIO_LOW`, ...).
pub mod exports {
    pub use super::windows::{
        IoPriority, ABOVE_NORMAL_PRIORITY_CLASS, BELOW_NORMAL_PRIORITY_CLASS, HIGH_PRIORITY_CLASS,
        IDLE_PRIORITY_CLASS, IOPRIO_HIGH, IOPRIO_LOW, IOPRIO_NORMAL, IOPRIO_VERYLOW,
        NORMAL_PRIORITY_CLASS, REALTIME_PRIORITY_CLASS,
    };
}
