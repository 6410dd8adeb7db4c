//! One process's attributes as the process tools (ps, top, iotop, pstree, info) show
//! them: the one model of a process row. Attributes a process refuses (AccessDenied) or
//! has lost (zombie) are `None`.

use std::ffi::OsString;

use psutil_rs::{
    Attr, AttrSet, MemoryInfo, Pid, Process, ProcessCpuTimes, ProcessInfo, ProcessTable, Status,
    Value,
};

use crate::platform::{self, Delays, IoCounters, IoNice, StatExt};

/// The attributes read once per process.
#[derive(Debug, Clone)]
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
    pub ext: Option<StatExt>,
    /// Locked memory in bytes (`VmLck`).
    pub locked: Option<u64>,
    /// I/O priority (`ioprio_get(2)`; [`Extra::io`]).
    pub ionice: Option<IoNice>,
    /// Disk I/O counters (`/proc/<pid>/io`; [`Extra::io`]).
    pub io: Option<IoCounters>,
    /// Delay accounting from taskstats (netlink; [`Extra::io`]).
    pub delays: Option<Delays>,
    /// The CPU it last ran on (`cpu_num`; [`Extra::psr`]).
    pub cpu_num: Option<u32>,
    /// The kernel function it sleeps in, `-` when none (`/proc/<pid>/wchan`;
    /// [`Extra::wchan`]).
    pub wchan: Option<String>,
    /// The thread id, for a row of one thread ([`ProcInfo::threads`]); `None` for a
    /// process.
    pub lwp: Option<Pid>,
}

/// What a tool reads beyond the attributes every one of them uses, and whether it
/// reads the terminal, which costs a listing of `/dev` per process that has one.
#[derive(Debug, Clone, Copy)]
pub struct Extra {
    /// Process group, session, terminal group, policy (`Process::stat_ext`).
    pub stat_ext: bool,
    /// Locked memory (`Process::locked_memory`, which reads `status`).
    pub locked: bool,
    /// I/O priority, I/O counters and taskstats delays (`Process::ionice`,
    /// `Process::io_counters`, `Process::delay_stats`).
    pub io: bool,
    /// The controlling terminal (`Process::terminal`).
    pub terminal: bool,
    /// The command line (`Process::cmdline`); without it, [`ProcInfo::cmdline`] is
    /// `None`.
    pub cmdline: bool,
    /// The CPU last run on (`cpu_num`, from the `stat` read anyway).
    pub psr: bool,
    /// The wait channel (`/proc/<pid>/wchan`, one file more per process).
    pub wchan: bool,
    /// The table reads no credentials: the caller names the owner of `/proc/<pid>`
    /// (the effective uid, as procps top and iotop show it: one `stat(2)`, no
    /// `status` or pidfd) with [`platform::proc_owner`]. Where there is no such
    /// directory, false.
    pub owner_by_dir: bool,
}

impl Extra {
    /// Everything ps can show.
    pub const ALL: Extra = Extra {
        stat_ext: true,
        locked: true,
        io: false,
        terminal: true,
        cmdline: true,
        psr: false,
        wchan: false,
        owner_by_dir: false,
    };
    /// Nothing more than the common attributes (the terminal among them).
    pub const NONE: Extra = Extra {
        stat_ext: false,
        locked: false,
        io: false,
        terminal: true,
        cmdline: true,
        psr: false,
        wchan: false,
        owner_by_dir: false,
    };

    /// What the live views (top, and iotop `with_io`) read at each refresh: no terminal;
    /// the command line when `cmdline` (shown, or searched by the filter).
    pub const fn live(with_io: bool, cmdline: bool) -> Extra {
        Extra {
            stat_ext: true,
            locked: false,
            io: with_io,
            terminal: false,
            cmdline,
            psr: false,
            wchan: false,
            owner_by_dir: platform::OWNER_BY_DIR,
        }
    }
}

/// `read()`'s value when `wanted`, else `None`; an error is `None` too.
fn read_if<T, E>(wanted: bool, read: impl FnOnce() -> Result<T, E>) -> Option<T> {
    if wanted {
        read().ok()
    } else {
        None
    }
}

/// Names the owners (real uids) of the rows that have a uid and no name yet, each uid
/// looked up once.
fn name_owners(rows: &mut [ProcInfo]) {
    let mut names: std::collections::HashMap<u32, Option<String>> = Default::default();
    for p in rows.iter_mut().filter(|p| p.username.is_none()) {
        if let Some(uid) = p.uid {
            p.username = names
                .entry(uid)
                .or_insert_with(|| platform::user_name(uid))
                .clone();
        }
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
        proc.oneshot(|proc| Self::read_from(proc, extra, |p, _| p.username().ok()))
    }

    /// Reads `proc` (inside its `oneshot`) with these extras; `owner` names the real
    /// uid (`Process::username`, or a cache of it). `None` if it is gone.
    pub fn read_from(
        proc: &Process,
        extra: Extra,
        owner: impl FnOnce(&Process, u32) -> Option<String>,
    ) -> Option<ProcInfo> {
        let name = proc.name().ok()?.to_string_lossy().into_owned();
        let uid = platform::uid(proc);
        Some(ProcInfo {
            pid: proc.pid(),
            ppid: proc.ppid().ok(),
            name,
            cmdline: read_if(extra.cmdline, || proc.cmdline()),
            username: uid.and_then(|u| owner(proc, u)),
            uid,
            status: proc.status().ok(),
            create_time: proc.create_time().ok(),
            cpu_times: proc.cpu_times().ok(),
            memory: proc.memory_info().ok(),
            num_threads: proc.num_threads().ok(),
            nice: proc.nice().ok(),
            tty: read_if(extra.terminal, || platform::terminal(proc))
                .flatten()
                .as_deref()
                .map(tty_name),
            ext: read_if(extra.stat_ext, || platform::stat_ext(proc)),
            locked: read_if(extra.locked, || platform::locked_memory(proc)),
            ionice: read_if(extra.io, || platform::ionice(proc)),
            io: read_if(extra.io, || platform::io_counters(proc)),
            delays: read_if(extra.io, || platform::delays(proc)),
            cpu_num: read_if(extra.psr, || platform::cpu_num(proc)),
            wchan: read_if(extra.wchan, || platform::wchan(proc.pid())),
            lwp: None,
        })
    }

    /// Every process of the system, in pid order, with these extras: the process table
    /// (each `/proc/<pid>` file read once, by the table's threads), then the extras
    /// through each record's handle, in parallel too.
    pub fn all(extra: Extra) -> Vec<ProcInfo> {
        let recs = ProcessTable::new(Self::table_attrs(extra))
            .snapshot_with_processes()
            .unwrap_or_default();
        let build = |(proc, info): &(Process, ProcessInfo)| Self::from_record(proc, info, extra);
        let mut all = if extra.stat_ext || extra.locked || extra.io {
            par_filter_map(&recs, build)
        } else {
            recs.iter().filter_map(build).collect()
        };
        name_owners(&mut all);
        all
    }

    /// Whether the owner comes from the `status` read for the locked pages (ps's
    /// STAT): then the table reads no credentials of its own (no pidfd per process).
    fn creds_from_status(extra: Extra) -> bool {
        extra.locked && platform::UIDS_IN_STATUS
    }

    /// The threads of `process`, one row each in tid order, as ps -L shows them: the
    /// thread's own state, name, CPU times and start, the process's pid with the thread
    /// id as [`lwp`](ProcInfo::lwp); the main thread's row is the process's own (as
    /// procps shows it: the whole process's CPU time). Read as a process table of
    /// `/proc/<pid>/task` (each file once per thread). `None` where threads cannot be
    /// read so (off Linux); empty when the process is gone.
    pub fn threads(process: &ProcInfo, extra: Extra) -> Option<Vec<ProcInfo>> {
        let pid = process.pid;
        let mut table = platform::thread_table(pid, Self::table_attrs(extra))?;
        // a process gone meanwhile has no threads
        let recs = table.snapshot_with_processes().unwrap_or_default();
        let mut rows = recs
            .iter()
            .filter_map(|(proc, info)| {
                if info.pid() == pid {
                    let mut main = process.clone();
                    main.lwp = Some(pid);
                    return Some(main);
                }
                let mut t = Self::from_record(proc, info, extra)?;
                // the task directory is read as another root, whose names come
                // from /etc/passwd rather than NSS: the process's name for its uid
                if t.username.is_none() || t.uid == process.uid {
                    t.username = process.username.clone();
                }
                t.lwp = Some(t.pid);
                t.pid = pid;
                // the task directory has no boot time beside it: the thread's
                // start from its start ticks
                t.create_time = t.create_time.or_else(|| platform::record_start(info));
                Some(t)
            })
            .collect::<Vec<_>>();
        // the main thread first, as the kernel lists a task directory (and procps
        // shows it), then the others in tid order
        rows.sort_by_key(|t| (t.lwp != Some(pid), t.lwp));
        Some(rows)
    }

    /// The process-table attributes a [`ProcInfo`] is built from (with
    /// [`from_record`](ProcInfo::from_record)); the terminal only when `extra` asks.
    pub fn table_attrs(extra: Extra) -> AttrSet {
        let mut attrs = AttrSet::from([
            Attr::Ppid,
            Attr::Name,
            Attr::Status,
            Attr::CreateTime,
            Attr::CpuTimes,
            Attr::MemoryInfo,
            Attr::NumThreads,
            Attr::Nice,
        ]);
        if !extra.owner_by_dir && !Self::creds_from_status(extra) {
            attrs.insert(Attr::Username);
            if let Some(a) = platform::UIDS_ATTR {
                attrs.insert(a);
            }
        }
        if let Some(a) = platform::TERMINAL_ATTR.filter(|_| extra.terminal) {
            attrs.insert(a);
        }
        if extra.cmdline {
            attrs.insert(Attr::Cmdline);
        }
        if extra.psr {
            attrs.insert(Attr::CpuNum);
        }
        attrs
    }

    /// A table record, with the extras read through its handle; `None` without a name
    /// (as [`read`](ProcInfo::read)).
    pub fn from_record(proc: &Process, info: &ProcessInfo, extra: Extra) -> Option<ProcInfo> {
        let name = info.name()?.to_string_lossy().into_owned();
        let tty = match platform::TERMINAL_ATTR.and_then(|a| info.get(a)) {
            Some(Ok(Value::Path(p))) => Some(tty_name(p)),
            _ => None,
        };
        // ps's STAT: the locked pages from status, and the owner from the same read
        // (named by name_owners)
        let (uid, locked) = if Self::creds_from_status(extra) {
            proc.oneshot(|p| (platform::uid(p), platform::locked_memory(p).ok()))
        } else {
            (
                platform::record_uid(info),
                read_if(extra.locked, || platform::locked_memory(proc)),
            )
        };
        Some(ProcInfo {
            pid: info.pid(),
            ppid: info.ppid(),
            name,
            cmdline: info.cmdline().map(<[OsString]>::to_vec),
            username: info.username().map(str::to_string),
            uid,
            status: info.status(),
            create_time: info.create_time(),
            cpu_times: info.cpu_times().copied(),
            memory: info.memory_info().copied(),
            num_threads: info.num_threads(),
            nice: info.nice(),
            tty,
            // from the record's own stat; read through the handle where the record has
            // none (off Linux)
            ext: if extra.stat_ext {
                platform::record_stat_ext(info).or_else(|| platform::stat_ext(proc).ok())
            } else {
                None
            },
            locked,
            ionice: read_if(extra.io, || platform::ionice(proc)),
            io: read_if(extra.io, || platform::io_counters(proc)),
            delays: read_if(extra.io, || platform::delays(proc)),
            cpu_num: match info.get(Attr::CpuNum) {
                Some(Ok(Value::CpuNum(n))) => Some(*n),
                _ => None,
            },
            wchan: read_if(extra.wchan, || platform::wchan(info.pid())),
            lwp: None,
        })
    }

    /// The arguments joined with spaces; `None` when there are none (kernel threads,
    /// zombies, or unreadable).
    fn joined_args(&self) -> Option<String> {
        match &self.cmdline {
            Some(args) if !args.is_empty() => Some(
                args.iter()
                    .map(|a| a.to_string_lossy())
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            _ => None,
        }
    }

    /// The command line as ps and the live views show it: the arguments joined, on one
    /// line (newlines and other controls show as spaces), or `[name]` when empty.
    pub fn command_line(&self) -> String {
        self.joined_args()
            .map(|s| s.replace(|c: char| c.is_control(), " "))
            .unwrap_or_else(|| format!("[{}]", self.name))
    }

    /// The kernel's command name as ps and top show it: psutil's name, which psutil
    /// extends past the kernel's 15 bytes from the command line, cut back to them
    /// (kernel threads, without a command line, keep their longer names, as the kernel
    /// prints them); control characters as `?`.
    pub fn kernel_comm(&self) -> String {
        // Without the command line read, a kernel thread is told by its parent,
        // kthreadd (pid 2), or by being kthreadd.
        let has_args = match &self.cmdline {
            Some(a) => !a.is_empty(),
            None => self.pid != 2 && self.ppid != Some(2),
        };
        let mut name = self.name.clone();
        if has_args && name.len() > 15 {
            let mut end = 15;
            while !name.is_char_boundary(end) {
                end -= 1;
            }
            name.truncate(end);
        }
        if name.chars().any(char::is_control) {
            name = name
                .chars()
                .map(|c| if c.is_control() { '?' } else { c })
                .collect();
        }
        name
    }

    /// user + system CPU seconds.
    pub fn cpu_total(&self) -> f64 {
        self.cpu_times.map(|t| t.user + t.system).unwrap_or(0.0)
    }

    /// Resident set size in bytes (0 when unknown).
    pub fn rss(&self) -> u64 {
        self.memory.map(|m| m.rss).unwrap_or(0)
    }

    /// Virtual size in bytes (0 when unknown).
    pub fn vms(&self) -> u64 {
        self.memory.map(|m| m.vms).unwrap_or(0)
    }

    /// The kernel's priority (field 18 of `/proc/<pid>/stat`): 20 + nice, or
    /// -1 - rt_priority for real-time tasks; needs [`Extra::stat_ext`].
    pub fn priority(&self) -> Option<i64> {
        self.ext.as_ref().map(|e| e.priority)
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
