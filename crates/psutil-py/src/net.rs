//! Network interfaces: I/O counters, addresses and state.

use pyo3::prelude::*;

use std::ffi::OsString;

use psutil_rs::{ConnAddr, ConnectionKind, NetIoCounters};

use crate::errors::IntoPy;
use crate::root::root;

type Snetio = (u64, u64, u64, u64, u64, u64, u64, u64);
type Snicaddr = (u16, String, Option<String>, Option<String>, Option<String>);
type Snicstats = (bool, u8, u32, i32, String);

fn snetio(c: &NetIoCounters) -> Snetio {
    (
        c.bytes_sent,
        c.bytes_recv,
        c.packets_sent,
        c.packets_recv,
        c.errin,
        c.errout,
        c.dropin,
        c.dropout,
    )
}

/// The kernel's network I/O counters per interface as `(name, values)` pairs, in the
/// order of `/proc/net/dev` (psutil's dict order). Raw values: the package corrects
/// counters that wrap with `psutil_rs._common.wrap_numbers`, as psutil does, and sums
/// them itself.
#[pyfunction]
fn net_io_counters_raw(py: Python<'_>, procfs: &str) -> PyResult<Vec<(String, Snetio)>> {
    let r = root(procfs);
    let map = py.detach(|| r.net_io_counters_pernic_raw()).py_err(py)?;
    Ok(map.iter().map(|(k, c)| (k.clone(), snetio(c))).collect())
}

/// `net_if_addrs()` as `(name, [snicaddr values])` pairs, the family as its number, in
/// the core map's order (psutil's).
/// `getifaddrs(3)` describes the running system whatever `PROCFS_PATH` is, as in
/// psutil.
#[pyfunction]
fn net_if_addrs(py: Python<'_>) -> PyResult<Vec<(String, Vec<Snicaddr>)>> {
    let map = py.detach(psutil_rs::net_if_addrs).py_err(py)?;
    Ok(map
        .into_iter()
        .map(|(k, addrs)| {
            let addrs = addrs
                .into_iter()
                .map(|a| (a.family.as_raw(), a.address, a.netmask, a.broadcast, a.ptp))
                .collect();
            (k, addrs)
        })
        .collect())
}

/// `net_if_stats()` as `(name, snicstats values)` pairs, the duplex as its number, in
/// the order of `/proc/net/dev`.
/// The names come from `<PROCFS_PATH>/net/dev`, the values from ioctls.
#[pyfunction]
fn net_if_stats(py: Python<'_>, procfs: &str) -> PyResult<Vec<(String, Snicstats)>> {
    let r = root(procfs);
    let map = py.detach(|| r.net_if_stats()).py_err(py)?;
    Ok(map
        .into_iter()
        .map(|(k, s)| (k, (s.isup, s.duplex.as_raw(), s.speed, s.mtu, s.flags)))
        .collect())
}

/// One end of a connection as psutil gives it before wrapping: `(ip, port)` (wrapped
/// into `addr` on the Python side), `()` for an inet socket without an address, or a
/// Unix socket's path (`''` when unbound).
#[derive(IntoPyObject)]
pub(crate) enum PyAddr {
    Inet((String, u16)),
    Unix(OsString),
    Empty(()),
}

impl From<ConnAddr> for PyAddr {
    fn from(a: ConnAddr) -> Self {
        match a {
            ConnAddr::Inet(a) => PyAddr::Inet((a.ip_string(), a.port)),
            ConnAddr::Unix(p) => PyAddr::Unix(p),
            ConnAddr::None => PyAddr::Empty(()),
        }
    }
}

/// sconn's values: fd, family and type as numbers, laddr, raddr, status, pid.
pub(crate) type Sconn = (i32, u16, u16, PyAddr, PyAddr, &'static str, Option<u32>);

/// pconn's values: sconn's but the pid.
pub(crate) type Pconn = (i32, u16, u16, PyAddr, PyAddr, &'static str);

/// The values of a connection `c` (a `psutil_rs::Connection` or `ProcessConnection`,
/// which have the same fields) in psutil's order: pconn's, then the `extra` fields
/// given (sconn's pid).
macro_rules! conn_values {
    ($c:ident $(, $extra:expr)?) => {
        (
            $c.fd,
            $c.family.as_raw(),
            $c.r#type.as_raw(),
            $crate::net::PyAddr::from($c.laddr),
            $crate::net::PyAddr::from($c.raddr),
            $c.status.as_str(),
            $($extra)?
        )
    };
}
pub(crate) use conn_values;

/// `net_connections(kind)`; `kind` was checked against psutil's list on the Python
/// side (an unknown one is a ValueError here too).
#[pyfunction]
fn net_connections(py: Python<'_>, procfs: &str, kind: &str) -> PyResult<Vec<Sconn>> {
    let kind: ConnectionKind = kind.parse().py_err(py)?;
    let r = root(procfs);
    let conns = py.detach(|| r.net_connections(kind)).py_err(py)?;
    Ok(conns.into_iter().map(|c| conn_values!(c, c.pid)).collect())
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(net_io_counters_raw, m)?)?;
    m.add_function(wrap_pyfunction!(net_if_addrs, m)?)?;
    m.add_function(wrap_pyfunction!(net_if_stats, m)?)?;
    m.add_function(wrap_pyfunction!(net_connections, m)?)?;
    Ok(())
}
