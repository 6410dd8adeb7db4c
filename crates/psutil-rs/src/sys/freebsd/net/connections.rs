//! `net_connections()` on FreeBSD: the sockets of every process whose descriptor table
//! (`kern.proc.filedesc`) can be read, as macOS psutil builds it; a process that
//! cannot be read (another user's, without privilege; gone) is skipped. psutil reads
//! `kern.file` and the protocol control block lists instead, which needs no privilege.

use std::collections::HashSet;

use super::super::process::filedesc;
use super::sockets::{connection, TcpStates};
use crate::error::Result;
use crate::net::connections::Connection;
use crate::net::kind::ConnectionKind;

/// `net_connections(kind)`.
pub(crate) fn net_connections(kind: ConnectionKind) -> Result<Vec<Connection>> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let tcp = TcpStates::read(kind);
    for pid in super::super::process::pids()? {
        let Ok(files) = filedesc(pid) else {
            continue;
        };
        for f in &files {
            let Some(c) = connection(f, kind, &tcp) else {
                continue;
            };
            let c = Connection {
                fd: c.fd,
                family: c.family,
                r#type: c.r#type,
                laddr: c.laddr,
                raddr: c.raddr,
                status: c.status,
                pid: Some(pid),
            };
            if seen.insert(c.clone()) {
                out.push(c);
            }
        }
    }
    Ok(out)
}
