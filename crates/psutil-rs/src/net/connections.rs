//! `net_connections()`: system-wide sockets (on Linux from `/proc/net/*`, psutil's way,
//! or from `NETLINK_SOCK_DIAG`, what `ss(8)` uses).

use std::ffi::OsString;
use std::fmt;
use std::net::{IpAddr, Ipv6Addr};

use crate::error::{Pid, Result};
use crate::net::kind::{AddressFamily, ConnectionKind, ConnectionStatus, SocketType};
use crate::sys;

/// An IP endpoint. psutil's `addr` named tuple.
#[doc(alias = "addr")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub struct Addr {
    /// The IP address. Serialized (and shown by `Display`) as glibc's `inet_ntop` writes
    /// it, which is what psutil returns (e.g. `::ffff:127.0.0.1`, `::0.1.0.2`).
    pub ip: IpAddr,
    /// The port.
    pub port: u16,
}

impl Addr {
    /// The IP as psutil's string (glibc `inet_ntop`).
    pub fn ip_string(&self) -> String {
        match self.ip {
            IpAddr::V4(v4) => v4.to_string(),
            IpAddr::V6(v6) => inet_ntop6(v6),
        }
    }
}

impl From<std::net::SocketAddr> for Addr {
    /// The IP and port of a socket address (an IPv6 address's flow info and scope id
    /// are dropped, as psutil's `addr` has neither).
    fn from(sa: std::net::SocketAddr) -> Self {
        Addr {
            ip: sa.ip(),
            port: sa.port(),
        }
    }
}

impl fmt::Display for Addr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.ip {
            IpAddr::V4(_) => write!(f, "{}:{}", self.ip_string(), self.port),
            IpAddr::V6(_) => write!(f, "[{}]:{}", self.ip_string(), self.port),
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Addr {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("addr", 2)?;
        st.serialize_field("ip", &self.ip_string())?;
        st.serialize_field("port", &self.port)?;
        st.end()
    }
}

/// One end of a connection: psutil's `laddr` / `raddr`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ConnAddr {
    /// An inet socket's bound or peer address.
    Inet(Addr),
    /// A Unix socket's path as `/proc/net/unix` shows it: `@name` for abstract sockets,
    /// empty when unbound (psutil's `''`). Raw bytes are kept.
    Unix(OsString),
    /// No address: an inet address with port 0 (psutil's empty tuple `()`).
    None,
}

impl ConnAddr {
    /// The inet address, if this is one.
    pub fn as_inet(&self) -> Option<&Addr> {
        match self {
            ConnAddr::Inet(a) => Some(a),
            _ => None,
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for ConnAddr {
    /// `Inet` as `{ip, port}`, `Unix` as a string (lossy for non-UTF-8 bytes), `None`
    /// as an empty sequence (psutil's `()`).
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        match self {
            ConnAddr::Inet(a) => a.serialize(s),
            ConnAddr::Unix(p) => s.serialize_str(&p.to_string_lossy()),
            ConnAddr::None => s.serialize_seq(Some(0))?.end(),
        }
    }
}

/// A socket of the system. psutil's `sconn`, with its fields in its order.
#[doc(alias = "sconn")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Connection {
    /// The file descriptor in process `pid`, or -1 when no readable process holds it.
    pub fd: i32,
    /// [`AddressFamily::Inet`], [`AddressFamily::Inet6`] or [`AddressFamily::Unix`].
    pub family: AddressFamily,
    /// [`SocketType::Stream`] (TCP), [`SocketType::Dgram`] (UDP), or a Unix socket's type.
    pub r#type: SocketType,
    /// Local address; for Unix sockets the bound path.
    pub laddr: ConnAddr,
    /// Remote address ([`ConnAddr::None`] when not connected); for Unix sockets always an
    /// empty path, as in psutil.
    pub raddr: ConnAddr,
    /// TCP state, or [`ConnectionStatus::None`] for UDP and Unix sockets.
    pub status: ConnectionStatus,
    /// The process holding the socket, `None` when unknown (other users' processes for an
    /// unprivileged caller, or sockets without a process such as TIME_WAIT).
    pub pid: Option<Pid>,
}

/// Port 0 means "no address" (psutil's `()`).
pub(crate) fn inet_addr((ip, port): (IpAddr, u16)) -> ConnAddr {
    if port == 0 {
        ConnAddr::None
    } else {
        ConnAddr::Inet(Addr { ip, port })
    }
}

/// Formats an IPv6 address exactly as glibc's `inet_ntop(AF_INET6)` does (which is what
/// Python's `socket.inet_ntop`, and so psutil, returns): the first longest run of two or
/// more zero groups becomes `::`, and the forms `::a.b.c.d` (first six groups zero) and
/// `::ffff:a.b.c.d` are written with a dotted IPv4 tail.
pub(crate) fn inet_ntop6(ip: Ipv6Addr) -> String {
    let w = ip.segments();
    // longest run of zeros; the first one wins ties
    let (mut best_base, mut best_len) = (usize::MAX, 0usize);
    let (mut cur_base, mut cur_len) = (usize::MAX, 0usize);
    for (i, &g) in w.iter().enumerate() {
        if g == 0 {
            if cur_len == 0 {
                cur_base = i;
            }
            cur_len += 1;
            if cur_len > best_len {
                best_base = cur_base;
                best_len = cur_len;
            }
        } else {
            cur_len = 0;
        }
    }
    if best_len < 2 {
        best_base = usize::MAX;
        best_len = 0;
    }
    let in_best = |i: usize| best_base != usize::MAX && i >= best_base && i < best_base + best_len;
    let mut out = String::new();
    let o = ip.octets();
    for (i, &g) in w.iter().enumerate() {
        if in_best(i) {
            if i == best_base {
                out.push(':');
            }
            continue;
        }
        if i != 0 {
            out.push(':');
        }
        let ffff5 = w.get(5) == Some(&0xffff);
        if i == 6 && best_base == 0 && (best_len == 6 || (best_len == 5 && ffff5)) {
            if let (Some(a), Some(b), Some(c), Some(d)) =
                (o.get(12), o.get(13), o.get(14), o.get(15))
            {
                out.push_str(&format!("{a}.{b}.{c}.{d}"));
            }
            return out;
        }
        out.push_str(&format!("{g:x}"));
    }
    if best_base != usize::MAX && best_base + best_len == 8 {
        out.push(':');
    }
    out
}

/// System-wide sockets of the given kind. psutil's `net_connections(kind)`.
///
/// Linux: the socket tables come from `NETLINK_SOCK_DIAG` (`inet_diag`, `unix_diag`; what
/// `ss(8)` uses, much faster than the text files), or from `/proc/net/{tcp,tcp6,udp,
/// udp6,unix}` when netlink is unavailable or `set_procfs_path`
/// points elsewhere. The owning process and fd come from one pass over
/// `/proc/<pid>/fd/*` links (`socket:[inode]`); processes the caller may not inspect
/// are skipped, so their sockets have `pid = None, fd = -1`.
///
/// The list is deduplicated and in table order (TCP v4, TCP v6, UDP v4, UDP v6, Unix);
/// psutil returns the same entries in no particular order.
///
/// Windows: `GetExtendedTcpTable(TCP_TABLE_OWNER_PID_ALL)` and `GetExtendedUdpTable(UDP_TABLE_OWNER_PID)` for IPv4 and IPv6 (no UNIX sockets; `fd` is -1).
pub fn net_connections(kind: ConnectionKind) -> Result<Vec<Connection>> {
    sys::net::net_connections(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ntop6_matches_glibc() {
        // expectations from Python's socket.inet_ntop (glibc) on this machine
        for (input, want) in [
            ("::", "::"),
            ("::1", "::1"),
            ("::2", "::2"),
            ("::1:2", "::0.1.0.2"),
            ("::ffff:1.2.3.4", "::ffff:1.2.3.4"),
            ("::ffff:0:1.2.3.4", "::ffff:0:102:304"),
            ("1:0:0:1:0:0:0:1", "1:0:0:1::1"),
            ("1:0:0:2:0:0:3:4", "1::2:0:0:3:4"),
            ("fe80::1", "fe80::1"),
            ("2001:db8::", "2001:db8::"),
            ("0:0:1::", "0:0:1::"),
            ("::0.1.0.0", "::0.1.0.0"),
            ("1::", "1::"),
            ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
            ("1:0:2:3:4:5:6:7", "1:0:2:3:4:5:6:7"),
            ("::1.2.3.4", "::1.2.3.4"),
        ] {
            assert_eq!(inet_ntop6(input.parse().unwrap()), want, "{input}");
        }
    }

    #[test]
    fn port_zero_is_no_address() {
        assert_eq!(inet_addr(("0.0.0.0".parse().unwrap(), 0)), ConnAddr::None);
    }
}
