//! `psutil_rs._native.Process`: a handle on `psutil_rs::Process`, converting its results
//! into psutil's values (`value.rs`; the package's `Process` class adds psutil's
//! Python-level semantics).

use std::time::Duration;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};
use pyo3::IntoPyObjectExt;

use psutil_rs::{IoClass, RlimitResource, SmapsCounters, RLIM_INFINITY};

use crate::errors::IntoPy;
use crate::net::{conn_values, Pconn};
use crate::root::root;
use crate::value::{psutil_value, readable_attr, Types};
use psutil_rs::os::linux::ProcessExt as _;

/// The process handle. Not subclassable: the package's `Process` holds one.
#[pyclass(module = "psutil_rs._native", name = "Process", frozen)]
pub(crate) struct NativeProcess {
    inner: psutil_rs::Process,
}

pub(crate) fn wrap(p: psutil_rs::Process) -> NativeProcess {
    NativeProcess { inner: p }
}

/// A limit as psutil gives it: -1 for `RLIM_INFINITY`, else the number. Built from an
/// `i64`/`u64` (one C call; PyO3 builds an `i128` from two halves with Python
/// arithmetic under the limited API).
fn rlim_to_py(py: Python<'_>, v: u64) -> PyResult<Bound<'_, PyAny>> {
    if v == RLIM_INFINITY {
        (-1i64).into_bound_py_any(py)
    } else {
        v.into_bound_py_any(py)
    }
}

fn rlim_from_py(v: i128) -> PyResult<u64> {
    if v == -1 {
        Ok(RLIM_INFINITY)
    } else {
        u64::try_from(v).map_err(|_| PyValueError::new_err("invalid resource limit value"))
    }
}

/// psutil's `pmmap_grouped` (`head`: the path) or `pmmap_ext` (`head`: addr, perms,
/// path) as a tuple: `head`, then the ten smaps counters in psutil's order. The
/// binding's one conversion of [`SmapsCounters`]: `memory_maps_ungrouped` here,
/// `memory_maps` in the table's values. (A `PyTuple` from a list, as `pmmap_ext` has 13
/// items, past the 12 of PyO3's tuple conversions.)
pub(crate) fn smaps_tuple<'py>(
    py: Python<'py>,
    head: Vec<Bound<'py, PyAny>>,
    counters: &SmapsCounters,
) -> PyResult<Bound<'py, PyTuple>> {
    let mut items = head;
    for v in counters.to_array() {
        items.push(v.into_bound_py_any(py)?);
    }
    PyTuple::new(py, items)
}

fn secs(timeout: Option<f64>) -> PyResult<Option<Duration>> {
    timeout
        .map(|t| {
            Duration::try_from_secs_f64(t)
                .map_err(|_| PyValueError::new_err(format!("invalid timeout {t}")))
        })
        .transpose()
}

impl NativeProcess {
    /// One attribute by psutil's method name, as psutil's value (used by `get` and
    /// `batch`). `Ok(None)`: not a name this dispatcher knows.
    fn attr<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        let p = &self.inner;
        let types = Types::get(py)?;
        if name == "memory_maps_ungrouped" {
            let ms = py.detach(|| p.memory_maps_ungrouped()).py_err(py)?;
            let list = PyList::empty(py);
            for m in ms {
                let head = vec![
                    m.addr.into_bound_py_any(py)?,
                    m.perms.into_bound_py_any(py)?,
                    m.path.into_os_string().into_bound_py_any(py)?,
                ];
                list.append(smaps_tuple(py, head, &m.counters)?)?;
            }
            let class = types.class(py, name)?;
            return types.list(&class, list.into_any()).map(Some);
        }
        let Some(a) = readable_attr(name) else {
            return Ok(None);
        };
        let v = py.detach(|| p.attr(a)).py_err(py)?;
        psutil_value(py, types, None, name, &v).map(Some)
    }
}

#[pymethods]
impl NativeProcess {
    /// `Process(pid)` read from `procfs`.
    #[new]
    fn new(py: Python<'_>, procfs: &str, pid: u32) -> PyResult<Self> {
        let r = root(procfs);
        py.detach(|| r.process(pid)).py_err(py).map(wrap)
    }

    /// The pid.
    #[getter]
    fn pid(&self) -> u32 {
        self.inner.pid()
    }

    /// (pid, start time in clock ticks since boot or None).
    fn identity(&self) -> (u32, Option<u64>) {
        self.inner.identity()
    }

    /// One attribute by name (see `attr`), or ValueError for an unknown name.
    fn get<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        self.attr(py, name)?
            .ok_or_else(|| PyValueError::new_err(format!("unknown attribute {name:?}")))
    }

    /// Several attributes inside one core `oneshot`: a dict name -> value, where a
    /// failure is the exception instance (the caller raises it or substitutes a value).
    fn batch<'py>(&self, py: Python<'py>, names: Vec<String>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        self.inner.oneshot(|_| -> PyResult<()> {
            for n in &names {
                match self.attr(py, n) {
                    Ok(Some(v)) => out.set_item(n, v)?,
                    Ok(None) => {
                        return Err(PyValueError::new_err(format!("unknown attribute {n:?}")))
                    }
                    Err(e) => out.set_item(n, e.value(py))?,
                }
            }
            Ok(())
        })?;
        Ok(out)
    }

    fn set_nice(&self, py: Python<'_>, value: i32) -> PyResult<()> {
        py.detach(|| self.inner.set_nice(value)).py_err(py)
    }

    fn set_ionice(&self, py: Python<'_>, ioclass: u32, value: Option<u32>) -> PyResult<()> {
        let class = IoClass::from_raw(ioclass)
            .ok_or_else(|| PyValueError::new_err(format!("invalid ioclass {ioclass}")))?;
        py.detach(|| self.inner.set_ionice(class, value)).py_err(py)
    }

    /// `rlimit(resource)`: one `prlimit(2)`, too quick to be worth releasing the GIL.
    fn rlimit<'py>(
        &self,
        py: Python<'py>,
        resource: i32,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
        let res = RlimitResource::from_raw(resource)
            .ok_or_else(|| PyValueError::new_err("invalid resource specified"))?;
        let (s, h) = self.inner.rlimit(res).py_err(py)?;
        Ok((rlim_to_py(py, s)?, rlim_to_py(py, h)?))
    }

    /// `nice()` outside a oneshot: one `getpriority(2)` (the GIL kept, as for the
    /// other single-syscall getters below).
    fn nice(&self, py: Python<'_>) -> PyResult<i32> {
        self.inner.nice().py_err(py)
    }

    /// `ionice()`: `pionice(IOPriority, value)` from one `ioprio_get(2)`.
    fn ionice<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let v = self.inner.ionice().py_err(py)?;
        Types::get(py)?.ionice(py, &v)
    }

    /// `cpu_affinity()`: the CPUs, sorted, from one `sched_getaffinity(2)`.
    fn cpu_affinity(&self, py: Python<'_>) -> PyResult<Vec<u32>> {
        self.inner.cpu_affinity().py_err(py)
    }

    fn set_rlimit(&self, py: Python<'_>, resource: i32, soft: i128, hard: i128) -> PyResult<()> {
        let res = RlimitResource::from_raw(resource)
            .ok_or_else(|| PyValueError::new_err("invalid resource specified"))?;
        let lim = (rlim_from_py(soft)?, rlim_from_py(hard)?);
        py.detach(|| self.inner.set_rlimit(res, lim)).py_err(py)
    }

    fn set_cpu_affinity(&self, py: Python<'_>, cpus: Vec<u32>) -> PyResult<()> {
        py.detach(|| self.inner.set_cpu_affinity(&cpus)).py_err(py)
    }

    fn memory_percent(&self, py: Python<'_>, memtype: &str) -> PyResult<f64> {
        py.detach(|| self.inner.memory_percent(memtype)).py_err(py)
    }

    fn parent(&self, py: Python<'_>) -> PyResult<Option<NativeProcess>> {
        Ok(py.detach(|| self.inner.parent()).py_err(py)?.map(wrap))
    }

    fn parents(&self, py: Python<'_>) -> PyResult<Vec<NativeProcess>> {
        Ok(py
            .detach(|| self.inner.parents())
            .py_err(py)?
            .into_iter()
            .map(wrap)
            .collect())
    }

    fn children(&self, py: Python<'_>, recursive: bool) -> PyResult<Vec<NativeProcess>> {
        Ok(py
            .detach(|| self.inner.children(recursive))
            .py_err(py)?
            .into_iter()
            .map(wrap)
            .collect())
    }

    fn is_running(&self, py: Python<'_>) -> bool {
        py.detach(|| self.inner.is_running())
    }

    /// `Process.net_connections(kind)` as pconn field tuples.
    fn net_connections(&self, py: Python<'_>, kind: &str) -> PyResult<Vec<Pconn>> {
        let kind: psutil_rs::ConnectionKind = kind.parse().py_err(py)?;
        let conns = py.detach(|| self.inner.net_connections(kind)).py_err(py)?;
        Ok(conns.into_iter().map(|c| conn_values!(c)).collect())
    }

    fn send_signal(&self, py: Python<'_>, sig: i32) -> PyResult<()> {
        py.detach(|| self.inner.send_signal(sig)).py_err(py)
    }

    /// `wait(timeout=None)`: the exit code, minus the signal, or None. The timeout is
    /// optional, as in psutil's `_proc.wait()` (its tests call it without one).
    #[pyo3(signature = (timeout=None))]
    fn wait(&self, py: Python<'_>, timeout: Option<f64>) -> PyResult<Option<i32>> {
        let t = secs(timeout)?;
        py.detach(|| self.inner.wait(t)).py_err(py)
    }

    /// A debugging representation.
    fn __repr__(&self) -> String {
        format!("<psutil_rs._native.Process pid={}>", self.inner.pid())
    }
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<NativeProcess>()?;
    Ok(())
}
