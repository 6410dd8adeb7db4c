//! The `as_dict` attributes whose methods are in the extension traits on Linux.

use super::ext::LinuxProcessExt;
use crate::error::Result;
use crate::process::{Attr, Process, Value};
use crate::sys::unix::process::unix_attr;

/// The attributes Linux has ([`AttrSet::all`](crate::AttrSet::all)): all of them.
pub(crate) const ATTRS: &[Attr] = Attr::ALL;

/// The value of an attribute whose method psutil has on some platforms only: on Linux
/// through [`LinuxProcessExt`] (cpu_affinity, cpu_num, io_counters, ionice,
/// memory_maps) and the POSIX `os::unix::ProcessExt` ([`unix_attr`]: uids, gids,
/// terminal, num_fds).
pub(crate) fn platform_attr(p: &Process, a: Attr) -> Result<Value> {
    Ok(match a {
        Attr::CpuAffinity => Value::Cpus(p.cpu_affinity()?),
        Attr::CpuNum => Value::CpuNum(p.cpu_num()?),
        Attr::IoCounters => Value::IoCounters(p.io_counters()?),
        Attr::Ionice => Value::IoNice(p.ionice()?),
        Attr::MemoryMaps => Value::MemoryMaps(p.memory_maps()?),
        other => return unix_attr(p, other),
    })
}
