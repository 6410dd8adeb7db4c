//! `disk_io_counters()` on macOS: IOKit. Every `IOMedia` entry whose parent in the
//! `IOService` plane is an `IOBlockStorageDriver`: the media's `BSD Name`, the
//! driver's `Statistics` dictionary.

use super::super::iokit::{dict_get, dict_i64, dict_string, IoObject};
use crate::disk::io::disk_io_fields;
use crate::error::Result;

/// Disk I/O counters. psutil's `sdiskio` on macOS: the `Statistics` dictionary of the
/// disk's `IOBlockStorageDriver` (`kIOBlockStorageDriverStatistics*Key`).
#[doc(alias = "sdiskio")]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct DiskIoCounters {
    /// `Operations (Read)`.
    pub read_count: u64,
    /// `Operations (Write)`.
    pub write_count: u64,
    /// `Bytes (Read)`.
    pub read_bytes: u64,
    /// `Bytes (Write)`.
    pub write_bytes: u64,
    /// `Total Time (Read)`, ns → ms.
    pub read_time: u64,
    /// `Total Time (Write)`, ns → ms.
    pub write_time: u64,
}

disk_io_fields!(
    read_count,
    write_count,
    read_bytes,
    write_bytes,
    read_time,
    write_time,
);

/// What the nowrap state of a disk is keyed by besides its name: nothing on macOS.
pub(crate) type NowrapKey = ();

/// Nanoseconds per millisecond.
const NS_PER_MS: u64 = 1_000_000;

/// One disk's counters from its driver's `Statistics` dictionary.
fn read_disk(media: &IoObject) -> Option<(String, DiskIoCounters)> {
    let parent = media.parent()?;
    if !parent.conforms_to("IOBlockStorageDriver") {
        return None;
    }
    let props = media.properties()?;
    let name = dict_string(props.get(), "BSD Name")?;
    let pprops = parent.properties()?;
    let stats = dict_get(pprops.get(), "Statistics")?;
    let n = |key: &str| {
        dict_i64(stats, key)
            .and_then(|v| u64::try_from(v).ok())
            .unwrap_or(0)
    };
    Some((
        name,
        DiskIoCounters {
            read_count: n("Operations (Read)"),
            write_count: n("Operations (Write)"),
            read_bytes: n("Bytes (Read)"),
            write_bytes: n("Bytes (Write)"),
            read_time: n("Total Time (Read)") / NS_PER_MS,
            write_time: n("Total Time (Write)") / NS_PER_MS,
        },
    ))
}

/// Every disk's counters (none when IOKit has no `IOMedia`).
fn read_disk_io() -> Vec<(String, DiskIoCounters)> {
    IoObject::matching("IOMedia")
        .unwrap_or_default()
        .iter()
        .filter_map(read_disk)
        .collect()
}

/// The raw counters of `disk_io_counters()` (summed over the disks, `None` when there
/// are none) and of `disk_io_counters(perdisk=True)`, with their nowrap key.
pub(crate) fn disk_io_raw(_perdisk: bool) -> Result<(NowrapKey, Vec<(String, DiskIoCounters)>)> {
    Ok(((), read_disk_io()))
}
