//! Maps the crate's errors to psutil's Python exceptions.
//!
//! The exception classes are defined in Python (`psutil_rs._common`), exactly as psutil
//! defines them, so that `isinstance`, pickling and `str()` behave the same. This module
//! instantiates them.

use std::ffi::OsString;
use std::path::PathBuf;

use pyo3::exceptions::{PyNotImplementedError, PyOSError, PyRuntimeError, PyValueError};
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
        // psutil 7.2's Linux ZombieProcess never carries the ppid (its platform
        // object's `_ppid` is never set): the core's is dropped to give the same text.
        Error::ZombieProcess { pid, name, msg, .. } => {
            let _ = kwargs.set_item("pid", pid);
            let _ = kwargs.set_item("name", name);
            let _ = kwargs.set_item("msg", msg);
            psutil_exc(py, "ZombieProcess", &kwargs)
        }
        // A refused system call that concerns no process (statvfs, a sysfs file) is
        // Python's PermissionError, as psutil lets os.* raise it.
        Error::AccessDenied {
            pid: None,
            name: None,
            path: Some(path),
            ..
        } => os_error(py, EACCES, Some(path.into_os_string())),
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
        Error::NotFound { path } => os_error(py, ENOENT, Some(path.into_os_string())),
        Error::Unsupported { what } => PyNotImplementedError::new_err(what),
        Error::InvalidArgument { msg } => PyValueError::new_err(msg),
        // psutil's int()/float() of a malformed kernel file raise ValueError.
        Error::Parse { .. } => PyValueError::new_err(err.to_string()),
        Error::Io { source, path } => match source.raw_os_error() {
            Some(errno) => os_error(py, errno, path.map(PathBuf::into_os_string)),
            None => PyOSError::new_err(match path {
                Some(p) => format!("{source}: {}", p.display()),
                None => source.to_string(),
            }),
        },
        other => PyRuntimeError::new_err(other.to_string()),
    }
}

const ENOENT: i32 = 2;
const EACCES: i32 = 13;

/// `OSError(errno, strerror, filename)`: Python picks the subclass from the errno
/// (FileNotFoundError, NotADirectoryError, PermissionError...), as for `os.*` calls.
fn os_error(py: Python<'_>, errno: i32, filename: Option<OsString>) -> PyErr {
    let strerror = py
        .import("os")
        .and_then(|os| os.getattr("strerror"))
        .and_then(|f| f.call1((errno,)))
        .and_then(|s| s.extract::<String>())
        .unwrap_or_else(|_| format!("errno {errno}"));
    match filename {
        Some(f) => PyOSError::new_err((errno, strerror, f)),
        None => PyOSError::new_err((errno, strerror)),
    }
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
