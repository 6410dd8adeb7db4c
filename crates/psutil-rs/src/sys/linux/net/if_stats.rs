//! `net_if_stats()` on Linux: the NICs of `/proc/net/dev`, described by ioctls.

use std::path::PathBuf;

use indexmap::IndexMap;

use crate::error::{Error, Result};
use crate::net::if_stats::{NicDuplex, NicStats};
use crate::parse::net_dev;
use crate::sys;
use crate::sys::ethtool::IfSocket;
use crate::sys::root::Root;

/// `IFF_*` bits of `<net/if.h>` and psutil's names for them, in bit order.
const FLAG_NAMES: [(u16, &str); 16] = [
    (0x1, "up"),
    (0x2, "broadcast"),
    (0x4, "debug"),
    (0x8, "loopback"),
    (0x10, "pointopoint"),
    (0x20, "notrailers"),
    (0x40, "running"),
    (0x80, "noarp"),
    (0x100, "promisc"),
    (0x200, "allmulti"),
    (0x400, "master"),
    (0x800, "slave"),
    (0x1000, "multicast"),
    (0x2000, "portsel"),
    (0x4000, "automedia"),
    (0x8000, "dynamic"),
];

/// Renders `IFF_*` flags as psutil's comma-separated names.
pub(crate) fn flags_string(flags: u16) -> String {
    let names: Vec<&str> = FLAG_NAMES
        .iter()
        .filter(|(bit, _)| flags & bit != 0)
        .map(|(_, n)| *n)
        .collect();
    names.join(",")
}

impl Root {
    /// [`net_if_stats`](crate::net_if_stats) through this root. As in psutil with
    /// `PROCFS_PATH` set, the NIC names come from this root's `/proc/net/dev` while the
    /// values always come from ioctls on the running system; names the running system does
    /// not have are left out.
    pub fn net_if_stats(&self) -> Result<IndexMap<String, NicStats>> {
        let devs = sys::fs::parse(&self.proc_path("net/dev"), net_dev::parse)?;
        let sock = IfSocket::open().map_err(|e| Error::from_io(e, PathBuf::from("socket")))?;
        let mut out = IndexMap::with_capacity(devs.len());
        for d in devs {
            let nic = d.name;
            // Not an interface name (a hostile or corrupt file): the ioctls would cut it
            // at IFNAMSIZ - 1 bytes or at the NUL and describe another interface.
            if nic.len() >= libc::IFNAMSIZ || nic.contains('\0') {
                continue;
            }
            let res = sock.mtu(&nic).and_then(|mtu| {
                let flags = sock.flags(&nic)?;
                let ds = sock.duplex_speed(&nic)?;
                Ok((mtu, flags, ds))
            });
            let (mtu, flags, ds) = match res {
                Ok(v) => v,
                // The NIC went away between /proc/net/dev and the ioctl (psutil #1279).
                Err(e) if e.raw_os_error() == Some(libc::ENODEV) => continue,
                Err(e) => return Err(Error::from_io(e, PathBuf::from(format!("ioctl {nic}")))),
            };
            let duplex = match ds.duplex {
                Some(1) => NicDuplex::Full,
                Some(0) => NicDuplex::Half,
                _ => NicDuplex::Unknown,
            };
            out.insert(
                nic,
                NicStats {
                    isup: flags & 0x40 != 0,
                    duplex,
                    speed: ds.speed,
                    mtu,
                    flags: flags_string(flags),
                },
            );
        }
        Ok(out)
    }
}

/// `net_if_stats()` from the current [`Root`].
pub(crate) fn net_if_stats() -> Result<IndexMap<String, NicStats>> {
    Root::current().net_if_stats()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_render_in_bit_order() {
        assert_eq!(flags_string(0x1043), "up,broadcast,running,multicast");
        assert_eq!(flags_string(0x49), "up,loopback,running");
        assert_eq!(flags_string(0), "");
        assert_eq!(flags_string(0xffff).split(',').count(), 16);
    }
}
