//! `cpu_times()` and `cpu_stats()` on FreeBSD: `kern.cp_time` / `kern.cp_times` tick
//! counters (÷ `CLOCKS_PER_SEC`, as psutil), and the `vm.stats.sys.*` counters.

use super::super::sysctl;
use crate::cpu::times::cpu_times_fields;
use crate::cpu::CpuStats;
use crate::error::Result;
use crate::parse::freebsd::cp_time::{self, CpTime};

/// Time spent by the CPUs in each mode, in seconds since boot. psutil's `scputimes` on
/// FreeBSD, with its fields in its order.
///
/// From `kern.cp_time` (system-wide) and `kern.cp_times` (per CPU): `CP_USER`,
/// `CP_NICE`, `CP_SYS`, `CP_IDLE`, `CP_INTR` ticks divided by `CLOCKS_PER_SEC` (128),
/// as psutil divides them.
///
/// [`cpu_times_percent`](crate::cpu_times_percent) returns this struct with percentages
/// instead of seconds.
#[doc(alias = "scputimes")]
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CpuTimes {
    /// `CP_USER`: executing in user mode.
    pub user: f64,
    /// `CP_NICE`: executing niced processes in user mode.
    pub nice: f64,
    /// `CP_SYS`: executing in kernel mode.
    pub system: f64,
    /// `CP_IDLE`: doing nothing.
    pub idle: f64,
    /// `CP_INTR`: servicing interrupts.
    pub irq: f64,
}

/// `CLOCKS_PER_SEC` of FreeBSD's `<time.h>`, psutil's divisor.
const CLOCKS_PER_SEC: f64 = 128.0;

cpu_times_fields!(user, nice, system, idle, irq);

impl CpuTimes {
    fn from_ticks(t: &CpTime) -> CpuTimes {
        let s = |v: u64| v as f64 / CLOCKS_PER_SEC;
        CpuTimes {
            user: s(t.user),
            nice: s(t.nice),
            system: s(t.system),
            idle: s(t.idle),
            irq: s(t.irq),
        }
    }
}

/// Both, for a [`CpuSampler`](crate::CpuSampler): two reads.
pub(crate) fn cpu_times_both() -> Result<(CpuTimes, Vec<CpuTimes>)> {
    Ok((cpu_times()?, cpu_times_percpu()?))
}

fn read(name: &str) -> Result<Vec<CpTime>> {
    let buf = sysctl::by_name(name).map_err(|e| sysctl::error(e, name))?;
    cp_time::parse(&buf)
}

/// `cpu_times()`: `kern.cp_time`.
pub(crate) fn cpu_times() -> Result<CpuTimes> {
    let all = read("kern.cp_time")?;
    let first = all.first().copied().unwrap_or_default();
    Ok(CpuTimes::from_ticks(&first))
}

/// `cpu_times(percpu=True)`: `kern.cp_times`, one group per CPU up to `hw.ncpu` (the
/// kernel sizes the array for `MAXCPU`-less `mp_maxid + 1` CPUs).
pub(crate) fn cpu_times_percpu() -> Result<Vec<CpuTimes>> {
    let mut all = read("kern.cp_times")?;
    if let Some(n) = super::cpu_count() {
        all.truncate(n);
    }
    Ok(all.iter().map(CpuTimes::from_ticks).collect())
}

fn counter(name: &str) -> Result<u64> {
    sysctl::uint(name, false).map_err(|e| sysctl::error(e, name))
}

/// `cpu_stats()`: `vm.stats.sys.v_swtch`, `v_intr`, `v_soft`, `v_syscall`.
pub(crate) fn cpu_stats() -> Result<CpuStats> {
    Ok(CpuStats {
        ctx_switches: counter("vm.stats.sys.v_swtch")?,
        interrupts: counter("vm.stats.sys.v_intr")?,
        soft_interrupts: Some(counter("vm.stats.sys.v_soft")?),
        syscalls: counter("vm.stats.sys.v_syscall")?,
    })
}
