//! `psutil_rs._native`: the Python binding's native module.
//!
//! It only converts types: every function calls the `psutil_rs` crate and returns plain
//! tuples, dicts and numbers, which `python/psutil_rs` wraps into psutil's named tuples;
//! the process attributes come as psutil's values already, built with the package's
//! types (`value.rs`).
//! Errors become the Python exception classes of `psutil_rs._common` (see `errors.rs`).

use pyo3::prelude::*;

mod cgroups;
mod cpu;
mod disk;
mod errors;
#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod heap;
mod memory;
mod net;
mod pids;
mod process;
mod root;
mod sensors;
mod table;
mod users;
mod value;

/// The module initialiser.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("version", env!("CARGO_PKG_VERSION"))?;
    memory::register(m)?;
    cpu::register(m)?;
    disk::register(m)?;
    net::register(m)?;
    sensors::register(m)?;
    users::register(m)?;
    pids::register(m)?;
    process::register(m)?;
    table::register(m)?;
    value::register(m)?;
    cgroups::register(m)?;
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    heap::register(m)?;
    Ok(())
}
