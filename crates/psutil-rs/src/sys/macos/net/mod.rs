//! Network on macOS: `net_io_counters()` (`NET_RT_IFLIST2`), `net_if_addrs()`
//! (`getifaddrs(3)`), `net_if_stats()` (interface ioctls) and `net_connections()` (every
//! process's sockets through libproc).

mod connections;
mod if_stats;
mod io_counters;

pub(crate) use super::ifaddrs::getifaddrs;
pub(crate) use connections::net_connections;
pub(crate) use if_stats::net_if_stats;
pub(crate) use io_counters::{net_io_counters, net_io_counters_pernic};
