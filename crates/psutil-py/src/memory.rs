//! Memory and boot time.

use pyo3::prelude::*;

use crate::errors::IntoPy;
use crate::root::root;

type Svmem = (u64, u64, f64, u64, u64, u64, u64, u64, u64, u64, u64);

/// `virtual_memory()` as psutil's svmem field tuple.
#[pyfunction]
fn virtual_memory(py: Python<'_>, procfs: &str) -> PyResult<Svmem> {
    let r = root(procfs);
    let m = py.detach(|| r.virtual_memory()).py_err(py)?;
    Ok((
        m.total,
        m.available,
        m.percent,
        m.used,
        m.free,
        m.active,
        m.inactive,
        m.buffers,
        m.cached,
        m.shared,
        m.slab,
    ))
}

/// `swap_memory()` as psutil's sswap field tuple.
#[pyfunction]
fn swap_memory(py: Python<'_>, procfs: &str) -> PyResult<(u64, u64, u64, f64, u64, u64)> {
    let r = root(procfs);
    let s = py.detach(|| r.swap_memory()).py_err(py)?;
    Ok((s.total, s.used, s.free, s.percent, s.sin, s.sout))
}

/// `boot_time()`.
#[pyfunction]
fn boot_time(py: Python<'_>, procfs: &str) -> PyResult<f64> {
    let r = root(procfs);
    py.detach(|| r.boot_time()).py_err(py)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(virtual_memory, m)?)?;
    m.add_function(wrap_pyfunction!(swap_memory, m)?)?;
    m.add_function(wrap_pyfunction!(boot_time, m)?)?;
    Ok(())
}
