//! `net_if_stats()`.

use std::path::PathBuf;

use indexmap::IndexMap;

use crate::error::{Error, Result};
use crate::parse::net_dev;
use crate::root::Root;
use crate::sys;
use crate::sys::ethtool::IfSocket;

/// Duplex mode of a NIC. psutil's `NicDuplex` (`NIC_DUPLEX_*`); serialized as its
/// number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NicDuplex {
    /// `NIC_DUPLEX_FULL` (2).
    Full,
    /// `NIC_DUPLEX_HALF` (1).
    Half,
    /// `NIC_DUPLEX_UNKNOWN` (0).
    Unknown,
}

impl NicDuplex {
    /// psutil's number: 2, 1 or 0.
    pub fn as_raw(self) -> u8 {
        match self {
            NicDuplex::Full => 2,
            NicDuplex::Half => 1,
            NicDuplex::Unknown => 0,
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for NicDuplex {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_u8(self.as_raw())
    }
}

/// State of one NIC. psutil's `snicstats`, with its fields in its order.
#[doc(alias = "snicstats")]
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct NicStats {
    /// True when the interface is up and has a carrier: `IFF_RUNNING` of
    /// `SIOCGIFFLAGS` (psutil ≥ 5.7.3).
    pub isup: bool,
    /// Duplex from `SIOCETHTOOL`/`ETHTOOL_GSET`; `Unknown` when the driver has no
    /// ethtool support.
    pub duplex: NicDuplex,
    /// Speed in Mbit/s from `ETHTOOL_GSET`; 0 when unknown.
    pub speed: u32,
    /// MTU in bytes, from `SIOCGIFMTU`.
    pub mtu: i32,
    /// The `SIOCGIFFLAGS` flags as psutil spells them, comma-separated in the kernel's
    /// bit order: `up,broadcast,debug,loopback,pointopoint,notrailers,running,noarp,
    /// promisc,allmulti,master,slave,multicast,portsel,automedia,dynamic`.
    pub flags: String,
}

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
    /// [`net_if_stats`] through this root. As in psutil with `PROCFS_PATH` set, the NIC
    /// names come from this root's `/proc/net/dev` while the values always come from
    /// ioctls on the running system; names the running system does not have are left
    /// out.
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

/// State of every NIC listed in `/proc/net/dev`: up/running, duplex, speed, MTU and
/// flags. psutil's `net_if_stats()`.
///
/// Uses `ioctl(SIOCGIFMTU)`, `ioctl(SIOCGIFFLAGS)` and `ioctl(SIOCETHTOOL,
/// ETHTOOL_GSET)` on an `AF_INET` datagram socket. A NIC that disappears meanwhile
/// (`ENODEV`) is left out.
///
/// The map lists the NICs in the order of `/proc/net/dev`, as psutil's dict does.
pub fn net_if_stats() -> Result<IndexMap<String, NicStats>> {
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
