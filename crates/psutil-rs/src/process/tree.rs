//! Parent and children: `parent()`, `parents()`, `children()`.

use std::collections::{HashMap, HashSet};

use super::handle::Process;
use crate::error::{Error, Pid, Result};
use crate::sys;

impl Process {
    /// The parent process, or `None` for a process without one (ppid 0: pid 1 and
    /// kernel threads) or whose parent has gone. psutil's `parent()`: the process at
    /// [`ppid`](Process::ppid) is accepted only if it was created no later than this one
    /// (so a reused ppid is not mistaken for the parent). Checks this process's
    /// identity first.
    pub fn parent(&self) -> Result<Option<Process>> {
        let ppid = self.ppid()?;
        if ppid == 0 {
            return Ok(None);
        }
        let parent = match sys::process::open_like(self, ppid) {
            Ok(p) => p,
            Err(Error::NoSuchProcess { .. }) => return Ok(None),
            Err(e) => return Err(e),
        };
        match (parent.imp.start_stamp(), self.imp.start_stamp()) {
            (Some(p), Some(me)) if p > me => Ok(None),
            _ => Ok(Some(parent)),
        }
    }

    /// All ancestors, nearest first: [`parent`](Process::parent) repeated. psutil's
    /// `parents()`.
    pub fn parents(&self) -> Result<Vec<Process>> {
        let mut out: Vec<Process> = Vec::new();
        let mut next = self.parent()?;
        while let Some(p) = next {
            next = p.parent()?;
            // A cycle cannot happen with create-time ordering, but guard anyway.
            if out.iter().any(|q| q.pid == p.pid) {
                break;
            }
            out.push(p);
        }
        Ok(out)
    }

    /// A child candidate, accepted if it was created no earlier than `self`.
    fn adopt(&self, pid: Pid) -> Result<Option<Process>> {
        match sys::process::open_like(self, pid) {
            Ok(c) => Ok(match (self.imp.start_stamp(), c.imp.start_stamp()) {
                (Some(me), Some(child)) if child < me => None,
                _ => Some(c),
            }),
            Err(Error::NoSuchProcess { .. }) | Err(Error::ZombieProcess { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The children, from the backend's map of every process's parent (Linux: the
    /// `ppid` field of every `/proc/<pid>/stat`); with
    /// `recursive`, all descendants (depth first, as psutil). A process created before
    /// this one is never counted as its child (its ppid would be a reused pid). Checks
    /// this process's identity first. psutil's `children(recursive)`.
    pub fn children(&self, recursive: bool) -> Result<Vec<Process>> {
        sys::process::check_not_reused(self)?;
        let map = sys::process::ppid_map(self)?;
        let mut out = Vec::new();
        if !recursive {
            for &(pid, ppid) in &map {
                if ppid == self.pid {
                    if let Some(c) = self.adopt(pid)? {
                        out.push(c);
                    }
                }
            }
            return Ok(out);
        }
        let mut reverse: HashMap<Pid, Vec<Pid>> = HashMap::new();
        for &(pid, ppid) in &map {
            reverse.entry(ppid).or_default().push(pid);
        }
        let mut seen = HashSet::new();
        let mut stack = vec![self.pid];
        while let Some(pid) = stack.pop() {
            if !seen.insert(pid) {
                continue;
            }
            for &child in reverse.get(&pid).map(Vec::as_slice).unwrap_or_default() {
                if let Some(c) = self.adopt(child)? {
                    out.push(c);
                    stack.push(child);
                }
            }
        }
        Ok(out)
    }
}
