//! `net_connections()` on Linux: the socket tables from `/proc/net/*` (psutil's way) or
//! from `NETLINK_SOCK_DIAG` (what `ss(8)` uses), their owners from `/proc/<pid>/fd`.

use std::collections::HashSet;
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

use crate::error::{Error, Pid, Result};
use crate::net::connections::{inet_addr, ConnAddr, Connection};
use crate::net::kind::{AddressFamily, ConnectionKind, ConnectionStatus, SocketType, Table};
use crate::parse::net_inet::{self, InetSocket, IpVersion};
use crate::parse::net_unix::{self, UnixSocket};
use crate::parse::sock_diag;
use crate::sys;
use crate::sys::root::Root;
use crate::sys::socket_inodes::InodeMap;

impl Table {
    /// The `/proc/net` file name.
    pub(crate) fn file(self) -> &'static str {
        match self {
            Table::Tcp4 => "tcp",
            Table::Tcp6 => "tcp6",
            Table::Udp4 => "udp",
            Table::Udp6 => "udp6",
            Table::Unix => "unix",
        }
    }
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
    /// [`net_connections`](crate::net_connections) through this root: netlink `sock_diag`
    /// when this root is the host's, falling back to `/proc/net/*` if netlink fails (e.g. a
    /// kernel without the diag modules, or a seccomp filter) or for any other root.
    pub fn net_connections(&self, kind: ConnectionKind) -> Result<Vec<Connection>> {
        if self.is_host() {
            if let Ok(v) = self.net_connections_netlink(kind) {
                return Ok(v);
            }
        }
        self.net_connections_procfs(kind)
    }

    /// [`net_connections`](crate::net_connections) the way psutil does it: the socket tables from
    /// `<procfs>/net/{tcp,tcp6,udp,udp6,unix}` (a missing `tcp6`/`udp6` means no IPv6),
    /// the owners from `<procfs>/<pid>/fd`.
    pub fn net_connections_procfs(&self, kind: ConnectionKind) -> Result<Vec<Connection>> {
        self.connections_from(kind, Source::Procfs)
    }

    /// [`net_connections`](crate::net_connections) with the socket tables read through
    /// `NETLINK_SOCK_DIAG` (`inet_diag` for TCP/UDP, `unix_diag` for Unix sockets) and the
    /// owners from `<procfs>/<pid>/fd`. Netlink describes the caller's network namespace,
    /// so a root that is not the host's is [`Error::Unsupported`].
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

/// `net_connections(kind)` from the current [`Root`].
pub(crate) fn net_connections(kind: ConnectionKind) -> Result<Vec<Connection>> {
    Root::current().net_connections(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
