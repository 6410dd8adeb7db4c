//! The Linux-only `Process` methods, as an extension trait in the shape of
//! `std::os::unix::fs::MetadataExt`: `psutil_rs::os::linux::ProcessExt` (what psutil has
//! on Linux but not on every platform, and this crate's Linux extras). Sealed: only
//! [`Process`] implements it. The POSIX ones (`psutil_rs::os::unix::ProcessExt`) are
//! in `sys/unix/process.rs`.

use std::path::PathBuf;

use super::extras::{ProcessFd, ProcessStatExt};
use super::knobs::{IoClass, IoNice, RlimitResource};
use super::types::{MemoryMap, MemoryMapExt, ProcessIoCounters};
use crate::error::Result;
use crate::parse::taskstats::TaskDelays;
use crate::process::Process;
use crate::sys::imp::cgroup::{Cgroup, CgroupMembership};
use crate::sys::sealed::Sealed;

/// The `Process` methods of Linux that psutil does not have on every platform (I/O
/// counters, CPU affinity, I/O priority, resource limits, CPU number, memory maps), and
/// this crate's Linux extras beyond psutil (the fields of `stat` psutil has no method
/// for, locked memory, every descriptor, the root directory, delay accounting).
/// `use psutil_rs::os::linux::ProcessExt as _;` to call them.
pub trait LinuxProcessExt: Sealed {
    /// True when this handle holds its `/proc/<pid>` directory open (see
    /// [`Process`]); false past the descriptor budget (half the soft `RLIMIT_NOFILE`),
    /// where each use opens it and checks the start time.
    fn holds_dir(&self) -> bool;

    /// True when signals and `wait` go through a pidfd (`pidfd_open(2)`, Linux ≥ 5.3,
    /// and a root that is the host), false when they fall back to
    /// `kill(2)`/`waitpid(2)`. Opens the pidfd if it is not open yet; false if the
    /// process is gone.
    fn uses_pidfd(&self) -> bool;

    /// The root (psutil's `PROCFS_PATH`) this process is read from.
    fn root(&self) -> &crate::Root;

    /// I/O counters from `/proc/<pid>/io` (AccessDenied for other users' processes
    /// unless privileged). psutil's `io_counters()`.
    fn io_counters(&self) -> Result<ProcessIoCounters>;

    /// The CPUs the process may run on, sorted: `sched_getaffinity(2)`. psutil's
    /// `cpu_affinity()`.
    fn cpu_affinity(&self) -> Result<Vec<u32>>;

    /// Restricts the process to `cpus` with `sched_setaffinity(2)`. An empty slice means
    /// every online CPU (`/sys/devices/system/cpu/online`); the kernel still intersects
    /// the set with the process's cpuset. (psutil 7.2.2 uses `Cpus_allowed_list` of
    /// `/proc/<pid>/status` when it is a single range, which is the current mask itself,
    /// so "reset" would not widen a restricted process; otherwise every CPU, as here.)
    /// A CPU that is not online is [`Error::InvalidArgument`](crate::Error::InvalidArgument) naming it, as is a set
    /// the kernel rejects (no CPU of it allowed). Checks identity first. psutil's
    /// `cpu_affinity(cpus)`.
    fn set_cpu_affinity(&self, cpus: &[u32]) -> Result<()>;

    /// The I/O scheduling class and priority: `ioprio_get(IOPRIO_WHO_PROCESS)`.
    /// psutil's `ionice()`.
    fn ionice(&self) -> Result<IoNice>;

    /// Sets the I/O class and priority with `ioprio_set(IOPRIO_WHO_PROCESS)`. `value`
    /// `None` means 0; a value with [`IoClass::Idle`] or [`IoClass::None`], or outside
    /// 0..=7, is [`Error::InvalidArgument`](crate::Error::InvalidArgument). Checks identity first. psutil's
    /// `ionice(ioclass, value)`.
    fn set_ionice(&self, ioclass: IoClass, value: Option<u32>) -> Result<()>;

    /// The `(soft, hard)` limit of `resource`, [`RLIM_INFINITY`](crate::os::linux::RLIM_INFINITY) for none:
    /// `prlimit(2)`. psutil's `rlimit(resource)`.
    fn rlimit(&self, resource: RlimitResource) -> Result<(u64, u64)>;

    /// Sets the `(soft, hard)` limit of `resource` with `prlimit(2)`. A soft limit above
    /// the hard one is [`Error::InvalidArgument`](crate::Error::InvalidArgument); raising the hard limit without
    /// privilege is [`Error::AccessDenied`](crate::Error::AccessDenied). Checks identity first. psutil's
    /// `rlimit(resource, limits)`.
    fn set_rlimit(&self, resource: RlimitResource, limits: (u64, u64)) -> Result<()>;

    /// The CPU the process last ran on: field 39 of `/proc/<pid>/stat`. psutil's
    /// `cpu_num()`.
    fn cpu_num(&self) -> Result<u32>;

    /// The mapped regions from `/proc/<pid>/smaps`, summed per path in order of first
    /// appearance. psutil's `memory_maps(grouped=True)`. Anonymous regions are
    /// `[anon]`; `" (deleted)"` is dropped when that path does not exist. A zombie gives
    /// [`Error::ZombieProcess`](crate::Error::ZombieProcess); kernel threads an empty list.
    fn memory_maps(&self) -> Result<Vec<MemoryMap>>;

    /// Every mapped region of `/proc/<pid>/smaps` with its address and permissions.
    /// psutil's `memory_maps(grouped=False)`.
    fn memory_maps_ungrouped(&self) -> Result<Vec<MemoryMapExt>>;

    /// Process group, session, terminal foreground group and scheduling fields of
    /// `/proc/<pid>/stat` (fields 5, 6, 8, 9, 18, 40, 41). An extension beyond psutil
    /// (ps's `s` and `+` STAT flags, top's `PR` column).
    fn stat_ext(&self) -> Result<ProcessStatExt>;

    /// Locked memory (`mlock(2)`) in bytes: the `VmLck` line of `/proc/<pid>/status`
    /// (KiB × 1024); 0 when the line is absent (kernel threads, zombies). An extension
    /// beyond psutil (ps's `L` STAT flag).
    fn locked_memory(&self) -> Result<u64>;

    /// Every open file descriptor, by number: the `/proc/<pid>/fd/<fd>` links with the
    /// open file's type (`stat(2)` through the link) and flags
    /// (`/proc/<pid>/fdinfo/<fd>`). Descriptors closed meanwhile are skipped. An
    /// extension beyond psutil (lsof's FD/TYPE/NAME rows).
    fn fds(&self) -> Result<Vec<ProcessFd>>;

    /// The root directory: the `/proc/<pid>/root` link (lsof's `rtd`); `/` unless the
    /// process is chrooted. An extension beyond psutil.
    fn root_dir(&self) -> Result<PathBuf>;

    /// Delay accounting of the whole process (all its threads, live and exited): the
    /// `TASKSTATS_CMD_GET` reply of the `TASKSTATS` generic netlink family (what
    /// iotop's SWAPIN and IO columns come from). Needs `CAP_NET_ADMIN`
    /// ([`Error::AccessDenied`](crate::Error::AccessDenied) otherwise), a kernel with
    /// taskstats, and the host's process table ([`Error::Unsupported`](crate::Error::Unsupported) under another
    /// root). The counters only grow while delay accounting is on
    /// (`/proc/sys/kernel/task_delayacct`), and never for a task forked while it was
    /// off. An extension beyond psutil.
    ///
    /// [`Error::Unsupported`](crate::Error::Unsupported): crate::Error::Unsupported
    fn delay_stats(&self) -> Result<TaskDelays>;

    /// The control groups the process belongs to: each line of `/proc/<pid>/cgroup`
    /// (v1 hierarchies and the v2 unified one) with the directory where that cgroup is
    /// mounted in the reader's mount namespace (`<procfs>/self/mountinfo`; `None` when
    /// not visible from here). Read through the process's handle, so a reused pid is
    /// [`Error::NoSuchProcess`](crate::Error::NoSuchProcess). An extension beyond
    /// psutil.
    fn cgroups(&self) -> Result<Vec<CgroupMembership>>;

    /// The process's cgroup limits, usage and pressure (see [`Cgroup`]): the files of
    /// the cgroups of [`cgroups`](LinuxProcessExt::cgroups), every limit the tightest
    /// among the cgroup and its visible ancestors. An extension beyond psutil.
    fn cgroup(&self) -> Result<Cgroup>;
}

impl LinuxProcessExt for Process {
    fn holds_dir(&self) -> bool {
        matches!(self.imp.dir, super::dir::Dir::Held(_))
    }

    fn uses_pidfd(&self) -> bool {
        matches!(self.pidfd(), Ok(Some(_)))
    }

    fn root(&self) -> &crate::Root {
        &self.imp.root
    }

    fn io_counters(&self) -> Result<ProcessIoCounters> {
        super::io_counters(self)
    }

    fn cpu_affinity(&self) -> Result<Vec<u32>> {
        super::cpu_affinity(self)
    }

    fn set_cpu_affinity(&self, cpus: &[u32]) -> Result<()> {
        super::set_cpu_affinity(self, cpus)
    }

    fn ionice(&self) -> Result<IoNice> {
        super::ionice(self)
    }

    fn set_ionice(&self, ioclass: IoClass, value: Option<u32>) -> Result<()> {
        super::set_ionice(self, ioclass, value)
    }

    fn rlimit(&self, resource: RlimitResource) -> Result<(u64, u64)> {
        super::rlimit(self, resource)
    }

    fn set_rlimit(&self, resource: RlimitResource, limits: (u64, u64)) -> Result<()> {
        super::set_rlimit(self, resource, limits)
    }

    fn cpu_num(&self) -> Result<u32> {
        super::cpu_num(self)
    }

    fn memory_maps(&self) -> Result<Vec<MemoryMap>> {
        super::memory_maps(self)
    }

    fn memory_maps_ungrouped(&self) -> Result<Vec<MemoryMapExt>> {
        super::memory_maps_ungrouped(self)
    }

    fn stat_ext(&self) -> Result<ProcessStatExt> {
        super::stat_ext(self)
    }

    fn locked_memory(&self) -> Result<u64> {
        super::locked_memory(self)
    }

    fn fds(&self) -> Result<Vec<ProcessFd>> {
        super::fds(self)
    }

    fn root_dir(&self) -> Result<PathBuf> {
        super::root_dir(self)
    }

    fn delay_stats(&self) -> Result<TaskDelays> {
        super::delay_stats(self)
    }

    fn cgroups(&self) -> Result<Vec<CgroupMembership>> {
        crate::sys::imp::cgroup::process_cgroups(self)
    }

    fn cgroup(&self) -> Result<Cgroup> {
        crate::sys::imp::cgroup::process_cgroup(self)
    }
}
