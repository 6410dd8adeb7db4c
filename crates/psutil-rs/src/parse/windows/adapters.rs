//! Network adapters as psutil reports them on Windows: the values `GetAdaptersAddresses`
//! (`IP_ADAPTER_ADDRESSES`) and `GetIfEntry2` (`MIB_IF_ROW2`) give, turned into
//! `net_if_addrs()` and `net_if_stats()` fields.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::parse::bytes::{array, u16_at};

/// Windows' `AF_INET`.
pub const AF_INET: u16 = 2;
/// Windows' `AF_INET6` (23; Linux's is 10).
pub const AF_INET6: u16 = 23;

/// The IP address of a `SOCKADDR_IN` (`sin_family` 2, `sin_addr` at 4) or a
/// `SOCKADDR_IN6` (`sin6_family` 23, `sin6_addr` at 8) held in `sa`, the
/// `iSockaddrLength` bytes a `SOCKET_ADDRESS` points to. `None` for another family or a
/// buffer too short for its family.
pub fn sockaddr_ip(sa: &[u8]) -> Option<IpAddr> {
    match u16_at(sa, 0)? {
        AF_INET => array::<4>(sa, 4).map(|a| IpAddr::V4(Ipv4Addr::from(a))),
        AF_INET6 => array::<16>(sa, 8).map(|a| IpAddr::V6(Ipv6Addr::from(a))),
        _ => None,
    }
}

/// The IPv4 netmask of an on-link prefix length (`OnLinkPrefixLength`), as
/// `ConvertLengthToIpv4Mask` computes it: 24 → `255.255.255.0`. `None` for a length
/// above 32, which that call rejects.
pub fn ipv4_netmask(prefix_len: u8) -> Option<Ipv4Addr> {
    match prefix_len {
        0 => Some(Ipv4Addr::UNSPECIFIED),
        1..=32 => Some(Ipv4Addr::from(u32::MAX << (32 - u32::from(prefix_len)))),
        _ => None,
    }
}

/// A hardware address as psutil prints it on Windows: upper-case hex bytes joined by
/// `-` (`00-1A-2B-3C-4D-5E`). `None` for an empty address (`PhysicalAddressLength` 0),
/// which psutil skips.
pub fn mac_string(addr: &[u8]) -> Option<String> {
    if addr.is_empty() {
        return None;
    }
    let parts: Vec<String> = addr.iter().map(|b| format!("{b:02X}")).collect();
    Some(parts.join("-"))
}

/// `IfOperStatusUp` of `MIB_IF_ROW2.OperStatus`.
pub const IF_OPER_STATUS_UP: u32 = 1;
/// `NET_IF_ADMIN_STATUS_UP` of `MIB_IF_ROW2.AdminStatus`.
pub const NET_IF_ADMIN_STATUS_UP: u32 = 1;

/// psutil's `isup`: the interface is operational and administratively up.
pub fn is_up(oper_status: u32, admin_status: u32) -> bool {
    oper_status == IF_OPER_STATUS_UP && admin_status == NET_IF_ADMIN_STATUS_UP
}

/// A link speed in bits per second (`TransmitLinkSpeed`) as psutil's Mbit/s: the whole
/// number of millions; 0 for an unknown speed (`u64::MAX`, which Windows reports for
/// some virtual adapters), and saturated at `u32::MAX`.
pub fn speed_mbps(bits_per_sec: u64) -> u32 {
    if bits_per_sec == u64::MAX {
        return 0;
    }
    u32::try_from(bits_per_sec / 1_000_000).unwrap_or(u32::MAX)
}

/// A NUL-terminated UTF-16 string held in a fixed array (`MIB_IF_ROW2.Alias`, ...).
pub fn wide_array_str(units: &[u16]) -> String {
    let end = units.iter().position(|&c| c == 0).unwrap_or(units.len());
    String::from_utf16_lossy(units.get(..end).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sockaddrs() {
        let mut v4 = vec![0u8; 16];
        v4[0..2].copy_from_slice(&AF_INET.to_le_bytes());
        v4[2..4].copy_from_slice(&80u16.to_be_bytes());
        v4[4..8].copy_from_slice(&[192, 168, 1, 7]);
        assert_eq!(sockaddr_ip(&v4), Some("192.168.1.7".parse().unwrap()));
        assert_eq!(sockaddr_ip(&v4[..7]), None);
        let mut v6 = vec![0u8; 28];
        v6[0..2].copy_from_slice(&AF_INET6.to_le_bytes());
        let ip: Ipv6Addr = "fe80::1:2".parse().unwrap();
        v6[8..24].copy_from_slice(&ip.octets());
        assert_eq!(sockaddr_ip(&v6), Some(IpAddr::V6(ip)));
        assert_eq!(sockaddr_ip(&v6[..23]), None);
        v6[0..2].copy_from_slice(&10u16.to_le_bytes()); // Linux's AF_INET6 number
        assert_eq!(sockaddr_ip(&v6), None);
        assert_eq!(sockaddr_ip(&[]), None);
    }

    #[test]
    fn netmasks() {
        let m = |n| ipv4_netmask(n).map(|a| a.to_string());
        assert_eq!(m(24).as_deref(), Some("255.255.255.0"));
        assert_eq!(m(8).as_deref(), Some("255.0.0.0"));
        assert_eq!(m(32).as_deref(), Some("255.255.255.255"));
        assert_eq!(m(0).as_deref(), Some("0.0.0.0"));
        assert_eq!(m(20).as_deref(), Some("255.255.240.0"));
        assert_eq!(m(33), None);
        assert_eq!(m(128), None);
    }

    #[test]
    fn macs() {
        assert_eq!(
            mac_string(&[0, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e]).as_deref(),
            Some("00-1A-2B-3C-4D-5E")
        );
        assert_eq!(mac_string(&[0xff]).as_deref(), Some("FF"));
        assert_eq!(mac_string(&[]), None);
    }

    #[test]
    fn stats() {
        assert!(is_up(1, 1));
        assert!(!is_up(2, 1));
        assert!(!is_up(1, 2));
        assert_eq!(speed_mbps(1_000_000_000), 1000);
        assert_eq!(speed_mbps(999_999), 0);
        assert_eq!(speed_mbps(u64::MAX), 0);
        assert_eq!(speed_mbps(u64::MAX - 1), u32::MAX);
        assert_eq!(
            wide_array_str(&[b'e' as u16, b't' as u16, 0, b'x' as u16]),
            "et"
        );
        assert_eq!(wide_array_str(&[b'l' as u16, b'o' as u16]), "lo");
    }
}
