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

/// CPU times of one process, in seconds. psutil's `pcputimes`. From fields 14-17 and 42
/// of `/proc/<pid>/stat`, divided by `sysconf(_SC_CLK_TCK)`.
#[doc(alias = "pcputimes")]
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ProcessCpuTimes {
    /// `utime`: time in user mode.
    pub user: f64,
    /// `stime`: time in kernel mode.
    pub system: f64,
    /// `cutime`: user time of waited-for children.
    pub children_user: f64,
    /// `cstime`: kernel time of waited-for children.
    pub children_system: f64,
    /// `delayacct_blkio_ticks`: time spent waiting for block I/O (since Linux 2.6.18;
    /// 0 when the field is absent).
    pub iowait: f64,
}

/// Memory of one process, in bytes. psutil's `pmem`. From `/proc/<pid>/statm` (pages ×
/// `sysconf(_SC_PAGESIZE)`).
#[doc(alias = "pmem")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MemoryInfo {
    /// `resident`: resident set size (what `ps` calls RSS).
    pub rss: u64,
    /// `size`: virtual memory size (what `ps` calls VSZ).
    pub vms: u64,
    /// `shared`: resident file-backed and shared memory.
    pub shared: u64,
    /// `text`: code.
    pub text: u64,
    /// `lib`: always 0 since Linux 2.6.
    pub lib: u64,
    /// `data`: data + stack.
    pub data: u64,
    /// `dt`: dirty pages, always 0 since Linux 2.6.
    pub dirty: u64,
}

/// User ids of a process. psutil's `puids`. From the `Uid:` line of `/proc/<pid>/status`.
#[doc(alias = "puids")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Uids {
    /// Real uid.
    pub real: u32,
    /// Effective uid.
    pub effective: u32,
    /// Saved set-user-id.
    pub saved: u32,
}

/// Group ids of a process. psutil's `pgids`. From the `Gid:` line of `/proc/<pid>/status`.
#[doc(alias = "pgids")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Gids {
    /// Real gid.
    pub real: u32,
    /// Effective gid.
    pub effective: u32,
    /// Saved set-group-id.
    pub saved: u32,
}

/// Context switches of a process. psutil's `pctxsw`. From `/proc/<pid>/status`.
#[doc(alias = "pctxsw")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CtxSwitches {
    /// `voluntary_ctxt_switches`.
    pub voluntary: u64,
    /// `nonvoluntary_ctxt_switches`.
    pub involuntary: u64,
}

/// I/O counters of a process. psutil's `pio`. From `/proc/<pid>/io`.
#[doc(alias = "pio")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ProcessIoCounters {
    /// `syscr`: read syscalls.
    pub read_count: u64,
    /// `syscw`: write syscalls.
    pub write_count: u64,
    /// `read_bytes`: bytes fetched from storage.
    pub read_bytes: u64,
    /// `write_bytes`: bytes sent to storage.
    pub write_bytes: u64,
    /// `rchar`: bytes read by read-like syscalls (since psutil 5.2).
    pub read_chars: u64,
    /// `wchar`: bytes written by write-like syscalls.
    pub write_chars: u64,
}

/// One thread of a process. psutil's `pthread`. From `/proc/<pid>/task/<tid>/stat`.
#[doc(alias = "pthread")]
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ProcessThread {
    /// The thread id.
    pub id: u32,
    /// `utime` in seconds.
    pub user_time: f64,
    /// `stime` in seconds.
    pub system_time: f64,
}
