//! The socket numbers of FreeBSD (`AF_*`, `SOCK_*` of `<sys/socket.h>`), for the public
//! `AddressFamily` and `SocketType`.

/// `AF_UNIX`.
pub(crate) const AF_UNIX: u16 = 1;
/// `AF_INET`.
pub(crate) const AF_INET: u16 = 2;
/// `AF_INET6` (28 on FreeBSD).
pub(crate) const AF_INET6: u16 = 28;
/// `AF_LINK` (18): psutil's `AF_LINK` on the BSDs.
pub(crate) const AF_LINK: u16 = 18;
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

/// What separates the bytes of a MAC address in `net_if_addrs()` (psutil: `:`).
pub(crate) const MAC_SEPARATOR: char = ':';

/// The key `net_if_addrs()` sorts addresses by: the family number (psutil keeps
/// `getifaddrs`' order per family: `AF_INET` 2, `AF_LINK` 18, `AF_INET6` 28).
pub(crate) fn sort_key(family: u16) -> i32 {
    i32::from(family)
}
