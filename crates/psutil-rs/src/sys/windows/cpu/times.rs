#![allow(unsafe_code)]
//! `cpu_times()` and `cpu_stats()` on Windows: `GetSystemTimes` and
//! `NtQuerySystemInformation` (`SystemProcessorPerformanceInformation`,
//! `SystemPerformanceInformation`).

use windows_sys::Wdk::System::SystemInformation::{
    SystemPerformanceInformation, SystemProcessorPerformanceInformation,
};
use windows_sys::Win32::Foundation::FILETIME;
use windows_sys::Win32::System::Threading::GetSystemTimes;

use super::ntquery;
use crate::cpu::times::cpu_times_fields;
use crate::cpu::CpuStats;
use crate::error::Result;
use crate::parse::windows::filetime::{duration_secs, from_parts};
use crate::parse::windows::performance::{parse_system_performance, SYSTEM_PERFORMANCE_LEN};
use crate::parse::windows::processor::{
    parse_processor_performance, ProcessorTimes, PROCESSOR_PERFORMANCE_LEN,
};

/// Time spent by the CPUs in each mode, in seconds since boot. psutil's `scputimes` on
/// Windows, with its fields in its order.
///
/// System-wide: `GetSystemTimes` (user, kernel − idle, idle) plus the interrupt and DPC
/// times summed over the CPUs; per CPU: `NtQuerySystemInformation
/// (SystemProcessorPerformanceInformation)`. Under Wine `interrupt` and `dpc` are
/// always 0.
///
/// [`cpu_times_percent`](crate::cpu_times_percent) returns this struct with percentages
/// instead of seconds.
#[doc(alias = "scputimes")]
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CpuTimes {
    /// Executing in user mode.
    pub user: f64,
    /// Executing in kernel mode, idle time excluded (kernel − idle).
    pub system: f64,
    /// Doing nothing (the idle thread).
    pub idle: f64,
    /// Servicing hardware interrupts (`InterruptTime`).
    pub interrupt: f64,
    /// Servicing deferred procedure calls (`DpcTime`).
    pub dpc: f64,
}

cpu_times_fields!(user, system, idle, interrupt, dpc);

impl CpuTimes {
    fn from_processor(p: &ProcessorTimes) -> CpuTimes {
        CpuTimes {
            user: duration_secs(p.user),
            system: duration_secs(p.system()),
            idle: duration_secs(p.idle),
            interrupt: duration_secs(p.interrupt),
            dpc: duration_secs(p.dpc),
        }
    }
}

/// Both, for a [`CpuSampler`](crate::CpuSampler): the system-wide times summing the
/// interrupt and DPC times of the same per-CPU read.
pub(crate) fn cpu_times_both() -> Result<(CpuTimes, Vec<CpuTimes>)> {
    let per = processors()?;
    let total = system_times(&per)?;
    Ok((total, per.iter().map(CpuTimes::from_processor).collect()))
}

/// The per-CPU records of `SystemProcessorPerformanceInformation`.
fn processors() -> Result<Vec<ProcessorTimes>> {
    let n = super::cpu_count().unwrap_or(1);
    let buf = ntquery::query(
        SystemProcessorPerformanceInformation,
        n * PROCESSOR_PERFORMANCE_LEN,
        "SystemProcessorPerformanceInformation",
    )?;
    // ReturnLength is a whole number of records; keep only those, to be safe.
    let whole = buf.len() / PROCESSOR_PERFORMANCE_LEN * PROCESSOR_PERFORMANCE_LEN;
    parse_processor_performance(buf.get(..whole).unwrap_or_default())
}

/// `GetSystemTimes`, with the interrupt and DPC times of `per` summed.
fn system_times(per: &[ProcessorTimes]) -> Result<CpuTimes> {
    let zero = FILETIME {
        dwLowDateTime: 0,
        dwHighDateTime: 0,
    };
    let (mut idle, mut kernel, mut user) = (zero, zero, zero);
    // SAFETY: three valid FILETIME out-pointers.
    let ok = unsafe { GetSystemTimes(&mut idle, &mut kernel, &mut user) };
    if ok == 0 {
        return Err(super::super::win32::last_error("GetSystemTimes"));
    }
    let ticks = |f: &FILETIME| from_parts(f.dwLowDateTime, f.dwHighDateTime);
    let (idle, kernel, user) = (ticks(&idle), ticks(&kernel), ticks(&user));
    Ok(CpuTimes {
        user: duration_secs(user),
        system: duration_secs(kernel.saturating_sub(idle)),
        idle: duration_secs(idle),
        interrupt: per.iter().map(|p| duration_secs(p.interrupt)).sum(),
        dpc: per.iter().map(|p| duration_secs(p.dpc)).sum(),
    })
}

/// `cpu_times()`.
pub(crate) fn cpu_times() -> Result<CpuTimes> {
    system_times(&processors()?)
}

/// `cpu_times(percpu=True)`.
pub(crate) fn cpu_times_percpu() -> Result<Vec<CpuTimes>> {
    Ok(processors()?.iter().map(CpuTimes::from_processor).collect())
}

/// `cpu_stats()`: `ContextSwitches` and `SystemCalls` of `SystemPerformanceInformation`,
/// the `InterruptCount`s of `SystemProcessorPerformanceInformation` summed, and 0 soft
/// interrupts (psutil's value on Windows). Under Wine all three counters are 0.
pub(crate) fn cpu_stats() -> Result<CpuStats> {
    let perf = ntquery::query(
        SystemPerformanceInformation,
        SYSTEM_PERFORMANCE_LEN,
        "SystemPerformanceInformation",
    )?;
    let perf = parse_system_performance(&perf)?;
    let interrupts = processors()?
        .iter()
        .map(|p| u64::from(p.interrupt_count))
        .sum();
    Ok(CpuStats {
        ctx_switches: u64::from(perf.context_switches),
        interrupts,
        soft_interrupts: Some(0),
        syscalls: u64::from(perf.system_calls),
    })
}
