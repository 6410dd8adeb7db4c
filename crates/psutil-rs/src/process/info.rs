//! Read-only process information: `/proc/<pid>/{stat,status,statm,cmdline,environ,io}`,
//! the `exe`/`cwd` links and the `fd`/`task` directories.

use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};

use indexmap::IndexMap;

use super::entries::EntryError;
use super::errors::is_gone_errno;
use super::handle::Process;
use super::records::{self, missing_status_line};
use super::types::{
    CtxSwitches, Gids, MemoryInfo, ProcessCpuTimes, ProcessIoCounters, ProcessThread, Status, Uids,
};
use crate::error::{Error, Pid, Result};
use crate::parse::pid_status::{self, PidStatus};
use crate::parse::{pid_cmdline, pid_environ, pid_io, pid_stat, pid_statm};
use crate::sys;
use crate::user_names;

/// The kernel truncates `comm` to 15 bytes (TASK_COMM_LEN - 1).
const COMM_MAX: usize = 15;

impl Process {
    fn status_file(&self) -> Result<PidStatus> {
        self.read_parse("status", pid_status::parse)
    }

    fn missing(&self, what: &str) -> Error {
        missing_status_line(&self.path("status"), what)
    }

    /// The parent's pid: field 4 of `/proc/<pid>/stat`. psutil's `ppid()`; like psutil
    /// it first checks that the pid was not reused.
    pub fn ppid(&self) -> Result<Pid> {
        self.check_not_reused()?;
        Ok(self.stat()?.ppid)
    }

    /// The process name. psutil's `name()`: `comm` (field 2 of `/proc/<pid>/stat`); when
    /// it is 15 bytes or longer (the kernel's truncation), the base name of the first
    /// `cmdline` argument is used instead if it starts with `comm`. Bytes are kept.
    pub fn name(&self) -> Result<OsString> {
        let comm = self.stat()?.comm;
        extend_name(comm, || self.cmdline())
    }

    /// The status: the state letter, field 3 of `/proc/<pid>/stat`. psutil's `status()`.
    pub fn status(&self) -> Result<Status> {
        Ok(records::stat::status(&self.stat()?))
    }

    /// Creation time in seconds since the epoch: `starttime` (field 22 of
    /// `/proc/<pid>/stat`) / `CLK_TCK` + [`boot_time`](crate::boot_time) (the `btime`
    /// line of `/proc/stat`). psutil's `create_time()`.
    pub fn create_time(&self) -> Result<f64> {
        let start = match self.start_ticks {
            Some(t) => t,
            None => self.stat()?.starttime,
        };
        Ok(records::stat::create_time(
            start,
            sys::clock_ticks(),
            self.root.boot_time()?,
        ))
    }

    /// CPU times from fields 14-17 and 42 of `/proc/<pid>/stat`. psutil's `cpu_times()`.
    pub fn cpu_times(&self) -> Result<ProcessCpuTimes> {
        Ok(ProcessCpuTimes::from_stat(
            &self.stat()?,
            sys::clock_ticks(),
        ))
    }

    /// The CPU the process last ran on: field 39 of `/proc/<pid>/stat`. psutil's
    /// `cpu_num()`.
    pub fn cpu_num(&self) -> Result<u32> {
        records::stat::cpu_num(&self.stat()?)
    }

    /// The controlling terminal's path, or `None`. psutil's `terminal()`: `tty_nr`
    /// (field 7 of `/proc/<pid>/stat`) looked up among the device numbers of the
    /// root's `/dev/tty*` and `/dev/pts/*`.
    pub fn terminal(&self) -> Result<Option<PathBuf>> {
        let tty = self.stat()?.tty_nr;
        if tty == 0 {
            return Ok(None);
        }
        Ok(sys::process::tty_map(self.root.devfs()).remove(&tty))
    }

    /// The number of threads: field 20 of `/proc/<pid>/stat` (the same number as the
    /// `Threads:` line of `status`, which psutil reads). psutil's `num_threads()`.
    pub fn num_threads(&self) -> Result<u64> {
        Ok(records::stat::num_threads(&self.stat()?))
    }

    /// The nice value (-20..19): `getpriority(PRIO_PROCESS, pid)`, as psutil's `nice()`
    /// getter (one syscall; like psutil's, it names whatever process holds the pid).
    /// Inside [`oneshot`](Process::oneshot), or when the root is not the host's, field 19
    /// of `/proc/<pid>/stat` (the same value, read with the other stat fields).
    pub fn nice(&self) -> Result<i32> {
        if self.root.is_host() && !self.in_oneshot() {
            return sys::process::get_nice(self.pid).map_err(|e| self.sys_err(e, "getpriority"));
        }
        records::stat::nice(&self.stat()?)
    }

    /// Real, effective and saved uid: `Uid:` of `/proc/<pid>/status`. psutil's `uids()`.
    pub fn uids(&self) -> Result<Uids> {
        let ids = self.status_file()?.uids;
        ids.map(Uids::from).ok_or_else(|| self.missing("Uid"))
    }

    /// Real, effective and saved gid: `Gid:` of `/proc/<pid>/status`. psutil's `gids()`.
    pub fn gids(&self) -> Result<Gids> {
        let ids = self.status_file()?.gids;
        ids.map(Gids::from).ok_or_else(|| self.missing("Gid"))
    }

    /// Voluntary and involuntary context switches: the `*ctxt_switches` lines of
    /// `/proc/<pid>/status` (since Linux 2.6.23; [`Error::Unsupported`] before).
    /// psutil's `num_ctx_switches()`.
    pub fn num_ctx_switches(&self) -> Result<CtxSwitches> {
        CtxSwitches::from_status(&self.status_file()?)
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
    pub fn username(&self) -> Result<String> {
        let uid = self.uids()?.real;
        user_names::user_name(&self.root, uid)
    }

    /// Memory from `/proc/<pid>/statm`, pages × `sysconf(_SC_PAGESIZE)`. psutil's
    /// `memory_info()`.
    pub fn memory_info(&self) -> Result<MemoryInfo> {
        Ok(MemoryInfo::from_statm(
            self.read_parse("statm", pid_statm::parse)?,
        ))
    }

    /// The command line from `/proc/<pid>/cmdline`, with psutil's splitting rules (see
    /// [`pid_cmdline::parse`]). Empty for kernel threads; a zombie gives
    /// [`Error::ZombieProcess`]. Bytes are kept. psutil's `cmdline()`.
    pub fn cmdline(&self) -> Result<Vec<OsString>> {
        let data = self.read("cmdline")?;
        if data.is_empty() {
            self.zombie_check()?;
            return Ok(Vec::new());
        }
        pid_cmdline::parse(&data)
    }

    /// The initial environment from `/proc/<pid>/environ` (see [`pid_environ::parse`]).
    /// Other users' processes give [`Error::AccessDenied`]. Unlike psutil, a live
    /// kernel thread, whose `environ` fails with ESRCH on recent kernels, gives an
    /// empty map instead of NoSuchProcess. psutil's `environ()`: the variables in the
    /// order of the file, as psutil's dict has them.
    pub fn environ(&self) -> Result<IndexMap<OsString, OsString>> {
        let dir = match self.dir() {
            Ok(d) => d,
            Err(e) => return Err(self.map_err(e, "environ")),
        };
        match sys::process::read_at(dir.as_fd(), "environ") {
            Ok(data) => pid_environ::parse(&data),
            Err(e) if e.raw_os_error() == Some(libc::ESRCH) => match self.zombie_check()? {
                Some(_) => Ok(IndexMap::new()),
                None => Err(self.no_such_process()),
            },
            Err(e) => Err(self.map_err(e, "environ")),
        }
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

    /// The executable: the `/proc/<pid>/exe` link (cut at a NUL, `" (deleted)"` dropped
    /// when that path does not exist), empty for kernel threads. When the link is
    /// AccessDenied, the first `cmdline` argument is used if it is an absolute path to
    /// an executable file, as psutil does; as there, an error of that `cmdline` read is
    /// the answer (another user's zombie, whose link is EACCES and whose cmdline is
    /// empty, gives [`Error::ZombieProcess`]). Cached after the first success. psutil's
    /// `exe()`.
    pub fn exe(&self) -> Result<PathBuf> {
        if let Some(exe) = self.state().exe.clone() {
            return Ok(exe);
        }
        let exe = match self.link("exe") {
            Ok(p) => p.unwrap_or_default(),
            Err(Error::AccessDenied { .. }) => self.exe_from_cmdline()?,
            Err(e) => return Err(e),
        };
        self.state().exe = Some(exe.clone());
        Ok(exe)
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

    /// The working directory: the `/proc/<pid>/cwd` link, same cleanup as
    /// [`exe`](Process::exe); empty when unreadable on a live process. psutil's `cwd()`.
    pub fn cwd(&self) -> Result<PathBuf> {
        Ok(self.link("cwd")?.unwrap_or_default())
    }

    /// I/O counters from `/proc/<pid>/io` (AccessDenied for other users' processes
    /// unless privileged). psutil's `io_counters()`.
    pub fn io_counters(&self) -> Result<ProcessIoCounters> {
        Ok(self.read_parse("io", pid_io::parse)?.into())
    }

    /// The number of open file descriptors: the entries of `/proc/<pid>/fd`. psutil's
    /// `num_fds()`.
    pub fn num_fds(&self) -> Result<usize> {
        self.count_entries("fd")
    }

    /// The threads, from `/proc/<pid>/task/<tid>/stat` (fields 14 and 15 / `CLK_TCK`),
    /// in psutil's order (tids sorted as strings). A thread that exits meanwhile is
    /// skipped. psutil's `threads()`.
    pub fn threads(&self) -> Result<Vec<ProcessThread>> {
        let mut tids = self.list("task")?;
        tids.sort();
        let ids = tids.iter().filter_map(|t| t.to_str()?.parse::<u32>().ok());
        let hz = sys::clock_ticks();
        self.read_entries("task", ids, |dir, id| {
            let name = format!("task/{id}/stat");
            let data =
                sys::process::read_at(dir, &name).map_err(|e| EntryError::Io(e, name.clone()))?;
            let st = pid_stat::parse(&data).map_err(|e| e.at_path(&self.path(&name)))?;
            Ok(Some(ProcessThread::from_stat(id, &st, hz)))
        })
    }

    /// CPU utilization as a percentage, psutil's `cpu_percent(interval)`: the user +
    /// system time of [`cpu_times`](Process::cpu_times) consumed per wall-clock second
    /// (monotonic clock) × 100, rounded to one decimal. It can exceed 100 for a process
    /// running on several CPUs (like `top`). With `Some(interval)` it measures over that
    /// interval, blocking; with `None` it compares with the previous call on this
    /// handle, and the first such call returns 0.0. Both update the baseline.
    pub fn cpu_percent(&self, interval: Option<std::time::Duration>) -> Result<f64> {
        use std::time::Instant;
        let busy = |t: &ProcessCpuTimes| t.user + t.system;
        let (t1, c1) = match interval.filter(|d| !d.is_zero()) {
            Some(d) => {
                let start = (Instant::now(), busy(&self.cpu_times()?));
                std::thread::sleep(d);
                Some(start)
            }
            None => self.state().last_cpu,
        }
        .map_or((None, 0.0), |(t, c)| (Some(t), c));
        let c2 = busy(&self.cpu_times()?);
        let t2 = Instant::now();
        self.state().last_cpu = Some((t2, c2));
        let Some(t1) = t1 else {
            return Ok(0.0);
        };
        let wall = t2.duration_since(t1).as_secs_f64();
        if wall <= 0.0 {
            return Ok(0.0);
        }
        Ok(crate::percent::round_to(
            (c2 - c1).max(0.0) / wall * 100.0,
            1,
        ))
    }
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
