//! `net_if_stats()` on macOS: for each interface of `net_io_counters`, the
//! `SIOCGIFFLAGS`, `SIOCGIFMTU` and `SIOCGIFMEDIA` ioctls; interfaces gone meanwhile
//! (`ENXIO`, `ENODEV`) are skipped.

use std::path::PathBuf;

use indexmap::IndexMap;

use super::super::if_ioctl::{flags_string, IfSocket, IFF_RUNNING};
use super::io_counters::net_io_raw;
use crate::error::{Error, Result};
use crate::net::if_stats::{NicDuplex, NicStats};
use crate::parse::macos::ifmedia;

/// `net_if_stats()`: isup is `IFF_RUNNING`, speed and duplex from the media word.
pub(crate) fn net_if_stats() -> Result<IndexMap<String, NicStats>> {
    let sock = IfSocket::open().map_err(|e| Error::from_io(e, PathBuf::from("socket")))?;
    let mut out = IndexMap::new();
    for (name, _) in net_io_raw()? {
        let st = match sock.status(&name) {
            Ok(st) => st,
            Err(e)
                if matches!(
                    e.raw_os_error(),
                    Some(libc::ENXIO | libc::ENODEV | libc::EINVAL)
                ) =>
            {
                continue
            }
            Err(e) => return Err(Error::from_io(e, PathBuf::from(format!("ioctl {name}")))),
        };
        let (speed, duplex) = st
            .media
            .map_or((0, 0), |m| (ifmedia::speed(m), ifmedia::duplex(m)));
        out.insert(
            name,
            NicStats {
                isup: st.flags & IFF_RUNNING != 0,
                duplex: match duplex {
                    2 => NicDuplex::Full,
                    1 => NicDuplex::Half,
                    _ => NicDuplex::Unknown,
                },
                speed,
                mtu: st.mtu,
                flags: flags_string(st.flags),
            },
        );
    }
    Ok(out)
}
