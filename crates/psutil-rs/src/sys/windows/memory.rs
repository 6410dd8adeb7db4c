//! The memory functions on Windows (skeleton: placeholders until the system half lands).

use crate::error::{Error, Result};
use crate::memory::SwapMemory;

/// System memory statistics in bytes: psutil's Windows `svmem` (`GetPerformanceInfo`).
#[doc(alias = "svmem")]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct VirtualMemory {
    /// Total physical memory.
    pub total: u64,
    /// Memory available to processes without swapping.
    pub available: u64,
    /// `(total - available) / total * 100`.
    pub percent: f64,
    /// `total - available`.
    pub used: u64,
    /// Same as `available` on Windows.
    pub free: u64,
}

pub(crate) fn virtual_memory() -> Result<VirtualMemory> {
    Err(Error::unsupported(
        "virtual_memory on Windows (not implemented yet)",
    ))
}

pub(crate) fn swap_memory() -> Result<SwapMemory> {
    Err(Error::unsupported(
        "swap_memory on Windows (not implemented yet)",
    ))
}
