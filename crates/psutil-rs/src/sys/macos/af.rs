//! The socket numbers of macOS (`AF_*` of `<sys/socket.h>`), for the public
//! `AddressFamily`; the `SOCK_*` numbers and the address order are every POSIX
//! platform's (`sys/unix/af.rs`).

pub(crate) use super::super::unix::af::{
    sort_key, MAC_SEPARATOR, SOCK_DGRAM, SOCK_RAW, SOCK_RDM, SOCK_SEQPACKET, SOCK_STREAM,
};

/// `AF_UNIX`.
pub(crate) const AF_UNIX: u16 = libc::AF_UNIX as u16;
/// `AF_INET`.
pub(crate) const AF_INET: u16 = libc::AF_INET as u16;
/// `AF_INET6` (30 on macOS).
pub(crate) const AF_INET6: u16 = libc::AF_INET6 as u16;
/// `AF_LINK` (18): psutil's `AF_LINK` on macOS is the C constant.
pub(crate) const AF_LINK: u16 = libc::AF_LINK as u16;
