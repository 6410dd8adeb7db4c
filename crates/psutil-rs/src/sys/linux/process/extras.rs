//! Extensions beyond psutil: process attributes the classic tools show (ps's STAT
//! modifiers, top's PR) that psutil has no method for. Not part of the Python package.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::PathBuf;

use super::entries::EntryError;
use crate::error::{Pid, Result};
use crate::parse::pid_fdinfo;
use crate::parse::taskstats::TaskDelays;
use crate::process::Process;
use crate::sys;

/// Job-control and scheduling fields of `/proc/<pid>/stat` (see proc_pid_stat(5)),
/// returned by [`ProcessExt::stat_ext`](crate::os::linux::ProcessExt::stat_ext). An extension beyond psutil.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ProcessStatExt {
    /// Field 5 `pgrp`: the process group id; `None` when the kernel prints a negative
    /// value (Linux 6.18 prints -1 while a process is being reaped).
    pub pgid: Option<Pid>,
    /// Field 6 `session`: the session id (equal to the pid for a session leader);
    /// `None` when negative, as `pgid`.
    pub session: Option<Pid>,
    /// Field 8 `tpgid`: the foreground process group of the controlling terminal;
    /// `None` without a controlling terminal. The process is in the foreground when
    /// this equals `pgid`.
    pub tpgid: Option<Pid>,
    /// Field 18 `priority`: the kernel's priority as top's `PR` shows it: 20 + nice for
    /// normal tasks, -1 - `rt_priority` (-2..-100) for real-time ones.
    pub priority: i64,
    /// Field 41 `policy`: the scheduling policy (`SCHED_OTHER` 0, `SCHED_FIFO` 1,
    /// `SCHED_RR` 2, `SCHED_BATCH` 3, `SCHED_IDLE` 5, `SCHED_DEADLINE` 6)
    /// (since Linux 2.5.19).
    pub sched_policy: Option<u32>,
    /// Field 40 `rt_priority`: 1..99 for `SCHED_FIFO`/`SCHED_RR`, else 0
    /// (since Linux 2.5.19).
    pub rt_priority: Option<u32>,
    /// Field 9 `flags`: the kernel's `PF_*` flags (ps -l's F column shows three of
    /// them: `PF_FORKNOEXEC` 0x40 as 1, `PF_SUPERPRIV` 0x100 as 4).
    pub flags: u64,
}

impl Process {}

/// Process group, session, terminal foreground group, flags and scheduling fields of
/// `/proc/<pid>/stat` (fields 5, 6, 8, 9, 18, 40, 41). An extension beyond psutil
/// (ps's `s` and `+` STAT flags, top's `PR` column).
pub(crate) fn stat_ext(p: &Process) -> Result<ProcessStatExt> {
    Ok(stat_ext_of(&p.stat()?))
}

/// The [`ProcessStatExt`] fields of a parsed `stat` (also kept by the process table's
/// records, from the `stat` they read anyway).
pub(crate) fn stat_ext_of(st: &crate::parse::pid_stat::PidStat) -> ProcessStatExt {
    ProcessStatExt {
        pgid: st.pgrp,
        session: st.session,
        tpgid: st.tpgid,
        priority: st.priority,
        sched_policy: st.policy,
        rt_priority: st.rt_priority,
        flags: st.flags,
    }
}

/// Locked memory (`mlock(2)`) in bytes: the `VmLck` line of `/proc/<pid>/status`
/// (KiB × 1024); 0 when the line is absent (kernel threads, zombies). An extension
/// beyond psutil (ps's `L` STAT flag).
pub(crate) fn locked_memory(p: &Process) -> Result<u64> {
    let st = p.read_parse("status", crate::parse::pid_status::parse)?;
    Ok(st.vm_lck.unwrap_or(0).saturating_mul(1024))
}

/// What a file descriptor refers to (see [`ProcessFd`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum FdType {
    /// A regular file.
    Regular,
    /// A directory.
    Directory,
    /// A character device (`/dev/null`, a terminal).
    CharDevice,
    /// A block device.
    BlockDevice,
    /// A pipe (link `pipe:[inode]`) or a named FIFO.
    Fifo,
    /// A socket (link `socket:[inode]`).
    Socket,
    /// An anonymous inode (link `anon_inode:[eventfd]`, `anon_inode:inotify`, ...).
    AnonInode,
    /// Anything else, or a descriptor whose file could not be `stat`ed.
    Other,
}

/// One open file descriptor of a process, returned by [`ProcessExt::fds`](crate::os::linux::ProcessExt::fds). An extension
/// beyond psutil (whose `open_files()` keeps regular files only).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ProcessFd {
    /// The descriptor number.
    pub fd: u32,
    /// The `/proc/<pid>/fd/<fd>` link text as the kernel prints it: a path (with
    /// `" (deleted)"` for unlinked files), `pipe:[inode]`, `socket:[inode]`,
    /// `anon_inode:[eventfd]`... Bytes are kept.
    pub target: PathBuf,
    /// What the descriptor refers to: from the link text for pipes, sockets and
    /// anonymous inodes, else from `stat(2)` of the open file.
    pub fd_type: FdType,
    /// The open flags (`O_RDONLY`, `O_WRONLY`, `O_RDWR`, `O_APPEND`...): the `flags:`
    /// line of `/proc/<pid>/fdinfo/<fd>`, `None` if it vanished meanwhile.
    pub flags: Option<u32>,
    /// `st_ino` of the open file (`None` when `stat(2)` failed).
    pub inode: Option<u64>,
    /// For a socket, its protocol's name (`TCP`, `UNIX`, `NETLINK`, ...): the
    /// `system.sockprotoname` extended attribute; `None` for other descriptors or when
    /// unreadable.
    pub sock_protocol: Option<String>,
}

fn fd_type(target: &[u8], stat: Option<rustix::fs::FileType>) -> FdType {
    use rustix::fs::FileType as T;
    if target.starts_with(b"pipe:[") {
        return FdType::Fifo;
    }
    if target.starts_with(b"socket:[") {
        return FdType::Socket;
    }
    if target.starts_with(b"anon_inode:") {
        return FdType::AnonInode;
    }
    match stat {
        Some(T::RegularFile) => FdType::Regular,
        Some(T::Directory) => FdType::Directory,
        Some(T::CharacterDevice) => FdType::CharDevice,
        Some(T::BlockDevice) => FdType::BlockDevice,
        Some(T::Fifo) => FdType::Fifo,
        Some(T::Socket) => FdType::Socket,
        _ => FdType::Other,
    }
}

impl Process {}

/// Every open file descriptor, by number: the `/proc/<pid>/fd/<fd>` links with the
/// open file's type (`stat(2)` through the link) and flags
/// (`/proc/<pid>/fdinfo/<fd>`). Descriptors closed meanwhile are skipped. An
/// extension beyond psutil (lsof's FD/TYPE/NAME rows).
pub(crate) fn fds(p: &Process) -> Result<Vec<ProcessFd>> {
    p.read_entries("fd", p.fd_numbers()?, |dir, fd| {
        let link = format!("fd/{fd}");
        let target = sys::process::calls::readlink_at(dir, &link)
            .map_err(|e| EntryError::Io(e, link.clone()))?;
        let st = sys::process::calls::stat_at(dir, &link).ok();
        let flags = sys::process::calls::read_at(dir, &format!("fdinfo/{fd}"))
            .ok()
            .and_then(|d| pid_fdinfo::parse(&d).ok())
            .map(|(_, flags)| flags);
        let fd_type = fd_type(&target, st.map(|s| s.0));
        let sock_protocol = (fd_type == FdType::Socket)
            .then(|| sys::process::calls::sock_protocol(&p.path(&link)).ok())
            .flatten();
        Ok(Some(ProcessFd {
            fd,
            fd_type,
            sock_protocol,
            target: PathBuf::from(OsString::from_vec(target)),
            flags,
            inode: st.map(|s| s.2),
        }))
    })
}

/// The root directory: the `/proc/<pid>/root` link (lsof's `rtd`); `/` unless the
/// process is chrooted. An extension beyond psutil.
pub(crate) fn root_dir(p: &Process) -> Result<PathBuf> {
    p.readlink_raw("root")
        .map(|t| PathBuf::from(OsString::from_vec(t)))
        .map_err(|e| p.map_err(e, "root"))
}

/// Delay accounting of the whole process (all its threads, live and exited): the
/// `TASKSTATS_CMD_GET` reply of the `TASKSTATS` generic netlink family (what
/// iotop's SWAPIN and IO columns come from). Needs `CAP_NET_ADMIN`
/// ([`Error::AccessDenied`](crate::Error::AccessDenied) otherwise), a kernel with
/// taskstats, and the host's process table ([`Error::Unsupported`](crate::Error::Unsupported) under another
/// root). The counters only grow while delay accounting is on
/// (`/proc/sys/kernel/task_delayacct`), and never for a task forked while it was
/// off. An extension beyond psutil.
///
/// [`Error::Unsupported`](crate::Error::Unsupported): crate::Error::Unsupported
pub(crate) fn delay_stats(p: &Process) -> Result<TaskDelays> {
    if !p.imp.root.is_host() {
        return Err(crate::Error::unsupported(
            "taskstats of a process outside the host's /proc",
        ));
    }
    let d = sys::taskstats::delays(p.pid);
    // The pid may be reused by now: answer only for the process of this handle.
    p.check_not_reused()?;
    match d {
        Err(crate::Error::Io { source, .. }) if source.raw_os_error() == Some(libc::ESRCH) => {
            Err(p.no_such_process())
        }
        other => other,
    }
}
