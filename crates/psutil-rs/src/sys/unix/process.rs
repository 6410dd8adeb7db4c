//! What every POSIX backend's process side shares: psutil's POSIX-only `Process`
//! methods as the extension trait `psutil_rs::os::unix::ProcessExt` (sealed: only
//! [`Process`] implements it), the `puids` / `pgids` they return, and the `as_dict`
//! values of their attributes. Each backend reads the values its own way, through its
//! `process::{uids, gids, terminal, num_fds}` functions.

use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::process::{Attr, Process, Value};
use crate::sys::process as imp;
use crate::sys::sealed::Sealed;

/// User ids of a process. psutil's `puids`. Read from the `Uid:` line of
/// `/proc/<pid>/status` on Linux, from the `kinfo_proc` elsewhere (macOS: `p_ruid`,
/// `cr_uid`, `p_svuid`; FreeBSD: `ki_ruid`, `ki_uid`, `ki_svuid`).
#[doc(alias = "puids")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Uids {
    /// Real uid.
    pub real: u32,
    /// Effective uid.
    pub effective: u32,
    /// Saved set-user-id.
    pub saved: u32,
}

/// Group ids of a process. psutil's `pgids`. Read from the `Gid:` line of
/// `/proc/<pid>/status` on Linux, from the `kinfo_proc` elsewhere (macOS: `p_rgid`,
/// `cr_groups[0]`, `p_svgid`; FreeBSD: `ki_rgid`, `ki_groups[0]`, `ki_svgid`, where
/// psutil 7.2.2 puts `ki_svuid` in `saved`, psutil-platforms.md §7 gotcha 6: this is
/// the saved gid).
#[doc(alias = "pgids")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Gids {
    /// Real gid.
    pub real: u32,
    /// Effective gid.
    pub effective: u32,
    /// Saved set-group-id.
    pub saved: u32,
}

/// The `Process` methods psutil has on POSIX platforms only (absent on Windows).
/// `use psutil_rs::os::unix::ProcessExt as _;` to call them.
pub trait UnixProcessExt: Sealed {
    /// Real, effective and saved uid (see [`Uids`] for where each platform reads
    /// them). psutil's `uids()`.
    fn uids(&self) -> Result<Uids>;

    /// Real, effective and saved gid (see [`Gids`] for where each platform reads
    /// them). psutil's `gids()`.
    fn gids(&self) -> Result<Gids>;

    /// The controlling terminal's path, or `None`. psutil's `terminal()`. On Linux,
    /// `tty_nr` (field 7 of `/proc/<pid>/stat`) looked up among the device numbers of
    /// the root's `/dev/tty*` and `/dev/pts/*`; on macOS, the `kinfo_proc`'s `e_tdev`
    /// through `devname(3)`; on FreeBSD, `ki_tdev` through `devname_r(3)`.
    fn terminal(&self) -> Result<Option<PathBuf>>;

    /// The number of open file descriptors. psutil's `num_fds()`. On Linux, the
    /// entries of `/proc/<pid>/fd`; on macOS, `proc_pidinfo(PROC_PIDLISTFDS)` (0 for
    /// pid 0); on FreeBSD, the entries of the descriptor table (`kern.proc.filedesc`,
    /// pseudo-descriptors such as the cwd included, as psutil counts them).
    fn num_fds(&self) -> Result<usize>;
}

impl UnixProcessExt for Process {
    fn uids(&self) -> Result<Uids> {
        imp::uids(self)
    }

    fn gids(&self) -> Result<Gids> {
        imp::gids(self)
    }

    fn terminal(&self) -> Result<Option<PathBuf>> {
        imp::terminal(self)
    }

    fn num_fds(&self) -> Result<usize> {
        imp::num_fds(self)
    }
}

/// The `as_dict` value of a POSIX-only attribute (`uids`, `gids`, `terminal`,
/// `num_fds`) through [`UnixProcessExt`]; any other attribute is
/// [`Error::Unsupported`]. The backends' `platform_attr` ends with it.
pub(crate) fn unix_attr(p: &Process, a: Attr) -> Result<Value> {
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

/// psutil's BSD `name()` from the kernel's `comm` (`p_comm`, `ki_comm`: 16 bytes with
/// the NUL): when it is 15 bytes or more (maybe cut by the kernel) and the basename of
/// `cmdline()[0]` starts with it, that basename; else `comm`.
#[cfg(any(target_os = "macos", target_os = "freebsd"))]
pub(crate) fn name_from_comm(
    comm: Vec<u8>,
    cmdline: impl FnOnce() -> Result<Vec<std::ffi::OsString>>,
) -> std::ffi::OsString {
    use std::os::unix::ffi::{OsStrExt, OsStringExt};
    if comm.len() >= 15 {
        if let Some(first) = cmdline().ok().as_ref().and_then(|a| a.first()) {
            let base = std::path::Path::new(first)
                .file_name()
                .map(|b| b.as_bytes().to_vec())
                .unwrap_or_default();
            if base.starts_with(&comm) {
                return std::ffi::OsString::from_vec(base);
            }
        }
    }
    std::ffi::OsString::from_vec(comm)
}

/// psutil's POSIX `pid_exists()` on the BSD-family backends: pid 0 (the kernel's
/// `swapper` / `kernel_task`) exists when the backend's `pids()` lists it; another pid
/// when `kill(pid, 0)` succeeds or fails with `EPERM` (`ESRCH`: no).
#[cfg(any(target_os = "macos", target_os = "freebsd"))]
pub(crate) fn pid_exists(pid: crate::error::Pid) -> Result<bool> {
    if pid == 0 {
        return Ok(imp::pids()?.contains(&0));
    }
    let Ok(raw) = i32::try_from(pid) else {
        return Ok(false);
    };
    super::signals::exists(raw).map_err(|e| Error::from_io(e, "kill"))
}

/// psutil's `suspend()`, `resume()`, `terminate()` and `kill()` on the BSD-family
/// backends: `SIGSTOP`, `SIGCONT`, `SIGTERM`, `SIGKILL` through the backend's
/// `send_signal` (its identity check and error mapping).
#[cfg(any(target_os = "macos", target_os = "freebsd"))]
pub(crate) mod signal_shortcuts {
    use crate::error::Result;
    use crate::process::Process;
    use crate::sys::process::send_signal;

    /// `SIGSTOP`. psutil's `suspend()`.
    pub(crate) fn suspend(p: &Process) -> Result<()> {
        send_signal(p, libc::SIGSTOP)
    }

    /// `SIGCONT`. psutil's `resume()`.
    pub(crate) fn resume(p: &Process) -> Result<()> {
        send_signal(p, libc::SIGCONT)
    }

    /// `SIGTERM`. psutil's `terminate()`.
    pub(crate) fn terminate(p: &Process) -> Result<()> {
        send_signal(p, libc::SIGTERM)
    }

    /// `SIGKILL`. psutil's `kill()`.
    pub(crate) fn kill(p: &Process) -> Result<()> {
        send_signal(p, libc::SIGKILL)
    }
}
