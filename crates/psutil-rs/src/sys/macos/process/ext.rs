//! The `as_dict` attributes macOS has. psutil has no macOS-only method: the POSIX-only
//! ones (`psutil_rs::os::unix::ProcessExt`) are every POSIX platform's, in
//! `sys/unix/process.rs`.

use crate::error::Result;
use crate::process::{Attr, Process, Value};
use crate::sys::unix::process::unix_attr;

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
/// the POSIX ones ([`unix_attr`]); the others are
/// [`Error::Unsupported`](crate::Error::Unsupported).
pub(crate) fn platform_attr(p: &Process, a: Attr) -> Result<Value> {
    unix_attr(p, a)
}
