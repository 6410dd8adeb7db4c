//! `heap_info()` and `heap_trim()`: this process's C heap (glibc malloc), through the
//! crate's `psutil_rs::heap_info` / `heap_trim`. glibc only (psutil has them only there
//! too on Linux); on other C libraries the functions are not registered.

use pyo3::prelude::*;

use crate::errors::IntoPy;

/// `heap_info()` as psutil's `pheap(heap_used, mmap_used)` field tuple.
#[pyfunction]
fn heap_info(py: Python<'_>) -> PyResult<(u64, u64)> {
    let h = psutil_rs::heap_info().py_err(py)?;
    Ok((h.heap_used, h.mmap_used))
}

/// `heap_trim()`: `malloc_trim(0)`; whether memory was released is not reported, as in
/// psutil.
#[pyfunction]
fn heap_trim(py: Python<'_>) -> PyResult<()> {
    psutil_rs::heap_trim().py_err(py)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(heap_info, m)?)?;
    m.add_function(wrap_pyfunction!(heap_trim, m)?)?;
    Ok(())
}
