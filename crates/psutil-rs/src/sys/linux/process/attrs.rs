//! The `as_dict` attributes whose methods are in the extension traits on Linux.

use super::ext::{LinuxProcessExt, UnixProcessExt};
use crate::error::{Error, Result};
use crate::process::{Attr, Process, Value};

/// The attributes Linux has ([`AttrSet::all`](crate::AttrSet::all)): all of them.
pub(crate) const ATTRS: &[Attr] = Attr::ALL;

/// The value of an attribute whose method psutil has on some platforms only: on Linux
/// through [`UnixProcessExt`] (uids, gids, terminal, num_fds) and [`LinuxProcessExt`]
/// (cpu_affinity, cpu_num, io_counters, ionice, memory_maps).
pub(crate) fn platform_attr(p: &Process, a: Attr) -> Result<Value> {
    Ok(match a {
        Attr::CpuAffinity => Value::Cpus(p.cpu_affinity()?),
        Attr::CpuNum => Value::CpuNum(p.cpu_num()?),
        Attr::Gids => Value::Gids(p.gids()?),
        Attr::IoCounters => Value::IoCounters(p.io_counters()?),
        Attr::Ionice => Value::IoNice(p.ionice()?),
        Attr::MemoryMaps => Value::MemoryMaps(p.memory_maps()?),
        Attr::NumFds => Value::Count(p.num_fds()? as u64),
        Attr::Terminal => p.terminal()?.map_or(Value::None, Value::Path),
        Attr::Uids => Value::Uids(p.uids()?),
        other => {
            return Err(Error::unsupported(format!(
                "attribute {other} on this platform"
            )))
        }
    })
}
