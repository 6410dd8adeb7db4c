//! The disk functions on macOS: `getfsstat(MNT_NOWAIT)` for the partitions,
//! `statvfs(3)` for the usage, IOKit block storage statistics for the I/O counters.

mod io;
mod partitions;
mod usage;

pub use io::DiskIoCounters;
pub(crate) use io::{disk_io_raw, NowrapKey};
pub(crate) use partitions::disk_partitions;
pub(crate) use usage::disk_usage;
