//! Network: I/O counters, connections, interface addresses and interface stats.

pub(crate) mod connections;
pub(crate) mod if_addrs;
pub(crate) mod if_stats;
pub(crate) mod io_counters;
pub(crate) mod kind;
