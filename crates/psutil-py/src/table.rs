//! `psutil_rs._native.process_table`: psutil's `process_iter(attrs)` for the whole
//! table in one call, on `psutil_rs::ProcessTable` (each `/proc/<pid>` file read once,
//! the GIL released while reading); its values are built as `Process.get` builds them
//! (`value.rs`).

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use pyo3::IntoPyObjectExt;

use psutil_rs::{Attr, AttrSet, Value};

use crate::errors::{to_py, IntoPy};
use crate::process::wrap;
use crate::root::root;
use crate::value::{psutil_value, raw_value, readable_attr, Types};

/// How a fetched attribute is put in the record.
#[derive(Clone, Copy)]
enum Conv {
    /// psutil's value: what the `Process` method of that name returns.
    Final,
    /// `cpu_percent`: the plain `cpu_times` tuple (the package does the per-instance
    /// bookkeeping).
    RawCpuTimes,
    /// `memory_percent`: `memory_info().rss` (the package divides by the total).
    Rss,
}

/// The attribute read for a name `process_table` is asked to fetch.
fn fetch_kind(name: &str) -> PyResult<(Attr, Conv)> {
    match name {
        "cpu_percent" => Ok((Attr::CpuTimes, Conv::RawCpuTimes)),
        "memory_percent" => Ok((Attr::MemoryInfo, Conv::Rss)),
        _ => match readable_attr(name) {
            None => Err(PyValueError::new_err(format!(
                "the table cannot fetch {name:?}"
            ))),
            Some(a) => Ok((a, Conv::Final)),
        },
    }
}

/// The `str` objects a table repeats (status names, user names), made once per call.
#[derive(Default)]
struct Strings {
    status: Vec<(&'static str, Py<PyAny>)>,
    users: std::collections::HashMap<String, Py<PyAny>>,
}

impl Strings {
    /// The record value of a fetched attribute (`Conv::Final`): status and username
    /// strings shared between records, the rest as [`psutil_value`] makes it.
    fn value<'py>(
        &mut self,
        py: Python<'py>,
        types: &Types,
        class: Option<&Bound<'py, PyAny>>,
        a: Attr,
        v: &Value,
    ) -> PyResult<Bound<'py, PyAny>> {
        match v {
            Value::Status(s) => {
                let s = s.as_str();
                if let Some((_, o)) = self.status.iter().find(|(k, _)| *k == s) {
                    return Ok(o.bind(py).clone());
                }
                let o = PyString::new(py, s).into_any();
                self.status.push((s, o.clone().unbind()));
                Ok(o)
            }
            Value::Username(u) => {
                if let Some(o) = self.users.get(u) {
                    return Ok(o.bind(py).clone());
                }
                let o = PyString::new(py, u).into_any();
                self.users.insert(u.clone(), o.clone().unbind());
                Ok(o)
            }
            _ => psutil_value(py, types, class, a.as_str(), v),
        }
    }
}

/// Where a name of the record comes from.
enum Slot {
    Pid,
    /// With the named tuple class of the attribute, if it has one.
    Fetched(Attr, Conv, Option<Py<PyAny>>),
    /// Not fetched here: `None`, which the package replaces.
    Missing,
}

/// A row of `process_table`: (pid, start ticks, handle, record, errors, read_at).
type Row<'py> = (
    u32,
    Option<u64>,
    Option<Bound<'py, PyAny>>,
    Option<Bound<'py, PyDict>>,
    Option<Bound<'py, PyDict>>,
    f64,
);

/// The iterator `process_table` returns: the rows of a snapshot that threads read in
/// the background (`psutil_rs::TableStream`), made into Python objects batch by batch
/// as they come, so that building them overlaps the reading.
#[pyclass(module = "psutil_rs._native", name = "TableRows", frozen)]
pub(crate) struct TableRows {
    stream: std::sync::Mutex<psutil_rs::TableStream>,
    /// Rows made and not yet taken.
    ready: std::sync::Mutex<std::collections::VecDeque<Py<PyAny>>>,
    strings: std::sync::Mutex<Strings>,
    slots: Option<Vec<(Py<PyString>, Slot)>>,
    identity: bool,
    pids: Py<PyList>,
}

#[pymethods]
impl TableRows {
    fn __iter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        loop {
            if let Some(row) = lock(&self.ready).pop_front() {
                return Ok(Some(row));
            }
            let stream = &self.stream;
            match py.detach(|| lock(stream).next()) {
                None => return Ok(None),
                Some(Err(e)) => return Err(to_py(py, e)),
                Some(Ok(batch)) => {
                    let rows = self.rows(py, batch)?;
                    lock(&self.ready).extend(rows);
                }
            }
        }
    }

    /// The pids listed in `/proc` when the snapshot started: the rows are of these,
    /// less those that vanished before they were read.
    #[getter]
    fn pids(&self, py: Python<'_>) -> Py<PyList> {
        self.pids.clone_ref(py)
    }
}

/// A mutex's value, also after a panic elsewhere (the rows stay consistent: each is
/// pushed whole).
fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl TableRows {
    /// The rows of one batch.
    fn rows(&self, py: Python<'_>, batch: psutil_rs::TableBatch) -> PyResult<Vec<Py<PyAny>>> {
        let types = Types::get(py)?;
        let mut strings = lock(&self.strings);
        let mut out = Vec::with_capacity(batch.records.len());
        for (proc, info) in batch.records {
            let pid = info.pid();
            let ticks = info.start_ticks();
            let handle = if self.identity {
                Some(Bound::new(py, wrap(proc))?.into_any())
            } else {
                None
            };
            let (record, errors) = match &self.slots {
                None => (None, None),
                Some(slots) => {
                    // Errors become exception objects once, shared by the names reading
                    // the same attribute (cpu_times and cpu_percent).
                    let values: Vec<(Attr, Result<Value, Bound<'_, PyAny>>)> = info
                        .into_values()
                        .into_iter()
                        .map(|(a, r)| {
                            (
                                a,
                                r.map_err(|e| {
                                    to_py(py, e).into_value(py).into_bound(py).into_any()
                                }),
                            )
                        })
                        .collect();
                    let record = PyDict::new(py);
                    let mut errors: Option<Bound<'_, PyDict>> = None;
                    for (key, slot) in slots {
                        let key = key.bind(py);
                        let v = match slot {
                            Slot::Pid => pid.into_bound_py_any(py)?,
                            Slot::Missing => py.None().into_bound(py),
                            Slot::Fetched(a, conv, class) => {
                                match values.iter().find(|(x, _)| x == a) {
                                    Some((_, Ok(v))) => match (conv, v) {
                                        (Conv::Final, v) => {
                                            let class = class.as_ref().map(|c| c.bind(py).clone());
                                            strings.value(py, types, class.as_ref(), *a, v)?
                                        }
                                        (Conv::RawCpuTimes, v) => raw_value(py, v)?,
                                        (Conv::Rss, Value::MemoryInfo(m)) => {
                                            m.rss.into_bound_py_any(py)?
                                        }
                                        (Conv::Rss, _) => py.None().into_bound(py),
                                    },
                                    Some((_, Err(e))) => {
                                        errors
                                            .get_or_insert_with(|| PyDict::new(py))
                                            .set_item(key, e)?;
                                        py.None().into_bound(py)
                                    }
                                    None => py.None().into_bound(py),
                                }
                            }
                        };
                        record.set_item(key, v)?;
                    }
                    (Some(record), errors)
                }
            };
            let row: Row<'_> = (pid, ticks, handle, record, errors, batch.read_at);
            out.push(row.into_pyobject(py)?.into_any().unbind());
        }
        Ok(out)
    }
}

/// Every process of `procfs` in pid order: an iterator of rows `(pid, start_ticks,
/// handle, record, errors, read_at)`, read by threads in the background (the GIL
/// released) from the moment of this call; its `pids` are the pids listed then. With
/// `identity`, `stat` is read for every process (its start time) and `handle` is a
/// `Process` on the `/proc/<pid>` directory the record was read through; without,
/// `start_ticks` is only there when a fetched attribute read `stat`, and `handle` is
/// None. `record` is None when `order` is None, else a dict with the names of `order`
/// in that order: `pid`, the names of `fetch` (psutil's values; for `cpu_percent` the
/// plain `cpu_times` tuple, for `memory_percent` the rss), and None for the others.
/// `errors` is None, or a dict of the fetched names whose reading failed, with the
/// exception (their record value is None). `read_at` is `time.monotonic()` when the
/// row was read.
#[pyfunction]
#[pyo3(signature = (procfs, fetch, order, identity))]
fn process_table(
    py: Python<'_>,
    procfs: &str,
    fetch: Vec<String>,
    order: Option<Vec<String>>,
    identity: bool,
) -> PyResult<TableRows> {
    let mut set = AttrSet::empty();
    for name in &fetch {
        set.insert(fetch_kind(name)?.0);
    }
    if identity || set.is_empty() {
        // ppid: stat is read, whose start time is each process's identity.
        set.insert(Attr::Ppid);
    }
    let types = Types::get(py)?;
    let slots = order
        .map(|names| {
            names
                .iter()
                .map(|n| {
                    let slot = if n == "pid" {
                        Slot::Pid
                    } else if fetch.contains(n) {
                        let (a, conv) = fetch_kind(n)?;
                        Slot::Fetched(a, conv, types.class(py, a.as_str()).ok().map(Bound::unbind))
                    } else {
                        Slot::Missing
                    };
                    Ok((PyString::new(py, n).unbind(), slot))
                })
                .collect::<PyResult<Vec<_>>>()
        })
        .transpose()?;
    let mut table = root(procfs).process_table(set);
    let stream = py
        .detach(move || table.stream_with_processes())
        .py_err(py)?;
    let pids = PyList::new(py, stream.pids())?.unbind();
    Ok(TableRows {
        stream: std::sync::Mutex::new(stream),
        ready: Default::default(),
        strings: Default::default(),
        slots,
        identity,
        pids,
    })
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(process_table, m)?)?;
    m.add_class::<TableRows>()?;
    Ok(())
}
