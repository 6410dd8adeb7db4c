//! CPU on FreeBSD: times (`kern.cp_time(s)`), statistics (`vm.stats.sys.*`), counts
//! (`hw.ncpu`, `kern.sched.topology_spec`), frequency (`dev.cpu.<n>.freq*`) and the
//! load average (`getloadavg(3)`).

mod info;
mod times;

pub(crate) use crate::sys::one_system::{current_cpu_source as current, CpuSource as Source};
pub(crate) use info::{cpu_count, cpu_count_physical, cpu_freq, cpu_freq_percpu, getloadavg};
pub use times::CpuTimes;
pub(crate) use times::{cpu_stats, cpu_times, cpu_times_both, cpu_times_percpu};
