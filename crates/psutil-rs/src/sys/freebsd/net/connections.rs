//! `net_connections()` on FreeBSD, psutil's way: the protocol control block lists
//! (`net.inet.tcp.pcblist`, `net.inet.udp.pcblist`, `net.local.{stream,dgram,
//! seqpacket}.pcblist`) give every socket's addresses and TCP state, and `kern.file`
//! the process and descriptor holding each (by the socket's kernel address). Both are
//! readable without privilege; a socket no visible descriptor holds is left out, as
//! psutil leaves it out.

use std::collections::HashMap;
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

use super::super::af;
use super::super::sysctl;
use crate::error::{Pid, Result};
use crate::net::connections::{inet_addr, Connection};
use crate::net::kind::{AddressFamily, ConnectionKind, ConnectionStatus, SocketType, Table};
use crate::parse::freebsd::pcblist::{self, InetBlock};
use crate::parse::freebsd::xfile;
use crate::ConnAddr;

/// A PCB list's buffer; an error names the sysctl.
fn read(name: &str) -> Result<Vec<u8>> {
    sysctl::by_name(name).map_err(|e| sysctl::error(e, name))
}

/// `net_connections(kind)`: TCP, then UDP, then Unix sockets, each with its owner.
pub(crate) fn net_connections(kind: ConnectionKind) -> Result<Vec<Connection>> {
    // the first descriptor of each socket (a socket shared after fork is listed once)
    let mut owners: HashMap<u64, (i32, i32)> = HashMap::new();
    for f in xfile::sockets(&read("kern.file")?)? {
        owners.entry(f.so).or_insert((f.pid, f.fd));
    }
    let tables = kind.tables();
    let wants = |t: Table| tables.contains(&t);
    let mut out = Vec::new();
    let mut inet = |blocks: Vec<InetBlock>, v4: Table, v6: Table, stype: u16| {
        for b in blocks {
            let table = if i32::from(af::AF_INET6) == b.family {
                v6
            } else {
                v4
            };
            if !wants(table) {
                continue;
            }
            let Some(&(pid, fd)) = owners.get(&b.so) else {
                continue;
            };
            out.push(Connection {
                fd,
                family: AddressFamily::from_raw(u16::try_from(b.family).unwrap_or(0)),
                r#type: SocketType::from_raw(stype),
                laddr: inet_addr(b.local),
                raddr: inet_addr(b.remote),
                status: b.state.map_or(ConnectionStatus::None, pcblist::status),
                pid: Pid::try_from(pid).ok(),
            });
        }
    };
    if wants(Table::Tcp4) || wants(Table::Tcp6) {
        inet(
            pcblist::parse_tcp(&read("net.inet.tcp.pcblist")?)?,
            Table::Tcp4,
            Table::Tcp6,
            af::SOCK_STREAM,
        );
    }
    if wants(Table::Udp4) || wants(Table::Udp6) {
        inet(
            pcblist::parse_udp(&read("net.inet.udp.pcblist")?)?,
            Table::Udp4,
            Table::Udp6,
            af::SOCK_DGRAM,
        );
    }
    if wants(Table::Unix) {
        for (name, stype) in [
            ("net.local.stream.pcblist", af::SOCK_STREAM),
            ("net.local.dgram.pcblist", af::SOCK_DGRAM),
            ("net.local.seqpacket.pcblist", af::SOCK_SEQPACKET),
        ] {
            // seqpacket sockets are optional in the kernel
            let Ok(buf) = sysctl::by_name(name) else {
                continue;
            };
            for b in pcblist::parse_unix(&buf)? {
                let Some(&(pid, fd)) = owners.get(&b.so) else {
                    continue;
                };
                out.push(Connection {
                    fd,
                    family: AddressFamily::Unix,
                    r#type: SocketType::from_raw(stype),
                    laddr: ConnAddr::Unix(OsString::from_vec(b.path)),
                    raddr: ConnAddr::Unix(OsString::new()),
                    status: ConnectionStatus::None,
                    pid: Pid::try_from(pid).ok(),
                });
            }
        }
    }
    Ok(out)
}
