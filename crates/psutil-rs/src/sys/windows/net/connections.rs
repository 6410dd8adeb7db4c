//! `net_connections()` on Windows: the owner-pid socket tables
//! (`GetExtendedTcpTable(TCP_TABLE_OWNER_PID_ALL)`, `GetExtendedUdpTable
//! (UDP_TABLE_OWNER_PID)`, IPv4 and IPv6), read by the process half's
//! `process::sockets`, which `Process::net_connections` shares. Windows has no Unix
//! sockets in these tables: `kind` `unix` gives nothing, and `all` the inet sockets.

use std::collections::HashSet;

use super::super::process::sockets::sockets;
use crate::error::Result;
use crate::net::connections::Connection;
use crate::net::kind::ConnectionKind;

/// `net_connections(kind)`: the tables `kind` names, in psutil's order, deduplicated
/// (psutil returns a set), as psutil's `sconn`: `fd` −1; `raddr` empty for listening
/// sockets, UDP and unconnected rows; `pid` the owning pid, `None` when it is 0 (Wine
/// reports 0 on every row, wine-coverage.md; on Windows pid 0 is the idle process,
/// which owns no socket).
pub(crate) fn net_connections(kind: ConnectionKind) -> Result<Vec<Connection>> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for s in sockets(kind)? {
        let c = Connection {
            fd: -1,
            family: s.family,
            r#type: s.r#type,
            laddr: s.laddr,
            raddr: s.raddr,
            status: s.status,
            pid: (s.pid != 0).then_some(s.pid),
        };
        if seen.insert(c.clone()) {
            out.push(c);
        }
    }
    Ok(out)
}
