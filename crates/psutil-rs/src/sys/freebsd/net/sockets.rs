//! Sockets from a process's descriptor table (`kern.proc.filedesc`'s `KF_TYPE_SOCKET`
//! entries: domain, type, local and peer address, descriptor), as psutil reads them
//! for `Process.net_connections()`, with the TCP state of the control block of the same
//! PCB address in `net.inet.tcp.pcblist`; the system-wide `net_connections()` gathers
//! them over every process it can read.

use std::collections::HashMap;

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

use crate::net::connections::inet_addr;
use crate::net::kind::{AddressFamily, ConnectionKind, ConnectionStatus, SocketType, Table};
use crate::parse::freebsd::kinfo_file::{KinfoFile, KF_TYPE_SOCKET};
use crate::parse::freebsd::pcblist;
use crate::parse::freebsd::sockaddr::{self, SockAddr};
use crate::process::ProcessConnection;
use crate::ConnAddr;

/// The socket table (psutil's `conn_tmap` entry) of a domain and type, `None` for a
/// socket psutil does not list (raw, routing, ...).
fn table(domain: i32, sock_type: i32) -> Option<Table> {
    let t = u16::try_from(sock_type).ok()?;
    let inet = match u16::try_from(domain).ok()? {
        super::super::af::AF_INET => false,
        super::super::af::AF_INET6 => true,
        super::super::af::AF_UNIX => return Some(Table::Unix),
        _ => return None,
    };
    Some(match (t, inet) {
        (super::super::af::SOCK_STREAM, false) => Table::Tcp4,
        (super::super::af::SOCK_STREAM, true) => Table::Tcp6,
        (super::super::af::SOCK_DGRAM, false) => Table::Udp4,
        (super::super::af::SOCK_DGRAM, true) => Table::Udp6,
        _ => return None,
    })
}

fn addr(sa: &[u8]) -> ConnAddr {
    match sockaddr::parse(sa) {
        SockAddr::Inet(ip, port) => inet_addr((ip, port)),
        SockAddr::Unix(p) if !p.is_empty() => ConnAddr::Unix(OsString::from_vec(p)),
        SockAddr::Unix(_) => ConnAddr::Unix(OsString::new()),
        SockAddr::None => ConnAddr::None,
    }
}

/// The TCP states by PCB address, from `net.inet.tcp.pcblist` (empty when the list
/// cannot be read: every TCP socket is then `NONE`).
#[derive(Debug, Default)]
pub(crate) struct TcpStates(HashMap<u64, i32>);

impl TcpStates {
    /// Reads `net.inet.tcp.pcblist` when `kind` includes TCP.
    pub(crate) fn read(kind: ConnectionKind) -> TcpStates {
        if !kind
            .tables()
            .iter()
            .any(|t| matches!(t, Table::Tcp4 | Table::Tcp6))
        {
            return TcpStates::default();
        }
        let blocks = super::super::sysctl::by_name("net.inet.tcp.pcblist")
            .ok()
            .and_then(|b| pcblist::parse_tcp(&b).ok())
            .unwrap_or_default();
        TcpStates(
            blocks
                .into_iter()
                .filter_map(|b| Some((b.pcb, b.state?)))
                .collect(),
        )
    }

    fn status(&self, pcb: u64) -> ConnectionStatus {
        match self.0.get(&pcb) {
            Some(&s) if pcb != 0 => pcblist::status(s),
            _ => ConnectionStatus::None,
        }
    }
}

/// The connection of one descriptor entry, if it is a socket of `kind`. A TCP socket's
/// state is that of its control block in `tcp` (`NONE` when it has none, as psutil).
pub(crate) fn connection(
    f: &KinfoFile,
    kind: ConnectionKind,
    tcp: &TcpStates,
) -> Option<ProcessConnection> {
    if f.kind != KF_TYPE_SOCKET {
        return None;
    }
    let t = table(f.sock_domain, f.sock_type)?;
    if !kind.tables().contains(&t) {
        return None;
    }
    let status = match t {
        Table::Tcp4 | Table::Tcp6 => tcp.status(f.sock_pcb),
        _ => ConnectionStatus::None,
    };
    let family = u16::try_from(f.sock_domain).unwrap_or(0);
    let stype = u16::try_from(f.sock_type).unwrap_or(0);
    Some(ProcessConnection {
        fd: f.fd,
        family: AddressFamily::from_raw(family),
        r#type: SocketType::from_raw(stype),
        laddr: addr(&f.local),
        raddr: addr(&f.peer),
        status,
    })
}
