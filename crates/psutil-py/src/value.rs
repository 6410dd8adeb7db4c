//! psutil's values of a `psutil_rs::Value`, for `Process.get`/`batch`/`ionice` and
//! the rows of `process_table` alike: the plain shapes ([`raw_value`]) made into the
//! package's named tuples by one type table, which the package gives once at import
//! (`bind_types`, from `psutil_rs._process`).

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyTuple};
use pyo3::IntoPyObjectExt;

use psutil_rs::{Attr, IoNice, Value};

/// The attribute of a `Process` method name that the native side reads (not `pid`, nor
/// `cpu_percent`, `memory_percent` and `net_connections`, which the package computes or
/// calls itself).
pub(crate) fn readable_attr(name: &str) -> Option<Attr> {
    match name.parse::<Attr>() {
        Ok(Attr::Pid | Attr::CpuPercent | Attr::MemoryPercent | Attr::NetConnections) | Err(_) => {
            None
        }
        Ok(a) => Some(a),
    }
}

/// A list of the tuples `f` makes of `items`.
fn tuples<'py, 'a, T: 'a, R, F>(
    py: Python<'py>,
    items: impl IntoIterator<Item = &'a T>,
    f: F,
) -> PyResult<Bound<'py, PyAny>>
where
    R: IntoPyObject<'py>,
    F: Fn(&'a T) -> R,
{
    let list = PyList::empty(py);
    for item in items {
        list.append(f(item))?;
    }
    Ok(list.into_any())
}

/// The plain shape of a value: numbers, str, tuples of psutil's fields in psutil's
/// order, lists of such tuples ([`psutil_value`] makes them psutil's named tuples;
/// `cpu_percent`'s table value is the plain `cpu_times` tuple).
pub(crate) fn raw_value<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    match v {
        Value::None => Ok(py.None().into_bound(py)),
        Value::Pid(p) => p.into_bound_py_any(py),
        Value::Name(n) => n.into_bound_py_any(py),
        Value::Cmdline(c) => c.into_bound_py_any(py),
        Value::Status(s) => s.as_str().into_bound_py_any(py),
        Value::Username(u) => u.into_bound_py_any(py),
        Value::Float(f) => f.into_bound_py_any(py),
        Value::Count(n) => n.into_bound_py_any(py),
        Value::Nice(n) => n.into_bound_py_any(py),
        Value::CpuNum(n) => n.into_bound_py_any(py),
        Value::Cpus(c) => c.into_bound_py_any(py),
        Value::CpuTimes(t) => (
            t.user,
            t.system,
            t.children_user,
            t.children_system,
            t.iowait,
        )
            .into_bound_py_any(py),
        Value::MemoryInfo(m) => {
            (m.rss, m.vms, m.shared, m.text, m.lib, m.data, m.dirty).into_bound_py_any(py)
        }
        Value::MemoryFullInfo(f) => {
            let m = &f.memory_info;
            (
                m.rss, m.vms, m.shared, m.text, m.lib, m.data, m.dirty, f.uss, f.pss, f.swap,
            )
                .into_bound_py_any(py)
        }
        Value::MemoryMaps(ms) => {
            let list = PyList::empty(py);
            for m in ms {
                let head = vec![m.path.as_os_str().into_bound_py_any(py)?];
                list.append(crate::process::smaps_tuple(py, head, &m.counters)?)?;
            }
            Ok(list.into_any())
        }
        Value::Uids(u) => (u.real, u.effective, u.saved).into_bound_py_any(py),
        Value::Gids(g) => (g.real, g.effective, g.saved).into_bound_py_any(py),
        Value::CtxSwitches(c) => (c.voluntary, c.involuntary).into_bound_py_any(py),
        Value::IoCounters(c) => (
            c.read_count,
            c.write_count,
            c.read_bytes,
            c.write_bytes,
            c.read_chars,
            c.write_chars,
        )
            .into_bound_py_any(py),
        Value::IoNice(i) => (i.ioclass as u32, i.value).into_bound_py_any(py),
        Value::Path(p) => p.as_os_str().into_bound_py_any(py),
        Value::Environ(e) => e.into_bound_py_any(py),
        Value::OpenFiles(fs) => tuples(py, fs, |f| {
            (
                f.path.as_os_str(),
                f.fd,
                f.position,
                f.mode.as_str(),
                f.flags,
            )
        }),
        Value::Threads(ts) => tuples(py, ts, |t| (t.id, t.user_time, t.system_time)),
        other => Err(PyValueError::new_err(format!(
            "no plain form for {other:?}"
        ))),
    }
}

/// The package's types psutil's values are built with: the named tuple class of each
/// attribute (by psutil's method name, plus `memory_maps_ungrouped`) and the
/// `IOPriority` members by class number.
pub(crate) struct Types {
    tuple_new: Py<PyAny>,
    classes: Vec<(String, Py<PyAny>)>,
    ioclasses: Vec<Py<PyAny>>,
}

/// The type table, given once by the package.
static TYPES: PyOnceLock<Types> = PyOnceLock::new();

impl Types {
    /// The table the package gave, or a ValueError before it did.
    pub(crate) fn get(py: Python<'_>) -> PyResult<&'static Types> {
        TYPES
            .get(py)
            .ok_or_else(|| PyValueError::new_err("psutil_rs._native.bind_types was not called"))
    }

    /// The named tuple class of an attribute.
    pub(crate) fn class<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        self.classes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, c)| c.bind(py).clone())
            .ok_or_else(|| PyValueError::new_err(format!("no type given for {name:?}")))
    }

    /// `cls(*fields)` for a named tuple class, without a Python-level call:
    /// `tuple.__new__(cls, fields)`, which is what the class's `__new__` does.
    fn make<'py>(
        &self,
        cls: &Bound<'py, PyAny>,
        fields: Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.tuple_new.bind(cls.py()).call1((cls, fields))
    }

    /// A list of `cls` tuples from a list of plain tuples.
    pub(crate) fn list<'py>(
        &self,
        cls: &Bound<'py, PyAny>,
        raw: Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let out = PyList::empty(raw.py());
        for item in raw.try_iter()? {
            out.append(self.make(cls, item?)?)?;
        }
        Ok(out.into_any())
    }

    /// `pionice(IOPriority(class), value)`.
    pub(crate) fn ionice<'py>(&self, py: Python<'py>, i: &IoNice) -> PyResult<Bound<'py, PyAny>> {
        let class = self
            .ioclasses
            .get(i.ioclass as usize)
            .ok_or_else(|| PyValueError::new_err(format!("no IOPriority {}", i.ioclass as u32)))?;
        let fields = PyTuple::new(py, [class.bind(py).clone(), i.value.into_bound_py_any(py)?])?;
        self.make(&self.class(py, "ionice")?, fields.into_any())
    }
}

/// psutil's value of attribute `name`: what the `Process` method of that name returns.
/// `class` is the attribute's named tuple class when the caller looked it up already.
pub(crate) fn psutil_value<'py>(
    py: Python<'py>,
    types: &Types,
    class: Option<&Bound<'py, PyAny>>,
    name: &str,
    v: &Value,
) -> PyResult<Bound<'py, PyAny>> {
    let class = || match class {
        Some(c) => Ok(c.clone()),
        None => types.class(py, name),
    };
    match v {
        Value::CpuTimes(_)
        | Value::MemoryInfo(_)
        | Value::MemoryFullInfo(_)
        | Value::Uids(_)
        | Value::Gids(_)
        | Value::CtxSwitches(_)
        | Value::IoCounters(_) => types.make(&class()?, raw_value(py, v)?),
        Value::IoNice(i) => types.ionice(py, i),
        Value::Threads(_) | Value::MemoryMaps(_) | Value::OpenFiles(_) => {
            types.list(&class()?, raw_value(py, v)?)
        }
        Value::Cpus(c) => {
            let mut c = c.clone();
            c.sort_unstable();
            c.dedup();
            c.into_bound_py_any(py)
        }
        _ => raw_value(py, v),
    }
}

/// Gives the native module the package's types (called once, at import): `types` maps
/// attribute names to named tuple classes, and "IOPriority" to the enum of I/O classes.
#[pyfunction]
fn bind_types(py: Python<'_>, types: &Bound<'_, PyDict>) -> PyResult<()> {
    let mut classes = Vec::new();
    let mut ioclasses = Vec::new();
    for (k, v) in types.iter() {
        let k: String = k.extract()?;
        if k == "IOPriority" {
            for c in 0..4u32 {
                ioclasses.push(v.call1((c,))?.unbind());
            }
        } else {
            classes.push((k, v.unbind()));
        }
    }
    let table = Types {
        tuple_new: py.get_type::<PyTuple>().getattr("__new__")?.unbind(),
        classes,
        ioclasses,
    };
    let _ = TYPES.set(py, table);
    Ok(())
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(bind_types, m)?)?;
    Ok(())
}
