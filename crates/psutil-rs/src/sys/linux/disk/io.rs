//! `disk_io_counters()` on Linux: `/proc/diskstats` (or `/sys/block/*/**/stat`), with
//! psutil's wrap-around correction.

use std::path::PathBuf;

use indexmap::IndexMap;

use crate::disk::io::{apply_nowrap, disk_io_fields, forget_nowrap, sum};
use crate::error::{Error, Result};
use crate::parse::diskstats::{self, DiskStat};
use crate::sys;
use crate::sys::root::Root;

/// The kernel's sector unit in diskstats, whatever the device's real sector size.
const SECTOR_SIZE: u64 = 512;

/// Block-device I/O statistics since boot. psutil's `sdiskio`, fields in its order.
///
/// From `/proc/diskstats` (see [`crate::parse::diskstats`]). Times are in
/// milliseconds.
#[doc(alias = "sdiskio")]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct DiskIoCounters {
    /// Reads completed.
    pub read_count: u64,
    /// Writes completed.
    pub write_count: u64,
    /// Bytes read: sectors read × 512.
    pub read_bytes: u64,
    /// Bytes written: sectors written × 512.
    pub write_bytes: u64,
    /// Milliseconds spent reading (summed over concurrent requests).
    pub read_time: u64,
    /// Milliseconds spent writing (summed over concurrent requests).
    pub write_time: u64,
    /// Reads merged with an adjacent one before reaching the device.
    pub read_merged_count: u64,
    /// Writes merged with an adjacent one.
    pub write_merged_count: u64,
    /// Milliseconds during which the device had I/O in flight (`io_ticks`).
    pub busy_time: u64,
}

disk_io_fields!(
    read_count,
    write_count,
    read_bytes,
    write_bytes,
    read_time,
    write_time,
    read_merged_count,
    write_merged_count,
    busy_time,
);

impl DiskIoCounters {
    fn from_stat(s: &DiskStat) -> Self {
        DiskIoCounters {
            read_count: s.reads,
            write_count: s.writes,
            read_bytes: s.read_sectors.saturating_mul(SECTOR_SIZE),
            write_bytes: s.write_sectors.saturating_mul(SECTOR_SIZE),
            read_time: s.read_time,
            write_time: s.write_time,
            read_merged_count: s.reads_merged,
            write_merged_count: s.writes_merged,
            busy_time: s.busy_time,
        }
    }
}

/// Which wrap-around state a read uses: one per root, keyed by its proc and sys
/// directories (the state itself is kept by the common `disk_io_counters` code).
pub(crate) type NowrapKey = (PathBuf, PathBuf);

impl Root {
    fn nowrap_key(&self) -> NowrapKey {
        (self.procfs().to_path_buf(), self.sysfs().to_path_buf())
    }

    /// The raw per-device counters in file order, duplicates resolved to the last line,
    /// partitions dropped unless `perdisk`.
    fn read_disk_io(&self, perdisk: bool) -> Result<Vec<(String, DiskIoCounters)>> {
        let diskstats = self.proc_path("diskstats");
        let sys_block = self.sys_path("block");
        let stats = match sys::fs::read_opt(&diskstats)? {
            Some(data) => diskstats::parse(&data).map_err(|e| e.at_path(&diskstats))?,
            None if sys::fs::exists(&sys_block) => self.read_sys_block_stats(&sys_block)?,
            None => {
                return Err(Error::unsupported(format!(
                    "neither {} nor {} exists",
                    diskstats.display(),
                    sys_block.display()
                )))
            }
        };
        // A name listed twice keeps its first place and its last values, like the
        // assignment into psutil's dict.
        let mut out: IndexMap<String, DiskIoCounters> = IndexMap::with_capacity(stats.len());
        for s in &stats {
            if !perdisk && !sys::fs::exists(&sys_block.join(s.name.replace('/', "!"))) {
                continue;
            }
            out.insert(s.name.clone(), DiskIoCounters::from_stat(s));
        }
        Ok(out.into_iter().collect())
    }

    /// The fallback when `/proc/diskstats` is missing: every `stat` file in
    /// `<sysfs>/block/<dev>` and its subdirectories (partitions), in directory order
    /// (unsorted, as psutil's `os.listdir` and `os.walk` give them).
    fn read_sys_block_stats(&self, sys_block: &std::path::Path) -> Result<Vec<DiskStat>> {
        let mut out = Vec::new();
        for dev in sys::fs::list_dir(sys_block)? {
            for (name, stat) in sys::disk::walk_stat_files(&sys_block.join(dev)) {
                let data = sys::fs::read(&stat)?;
                let s = diskstats::parse_block_stat(&name.to_string_lossy(), &data)
                    .map_err(|e| e.at_path(&stat))?;
                out.push(s);
            }
        }
        Ok(out)
    }

    fn disk_io_nowrap(&self, perdisk: bool) -> Result<Vec<(String, DiskIoCounters)>> {
        let raw = self.read_disk_io(perdisk)?;
        Ok(apply_nowrap(self.nowrap_key(), raw))
    }

    /// [`disk_io_counters`](crate::disk_io_counters) read from this root, with wrap-around
    /// correction (state kept per root).
    pub fn disk_io_counters(&self) -> Result<Option<DiskIoCounters>> {
        Ok(sum(self.disk_io_nowrap(false)?))
    }

    /// [`disk_io_counters_perdisk`](crate::disk_io_counters_perdisk) read from this root,
    /// with wrap-around correction (state kept per root).
    pub fn disk_io_counters_perdisk(&self) -> Result<IndexMap<String, DiskIoCounters>> {
        Ok(self.disk_io_nowrap(true)?.into_iter().collect())
    }

    /// [`disk_io_counters`](crate::disk_io_counters) without wrap-around correction
    /// (psutil's `nowrap=False`): the kernel's counters as they are, which may go backwards
    /// when a 32-bit counter wraps. Does not touch the wrap-around state.
    pub fn disk_io_counters_raw(&self) -> Result<Option<DiskIoCounters>> {
        Ok(sum(self.read_disk_io(false)?))
    }

    /// [`disk_io_counters_perdisk`](crate::disk_io_counters_perdisk) without wrap-around
    /// correction (psutil's `nowrap=False`). Does not touch the wrap-around state.
    pub fn disk_io_counters_perdisk_raw(&self) -> Result<IndexMap<String, DiskIoCounters>> {
        Ok(self.read_disk_io(true)?.into_iter().collect())
    }

    /// Forgets this root's wrap-around state, so the next call reports the kernel's
    /// values as they are (psutil's `disk_io_counters.cache_clear()`).
    pub fn disk_io_counters_cache_clear(&self) {
        forget_nowrap(&self.nowrap_key());
    }
}

/// The raw counters of `disk_io_counters()` (`perdisk` false: whole disks only) or
/// `disk_io_counters(perdisk=True)` from the current [`Root`], with its nowrap key.
pub(crate) fn disk_io_raw(perdisk: bool) -> Result<(NowrapKey, Vec<(String, DiskIoCounters)>)> {
    let root = Root::current();
    Ok((root.nowrap_key(), root.read_disk_io(perdisk)?))
}
