//! CPU on Linux: times and statistics (`/proc/stat`), counts, frequency (sysfs cpufreq,
//! `/proc/cpuinfo`), load average (`sysinfo(2)`, `/proc/loadavg`) and the source of
//! `CpuSampler`.

mod count;
mod freq;
mod loadavg;
mod sampler;
mod syscalls;
mod times;

pub(crate) use sampler::{current, Source};
pub(crate) use syscalls::{loadavg_sysinfo, nprocessors_onln};
pub use times::CpuTimes;

use crate::cpu::{CpuFreq, CpuStats, LoadAvg};
use crate::error::Result;
use crate::sys::root::Root;

/// `cpu_times()` from the current [`Root`].
pub(crate) fn cpu_times() -> Result<CpuTimes> {
    Root::current().cpu_times()
}

/// `cpu_times(percpu=True)` from the current [`Root`].
pub(crate) fn cpu_times_percpu() -> Result<Vec<CpuTimes>> {
    Root::current().cpu_times_percpu()
}

/// `cpu_stats()` from the current [`Root`].
pub(crate) fn cpu_stats() -> Result<CpuStats> {
    Root::current().cpu_stats()
}

/// `cpu_count()` from the current [`Root`].
pub(crate) fn cpu_count() -> Option<usize> {
    Root::current().cpu_count()
}

/// `cpu_count(logical=False)` from the current [`Root`].
pub(crate) fn cpu_count_physical() -> Option<usize> {
    Root::current().cpu_count_physical()
}

/// `cpu_freq(percpu=True)` from the current [`Root`].
pub(crate) fn cpu_freq_percpu() -> Result<Vec<CpuFreq>> {
    Root::current().cpu_freq_percpu()
}

/// `cpu_freq()` from the current [`Root`].
pub(crate) fn cpu_freq() -> Result<Option<CpuFreq>> {
    Root::current().cpu_freq()
}

/// `getloadavg()` from the current [`Root`].
pub(crate) fn getloadavg() -> Result<LoadAvg> {
    Root::current().getloadavg()
}
