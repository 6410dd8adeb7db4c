//! macOS and FreeBSD: the POSIX process attributes (`uids`, the terminal) come from
//! `os::unix`, FreeBSD's extras (`io_counters`, `cpu_num`, `cpu_affinity`,
//! `memory_maps`, temperatures) from `os::freebsd`; Linux's `stat` fields, I/O classes
//! and delay accounting do not exist there, so those reads are unsupported. The types
//! below stand in for the Linux ones so that the shared tool code compiles; no value of
//! them is ever made on these platforms.

use std::path::{Path, PathBuf};

#[cfg(target_os = "freebsd")]
use psutil_rs::os::freebsd::ProcessExt as _;
use psutil_rs::os::unix::ProcessExt as _;
use psutil_rs::{
    Attr, Error, Pid, Process, ProcessCpuTimes, ProcessInfo, Value as V, VirtualMemory,
};
use serde_json::Value;

use crate::out::CmdError;

pub use psutil_rs::ProcessIoCounters as IoCounters;

pub use super::stand_in::{container_overview, Delays, IoClass, IoNice, StatExt};
use super::stand_in::{linux_only, to};

/// The table attribute of the real uid.
pub const UIDS_ATTR: Option<Attr> = Some(Attr::Uids);
/// The table attribute of the controlling terminal.
pub const TERMINAL_ATTR: Option<Attr> = Some(Attr::Terminal);

/// The real uid.
pub fn uid(p: &Process) -> Option<u32> {
    p.uids().ok().map(|u| u.real)
}

/// The real uid of a table record.
pub fn record_uid(info: &ProcessInfo) -> Option<u32> {
    match info.get(Attr::Uids) {
        Some(Ok(V::Uids(u))) => Some(u.real),
        _ => None,
    }
}

/// The controlling terminal.
pub fn terminal(p: &Process) -> Result<Option<PathBuf>, Error> {
    p.terminal()
}

/// Linux only.
pub fn stat_ext(_p: &Process) -> Result<StatExt, Error> {
    Err(linux_only("stat_ext"))
}

/// Linux only.
pub fn locked_memory(_p: &Process) -> Result<u64, Error> {
    Err(linux_only("locked_memory"))
}

/// Linux's I/O classes do not exist here (psutil has no `ionice` on macOS or FreeBSD).
pub fn ionice(_p: &Process) -> Result<IoNice, Error> {
    Err(linux_only("ionice classes"))
}

/// FreeBSD's `ki_rusage` block counts.
#[cfg(target_os = "freebsd")]
pub fn io_counters(p: &Process) -> Result<IoCounters, Error> {
    p.io_counters()
}

/// psutil has no per-process I/O counters on macOS.
#[cfg(target_os = "macos")]
pub fn io_counters(_p: &Process) -> Result<IoCounters, Error> {
    Err(Error::Unsupported {
        what: "io_counters (not on macOS)".into(),
    })
}

/// Linux only.
pub fn delays(_p: &Process) -> Result<Delays, Error> {
    Err(linux_only("delay accounting"))
}

/// No per-process I/O wait time here.
pub fn iowait(_t: &ProcessCpuTimes) -> f64 {
    0.0
}

/// free(1)'s shared, buffers and cache columns: FreeBSD's `vm.stats` values.
#[cfg(target_os = "freebsd")]
pub fn shared_buffers_cached(vm: &VirtualMemory) -> Option<(u64, u64, u64)> {
    Some((vm.shared, vm.buffers, vm.cached))
}

/// free(1)'s shared, buffers and cache columns: psutil has none on macOS.
#[cfg(target_os = "macos")]
pub fn shared_buffers_cached(_vm: &VirtualMemory) -> Option<(u64, u64, u64)> {
    None
}

/// `--root` points the Linux /proc reader elsewhere; there is none here.
pub fn set_root(_dir: &Path) -> Result<(), CmdError> {
    Err("--root: reading another /proc is Linux only".into())
}

/// The client address of a session; empty for a local one (psutil's `None`).
#[cfg(target_os = "freebsd")]
pub fn user_host(u: &psutil_rs::User) -> String {
    u.host
        .as_ref()
        .map(|h| h.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The client address of a session (`localhost` for a local one, as psutil).
#[cfg(target_os = "macos")]
pub fn user_host(u: &psutil_rs::User) -> String {
    u.host.to_string_lossy().into_owned()
}

/// utmp files are Linux's (macOS and FreeBSD keep utmpx behind getutxent).
pub fn users_from_file(_f: &Path) -> Result<Vec<psutil_rs::User>, CmdError> {
    Err("who FILE: utmp files are Linux only".into())
}

/// psutil has no temperatures or fans on macOS (FreeBSD's temperatures are
/// `os::freebsd::sensors_temperatures`; the sensors subcommand is Linux's).
pub fn sensors() -> Result<Option<(Value, Value, Vec<String>)>, CmdError> {
    Ok(None)
}

/// The bytes read and written of a process's I/O counters (FreeBSD's are signed, -1 for
/// unknown: none then).
#[cfg(target_os = "freebsd")]
pub fn io_bytes(c: &IoCounters) -> (u64, u64) {
    let n = |v: i64| u64::try_from(v).unwrap_or(0);
    (n(c.read_bytes), n(c.write_bytes))
}

/// No I/O counters on macOS: no value of the type exists.
#[cfg(target_os = "macos")]
pub fn io_bytes(c: &IoCounters) -> (u64, u64) {
    match *c {}
}

/// The attributes `psutil info` shows beyond the common ones, by psutil's name, at the
/// place psutil's `as_dict` puts them; `None` for a name this platform does not have.
pub fn attr(p: &Process, name: &str) -> Option<Result<Value, Error>> {
    Some(match name {
        "uids" => to(p.uids()),
        "gids" => to(p.gids()),
        "terminal" => to(p
            .terminal()
            .map(|t| t.map(|t| t.to_string_lossy().into_owned()))),
        "num_fds" => to(p.num_fds()),
        #[cfg(target_os = "freebsd")]
        "cpu_num" => to(p.cpu_num()),
        #[cfg(target_os = "freebsd")]
        "memory_maps" => to(p.memory_maps()),
        #[cfg(target_os = "freebsd")]
        "cpu_affinity" => to(p.cpu_affinity()),
        #[cfg(target_os = "freebsd")]
        "io_counters" => to(p.io_counters()),
        _ => return None,
    })
}

/// The signals that end a live view politely.
pub const STOP_SIGNALS: &[i32] = &[
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
];

/// free -v's `Comm:` line: Linux's commit accounting, none here.
pub fn commit_limit_and_committed() -> Option<(u64, u64)> {
    None
}

/// ps's PSR: read on Linux only here.
pub fn cpu_num(_p: &Process) -> Result<u32, Error> {
    Err(linux_only("cpu_num"))
}

/// ps's WCHAN: Linux's `/proc/<pid>/wchan`, none here.
pub fn wchan(_pid: psutil_rs::Pid) -> Result<String, Error> {
    Err(linux_only("wchan"))
}

/// Linux only (a record's `stat` fields).
pub fn record_stat_ext(_info: &ProcessInfo) -> Option<StatExt> {
    None
}

/// ps -L's threads: read on Linux only here.
pub fn thread_table(
    _pid: psutil_rs::Pid,
    _attrs: psutil_rs::AttrSet,
) -> Option<psutil_rs::ProcessTable> {
    None
}

/// Linux only (start ticks).
pub fn record_start(_info: &ProcessInfo) -> Option<f64> {
    None
}

/// No `/proc/<pid>` directory to take the owner of here.
pub const OWNER_BY_DIR: bool = false;

/// The path separator of a command line's program path.
pub const PATH_SEPARATORS: &[char] = &['/'];

/// See [`OWNER_BY_DIR`].
pub fn proc_owner(_pid: psutil_rs::Pid) -> Option<u32> {
    None
}

/// See [`OWNER_BY_DIR`].
pub fn user_name(_uid: u32) -> Option<String> {
    None
}

/// See [`OWNER_BY_DIR`].
pub fn record_dir_owner(_info: &ProcessInfo) -> Option<u32> {
    None
}

/// No `status` file with the uids here.
pub const UIDS_IN_STATUS: bool = false;

/// No `/proc/uptime` here: uptime is counted from the boot time.
pub fn uptime_secs() -> Option<f64> {
    None
}
