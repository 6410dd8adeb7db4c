//! `net_if_addrs()` on Windows: the hardware and unicast addresses of each adapter of
//! `GetAdaptersAddresses`.

use super::adapters::adapters;
use crate::error::Result;
use crate::parse::windows::adapters::{ipv4_netmask, mac_string};
use crate::sys::af;

/// One address of one interface, as the public `net_if_addrs` groups them.
#[derive(Debug, Clone)]
pub(crate) struct IfAddr {
    /// The adapter's `FriendlyName`.
    pub name: String,
    /// The address family number (Windows' `AF_*`, see `sys::af`; psutil's `AF_LINK`
    /// for the MAC address).
    pub family: u16,
    /// The formatted address.
    pub address: String,
    /// The formatted netmask: IPv4 only.
    pub netmask: Option<String>,
    /// Always `None` on Windows (psutil 7.2.2 computes a broadcast address and drops
    /// it, psutil-platforms.md §7 gotcha 1).
    pub broadcast: Option<String>,
    /// Always `None` on Windows.
    pub ptp: Option<String>,
}

/// The addresses psutil's `net_if_addrs()` reports on Windows, adapter by adapter: the
/// MAC address (`PhysicalAddress`, upper-case hex joined by `-`, skipped when empty),
/// then each unicast address: IPv4 with the netmask of its `OnLinkPrefixLength`
/// (`ConvertLengthToIpv4Mask`'s result), IPv6 without netmask (as psutil). Broadcast
/// and point-to-point addresses are never set.
pub(crate) fn getifaddrs() -> Result<Vec<IfAddr>> {
    let mut out = Vec::new();
    for a in adapters()? {
        if let Some(mac) = mac_string(&a.mac) {
            out.push(IfAddr {
                name: a.friendly_name.clone(),
                family: af::AF_LINK,
                address: mac,
                netmask: None,
                broadcast: None,
                ptp: None,
            });
        }
        for (ip, prefix) in &a.unicast {
            let (family, netmask) = match ip {
                std::net::IpAddr::V4(_) => {
                    (af::AF_INET, ipv4_netmask(*prefix).map(|m| m.to_string()))
                }
                std::net::IpAddr::V6(_) => (af::AF_INET6, None),
            };
            out.push(IfAddr {
                name: a.friendly_name.clone(),
                family,
                address: ip.to_string(),
                netmask,
                broadcast: None,
                ptp: None,
            });
        }
    }
    Ok(out)
}
