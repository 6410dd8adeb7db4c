//! The structs and enums returned by [`Process`](super::Process) methods, psutil's
//! namedtuples with their fields in psutil's order.

use std::fmt;

/// A process status, psutil's `STATUS_*` constants. From the state letter, field 3 of
/// `/proc/<pid>/stat`. Serializes (and displays) as psutil's string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Status {
    /// `R`: "running".
    Running,
    /// `S`: "sleeping".
    Sleeping,
    /// `D`: "disk-sleep".
    DiskSleep,
    /// `T`: "stopped".
    Stopped,
    /// `t`: "tracing-stop".
    TracingStop,
    /// `Z`: "zombie".
    Zombie,
    /// `X` or `x`: "dead".
    Dead,
    /// `K`: "wake-kill".
    WakeKill,
    /// `W`: "waking".
    Waking,
    /// `I`: "idle".
    Idle,
    /// `P`: "parked".
    Parked,
    /// FreeBSD's `SLOCK` (blocked on a lock): "locked".
    Locked,
    /// FreeBSD's `SWAIT` (waiting for an interrupt): "waiting".
    Waiting,
    /// Any other letter: "?".
    Unknown,
}

impl Status {
    /// The status for a `/proc/<pid>/stat` state letter.
    pub fn from_letter(c: u8) -> Status {
        match c {
            b'R' => Status::Running,
            b'S' => Status::Sleeping,
            b'D' => Status::DiskSleep,
            b'T' => Status::Stopped,
            b't' => Status::TracingStop,
            b'Z' => Status::Zombie,
            b'X' | b'x' => Status::Dead,
            b'K' => Status::WakeKill,
            b'W' => Status::Waking,
            b'I' => Status::Idle,
            b'P' => Status::Parked,
            _ => Status::Unknown,
        }
    }

    /// psutil's string for this status (`psutil.STATUS_RUNNING == "running"` ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Running => "running",
            Status::Sleeping => "sleeping",
            Status::DiskSleep => "disk-sleep",
            Status::Stopped => "stopped",
            Status::TracingStop => "tracing-stop",
            Status::Zombie => "zombie",
            Status::Dead => "dead",
            Status::WakeKill => "wake-kill",
            Status::Waking => "waking",
            Status::Idle => "idle",
            Status::Parked => "parked",
            Status::Locked => "locked",
            Status::Waiting => "waiting",
            Status::Unknown => "?",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Status {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Context switches of a process. psutil's `pctxsw`. From `/proc/<pid>/status`.
#[doc(alias = "pctxsw")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CtxSwitches {
    /// `voluntary_ctxt_switches`.
    pub voluntary: u64,
    /// `nonvoluntary_ctxt_switches`.
    pub involuntary: u64,
}

/// One thread of a process. psutil's `pthread`. From `/proc/<pid>/task/<tid>/stat`.
#[doc(alias = "pthread")]
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ProcessThread {
    /// The thread id.
    pub id: u32,
    /// `utime` in seconds.
    pub user_time: f64,
    /// `stime` in seconds.
    pub system_time: f64,
}

/// One socket of a process. psutil's `pconn`: [`crate::Connection`] without the pid.
#[doc(alias = "pconn")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ProcessConnection {
    /// The file descriptor in this process.
    pub fd: i32,
    /// [`AddressFamily::Inet`](crate::AddressFamily::Inet), `Inet6` or `Unix`.
    pub family: crate::AddressFamily,
    /// [`SocketType::Stream`](crate::SocketType::Stream) (TCP), `Dgram` (UDP), or a Unix
    /// socket's type.
    pub r#type: crate::SocketType,
    /// Local address; for Unix sockets the bound path.
    pub laddr: crate::ConnAddr,
    /// Remote address ([`ConnAddr::None`](crate::ConnAddr::None) when not connected).
    pub raddr: crate::ConnAddr,
    /// TCP state, or [`ConnectionStatus::None`](crate::ConnectionStatus::None) for UDP and
    /// Unix sockets.
    pub status: crate::ConnectionStatus,
}
