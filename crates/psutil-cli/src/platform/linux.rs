//! Linux: the values come from psutil-rs's Linux-only API (`os::unix`, `os::linux`).

use std::path::{Path, PathBuf};

use psutil_rs::os::linux::ProcessExt as _;
use psutil_rs::os::unix::ProcessExt as _;
use psutil_rs::{Attr, Error, Process, ProcessCpuTimes, ProcessInfo, VirtualMemory};
use serde_json::Value;

use crate::out::CmdError;

pub use psutil_rs::{
    IoClass, IoNice, ProcessIoCounters as IoCounters, ProcessStatExt as StatExt,
    TaskDelays as Delays,
};

/// The table attributes that carry the owner's uid and the terminal.
pub const UIDS_ATTR: Option<Attr> = Some(Attr::Uids);
/// See [`UIDS_ATTR`].
pub const TERMINAL_ATTR: Option<Attr> = Some(Attr::Terminal);
/// Whether the uids are in the `status` file the locked pages come from.
pub const UIDS_IN_STATUS: bool = true;
/// Whether a process's owner can be read as that of its `/proc/<pid>` directory.
pub const OWNER_BY_DIR: bool = true;

/// The path separator of a command line's program path.
pub const PATH_SEPARATORS: &[char] = &['/'];

/// The owner of `/proc/<pid>` (one `stat(2)`): the process's effective uid, or root
/// when it is not dumpable; what procps top and iotop show as USER.
pub fn proc_owner(pid: psutil_rs::Pid) -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(psutil_rs::procfs_path().join(pid.to_string()))
        .ok()
        .map(|m| m.uid())
}

/// The owner of `/proc/<pid>` as a `process_iter` record carries it (no read).
pub fn record_dir_owner(info: &ProcessInfo) -> Option<u32> {
    info.dir_owner()
}

/// The name of user `uid` (NSS on the host, `<root>/etc/passwd` under `--root`).
pub fn user_name(uid: u32) -> Option<String> {
    psutil_rs::Root::current().user_name(uid).ok()
}

/// The real uid (`/proc/<pid>/status`).
pub fn uid(p: &Process) -> Option<u32> {
    p.uids().ok().map(|u| u.real)
}

/// The real uid of a table record.
pub fn record_uid(info: &ProcessInfo) -> Option<u32> {
    info.uids().map(|u| u.real)
}

/// The controlling terminal.
pub fn terminal(p: &Process) -> Result<Option<PathBuf>, Error> {
    p.terminal()
}

/// Process group, session and scheduling (`/proc/<pid>/stat`).
pub fn stat_ext(p: &Process) -> Result<StatExt, Error> {
    p.stat_ext()
}

/// Process group, session and scheduling of a table record: from the `stat` the
/// record read (no further read).
pub fn record_stat_ext(info: &ProcessInfo) -> Option<StatExt> {
    info.stat_ext().cloned()
}

/// Locked memory (`VmLck`).
pub fn locked_memory(p: &Process) -> Result<u64, Error> {
    p.locked_memory()
}

/// The I/O priority (`ioprio_get(2)`).
pub fn ionice(p: &Process) -> Result<IoNice, Error> {
    p.ionice()
}

/// The I/O counters (`/proc/<pid>/io`).
pub fn io_counters(p: &Process) -> Result<IoCounters, Error> {
    p.io_counters()
}

/// Delay accounting (taskstats).
pub fn delays(p: &Process) -> Result<Delays, Error> {
    p.delay_stats()
}

/// Seconds waited for block I/O (`iowait` of the process's CPU times).
pub fn iowait(t: &ProcessCpuTimes) -> f64 {
    t.iowait
}

/// free(1)'s shared, buffers and cache columns.
pub fn shared_buffers_cached(vm: &VirtualMemory) -> Option<(u64, u64, u64)> {
    Some((vm.shared, vm.buffers, vm.cached))
}

/// The CPU the process last ran on (field 39 of `stat`).
pub fn cpu_num(p: &Process) -> Result<u32, Error> {
    p.cpu_num()
}

/// ps's WCHAN: the kernel function the process sleeps in (`/proc/<pid>/wchan`), `-`
/// when it is not sleeping in one (the file says `0`).
pub fn wchan(pid: psutil_rs::Pid) -> Result<String, std::io::Error> {
    let s = std::fs::read_to_string(psutil_rs::procfs_path().join(pid.to_string()).join("wchan"))?;
    let s = s.trim();
    Ok(if s.is_empty() || s == "0" {
        "-".into()
    } else {
        s.to_string()
    })
}

/// A process table of the threads of `pid`: `/proc/<pid>/task` read as a procfs (each
/// thread's own `stat`, `status`, `statm`).
pub fn thread_table(
    pid: psutil_rs::Pid,
    attrs: psutil_rs::AttrSet,
) -> Option<psutil_rs::ProcessTable> {
    let task = psutil_rs::procfs_path().join(pid.to_string()).join("task");
    Some(psutil_rs::Root::with_procfs(task).process_table(attrs))
}

/// A record's start, epoch seconds, from its start ticks and the host's boot time.
pub fn record_start(info: &ProcessInfo) -> Option<f64> {
    let ticks = info.start_ticks()?;
    let hz = rustix::param::clock_ticks_per_second();
    let boot = psutil_rs::boot_time().ok()?;
    (hz > 0).then(|| boot + ticks as f64 / hz as f64)
}

/// The seconds since boot of `/proc/uptime` (its first field), as uptime(1) reads them.
pub fn uptime_secs() -> Option<f64> {
    let text = std::fs::read_to_string(psutil_rs::procfs_path().join("uptime")).ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// free -v's `Comm:` line: `CommitLimit` and `Committed_AS` of `/proc/meminfo`, in
/// bytes (psutil has neither). `None` when the file or a line is missing.
pub fn commit_limit_and_committed() -> Option<(u64, u64)> {
    let text = std::fs::read_to_string(psutil_rs::procfs_path().join("meminfo")).ok()?;
    let kib = |key: &str| {
        text.lines().find_map(|l| {
            let rest = l.strip_prefix(key)?.strip_prefix(':')?;
            let n = rest.trim().strip_suffix("kB").unwrap_or(rest).trim();
            n.parse::<u64>().ok().map(|v| v.saturating_mul(1024))
        })
    };
    Some((kib("CommitLimit")?, kib("Committed_AS")?))
}

/// `--root DIR`: read /proc and /sys from there.
pub fn set_root(dir: &Path) -> Result<(), CmdError> {
    psutil_rs::Root::set_current(psutil_rs::Root::under(dir));
    Ok(())
}

/// The host a session came from, as text (`localhost` for a local login).
pub fn user_host(u: &psutil_rs::User) -> String {
    u.host.to_string_lossy().into_owned()
}

/// `who FILE`: the sessions of a utmp file.
pub fn users_from_file(f: &Path) -> Result<Vec<psutil_rs::User>, CmdError> {
    Ok(psutil_rs::users_from_file(f)?)
}

/// The overview's sensors: psutil's `sensors_temperatures()` and `sensors_fans()` as
/// JSON values, and the text lines (chip, label, reading) of its "Sensors" section.
pub fn sensors() -> Result<Option<(Value, Value, Vec<String>)>, CmdError> {
    use crate::cmd::sensors::{label_or_chip, sorted_chips};
    let temps = psutil_rs::sensors_temperatures()?;
    let fans = psutil_rs::sensors_fans()?;
    let mut lines = Vec::new();
    for chip in sorted_chips(temps.keys()) {
        for t in temps.get(chip).into_iter().flatten() {
            let label = label_or_chip(&t.label, chip);
            lines.push(format!("  {chip:<12} {label:<20} {:5.1} °C", t.current));
        }
    }
    for chip in sorted_chips(fans.keys()) {
        for f in fans.get(chip).into_iter().flatten() {
            let label = label_or_chip(&f.label, chip);
            lines.push(format!("  {chip:<12} {label:<20} {:5} RPM", f.current));
        }
    }
    Ok(Some((
        serde_json::to_value(&temps)?,
        serde_json::to_value(&fans)?,
        lines,
    )))
}

/// The bytes read and written of a process's I/O counters.
pub fn io_bytes(c: &IoCounters) -> (u64, u64) {
    (c.read_bytes, c.write_bytes)
}

fn to<T: serde::Serialize>(r: Result<T, Error>) -> Result<Value, Error> {
    r.map(|v| serde_json::to_value(v).unwrap_or(Value::Null))
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
        "cpu_num" => to(p.cpu_num()),
        "memory_maps" => to(p.memory_maps()),
        "cpu_affinity" => to(p.cpu_affinity()),
        "ionice" => to(p.ionice()),
        "io_counters" => to(p.io_counters()),
        "num_fds" => to(p.num_fds()),
        _ => return None,
    })
}

/// The signals that end a live view politely (TERM, HUP, INT).
pub const STOP_SIGNALS: &[i32] = &[
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
];
