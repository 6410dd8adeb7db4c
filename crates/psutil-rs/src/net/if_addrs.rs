//! `net_if_addrs()`.

use indexmap::IndexMap;

use crate::error::Result;
use crate::net::kind::AddressFamily;
use crate::sys;

/// One address of a network interface. psutil's `snicaddr`, with its fields in its
/// order.
#[doc(alias = "snicaddr")]
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct NicAddress {
    /// [`AddressFamily::Inet`], [`AddressFamily::Inet6`] or [`AddressFamily::Packet`]
    /// (psutil's `AF_LINK`, for the MAC address).
    pub family: AddressFamily,
    /// The address: dotted IPv4, IPv6 as `getnameinfo(NI_NUMERICHOST)` writes it
    /// (link-local addresses end in `%<interface>`), or a MAC `aa:bb:cc:dd:ee:ff`
    /// (`aa-bb-cc-dd-ee-ff` on Windows), padded with `00` to six bytes when the hardware
    /// address is shorter.
    pub address: String,
    /// The netmask in the same notation; `None` for MAC addresses.
    pub netmask: Option<String>,
    /// The broadcast address; only for interfaces with `IFF_BROADCAST`.
    pub broadcast: Option<String>,
    /// The point-to-point destination; only for interfaces with `IFF_POINTOPOINT`.
    /// Never set together with `broadcast`.
    pub ptp: Option<String>,
}

/// The addresses of every network interface, keyed by interface name. psutil's
/// `net_if_addrs()`.
///
/// Linux: read with `getifaddrs(3)` (netlink `RTM_GETLINK` + `RTM_GETADDR` inside glibc). Each
/// list is sorted by family (IPv4, IPv6, then MAC), keeping the kernel's order within a
/// family. Windows: `GetAdaptersAddresses` (unicast addresses with their prefix lengths,
/// the adapter's physical address), keyed by the adapter's friendly name; the MAC comes
/// first (psutil's `AF_LINK` is -1 there), written with `-` (`aa-bb-cc-dd-ee-ff`), and
/// `broadcast`, `ptp` and the IPv6 netmask are `None`, as in psutil. Interfaces without any address (e.g. a tunnel with no hardware address and
/// no IP) are absent.
///
/// The map lists the interfaces in psutil's order: by first appearance in that
/// family-sorted list, i.e. those with an IPv4 address in `getifaddrs` order, then
/// those with only IPv6 addresses, then those with only a MAC address.
pub fn net_if_addrs() -> Result<IndexMap<String, Vec<NicAddress>>> {
    let mut raw = sys::net::getifaddrs()?;
    // Stable, like Python's list.sort, on the platform's family numbers (Windows'
    // AF_LINK is -1, so MAC addresses come first there).
    raw.sort_by_key(|a| sys::af::sort_key(a.family));
    let sep = sys::af::MAC_SEPARATOR;
    let mut out: IndexMap<String, Vec<NicAddress>> = IndexMap::new();
    for a in raw {
        let family = AddressFamily::from_raw(a.family);
        let mut address = a.address;
        if family == AddressFamily::Packet {
            while address.matches(sep).count() < 5 {
                address.push(sep);
                address.push_str("00");
            }
        }
        out.entry(a.name).or_default().push(NicAddress {
            family,
            address,
            netmask: a.netmask,
            broadcast: a.broadcast,
            ptp: a.ptp,
        });
    }
    Ok(out)
}
