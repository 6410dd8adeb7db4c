//! Windows: psutil has none of Linux's process extras there (no uids, terminal, `stat`
//! fields, Linux I/O classes or delay accounting), so each read is `None`/unsupported.
//! The types below stand in for the Linux ones so that the shared tool code compiles;
//! no value of them is ever made on Windows.

use std::path::{Path, PathBuf};

use psutil_rs::os::windows::ProcessExt as _;
use psutil_rs::{Attr, Error, Pid, Process, ProcessCpuTimes, ProcessInfo, VirtualMemory};
use serde_json::Value;

use crate::out::CmdError;

pub use psutil_rs::ProcessIoCounters as IoCounters;

pub use super::stand_in::{container_overview, Delays, IoClass, IoNice, StatExt};
use super::stand_in::{linux_only, to};

/// No uids on Windows.
pub const UIDS_ATTR: Option<Attr> = None;
/// No controlling terminal on Windows.
pub const TERMINAL_ATTR: Option<Attr> = None;

/// No uids on Windows.
pub fn uid(_p: &Process) -> Option<u32> {
    None
}

/// No uids on Windows.
pub fn record_uid(_info: &ProcessInfo) -> Option<u32> {
    None
}

/// No controlling terminal on Windows.
pub fn terminal(_p: &Process) -> Result<Option<PathBuf>, Error> {
    Ok(None)
}

/// Linux only.
pub fn stat_ext(_p: &Process) -> Result<StatExt, Error> {
    Err(linux_only("stat_ext"))
}

/// Linux only.
pub fn locked_memory(_p: &Process) -> Result<u64, Error> {
    Err(linux_only("locked_memory"))
}

/// Linux's I/O classes do not exist on Windows (its I/O priority is another scale).
pub fn ionice(_p: &Process) -> Result<IoNice, Error> {
    Err(linux_only("ionice classes"))
}

/// `GetProcessIoCounters`.
pub fn io_counters(p: &Process) -> Result<IoCounters, Error> {
    p.io_counters()
}

/// Linux only.
pub fn delays(_p: &Process) -> Result<Delays, Error> {
    Err(linux_only("delay accounting"))
}

/// Windows has no per-process I/O wait time.
pub fn iowait(_t: &ProcessCpuTimes) -> f64 {
    0.0
}

/// free(1)'s shared, buffers and cache columns: psutil has none on Windows.
pub fn shared_buffers_cached(_vm: &VirtualMemory) -> Option<(u64, u64, u64)> {
    None
}

/// `--root` points the Linux /proc reader elsewhere; Windows has none.
pub fn set_root(_dir: &Path) -> Result<(), CmdError> {
    Err("--root: reading another /proc is Linux only".into())
}

/// The client address of a session; empty for a local one (psutil's `None`).
pub fn user_host(u: &psutil_rs::User) -> String {
    u.host
        .as_ref()
        .map(|h| h.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// utmp files are Linux's.
pub fn users_from_file(_f: &Path) -> Result<Vec<psutil_rs::User>, CmdError> {
    Err("who FILE: utmp files are Linux only".into())
}

/// psutil has no temperatures or fans on Windows.
pub fn sensors() -> Result<Option<(Value, Value, Vec<String>)>, CmdError> {
    Ok(None)
}

/// The bytes read and written of a process's I/O counters.
pub fn io_bytes(c: &IoCounters) -> (u64, u64) {
    (c.read_bytes, c.write_bytes)
}

/// The attributes `psutil info` shows beyond the common ones, by psutil's name, at the
/// place psutil's `as_dict` puts them; `None` for a name Windows does not have.
pub fn attr(p: &Process, name: &str) -> Option<Result<Value, Error>> {
    Some(match name {
        "num_handles" => to(p.num_handles()),
        "memory_maps" => to(p.memory_maps()),
        "cpu_affinity" => to(p.cpu_affinity()),
        "ionice" => to(p.ionice()),
        "io_counters" => to(p.io_counters()),
        _ => return None,
    })
}

/// The signals that end a live view politely (the C runtime's TERM and INT).
pub const STOP_SIGNALS: &[i32] = &[signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT];

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

/// Windows' path separators: a command line's program is `C:\dir\prog.exe` (or `/`).
pub const PATH_SEPARATORS: &[char] = &['\\', '/'];

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
