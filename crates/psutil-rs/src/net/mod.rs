//! Network: I/O counters, connections, interface addresses and interface stats.

pub(crate) mod io_counters;
