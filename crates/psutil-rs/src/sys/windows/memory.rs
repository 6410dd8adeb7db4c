#![allow(unsafe_code)]
//! `virtual_memory()` and `swap_memory()` on Windows: `GetPerformanceInfo`, and the PDH
//! counter `\Paging File(_Total)\% Usage` for the swap in use.

use windows_sys::Win32::System::ProcessStatus::{GetPerformanceInfo, PERFORMANCE_INFORMATION};

use super::cpu::pdh::Counter;
use crate::error::Result;
use crate::memory::SwapMemory;
use crate::percent::{round_to, usage_percent};

/// System memory usage, in bytes. psutil's `svmem` on Windows, with its fields in its
/// order.
///
/// From `GetPerformanceInfo`: `PhysicalTotal` and `PhysicalAvailable`, in pages of
/// `PageSize` bytes. Under Wine these are the host's `MemTotal` and `MemAvailable`
/// (rounded down to pages).
#[doc(alias = "svmem")]
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct VirtualMemory {
    /// `PhysicalTotal × PageSize`: total physical memory.
    pub total: u64,
    /// `PhysicalAvailable × PageSize`: memory that can be given to processes without
    /// swapping.
    pub available: u64,
    /// `(total - available) / total * 100`, rounded to one decimal.
    pub percent: f64,
    /// `total - available`.
    pub used: u64,
    /// The same as `available`, as psutil reports it on Windows.
    pub free: u64,
}

/// The `GetPerformanceInfo` record.
fn performance_info() -> Result<PERFORMANCE_INFORMATION> {
    let size = std::mem::size_of::<PERFORMANCE_INFORMATION>();
    // SAFETY: PERFORMANCE_INFORMATION is plain data; `info` is valid for `size` bytes.
    let (ok, info) = unsafe {
        let mut info: PERFORMANCE_INFORMATION = std::mem::zeroed();
        let ok = GetPerformanceInfo(&mut info, u32::try_from(size).unwrap_or(u32::MAX));
        (ok, info)
    };
    if ok == 0 {
        return Err(super::win32::last_error("GetPerformanceInfo"));
    }
    Ok(info)
}

/// Pages × page size in bytes.
fn bytes(pages: usize, page_size: usize) -> u64 {
    (pages as u64).saturating_mul(page_size as u64)
}

/// `virtual_memory()`.
pub(crate) fn virtual_memory() -> Result<VirtualMemory> {
    let info = performance_info()?;
    let total = bytes(info.PhysicalTotal, info.PageSize);
    let available = bytes(info.PhysicalAvailable, info.PageSize);
    let used = total.saturating_sub(available);
    Ok(VirtualMemory {
        total,
        available,
        percent: usage_percent(used as f64, total as f64),
        used,
        free: available,
    })
}

/// The share of the paging files in use, in percent: the PDH counter
/// `\Paging File(_Total)\% Usage`; `None` when it cannot be read (Wine 8 lacks it).
fn paging_file_percent() -> Option<f64> {
    Counter::open("\\Paging File(_Total)\\% Usage")
        .ok()?
        .sample()
        .filter(|p| p.is_finite() && *p >= 0.0)
}

/// `swap_memory()`: `total` is the commit limit minus physical memory (both from
/// `GetPerformanceInfo`), `used` is `total` times the paging-file usage percentage of
/// PDH, `sin` and `sout` are 0 (psutil's values on Windows).
///
/// When the PDH counter cannot be read, `used` is 0 and `percent` 0.0; psutil raises
/// `RuntimeError` there (as it does under Wine, which lacks the counter and reports a
/// two-page "swap" on a host without swap).
pub(crate) fn swap_memory() -> Result<SwapMemory> {
    let info = performance_info()?;
    let total = bytes(info.CommitLimit, info.PageSize)
        .saturating_sub(bytes(info.PhysicalTotal, info.PageSize));
    let percent = if total > 0 {
        paging_file_percent().unwrap_or(0.0)
    } else {
        0.0
    };
    // psutil: int(0.01 * percent * total), truncated.
    let used = ((0.01 * percent * total as f64) as u64).min(total);
    Ok(SwapMemory {
        total,
        used,
        free: total - used,
        percent: round_to(percent, 1),
        sin: 0,
        sout: 0,
    })
}
