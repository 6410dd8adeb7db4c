//! Disks: partitions, usage and I/O counters.

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

/// `disk_io_counters(perdisk=False, nowrap)`.
#[pyfunction]
fn disk_io_counters(py: Python<'_>, procfs: &str, nowrap: bool) -> PyResult<Option<Sdiskio>> {
    let r = root(procfs);
    let c = py
        .detach(|| {
            if nowrap {
                r.disk_io_counters()
            } else {
                r.disk_io_counters_raw()
            }
        })
        .py_err(py)?;
    Ok(c.as_ref().map(sdiskio))
}

/// `disk_io_counters(perdisk=True, nowrap)` as `(name, values)` pairs, in the order of
/// `/proc/diskstats` (the core map's, psutil's).
#[pyfunction]
fn disk_io_counters_perdisk(
    py: Python<'_>,
    procfs: &str,
    nowrap: bool,
) -> PyResult<Vec<(String, Sdiskio)>> {
    let r = root(procfs);
    let map = py
        .detach(|| {
            if nowrap {
                r.disk_io_counters_perdisk()
            } else {
                r.disk_io_counters_perdisk_raw()
            }
        })
        .py_err(py)?;
    Ok(map.iter().map(|(k, c)| (k.clone(), sdiskio(c))).collect())
}

/// `disk_io_counters.cache_clear()`.
#[pyfunction]
fn disk_io_counters_cache_clear() {
    psutil_rs::disk_io_counters_cache_clear();
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(disk_partitions, m)?)?;
    m.add_function(wrap_pyfunction!(disk_usage, m)?)?;
    m.add_function(wrap_pyfunction!(disk_io_counters, m)?)?;
    m.add_function(wrap_pyfunction!(disk_io_counters_perdisk, m)?)?;
    m.add_function(wrap_pyfunction!(disk_io_counters_cache_clear, m)?)?;
    Ok(())
}
