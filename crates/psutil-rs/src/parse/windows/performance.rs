//! `NtQuerySystemInformation(SystemPerformanceInformation)`: the
//! `SYSTEM_PERFORMANCE_INFORMATION` counters psutil's `cpu_stats()` reads (context
//! switches and system calls since boot). The record is 312 bytes on 64-bit Windows
//! (Wine fills the same length); `ContextSwitches` is at 296 and `SystemCalls` at 308,
//! after the I/O, memory-manager and cache-manager counters.

use crate::error::{Error, Result};
use crate::parse::bytes::u32_at;

/// Length of `SYSTEM_PERFORMANCE_INFORMATION` on 64-bit Windows.
pub const SYSTEM_PERFORMANCE_LEN: usize = 312;

/// The counters read from `SYSTEM_PERFORMANCE_INFORMATION`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct SystemPerformance {
    /// `AvailablePages` (offset 44).
    pub available_pages: u32,
    /// `CommitLimit` in pages (offset 52).
    pub commit_limit: u32,
    /// `ContextSwitches` (offset 296): 0 under Wine.
    pub context_switches: u32,
    /// `SystemCalls` (offset 308): 0 under Wine.
    pub system_calls: u32,
}

/// Decodes a `SYSTEM_PERFORMANCE_INFORMATION` record.
pub fn parse_system_performance(buf: &[u8]) -> Result<SystemPerformance> {
    let p = (|| {
        Some(SystemPerformance {
            available_pages: u32_at(buf, 44)?,
            commit_limit: u32_at(buf, 52)?,
            context_switches: u32_at(buf, 296)?,
            system_calls: u32_at(buf, 308)?,
        })
    })();
    p.ok_or_else(|| {
        Error::parse(
            "SystemPerformanceInformation",
            None,
            "short SYSTEM_PERFORMANCE_INFORMATION",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets() {
        let mut b = vec![0u8; SYSTEM_PERFORMANCE_LEN];
        b[44..48].copy_from_slice(&1000u32.to_le_bytes());
        b[52..56].copy_from_slice(&2000u32.to_le_bytes());
        b[296..300].copy_from_slice(&123_456u32.to_le_bytes());
        b[308..312].copy_from_slice(&789u32.to_le_bytes());
        let p = parse_system_performance(&b).unwrap();
        assert_eq!(
            p,
            SystemPerformance {
                available_pages: 1000,
                commit_limit: 2000,
                context_switches: 123_456,
                system_calls: 789
            }
        );
        assert!(parse_system_performance(&b[..311]).is_err());
    }
}
