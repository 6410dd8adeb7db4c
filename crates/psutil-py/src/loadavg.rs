//! `getloadavg()` as a bare CPython builtin.
//!
//! psutil's `getloadavg` is `os.getloadavg` itself: a `METH_NOARGS` builtin around
//! `sysinfo(2)`. This package's must also honour `PROCFS_PATH`, which it reads from the
//! package's globals on every call. Through PyO3's function machinery that cost about
//! 10% more than psutil's 0.4 µs; written against the C API it does only the dict
//! lookup and a pointer comparison more. Any `PROCFS_PATH` other than the package's
//! own `"/proc"` object takes the ordinary PyO3 path (`cpu::getloadavg_package`).
#![allow(unsafe_code)]

use std::ptr::null_mut;
use std::sync::atomic::{AtomicPtr, Ordering};

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::root::host;

/// The package's globals, the interned key "PROCFS_PATH", and the package's initial
/// `PROCFS_PATH` object (the str "/proc"). Each holds a strong reference that is never
/// released (the module lives as long as the interpreter), so the pointers stay valid
/// and the "/proc" object's address cannot be reused by another object.
static GLOBALS: AtomicPtr<ffi::PyObject> = AtomicPtr::new(null_mut());
static KEY: AtomicPtr<ffi::PyObject> = AtomicPtr::new(null_mut());
static PROC: AtomicPtr<ffi::PyObject> = AtomicPtr::new(null_mut());

/// Remembers the package's globals (at import, once `PROCFS_PATH` is set).
pub(crate) fn bind(py: Python<'_>, globals: &Bound<'_, PyDict>) -> PyResult<()> {
    let key = PyString::intern(py, "PROCFS_PATH");
    if let Some(p) = globals.get_item(&key)? {
        if p.is_exact_instance_of::<PyString>() && p.eq("/proc")? {
            PROC.store(p.into_ptr(), Ordering::Release);
        }
    }
    KEY.store(key.into_ptr(), Ordering::Release);
    GLOBALS.store(globals.clone().into_ptr(), Ordering::Release);
    Ok(())
}

/// The builtin: `sysinfo(2)` while `PROCFS_PATH` is the package's "/proc" object,
/// else `cpu::getloadavg_package`.
unsafe extern "C" fn getloadavg(
    _module: *mut ffi::PyObject,
    _args: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    let globals = GLOBALS.load(Ordering::Acquire);
    let key = KEY.load(Ordering::Acquire);
    if globals.is_null() || key.is_null() {
        // SAFETY: called by CPython with the GIL held.
        return unsafe { slow() };
    }
    // SAFETY: the GIL is held; `globals` is a dict and `key` a str, both kept alive by
    // the references taken in `bind`. The result is borrowed.
    let value = unsafe { ffi::PyDict_GetItemWithError(globals, key) };
    if value.is_null() || value != PROC.load(Ordering::Acquire) {
        // SAFETY: as above (an error set by the lookup is raised by the slow path's
        // own lookup again).
        return unsafe { slow() };
    }
    let Ok(l) = host().getloadavg() else {
        // SAFETY: as above.
        return unsafe { slow() };
    };
    // SAFETY: the GIL is held; every new reference is either stolen by the tuple or
    // released on failure.
    unsafe {
        let t = ffi::PyTuple_New(3);
        if t.is_null() {
            return null_mut();
        }
        for (i, x) in [(0, l.one), (1, l.five), (2, l.fifteen)] {
            let f = ffi::PyFloat_FromDouble(x);
            if f.is_null() {
                ffi::Py_DecRef(t);
                return null_mut();
            }
            ffi::PyTuple_SetItem(t, i, f);
        }
        t
    }
}

/// The PyO3 path, for every case but the usual one.
///
/// # Safety
/// The GIL must be held.
unsafe fn slow() -> *mut ffi::PyObject {
    // SAFETY: the caller holds the GIL.
    let py = unsafe { Python::assume_attached() };
    if let Some(e) = PyErr::take(py) {
        e.restore(py);
        return null_mut();
    }
    match crate::cpu::getloadavg_package(py).and_then(|t| t.into_pyobject(py)) {
        Ok(t) => t.into_ptr(),
        Err(e) => {
            e.restore(py);
            null_mut()
        }
    }
}

/// Adds `getloadavg` to the module, with `os.getloadavg`'s signature text.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let def = Box::leak(Box::new(ffi::PyMethodDef {
        ml_name: c"getloadavg".as_ptr(),
        ml_meth: ffi::PyMethodDefPointer {
            PyCFunction: getloadavg,
        },
        ml_flags: ffi::METH_NOARGS,
        ml_doc: c"getloadavg($module, /)\n--\n\nThe 1, 5 and 15 minute load averages: \
sysinfo(2) while the package's PROCFS_PATH is /proc, else PROCFS_PATH/loadavg."
            .as_ptr(),
    }));
    let py = m.py();
    let name = m.name()?;
    // SAFETY: `def` is leaked, so it outlives the function object; `m` and `name` are
    // live objects; the GIL is held. The result is a new reference or NULL with an
    // exception set.
    let f = unsafe {
        Bound::from_owned_ptr_or_err(py, ffi::PyCFunction_NewEx(def, m.as_ptr(), name.as_ptr()))
    }?;
    m.add("getloadavg", f)
}
