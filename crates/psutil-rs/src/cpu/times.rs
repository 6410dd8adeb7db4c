//! `cpu_times()` and `cpu_stats()`.

use crate::error::Result;
use crate::sys;

/// Implements what the common code needs of a backend's `CpuTimes` whose fields are all
/// `f64` and whose only idle part is `idle` (psutil's `scputimes` on Windows, macOS and
/// FreeBSD; Linux, with its optional columns and `iowait`, writes its own), from the
/// list of its fields in psutil's order: the public `values`, and `zip_with`, `map`,
/// `total` and `idle_parts` for `cpu_percent` and `cpu_times_percent`.
#[allow(unused_macros)] // unused on Linux
macro_rules! cpu_times_fields {
    ($($field:ident),+ $(,)?) => {
        impl CpuTimes {
            /// The fields in psutil's order (the values of psutil's tuple).
            pub fn values(&self) -> impl Iterator<Item = f64> {
                [$(self.$field),+].into_iter()
            }

            /// Applies `f` to every field, pairing `self` with `other`.
            pub(crate) fn zip_with(
                &self,
                other: &CpuTimes,
                f: impl Fn(f64, f64) -> f64,
            ) -> CpuTimes {
                CpuTimes {
                    $($field: f(self.$field, other.$field)),+
                }
            }

            /// Applies `f` to every field.
            pub(crate) fn map(&self, f: impl Fn(f64) -> f64) -> CpuTimes {
                self.zip_with(self, |a, _| f(a))
            }

            /// All the time, as psutil's `cpu_percent` counts it: the sum of the
            /// fields, left to right as Python's `sum`.
            pub(crate) fn total(&self) -> f64 {
                self.values().fold(0.0, |acc, v| acc + v)
            }

            /// The fields that are not busy time: `idle` only (busy = total − idle).
            pub(crate) fn idle_parts(&self) -> [f64; 1] {
                [self.idle]
            }
        }
    };
}
#[allow(unused_imports)] // unused on Linux
pub(crate) use cpu_times_fields;

/// Time spent by the CPUs in each mode, in seconds since boot: psutil's `scputimes`,
/// whose fields differ by platform (defined by the platform backend; on Linux, from
/// `/proc/stat`).
pub use crate::sys::cpu::CpuTimes;

/// Context switches and interrupts since boot. psutil's `scpustats`.
#[doc(alias = "scpustats")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CpuStats {
    /// Context switches: the `ctxt` line of `/proc/stat`.
    pub ctx_switches: u64,
    /// Interrupts: the first number of the `intr` line.
    pub interrupts: u64,
    /// Software interrupts: the first number of the `softirq` line (since Linux 2.6.31;
    /// `None` before, as in psutil).
    pub soft_interrupts: Option<u64>,
    /// System calls: always 0 on Linux, which does not count them.
    pub syscalls: u64,
}

/// System-wide CPU times, in seconds. psutil's `cpu_times()`.
///
/// Linux: the first line (`cpu`) of `/proc/stat`.
///
/// Windows: `GetSystemTimes` (user, system = kernel − idle, idle), interrupt and dpc summed from `NtQuerySystemInformation(SystemProcessorPerformanceInformation)`.
pub fn cpu_times() -> Result<CpuTimes> {
    sys::cpu::cpu_times()
}

/// CPU times of each CPU. psutil's `cpu_times(percpu=True)`.
///
/// Linux: the `cpuN` lines of `/proc/stat`, in file order (offline CPUs have no line).
///
/// Windows: `NtQuerySystemInformation(SystemProcessorPerformanceInformation)`, one entry per CPU.
pub fn cpu_times_percpu() -> Result<Vec<CpuTimes>> {
    sys::cpu::cpu_times_percpu()
}

/// Context switches, interrupts and soft interrupts since boot. psutil's `cpu_stats()`.
///
/// Linux: the `ctxt`, `intr` and `softirq` lines of `/proc/stat`. Every Linux kernel prints
/// `ctxt` and `intr`; a file without them is [`Error::Parse`](crate::Error::Parse) (psutil
/// would give `None`).
///
/// Windows: `NtQuerySystemInformation` (`SystemPerformanceInformation`: context switches and system calls; the per-CPU interrupt counts); `soft_interrupts` is 0, as psutil.
pub fn cpu_stats() -> Result<CpuStats> {
    sys::cpu::cpu_stats()
}
