//! Stand-ins for the Linux-only types the shared tool code names (`stat` extras, I/O
//! classes, delay accounting), for the platforms that have none of them (Windows, macOS,
//! FreeBSD): no value of them is ever made there.

use psutil_rs::{Error, Pid};

/// Stand-in for Linux's `ProcessStatExt` (never built on these platforms).
#[derive(Debug, Clone, Copy)]
pub struct StatExt {
    /// Process group.
    pub pgid: Option<Pid>,
    /// Session.
    pub session: Option<Pid>,
    /// Terminal's foreground group.
    pub tpgid: Option<Pid>,
    /// Kernel priority.
    pub priority: i64,
    /// Scheduling policy.
    pub sched_policy: Option<u32>,
    /// The kernel's process flags.
    pub flags: u64,
}

/// Stand-in for Linux's I/O scheduling class (never built on these platforms).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IoClass {
    /// No class set.
    None,
    /// Real time.
    Realtime,
    /// Best effort.
    BestEffort,
    /// Idle.
    Idle,
}

/// Stand-in for Linux's `IoNice` (never built on these platforms).
#[derive(Debug, Clone, Copy)]
pub struct IoNice {
    /// The class.
    pub ioclass: IoClass,
    /// The level within the class.
    pub value: u32,
}

impl IoNice {
    /// A value (tests only).
    #[cfg(test)]
    pub fn new(ioclass: IoClass, value: u32) -> IoNice {
        IoNice { ioclass, value }
    }
}

/// Stand-in for Linux's taskstats delays (never built on these platforms).
#[derive(Debug, Clone, Copy)]
pub struct Delays {
    /// Nanoseconds waited for swap-in.
    pub swapin_delay_total: u64,
}

pub(super) fn linux_only(what: &str) -> Error {
    Error::Unsupported {
        what: format!("{what} (Linux only)"),
    }
}

/// A value as JSON, or the error reading it.
pub(super) fn to<T: serde::Serialize>(r: Result<T, Error>) -> Result<serde_json::Value, Error> {
    r.map(|v| serde_json::to_value(v).unwrap_or(serde_json::Value::Null))
}

/// The overview's container section: cgroups exist on Linux only.
pub fn container_overview() -> Option<(serde_json::Value, String)> {
    None
}
