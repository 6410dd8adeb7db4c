//! `virtual_memory()` and `swap_memory()` on Linux: `/proc/meminfo`, `/proc/zoneinfo`,
//! `/proc/vmstat` and `sysinfo(2)`.

use super::root::Root;
use crate::error::Result;
use crate::memory::SwapMemory;
use crate::parse::{meminfo, vmstat, zoneinfo};
use crate::percent::usage_percent;
use crate::sys;

/// System memory usage, in bytes. psutil's `svmem`, with its fields in its order.
///
/// Read from `/proc/meminfo`. A field whose line the kernel does not print is 0, as in
/// psutil.
#[doc(alias = "svmem")]
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct VirtualMemory {
    /// `MemTotal`: total physical memory.
    pub total: u64,
    /// `MemAvailable` (since Linux 3.14); on older kernels, or when it reads 0, the
    /// kernel's own estimate computed from `MemFree`, the file LRU lists, `SReclaimable`
    /// and the `low` watermarks of `/proc/zoneinfo`.
    pub available: u64,
    /// `(total - available) / total * 100`, rounded to one decimal.
    pub percent: f64,
    /// `total - available`, as `free(1)` and psutil ≥ 7.1 compute it.
    pub used: u64,
    /// `MemFree`: memory not used at all.
    pub free: u64,
    /// `Active`: memory recently used.
    pub active: u64,
    /// `Inactive` (or `Inact_dirty + Inact_clean + Inact_laundry` on 2.4 kernels).
    pub inactive: u64,
    /// `Buffers`: block-device cache.
    pub buffers: u64,
    /// `Cached + SReclaimable`: page cache plus reclaimable slab, as `free(1)` counts it.
    pub cached: u64,
    /// `Shmem` (or `MemShared` on 2.4 kernels): tmpfs and shared memory.
    pub shared: u64,
    /// `Slab`: kernel data structures.
    pub slab: u64,
}

impl Root {
    /// [`virtual_memory`](crate::virtual_memory) read from this root.
    pub fn virtual_memory(&self) -> Result<VirtualMemory> {
        let m = sys::fs::parse(&self.proc_path("meminfo"), meminfo::parse)?;
        let total = m.mem_total.unwrap_or(0);
        let free = m.mem_free.unwrap_or(0);
        let cached = m
            .cached
            .unwrap_or(0)
            .saturating_add(m.s_reclaimable.unwrap_or(0));
        let inactive = match m.inactive {
            Some(v) => v,
            None => m
                .inact_dirty
                .unwrap_or(0)
                .saturating_add(m.inact_clean.unwrap_or(0))
                .saturating_add(m.inact_laundry.unwrap_or(0)),
        };
        let mut available = match m.mem_available {
            Some(v) if v != 0 => v,
            _ => self.estimate_available(&m),
        };
        if available > total {
            // Seen in LXC containers: MemAvailable larger than MemTotal.
            available = free;
        }
        let used = total.saturating_sub(available);
        Ok(VirtualMemory {
            total,
            available,
            percent: usage_percent(used as f64, total as f64),
            used,
            free,
            active: m.active.unwrap_or(0),
            inactive,
            buffers: m.buffers.unwrap_or(0),
            cached,
            shared: m.shmem.or(m.mem_shared).unwrap_or(0),
            slab: m.slab.unwrap_or(0),
        })
    }

    /// The kernel's MemAvailable formula (commit 34e431b0), for kernels before 3.14.
    fn estimate_available(&self, m: &meminfo::Meminfo) -> u64 {
        let free = m.mem_free.unwrap_or(0);
        let fallback = free.saturating_add(m.cached.unwrap_or(0));
        let (Some(lru_active), Some(lru_inactive), Some(slab_reclaimable)) =
            (m.active_file, m.inactive_file, m.s_reclaimable)
        else {
            return fallback;
        };
        let wm_low = match sys::fs::parse(&self.proc_path("zoneinfo"), zoneinfo::sum_low_watermarks)
        {
            Ok(Some(pages)) => pages.saturating_mul(sys::page_size()),
            _ => return fallback,
        };
        let mut avail = i128::from(free) - i128::from(wm_low);
        let mut pagecache = i128::from(lru_active) + i128::from(lru_inactive);
        pagecache -= (pagecache / 2).min(i128::from(wm_low));
        avail += pagecache;
        let sr = i128::from(slab_reclaimable);
        avail += sr - (sr / 2).min(i128::from(wm_low));
        u64::try_from(avail.max(0)).unwrap_or(u64::MAX)
    }

    /// [`swap_memory`](crate::swap_memory) read from this root.
    pub fn swap_memory(&self) -> Result<SwapMemory> {
        let m = sys::fs::parse(&self.proc_path("meminfo"), meminfo::parse)?;
        let (total, free) = match (m.swap_total, m.swap_free) {
            (Some(t), Some(f)) => (t, f),
            _ if self.is_host() => sys::sysinfo_swap(),
            _ => (0, 0),
        };
        let used = total.saturating_sub(free);
        let (sin, sout) = match sys::fs::read_opt(&self.proc_path("vmstat"))? {
            Some(data) => {
                let v = vmstat::parse(&data).map_err(|e| e.at_path(&self.proc_path("vmstat")))?;
                (v.pswpin.unwrap_or(0), v.pswpout.unwrap_or(0))
            }
            None => (0, 0),
        };
        Ok(SwapMemory {
            total,
            used,
            free,
            percent: usage_percent(used as f64, total as f64),
            sin: sin.saturating_mul(4096),
            sout: sout.saturating_mul(4096),
        })
    }
}

/// `virtual_memory()` from the current [`Root`].
pub(crate) fn virtual_memory() -> Result<VirtualMemory> {
    Root::current().virtual_memory()
}

/// `swap_memory()` from the current [`Root`].
pub(crate) fn swap_memory() -> Result<SwapMemory> {
    Root::current().swap_memory()
}
