//! Windows' platform-only public surface: what `psutil_rs::os::windows` and the crate
//! root's platform-only re-exports hold on Windows. The system-wide items are listed in
//! system.rs, the process ones in process.rs.

mod process;
mod system;

/// `psutil_rs::os::windows`.
pub mod windows {
    pub use super::process::windows::*;
    #[allow(unused_imports)]
    pub use super::system::windows::*;
}

/// Re-exported at the crate root on Windows.
pub mod exports {
    pub use super::process::exports::*;
    #[allow(unused_imports)]
    pub use super::system::exports::*;
}
