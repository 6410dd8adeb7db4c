//! The network functions on Windows (skeleton: placeholders until the system half lands).

use indexmap::IndexMap;

use crate::error::{Error, Result};
use crate::{Connection, ConnectionKind, NetIoCounters, NicStats};

/// One address of one interface, as the public `net_if_addrs` groups them.
#[derive(Debug, Clone)]
pub(crate) struct IfAddr {
    /// The interface's name.
    pub name: String,
    /// The address family number (the backend's `AF_*`, see `sys::af`).
    pub family: u16,
    /// The formatted address.
    pub address: String,
    /// The formatted netmask, if any.
    pub netmask: Option<String>,
    /// The formatted broadcast address, if any.
    pub broadcast: Option<String>,
    /// The formatted point-to-point destination, if any.
    pub ptp: Option<String>,
}

fn todo<T>(what: &str) -> Result<T> {
    Err(Error::unsupported(format!(
        "{what} on Windows (not implemented yet)"
    )))
}

pub(crate) fn getifaddrs() -> Result<Vec<IfAddr>> {
    todo("net_if_addrs")
}

pub(crate) fn net_connections(_kind: ConnectionKind) -> Result<Vec<Connection>> {
    todo("net_connections")
}

pub(crate) fn net_if_stats() -> Result<IndexMap<String, NicStats>> {
    todo("net_if_stats")
}

pub(crate) fn net_io_counters() -> Result<Option<NetIoCounters>> {
    todo("net_io_counters")
}

pub(crate) fn net_io_counters_pernic() -> Result<IndexMap<String, NetIoCounters>> {
    todo("net_io_counters")
}
