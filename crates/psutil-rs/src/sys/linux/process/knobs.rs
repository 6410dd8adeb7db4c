//! The Linux-only scheduling knobs of a process: I/O priority classes and resource
//! limits (`psutil_rs::os::linux`, and the crate root on Linux).

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
/// [`Process::rlimit`](crate::os::linux::ProcessExt::rlimit).
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
