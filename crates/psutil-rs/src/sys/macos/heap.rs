#![allow(unsafe_code)]
//! `heap_info()` and `heap_trim()` on macOS: the malloc zones (`malloc_get_all_zones`,
//! `malloc_zone_statistics`, `malloc_zone_pressure_relief`).

use std::ffi::c_void;

use crate::error::{Error, Result};

/// This process's C heap, in bytes: psutil's `pheap` on macOS, from the malloc zones'
/// statistics.
#[doc(alias = "pheap")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct HeapInfo {
    /// `malloc_zone_statistics`'s `size_in_use`, summed over the zones.
    pub heap_used: u64,
    /// Always 0, as in psutil (the zones serve large blocks themselves and report them
    /// in `size_in_use`).
    pub mmap_used: u64,
}

// <malloc/malloc.h> functions libc does not declare.
extern "C" {
    fn malloc_get_all_zones(
        task: libc::task_t,
        reader: *const c_void,
        addresses: *mut *mut libc::vm_address_t,
        count: *mut libc::c_uint,
    ) -> libc::kern_return_t;
    fn malloc_zone_pressure_relief(
        zone: *mut libc::malloc_zone_t,
        goal: libc::size_t,
    ) -> libc::size_t;
}

/// The process's malloc zones: `malloc_get_all_zones` on this task (no reader: the
/// zones are in this process), or the default zone alone when that fails or finds
/// none, as psutil (which raises when there is no default zone either).
#[allow(deprecated)] // libc's Mach bindings (mach_task_self); see `mach.rs`
fn zones() -> Result<Vec<*mut libc::malloc_zone_t>> {
    let mut addrs: *mut libc::vm_address_t = std::ptr::null_mut();
    let mut count: libc::c_uint = 0;
    // SAFETY: the out-pointers are valid; a null reader reads this task's own memory.
    // mach_task_self has no preconditions.
    let kr = unsafe {
        malloc_get_all_zones(
            libc::mach_task_self(),
            std::ptr::null(),
            &mut addrs,
            &mut count,
        )
    };
    if kr == libc::KERN_SUCCESS && !addrs.is_null() && count > 0 {
        // SAFETY: on success `addrs` points to `count` zone addresses owned by the
        // malloc library (not to be freed), valid while the zones exist (for the
        // process's lifetime: zones are never unregistered here).
        let all = unsafe { std::slice::from_raw_parts(addrs, count as usize) };
        return Ok(all
            .iter()
            .map(|&a| a as *mut libc::malloc_zone_t)
            .filter(|z| !z.is_null())
            .collect());
    }
    // SAFETY: malloc_default_zone has no preconditions.
    let zone = unsafe { libc::malloc_default_zone() };
    if zone.is_null() {
        return Err(Error::unsupported("malloc_default_zone() found no zone"));
    }
    Ok(vec![zone])
}

/// `heap_info()`.
pub(crate) fn heap_info() -> Result<HeapInfo> {
    let mut heap_used: u64 = 0;
    for zone in zones()? {
        // SAFETY: malloc_statistics_t is plain data, valid when zeroed.
        let mut stats: libc::malloc_statistics_t = unsafe { std::mem::zeroed() };
        // SAFETY: `zone` is a live malloc zone of this process; `stats` is writable.
        unsafe { libc::malloc_zone_statistics(zone, &mut stats) };
        heap_used = heap_used.saturating_add(stats.size_in_use as u64);
    }
    Ok(HeapInfo {
        heap_used,
        mmap_used: 0,
    })
}

/// `heap_trim()`: the bytes each zone released are ignored, as in psutil.
pub(crate) fn heap_trim() -> Result<()> {
    for zone in zones()? {
        // SAFETY: `zone` is a live malloc zone of this process; goal 0 asks it to
        // release as much as it can.
        let _ = unsafe { malloc_zone_pressure_relief(zone, 0) };
    }
    Ok(())
}
