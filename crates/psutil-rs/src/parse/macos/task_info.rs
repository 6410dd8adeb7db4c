//! `struct proc_taskinfo` of `<sys/proc_info.h>`, what
//! `proc_pidinfo(pid, PROC_PIDTASKINFO)` fills: psutil's source for cpu_times,
//! memory_info, num_threads and num_ctx_switches on macOS.

use crate::error::{Error, Result};
use crate::parse::bytes::{i32_at, u64_at};

/// `sizeof(struct proc_taskinfo)`.
pub const PROC_TASKINFO_LEN: usize = 96;

/// `pti_virtual_size` (`uint64_t`).
const PTI_VIRTUAL_SIZE: usize = 0;
/// `pti_resident_size`.
const PTI_RESIDENT_SIZE: usize = 8;
/// `pti_total_user`: user time of live and dead threads, in Mach absolute time units.
const PTI_TOTAL_USER: usize = 16;
/// `pti_total_system`.
const PTI_TOTAL_SYSTEM: usize = 24;
/// `pti_faults` (`int32_t`).
const PTI_FAULTS: usize = 52;
/// `pti_pageins`.
const PTI_PAGEINS: usize = 56;
/// `pti_csw`: context switches.
const PTI_CSW: usize = 80;
/// `pti_threadnum`: number of threads.
const PTI_THREADNUM: usize = 84;

/// The fields psutil reads from one `proc_taskinfo`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct TaskInfo {
    /// `pti_virtual_size`, bytes.
    pub virtual_size: u64,
    /// `pti_resident_size`, bytes.
    pub resident_size: u64,
    /// `pti_total_user`, Mach absolute time units.
    pub total_user: u64,
    /// `pti_total_system`, Mach absolute time units.
    pub total_system: u64,
    /// `pti_faults`, a count.
    pub faults: u64,
    /// `pti_pageins`, a count.
    pub pageins: u64,
    /// `pti_csw`, a count.
    pub csw: u64,
    /// `pti_threadnum`.
    pub threadnum: u64,
}

/// A count stored as `int32_t`: a negative value (never meaningful) reads as 0.
fn count(v: i32) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

/// Decodes a `proc_taskinfo`; a buffer shorter than the struct is an error (psutil
/// treats a short `proc_pidinfo` answer as a failure).
pub fn parse(b: &[u8]) -> Result<TaskInfo> {
    if b.len() < PROC_TASKINFO_LEN {
        return Err(Error::parse(
            "proc_taskinfo",
            None,
            format!("{} bytes, expected {PROC_TASKINFO_LEN}", b.len()),
        ));
    }
    let short = || Error::parse("proc_taskinfo", None, "short record");
    let q = |at| u64_at(b, at).ok_or_else(short);
    let c = |at| i32_at(b, at).map(count).ok_or_else(short);
    Ok(TaskInfo {
        virtual_size: q(PTI_VIRTUAL_SIZE)?,
        resident_size: q(PTI_RESIDENT_SIZE)?,
        total_user: q(PTI_TOTAL_USER)?,
        total_system: q(PTI_TOTAL_SYSTEM)?,
        faults: c(PTI_FAULTS)?,
        pageins: c(PTI_PAGEINS)?,
        csw: c(PTI_CSW)?,
        threadnum: c(PTI_THREADNUM)?,
    })
}

/// Mach absolute time units to seconds with the `mach_timebase_info` ratio
/// (`numer / denom` nanoseconds per unit: 1/1 on Intel, 125/3 on Apple Silicon); a
/// zero denominator is taken as 1.
pub fn mach_to_secs(units: u64, numer: u32, denom: u32) -> f64 {
    let denom = if denom == 0 { 1 } else { denom };
    units as f64 * f64::from(numer) / f64::from(denom) / 1e9
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_and_rejects_short() {
        let mut b = vec![0u8; PROC_TASKINFO_LEN];
        b[0..8].copy_from_slice(&4096u64.to_le_bytes());
        b[8..16].copy_from_slice(&1024u64.to_le_bytes());
        b[16..24].copy_from_slice(&3_000_000_000u64.to_le_bytes());
        b[24..32].copy_from_slice(&1_000_000_000u64.to_le_bytes());
        b[52..56].copy_from_slice(&7i32.to_le_bytes());
        b[56..60].copy_from_slice(&(-1i32).to_le_bytes());
        b[80..84].copy_from_slice(&99i32.to_le_bytes());
        b[84..88].copy_from_slice(&3i32.to_le_bytes());
        let t = parse(&b).unwrap();
        assert_eq!((t.virtual_size, t.resident_size), (4096, 1024));
        assert_eq!((t.faults, t.pageins, t.csw, t.threadnum), (7, 0, 99, 3));
        assert_eq!(mach_to_secs(t.total_user, 1, 1), 3.0);
        assert_eq!(mach_to_secs(24, 125, 3), 1e-6);
        assert_eq!(mach_to_secs(1_000_000_000, 1, 0), 1.0);
        assert!(parse(&b[..PROC_TASKINFO_LEN - 1]).is_err());
    }
}
