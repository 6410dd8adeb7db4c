//! The Linux-only public system items (see ../ext/mod.rs).

/// Items of `psutil_rs::os::linux`.
pub mod linux {
    pub use crate::sys::imp::cgroup::{
        cgroup, cpu_count_effective, pressure, virtual_memory_effective, Cgroup, CgroupCpu,
        CgroupIo, CgroupLayout, CgroupLimit, CgroupMembership, CgroupMemory, CgroupPids,
        CgroupVersion, CpuQuota, EffectiveMemory, IoMax, IoStat, Pressure, PressureLine, Pressures,
    };
    pub use crate::sys::imp::root::{procfs_path, set_procfs_path, Root};
    pub use crate::sys::imp::sensors::{
        sensors_fans, sensors_temperatures, sensors_temperatures_fahrenheit, Fan, Temperature,
    };
    pub use crate::sys::imp::users::users_from_file;
}

/// Items re-exported at the crate root on Linux.
pub mod exports {
    pub use super::linux::*;
}
