//! `Process::net_connections` on Linux, and what psutil's `repr` of a process needs.

use super::types::ProcessConnection;
use crate::error::Result;
use crate::net::kind::ConnectionKind;
use crate::process::Process;
use crate::sys;

/// The sockets this process holds, psutil's `Process.net_connections(kind)`: the
/// socket inodes of the `/proc/<pid>/fd` links matched against the socket tables of
/// [`net_connections`](crate::net_connections) (netlink `sock_diag` on the host,
/// `/proc/net/*` otherwise) for `kind`. Then, as psutil does, a liveness check:
/// [`Error::NoSuchProcess`] if the process went away meanwhile (through the
/// `/proc/<pid>` handle, so a reused pid is never reported). Another user's process
/// gives [`Error::AccessDenied`]; a zombie has no descriptors, hence no sockets.
pub(crate) fn net_connections(p: &Process, kind: ConnectionKind) -> Result<Vec<ProcessConnection>> {
    let conns = match p.imp.root.pid_connections(p.pid, kind) {
        Ok(c) => c,
        Err(e) if e.is_access_denied() => return Err(p.access_denied(Some(p.path("fd")))),
        Err(e) if e.is_not_found() || e.raw_os_error() == Some(libc::ESRCH) => {
            // Gone, or a zombie (whose fd directory is unreadable).
            p.zombie_check()?.ok_or_else(|| p.no_such_process())?;
            return Err(e);
        }
        Err(e) => return Err(e),
    };
    // psutil's os.stat(/proc/<pid>); through the held handle: one syscall (past the
    // descriptor budget, opening the directory checks the start time).
    let alive = p
        .dir()
        .is_ok_and(|d| sys::process::calls::exists_at(d.as_fd(), "stat"));
    if !alive {
        return Err(p.no_such_process());
    }
    Ok(conns
        .into_iter()
        .map(|c| ProcessConnection {
            fd: c.fd,
            family: c.family,
            r#type: c.r#type,
            laddr: c.laddr,
            raddr: c.raddr,
            status: c.status,
        })
        .collect())
}

/// Whether some process holds `p`'s pid now (read from the path `/proc/<pid>/stat`,
/// not the handle): for psutil's "terminated + PID reused" in `repr`.
pub(crate) fn pid_taken(p: &Process) -> bool {
    p.current_start_ticks().ok().flatten().is_some()
}

pub(crate) use crate::sys::unix::localtime::local_time;
