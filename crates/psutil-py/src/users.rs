//! Logged-in users, from utmp (or systemd-logind's session files without utmp).

use std::ffi::OsString;

use pyo3::prelude::*;

use psutil_rs::User;

use crate::errors::IntoPy;
use crate::root::tree;

/// suser's values: name, terminal, host, started, pid.
type Suser = (OsString, Option<OsString>, OsString, f64, u32);

fn suser(u: User) -> Suser {
    (u.name, u.terminal, u.host, u.started, u.pid)
}

/// `users()`: the `USER_PROCESS` records of `<root>/run/utmp` (the host's `/run/utmp`
/// when `root` is `None`; psutil ignores `PROCFS_PATH` here too), or, when that file
/// does not exist, the user sessions of `<root>/run/systemd/sessions` (see
/// `psutil_rs::users`).
#[pyfunction]
#[pyo3(signature = (root=None))]
fn users(py: Python<'_>, root: Option<&str>) -> PyResult<Vec<Suser>> {
    let r = tree(root);
    let v = py.detach(|| r.users()).py_err(py)?;
    Ok(v.into_iter().map(suser).collect())
}

/// Private: `users()` read from any utmp-format file (`who FILE`); a missing file
/// gives `[]`.
#[pyfunction]
fn users_from_file(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Vec<Suser>> {
    let v = py.detach(|| psutil_rs::users_from_file(&path)).py_err(py)?;
    Ok(v.into_iter().map(suser).collect())
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(users, m)?)?;
    m.add_function(wrap_pyfunction!(users_from_file, m)?)?;
    Ok(())
}
