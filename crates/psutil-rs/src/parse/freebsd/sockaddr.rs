//! BSD socket addresses (`<sys/socket.h>`, `<netinet/in.h>`, `<sys/un.h>`: a
//! `sa_len` byte, then `sa_family`), as found in `kinfo_file`'s `kf_sa_local` /
//! `kf_sa_peer` (`struct sockaddr_storage`, 128 bytes).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::parse::bytes::{array, cstr_clipped_at, u16_at, u8_at};

/// `AF_UNIX`.
pub const AF_UNIX: u8 = 1;
/// `AF_INET`.
pub const AF_INET: u8 = 2;
/// `AF_INET6` (28 on FreeBSD).
pub const AF_INET6: u8 = 28;
/// `AF_LINK`.
pub const AF_LINK: u8 = 18;
/// `sizeof(struct sockaddr_storage)`.
pub const SOCKADDR_STORAGE_LEN: usize = 128;
/// `sun_path` within `struct sockaddr_un`.
const SUN_PATH: usize = 2;
/// `sizeof(sun_path)`.
const SUN_PATH_LEN: usize = 104;

/// A decoded socket address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SockAddr {
    /// `sockaddr_in` / `sockaddr_in6`: address and port (host order).
    Inet(IpAddr, u16),
    /// `sockaddr_un`: the path bytes (empty when unnamed).
    Unix(Vec<u8>),
    /// No address, or a family this decoder does not know.
    None,
}

/// Decodes the address at the start of `b` (`sin_port` is big-endian; `sin_addr` at
/// 4, `sin6_addr` at 8).
pub fn parse(b: &[u8]) -> SockAddr {
    let Some(family) = u8_at(b, 1) else {
        return SockAddr::None;
    };
    let port = || u16_at(b, 2).map(u16::from_be);
    match family {
        AF_INET => match (port(), array::<4>(b, 4)) {
            (Some(p), Some(a)) => SockAddr::Inet(IpAddr::V4(Ipv4Addr::from(a)), p),
            _ => SockAddr::None,
        },
        AF_INET6 => match (port(), array::<16>(b, 8)) {
            (Some(p), Some(a)) => SockAddr::Inet(IpAddr::V6(Ipv6Addr::from(a)), p),
            _ => SockAddr::None,
        },
        AF_UNIX => SockAddr::Unix(cstr_clipped_at(b, SUN_PATH, SUN_PATH_LEN).to_vec()),
        _ => SockAddr::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families() {
        let mut v4 = vec![16, AF_INET, 0x1f, 0x90, 127, 0, 0, 1];
        v4.resize(16, 0);
        assert_eq!(
            parse(&v4),
            SockAddr::Inet("127.0.0.1".parse().unwrap(), 8080)
        );
        let mut v6 = vec![28, AF_INET6, 0, 22, 0, 0, 0, 0];
        v6.extend(Ipv6Addr::LOCALHOST.octets());
        assert_eq!(parse(&v6), SockAddr::Inet("::1".parse().unwrap(), 22));
        let mut un = vec![20, AF_UNIX];
        un.extend(b"/tmp/s\0junk");
        assert_eq!(parse(&un), SockAddr::Unix(b"/tmp/s".to_vec()));
        assert_eq!(parse(&v6[..10]), SockAddr::None);
        assert_eq!(parse(&[]), SockAddr::None);
        assert_eq!(parse(&[0, 99]), SockAddr::None);
    }
}
