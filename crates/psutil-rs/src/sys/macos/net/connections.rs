//! `net_connections()` on macOS: as psutil, `Process(pid).net_connections(kind)` for
//! every pid, the process's pid attached; psutil raises AccessDenied unless root (the
//! other users' processes refuse `proc_pidinfo`), so does this. Processes gone meanwhile
//! are skipped.

use super::super::process;
use crate::error::{Error, Result};
use crate::net::connections::Connection;
use crate::net::kind::ConnectionKind;

/// `net_connections(kind)`.
pub(crate) fn net_connections(kind: ConnectionKind) -> Result<Vec<Connection>> {
    let mut out = Vec::new();
    for pid in process::pids()? {
        let p = match process::open(pid) {
            Ok(p) => p,
            Err(Error::NoSuchProcess { .. } | Error::ZombieProcess { .. }) => continue,
            Err(e) => return Err(e),
        };
        let conns = match process::net_connections(&p, kind) {
            Ok(c) => c,
            Err(Error::NoSuchProcess { .. } | Error::ZombieProcess { .. }) => continue,
            Err(e) => return Err(e),
        };
        out.extend(conns.into_iter().map(|c| Connection {
            fd: c.fd,
            family: c.family,
            r#type: c.r#type,
            laddr: c.laddr,
            raddr: c.raddr,
            status: c.status,
            pid: Some(pid),
        }));
    }
    Ok(out)
}
