//! The public types of the cgroup view (Linux only): what [`Root::cgroup`] and
//! [`ProcessExt::cgroup`](crate::os::linux::ProcessExt::cgroup) return.
//!
//! [`Root::cgroup`]: crate::Root::cgroup

use std::path::PathBuf;

use crate::error::Pid;
pub use crate::parse::cgroup::cpu_max::CpuQuota;
pub use crate::parse::cgroup::io_max::IoMax;
pub use crate::parse::cgroup::io_stat::IoStat;
pub use crate::parse::cgroup::limit::CgroupLimit;
pub use crate::parse::cgroup::pressure::{Pressure, PressureLine};

/// The cgroup version of a hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "lowercase")
)]
pub enum CgroupVersion {
    /// cgroup v1: a hierarchy with its own controllers (`cgroup` filesystem).
    V1,
    /// cgroup v2: the unified hierarchy (`cgroup2` filesystem).
    V2,
}

/// The hierarchies a process belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "lowercase")
)]
pub enum CgroupLayout {
    /// v1 hierarchies only.
    V1,
    /// The v2 unified hierarchy only.
    V2,
    /// v1 hierarchies with controllers, and the v2 hierarchy (systemd's "hybrid"
    /// layout: `/sys/fs/cgroup/<controller>` plus `/sys/fs/cgroup/unified`).
    Hybrid,
}

/// One line of `/proc/<pid>/cgroup`, resolved to the directory where that cgroup is
/// mounted (see [`ProcessExt::cgroups`](crate::os::linux::ProcessExt::cgroups)).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CgroupMembership {
    /// The hierarchy id: 0 for v2, the v1 hierarchy's id otherwise.
    pub hierarchy_id: u32,
    /// The v1 controllers of the hierarchy (`cpu`, `cpuacct`, `name=systemd`); empty
    /// for v2.
    pub controllers: Vec<String>,
    /// The cgroup's path as `/proc/<pid>/cgroup` prints it (relative to the hierarchy's
    /// root, or to the reader's cgroup namespace); bytes kept.
    pub path: PathBuf,
    /// The hierarchy's version.
    pub version: CgroupVersion,
    /// The cgroup's directory as mounted in the reader's mount namespace (read from
    /// `<procfs>/self/mountinfo`): the mount point plus the path below the mount's root.
    /// `None` when the hierarchy is not mounted, or the cgroup lies outside what the
    /// mount shows (a path under `/..`, another container's).
    pub dir: Option<PathBuf>,
}

/// A process's control-group limits, usage and pressure, returned by
/// [`ProcessExt::cgroup`](crate::os::linux::ProcessExt::cgroup), [`cgroup`](crate::cgroup) and
/// [`Root::cgroup`](crate::Root::cgroup). An extension beyond psutil.
///
/// Every limit is the effective one: the tightest among the process's cgroup and its
/// ancestors up to the root of the mount (the kernel applies all of them; ancestors
/// above the mount's root, outside a container's view, are not visible and not
/// counted). Usage values are the cgroup's own. A value is `None` when its controller is
/// not available to the process's cgroup or its file is absent (older kernels, the root
/// cgroup, a controller that is not enabled).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Cgroup {
    /// The process.
    pub pid: Pid,
    /// Which hierarchies the process belongs to.
    pub layout: CgroupLayout,
    /// The cgroup's path: the v2 unified path when the process has one, else the v1
    /// memory hierarchy's, else the first line's of `/proc/<pid>/cgroup`.
    pub path: Option<PathBuf>,
    /// CPU limits and usage.
    pub cpu: CgroupCpu,
    /// Memory limits and usage.
    pub memory: CgroupMemory,
    /// Process-count limit and usage.
    pub pids: CgroupPids,
    /// Block I/O limits and counters.
    pub io: CgroupIo,
    /// Pressure stall information of the cgroup (v2 only: `<cgroup>/*.pressure`).
    pub pressure: Pressures,
}

/// CPU limits and usage of a cgroup (see [`Cgroup`]).
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CgroupCpu {
    /// The effective bandwidth limit: v2 `cpu.max`, v1 `cpu.cfs_quota_us` and
    /// `cpu.cfs_period_us`; among the cgroup and its ancestors, the one allowing the
    /// fewest CPUs (quota/period). Unlimited when none has a quota.
    pub quota: Option<CpuQuota>,
    /// v2 `cpu.weight` (1..10000, default 100); `None` on v1.
    pub weight: Option<u64>,
    /// v1 `cpu.shares` (default 1024); `None` on v2.
    pub shares: Option<u64>,
    /// The CPUs the cgroup may use: v2 `cpuset.cpus.effective`, v1
    /// `cpuset.effective_cpus` (`cpuset.cpus` on kernels without it).
    pub cpuset: Option<Vec<u32>>,
    /// CPU time used, in microseconds: v2 `cpu.stat` `usage_usec`, v1
    /// `cpuacct.usage` (ns / 1000).
    pub usage_usec: Option<u64>,
    /// User CPU time, µs: v2 `cpu.stat` `user_usec`, v1 `cpuacct.stat` `user` (ticks
    /// of `USER_HZ` converted).
    pub user_usec: Option<u64>,
    /// System CPU time, µs: v2 `cpu.stat` `system_usec`, v1 `cpuacct.stat` `system`.
    pub system_usec: Option<u64>,
    /// Enforcement periods elapsed: `cpu.stat` `nr_periods` (v1 and v2).
    pub nr_periods: Option<u64>,
    /// Periods in which the cgroup was throttled: `cpu.stat` `nr_throttled`.
    pub nr_throttled: Option<u64>,
    /// Time throttled, µs: v2 `cpu.stat` `throttled_usec`, v1 `cpu.stat`
    /// `throttled_time` (ns / 1000).
    pub throttled_usec: Option<u64>,
}

/// Memory limits and usage of a cgroup, in bytes (see [`Cgroup`]).
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CgroupMemory {
    /// The effective hard limit: v2 `memory.max`, v1 `memory.limit_in_bytes`.
    pub limit: Option<CgroupLimit>,
    /// The effective throttling threshold: v2 `memory.high`; `None` on v1.
    pub high: Option<CgroupLimit>,
    /// The effective swap limit: v2 `memory.swap.max`; v1 `memory.memsw.limit_in_bytes`
    /// minus the memory limit (memsw counts memory plus swap; the memsw limit itself
    /// when memory is unlimited). `None` without swap accounting.
    pub swap_limit: Option<CgroupLimit>,
    /// Memory in use: v2 `memory.current`, v1 `memory.usage_in_bytes`.
    pub current: Option<u64>,
    /// Swap in use: v2 `memory.swap.current`, v1 `memory.memsw.usage_in_bytes` minus
    /// `memory.usage_in_bytes`.
    pub swap_current: Option<u64>,
    /// Anonymous memory: `memory.stat` `anon` (v2), `rss` (v1).
    pub anon: Option<u64>,
    /// Page cache: `memory.stat` `file` (v2), `cache` (v1).
    pub file: Option<u64>,
    /// Kernel memory: v2 `memory.stat` `kernel` (Linux 5.18+), v1
    /// `memory.kmem.usage_in_bytes`.
    pub kernel: Option<u64>,
    /// Shared memory (tmpfs, shm): `memory.stat` `shmem`.
    pub shmem: Option<u64>,
    /// Reclaimable page cache: v2 `memory.stat` `inactive_file`, v1
    /// `total_inactive_file` (with the descendants').
    pub inactive_file: Option<u64>,
    /// Times the limit was hit and the OOM killer was considered: v2
    /// `memory.events` `oom`; `None` on v1.
    pub oom: Option<u64>,
    /// Processes killed by the OOM killer: v2 `memory.events` `oom_kill`, v1
    /// `memory.oom_control` `oom_kill` (Linux 4.13+).
    pub oom_kill: Option<u64>,
}

/// Process-count limit and usage of a cgroup (`pids.*`, v1 and v2).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CgroupPids {
    /// Tasks in the cgroup and its descendants: `pids.current`.
    pub current: Option<u64>,
    /// The effective limit: `pids.max` of the cgroup and its ancestors.
    pub max: Option<CgroupLimit>,
}

/// Block I/O limits and counters of a cgroup (see [`Cgroup`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CgroupIo {
    /// The effective limits per device (per field, the tightest of the cgroup and its
    /// ancestors): v2 `io.max`, v1 `blkio.throttle.{read,write}_{bps,iops}_device`.
    /// Devices without limits are not listed.
    pub max: Option<Vec<IoMax>>,
    /// The counters per device: v2 `io.stat`, v1 `blkio.throttle.io_service_bytes` and
    /// `blkio.throttle.io_serviced`.
    pub stat: Option<Vec<IoStat>>,
}

/// Pressure stall information: system-wide ([`pressure`](crate::pressure)) or of one
/// cgroup ([`Cgroup::pressure`]). A field is `None` when its file is absent or PSI is
/// disabled (`psi=0`: reading fails with `EOPNOTSUPP`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Pressures {
    /// CPU: `cpu` / `cpu.pressure`.
    pub cpu: Option<Pressure>,
    /// Memory: `memory` / `memory.pressure`.
    pub memory: Option<Pressure>,
    /// Block I/O: `io` / `io.pressure`.
    pub io: Option<Pressure>,
    /// Interrupts (Linux 6.1+, `full` only): `irq` / `irq.pressure`.
    pub irq: Option<Pressure>,
}

/// Memory as a process in a cgroup can use it, returned by
/// [`virtual_memory_effective`](crate::virtual_memory_effective). An extension beyond psutil.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct EffectiveMemory {
    /// The smaller of physical memory (`MemTotal`) and the tightest memory limit of the
    /// cgroup and its ancestors.
    pub total: u64,
    /// `min(total - used, the host's available)`.
    pub available: u64,
    /// The cgroup's working set: current usage minus inactive page cache (what docker
    /// and cAdvisor show); the host's `used` when the process is in the root cgroup or
    /// no memory controller is visible.
    pub used: u64,
    /// `total - current usage` (0 if negative).
    pub free: u64,
    /// `used / total * 100`, rounded to one decimal.
    pub percent: f64,
    /// The cgroup limit that applied, `None` when only physical memory limits.
    pub limit: Option<u64>,
}
