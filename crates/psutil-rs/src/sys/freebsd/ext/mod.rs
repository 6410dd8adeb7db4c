//! FreeBSD's platform-only public surface: what `psutil_rs::os::freebsd` and the crate
//! root's platform-only re-exports hold on FreeBSD (`psutil_rs::os::unix` is the same
//! on every POSIX platform: `sys/unix/process.rs`). The system-wide items are listed in
//! system.rs, the process ones in process.rs.

mod process;
mod system;

/// `psutil_rs::os::freebsd`.
pub mod freebsd {
    pub use super::process::freebsd::*;
    pub use super::system::freebsd::*;
}

/// Re-exported at the crate root on FreeBSD.
pub mod exports {
    pub use super::process::exports::*;
    pub use super::system::exports::*;
}
