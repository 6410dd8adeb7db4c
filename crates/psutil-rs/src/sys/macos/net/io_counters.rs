//! `net_io_counters()` on macOS: `sysctl(CTL_NET, PF_ROUTE, 0, 0, NET_RT_IFLIST2, 0)`,
//! the `if_data64` counters of each `RTM_IFINFO2` message (dropout is always 0, as
//! psutil).

use std::path::Path;

use indexmap::IndexMap;

use super::super::sysctl;
use crate::error::{Error, Result};
use crate::net::io_counters::{pernic_nowrap, total_nowrap, NetIoCounters};
use crate::parse::macos::if_msghdr;

/// The nowrap state's key.
const SOURCE: &str = "NET_RT_IFLIST2";
/// `NET_RT_IFLIST2` of `<sys/socket.h>`.
const NET_RT_IFLIST2: libc::c_int = 6;

/// The interfaces and their counters in psutil's field order, names first seen kept.
pub(crate) fn net_io_raw() -> Result<Vec<(String, [u64; 8])>> {
    let b = sysctl::by_mib(&[libc::CTL_NET, libc::PF_ROUTE, 0, 0, NET_RT_IFLIST2, 0])
        .map_err(|e| Error::from_io(e, "sysctl NET_RT_IFLIST2"))?;
    let mut out: IndexMap<String, [u64; 8]> = IndexMap::new();
    for c in if_msghdr::parse(&b) {
        out.entry(c.name).or_insert([
            c.bytes_sent,
            c.bytes_recv,
            c.packets_sent,
            c.packets_recv,
            c.errin,
            c.errout,
            c.dropin,
            0,
        ]);
    }
    Ok(out.into_iter().collect())
}

/// `net_io_counters(pernic=True)`.
pub(crate) fn net_io_counters_pernic() -> Result<IndexMap<String, NetIoCounters>> {
    Ok(pernic_nowrap(Path::new(SOURCE), net_io_raw()?))
}

/// `net_io_counters()`: the sum, `None` without interfaces.
pub(crate) fn net_io_counters() -> Result<Option<NetIoCounters>> {
    Ok(total_nowrap(Path::new(SOURCE), net_io_raw()?))
}
