//! The process table's system-wide functions: `pids()` and `pid_exists()`.
//! (The `Process` class is bound elsewhere.)

use pyo3::prelude::*;

use crate::errors::IntoPy;
use crate::root::root;

/// `pids()`: the numeric entries of `<procfs>`, sorted.
#[pyfunction]
fn pids(py: Python<'_>, procfs: &str) -> PyResult<Vec<u32>> {
    let r = root(procfs);
    py.detach(|| r.pids()).py_err(py)
}

/// `pid_exists(pid)` for a pid already checked on the Python side (an int in
/// 1..=i32::MAX, as `os.kill` accepts).
#[pyfunction]
fn pid_exists(py: Python<'_>, procfs: &str, pid: u32) -> PyResult<bool> {
    let r = root(procfs);
    py.detach(|| r.pid_exists(pid)).py_err(py)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(pids, m)?)?;
    m.add_function(wrap_pyfunction!(pid_exists, m)?)?;
    Ok(())
}
