//! `DeviceIoControl(IOCTL_DISK_PERFORMANCE)` on `\\.\PhysicalDriveN`: a `DISK_PERFORMANCE`
//! structure, psutil's `disk_io_counters()` on Windows. Wine 8 answers
//! `ERROR_NOT_SUPPORTED`, so this decoder is how the values are tested.
//!
//! Layout (88 bytes): `BytesRead` 0, `BytesWritten` 8, `ReadTime` 16, `WriteTime` 24,
//! `IdleTime` 32 (`LARGE_INTEGER`s), `ReadCount` 40, `WriteCount` 44, `QueueDepth` 48,
//! `SplitCount` 52 (`DWORD`s), `QueryTime` 56, `StorageDeviceNumber` 64,
//! `StorageManagerName` 68 (8 `WCHAR`s).

use super::filetime::ticks_at;
use crate::error::{Error, Result};
use crate::parse::bytes::u32_at;

/// Size of `DISK_PERFORMANCE`.
pub const DISK_PERFORMANCE_LEN: usize = 88;

/// The counters psutil reads. Times are in 100-ns ticks (psutil divides them by 10^7
/// and reports the result as milliseconds; see psutil-platforms.md §7 gotcha 2).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct DiskPerformance {
    /// `BytesRead`.
    pub bytes_read: u64,
    /// `BytesWritten`.
    pub bytes_written: u64,
    /// `ReadTime`.
    pub read_time: u64,
    /// `WriteTime`.
    pub write_time: u64,
    /// `IdleTime`.
    pub idle_time: u64,
    /// `ReadCount`.
    pub read_count: u32,
    /// `WriteCount`.
    pub write_count: u32,
    /// `QueueDepth`.
    pub queue_depth: u32,
    /// `SplitCount`.
    pub split_count: u32,
    /// `QueryTime`.
    pub query_time: u64,
    /// `StorageDeviceNumber`.
    pub storage_device_number: u32,
}

/// Decodes a `DISK_PERFORMANCE` (at least [`DISK_PERFORMANCE_LEN`] bytes).
pub fn parse(b: &[u8]) -> Result<DiskPerformance> {
    if b.len() < DISK_PERFORMANCE_LEN {
        return Err(Error::parse("DISK_PERFORMANCE", None, "too short"));
    }
    let short = || Error::parse("DISK_PERFORMANCE", None, "too short");
    let t = |at| ticks_at(b, at).ok_or_else(short);
    let d = |at| u32_at(b, at).ok_or_else(short);
    Ok(DiskPerformance {
        bytes_read: t(0)?,
        bytes_written: t(8)?,
        read_time: t(16)?,
        write_time: t(24)?,
        idle_time: t(32)?,
        read_count: d(40)?,
        write_count: d(44)?,
        queue_depth: d(48)?,
        split_count: d(52)?,
        query_time: t(56)?,
        storage_device_number: d(64)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters() {
        let mut b = vec![0u8; DISK_PERFORMANCE_LEN];
        for (i, at) in [0usize, 8, 16, 24, 32, 56].into_iter().enumerate() {
            b[at..at + 8].copy_from_slice(&(1000 * (i as u64 + 1)).to_le_bytes());
        }
        for (i, at) in [40usize, 44, 48, 52, 64].into_iter().enumerate() {
            b[at..at + 4].copy_from_slice(&(i as u32 + 1).to_le_bytes());
        }
        let p = parse(&b).unwrap();
        assert_eq!(
            (p.bytes_read, p.bytes_written, p.read_time, p.write_time),
            (1000, 2000, 3000, 4000)
        );
        assert_eq!((p.idle_time, p.query_time), (5000, 6000));
        assert_eq!(
            (p.read_count, p.write_count, p.queue_depth, p.split_count),
            (1, 2, 3, 4)
        );
        assert_eq!(p.storage_device_number, 5);
        for n in 0..b.len() {
            assert!(parse(&b[..n]).is_err());
        }
    }
}
