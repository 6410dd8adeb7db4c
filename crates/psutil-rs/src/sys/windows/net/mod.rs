//! Network on Windows: IP Helper. `net_io_counters()` and `net_if_stats()`
//! (`GetAdaptersAddresses` + `GetIfEntry2`), `net_if_addrs()` (`GetAdaptersAddresses`)
//! and `net_connections()` (`GetExtendedTcpTable` / `GetExtendedUdpTable`).

mod adapters;
mod connections;
mod if_addrs;
mod if_stats;
mod io_counters;

pub(crate) use connections::net_connections;
pub(crate) use if_addrs::getifaddrs;
pub(crate) use if_stats::net_if_stats;
pub(crate) use io_counters::{net_io_counters, net_io_counters_pernic};
