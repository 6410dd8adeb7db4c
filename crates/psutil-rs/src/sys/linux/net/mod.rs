//! Network on Linux: `net_io_counters()` (`/proc/net/dev`), `net_connections()`
//! (`/proc/net/*` or netlink `sock_diag`), `net_if_addrs()` (`getifaddrs(3)`) and
//! `net_if_stats()` (`/proc/net/dev` and ioctls).

mod connections;
mod if_addrs;
mod if_stats;
mod io_counters;

pub(crate) use super::ifaddrs::getifaddrs;
pub(crate) use connections::net_connections;
pub(crate) use if_stats::net_if_stats;
pub(crate) use io_counters::{net_io_counters, net_io_counters_pernic};
