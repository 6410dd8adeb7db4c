//! Scheduling knobs set by pid: CPU affinity, I/O priority, resource limits. Setters
//! first check that the pid still belongs to this process; getters are one syscall on
//! the pid, as psutil's (which do not check either).

use super::knobs::{IoClass, IoNice, RlimitResource, RLIM_INFINITY};
use crate::error::{Error, Result};
use crate::parse::{cpu_list, pid_status};
use crate::process::Process;
use crate::sys;

const IOPRIO_CLASS_SHIFT: u32 = 13;

impl Process {
    pub(super) fn sys_err(&self, e: std::io::Error, what: &str) -> Error {
        match e.raw_os_error() {
            // Alive by its `stat` (zombie_check read it): not marked gone.
            Some(libc::ESRCH) => match self.zombie_check() {
                Err(z) => z,
                Ok(_) => self.no_such_process_error(),
            },
            Some(libc::EPERM) | Some(libc::EACCES) => self.access_denied(None),
            _ => Error::Io {
                path: Some(what.into()),
                source: e,
            },
        }
    }

    /// The CPUs this process may currently use, for error messages: `Cpus_allowed_list`
    /// of `/proc/<pid>/status`, else the online CPUs.
    fn eligible_cpus(&self) -> Result<Vec<u32>> {
        let st = self.read_parse("status", pid_status::parse)?;
        match st.cpus_allowed() {
            Some(cpus) => cpus,
            None => self.online_cpus(),
        }
    }

    /// `/sys/devices/system/cpu/online` of the root.
    fn online_cpus(&self) -> Result<Vec<u32>> {
        let path = self.imp.root.sys_path("devices/system/cpu/online");
        sys::fs::parse(&path, cpu_list::parse)
    }
}

/// The CPUs the process may run on, sorted: `sched_getaffinity(2)`. psutil's
/// `cpu_affinity()`.
pub(crate) fn cpu_affinity(p: &Process) -> Result<Vec<u32>> {
    sys::process::calls::sched_getaffinity(p.pid).map_err(|e| p.sys_err(e, "sched_getaffinity"))
}

/// Restricts the process to `cpus` with `sched_setaffinity(2)`. An empty slice means
/// every online CPU (`/sys/devices/system/cpu/online`); the kernel still intersects
/// the set with the process's cpuset. (psutil 7.2.2 uses `Cpus_allowed_list` of
/// `/proc/<pid>/status` when it is a single range, which is the current mask itself,
/// so "reset" would not widen a restricted process; otherwise every CPU, as here.)
/// A CPU that is not online is [`Error::InvalidArgument`] naming it, as is a set
/// the kernel rejects (no CPU of it allowed). Checks identity first. psutil's
/// `cpu_affinity(cpus)`.
pub(crate) fn set_cpu_affinity(p: &Process, cpus: &[u32]) -> Result<()> {
    p.check_not_reused()?;
    let online = p.online_cpus().unwrap_or_default();
    let cpus: Vec<u32> = if cpus.is_empty() {
        online.clone()
    } else {
        cpus.to_vec()
    };
    let eligible = p.eligible_cpus().unwrap_or_else(|_| online.clone());
    for &c in &cpus {
        if !online.is_empty() && !online.contains(&c) {
            return Err(Error::invalid(format!(
                "invalid CPU {c}; choose between {eligible:?}"
            )));
        }
    }
    match sys::process::calls::sched_setaffinity(p.pid, &cpus) {
        Ok(()) => Ok(()),
        Err(e) if e.raw_os_error() == Some(libc::EINVAL) => {
            let bad = cpus.iter().find(|c| !eligible.contains(c)).copied();
            Err(Error::invalid(match bad {
                Some(c) => {
                    format!("CPU number {c} is not eligible; choose between {eligible:?}")
                }
                None => format!("invalid CPU set {cpus:?}; choose between {eligible:?}"),
            }))
        }
        Err(e) => Err(p.sys_err(e, "sched_setaffinity")),
    }
}

/// The I/O scheduling class and priority: `ioprio_get(IOPRIO_WHO_PROCESS)`.
/// psutil's `ionice()`.
pub(crate) fn ionice(p: &Process) -> Result<IoNice> {
    let prio = sys::process::calls::ioprio_get(p.pid).map_err(|e| p.sys_err(e, "ioprio_get"))?;
    let class = prio >> IOPRIO_CLASS_SHIFT;
    let ioclass = IoClass::from_raw(class)
        .ok_or_else(|| Error::unsupported(format!("unknown I/O priority class {class}")))?;
    Ok(IoNice {
        ioclass,
        value: prio & ((1 << IOPRIO_CLASS_SHIFT) - 1),
    })
}

/// Sets the I/O class and priority with `ioprio_set(IOPRIO_WHO_PROCESS)`. `value`
/// `None` means 0; a value with [`IoClass::Idle`] or [`IoClass::None`], or outside
/// 0..=7, is [`Error::InvalidArgument`]. Checks identity first. psutil's
/// `ionice(ioclass, value)`.
pub(crate) fn set_ionice(p: &Process, ioclass: IoClass, value: Option<u32>) -> Result<()> {
    let value = value.unwrap_or(0);
    if value != 0 && matches!(ioclass, IoClass::Idle | IoClass::None) {
        return Err(Error::invalid(format!(
            "{ioclass:?} ioclass accepts no value (got {value})"
        )));
    }
    if value > 7 {
        return Err(Error::invalid(format!("value {value} not in 0-7 range")));
    }
    p.check_not_reused()?;
    let prio = ((ioclass as u32) << IOPRIO_CLASS_SHIFT) | value;
    sys::process::calls::ioprio_set(p.pid, prio).map_err(|e| p.sys_err(e, "ioprio_set"))
}

/// The `(soft, hard)` limit of `resource`, [`RLIM_INFINITY`] for none:
/// `prlimit(2)`. psutil's `rlimit(resource)`.
pub(crate) fn rlimit(p: &Process, resource: RlimitResource) -> Result<(u64, u64)> {
    sys::process::calls::prlimit(p.pid, resource.as_raw(), None)
        .map_err(|e| p.sys_err(e, "prlimit"))
}

/// Sets the `(soft, hard)` limit of `resource` with `prlimit(2)`. A soft limit above
/// the hard one is [`Error::InvalidArgument`]; raising the hard limit without
/// privilege is [`Error::AccessDenied`]. Checks identity first. psutil's
/// `rlimit(resource, limits)`.
pub(crate) fn set_rlimit(p: &Process, resource: RlimitResource, limits: (u64, u64)) -> Result<()> {
    let (soft, hard) = limits;
    if hard != RLIM_INFINITY && (soft == RLIM_INFINITY || soft > hard) {
        return Err(Error::invalid(format!(
            "soft limit {soft} is above hard limit {hard} for {resource:?}"
        )));
    }
    p.check_not_reused()?;
    match sys::process::calls::prlimit(p.pid, resource.as_raw(), Some(limits)) {
        Ok(_) => Ok(()),
        Err(e) if e.raw_os_error() == Some(libc::EINVAL) => Err(Error::invalid(format!(
            "invalid limits ({soft}, {hard}) for {resource:?}"
        ))),
        Err(e) => Err(p.sys_err(e, "prlimit")),
    }
}
