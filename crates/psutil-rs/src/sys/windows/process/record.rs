//! The values of one `SystemProcessInformation` record as the public types: what the
//! process table reads for every process, and what the per-process calls fall back to
//! when access is denied (psutil's "fast path").

use super::types::{MemoryInfo, ProcessCpuTimes, ProcessIoCounters};
use crate::parse::windows::filetime;
use crate::parse::windows::system_process_information::ProcessRecord;
use crate::process::ProcessThread;

/// `UserTime` and `KernelTime`; the children's times are 0, as psutil's.
pub(crate) fn cpu_times(r: &ProcessRecord) -> ProcessCpuTimes {
    ProcessCpuTimes {
        user: filetime::duration_secs(r.user_time),
        system: filetime::duration_secs(r.kernel_time),
        children_user: 0.0,
        children_system: 0.0,
    }
}

/// psutil's `pmem` from the record's memory counters (rss ≡ wset ≡ `WorkingSetSize`,
/// vms ≡ pagefile ≡ `PagefileUsage`, private ≡ `PrivatePageCount`).
pub(crate) fn memory_info(r: &ProcessRecord) -> MemoryInfo {
    MemoryInfo {
        rss: r.working_set_size,
        vms: r.pagefile_usage,
        num_page_faults: u64::from(r.page_fault_count),
        peak_wset: r.peak_working_set_size,
        wset: r.working_set_size,
        peak_paged_pool: r.quota_peak_paged_pool_usage,
        paged_pool: r.quota_paged_pool_usage,
        peak_nonpaged_pool: r.quota_peak_non_paged_pool_usage,
        nonpaged_pool: r.quota_non_paged_pool_usage,
        pagefile: r.pagefile_usage,
        peak_pagefile: r.peak_pagefile_usage,
        private: r.private_page_count,
    }
}

/// psutil's `pio` from the record's six I/O counters.
pub(crate) fn io_counters(r: &ProcessRecord) -> ProcessIoCounters {
    ProcessIoCounters {
        read_count: r.io.read_count,
        write_count: r.io.write_count,
        read_bytes: r.io.read_bytes,
        write_bytes: r.io.write_bytes,
        other_count: r.io.other_count,
        other_bytes: r.io.other_bytes,
    }
}

/// The record's threads: id, user and kernel time.
pub(crate) fn threads(r: &ProcessRecord) -> Vec<ProcessThread> {
    r.threads
        .iter()
        .map(|t| ProcessThread {
            id: u32::try_from(t.tid).unwrap_or(u32::MAX),
            user_time: filetime::duration_secs(t.user_time),
            system_time: filetime::duration_secs(t.kernel_time),
        })
        .collect()
}
