//! Network on FreeBSD: `net_io_counters()` and `net_if_stats()` (the routing socket's
//! `NET_RT_IFLIST`, `SIOCGIFMEDIA`), `net_if_addrs()` (`getifaddrs(3)`, shared with the
//! other POSIX backends) and `net_connections()` (the descriptor tables of
//! `kern.proc.filedesc`).

mod connections;
mod iflist;
pub(crate) mod sockets;

pub(crate) use super::ifaddrs::getifaddrs;
pub(crate) use connections::net_connections;
pub(crate) use iflist::{net_if_stats, net_io_counters, net_io_counters_pernic};
