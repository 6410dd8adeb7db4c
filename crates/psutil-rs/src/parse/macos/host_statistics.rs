//! The Mach host statistics psutil reads on macOS: `vm_statistics64` of
//! `<mach/vm_statistics.h>` (`host_statistics64(HOST_VM_INFO64)`: virtual_memory,
//! swap_memory's sin/sout), the CPU tick arrays of `<mach/host_info.h>` and
//! `<mach/processor_info.h>` (`HOST_CPU_LOAD_INFO`, `PROCESSOR_CPU_LOAD_INFO`:
//! cpu_times), and the words psutil's cpu_stats reads from `HOST_VM_INFO`'s buffer.
//! The host calls fill arrays of `integer_t`; the caller hands them over as bytes.

use crate::error::{Error, Result};
use crate::parse::bytes::{u32_at, u64_at};

/// `sizeof(struct vm_statistics64)` (`HOST_VM_INFO64_COUNT` × 4).
pub const VM_STATISTICS64_LEN: usize = 152;
/// `free_count` (`natural_t`, pages).
const FREE_COUNT: usize = 0;
/// `active_count`.
const ACTIVE_COUNT: usize = 4;
/// `inactive_count`.
const INACTIVE_COUNT: usize = 8;
/// `wire_count`.
const WIRE_COUNT: usize = 12;
/// `pageins` (`uint64_t`).
const PAGEINS: usize = 32;
/// `pageouts`.
const PAGEOUTS: usize = 40;
/// `speculative_count` (`natural_t`).
const SPECULATIVE_COUNT: usize = 92;

/// The page counts psutil reads from `vm_statistics64`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct VmStatistics {
    /// `free_count`.
    pub free: u64,
    /// `active_count`.
    pub active: u64,
    /// `inactive_count`.
    pub inactive: u64,
    /// `wire_count`.
    pub wire: u64,
    /// `speculative_count`.
    pub speculative: u64,
    /// `pageins`.
    pub pageins: u64,
    /// `pageouts`.
    pub pageouts: u64,
}

/// Decodes `vm_statistics64`; a short buffer is an error.
pub fn parse_vm_statistics64(b: &[u8]) -> Result<VmStatistics> {
    if b.len() < VM_STATISTICS64_LEN {
        return Err(Error::parse("vm_statistics64", None, "short buffer"));
    }
    let short = || Error::parse("vm_statistics64", None, "short buffer");
    let n = |at| u32_at(b, at).map(u64::from).ok_or_else(short);
    let q = |at| u64_at(b, at).ok_or_else(short);
    Ok(VmStatistics {
        free: n(FREE_COUNT)?,
        active: n(ACTIVE_COUNT)?,
        inactive: n(INACTIVE_COUNT)?,
        wire: n(WIRE_COUNT)?,
        speculative: n(SPECULATIVE_COUNT)?,
        pageins: q(PAGEINS)?,
        pageouts: q(PAGEOUTS)?,
    })
}

/// `CPU_STATE_MAX`: ticks per CPU in `host_cpu_load_info` / `processor_cpu_load_info`.
pub const CPU_STATES: usize = 4;
/// Bytes of one CPU's ticks (`natural_t cpu_ticks[CPU_STATE_MAX]`).
pub const CPU_LOAD_INFO_LEN: usize = CPU_STATES * 4;

/// One CPU's (or the host's) ticks, in `CPU_STATE_*` order of `<mach/machine.h>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct CpuTicks {
    /// `CPU_STATE_USER` (0).
    pub user: u64,
    /// `CPU_STATE_SYSTEM` (1).
    pub system: u64,
    /// `CPU_STATE_IDLE` (2).
    pub idle: u64,
    /// `CPU_STATE_NICE` (3).
    pub nice: u64,
}

/// One `cpu_ticks` array at `at`.
fn ticks_at(b: &[u8], at: usize) -> Option<CpuTicks> {
    let n = |i: usize| u32_at(b, at.checked_add(i * 4)?).map(u64::from);
    Some(CpuTicks {
        user: n(0)?,
        system: n(1)?,
        idle: n(2)?,
        nice: n(3)?,
    })
}

/// Decodes `host_cpu_load_info` (the whole host's ticks).
pub fn parse_host_cpu_load(b: &[u8]) -> Result<CpuTicks> {
    ticks_at(b, 0).ok_or_else(|| Error::parse("host_cpu_load_info", None, "short buffer"))
}

/// Decodes `processor_cpu_load_info` records, one per CPU; a trailing partial record
/// is ignored.
pub fn parse_processor_cpu_load(b: &[u8]) -> Vec<CpuTicks> {
    b.chunks_exact(CPU_LOAD_INFO_LEN)
        .filter_map(|c| ticks_at(c, 0))
        .collect()
}

/// What psutil's `cpu_stats()` reports on macOS: it passes a `struct vmmeter`
/// (`<sys/vmmeter.h>`: `v_swtch`, `v_trap`, `v_syscall`, `v_intr`, `v_soft`, ... all
/// `unsigned int`) to `host_statistics(HOST_VM_INFO)` and reads those words from what
/// the call wrote (a `vm_statistics`), so the numbers are that buffer's words 0, 3, 4
/// and 2. Reproduced as psutil does it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct VmMeterWords {
    /// `v_swtch` (word 0): psutil's `ctx_switches`.
    pub swtch: u64,
    /// `v_intr` (word 3): psutil's `interrupts`.
    pub intr: u64,
    /// `v_soft` (word 4): psutil's `soft_interrupts`.
    pub soft: u64,
    /// `v_syscall` (word 2): psutil's `syscalls`.
    pub syscall: u64,
}

/// Decodes the first five `unsigned int` words of the `HOST_VM_INFO` buffer as
/// `struct vmmeter`.
pub fn parse_vmmeter(b: &[u8]) -> Result<VmMeterWords> {
    let short = || Error::parse("vmmeter", None, "short buffer");
    let w = |i: usize| u32_at(b, i * 4).map(u64::from).ok_or_else(short);
    Ok(VmMeterWords {
        swtch: w(0)?,
        syscall: w(2)?,
        intr: w(3)?,
        soft: w(4)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(w: &[u32]) -> Vec<u8> {
        w.iter().flat_map(|x| x.to_le_bytes()).collect()
    }

    #[test]
    fn vm_statistics64() {
        let mut b = vec![0u8; VM_STATISTICS64_LEN];
        b[..16].copy_from_slice(&words(&[10, 20, 30, 40]));
        b[32..40].copy_from_slice(&5u64.to_le_bytes());
        b[40..48].copy_from_slice(&6u64.to_le_bytes());
        b[92..96].copy_from_slice(&7u32.to_le_bytes());
        let v = parse_vm_statistics64(&b).unwrap();
        assert_eq!((v.free, v.active, v.inactive, v.wire), (10, 20, 30, 40));
        assert_eq!((v.pageins, v.pageouts, v.speculative), (5, 6, 7));
        assert!(parse_vm_statistics64(&b[..151]).is_err());
    }

    #[test]
    fn cpu_ticks() {
        let b = words(&[1, 2, 3, 4, 5, 6, 7, 8, 9]);
        let h = parse_host_cpu_load(&b).unwrap();
        assert_eq!((h.user, h.system, h.idle, h.nice), (1, 2, 3, 4));
        let per = parse_processor_cpu_load(&b);
        assert_eq!(per.len(), 2);
        assert_eq!(per[1].nice, 8);
        assert!(parse_host_cpu_load(&b[..15]).is_err());
        let m = parse_vmmeter(&b).unwrap();
        assert_eq!((m.swtch, m.syscall, m.intr, m.soft), (1, 3, 4, 5));
        assert!(parse_vmmeter(&b[..19]).is_err());
    }
}
