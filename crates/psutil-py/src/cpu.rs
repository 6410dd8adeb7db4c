//! CPU: times, utilisation, counts, statistics, frequency and load average.

use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyString};

use psutil_rs::{CpuFreq, CpuTimes};

use crate::errors::IntoPy;
use crate::root::{host, root};

/// The present fields of a `CpuTimes`, in psutil's order (`scputimes`'s values).
fn times(t: &CpuTimes) -> Vec<f64> {
    t.values().collect()
}

fn freq(f: &CpuFreq) -> (f64, f64, f64) {
    (f.current, f.min, f.max)
}

/// Points the crate's current root (used by the per-thread `cpu_percent` baselines) at
/// `procfs` when it is not there already.
fn use_procfs(procfs: &str) {
    if psutil_rs::procfs_path().as_os_str() != procfs {
        psutil_rs::set_procfs_path(procfs);
    }
}

/// `cpu_times()`: the values of psutil's scputimes.
#[pyfunction]
fn cpu_times(py: Python<'_>, procfs: &str) -> PyResult<Vec<f64>> {
    let r = root(procfs);
    let t = py.detach(|| r.cpu_times()).py_err(py)?;
    Ok(times(&t))
}

/// `cpu_times(percpu=True)`.
#[pyfunction]
fn cpu_times_percpu(py: Python<'_>, procfs: &str) -> PyResult<Vec<Vec<f64>>> {
    let r = root(procfs);
    let all = py.detach(|| r.cpu_times_percpu()).py_err(py)?;
    Ok(all.iter().map(times).collect())
}

/// `cpu_percent(None)` against the calling thread's baseline.
#[pyfunction]
fn cpu_percent(py: Python<'_>, procfs: &str) -> PyResult<f64> {
    use_procfs(procfs);
    py.detach(|| psutil_rs::cpu_percent(None)).py_err(py)
}

/// `cpu_percent(None, percpu=True)` against the calling thread's baseline.
#[pyfunction]
fn cpu_percent_percpu(py: Python<'_>, procfs: &str) -> PyResult<Vec<f64>> {
    use_procfs(procfs);
    py.detach(|| psutil_rs::cpu_percent_percpu(None)).py_err(py)
}

/// `cpu_times_percent(None)` against the calling thread's baseline.
#[pyfunction]
fn cpu_times_percent(py: Python<'_>, procfs: &str) -> PyResult<Vec<f64>> {
    use_procfs(procfs);
    let t = py
        .detach(|| psutil_rs::cpu_times_percent(None))
        .py_err(py)?;
    Ok(times(&t))
}

/// `cpu_times_percent(None, percpu=True)` against the calling thread's baseline.
#[pyfunction]
fn cpu_times_percent_percpu(py: Python<'_>, procfs: &str) -> PyResult<Vec<Vec<f64>>> {
    use_procfs(procfs);
    let all = py
        .detach(|| psutil_rs::cpu_times_percent_percpu(None))
        .py_err(py)?;
    Ok(all.iter().map(times).collect())
}

/// `cpu_count(logical)`.
#[pyfunction]
fn cpu_count(py: Python<'_>, procfs: &str, logical: bool) -> Option<usize> {
    let r = root(procfs);
    if logical {
        // sysconf(_SC_NPROCESSORS_ONLN), one small sysfs read: not worth releasing the
        // GIL (os.sysconf, psutil's call, keeps it too)
        r.cpu_count()
    } else {
        py.detach(|| r.cpu_count_physical())
    }
}

/// `cpu_stats()` as scpustats's values.
#[pyfunction]
fn cpu_stats(py: Python<'_>, procfs: &str) -> PyResult<(u64, u64, Option<u64>, u64)> {
    let r = root(procfs);
    let s = py.detach(|| r.cpu_stats()).py_err(py)?;
    Ok((s.ctx_switches, s.interrupts, s.soft_interrupts, s.syscalls))
}

/// `cpu_freq()` as scpufreq's values, or None.
#[pyfunction]
fn cpu_freq(py: Python<'_>, procfs: &str) -> PyResult<Option<(f64, f64, f64)>> {
    let r = root(procfs);
    let f = py.detach(|| r.cpu_freq()).py_err(py)?;
    Ok(f.as_ref().map(freq))
}

/// `cpu_freq(percpu=True)`.
#[pyfunction]
fn cpu_freq_percpu(py: Python<'_>, procfs: &str) -> PyResult<Vec<(f64, f64, f64)>> {
    let r = root(procfs);
    let all = py.detach(|| r.cpu_freq_percpu()).py_err(py)?;
    Ok(all.iter().map(freq).collect())
}

/// `getloadavg()` read from `procfs` (its `loadavg`, or `sysinfo(2)` for `/proc`).
#[pyfunction]
fn getloadavg_at(py: Python<'_>, procfs: &str) -> PyResult<(f64, f64, f64)> {
    let r = root(procfs);
    let l = py.detach(|| r.getloadavg()).py_err(py)?;
    Ok(l.into())
}

/// The package's globals, where `getloadavg()` finds `PROCFS_PATH`.
static PACKAGE: PyOnceLock<Py<PyDict>> = PyOnceLock::new();

/// Tells the native module the package's globals (called once, at import).
#[pyfunction]
fn bind_package(py: Python<'_>, globals: Bound<'_, PyDict>) -> PyResult<()> {
    let _ = PACKAGE.set(py, globals.unbind());
    Ok(())
}

/// The package's `getloadavg()` (psutil's is `os.getloadavg`), which honours the
/// package's `PROCFS_PATH`: `sysinfo(2)`, the numbers `os.getloadavg()` gives, while it
/// is a str equal to `/proc`; else that tree's `loadavg`. Not worth releasing the GIL
/// for (one syscall).
#[pyfunction]
fn getloadavg(py: Python<'_>) -> PyResult<(f64, f64, f64)> {
    let path = match PACKAGE.get(py) {
        Some(g) => g.bind(py).get_item(intern!(py, "PROCFS_PATH"))?,
        None => None,
    };
    match path {
        Some(p) if !is_host_procfs(py, &p)? => loadavg_of(py, p),
        _ => Ok(host().getloadavg().py_err(py)?.into()),
    }
}

/// Whether a `PROCFS_PATH` object is the str `/proc` (not a subclass, whose str() may
/// differ). The package's own is the interned "/proc" (`sys.intern`), so the usual case
/// is one pointer comparison: comparing the strings made `getloadavg()` about 10%
/// slower than psutil's (0.64 µs) on the benchmark host.
fn is_host_procfs(py: Python<'_>, p: &Bound<'_, PyAny>) -> PyResult<bool> {
    let proc = intern!(py, "/proc");
    Ok(p.is(proc) || (p.is_exact_instance_of::<PyString>() && p.eq(proc)?))
}

/// `getloadavg()` for any other `PROCFS_PATH` object (psutil formats it into a path,
/// so any object works, as its str()).
fn loadavg_of(py: Python<'_>, path: Bound<'_, PyAny>) -> PyResult<(f64, f64, f64)> {
    let path = match path.cast_into::<PyString>() {
        Ok(s) => s,
        Err(e) => e.into_inner().str()?,
    };
    getloadavg_at(py, &path.to_cow()?)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(cpu_times, m)?)?;
    m.add_function(wrap_pyfunction!(cpu_times_percpu, m)?)?;
    m.add_function(wrap_pyfunction!(cpu_percent, m)?)?;
    m.add_function(wrap_pyfunction!(cpu_percent_percpu, m)?)?;
    m.add_function(wrap_pyfunction!(cpu_times_percent, m)?)?;
    m.add_function(wrap_pyfunction!(cpu_times_percent_percpu, m)?)?;
    m.add_function(wrap_pyfunction!(cpu_count, m)?)?;
    m.add_function(wrap_pyfunction!(cpu_stats, m)?)?;
    m.add_function(wrap_pyfunction!(cpu_freq, m)?)?;
    m.add_function(wrap_pyfunction!(cpu_freq_percpu, m)?)?;
    m.add_function(wrap_pyfunction!(getloadavg_at, m)?)?;
    m.add_function(wrap_pyfunction!(getloadavg, m)?)?;
    m.add_function(wrap_pyfunction!(bind_package, m)?)?;
    Ok(())
}
