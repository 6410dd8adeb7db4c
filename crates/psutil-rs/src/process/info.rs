//! The `Process` methods psutil has on every platform that read information: each
//! delegates to the backend's function of the same name (`sys::process::name`, ...);
//! the docs say what Linux reads. `cpu_percent` is computed here from
//! [`cpu_times`](Process::cpu_times).

use std::ffi::OsString;
use std::path::PathBuf;

use indexmap::IndexMap;

use super::handle::Process;
use super::types::{CtxSwitches, ProcessConnection, ProcessThread, Status};
use super::{MemoryFullInfo, MemoryInfo, OpenFile, ProcessCpuTimes};
use crate::error::{Pid, Result};
use crate::net::kind::ConnectionKind;
use crate::sys;

impl Process {
    /// The parent's pid: field 4 of `/proc/<pid>/stat`. psutil's `ppid()`; like psutil
    /// it first checks that the pid was not reused.
    ///
    /// Windows: the parent id of the process's `SystemProcessInformation` record.
    pub fn ppid(&self) -> Result<Pid> {
        sys::process::ppid(self)
    }

    /// The process name. psutil's `name()`: `comm` (field 2 of `/proc/<pid>/stat`); when
    /// it is 15 bytes or longer (the kernel's truncation), the base name of the first
    /// `cmdline` argument is used instead if it starts with `comm`. Bytes are kept.
    ///
    /// Windows: the file name of [`exe`](Process::exe) (the snapshot's image name when that is
    /// denied); `System Idle Process` for pid 0, `System` for pid 4.
    pub fn name(&self) -> Result<OsString> {
        sys::process::name(self)
    }

    /// The status: the state letter, field 3 of `/proc/<pid>/stat`. psutil's `status()`.
    ///
    /// Windows: `stopped` when every thread is suspended, else `running` (always `running`
    /// under Wine, whose thread states are 0).
    pub fn status(&self) -> Result<Status> {
        sys::process::status(self)
    }

    /// Creation time in seconds since the epoch: `starttime` (field 22 of
    /// `/proc/<pid>/stat`) / `CLK_TCK` + [`boot_time`](crate::boot_time) (the `btime`
    /// line of `/proc/stat`). psutil's `create_time()`.
    ///
    /// Windows: the creation time of `GetProcessTimes` (the snapshot's when denied); the boot
    /// time for pids 0 and 4.
    pub fn create_time(&self) -> Result<f64> {
        sys::process::create_time(self)
    }

    /// CPU times from fields 14-17 and 42 of `/proc/<pid>/stat`. psutil's `cpu_times()`.
    ///
    /// Windows: `GetProcessTimes` (the `SystemProcessInformation` times when denied, or when
    /// they read 0 for another process, as under Wine); the children's times are 0.
    pub fn cpu_times(&self) -> Result<ProcessCpuTimes> {
        sys::process::cpu_times(self)
    }

    /// The number of threads: field 20 of `/proc/<pid>/stat` (the same number as the
    /// `Threads:` line of `status`, which psutil reads). psutil's `num_threads()`.
    ///
    /// Windows: `NumberOfThreads` of the `SystemProcessInformation` record.
    pub fn num_threads(&self) -> Result<u64> {
        sys::process::num_threads(self)
    }

    /// The nice value (-20..19): `getpriority(PRIO_PROCESS, pid)`, as psutil's `nice()`
    /// getter (one syscall; like psutil's, it names whatever process holds the pid).
    /// Inside [`oneshot`](Process::oneshot), or when the root is not the host's, field 19
    /// of `/proc/<pid>/stat` (the same value, read with the other stat fields).
    ///
    /// Windows: the priority class (`GetPriorityClass`), one of the `*_PRIORITY_CLASS` values
    /// of `os::windows`.
    pub fn nice(&self) -> Result<i32> {
        sys::process::nice(self)
    }

    /// Voluntary and involuntary context switches: the `*ctxt_switches` lines of
    /// `/proc/<pid>/status` (since Linux 2.6.23; [`Error::Unsupported`](crate::Error::Unsupported) before).
    /// psutil's `num_ctx_switches()`.
    ///
    /// Windows: the threads' `ContextSwitches` summed as `voluntary`, `involuntary` 0.
    pub fn num_ctx_switches(&self) -> Result<CtxSwitches> {
        sys::process::num_ctx_switches(self)
    }

    /// The name of the real user: the real uid of `uids` (`os::unix::ProcessExt`), or the uid as
    /// a string when it has no name. psutil's `username()`.
    ///
    /// On the host's root the name comes from the C library's name service switch
    /// (`getpwuid_r(3)`, what psutil's `pwd.getpwuid` calls), so accounts that are not
    /// in `/etc/passwd` (LDAP, SSSD, systemd's DynamicUser and userdb) have their names.
    /// Under another root (`Root::under`, or
    /// `set_procfs_path` on a `/proc` other than the host's)
    /// the root's own `etc/passwd` is read instead: the host's NSS does not know that
    /// system's users. A name that is not UTF-8 is decoded lossily.
    ///
    /// Windows: `DOMAIN\user` of the process token (`LookupAccountSidW`); `NT
    /// AUTHORITY\\SYSTEM` for pids 0 and 4.
    pub fn username(&self) -> Result<String> {
        sys::process::username(self)
    }

    /// Memory from `/proc/<pid>/statm`, pages × `sysconf(_SC_PAGESIZE)`. psutil's
    /// `memory_info()`.
    ///
    /// Windows: `GetProcessMemoryInfo(PROCESS_MEMORY_COUNTERS_EX)` (the snapshot's counters
    /// when denied).
    pub fn memory_info(&self) -> Result<MemoryInfo> {
        sys::process::memory_info(self)
    }

    /// The command line from `/proc/<pid>/cmdline`, with psutil's splitting rules (see
    /// [`pid_cmdline::parse`](crate::parse::pid_cmdline::parse)). Empty for kernel threads; a zombie gives
    /// [`Error::ZombieProcess`](crate::Error::ZombieProcess). Bytes are kept. psutil's `cmdline()`.
    ///
    /// Windows: the PEB's command line, split as `CommandLineToArgvW` splits it; empty for pids
    /// 0 and 4.
    pub fn cmdline(&self) -> Result<Vec<OsString>> {
        sys::process::cmdline(self)
    }

    /// The initial environment from `/proc/<pid>/environ` (see [`pid_environ::parse`](crate::parse::pid_environ::parse)).
    /// Other users' processes give [`Error::AccessDenied`](crate::Error::AccessDenied). Unlike psutil, a live
    /// kernel thread, whose `environ` fails with ESRCH on recent kernels, gives an
    /// empty map instead of NoSuchProcess. psutil's `environ()`: the variables in the
    /// order of the file, as psutil's dict has them.
    ///
    /// Windows: the PEB's environment block, names upper-cased; empty for pids 0 and 4.
    pub fn environ(&self) -> Result<IndexMap<OsString, OsString>> {
        sys::process::environ(self)
    }

    /// The executable: the `/proc/<pid>/exe` link (cut at a NUL, `" (deleted)"` dropped
    /// when that path does not exist), empty for kernel threads. When the link is
    /// AccessDenied, the first `cmdline` argument is used if it is an absolute path to
    /// an executable file, as psutil does; as there, an error of that `cmdline` read is
    /// the answer (another user's zombie, whose link is EACCES and whose cmdline is
    /// empty, gives [`Error::ZombieProcess`](crate::Error::ZombieProcess)). Cached after the first success. psutil's
    /// `exe()`.
    ///
    /// Windows: `QueryFullProcessImageNameW`, then
    /// `NtQuerySystemInformation(SystemProcessIdInformation)` when denied; AccessDenied for pid
    /// 0, empty for pid 4. Cached.
    pub fn exe(&self) -> Result<PathBuf> {
        sys::process::exe(self)
    }

    /// The working directory: the `/proc/<pid>/cwd` link, same cleanup as
    /// [`exe`](Process::exe); empty when unreadable on a live process. psutil's `cwd()`.
    ///
    /// Windows: the PEB's current directory, without its trailing backslash; AccessDenied for
    /// pids 0 and 4.
    pub fn cwd(&self) -> Result<PathBuf> {
        sys::process::cwd(self)
    }

    /// The threads, from `/proc/<pid>/task/<tid>/stat` (fields 14 and 15 / `CLK_TCK`),
    /// in psutil's order (tids sorted as strings). A thread that exits meanwhile is
    /// skipped. psutil's `threads()`.
    ///
    /// Windows: the ids and times of the threads of the `SystemProcessInformation` record.
    pub fn threads(&self) -> Result<Vec<ProcessThread>> {
        sys::process::threads(self)
    }

    /// [`memory_info`](Process::memory_info) plus USS, PSS and swap, summed from
    /// `/proc/<pid>/smaps_rollup` (since Linux 4.14), falling back to the slower
    /// `/proc/<pid>/smaps` when the rollup is missing or fails with ESRCH (zombies: all
    /// zeros then, as in psutil), as psutil's `memory_full_info()`.
    ///
    /// Windows: plus USS, the private pages of
    /// `NtQueryVirtualMemory(MemoryWorkingSetInformation)` (a `QueryWorkingSetEx` walk for the
    /// calling process when that class fails, as under Wine).
    pub fn memory_full_info(&self) -> Result<MemoryFullInfo> {
        sys::process::memory_full_info(self)
    }

    /// This process's share of physical memory, in percent (not rounded):
    /// `memtype` (a field of [`MemoryFullInfo`]: "rss", "vms", ..., "uss", "pss",
    /// "swap") / `MemTotal` of `/proc/meminfo` × 100. psutil's `memory_percent()`.
    ///
    /// Windows: `memtype` is a field of Windows' `MemoryFullInfo`, over the total physical
    /// memory.
    pub fn memory_percent(&self, memtype: &str) -> Result<f64> {
        sys::process::memory_percent(self, memtype)
    }

    /// The regular files the process has open, by descriptor number: each
    /// `/proc/<pid>/fd/<fd>` link whose target is an absolute path to a regular file
    /// (`stat(2)`), with `pos` and `flags` from `/proc/<pid>/fdinfo/<fd>`. Sockets, pipes,
    /// devices and descriptors closed meanwhile are skipped. psutil's `open_files()`.
    ///
    /// Windows: best-effort, psutil 7.2.2's route (`SystemExtendedHandleInformation`,
    /// `DuplicateHandle`, `NtQueryObject`); `fd` is -1.
    pub fn open_files(&self) -> Result<Vec<OpenFile>> {
        sys::process::open_files(self)
    }

    /// The sockets this process holds, psutil's `Process.net_connections(kind)`: the
    /// socket inodes of the `/proc/<pid>/fd` links matched against the socket tables of
    /// [`net_connections`](crate::net_connections) (netlink `sock_diag` on the host,
    /// `/proc/net/*` otherwise) for `kind`. Then, as psutil does, a liveness check:
    /// [`Error::NoSuchProcess`](crate::Error::NoSuchProcess) if the process went away meanwhile (through the
    /// `/proc/<pid>` handle, so a reused pid is never reported). Another user's process
    /// gives [`Error::AccessDenied`](crate::Error::AccessDenied); a zombie has no descriptors, hence no sockets.
    ///
    /// Windows: the rows of the owner-pid TCP and UDP tables (`GetExtendedTcpTable` /
    /// `GetExtendedUdpTable`) with this pid; `fd` is -1.
    pub fn net_connections(&self, kind: ConnectionKind) -> Result<Vec<ProcessConnection>> {
        sys::process::net_connections(self, kind)
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
