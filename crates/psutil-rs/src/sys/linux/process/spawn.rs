//! What [`wait_procs`](crate::wait_procs) and [`Popen`](crate::Popen) need from Linux:
//! one sleep over many pidfds, and a child opened with its pidfd.

use std::sync::Arc;
use std::time::Duration;

use crate::error::{Error, Pid, Result};
use crate::process::Process;
use crate::sys;
use crate::sys::root::Root;

/// Sleeps until one of `alive` may have exited, or `remaining` ran out (`None`: no
/// limit): one `poll(2)` over their pidfds. A zombie's pidfd is always readable, so
/// processes `wait` saw exit unreaped are left out, as are processes without a pidfd;
/// when any is left out the sleep is at most 10 ms, and they are rechecked by the
/// caller.
pub(crate) fn wait_any(alive: &[&Process], remaining: Option<Duration>) -> Result<()> {
    let fds: Vec<_> = alive
        .iter()
        .filter(|p| !p.state().exited)
        .filter_map(|p| p.pidfd().ok().flatten())
        .collect();
    let slice = if fds.len() < alive.len() {
        let tick = Duration::from_millis(10);
        Some(remaining.map_or(tick, |r| r.min(tick)))
    } else {
        remaining
    };
    sys::process::calls::poll_any(&fds, slice).map_err(|e| Error::Io {
        path: Some("poll(pidfd)".into()),
        source: e,
    })
}

/// The child just spawned with this pid, under the host's root, with its pidfd opened
/// now, while the unreaped child surely holds the pid.
pub(crate) fn open_child(pid: Pid) -> Result<Process> {
    let process = Process::open(Arc::new(Root::host()), pid)?;
    let _ = process.pidfd();
    Ok(process)
}
