//! `virtual_memory()` and `swap_memory()` on FreeBSD: `hw.physmem`, the
//! `vm.stats.vm.v_*_count` page counts, `vfs.bufspace`, `vm.vmtotal`, and the swap
//! devices of `vm.swap_info.<n>` (what libkvm's `kvm_getswapinfo` sums, read without a
//! kvm handle).

use super::sysctl;
use crate::error::Result;
use crate::memory::SwapMemory;
use crate::parse::freebsd::values;
use crate::percent::usage_percent;

/// System memory usage, in bytes. psutil's `svmem` on FreeBSD, with its fields in its
/// order. The page counts of `vm.stats.vm.*` are multiplied by `hw.pagesize`.
#[doc(alias = "svmem")]
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct VirtualMemory {
    /// `hw.physmem`: total physical memory.
    pub total: u64,
    /// `inactive + cached + free`: memory that can be given to processes.
    pub available: u64,
    /// `(total - available) / total * 100`, rounded to one decimal.
    pub percent: f64,
    /// `active + wired + cached`.
    pub used: u64,
    /// `vm.stats.vm.v_free_count`.
    pub free: u64,
    /// `vm.stats.vm.v_active_count`.
    pub active: u64,
    /// `vm.stats.vm.v_inactive_count`.
    pub inactive: u64,
    /// `vfs.bufspace`: the buffer cache, bytes.
    pub buffers: u64,
    /// `vm.stats.vm.v_cache_count` (0 since FreeBSD 12, which has no cache queue).
    pub cached: u64,
    /// `t_vmshr + t_rmshr` of `vm.vmtotal`.
    pub shared: u64,
    /// `vm.stats.vm.v_wire_count`.
    pub wired: u64,
}

fn value(name: &str, signed: bool) -> Result<u64> {
    sysctl::uint(name, signed).map_err(|e| sysctl::error(e, name))
}

/// A page count of `vm.stats.vm`, in bytes; a counter the kernel no longer has
/// (`ENOENT`, e.g. `v_cache_count`) is 0.
fn pages(name: &str) -> Result<u64> {
    match sysctl::uint(name, false) {
        Ok(n) => Ok(n.saturating_mul(sysctl::page_size())),
        Err(e) if e.raw_os_error() == Some(libc::ENOENT) => Ok(0),
        Err(e) => Err(sysctl::error(e, name)),
    }
}

/// `virtual_memory()`.
pub(crate) fn virtual_memory() -> Result<VirtualMemory> {
    let total = value("hw.physmem", false)?;
    let active = pages("vm.stats.vm.v_active_count")?;
    let inactive = pages("vm.stats.vm.v_inactive_count")?;
    let wired = pages("vm.stats.vm.v_wire_count")?;
    let cached = pages("vm.stats.vm.v_cache_count")?;
    let free = pages("vm.stats.vm.v_free_count")?;
    let buffers = value("vfs.bufspace", true)?;
    let vmtotal = sysctl::by_name("vm.vmtotal").map_err(|e| sysctl::error(e, "vm.vmtotal"))?;
    let shared = values::vmtotal_shared(&vmtotal)?.saturating_mul(sysctl::page_size());
    let available = inactive + cached + free;
    let used = active + wired + cached;
    Ok(VirtualMemory {
        total,
        available,
        percent: usage_percent(total.saturating_sub(available) as f64, total as f64),
        used,
        free,
        active,
        inactive,
        buffers,
        cached,
        shared,
        wired,
    })
}

/// The `(total, used)` pages of every swap device: `vm.swap_info.<n>` for n = 0, 1, ...
/// until `ENOENT`.
fn swap_pages() -> Result<(u64, u64)> {
    let mut mib =
        sysctl::name_to_mib("vm.swap_info").map_err(|e| sysctl::error(e, "vm.swap_info"))?;
    mib.push(0);
    let (mut total, mut used) = (0u64, 0u64);
    for n in 0..1024 {
        if let Some(last) = mib.last_mut() {
            *last = n;
        }
        match sysctl::by_mib_fixed(&mib, values::XSWDEV_LEN) {
            Ok(buf) => {
                let (t, u) = values::xswdev(&buf)?;
                total += t;
                used += u;
            }
            Err(e) if e.raw_os_error() == Some(libc::ENOENT) => break,
            Err(e) => return Err(sysctl::error(e, "vm.swap_info")),
        }
    }
    Ok((total, used))
}

/// `swap_memory()`: the swap devices' pages × page size; `sin` is `v_swapin +
/// v_swapout` and `sout` `v_vnodein + v_vnodeout`, page counts as psutil reports them
/// on FreeBSD (psutil-platforms.md §7 gotcha 8).
pub(crate) fn swap_memory() -> Result<SwapMemory> {
    let (t, u) = swap_pages()?;
    let page = sysctl::page_size();
    let (total, used) = (t.saturating_mul(page), u.saturating_mul(page));
    let c = |name| value(name, false);
    Ok(SwapMemory {
        total,
        used,
        free: total.saturating_sub(used),
        percent: usage_percent(used as f64, total as f64),
        sin: c("vm.stats.vm.v_swapin")? + c("vm.stats.vm.v_swapout")?,
        sout: c("vm.stats.vm.v_vnodein")? + c("vm.stats.vm.v_vnodeout")?,
    })
}
