//! The CPU functions on macOS: Mach host statistics for times and stats, `sysctl` for
//! counts and the Intel frequency, IOKit for the Apple Silicon frequency,
//! `getloadavg(3)`.

mod count;
mod freq;
mod loadavg;
mod times;

pub(crate) use crate::sys::one_system::{current_cpu_source as current, CpuSource as Source};
pub(crate) use count::{cpu_count, cpu_count_physical};
pub(crate) use freq::{cpu_freq, cpu_freq_percpu};
pub(crate) use loadavg::getloadavg;
pub use times::CpuTimes;
pub(crate) use times::{cpu_stats, cpu_times, cpu_times_both, cpu_times_percpu};
