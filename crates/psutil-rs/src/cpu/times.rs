//! `cpu_times()` and `cpu_stats()`.

use crate::error::Result;
use crate::sys;

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
