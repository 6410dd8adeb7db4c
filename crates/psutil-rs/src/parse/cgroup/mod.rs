//! The files of control groups (cgroups v1 and v2) and of pressure stall information.
//!
//! One module per file format; every parser is pure and returns
//! [`Error::Parse`](crate::Error::Parse) on garbage. The I/O that finds and reads these
//! files is in the Linux backend (`Root::cgroup`, `ProcessExt::cgroups`).
//!
//! | module | what it parses |
//! |---|---|
//! | [`pid_cgroup`] | `/proc/<pid>/cgroup` (the membership, v1 and v2) |
//! | [`mountinfo`] | `/proc/<pid>/mountinfo` (where each hierarchy is mounted) |
//! | [`limit`] | single-value files: `memory.max`, `memory.limit_in_bytes`, `pids.max`, `memory.current`, ... |
//! | [`cpu_max`] | `cpu.max` (v2) |
//! | [`keyed`] | flat `key value` files: `cpu.stat`, `memory.stat`, `memory.events`, `cpuacct.stat`, `memory.oom_control` |
//! | [`io_max`] | `io.max` (v2) |
//! | [`io_stat`] | `io.stat` (v2) |
//! | [`blkio`] | v1 `blkio.throttle.*` files |
//! | [`pressure`] | `/proc/pressure/{cpu,memory,io,irq}` and `<cgroup>/*.pressure` |
//!
//! The effective CPU set (`cpuset.cpus.effective`, `cpuset.effective_cpus`) is in the
//! CPU list format of [`cpu_list`](super::cpu_list).

pub mod blkio;
pub mod cpu_max;
pub mod io_max;
pub mod io_stat;
pub mod keyed;
pub mod limit;
pub mod mountinfo;
pub mod pid_cgroup;
pub mod pressure;

use super::fields::{parse_u64, split_once};

/// Parses a `major:minor` device number as cgroup files print it (`8:16`).
pub(crate) fn device(word: &[u8]) -> Option<(u32, u32)> {
    let (major, minor) = split_once(word, b':')?;
    let major = u32::try_from(parse_u64(major)?).ok()?;
    let minor = u32::try_from(parse_u64(minor)?).ok()?;
    Some((major, minor))
}

/// The bytes of a file for an error message, lossily decoded and cut at 60 characters.
pub(crate) fn shown(data: &[u8]) -> String {
    let s = String::from_utf8_lossy(data);
    let mut out: String = s.chars().take(60).collect();
    if s.chars().count() > 60 {
        out.push('…');
    }
    out
}
