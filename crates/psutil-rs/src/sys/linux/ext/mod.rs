//! Linux's platform-only public surface: what `psutil_rs::os::linux` and the crate
//! root's platform-only re-exports hold on Linux (`psutil_rs::os::unix` is the same on
//! every POSIX platform: `sys/unix/process.rs`). The system-wide items are listed in
//! system.rs, the process ones in process.rs.

mod process;
mod system;

/// `psutil_rs::os::linux`.
pub mod linux {
    pub use super::process::linux::*;
    pub use super::system::linux::*;
}

/// Re-exported at the crate root on Linux.
pub mod exports {
    pub use super::process::exports::*;
    pub use super::system::exports::*;
}
