//! The socket numbers of macOS (`AF_*`, `SOCK_*` of `<sys/socket.h>`), for the public
//! `AddressFamily` and `SocketType`.

/// `AF_UNIX`.
pub(crate) const AF_UNIX: u16 = libc::AF_UNIX as u16;
/// `AF_INET`.
pub(crate) const AF_INET: u16 = libc::AF_INET as u16;
/// `AF_INET6` (30 on macOS).
pub(crate) const AF_INET6: u16 = libc::AF_INET6 as u16;
/// `AF_LINK` (18): psutil's `AF_LINK` on macOS is the C constant.
pub(crate) const AF_LINK: u16 = libc::AF_LINK as u16;
/// `SOCK_STREAM`.
pub(crate) const SOCK_STREAM: u16 = libc::SOCK_STREAM as u16;
/// `SOCK_DGRAM`.
pub(crate) const SOCK_DGRAM: u16 = libc::SOCK_DGRAM as u16;
/// `SOCK_RAW`.
pub(crate) const SOCK_RAW: u16 = libc::SOCK_RAW as u16;
/// `SOCK_RDM`.
pub(crate) const SOCK_RDM: u16 = libc::SOCK_RDM as u16;
/// `SOCK_SEQPACKET`.
pub(crate) const SOCK_SEQPACKET: u16 = libc::SOCK_SEQPACKET as u16;

/// What separates the bytes of a MAC address in `net_if_addrs()` (`:` on macOS).
pub(crate) const MAC_SEPARATOR: char = ':';

/// The key `net_if_addrs()` sorts addresses by: the family number, as psutil sorts its
/// raw list (`AF_INET` 2, `AF_LINK` 18, `AF_INET6` 30).
pub(crate) fn sort_key(family: u16) -> i32 {
    i32::from(family)
}
