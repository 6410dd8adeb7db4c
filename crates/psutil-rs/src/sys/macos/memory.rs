//! `virtual_memory()` and `swap_memory()` on macOS: `sysctl(CTL_HW, HW_MEMSIZE)`,
//! `host_statistics64(HOST_VM_INFO64)` and `sysctl(CTL_VM, VM_SWAPUSAGE)`.

use super::{mach, sysctl};
use crate::error::{Error, Result};
use crate::memory::SwapMemory;
use crate::parse::macos::host_statistics::{
    parse_vm_statistics64, VmStatistics, VM_STATISTICS64_LEN,
};
use crate::parse::macos::sysctl_values::parse_swapusage;
use crate::percent::usage_percent;

/// System memory, in bytes. psutil's `svmem` on macOS: `hw.memsize` and the page
/// counts of `host_statistics64(HOST_VM_INFO64)` × the page size.
#[doc(alias = "svmem")]
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct VirtualMemory {
    /// `hw.memsize`: physical memory.
    pub total: u64,
    /// `inactive_count + free_count` pages: what can be given to processes at once.
    pub available: u64,
    /// `(total - available) / total`, in percent.
    pub percent: f64,
    /// `active_count + wire_count` pages.
    pub used: u64,
    /// `free_count - speculative_count` pages.
    pub free: u64,
    /// `active_count` pages: recently used.
    pub active: u64,
    /// `inactive_count` pages: not recently used.
    pub inactive: u64,
    /// `wire_count` pages: memory that cannot be paged out.
    pub wired: u64,
}

/// `host_statistics64(HOST_VM_INFO64)`.
fn vm_statistics() -> Result<VmStatistics> {
    let b = mach::host_statistics64(
        libc::HOST_VM_INFO64,
        VM_STATISTICS64_LEN / 4,
        "host_statistics64(HOST_VM_INFO64)",
    )?;
    parse_vm_statistics64(&b)
}

/// `virtual_memory()`.
pub(crate) fn virtual_memory() -> Result<VirtualMemory> {
    let total = sysctl::uint_by_mib(&[libc::CTL_HW, libc::HW_MEMSIZE])
        .map_err(|e| Error::from_io(e, "sysctl hw.memsize"))?;
    let vm = vm_statistics()?;
    let page = mach::page_size();
    let bytes = |pages: u64| pages.saturating_mul(page);
    let available = bytes(vm.inactive.saturating_add(vm.free));
    let used = bytes(vm.active.saturating_add(vm.wire));
    Ok(VirtualMemory {
        total,
        available,
        percent: usage_percent(total.saturating_sub(available) as f64, total as f64),
        used,
        free: bytes(vm.free.saturating_sub(vm.speculative)),
        active: bytes(vm.active),
        inactive: bytes(vm.inactive),
        wired: bytes(vm.wire),
    })
}

/// `swap_memory()`: `vm.swapusage` (`xsu_total`, `xsu_used`, `xsu_avail`), sin/sout
/// from `pageins`/`pageouts` × the page size.
pub(crate) fn swap_memory() -> Result<SwapMemory> {
    let b = sysctl::by_mib(&[libc::CTL_VM, libc::VM_SWAPUSAGE])
        .map_err(|e| Error::from_io(e, "sysctl vm.swapusage"))?;
    let s = parse_swapusage(&b)?;
    let vm = vm_statistics()?;
    let page = mach::page_size();
    Ok(SwapMemory {
        total: s.total,
        used: s.used,
        free: s.avail,
        percent: usage_percent(s.used as f64, s.total as f64),
        sin: vm.pageins.saturating_mul(page),
        sout: vm.pageouts.saturating_mul(page),
    })
}
