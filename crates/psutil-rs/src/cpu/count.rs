//! `cpu_count()`: logical CPUs and physical cores.

use crate::sys;

/// The number of logical CPUs online. psutil's `cpu_count()`.
///
/// Linux: `sysconf(_SC_NPROCESSORS_ONLN)` (glibc reads `/sys/devices/system/cpu/online`); if
/// that fails, the `processor` lines of `/proc/cpuinfo`; then the `cpuN` lines of
/// `/proc/stat`. `None` when none of them gives at least 1. Like psutil, this ignores
/// the CPU affinity mask and cgroup limits (for those, see
/// [`std::thread::available_parallelism`]).
///
/// Windows: `GetActiveProcessorCount(ALL_PROCESSOR_GROUPS)`.
pub fn cpu_count() -> Option<usize> {
    sys::cpu::cpu_count()
}

/// The number of physical cores (hyper-threads not counted). psutil's
/// `cpu_count(logical=False)`.
///
/// Linux: the number of distinct contents of
/// `/sys/devices/system/cpu/cpu[0-9]*/topology/core_cpus_list`, else (older kernels)
/// of `.../thread_siblings_list`: each core has one CPU list, so this is right on
/// multi-socket machines too. Without sysfs topology, the sum of `cpu cores` over the
/// distinct `physical id` values of `/proc/cpuinfo`. `None` when neither works (for
/// instance on ARM kernels without topology, or when a file cannot be read or parsed).
///
/// Windows: the `RelationProcessorCore` entries of `GetLogicalProcessorInformationEx(RelationAll)`.
pub fn cpu_count_physical() -> Option<usize> {
    sys::cpu::cpu_count_physical()
}
