#![allow(unsafe_code)]
//! `cpu_affinity()` (`cpuset_getaffinity(2)` / `cpuset_setaffinity(2)` on
//! `CPU_WHICH_PID`) and `rlimit()` (`kern.proc.rlimit.<pid>.<resource>`, psutil's
//! emulation of Linux's `prlimit`).

use super::calls;
use super::types::RlimitResource;
use crate::error::{Error, Result};
use crate::parse::freebsd::values;
use crate::process::Process;

/// The CPUs `cpuset_t` can hold (`CPU_SETSIZE`).
fn setsize() -> usize {
    std::mem::size_of::<libc::cpuset_t>() * 8
}

/// The CPUs the process may run on, sorted: `cpuset_getaffinity(CPU_LEVEL_WHICH,
/// CPU_WHICH_PID, pid)`.
pub(crate) fn cpu_affinity(p: &Process) -> Result<Vec<u32>> {
    // SAFETY: `cpuset_t` is a plain bit array; all-zero bytes are an empty set.
    let mut set: libc::cpuset_t = unsafe { std::mem::zeroed() };
    // SAFETY: `set` is a writable `cpuset_t` of the size passed.
    let rc = unsafe {
        libc::cpuset_getaffinity(
            libc::CPU_LEVEL_WHICH,
            libc::CPU_WHICH_PID,
            libc::id_t::from(p.pid),
            std::mem::size_of::<libc::cpuset_t>(),
            &mut set,
        )
    };
    if rc != 0 {
        return Err(p.os_error(std::io::Error::last_os_error(), "cpuset_getaffinity"));
    }
    Ok((0..setsize())
        // SAFETY: `cpu` is below CPU_SETSIZE; `set` is initialized.
        .filter(|&cpu| unsafe { libc::CPU_ISSET(cpu, &set) })
        .filter_map(|cpu| u32::try_from(cpu).ok())
        .collect())
}

/// Restricts the process to `cpus` (`[]`: every CPU of `cpu_times(percpu=True)`, as
/// psutil). A CPU outside that range is [`Error::InvalidArgument`]. Checks identity
/// first.
pub(crate) fn set_cpu_affinity(p: &Process, cpus: &[u32]) -> Result<()> {
    super::check_not_reused(p)?;
    let n = u32::try_from(crate::cpu_times_percpu()?.len()).unwrap_or(u32::MAX);
    let all: Vec<u32> = (0..n).collect();
    let cpus = if cpus.is_empty() { &all[..] } else { cpus };
    if let Some(bad) = cpus.iter().find(|&&c| c >= n) {
        return Err(Error::invalid(format!(
            "invalid CPU {bad}; choose between {all:?}"
        )));
    }
    // SAFETY: all-zero bytes are an empty `cpuset_t`.
    let mut set: libc::cpuset_t = unsafe { std::mem::zeroed() };
    for &c in cpus {
        let c = c as usize;
        if c < setsize() {
            // SAFETY: `c` is below CPU_SETSIZE.
            unsafe { libc::CPU_SET(c, &mut set) };
        }
    }
    // SAFETY: `set` is a valid `cpuset_t` of the size passed.
    let rc = unsafe {
        libc::cpuset_setaffinity(
            libc::CPU_LEVEL_WHICH,
            libc::CPU_WHICH_PID,
            libc::id_t::from(p.pid),
            std::mem::size_of::<libc::cpuset_t>(),
            &set,
        )
    };
    if rc != 0 {
        // psutil re-checks the CPUs on EINVAL/EDEADLK (all valid here, checked above)
        // and re-raises the error.
        return Err(p.os_error(std::io::Error::last_os_error(), "cpuset_setaffinity"));
    }
    Ok(())
}

/// `(soft, hard)` of `resource` from `kern.proc.rlimit`.
pub(crate) fn rlimit(p: &Process, resource: RlimitResource) -> Result<(u64, u64)> {
    let buf = p.call(
        calls::rlimit(p.pid, resource.as_raw()),
        "sysctl kern.proc.rlimit",
    )?;
    values::rlimit(&buf)
}

/// Sets `(soft, hard)` of `resource` through `kern.proc.rlimit`. A soft limit above
/// the hard one is [`Error::InvalidArgument`]. Checks identity first.
pub(crate) fn set_rlimit(p: &Process, resource: RlimitResource, limits: (u64, u64)) -> Result<()> {
    super::check_not_reused(p)?;
    if limits.0 > limits.1 {
        return Err(Error::invalid("soft limit above the hard limit"));
    }
    calls::set_rlimit(p.pid, resource.as_raw(), &values::rlimit_bytes(limits)).map_err(|e| match e
        .raw_os_error()
    {
        Some(libc::EINVAL) => Error::invalid(format!("invalid limits {limits:?}")),
        _ => p.os_error(e, "sysctl kern.proc.rlimit"),
    })
}
