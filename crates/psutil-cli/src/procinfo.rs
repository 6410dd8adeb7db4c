//! One process's attributes as the process tools (ps, top, pstree, info) show them.
//! Attributes a process refuses (AccessDenied) or has lost (zombie) are `None`.

use std::ffi::OsString;

use psutil_rs::{
    Attr, AttrSet, MemoryInfo, Pid, Process, ProcessCpuTimes, ProcessInfo, ProcessStatExt,
    ProcessTable, Status, Value,
};

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

/// What a tool reads beyond the attributes every one of them uses.
#[derive(Debug, Clone, Copy)]
pub struct Extra {
    /// Process group, session, terminal group, policy (`Process::stat_ext`).
    pub stat_ext: bool,
    /// Locked memory (`Process::locked_memory`, which reads `status`).
    pub locked: bool,
}

impl Extra {
    /// Everything.
    pub const ALL: Extra = Extra {
        stat_ext: true,
        locked: true,
    };
    /// Nothing more.
    pub const NONE: Extra = Extra {
        stat_ext: false,
        locked: false,
    };

    fn stat_ext(self, proc: &Process) -> Option<ProcessStatExt> {
        self.stat_ext.then(|| proc.stat_ext().ok()).flatten()
    }

    fn locked(self, proc: &Process) -> Option<u64> {
        self.locked.then(|| proc.locked_memory().ok()).flatten()
    }
}

/// A terminal as ps shows it: without `/dev/`.
fn tty_name(p: &std::path::Path) -> String {
    let s = p.to_string_lossy().into_owned();
    s.strip_prefix("/dev/").map(str::to_string).unwrap_or(s)
}

impl ProcInfo {
    /// Reads a process; `None` if it is gone.
    pub fn read(pid: Pid) -> Option<ProcInfo> {
        Self::read_with(pid, Extra::ALL)
    }

    /// Reads a process with these extras; `None` if it is gone.
    pub fn read_with(pid: Pid, extra: Extra) -> Option<ProcInfo> {
        let proc = Process::new(pid).ok()?;
        proc.oneshot(|proc| Self::read_from(pid, proc, extra))
    }

    fn read_from(pid: Pid, proc: &Process, extra: Extra) -> Option<ProcInfo> {
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
            tty: proc.terminal().ok().flatten().as_deref().map(tty_name),
            ext: extra.stat_ext(proc),
            locked: extra.locked(proc),
        })
    }

    /// Every process of the system, in pid order, with these extras: the process table
    /// (each `/proc/<pid>` file read once, by the table's threads), then the extras
    /// through each record's handle, in parallel too.
    pub fn all(extra: Extra) -> Vec<ProcInfo> {
        let attrs = AttrSet::from([
            Attr::Ppid,
            Attr::Name,
            Attr::Cmdline,
            Attr::Username,
            Attr::Uids,
            Attr::Status,
            Attr::CreateTime,
            Attr::CpuTimes,
            Attr::MemoryInfo,
            Attr::NumThreads,
            Attr::Nice,
            Attr::Terminal,
        ]);
        let recs = ProcessTable::new(attrs)
            .snapshot_with_processes()
            .unwrap_or_default();
        let build = |(proc, info): &(Process, ProcessInfo)| Self::from_record(proc, info, extra);
        if extra.stat_ext || extra.locked {
            par_filter_map(&recs, build)
        } else {
            recs.iter().filter_map(build).collect()
        }
    }

    /// A table record, with the extras read through its handle; `None` without a name
    /// (as [`read`](ProcInfo::read)).
    fn from_record(proc: &Process, info: &ProcessInfo, extra: Extra) -> Option<ProcInfo> {
        let name = info.name()?.to_string_lossy().into_owned();
        let tty = match info.get(Attr::Terminal) {
            Some(Ok(Value::Path(p))) => Some(tty_name(p)),
            _ => None,
        };
        Some(ProcInfo {
            pid: info.pid(),
            ppid: info.ppid(),
            name,
            cmdline: info.cmdline().map(<[OsString]>::to_vec),
            username: info.username().map(str::to_string),
            uid: info.uids().map(|u| u.real),
            status: info.status(),
            create_time: info.create_time(),
            cpu_times: info.cpu_times().copied(),
            memory: info.memory_info().copied(),
            num_threads: info.num_threads(),
            nice: info.nice(),
            tty,
            ext: extra.stat_ext(proc),
            locked: extra.locked(proc),
        })
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

/// Processes per thread of [`par_filter_map`]: a process costs ~50 µs to read
/// attribute by attribute, a thread ~50 µs to start.
const PER_THREAD: usize = 64;

/// `items.iter().filter_map(f)` by up to 4 threads (and the CPUs this process may
/// use), results in item order: the threads claim batches of 16 items in turn.
pub fn par_filter_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> Option<R> + Sync) -> Vec<R> {
    const BATCH: usize = 16;
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cpus.min(4).min(items.len() / PER_THREAD).max(1);
    if threads == 1 {
        return items.iter().filter_map(&f).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let run = || {
        let mut done = Vec::new();
        loop {
            let b = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(batch) = items.chunks(BATCH).nth(b) else {
                break done;
            };
            done.push((b, batch.iter().filter_map(&f).collect::<Vec<R>>()));
        }
    };
    let mut batches = std::thread::scope(|s| {
        let others: Vec<_> = (1..threads).map(|_| s.spawn(run)).collect();
        let mut all = run();
        for h in others {
            all.extend(h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        }
        all
    });
    batches.sort_unstable_by_key(|(b, _)| *b);
    batches.into_iter().flat_map(|(_, v)| v).collect()
}
