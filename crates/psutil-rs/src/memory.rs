//! System memory: `virtual_memory()` and `swap_memory()`.

use crate::error::Result;
use crate::sys;

/// System memory usage, in bytes: psutil's `svmem`, whose fields differ by platform
/// (defined by the platform backend; on Linux, from `/proc/meminfo`).
pub use crate::sys::memory::VirtualMemory;

/// Swap usage, in bytes. psutil's `sswap`.
#[doc(alias = "sswap")]
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct SwapMemory {
    /// `SwapTotal` of `/proc/meminfo` (or `sysinfo(2)` when the line is missing).
    pub total: u64,
    /// `total - free`.
    pub used: u64,
    /// `SwapFree`.
    pub free: u64,
    /// `used / total * 100`, rounded to one decimal.
    pub percent: f64,
    /// Bytes swapped in since boot: `pswpin` of `/proc/vmstat` × 4096 (psutil's
    /// constant, the kernel's swap page unit). 0 when the counter is missing.
    pub sin: u64,
    /// Bytes swapped out since boot: `pswpout` × 4096.
    pub sout: u64,
}

/// System memory statistics, like `free(1)`. psutil's `virtual_memory()`.
///
/// Linux: reads `/proc/meminfo` (and `/proc/zoneinfo` on kernels before 3.14).
///
/// Windows: `GetPerformanceInfo` (`PhysicalTotal`, `PhysicalAvailable` × page size).
pub fn virtual_memory() -> Result<VirtualMemory> {
    sys::memory::virtual_memory()
}

/// Swap statistics. psutil's `swap_memory()`.
///
/// Linux: reads `/proc/meminfo` (falling back to `sysinfo(2)`) and `/proc/vmstat`.
///
/// Windows: `GetPerformanceInfo` (`CommitLimit` − `PhysicalTotal`) and the PDH counter `\Paging File(_Total)\% Usage`; `sin`/`sout` are 0, as psutil.
pub fn swap_memory() -> Result<SwapMemory> {
    sys::memory::swap_memory()
}
