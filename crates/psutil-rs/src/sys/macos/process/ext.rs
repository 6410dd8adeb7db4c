//! The POSIX-only `Process` methods on macOS, as the extension trait
//! `psutil_rs::os::unix::ProcessExt` (sealed: only [`Process`] implements it), and the
//! `as_dict` attributes macOS has. psutil has no macOS-only method.

use std::path::PathBuf;

use super::types::{Gids, Uids};
use crate::error::{Error, Result};
use crate::process::{Attr, Process, Value};

mod sealed {
    /// Only [`Process`](crate::Process) implements the extension traits.
    pub trait Sealed {}
    impl Sealed for crate::Process {}
}

/// The `Process` methods psutil has on POSIX platforms only (absent on Windows).
/// `use psutil_rs::os::unix::ProcessExt as _;` to call them.
pub trait UnixProcessExt: sealed::Sealed {
    /// Real, effective and saved uid: `kinfo_proc`'s `p_ruid`, `cr_uid`, `p_svuid`.
    /// psutil's `uids()`.
    fn uids(&self) -> Result<Uids>;

    /// Real, effective and saved gid: `kinfo_proc`'s `p_rgid`, `cr_groups[0]`,
    /// `p_svgid`. psutil's `gids()`.
    fn gids(&self) -> Result<Gids>;

    /// The controlling terminal's path (`kinfo_proc`'s `e_tdev` through `devname(3)`),
    /// or `None`. psutil's `terminal()`.
    fn terminal(&self) -> Result<Option<PathBuf>>;

    /// The number of open file descriptors: `proc_pidinfo(PROC_PIDLISTFDS)`; 0 for pid
    /// 0. psutil's `num_fds()`.
    fn num_fds(&self) -> Result<usize>;
}

impl UnixProcessExt for Process {
    fn uids(&self) -> Result<Uids> {
        super::uids(self)
    }

    fn gids(&self) -> Result<Gids> {
        super::gids(self)
    }

    fn terminal(&self) -> Result<Option<PathBuf>> {
        super::terminal(self)
    }

    fn num_fds(&self) -> Result<usize> {
        super::num_fds(self)
    }
}

/// The attributes macOS has ([`AttrSet::all`](crate::AttrSet::all)): psutil's macOS
/// `as_dict` names (no `cpu_affinity`, `cpu_num`, `io_counters`, `ionice`,
/// `memory_maps`).
pub(crate) const ATTRS: &[Attr] = &[
    Attr::Cmdline,
    Attr::CpuPercent,
    Attr::CpuTimes,
    Attr::CreateTime,
    Attr::Cwd,
    Attr::Environ,
    Attr::Exe,
    Attr::Gids,
    Attr::MemoryFullInfo,
    Attr::MemoryInfo,
    Attr::MemoryPercent,
    Attr::Name,
    Attr::NetConnections,
    Attr::Nice,
    Attr::NumCtxSwitches,
    Attr::NumFds,
    Attr::NumThreads,
    Attr::OpenFiles,
    Attr::Pid,
    Attr::Ppid,
    Attr::Status,
    Attr::Terminal,
    Attr::Threads,
    Attr::Uids,
    Attr::Username,
];

/// The value of an attribute whose method psutil has on some platforms only: on macOS
/// the POSIX ones through [`UnixProcessExt`]; the others are [`Error::Unsupported`].
pub(crate) fn platform_attr(p: &Process, a: Attr) -> Result<Value> {
    Ok(match a {
        Attr::Gids => Value::Gids(p.gids()?),
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
