//! `net_if_stats()`.

use indexmap::IndexMap;

use crate::error::Result;
use crate::sys;

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

/// State of every NIC (Linux: listed in `/proc/net/dev`): up/running, duplex, speed, MTU
/// and flags. psutil's `net_if_stats()`.
///
/// Linux: uses `ioctl(SIOCGIFMTU)`, `ioctl(SIOCGIFFLAGS)` and `ioctl(SIOCETHTOOL,
/// ETHTOOL_GSET)` on an `AF_INET` datagram socket. A NIC that disappears meanwhile
/// (`ENODEV`) is left out.
///
/// The map lists the NICs in the system's order (Linux: of `/proc/net/dev`), as psutil's
/// dict does.
///
/// Windows: `GetAdaptersAddresses` + `GetIfEntry2` (duplex always full and flags empty, as psutil).
pub fn net_if_stats() -> Result<IndexMap<String, NicStats>> {
    sys::net::net_if_stats()
}
