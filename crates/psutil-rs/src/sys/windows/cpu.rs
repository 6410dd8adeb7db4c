//! The CPU functions on Windows (skeleton: placeholders until the system half lands).

use std::sync::Arc;

use crate::cpu::{CpuFreq, CpuStats, LoadAvg};
use crate::error::{Error, Result};

/// Time spent by the CPUs in each mode, in seconds since boot: psutil's Windows
/// `scputimes` (`GetSystemTimes`, and per CPU
/// `NtQuerySystemInformation(SystemProcessorPerformanceInformation)`), with its fields
/// in its order.
///
/// [`cpu_times_percent`](crate::cpu_times_percent) returns this struct with percentages
/// instead of seconds.
#[doc(alias = "scputimes")]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CpuTimes {
    /// Executing in user mode.
    pub user: f64,
    /// Executing in kernel mode (kernel time minus idle time).
    pub system: f64,
    /// Doing nothing.
    pub idle: f64,
    /// Servicing hardware interrupts.
    pub interrupt: f64,
    /// Servicing deferred procedure calls.
    pub dpc: f64,
}

impl CpuTimes {
    /// The fields, in psutil's order (the values of psutil's tuple).
    pub fn values(&self) -> impl Iterator<Item = f64> {
        [self.user, self.system, self.idle, self.interrupt, self.dpc].into_iter()
    }

    /// Applies `f` to every field, pairing `self` with `other`.
    pub(crate) fn zip_with(&self, other: &CpuTimes, f: impl Fn(f64, f64) -> f64) -> CpuTimes {
        CpuTimes {
            user: f(self.user, other.user),
            system: f(self.system, other.system),
            idle: f(self.idle, other.idle),
            interrupt: f(self.interrupt, other.interrupt),
            dpc: f(self.dpc, other.dpc),
        }
    }

    /// Applies `f` to every field.
    pub(crate) fn map(&self, f: impl Fn(f64) -> f64) -> CpuTimes {
        self.zip_with(self, |a, _| f(a))
    }

    /// All the time, as psutil's `cpu_percent` counts it: the sum of the fields.
    pub(crate) fn total(&self) -> f64 {
        self.values().fold(0.0, |acc, v| acc + v)
    }

    /// The fields that are not busy time: `idle`.
    pub(crate) fn idle_parts(&self) -> [f64; 1] {
        [self.idle]
    }
}

/// What a [`CpuSampler`](crate::CpuSampler) reads the CPU times from: the system.
#[derive(Debug, Clone, Default)]
pub(crate) struct Source;

impl Source {
    pub(crate) fn cpu_times(&self) -> Result<CpuTimes> {
        cpu_times()
    }

    pub(crate) fn cpu_times_percpu(&self) -> Result<Vec<CpuTimes>> {
        cpu_times_percpu()
    }

    pub(crate) fn cpu_times_both(&self) -> Result<(CpuTimes, Vec<CpuTimes>)> {
        Ok((cpu_times()?, cpu_times_percpu()?))
    }
}

/// The source the free functions read.
pub(crate) fn current() -> Arc<Source> {
    Arc::new(Source)
}

fn todo<T>(what: &str) -> Result<T> {
    Err(Error::unsupported(format!(
        "{what} on Windows (not implemented yet)"
    )))
}

pub(crate) fn cpu_times() -> Result<CpuTimes> {
    todo("cpu_times")
}

pub(crate) fn cpu_times_percpu() -> Result<Vec<CpuTimes>> {
    todo("cpu_times_percpu")
}

pub(crate) fn cpu_stats() -> Result<CpuStats> {
    todo("cpu_stats")
}

pub(crate) fn cpu_count() -> Option<usize> {
    std::thread::available_parallelism().ok().map(usize::from)
}

pub(crate) fn cpu_count_physical() -> Option<usize> {
    None
}

pub(crate) fn cpu_freq_percpu() -> Result<Vec<CpuFreq>> {
    todo("cpu_freq")
}

pub(crate) fn cpu_freq() -> Result<Option<CpuFreq>> {
    todo("cpu_freq")
}

pub(crate) fn getloadavg() -> Result<LoadAvg> {
    todo("getloadavg")
}
