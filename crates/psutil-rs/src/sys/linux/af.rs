//! The socket numbers of Linux (`AF_*` of `<sys/socket.h>`), for the public
//! `AddressFamily`; the `SOCK_*` numbers and the address order are every POSIX
//! platform's (`sys/unix/af.rs`).

pub(crate) use super::super::unix::af::{
    sort_key, MAC_SEPARATOR, SOCK_DGRAM, SOCK_RAW, SOCK_RDM, SOCK_SEQPACKET, SOCK_STREAM,
};

/// `AF_UNIX`.
pub(crate) const AF_UNIX: u16 = 1;
/// `AF_INET`.
pub(crate) const AF_INET: u16 = 2;
/// `AF_INET6`.
pub(crate) const AF_INET6: u16 = 10;
/// `AF_PACKET`: psutil's `AF_LINK` on Linux.
pub(crate) const AF_LINK: u16 = 17;
