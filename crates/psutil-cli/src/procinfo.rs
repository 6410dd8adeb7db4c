//! One process's attributes as the process tools (ps, top, pstree, info) show them.
//! Attributes a process refuses (AccessDenied) or has lost (zombie) are `None`.

use std::ffi::OsString;

use psutil_rs::{MemoryInfo, Pid, Process, ProcessCpuTimes, ProcessStatExt, Status};

/// The attributes read once per process.
pub struct ProcInfo {
    /// Process id.
    pub pid: Pid,
    /// Parent pid.
    pub ppid: Option<Pid>,
    /// Name (comm, extended from cmdline).
    pub name: String,
    /// Command line.
    pub cmdline: Option<Vec<OsString>>,
    /// Owner.
    pub username: Option<String>,
    /// Real uid.
    pub uid: Option<u32>,
    /// State.
    pub status: Option<Status>,
    /// Start time, epoch seconds.
    pub create_time: Option<f64>,
    /// CPU times.
    pub cpu_times: Option<ProcessCpuTimes>,
    /// Memory.
    pub memory: Option<MemoryInfo>,
    /// Threads.
    pub num_threads: Option<u64>,
    /// Nice value.
    pub nice: Option<i32>,
    /// Controlling terminal without `/dev/`.
    pub tty: Option<String>,
    /// Process group, session, terminal foreground group, scheduling.
    pub ext: Option<ProcessStatExt>,
    /// Locked memory in bytes (`VmLck`).
    pub locked: Option<u64>,
}

impl ProcInfo {
    /// Reads a process; `None` if it is gone.
    pub fn read(pid: Pid) -> Option<ProcInfo> {
        let proc = Process::new(pid).ok()?;
        proc.oneshot(|proc| Self::read_from(pid, proc))
    }

    fn read_from(pid: Pid, proc: &Process) -> Option<ProcInfo> {
        let name = proc.name().ok()?.to_string_lossy().into_owned();
        Some(ProcInfo {
            pid,
            ppid: proc.ppid().ok(),
            name,
            cmdline: proc.cmdline().ok(),
            username: proc.username().ok(),
            uid: proc.uids().ok().map(|u| u.real),
            status: proc.status().ok(),
            create_time: proc.create_time().ok(),
            cpu_times: proc.cpu_times().ok(),
            memory: proc.memory_info().ok(),
            num_threads: proc.num_threads().ok(),
            nice: proc.nice().ok(),
            tty: proc.terminal().ok().flatten().map(|p| {
                let s = p.to_string_lossy().into_owned();
                s.strip_prefix("/dev/").map(str::to_string).unwrap_or(s)
            }),
            ext: proc.stat_ext().ok(),
            locked: proc.locked_memory().ok(),
        })
    }

    /// Every process of the system, in pid order.
    pub fn all() -> Vec<ProcInfo> {
        psutil_rs::pids()
            .unwrap_or_default()
            .into_iter()
            .filter_map(ProcInfo::read)
            .collect()
    }

    /// The command line as ps shows it: arguments joined, or `[name]` when empty.
    pub fn command(&self) -> String {
        match &self.cmdline {
            Some(args) if !args.is_empty() => args
                .iter()
                .map(|a| a.to_string_lossy())
                .collect::<Vec<_>>()
                .join(" "),
            _ => format!("[{}]", self.name),
        }
    }

    /// user + system CPU seconds.
    pub fn cpu_total(&self) -> f64 {
        self.cpu_times.map(|t| t.user + t.system).unwrap_or(0.0)
    }
}

/// ps's one-letter state code.
pub fn state_letter(s: Option<Status>) -> char {
    match s {
        Some(Status::Running) => 'R',
        Some(Status::Sleeping) => 'S',
        Some(Status::DiskSleep) => 'D',
        Some(Status::Stopped) => 'T',
        Some(Status::TracingStop) => 't',
        Some(Status::Zombie) => 'Z',
        Some(Status::Dead) => 'X',
        Some(Status::WakeKill) => 'K',
        Some(Status::Waking) => 'W',
        Some(Status::Idle) => 'I',
        Some(Status::Parked) => 'P',
        _ => '?',
    }
}
