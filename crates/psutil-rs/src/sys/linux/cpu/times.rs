//! `cpu_times()` and `cpu_stats()` on Linux: `/proc/stat`.

use crate::cpu::CpuStats;
use crate::error::{Error, Result};
use crate::parse::proc_stat::{self, CpuTicks};
use crate::sys;
use crate::sys::root::Root;

/// Time spent by the CPUs in each mode, in seconds since boot. psutil's `scputimes`,
/// with its fields in its order.
///
/// Read from the `cpu` lines of `/proc/stat` (clock ticks divided by
/// `sysconf(_SC_CLK_TCK)`). The kernel added columns over time; as in psutil, which of
/// `steal`, `guest` and `guest_nice` exist is decided by the number of columns of the
/// first line, and a missing one is `None` and left out when serialized (psutil's tuple
/// has no such field).
///
/// [`cpu_times_percent`](crate::cpu_times_percent) returns this struct with percentages
/// instead of seconds.
#[doc(alias = "scputimes")]
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CpuTimes {
    /// Normal processes executing in user mode (guest time included).
    pub user: f64,
    /// Niced processes executing in user mode (niced guest time included).
    pub nice: f64,
    /// Processes executing in kernel mode.
    pub system: f64,
    /// Doing nothing.
    pub idle: f64,
    /// Waiting for I/O to complete (not counted in `idle`).
    pub iowait: f64,
    /// Servicing hardware interrupts.
    pub irq: f64,
    /// Servicing software interrupts.
    pub softirq: f64,
    /// Stolen: time spent in other operating systems when running virtualised (since
    /// Linux 2.6.11).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub steal: Option<f64>,
    /// Running a virtual CPU for a guest under the kernel's control, also counted in
    /// `user` (since Linux 2.6.24).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub guest: Option<f64>,
    /// Running a niced guest, also counted in `nice` (since Linux 2.6.33).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub guest_nice: Option<f64>,
}

impl CpuTimes {
    /// The fields present, in psutil's order (the values of psutil's tuple).
    pub fn values(&self) -> impl Iterator<Item = f64> {
        [
            Some(self.user),
            Some(self.nice),
            Some(self.system),
            Some(self.idle),
            Some(self.iowait),
            Some(self.irq),
            Some(self.softirq),
            self.steal,
            self.guest,
            self.guest_nice,
        ]
        .into_iter()
        .flatten()
    }

    /// Applies `f` to every field, pairing `self` with `other`; an optional field is
    /// kept only when both have it.
    pub(crate) fn zip_with(&self, other: &CpuTimes, f: impl Fn(f64, f64) -> f64) -> CpuTimes {
        let opt = |a: Option<f64>, b: Option<f64>| Some(f(a?, b?));
        CpuTimes {
            user: f(self.user, other.user),
            nice: f(self.nice, other.nice),
            system: f(self.system, other.system),
            idle: f(self.idle, other.idle),
            iowait: f(self.iowait, other.iowait),
            irq: f(self.irq, other.irq),
            softirq: f(self.softirq, other.softirq),
            steal: opt(self.steal, other.steal),
            guest: opt(self.guest, other.guest),
            guest_nice: opt(self.guest_nice, other.guest_nice),
        }
    }

    /// Applies `f` to every present field.
    pub(crate) fn map(&self, f: impl Fn(f64) -> f64) -> CpuTimes {
        self.zip_with(self, |a, _| f(a))
    }

    /// All the time, as psutil's `cpu_percent` counts it on Linux: the sum of the
    /// fields (left to right, as Python's `sum`) minus `guest` and `guest_nice`, which
    /// Linux already counts in `user` and `nice`.
    pub(crate) fn total(&self) -> f64 {
        let mut tot = self.values().fold(0.0, |acc, v| acc + v);
        tot -= self.guest.unwrap_or(0.0);
        tot -= self.guest_nice.unwrap_or(0.0);
        tot
    }

    /// The fields that are not busy time, as psutil's `cpu_percent` counts them on
    /// Linux: `idle` and `iowait` (busy = total − idle − iowait).
    pub(crate) fn idle_parts(&self) -> [f64; 2] {
        [self.idle, self.iowait]
    }

    fn from_ticks(t: &CpuTicks, hz: f64) -> CpuTimes {
        let s = |v: u64| v as f64 / hz;
        CpuTimes {
            user: s(t.user),
            nice: s(t.nice),
            system: s(t.system),
            idle: s(t.idle),
            iowait: s(t.iowait),
            irq: s(t.irq),
            softirq: s(t.softirq),
            steal: t.steal.map(s),
            guest: t.guest.map(s),
            guest_nice: t.guest_nice.map(s),
        }
    }
}

impl Root {
    /// The system-wide and per-CPU times from one read of `<proc>/stat`.
    pub(crate) fn cpu_times_both(&self) -> Result<(CpuTimes, Vec<CpuTimes>)> {
        let lines = sys::fs::parse(&self.proc_path("stat"), proc_stat::parse_cpu_lines)?;
        let hz = sys::clock_ticks().max(1) as f64;
        let total = CpuTimes::from_ticks(&lines.total, hz);
        let percpu = lines
            .percpu
            .iter()
            .map(|t| CpuTimes::from_ticks(t, hz))
            .collect();
        Ok((total, percpu))
    }

    /// [`cpu_times`](crate::cpu_times) read from this root.
    pub fn cpu_times(&self) -> Result<CpuTimes> {
        Ok(self.cpu_times_both()?.0)
    }

    /// [`cpu_times_percpu`](crate::cpu_times_percpu) read from this root.
    pub fn cpu_times_percpu(&self) -> Result<Vec<CpuTimes>> {
        Ok(self.cpu_times_both()?.1)
    }

    /// [`cpu_stats`](crate::cpu_stats) read from this root.
    pub fn cpu_stats(&self) -> Result<CpuStats> {
        let path = self.proc_path("stat");
        let c = sys::fs::parse(&path, proc_stat::parse_counters)?;
        let missing =
            |line: &str| Error::parse("stat", None, format!("no {line} line")).at_path(&path);
        Ok(CpuStats {
            ctx_switches: c.ctxt.ok_or_else(|| missing("ctxt"))?,
            interrupts: c.intr.ok_or_else(|| missing("intr"))?,
            soft_interrupts: c.softirq,
            syscalls: 0,
        })
    }
}
