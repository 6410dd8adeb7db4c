//! `cpu_times()` and `cpu_stats()` on macOS: `host_statistics(HOST_CPU_LOAD_INFO)`,
//! `host_processor_info(PROCESSOR_CPU_LOAD_INFO)` (ticks ÷ `CLK_TCK`) and psutil's
//! `host_statistics(HOST_VM_INFO)` reading for the stats.

use super::super::mach;
use crate::cpu::times::cpu_times_fields;
use crate::cpu::CpuStats;
use crate::error::Result;
use crate::parse::macos::host_statistics::{
    parse_host_cpu_load, parse_processor_cpu_load, parse_vmmeter, CpuTicks, CPU_STATES,
};

/// System CPU times, in seconds. psutil's `scputimes` on macOS: the Mach CPU load
/// ticks (`CPU_STATE_USER`, `_NICE`, `_SYSTEM`, `_IDLE` of `host_cpu_load_info` /
/// `processor_cpu_load_info`) divided by `sysconf(_SC_CLK_TCK)`.
#[doc(alias = "scputimes")]
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CpuTimes {
    /// `CPU_STATE_USER`: time in user mode.
    pub user: f64,
    /// `CPU_STATE_NICE`: time in user mode at a positive nice value.
    pub nice: f64,
    /// `CPU_STATE_SYSTEM`: time in the kernel.
    pub system: f64,
    /// `CPU_STATE_IDLE`: idle time.
    pub idle: f64,
}

cpu_times_fields!(user, nice, system, idle);

impl CpuTimes {
    fn from_ticks(t: &CpuTicks) -> CpuTimes {
        let hz = clock_ticks();
        CpuTimes {
            user: t.user as f64 / hz,
            nice: t.nice as f64 / hz,
            system: t.system as f64 / hz,
            idle: t.idle as f64 / hz,
        }
    }
}

/// `sysconf(_SC_CLK_TCK)`, 100 when unknown.
fn clock_ticks() -> f64 {
    #[allow(unsafe_code)]
    // SAFETY: sysconf takes a constant.
    let n = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    if n > 0 {
        n as f64
    } else {
        100.0
    }
}

/// Both, for a [`CpuSampler`](crate::CpuSampler): two reads.
pub(crate) fn cpu_times_both() -> Result<(CpuTimes, Vec<CpuTimes>)> {
    Ok((cpu_times()?, cpu_times_percpu()?))
}

/// `cpu_times()`: `host_statistics(HOST_CPU_LOAD_INFO)`.
pub(crate) fn cpu_times() -> Result<CpuTimes> {
    let b = mach::host_statistics(
        libc::HOST_CPU_LOAD_INFO,
        CPU_STATES,
        "host_statistics(HOST_CPU_LOAD_INFO)",
    )?;
    Ok(CpuTimes::from_ticks(&parse_host_cpu_load(&b)?))
}

/// `cpu_times(percpu=True)`: `host_processor_info(PROCESSOR_CPU_LOAD_INFO)`.
pub(crate) fn cpu_times_percpu() -> Result<Vec<CpuTimes>> {
    let b = mach::processor_cpu_load()?;
    Ok(parse_processor_cpu_load(&b)
        .iter()
        .map(CpuTimes::from_ticks)
        .collect())
}

/// `HOST_VM_INFO_COUNT`: the words of `vm_statistics` (15).
const HOST_VM_INFO_COUNT: usize = 15;

/// `cpu_stats()`: psutil passes a `struct vmmeter` to
/// `host_statistics(HOST_VM_INFO)` and reads `v_swtch`, `v_intr`, `v_soft`,
/// `v_syscall` from it (see [`parse_vmmeter`]); the same words here.
pub(crate) fn cpu_stats() -> Result<CpuStats> {
    let b = mach::host_statistics(
        libc::HOST_VM_INFO,
        HOST_VM_INFO_COUNT,
        "host_statistics(HOST_VM_INFO)",
    )?;
    let m = parse_vmmeter(&b)?;
    Ok(CpuStats {
        ctx_switches: m.swtch,
        interrupts: m.intr,
        soft_interrupts: Some(m.soft),
        syscalls: m.syscall,
    })
}
