//! The disk functions on Windows (skeleton: placeholders until the system half lands).

use std::path::Path;

use indexmap::IndexMap;

use crate::disk::{DiskPartition, DiskUsage};
use crate::error::{Error, Result};

/// Disk I/O statistics since boot: psutil's Windows `sdiskio`
/// (`DeviceIoControl(IOCTL_DISK_PERFORMANCE)` on `\\.\PhysicalDriveN`).
#[doc(alias = "sdiskio")]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct DiskIoCounters {
    /// Reads completed.
    pub read_count: u64,
    /// Writes completed.
    pub write_count: u64,
    /// Bytes read.
    pub read_bytes: u64,
    /// Bytes written.
    pub write_bytes: u64,
    /// Time spent reading, in milliseconds.
    pub read_time: u64,
    /// Time spent writing, in milliseconds.
    pub write_time: u64,
}

impl DiskIoCounters {
    /// The number of fields, for the common wrap-around correction.
    pub(crate) const FIELDS: usize = 6;

    /// The fields in psutil's order.
    pub(crate) fn to_array(self) -> [u64; 6] {
        [
            self.read_count,
            self.write_count,
            self.read_bytes,
            self.write_bytes,
            self.read_time,
            self.write_time,
        ]
    }

    /// The inverse of [`to_array`](Self::to_array).
    pub(crate) fn from_array(a: [u64; 6]) -> Self {
        DiskIoCounters {
            read_count: a[0],
            write_count: a[1],
            read_bytes: a[2],
            write_bytes: a[3],
            read_time: a[4],
            write_time: a[5],
        }
    }
}

/// The key of the wrap-around state: one source on Windows.
pub(crate) type NowrapKey = ();

fn todo<T>(what: &str) -> Result<T> {
    Err(Error::unsupported(format!(
        "{what} on Windows (not implemented yet)"
    )))
}

pub(crate) fn disk_io_counters() -> Result<Option<DiskIoCounters>> {
    todo("disk_io_counters")
}

pub(crate) fn disk_io_counters_perdisk() -> Result<IndexMap<String, DiskIoCounters>> {
    todo("disk_io_counters")
}

pub(crate) fn disk_partitions(_all: bool) -> Result<Vec<DiskPartition>> {
    todo("disk_partitions")
}

pub(crate) fn disk_usage(_path: &Path) -> Result<DiskUsage> {
    todo("disk_usage")
}
