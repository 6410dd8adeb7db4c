//! `disk_io_counters()`: block-device I/O counters, with psutil's wrap-around
//! correction.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

use indexmap::IndexMap;

use crate::error::Result;
use crate::nowrap::Nowrap;
use crate::sys;
use crate::sys::disk::NowrapKey;

/// Block-device I/O statistics since boot: psutil's `sdiskio`, whose fields differ by
/// platform (defined by the platform backend; on Linux, from `/proc/diskstats`).
pub use crate::sys::disk::DiskIoCounters;

/// Implements what the common code needs of a backend's `DiskIoCounters` (all `u64`
/// fields) from the list of its fields in psutil's order: `FIELDS` (their number), and
/// `to_array` / `from_array` (the values in that order, and back).
macro_rules! disk_io_fields {
    ($($field:ident),+ $(,)?) => {
        impl DiskIoCounters {
            /// The number of fields, for the common wrap-around correction.
            pub(crate) const FIELDS: usize = [$(stringify!($field)),+].len();

            /// The fields in psutil's order.
            pub(crate) fn to_array(self) -> [u64; Self::FIELDS] {
                [$(self.$field),+]
            }

            /// The counters from their values in psutil's order.
            pub(crate) fn from_array(a: [u64; Self::FIELDS]) -> Self {
                let [$($field),+] = a;
                DiskIoCounters { $($field),+ }
            }
        }
    };
}
pub(crate) use disk_io_fields;

/// The wrap-around state, one per source the backend names (`sys::disk::NowrapKey`; on
/// Linux a root's proc and sys directories), shared by the total and per-disk functions
/// as psutil shares it.
type State = Arc<Nowrap<String, { DiskIoCounters::FIELDS }>>;
static NOWRAP: Mutex<BTreeMap<NowrapKey, State>> = Mutex::new(BTreeMap::new());

/// psutil's `nowrap=True` correction of `raw` with the state kept for `key`.
pub(crate) fn apply_nowrap(
    key: NowrapKey,
    raw: Vec<(String, DiskIoCounters)>,
) -> Vec<(String, DiskIoCounters)> {
    if raw.is_empty() {
        return raw;
    }
    let state = {
        let mut map = NOWRAP.lock().unwrap_or_else(PoisonError::into_inner);
        Arc::clone(map.entry(key).or_default())
    };
    let mut arrays: Vec<(String, [u64; DiskIoCounters::FIELDS])> =
        raw.into_iter().map(|(k, c)| (k, c.to_array())).collect();
    state.apply(&mut arrays);
    arrays
        .into_iter()
        .map(|(k, a)| (k, DiskIoCounters::from_array(a)))
        .collect()
}

/// Forgets the wrap-around state kept for `key`.
pub(crate) fn forget_nowrap(key: &NowrapKey) {
    let mut map = NOWRAP.lock().unwrap_or_else(PoisonError::into_inner);
    map.remove(key);
}

/// The sum over the devices, `None` when there is none.
pub(crate) fn sum(per_disk: Vec<(String, DiskIoCounters)>) -> Option<DiskIoCounters> {
    if per_disk.is_empty() {
        return None;
    }
    let mut total = [0u64; DiskIoCounters::FIELDS];
    for (_, c) in per_disk {
        for (t, v) in total.iter_mut().zip(c.to_array()) {
            *t = t.saturating_add(v);
        }
    }
    Some(DiskIoCounters::from_array(total))
}

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
///
/// Windows: `DeviceIoControl(IOCTL_DISK_PERFORMANCE)` on `\\.\PhysicalDriveN`.
pub fn disk_io_counters() -> Result<Option<DiskIoCounters>> {
    let (key, raw) = sys::disk::disk_io_raw(false)?;
    Ok(sum(apply_nowrap(key, raw)))
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
///
/// Windows: `DeviceIoControl(IOCTL_DISK_PERFORMANCE)` on `\\.\PhysicalDriveN`, keyed `PhysicalDriveN`.
pub fn disk_io_counters_perdisk() -> Result<IndexMap<String, DiskIoCounters>> {
    let (key, raw) = sys::disk::disk_io_raw(true)?;
    Ok(apply_nowrap(key, raw).into_iter().collect())
}

/// Forgets the wrap-around state of [`disk_io_counters`] and
/// [`disk_io_counters_perdisk`] for every root. psutil's
/// `disk_io_counters.cache_clear()`. Reads nothing.
pub fn disk_io_counters_cache_clear() {
    let mut map = NOWRAP.lock().unwrap_or_else(PoisonError::into_inner);
    map.clear();
}
