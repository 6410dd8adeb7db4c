//! `cpu_count_effective()` and `virtual_memory_effective()`: what a process in a
//! cgroup can really use.

use super::source::controller;
use super::types::{CgroupVersion, EffectiveMemory};
use super::view::members;
use crate::error::{Error, Pid, Result};
use crate::parse::{cpu_list, pid_status};
use crate::percent::usage_percent;
use crate::sys;
use crate::Root;

impl Root {
    /// The number of CPUs process `pid` can use, read from this root (see
    /// [`cpu_count_effective`]). The affinity is `sched_getaffinity(2)` on the host's
    /// root, and the `Cpus_allowed_list` line of `<procfs>/<pid>/status` otherwise.
    pub fn cpu_count_effective(&self, pid: Pid) -> Result<usize> {
        let members = members(self, pid)?;
        let affinity = if self.is_host() {
            match sys::process::calls::sched_getaffinity(pid) {
                Ok(cpus) => cpus.len(),
                Err(e) if e.raw_os_error() == Some(libc::ESRCH) => {
                    return Err(Error::NoSuchProcess {
                        pid,
                        name: None,
                        msg: "process no longer exists".into(),
                    })
                }
                Err(e) => return Err(Error::from_io(e, format!("sched_getaffinity({pid})"))),
            }
        } else {
            let path = self.proc_path(format!("{pid}/status"));
            let st = sys::fs::parse(&path, pid_status::parse)?;
            match st.cpus_allowed() {
                Some(cpus) => cpus.map_err(|e| e.at_path(&path))?.len(),
                None => {
                    let online = self.sys_path("devices/system/cpu/online");
                    sys::fs::parse(&online, cpu_list::parse)?.len()
                }
            }
        };
        let mut n = affinity;
        if let Some(ctl) = controller(&members, "cpu") {
            if let Some(cpus) = super::cpu::quota(&ctl)?.and_then(|q| q.cpus()) {
                // ceil, as Go's GOMAXPROCS and the JVM round a fractional quota up
                let whole = cpus.ceil();
                if whole.is_finite() && whole < n as f64 {
                    n = whole as usize;
                }
            }
        }
        if let Some(set) = super::cpu::cpuset(&members)? {
            if !set.is_empty() {
                n = n.min(set.len());
            }
        }
        Ok(n.max(1))
    }

    /// Memory as process `pid` can use it, read from this root (see
    /// [`virtual_memory_effective`]).
    pub fn virtual_memory_effective(&self, pid: Pid) -> Result<EffectiveMemory> {
        let host = self.virtual_memory()?;
        let members = members(self, pid)?;
        let mem = match controller(&members, "memory") {
            Some(ctl) => {
                let in_root_v1 = ctl.version == CgroupVersion::V1 && ctl.dir == ctl.top && {
                    members.iter().any(|(m, _)| {
                        m.controllers.iter().any(|c| c == "memory") && m.path.as_os_str() == "/"
                    })
                };
                if in_root_v1 {
                    None
                } else {
                    Some(super::memory::memory(&members)?)
                }
            }
            None => None,
        };
        let limit = mem
            .as_ref()
            .and_then(|m| m.limit)
            .and_then(|l| l.value())
            .filter(|l| *l < host.total);
        let total = limit.unwrap_or(host.total);
        let current = mem.as_ref().and_then(|m| m.current);
        let (used, free) = match current {
            Some(cur) => {
                let inactive = mem.as_ref().and_then(|m| m.inactive_file).unwrap_or(0);
                (cur.saturating_sub(inactive), total.saturating_sub(cur))
            }
            None => (host.used, host.free.min(total)),
        };
        let available = total.saturating_sub(used).min(host.available);
        Ok(EffectiveMemory {
            total,
            available,
            used,
            free,
            percent: usage_percent(used as f64, total as f64),
            limit,
        })
    }
}

/// The number of CPUs the current process can really use: the smallest of its CPU
/// affinity (`sched_getaffinity(2)`), the CPU quota of its cgroup and every ancestor
/// (`cpu.max`, or `cpu.cfs_quota_us` / `cpu.cfs_period_us`, rounded up), and its
/// effective cpuset (`cpuset.cpus.effective`, `cpuset.effective_cpus`); at least 1. What
/// Go's `GOMAXPROCS` and the JVM compute. An extension beyond psutil:
/// [`cpu_count`](crate::cpu_count) stays psutil's (the host's CPUs). Linux only.
pub fn cpu_count_effective() -> Result<usize> {
    Root::current().cpu_count_effective(std::process::id())
}

/// Memory as the current process can use it inside its cgroup: `total` is the smaller
/// of `MemTotal` (`/proc/meminfo`) and the tightest memory limit of the cgroup and its
/// ancestors (`memory.max`, `memory.limit_in_bytes`); `used` is the cgroup's usage
/// (`memory.current`, `memory.usage_in_bytes`) minus its inactive page cache
/// (`memory.stat`), the host's when the process is in the root cgroup. An extension
/// beyond psutil: [`virtual_memory`](crate::virtual_memory) stays psutil's. Linux only.
pub fn virtual_memory_effective() -> Result<EffectiveMemory> {
    Root::current().virtual_memory_effective(std::process::id())
}
