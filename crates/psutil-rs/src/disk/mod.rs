//! Disks: mounted filesystems, space usage and block-device I/O counters
//! (psutil's `disk_partitions()`, `disk_usage()` and `disk_io_counters()`).

pub(crate) mod io;
mod partitions;
mod usage;

pub use io::{
    disk_io_counters, disk_io_counters_cache_clear, disk_io_counters_perdisk, DiskIoCounters,
};
pub use partitions::{disk_partitions, DiskPartition};
pub use usage::{disk_usage, disk_usage_timeout, DiskUsage};
