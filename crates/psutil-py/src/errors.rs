//! Maps the crate's errors to psutil's Python exceptions.
//!
//! The exception classes are defined in Python (`psutil_rs._common`), exactly as psutil
//! defines them, so that `isinstance`, pickling and `str()` behave the same. This module
//! instantiates them.

use pyo3::exceptions::{
    PyFileNotFoundError, PyNotImplementedError, PyOSError, PyPermissionError, PyRuntimeError,
    PyValueError,
};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use psutil_rs::Error;

fn psutil_exc(py: Python<'_>, class: &str, kwargs: &Bound<'_, PyDict>) -> PyErr {
    let made = py
        .import("psutil_rs._common")
        .and_then(|m| m.getattr(class))
        .and_then(|cls| cls.call((), Some(kwargs)));
    match made {
        Ok(exc) => PyErr::from_value(exc),
        Err(e) => e,
    }
}

/// Converts a crate error into the matching Python exception.
pub(crate) fn to_py(py: Python<'_>, err: Error) -> PyErr {
    let kwargs = PyDict::new(py);
    match err {
        Error::NoSuchProcess { pid, name, msg } => {
            let _ = kwargs.set_item("pid", pid);
            if let Some(name) = name {
                let _ = kwargs.set_item("name", name);
            }
            let _ = kwargs.set_item("msg", msg);
            psutil_exc(py, "NoSuchProcess", &kwargs)
        }
        Error::ZombieProcess {
            pid,
            name,
            ppid,
            msg,
        } => {
            let _ = kwargs.set_item("pid", pid);
            let _ = kwargs.set_item("name", name);
            let _ = kwargs.set_item("ppid", ppid);
            let _ = kwargs.set_item("msg", msg);
            psutil_exc(py, "ZombieProcess", &kwargs)
        }
        Error::AccessDenied { pid, name, msg, .. } => {
            let _ = kwargs.set_item("pid", pid);
            let _ = kwargs.set_item("name", name);
            if !msg.is_empty() {
                let _ = kwargs.set_item("msg", msg);
            }
            psutil_exc(py, "AccessDenied", &kwargs)
        }
        Error::TimeoutExpired { seconds, pid, name } => {
            let _ = kwargs.set_item("seconds", seconds);
            let _ = kwargs.set_item("pid", pid);
            let _ = kwargs.set_item("name", name);
            psutil_exc(py, "TimeoutExpired", &kwargs)
        }
        Error::NotFound { path } => PyFileNotFoundError::new_err((
            libc_enoent(),
            "No such file or directory",
            path.to_string_lossy().into_owned(),
        )),
        Error::Unsupported { what } => PyNotImplementedError::new_err(what),
        Error::InvalidArgument { msg } => PyValueError::new_err(msg),
        Error::Parse { .. } => PyRuntimeError::new_err(err.to_string()),
        Error::Io { ref source, .. } => {
            if source.kind() == std::io::ErrorKind::PermissionDenied {
                PyPermissionError::new_err(err.to_string())
            } else {
                PyOSError::new_err(err.to_string())
            }
        }
        other => PyRuntimeError::new_err(other.to_string()),
    }
}

fn libc_enoent() -> i32 {
    2
}

/// `Result<T, Error>` → `PyResult<T>`.
pub(crate) trait IntoPy<T> {
    /// Converts the error side.
    fn py_err(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPy<T> for Result<T, Error> {
    fn py_err(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py(py, e))
    }
}
