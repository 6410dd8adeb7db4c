//! Read-only process information: `/proc/<pid>/{stat,status,statm,cmdline,environ,io}`,
//! the `exe`/`cwd` links and the `fd`/`task` directories.

use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};

use indexmap::IndexMap;

use super::entries::EntryError;
use super::errors::is_gone_errno;
use super::records::{self, missing_status_line};
use super::types::{
    CtxSwitches, Gids, MemoryInfo, ProcessCpuTimes, ProcessIoCounters, ProcessThread, Status, Uids,
};
use crate::error::{Error, Pid, Result};
use crate::parse::pid_status::{self, PidStatus};
use crate::parse::{pid_cmdline, pid_environ, pid_io, pid_stat, pid_statm};
use crate::process::Process;
use crate::sys;
use crate::sys::user_names;

/// The kernel truncates `comm` to 15 bytes (TASK_COMM_LEN - 1).
const COMM_MAX: usize = 15;

impl Process {
    fn status_file(&self) -> Result<PidStatus> {
        self.read_parse("status", pid_status::parse)
    }

    fn missing(&self, what: &str) -> Error {
        missing_status_line(&self.path("status"), what)
    }

    /// Reads the `exe` or `cwd` link with psutil's cleanup: cut at the first NUL; drop a
    /// `" (deleted)"` suffix when the path with the suffix does not exist. `Ok(None)` when
    /// the link is unreadable (ENOENT/ESRCH) on a live process: kernel threads.
    fn link(&self, name: &str) -> Result<Option<PathBuf>> {
        match self.readlink_raw(name) {
            Ok(mut bytes) => {
                if let Some(nul) = bytes.iter().position(|&c| c == 0) {
                    bytes.truncate(nul);
                }
                let suffix: &[u8] = b" (deleted)";
                if bytes.ends_with(suffix) && !Path::new(OsStr::from_bytes(&bytes)).exists() {
                    bytes.truncate(bytes.len() - suffix.len());
                }
                Ok(Some(PathBuf::from(OsString::from_vec(bytes))))
            }
            Err(e) if is_gone_errno(&e) => match self.zombie_check()? {
                Some(_) => Ok(None),
                None => Err(self.no_such_process()),
            },
            Err(e) => Err(self.map_err(e, name)),
        }
    }

    fn exe_from_cmdline(&self) -> Result<PathBuf> {
        use std::os::unix::fs::PermissionsExt;
        let denied = || self.access_denied(Some(self.path("exe")));
        // psutil's guess_it: cmdline()'s own errors (ZombieProcess for a zombie, whose
        // cmdline is empty; NoSuchProcess) propagate.
        let first = self.cmdline()?.into_iter().next().ok_or_else(denied)?;
        let p = PathBuf::from(first);
        let ok = p.is_absolute()
            && std::fs::metadata(&p)
                .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0);
        if ok {
            Ok(p)
        } else {
            Err(denied())
        }
    }
}

/// The parent's pid: field 4 of `/proc/<pid>/stat`. psutil's `ppid()`; like psutil
/// it first checks that the pid was not reused.
pub(crate) fn ppid(p: &Process) -> Result<Pid> {
    p.check_not_reused()?;
    Ok(p.stat()?.ppid)
}

/// The process name. psutil's `name()`: `comm` (field 2 of `/proc/<pid>/stat`); when
/// it is 15 bytes or longer (the kernel's truncation), the base name of the first
/// `cmdline` argument is used instead if it starts with `comm`. Bytes are kept.
pub(crate) fn name(p: &Process) -> Result<OsString> {
    let comm = p.stat()?.comm;
    extend_name(comm, || p.cmdline())
}

/// The status: the state letter, field 3 of `/proc/<pid>/stat`. psutil's `status()`.
pub(crate) fn status(p: &Process) -> Result<Status> {
    Ok(records::stat::status(&p.stat()?))
}

/// Creation time in seconds since the epoch: `starttime` (field 22 of
/// `/proc/<pid>/stat`) / `CLK_TCK` + [`boot_time`](crate::boot_time) (the `btime`
/// line of `/proc/stat`). psutil's `create_time()`.
pub(crate) fn create_time(p: &Process) -> Result<f64> {
    let start = match p.imp.start_ticks {
        Some(t) => t,
        None => p.stat()?.starttime,
    };
    Ok(records::stat::create_time(
        start,
        sys::clock_ticks(),
        p.imp.root.boot_time()?,
    ))
}

/// CPU times from fields 14-17 and 42 of `/proc/<pid>/stat`. psutil's `cpu_times()`.
pub(crate) fn cpu_times(p: &Process) -> Result<ProcessCpuTimes> {
    Ok(ProcessCpuTimes::from_stat(&p.stat()?, sys::clock_ticks()))
}

/// The CPU the process last ran on: field 39 of `/proc/<pid>/stat`. psutil's
/// `cpu_num()`.
pub(crate) fn cpu_num(p: &Process) -> Result<u32> {
    records::stat::cpu_num(&p.stat()?)
}

/// The controlling terminal's path, or `None`. psutil's `terminal()`: `tty_nr`
/// (field 7 of `/proc/<pid>/stat`) looked up among the device numbers of the
/// root's `/dev/tty*` and `/dev/pts/*`.
pub(crate) fn terminal(p: &Process) -> Result<Option<PathBuf>> {
    let tty = p.stat()?.tty_nr;
    if tty == 0 {
        return Ok(None);
    }
    Ok(sys::process::calls::tty_map(p.imp.root.devfs()).remove(&tty))
}

/// The number of threads: field 20 of `/proc/<pid>/stat` (the same number as the
/// `Threads:` line of `status`, which psutil reads). psutil's `num_threads()`.
pub(crate) fn num_threads(p: &Process) -> Result<u64> {
    Ok(records::stat::num_threads(&p.stat()?))
}

/// The nice value (-20..19): `getpriority(PRIO_PROCESS, pid)`, as psutil's `nice()`
/// getter (one syscall; like psutil's, it names whatever process holds the pid).
/// Inside [`oneshot`](Process::oneshot), or when the root is not the host's, field 19
/// of `/proc/<pid>/stat` (the same value, read with the other stat fields).
pub(crate) fn nice(p: &Process) -> Result<i32> {
    if p.imp.root.is_host() && !p.in_oneshot() {
        return sys::process::calls::get_nice(p.pid).map_err(|e| p.sys_err(e, "getpriority"));
    }
    records::stat::nice(&p.stat()?)
}

/// Real, effective and saved uid: `Uid:` of `/proc/<pid>/status`. psutil's `uids()`.
pub(crate) fn uids(p: &Process) -> Result<Uids> {
    let ids = p.status_file()?.uids;
    ids.map(Uids::from).ok_or_else(|| p.missing("Uid"))
}

/// Real, effective and saved gid: `Gid:` of `/proc/<pid>/status`. psutil's `gids()`.
pub(crate) fn gids(p: &Process) -> Result<Gids> {
    let ids = p.status_file()?.gids;
    ids.map(Gids::from).ok_or_else(|| p.missing("Gid"))
}

/// Voluntary and involuntary context switches: the `*ctxt_switches` lines of
/// `/proc/<pid>/status` (since Linux 2.6.23; [`Error::Unsupported`] before).
/// psutil's `num_ctx_switches()`.
pub(crate) fn num_ctx_switches(p: &Process) -> Result<CtxSwitches> {
    CtxSwitches::from_status(&p.status_file()?)
}

/// The name of the real user: the real uid of [`uids`](Process::uids), or the uid as
/// a string when it has no name. psutil's `username()`.
///
/// On the host's root the name comes from the C library's name service switch
/// (`getpwuid_r(3)`, what psutil's `pwd.getpwuid` calls), so accounts that are not
/// in `/etc/passwd` (LDAP, SSSD, systemd's DynamicUser and userdb) have their names.
/// Under another root ([`Root::under`](crate::Root::under), or
/// [`set_procfs_path`](crate::set_procfs_path) on a `/proc` other than the host's)
/// the root's own `etc/passwd` is read instead: the host's NSS does not know that
/// system's users. A name that is not UTF-8 is decoded lossily.
pub(crate) fn username(p: &Process) -> Result<String> {
    let uid = uids(p)?.real;
    user_names::user_name(&p.imp.root, uid)
}

/// Memory from `/proc/<pid>/statm`, pages × `sysconf(_SC_PAGESIZE)`. psutil's
/// `memory_info()`.
pub(crate) fn memory_info(p: &Process) -> Result<MemoryInfo> {
    Ok(MemoryInfo::from_statm(
        p.read_parse("statm", pid_statm::parse)?,
    ))
}

/// The command line from `/proc/<pid>/cmdline`, with psutil's splitting rules (see
/// [`pid_cmdline::parse`]). Empty for kernel threads; a zombie gives
/// [`Error::ZombieProcess`]. Bytes are kept. psutil's `cmdline()`.
pub(crate) fn cmdline(p: &Process) -> Result<Vec<OsString>> {
    let data = p.read("cmdline")?;
    if data.is_empty() {
        p.zombie_check()?;
        return Ok(Vec::new());
    }
    pid_cmdline::parse(&data)
}

/// The initial environment from `/proc/<pid>/environ` (see [`pid_environ::parse`]).
/// Other users' processes give [`Error::AccessDenied`]. Unlike psutil, a live
/// kernel thread, whose `environ` fails with ESRCH on recent kernels, gives an
/// empty map instead of NoSuchProcess. psutil's `environ()`: the variables in the
/// order of the file, as psutil's dict has them.
pub(crate) fn environ(p: &Process) -> Result<IndexMap<OsString, OsString>> {
    let dir = match p.dir() {
        Ok(d) => d,
        Err(e) => return Err(p.map_err(e, "environ")),
    };
    match sys::process::calls::read_at(dir.as_fd(), "environ") {
        Ok(data) => pid_environ::parse(&data),
        Err(e) if e.raw_os_error() == Some(libc::ESRCH) => match p.zombie_check()? {
            Some(_) => Ok(IndexMap::new()),
            None => Err(p.no_such_process()),
        },
        Err(e) => Err(p.map_err(e, "environ")),
    }
}

/// The executable: the `/proc/<pid>/exe` link (cut at a NUL, `" (deleted)"` dropped
/// when that path does not exist), empty for kernel threads. When the link is
/// AccessDenied, the first `cmdline` argument is used if it is an absolute path to
/// an executable file, as psutil does; as there, an error of that `cmdline` read is
/// the answer (another user's zombie, whose link is EACCES and whose cmdline is
/// empty, gives [`Error::ZombieProcess`]). Cached after the first success. psutil's
/// `exe()`.
pub(crate) fn exe(p: &Process) -> Result<PathBuf> {
    if let Some(exe) = p.state().exe.clone() {
        return Ok(exe);
    }
    let exe = match p.link("exe") {
        Ok(p) => p.unwrap_or_default(),
        Err(Error::AccessDenied { .. }) => p.exe_from_cmdline()?,
        Err(e) => return Err(e),
    };
    p.state().exe = Some(exe.clone());
    Ok(exe)
}

/// The working directory: the `/proc/<pid>/cwd` link, same cleanup as
/// [`exe`](Process::exe); empty when unreadable on a live process. psutil's `cwd()`.
pub(crate) fn cwd(p: &Process) -> Result<PathBuf> {
    Ok(p.link("cwd")?.unwrap_or_default())
}

/// I/O counters from `/proc/<pid>/io` (AccessDenied for other users' processes
/// unless privileged). psutil's `io_counters()`.
pub(crate) fn io_counters(p: &Process) -> Result<ProcessIoCounters> {
    Ok(p.read_parse("io", pid_io::parse)?.into())
}

/// The number of open file descriptors: the entries of `/proc/<pid>/fd`. psutil's
/// `num_fds()`.
pub(crate) fn num_fds(p: &Process) -> Result<usize> {
    p.count_entries("fd")
}

/// The threads, from `/proc/<pid>/task/<tid>/stat` (fields 14 and 15 / `CLK_TCK`),
/// in psutil's order (tids sorted as strings). A thread that exits meanwhile is
/// skipped. psutil's `threads()`.
pub(crate) fn threads(p: &Process) -> Result<Vec<ProcessThread>> {
    let mut tids = p.list("task")?;
    tids.sort();
    let ids = tids.iter().filter_map(|t| t.to_str()?.parse::<u32>().ok());
    let hz = sys::clock_ticks();
    p.read_entries("task", ids, |dir, id| {
        let name = format!("task/{id}/stat");
        let data = sys::process::calls::read_at(dir, &name)
            .map_err(|e| EntryError::Io(e, name.clone()))?;
        let st = pid_stat::parse(&data).map_err(|e| e.at_path(&p.path(&name)))?;
        Ok(Some(ProcessThread::from_stat(id, &st, hz)))
    })
}

/// psutil's name rule: the kernel's comm, or — when comm is cut at 15 bytes — the
/// basename of `argv[0]` if it starts with comm. A command line refused (AccessDenied)
/// or gone (zombie) keeps comm; other errors propagate. Shared by [`Process::name`] and
/// the process table.
pub(crate) fn extend_name(
    comm: Vec<u8>,
    cmdline: impl FnOnce() -> Result<Vec<OsString>>,
) -> Result<OsString> {
    if comm.len() >= COMM_MAX {
        match cmdline() {
            Ok(args) => {
                if let Some(first) = args.first() {
                    let base = Path::new(first)
                        .file_name()
                        .map(|b| b.as_bytes())
                        .unwrap_or_default();
                    if base.starts_with(&comm) {
                        return Ok(OsString::from_vec(base.to_vec()));
                    }
                }
            }
            Err(Error::AccessDenied { .. }) | Err(Error::ZombieProcess { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(OsString::from_vec(comm))
}
