//! `wait_procs()` and `Popen`: waiting for many processes, spawning one as a `Process`.

use std::ops::Deref;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use super::handle::Process;
use crate::error::{Error, Result};
use crate::sys;

/// The processes [`wait_procs`] found gone, with their exit codes.
pub type Gone<'a> = Vec<(&'a Process, Option<i32>)>;

/// Waits for several processes to end, psutil's `wait_procs(procs, timeout, callback)`.
///
/// Returns `(gone, alive)`: the processes that ended, each with its
/// [`wait`](Process::wait) result (exit code or minus the signal for our children,
/// `None` for others), and those still running when `timeout` ran out (`None` waits
/// until all have ended). `callback` is called for each process as soon as it is found
/// gone. It never returns [`Error::TimeoutExpired`].
///
/// Unlike psutil, which waits on each process in turn in slices of at most 1 s, this
/// sleeps until any of them may have exited (the backend's `wait_any`; Linux: one
/// `poll(2)` over the pidfds of all processes, processes without a pidfd, and zombies
/// that are not our children, whose pidfd stays readable, being rechecked every 10 ms). As in psutil, a process that
/// is not our child counts as gone only once it has been reaped: a zombie waiting for
/// its parent is still alive. A reused pid counts as gone.
pub fn wait_procs(
    procs: &[Process],
    timeout: Option<Duration>,
    mut callback: impl FnMut(&Process, Option<i32>),
) -> Result<(Gone<'_>, Vec<&Process>)> {
    let deadline = timeout.map(|t| Instant::now() + t);
    let mut alive: Vec<&Process> = procs.iter().collect();
    let mut gone = Vec::new();
    loop {
        let mut still = Vec::with_capacity(alive.len());
        for p in alive {
            match p.wait(Some(Duration::ZERO)) {
                Ok(code) => {
                    callback(p, code);
                    gone.push((p, code));
                }
                Err(Error::TimeoutExpired { .. }) => still.push(p),
                Err(Error::NoSuchProcess { .. }) => {
                    callback(p, None);
                    gone.push((p, None));
                }
                Err(e) => return Err(e),
            }
        }
        alive = still;
        if alive.is_empty() {
            break;
        }
        let remaining = deadline.map(|d| d.saturating_duration_since(Instant::now()));
        if remaining == Some(Duration::ZERO) {
            break;
        }
        sys::process::wait_any(&alive, remaining)?;
    }
    Ok((gone, alive))
}

/// A child started from a [`Command`] and watched as a [`Process`], psutil's `Popen`.
///
/// Derefs to the [`Process`] (created right after the spawn, while the pid cannot be
/// reused since the child is not reaped yet), so every `Process` method applies;
/// [`child_mut`](Popen::child_mut) gives the pipes. Wait through
/// [`Popen::wait`], which reaps the child (via its pidfd) and remembers the exit
/// code; do not also call `Child::wait`.
#[derive(Debug)]
pub struct Popen {
    child: Child,
    process: Process,
}

impl Popen {
    /// Spawns `cmd` (`Command::spawn`) and opens the child as a [`Process`].
    pub fn spawn(cmd: &mut Command) -> Result<Popen> {
        let child = cmd.spawn().map_err(|e| Error::Io {
            path: Some(format!("{:?}", cmd.get_program()).into()),
            source: e,
        })?;
        let process = sys::process::open_child(child.id())?;
        Ok(Popen { child, process })
    }

    /// The `std` child, for its stdin/stdout/stderr.
    pub fn child_mut(&mut self) -> &mut Child {
        &mut self.child
    }

    /// Waits for the child to end and returns its exit code or minus the signal that
    /// killed it; [`Error::TimeoutExpired`] if `timeout` passes first. psutil's
    /// `Popen.wait`.
    pub fn wait(&self, timeout: Option<Duration>) -> Result<Option<i32>> {
        self.process.wait(timeout)
    }

    /// The exit code once [`wait`](Popen::wait) has seen the child end, like
    /// `Popen.returncode`.
    pub fn returncode(&self) -> Option<i32> {
        self.process.state().exit_code.flatten()
    }
}

impl Deref for Popen {
    type Target = Process;

    fn deref(&self) -> &Process {
        &self.process
    }
}
