//! The socket numbers of FreeBSD (`AF_*` of `<sys/socket.h>`), for the public
//! `AddressFamily`; the `SOCK_*` numbers and the address order are every POSIX
//! platform's (`sys/unix/af.rs`).

pub(crate) use super::super::unix::af::{
    sort_key, MAC_SEPARATOR, SOCK_DGRAM, SOCK_RAW, SOCK_RDM, SOCK_SEQPACKET, SOCK_STREAM,
};

/// `AF_UNIX`.
pub(crate) const AF_UNIX: u16 = 1;
/// `AF_INET`.
pub(crate) const AF_INET: u16 = 2;
/// `AF_INET6` (28 on FreeBSD).
pub(crate) const AF_INET6: u16 = 28;
/// `AF_LINK` (18): psutil's `AF_LINK` on the BSDs.
pub(crate) const AF_LINK: u16 = 18;
