//! `net_io_counters()` and `net_if_stats()` on FreeBSD: the routing socket's interface
//! list (`sysctl(CTL_NET, PF_ROUTE, 0, 0, NET_RT_IFLIST, 0)`, decoded by
//! [`parse::freebsd::if_msghdr`](crate::parse::freebsd::if_msghdr)), and for each
//! interface `SIOCGIFFLAGS`, `SIOCGIFMTU` and `SIOCGIFMEDIA` (shared with macOS).

use std::path::Path;

use indexmap::IndexMap;

use super::super::if_ioctl::{flags_string, IfSocket, IFF_RUNNING};
use super::super::sysctl;
use crate::error::{Error, Result};
use crate::net::if_stats::{NicDuplex, NicStats};
use crate::net::io_counters::{pernic_nowrap, total_nowrap, NetIoCounters};
use crate::parse::freebsd::if_msghdr::{self, IfInfo};
use crate::parse::freebsd::media;

/// Every interface of the `NET_RT_IFLIST` dump but the USB buses (`usbus*`), which
/// psutil skips as `ifconfig -a` does.
fn interfaces() -> Result<Vec<IfInfo>> {
    let mib = [libc::CTL_NET, libc::PF_ROUTE, 0, 0, libc::NET_RT_IFLIST, 0];
    let buf = sysctl::by_mib(&mib).map_err(|e| sysctl::error(e, "NET_RT_IFLIST"))?;
    let mut all = if_msghdr::parse(&buf)?;
    all.retain(|i| !i.name.starts_with("usbus"));
    Ok(all)
}

/// The wrap-around state's source name.
const SOURCE: &str = "NET_RT_IFLIST";

/// Each interface's counters in `NetIoCounters`' order.
fn net_io_raw() -> Result<Vec<(String, [u64; 8])>> {
    Ok(interfaces()?
        .into_iter()
        .map(|i| (i.name, i.counters))
        .collect())
}

/// `net_io_counters(pernic=True)`: the `if_data` counters of each interface, in the
/// kernel's order.
pub(crate) fn net_io_counters_pernic() -> Result<IndexMap<String, NetIoCounters>> {
    Ok(pernic_nowrap(Path::new(SOURCE), net_io_raw()?))
}

/// `net_io_counters()`: the sum over the interfaces, `None` when there is none.
pub(crate) fn net_io_counters() -> Result<Option<NetIoCounters>> {
    Ok(total_nowrap(Path::new(SOURCE), net_io_raw()?))
}

/// `net_if_stats()`: for each interface of the list, `isup` from `IFF_RUNNING`, speed
/// and duplex from the active media word
/// ([`parse::freebsd::media`](crate::parse::freebsd::media)), the MTU, and the flag
/// words. An interface that went away between the list and the ioctls is skipped.
pub(crate) fn net_if_stats() -> Result<IndexMap<String, NicStats>> {
    let sock = IfSocket::open().map_err(|e| Error::from_io(e, "socket"))?;
    let mut out = IndexMap::new();
    for i in interfaces()? {
        let st = match sock.status(&i.name) {
            Ok(st) => st,
            Err(e) if matches!(e.raw_os_error(), Some(libc::ENXIO | libc::ENODEV)) => continue,
            Err(e) => return Err(Error::from_io(e, format!("ioctl {}", i.name))),
        };
        let (speed, duplex) = match st.media {
            Some(w) => (media::speed(w), media::duplex(w)),
            None => (0, NicDuplex::Unknown),
        };
        out.insert(
            i.name,
            NicStats {
                isup: st.flags & IFF_RUNNING != 0,
                duplex,
                speed,
                mtu: st.mtu,
                flags: flags_string(st.flags),
            },
        );
    }
    Ok(out)
}
