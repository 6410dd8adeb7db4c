//! The socket numbers every POSIX backend shares (`SOCK_*` of `<sys/socket.h>`, the
//! same on Linux, macOS and FreeBSD), and how `net_if_addrs()` orders and prints
//! addresses there. The `AF_*` numbers differ: each backend's `af.rs`.

/// `SOCK_STREAM`.
pub(crate) const SOCK_STREAM: u16 = 1;
/// `SOCK_DGRAM`.
pub(crate) const SOCK_DGRAM: u16 = 2;
/// `SOCK_RAW`.
pub(crate) const SOCK_RAW: u16 = 3;
/// `SOCK_RDM`.
pub(crate) const SOCK_RDM: u16 = 4;
/// `SOCK_SEQPACKET`.
pub(crate) const SOCK_SEQPACKET: u16 = 5;

/// What separates the bytes of a MAC address in `net_if_addrs()` (psutil: `:` on POSIX).
pub(crate) const MAC_SEPARATOR: char = ':';

/// The key `net_if_addrs()` sorts addresses by: the family number, as psutil sorts its
/// raw list (Linux: `AF_INET` 2, `AF_INET6` 10, `AF_PACKET` 17; macOS: `AF_INET` 2,
/// `AF_LINK` 18, `AF_INET6` 30; FreeBSD keeps `getifaddrs`' order per family:
/// `AF_INET` 2, `AF_LINK` 18, `AF_INET6` 28).
pub(crate) fn sort_key(family: u16) -> i32 {
    i32::from(family)
}
