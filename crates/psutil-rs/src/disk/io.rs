//! `disk_io_counters()`: block-device I/O counters, with psutil's wrap-around
//! correction.

use indexmap::IndexMap;

use crate::error::Result;
use crate::sys;

/// Block-device I/O statistics since boot: psutil's `sdiskio`, whose fields differ by
/// platform (defined by the platform backend; on Linux, from `/proc/diskstats`).
pub use crate::sys::disk::DiskIoCounters;

/// System-wide disk I/O counters: the sum over whole disks. psutil's
/// `disk_io_counters(perdisk=False)`.
///
/// Linux: reads `/proc/diskstats` (or, without it, every `/sys/block/<dev>/**/stat`) and keeps
/// the devices that have a `/sys/block/<name>` entry (a `/` in the name is looked up as
/// `!`): whole disks and virtual devices (loop, dm, md, zram), not partitions, which
/// would count twice. `None` when there is no device at all.
///
/// Counters that wrap around (32-bit on some kernels) are corrected as psutil's default
/// `nowrap=True` does: a value smaller than the previous one adds the previous one to
/// all later results, so totals never decrease. That state is process-wide per
/// `Root` (Linux) and shared with [`disk_io_counters_perdisk`]; reset it with
/// [`disk_io_counters_cache_clear`]. For the kernel's values as they are (psutil's
/// `nowrap=False`) use `Root::disk_io_counters_raw` (Linux).
///
/// Without `/proc/diskstats` and `/sys/block` this is
/// [`Error::Unsupported`](crate::Error::Unsupported).
pub fn disk_io_counters() -> Result<Option<DiskIoCounters>> {
    sys::disk::disk_io_counters()
}

/// Disk I/O counters per device, partitions included, keyed by the kernel's name
/// (`sda`, `sda1`, `nvme0n1p2`, `cciss/c0d0`). psutil's
/// `disk_io_counters(perdisk=True)`.
///
/// Linux: reads `/proc/diskstats` (or every `/sys/block/<dev>/**/stat`), with the same
/// wrap-around correction as [`disk_io_counters`]; the raw values are
/// `Root::disk_io_counters_perdisk_raw` (Linux). Empty when there is no device.
///
/// The map lists the devices in the order of `/proc/diskstats` (or of the `/sys/block`
/// walk), as psutil's dict does; a name listed twice keeps its first place and its
/// last values.
pub fn disk_io_counters_perdisk() -> Result<IndexMap<String, DiskIoCounters>> {
    sys::disk::disk_io_counters_perdisk()
}

/// Forgets the wrap-around state of [`disk_io_counters`] and
/// [`disk_io_counters_perdisk`] for every root. psutil's
/// `disk_io_counters.cache_clear()`. Reads nothing.
pub fn disk_io_counters_cache_clear() {
    sys::disk::disk_io_counters_cache_clear()
}
