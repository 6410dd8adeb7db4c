//! CPU: times, utilisation, counts, statistics, frequency and load average.
//!
//! psutil's `cpu_times`, `cpu_percent`, `cpu_times_percent`, `cpu_count`, `cpu_stats`,
//! `cpu_freq` and `getloadavg`. Where psutil takes `percpu=True` there is a `_percpu`
//! function; `cpu_count(logical=False)` is [`cpu_count_physical`].

mod count;
pub(crate) mod freq;
mod loadavg;
pub(crate) mod percent;
pub(crate) mod times;

pub use count::{cpu_count, cpu_count_physical};
pub use freq::{cpu_freq, cpu_freq_percpu, CpuFreq};
pub use loadavg::{getloadavg, LoadAvg};
pub use percent::{
    cpu_percent, cpu_percent_percpu, cpu_times_percent, cpu_times_percent_percpu, CpuSampler,
};
pub use times::{cpu_stats, cpu_times, cpu_times_percpu, CpuStats, CpuTimes};
