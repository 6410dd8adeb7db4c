//! Disks: partitions, usage and I/O counters.

use std::collections::HashSet;
use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use pyo3::prelude::*;

use psutil_rs::DiskIoCounters;

use crate::errors::IntoPy;
use crate::root::root;

type Sdiskio = (u64, u64, u64, u64, u64, u64, u64, u64, u64);

fn sdiskio(c: &DiskIoCounters) -> Sdiskio {
    (
        c.read_count,
        c.write_count,
        c.read_bytes,
        c.write_bytes,
        c.read_time,
        c.write_time,
        c.read_merged_count,
        c.write_merged_count,
        c.busy_time,
    )
}

/// `disk_partitions(all)` as sdiskpart value tuples (names decoded as `os.fsdecode`).
#[pyfunction]
fn disk_partitions(
    py: Python<'_>,
    procfs: &str,
    all: bool,
) -> PyResult<Vec<(OsString, OsString, String, String)>> {
    let r = root(procfs);
    let parts = py.detach(|| r.disk_partitions(all)).py_err(py)?;
    Ok(parts
        .into_iter()
        .map(|p| (p.device, p.mountpoint.into_os_string(), p.fstype, p.opts))
        .collect())
}

/// `disk_usage(path)` of an `os.fsencode`d path, as sdiskusage's values.
#[pyfunction]
fn disk_usage(py: Python<'_>, path: &[u8]) -> PyResult<(u64, u64, u64, f64)> {
    let path = Path::new(OsStr::from_bytes(path));
    let u = py.detach(|| psutil_rs::disk_usage(path)).py_err(py)?;
    Ok((u.total, u.used, u.free, u.percent))
}

/// The kernel's disk I/O counters as `(name, values)` pairs, in the order of
/// `/proc/diskstats` (psutil's dict order): whole disks only (the devices with a
/// `/sys/block/<name>` entry, as psutil's `perdisk=False`), or every device, partitions
/// included, when `perdisk`. Raw values: the package corrects counters that wrap with
/// `psutil_rs._common.wrap_numbers`, as psutil does, and sums them itself.
#[pyfunction]
fn disk_io_counters_raw(
    py: Python<'_>,
    procfs: &str,
    perdisk: bool,
) -> PyResult<Vec<(String, Sdiskio)>> {
    let r = root(procfs);
    let map = py
        .detach(|| -> psutil_rs::Result<_> {
            let map = r.disk_io_counters_perdisk_raw()?;
            if perdisk {
                return Ok(map);
            }
            // The core's test for a whole disk is a `/sys/block/<name>` entry (a `/` in
            // a name is `!` there); one listing of that directory answers it for every
            // device, where a stat per device costs as much as the whole read.
            let disks = whole_disks(&r.sys_path("block"));
            Ok(map
                .into_iter()
                .filter(|(k, _)| disks.contains(&k.replace('/', "!")))
                .collect())
        })
        .py_err(py)?;
    Ok(map.iter().map(|(k, c)| (k.clone(), sdiskio(c))).collect())
}

/// The names in `<sysfs>/block` (none when it cannot be listed).
fn whole_disks(sys_block: &Path) -> HashSet<String> {
    std::fs::read_dir(sys_block)
        .map(|dir| {
            dir.filter_map(|e| e.ok()?.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default()
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(disk_partitions, m)?)?;
    m.add_function(wrap_pyfunction!(disk_usage, m)?)?;
    m.add_function(wrap_pyfunction!(disk_io_counters_raw, m)?)?;
    Ok(())
}
