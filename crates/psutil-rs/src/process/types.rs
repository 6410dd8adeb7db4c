//! The structs and enums returned by [`Process`](super::Process) methods, psutil's
//! namedtuples with their fields in psutil's order.

use std::fmt;

pub use crate::parse::pid_smaps::SmapsCounters;

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
#[non_exhaustive]
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
#[non_exhaustive]
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
#[non_exhaustive]
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
#[non_exhaustive]
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
#[non_exhaustive]
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
#[non_exhaustive]
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
#[non_exhaustive]
pub struct ProcessThread {
    /// The thread id.
    pub id: u32,
    /// `utime` in seconds.
    pub user_time: f64,
    /// `stime` in seconds.
    pub system_time: f64,
}

/// [`MemoryInfo`] plus USS, PSS and swap, in bytes. psutil's `pfullmem`.
#[doc(alias = "pfullmem")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MemoryFullInfo {
    /// rss, vms, shared, text, lib, data, dirty: psutil's first fields, as
    /// [`Process::memory_info`](super::Process::memory_info) gives them (serialized
    /// inline, as psutil's namedtuple has them).
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub memory_info: MemoryInfo,
    /// Unique set size: the sum of the `Private_*` lines of `smaps_rollup` (or `smaps`),
    /// memory freed if the process exited now.
    pub uss: u64,
    /// Proportional set size: `Pss:`, shared pages divided among their sharers.
    pub pss: u64,
    /// `Swap:`: swapped-out memory.
    pub swap: u64,
}

/// One mapped region, or all regions of one path summed. psutil's `pmmap_grouped`.
/// From `/proc/<pid>/smaps`; sizes in bytes.
#[doc(alias = "pmmap_grouped")]
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MemoryMap {
    /// The mapped file, a pseudo-path such as `[heap]`, or `[anon]`.
    pub path: std::path::PathBuf,
    /// `Rss:`, `Size:`, `Pss:` ... `Swap:`, psutil's fields after the path (serialized
    /// inline, as psutil's namedtuple has them).
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub counters: SmapsCounters,
}

/// One mapped region with its address and permissions. psutil's `pmmap_ext`.
#[doc(alias = "pmmap_ext")]
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MemoryMapExt {
    /// `start-end`, hex.
    pub addr: String,
    /// Permissions, such as `r-xp`.
    pub perms: String,
    /// The mapped file, a pseudo-path such as `[heap]`, or `[anon]`.
    pub path: std::path::PathBuf,
    /// `Rss:`, `Size:`, `Pss:` ... `Swap:`, psutil's fields after the path (serialized
    /// inline, as psutil's namedtuple has them).
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub counters: SmapsCounters,
}

/// An open regular file. psutil's `popenfile`.
#[doc(alias = "popenfile")]
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct OpenFile {
    /// The file, from the `/proc/<pid>/fd/<fd>` link.
    pub path: std::path::PathBuf,
    /// The descriptor number.
    pub fd: u32,
    /// The file offset: `pos:` of `/proc/<pid>/fdinfo/<fd>`.
    pub position: u64,
    /// `r`, `w`, `a`, `r+` or `a+`, from the access mode and `O_APPEND` of `flags`.
    pub mode: String,
    /// The open flags: `flags:` of `fdinfo` (octal in the file).
    pub flags: u32,
}

/// An I/O scheduling class, psutil's `IOPriority` (`IOPRIO_CLASS_*`). Serializes as the
/// kernel's number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IoClass {
    /// `IOPRIO_CLASS_NONE` (0): no class set; the kernel derives one from the nice value.
    None = 0,
    /// `IOPRIO_CLASS_RT` (1): real time.
    Realtime = 1,
    /// `IOPRIO_CLASS_BE` (2): best effort.
    BestEffort = 2,
    /// `IOPRIO_CLASS_IDLE` (3): only when the disk is otherwise idle.
    Idle = 3,
}

impl IoClass {
    /// The class with this kernel number.
    pub fn from_raw(n: u32) -> Option<IoClass> {
        match n {
            0 => Some(IoClass::None),
            1 => Some(IoClass::Realtime),
            2 => Some(IoClass::BestEffort),
            3 => Some(IoClass::Idle),
            _ => None,
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for IoClass {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_u32(*self as u32)
    }
}

/// I/O priority of a process. psutil's `pionice`.
#[doc(alias = "pionice")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct IoNice {
    /// The scheduling class.
    pub ioclass: IoClass,
    /// The priority within the class, 0 (highest) to 7.
    pub value: u32,
}

impl IoNice {
    /// The priority `value` (0 highest to 7) within `ioclass`.
    pub fn new(ioclass: IoClass, value: u32) -> IoNice {
        IoNice { ioclass, value }
    }
}

/// `RLIM_INFINITY`: no limit, in the `(soft, hard)` pairs of
/// [`Process::rlimit`](super::Process::rlimit).
pub const RLIM_INFINITY: u64 = u64::MAX;

/// A resource limited by `setrlimit(2)`, psutil's `RLIMIT_*` constants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RlimitResource {
    /// `RLIMIT_CPU`: CPU time in seconds.
    Cpu,
    /// `RLIMIT_FSIZE`: largest file the process may create, bytes.
    Fsize,
    /// `RLIMIT_DATA`: data segment size, bytes.
    Data,
    /// `RLIMIT_STACK`: main thread stack size, bytes.
    Stack,
    /// `RLIMIT_CORE`: core dump size, bytes.
    Core,
    /// `RLIMIT_RSS`: resident set size (ignored by Linux since 2.6).
    Rss,
    /// `RLIMIT_NPROC`: processes/threads of the real user.
    Nproc,
    /// `RLIMIT_NOFILE`: one more than the highest file descriptor.
    Nofile,
    /// `RLIMIT_MEMLOCK`: locked memory, bytes.
    Memlock,
    /// `RLIMIT_AS`: address space size, bytes.
    As,
    /// `RLIMIT_LOCKS`: file locks (ignored since Linux 2.4.25).
    Locks,
    /// `RLIMIT_SIGPENDING`: queued signals of the real user.
    Sigpending,
    /// `RLIMIT_MSGQUEUE`: POSIX message queue bytes of the real user.
    Msgqueue,
    /// `RLIMIT_NICE`: ceiling of the nice value, as 20 - nice.
    Nice,
    /// `RLIMIT_RTPRIO`: ceiling of the real-time priority.
    Rtprio,
    /// `RLIMIT_RTTIME`: real-time CPU time without blocking, microseconds.
    Rttime,
}

impl RlimitResource {
    /// Every resource, in the kernel's numbering order.
    pub const ALL: [RlimitResource; 16] = [
        RlimitResource::Cpu,
        RlimitResource::Fsize,
        RlimitResource::Data,
        RlimitResource::Stack,
        RlimitResource::Core,
        RlimitResource::Rss,
        RlimitResource::Nproc,
        RlimitResource::Nofile,
        RlimitResource::Memlock,
        RlimitResource::As,
        RlimitResource::Locks,
        RlimitResource::Sigpending,
        RlimitResource::Msgqueue,
        RlimitResource::Nice,
        RlimitResource::Rtprio,
        RlimitResource::Rttime,
    ];

    /// The kernel's `RLIMIT_*` number.
    pub fn as_raw(self) -> i32 {
        match self {
            RlimitResource::Cpu => libc::RLIMIT_CPU as i32,
            RlimitResource::Fsize => libc::RLIMIT_FSIZE as i32,
            RlimitResource::Data => libc::RLIMIT_DATA as i32,
            RlimitResource::Stack => libc::RLIMIT_STACK as i32,
            RlimitResource::Core => libc::RLIMIT_CORE as i32,
            RlimitResource::Rss => libc::RLIMIT_RSS as i32,
            RlimitResource::Nproc => libc::RLIMIT_NPROC as i32,
            RlimitResource::Nofile => libc::RLIMIT_NOFILE as i32,
            RlimitResource::Memlock => libc::RLIMIT_MEMLOCK as i32,
            RlimitResource::As => libc::RLIMIT_AS as i32,
            RlimitResource::Locks => libc::RLIMIT_LOCKS as i32,
            RlimitResource::Sigpending => libc::RLIMIT_SIGPENDING as i32,
            RlimitResource::Msgqueue => libc::RLIMIT_MSGQUEUE as i32,
            RlimitResource::Nice => libc::RLIMIT_NICE as i32,
            RlimitResource::Rtprio => libc::RLIMIT_RTPRIO as i32,
            RlimitResource::Rttime => libc::RLIMIT_RTTIME as i32,
        }
    }

    /// The resource with this `RLIMIT_*` number.
    pub fn from_raw(n: i32) -> Option<RlimitResource> {
        RlimitResource::ALL.into_iter().find(|r| r.as_raw() == n)
    }
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
