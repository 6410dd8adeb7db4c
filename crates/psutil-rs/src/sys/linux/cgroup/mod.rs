//! Control groups (v1, v2 and hybrid) and pressure stall information: the Linux-only
//! container view (issue 16). An extension beyond psutil.
//!
//! - [`membership`]: `/proc/<pid>/cgroup` resolved through `<procfs>/self/mountinfo`;
//! - `source`: which directory holds a controller's files, and the walk up the
//!   ancestors (limits are the tightest of the chain, up to the mount point: ancestors
//!   above it are not visible to the reader and not counted);
//! - `cpu`, `memory`, `io`, `view`: the parts of [`Cgroup`] and PSI;
//! - `effective`: `cpu_count_effective()` and `virtual_memory_effective()`.

mod cpu;
mod effective;
mod io;
pub(crate) mod membership;
mod memory;
mod source;
mod types;
mod view;

pub use effective::{cpu_count_effective, virtual_memory_effective};
pub(crate) use membership::process_cgroups;
pub use types::{
    Cgroup, CgroupCpu, CgroupIo, CgroupLayout, CgroupLimit, CgroupMembership, CgroupMemory,
    CgroupPids, CgroupVersion, CpuQuota, EffectiveMemory, IoMax, IoStat, Pressure, PressureLine,
    Pressures,
};
pub(crate) use view::process_cgroup;
pub use view::{cgroup, pressure};
