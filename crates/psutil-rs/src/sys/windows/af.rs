//! The socket numbers of Windows (`AF_*`, `SOCK_*` of `ws2def.h`), for the public
//! `AddressFamily` and `SocketType`.

/// `AF_UNIX`.
pub(crate) const AF_UNIX: u16 = 1;
/// `AF_INET`.
pub(crate) const AF_INET: u16 = 2;
/// `AF_INET6`.
pub(crate) const AF_INET6: u16 = 23;
/// psutil's `AF_LINK` on Windows is -1; as an unsigned 16-bit number, `0xFFFF`.
pub(crate) const AF_LINK: u16 = 0xFFFF;
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

/// What separates the bytes of a MAC address in `net_if_addrs()` (psutil: `-` on
/// Windows).
pub(crate) const MAC_SEPARATOR: char = '-';

/// The key `net_if_addrs()` sorts addresses by: the signed family number, as psutil
/// sorts its raw list, so `AF_LINK` (-1) comes first, then `AF_INET` (2), `AF_INET6` (23).
pub(crate) fn sort_key(family: u16) -> i32 {
    if family == AF_LINK {
        -1
    } else {
        i32::from(family)
    }
}
