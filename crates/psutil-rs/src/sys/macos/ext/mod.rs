//! macOS's platform-only public surface: what `psutil_rs::os::macos` and the crate
//! root's platform-only re-exports hold on macOS. psutil has no macOS-only function or
//! method: the POSIX process methods (`uids`, `gids`, `terminal`, `num_fds`, in
//! `psutil_rs::os::unix`, the same on every POSIX platform: `sys/unix/process.rs`) are
//! the only additions.

mod process;

/// `psutil_rs::os::macos`: psutil has nothing macOS-only; this holds only the
/// placeholder type of the methods macOS lacks. The POSIX items are in `os::unix`.
pub mod macos {
    pub use super::super::process::NoValue;
}

/// Re-exported at the crate root on macOS.
pub mod exports {
    pub use super::process::exports::*;
}
