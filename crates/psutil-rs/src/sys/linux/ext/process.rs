//! The Linux-only public process items (see ../ext/mod.rs).

/// Items of `psutil_rs::os::linux`.
pub mod linux {
    pub use super::super::super::process::ext::LinuxProcessExt as ProcessExt;
    pub use super::super::super::process::{
        FdType, IoClass, IoNice, ProcessFd, ProcessStatExt, RlimitResource, SmapsCounters,
        RLIM_INFINITY,
    };
    /// The delay-accounting counters that
    /// [`ProcessExt::delay_stats`](crate::os::linux::ProcessExt::delay_stats) returns
    /// (Linux only). The type is declared next to the parser of the `TASKSTATS`
    /// netlink reply that fills it ([`parse::taskstats`](crate::parse::taskstats)).
    pub use crate::parse::taskstats::TaskDelays;
}

/// Items re-exported at the crate root on Linux.
pub mod exports {
    pub use super::linux::{
        FdType, IoClass, IoNice, ProcessFd, ProcessStatExt, RlimitResource, SmapsCounters,
        TaskDelays, RLIM_INFINITY,
    };
    pub use crate::sys::unix::process::{Gids, Uids};
}
