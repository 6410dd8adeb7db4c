//! The POSIX-only public process items on macOS (see ../ext/mod.rs).

/// Items re-exported at the crate root on macOS (psutil's `puids`, `pgids`).
pub mod exports {
    pub use crate::sys::unix::process::{Gids, Uids};
}
