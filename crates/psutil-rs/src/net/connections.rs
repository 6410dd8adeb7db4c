//! `net_connections()`: system-wide sockets, from `/proc/net/*` (psutil's way) or from
//! `NETLINK_SOCK_DIAG` (what `ss(8)` uses).

use std::collections::HashSet;
use std::ffi::OsString;
use std::fmt;
use std::net::{IpAddr, Ipv6Addr};
use std::os::unix::ffi::OsStringExt;

use crate::error::{Error, Pid, Result};
use crate::net::kind::{AddressFamily, ConnectionKind, ConnectionStatus, SocketType, Table};
use crate::parse::net_inet::{self, InetSocket, IpVersion};
use crate::parse::net_unix::{self, UnixSocket};
use crate::parse::sock_diag;
use crate::root::Root;
use crate::sys;
use crate::sys::socket_inodes::InodeMap;

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

/// Where the socket tables are read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Procfs,
    Netlink,
}

/// The sockets of one table, from either source.
enum Sockets {
    Inet(Vec<InetSocket>),
    Unix(Vec<UnixSocket>),
}

impl Root {
    /// [`net_connections`] through this root: netlink `sock_diag` when this root is the
    /// host's, falling back to `/proc/net/*` if netlink fails (e.g. a kernel without the
    /// diag modules, or a seccomp filter) or for any other root.
    pub fn net_connections(&self, kind: ConnectionKind) -> Result<Vec<Connection>> {
        if self.is_host() {
            if let Ok(v) = self.net_connections_netlink(kind) {
                return Ok(v);
            }
        }
        self.net_connections_procfs(kind)
    }

    /// [`net_connections`] the way psutil does it: the socket tables from
    /// `<procfs>/net/{tcp,tcp6,udp,udp6,unix}` (a missing `tcp6`/`udp6` means no IPv6),
    /// the owners from `<procfs>/<pid>/fd`.
    pub fn net_connections_procfs(&self, kind: ConnectionKind) -> Result<Vec<Connection>> {
        self.connections_from(kind, Source::Procfs)
    }

    /// [`net_connections`] with the socket tables read through `NETLINK_SOCK_DIAG`
    /// (`inet_diag` for TCP/UDP, `unix_diag` for Unix sockets) and the owners from
    /// `<procfs>/<pid>/fd`. Netlink describes the caller's network namespace, so a root
    /// that is not the host's is [`Error::Unsupported`].
    pub fn net_connections_netlink(&self, kind: ConnectionKind) -> Result<Vec<Connection>> {
        if !self.is_host() {
            return Err(Error::unsupported(
                "netlink sock_diag only describes the running system",
            ));
        }
        self.connections_from(kind, Source::Netlink)
    }

    /// The sockets of process `pid` only, for `Process::net_connections` (psutil's
    /// `NetConnections.retrieve(kind, pid)`): the owners come from `/proc/<pid>/fd`
    /// alone, whose errors are returned for the caller to map (ENOENT/ESRCH: the
    /// process is gone; EACCES: access denied). Tables are read as in
    /// [`Root::net_connections`].
    #[allow(dead_code)] // for the process area's Process::net_connections
    pub(crate) fn pid_connections(
        &self,
        pid: Pid,
        kind: ConnectionKind,
    ) -> Result<Vec<Connection>> {
        let inodes = sys::socket_inodes::pid_socket_inodes(self.procfs(), pid)?;
        if inodes.is_empty() {
            return Ok(Vec::new());
        }
        if self.is_host() {
            if let Ok(v) = self.connections_with(kind, Source::Netlink, &inodes, Some(pid)) {
                return Ok(v);
            }
        }
        self.connections_with(kind, Source::Procfs, &inodes, Some(pid))
    }

    fn connections_from(&self, kind: ConnectionKind, source: Source) -> Result<Vec<Connection>> {
        let inodes = sys::socket_inodes::socket_inodes(self.procfs())?;
        self.connections_with(kind, source, &inodes, None)
    }

    fn connections_with(
        &self,
        kind: ConnectionKind,
        source: Source,
        inodes: &InodeMap,
        only_pid: Option<Pid>,
    ) -> Result<Vec<Connection>> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for &table in kind.tables() {
            let sockets = match source {
                Source::Procfs => match self.read_table(table)? {
                    Some(s) => s,
                    None => continue,
                },
                Source::Netlink => read_table_netlink(table)?,
            };
            for c in build(table, sockets, inodes) {
                if only_pid.is_some() && c.pid != only_pid {
                    continue;
                }
                if seen.insert(c.clone()) {
                    out.push(c);
                }
            }
        }
        Ok(out)
    }

    /// Reads `/proc/net/<table>`; `None` for a missing IPv6 file.
    fn read_table(&self, table: Table) -> Result<Option<Sockets>> {
        let file = table.file();
        let path = self.proc_path(format!("net/{file}"));
        let data = match table {
            Table::Tcp6 | Table::Udp6 => match sys::fs::read_opt(&path)? {
                Some(d) => d,
                None => return Ok(None),
            },
            _ => sys::fs::read(&path)?,
        };
        let name = format!("net/{file}");
        let parsed = match table {
            Table::Tcp4 | Table::Udp4 => Sockets::Inet(
                net_inet::parse(&data, IpVersion::V4, &name).map_err(|e| e.at_path(&path))?,
            ),
            Table::Tcp6 | Table::Udp6 => Sockets::Inet(
                net_inet::parse(&data, IpVersion::V6, &name).map_err(|e| e.at_path(&path))?,
            ),
            Table::Unix => Sockets::Unix(net_unix::parse(&data).map_err(|e| e.at_path(&path))?),
        };
        Ok(Some(parsed))
    }
}

/// Dumps one table through netlink sock_diag.
fn read_table_netlink(table: Table) -> Result<Sockets> {
    const AF_INET: u8 = libc::AF_INET as u8;
    const AF_INET6: u8 = libc::AF_INET6 as u8;
    const TCP: u8 = libc::IPPROTO_TCP as u8;
    const UDP: u8 = libc::IPPROTO_UDP as u8;
    let inet = |family, proto| -> Result<Sockets> {
        let msgs = sys::sock_diag::dump(&sys::sock_diag::inet_request(family, proto))?;
        let socks = msgs
            .iter()
            .map(|m| sock_diag::parse_inet(m))
            .collect::<Result<Vec<_>>>()?;
        Ok(Sockets::Inet(socks))
    };
    match table {
        Table::Tcp4 => inet(AF_INET, TCP),
        Table::Tcp6 => inet(AF_INET6, TCP),
        Table::Udp4 => inet(AF_INET, UDP),
        Table::Udp6 => inet(AF_INET6, UDP),
        Table::Unix => {
            let msgs = sys::sock_diag::dump(&sys::sock_diag::unix_request())?;
            let socks = msgs
                .iter()
                .map(|m| sock_diag::parse_unix(m))
                .collect::<Result<Vec<_>>>()?;
            Ok(Sockets::Unix(socks))
        }
    }
}

/// Turns one table's sockets into connections, attaching owners as psutil does: an inet
/// socket gets the first (pid, fd) holding its inode, a Unix socket yields one entry per
/// (pid, fd).
fn build(table: Table, sockets: Sockets, inodes: &InodeMap) -> Vec<Connection> {
    let mut out = Vec::new();
    match sockets {
        Sockets::Inet(socks) => {
            let (family, ty) = match table {
                Table::Tcp4 => (AddressFamily::Inet, SocketType::Stream),
                Table::Tcp6 => (AddressFamily::Inet6, SocketType::Stream),
                Table::Udp4 => (AddressFamily::Inet, SocketType::Dgram),
                _ => (AddressFamily::Inet6, SocketType::Dgram),
            };
            for s in socks {
                let (pid, fd) = match inodes.get(&s.inode).and_then(|v| v.first()) {
                    Some(&(pid, fd)) => (Some(pid), fd),
                    None => (None, -1),
                };
                let status = if ty == SocketType::Stream {
                    // A state outside 1..=11 never appears in these tables; psutil would
                    // fail on it, we report NONE.
                    ConnectionStatus::from_tcp_state(s.state).unwrap_or(ConnectionStatus::None)
                } else {
                    ConnectionStatus::None
                };
                out.push(Connection {
                    fd,
                    family,
                    r#type: ty,
                    laddr: inet_addr(s.local),
                    raddr: inet_addr(s.remote),
                    status,
                    pid,
                });
            }
        }
        Sockets::Unix(socks) => {
            const NO_OWNER: [(Pid, i32); 0] = [];
            for s in socks {
                let owners = inodes.get(&s.inode).map(Vec::as_slice).unwrap_or(&NO_OWNER);
                let path = OsString::from_vec(s.path);
                let mut push = |pid: Option<Pid>, fd: i32| {
                    out.push(Connection {
                        fd,
                        family: AddressFamily::Unix,
                        r#type: SocketType::from_raw(s.sock_type),
                        laddr: ConnAddr::Unix(path.clone()),
                        raddr: ConnAddr::Unix(OsString::new()),
                        status: ConnectionStatus::None,
                        pid,
                    })
                };
                if owners.is_empty() {
                    push(None, -1);
                }
                for &(pid, fd) in owners {
                    push(Some(pid), fd);
                }
            }
        }
    }
    out
}

/// Port 0 means "no address" (psutil's `()`).
fn inet_addr((ip, port): (IpAddr, u16)) -> ConnAddr {
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
/// The socket tables come from `NETLINK_SOCK_DIAG` (`inet_diag`, `unix_diag`; what
/// `ss(8)` uses, much faster than the text files), or from `/proc/net/{tcp,tcp6,udp,
/// udp6,unix}` when netlink is unavailable or [`set_procfs_path`](crate::set_procfs_path)
/// points elsewhere. The owning process and fd come from one pass over
/// `/proc/<pid>/fd/*` links (`socket:[inode]`); processes the caller may not inspect
/// are skipped, so their sockets have `pid = None, fd = -1`.
///
/// The list is deduplicated and in table order (TCP v4, TCP v6, UDP v4, UDP v6, Unix);
/// psutil returns the same entries in no particular order.
pub fn net_connections(kind: ConnectionKind) -> Result<Vec<Connection>> {
    Root::current().net_connections(kind)
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
    fn pid_connections_sees_only_that_pid() {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let me = std::process::id();
        let v = Root::host()
            .pid_connections(me, ConnectionKind::Tcp4)
            .unwrap();
        assert!(v.iter().all(|c| c.pid == Some(me)));
        let port = l.local_addr().unwrap().port();
        assert!(v
            .iter()
            .any(|c| c.laddr.as_inet().map(|a| a.port) == Some(port)));
        // a pid that does not exist: the /proc/<pid>/fd error is returned
        assert!(Root::host()
            .pid_connections(u32::MAX - 1, ConnectionKind::All)
            .unwrap_err()
            .is_not_found());
    }

    #[test]
    fn port_zero_is_no_address() {
        assert_eq!(inet_addr(("0.0.0.0".parse().unwrap(), 0)), ConnAddr::None);
    }
}
