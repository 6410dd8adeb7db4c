//! The model behind `psutil top` and `psutil iotop`: one snapshot row per process, the
//! [`Sampler`] that produces the rows (keeping a [`Process`] handle per process across
//! refreshes so CPU and I/O deltas are per process, never per pid), and pure functions
//! over the rows: rates, sorting, filtering, tree order and task counts. Rendering lives
//! in `cmd/top.rs` and `cmd/iotop.rs`.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::time::Instant;

use psutil_rs::{Pid, Process, Status};

/// One process at one refresh.
#[derive(Debug, Clone, PartialEq)]
pub struct ProcRow {
    /// Process id.
    pub pid: Pid,
    /// Parent pid (0 when unknown).
    pub ppid: Pid,
    /// psutil's `name()`.
    pub name: String,
    /// The command line joined with spaces, or `[name]` when empty (kernel threads).
    pub cmdline: String,
    /// Owner's user name.
    pub user: String,
    /// Nice value.
    pub nice: Option<i32>,
    /// The kernel's priority (field 18 of `/proc/<pid>/stat`): 20 + nice, or
    /// -1 - rt_priority for real-time tasks.
    pub priority: Option<i64>,
    /// Virtual size in bytes.
    pub virt: u64,
    /// Resident size in bytes.
    pub res: u64,
    /// user + system CPU seconds so far.
    pub cpu_secs: f64,
    /// CPU seconds per wall second since the previous refresh, × 100 (can exceed 100).
    pub cpu_pct: f64,
    /// RES as a share of physical memory, percent.
    pub mem_pct: f64,
    /// State.
    pub status: Option<Status>,
    /// Disk I/O (iotop only; `None` when not sampled or not readable).
    pub io: Option<IoRow>,
    /// I/O priority and block I/O delay (iotop only).
    pub io_sched: Option<IoSched>,
}

/// A process's disk I/O: rates since the previous refresh and totals since the sampler
/// first saw the process (or since its start, for processes born later).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct IoRow {
    /// `read_bytes` per second.
    pub read_rate: f64,
    /// `write_bytes` per second.
    pub write_rate: f64,
    /// `read_bytes` accumulated.
    pub read_acc: u64,
    /// `write_bytes` accumulated.
    pub write_acc: u64,
}

/// iotop's PRIO and IO of a process (iotop only).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IoSched {
    /// PRIO: the I/O class and level (`be/4`, `rt/0`, `idle`), see [`io_prio`].
    pub prio: String,
    /// IO: percent of the interval spent waiting for block I/O (the delta of
    /// `delayacct_blkio_ticks`, field 42 of `/proc/<pid>/stat`), at most 99.99.
    pub delay_pct: f64,
    /// The same over the time since the sampler first saw the process.
    pub delay_acc_pct: f64,
    /// SWAPIN: percent of the interval spent waiting for swap-in (the delta of
    /// taskstats' `swapin_delay_total`); `None` when taskstats is not readable
    /// (it needs CAP_NET_ADMIN).
    pub swapin_pct: Option<f64>,
    /// The same over the time since the sampler first saw the process.
    pub swapin_acc_pct: Option<f64>,
}

/// iotop's PRIO: `class/level` for the real-time and best-effort classes, `idle`; with
/// no class set, the one the kernel derives from the scheduler: `rt/N` for
/// SCHED_FIFO/RR, `idle` for SCHED_IDLE, else `be/N`, N = (nice + 20) / 5.
pub fn io_prio(io: Option<psutil_rs::IoNice>, nice: Option<i32>, policy: Option<u32>) -> String {
    use psutil_rs::IoClass;
    let Some(io) = io else { return "?".into() };
    let derived = || (nice.unwrap_or(0) + 20) / 5;
    match io.ioclass {
        IoClass::Realtime => format!("rt/{}", io.value),
        IoClass::BestEffort => format!("be/{}", io.value),
        IoClass::Idle => "idle".into(),
        IoClass::None => match policy {
            Some(1 | 2) => format!("rt/{}", derived()),
            Some(5) => "idle".into(),
            _ => format!("be/{}", derived()),
        },
    }
}

/// Percent of `elapsed` seconds that `delay` seconds are, capped at 99.99 like iotop.
pub fn delay_percent(delay: f64, elapsed: f64) -> f64 {
    if elapsed > 0.0 && delay > 0.0 {
        (delay / elapsed * 100.0).min(99.99)
    } else {
        0.0
    }
}

impl IoRow {
    /// (read, write) as rates or as accumulated bytes.
    pub fn values(&self, accumulated: bool) -> (f64, f64) {
        if accumulated {
            (self.read_acc as f64, self.write_acc as f64)
        } else {
            (self.read_rate, self.write_rate)
        }
    }
}

/// Per-second rate of a counter between two readings; a counter that went backwards
/// (reset) or no elapsed time gives 0.
pub fn rate(prev: f64, cur: f64, elapsed: f64) -> f64 {
    if elapsed > 0.0 && cur > prev {
        (cur - prev) / elapsed
    } else {
        0.0
    }
}

/// The sort orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// %CPU, highest first.
    Cpu,
    /// RES, highest first.
    Mem,
    /// TIME+, highest first.
    Time,
    /// PID, lowest first.
    Pid,
    /// Disk read, highest first.
    Read,
    /// Disk write, highest first.
    Write,
    /// Disk read + write, highest first.
    Io,
}

impl SortKey {
    /// The column header the key sorts on.
    pub fn column(self) -> &'static str {
        match self {
            SortKey::Cpu => "%CPU",
            SortKey::Mem => "RES",
            SortKey::Time => "TIME+",
            SortKey::Pid => "PID",
            SortKey::Read => "DISK READ",
            SortKey::Write => "DISK WRITE",
            SortKey::Io => "TOTAL",
        }
    }
}

/// What is shown and in which order.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewOpts {
    /// Sort order.
    pub sort: SortKey,
    /// Reverse the sort order.
    pub reverse: bool,
    /// Keep only processes whose name, command line or user contains this
    /// (case-insensitive); empty keeps all.
    pub filter: String,
    /// Show the parent/child tree (children under their parent, siblings sorted).
    pub tree: bool,
    /// Only processes with I/O (nonzero rate, or nonzero total when `accumulated`).
    pub only_io: bool,
    /// I/O as totals instead of rates.
    pub accumulated: bool,
}

impl ViewOpts {
    /// Default options with this sort order.
    pub fn new(sort: SortKey) -> ViewOpts {
        ViewOpts {
            sort,
            reverse: false,
            filter: String::new(),
            tree: false,
            only_io: false,
            accumulated: false,
        }
    }
}

/// Compares two rows by `key` (ties by pid, lowest first).
pub fn compare(a: &ProcRow, b: &ProcRow, key: SortKey, accumulated: bool) -> Ordering {
    let io = |r: &ProcRow| {
        r.io.as_ref()
            .map(|i| i.values(accumulated))
            .unwrap_or((0.0, 0.0))
    };
    let primary = match key {
        SortKey::Cpu => b.cpu_pct.total_cmp(&a.cpu_pct),
        SortKey::Mem => b.res.cmp(&a.res),
        SortKey::Time => b.cpu_secs.total_cmp(&a.cpu_secs),
        SortKey::Pid => Ordering::Equal,
        SortKey::Read => io(b).0.total_cmp(&io(a).0),
        SortKey::Write => io(b).1.total_cmp(&io(a).1),
        SortKey::Io => {
            let (ar, aw) = io(a);
            let (br, bw) = io(b);
            (br + bw).total_cmp(&(ar + aw))
        }
    };
    primary.then(a.pid.cmp(&b.pid))
}

/// True if the row passes the filter (substring of name, command line or user,
/// case-insensitive).
pub fn matches(row: &ProcRow, filter: &str) -> bool {
    if filter.is_empty() {
        return true;
    }
    let f = filter.to_lowercase();
    [&row.name, &row.cmdline, &row.user]
        .iter()
        .any(|s| s.to_lowercase().contains(&f))
}

fn has_io(row: &ProcRow, accumulated: bool) -> bool {
    row.io.is_some_and(|i| {
        let (r, w) = i.values(accumulated);
        r > 0.0 || w > 0.0
    })
}

/// The rows to show, in order: `(index into rows, tree depth)`. Depth is 0 outside
/// tree view. In tree view a row whose parent is not shown is a root.
pub fn visible(rows: &[ProcRow], opts: &ViewOpts) -> Vec<(usize, usize)> {
    let mut idx: Vec<usize> = (0..rows.len())
        .filter(|&i| {
            rows.get(i).is_some_and(|r| {
                matches(r, &opts.filter) && (!opts.only_io || has_io(r, opts.accumulated))
            })
        })
        .collect();
    let cmp = |a: &usize, b: &usize| match (rows.get(*a), rows.get(*b)) {
        (Some(x), Some(y)) => {
            let o = compare(x, y, opts.sort, opts.accumulated);
            if opts.reverse {
                o.reverse()
            } else {
                o
            }
        }
        _ => Ordering::Equal,
    };
    idx.sort_by(cmp);
    if !opts.tree {
        return idx.into_iter().map(|i| (i, 0)).collect();
    }
    tree_order(rows, &idx)
}

/// Depth-first order of the rows at `sorted` (already in sibling order): each row
/// followed by its children. Rows whose parent is not among them are roots, in
/// `sorted` order. Cycles (impossible in /proc, but not trusted) are broken.
pub fn tree_order(rows: &[ProcRow], sorted: &[usize]) -> Vec<(usize, usize)> {
    let shown: HashMap<Pid, usize> = sorted
        .iter()
        .filter_map(|&i| rows.get(i).map(|r| (r.pid, i)))
        .collect();
    let mut children: HashMap<Pid, Vec<usize>> = HashMap::new();
    let mut roots = Vec::new();
    for &i in sorted {
        let Some(r) = rows.get(i) else { continue };
        if r.ppid != r.pid && shown.contains_key(&r.ppid) {
            children.entry(r.ppid).or_default().push(i);
        } else {
            roots.push(i);
        }
    }
    let mut out = Vec::with_capacity(sorted.len());
    let mut seen = HashSet::new();
    let walk = |start: usize, out: &mut Vec<(usize, usize)>, seen: &mut HashSet<usize>| {
        let mut stack = vec![(start, 0usize)];
        while let Some((i, depth)) = stack.pop() {
            if !seen.insert(i) {
                continue;
            }
            out.push((i, depth));
            let Some(r) = rows.get(i) else { continue };
            if let Some(kids) = children.get(&r.pid) {
                for &k in kids.iter().rev() {
                    stack.push((k, depth + 1));
                }
            }
        }
    };
    for &r in &roots {
        walk(r, &mut out, &mut seen);
    }
    // Rows only reachable through a cycle: show them as roots.
    for &i in sorted {
        if !seen.contains(&i) {
            walk(i, &mut out, &mut seen);
        }
    }
    out
}

/// top's "Tasks:" line counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TaskCounts {
    /// All processes.
    pub total: usize,
    /// R.
    pub running: usize,
    /// S, D and I (top counts idle kernel threads and disk sleep as sleeping).
    pub sleeping: usize,
    /// T and t.
    pub stopped: usize,
    /// Z.
    pub zombie: usize,
}

/// Counts the rows by state.
pub fn task_counts(rows: &[ProcRow]) -> TaskCounts {
    let mut c = TaskCounts {
        total: rows.len(),
        ..TaskCounts::default()
    };
    for r in rows {
        match r.status {
            Some(Status::Running) => c.running += 1,
            Some(Status::Sleeping | Status::DiskSleep | Status::Idle) => c.sleeping += 1,
            Some(Status::Stopped | Status::TracingStop) => c.stopped += 1,
            Some(Status::Zombie) => c.zombie += 1,
            _ => {}
        }
    }
    c
}

/// A process followed across refreshes.
struct Tracked {
    proc: Process,
    cpu_secs: f64,
    /// (read_bytes, write_bytes) at the previous refresh.
    io_prev: Option<(u64, u64)>,
    /// (read_bytes, write_bytes) when first seen: the base of the accumulated totals.
    io_base: Option<(u64, u64)>,
    /// Block I/O delay seconds at the previous refresh.
    blkio_prev: Option<f64>,
    /// Block I/O delay seconds, and when, at the first sight.
    blkio_base: Option<(f64, Instant)>,
    /// Swap-in delay seconds at the previous refresh.
    swapin_prev: Option<f64>,
    /// Swap-in delay seconds at the first sight.
    swapin_base: Option<f64>,
}

/// Reads every process (or only `pids`), keeping one [`Process`] handle per process so
/// CPU and I/O rates are deltas of the same process between refreshes.
pub struct Sampler {
    tracked: HashMap<Pid, Tracked>,
    users: HashMap<u32, String>,
    last: Option<Instant>,
    only: Option<Vec<Pid>>,
    with_io: bool,
    total_mem: u64,
}

impl Sampler {
    /// A sampler of all processes, or of `only` when given; `with_io` also reads
    /// `/proc/<pid>/io`.
    pub fn new(only: Option<Vec<Pid>>, with_io: bool) -> Sampler {
        Sampler {
            tracked: HashMap::new(),
            users: HashMap::new(),
            last: None,
            only,
            with_io,
            total_mem: psutil_rs::virtual_memory().map(|m| m.total).unwrap_or(0),
        }
    }

    /// The handle of a process seen at the last refresh (signals and renice go
    /// through it, so a reused pid is never hit).
    pub fn process(&self, pid: Pid) -> Option<&Process> {
        self.tracked.get(&pid).map(|t| &t.proc)
    }

    fn user_name(&mut self, uid: Option<u32>, p: &Process) -> String {
        let Some(uid) = uid else {
            return "?".into();
        };
        if let Some(n) = self.users.get(&uid) {
            return n.clone();
        }
        let n = p.username().unwrap_or_else(|_| uid.to_string());
        self.users.insert(uid, n.clone());
        n
    }

    /// Reads the processes now. Processes that vanish meanwhile are skipped; rates are
    /// over the time since the previous refresh (0 on the first). A process first seen
    /// after the first refresh was born during the interval, so its whole counters
    /// count as the interval's.
    pub fn refresh(&mut self) -> Vec<ProcRow> {
        let now = Instant::now();
        let elapsed = self.last.map(|l| now.duration_since(l).as_secs_f64());
        let first = self.last.is_none();
        self.last = Some(now);
        let pids = match &self.only {
            Some(p) => p.clone(),
            None => psutil_rs::pids().unwrap_or_default(),
        };
        let mut prev = std::mem::take(&mut self.tracked);
        let mut rows = Vec::with_capacity(pids.len());
        for pid in pids {
            let old = prev.remove(&pid);
            let (mut t, is_new) = match old {
                Some(t) => (t, false),
                None => {
                    let Ok(proc) = Process::new(pid) else {
                        continue;
                    };
                    let t = Tracked {
                        proc,
                        cpu_secs: 0.0,
                        io_prev: None,
                        io_base: None,
                        blkio_prev: None,
                        blkio_base: None,
                        swapin_prev: None,
                        swapin_base: None,
                    };
                    (t, true)
                }
            };
            let Some(row) = self.read_row(&mut t, is_new, first, elapsed) else {
                // Gone (or the pid now belongs to a new process: retry with a fresh
                // handle if the old one was stale).
                if !is_new {
                    if let Ok(proc) = Process::new(pid) {
                        let mut t = Tracked {
                            proc,
                            cpu_secs: 0.0,
                            io_prev: None,
                            io_base: None,
                            blkio_prev: None,
                            blkio_base: None,
                            swapin_prev: None,
                            swapin_base: None,
                        };
                        if let Some(row) = self.read_row(&mut t, true, first, elapsed) {
                            rows.push(row);
                            self.tracked.insert(pid, t);
                        }
                    }
                }
                continue;
            };
            rows.push(row);
            self.tracked.insert(pid, t);
        }
        rows
    }

    fn read_row(
        &mut self,
        t: &mut Tracked,
        is_new: bool,
        first: bool,
        elapsed: Option<f64>,
    ) -> Option<ProcRow> {
        // Every read of this row in one oneshot: stat, which most columns come from,
        // is read once.
        let with_io = self.with_io;
        let raw = t.proc.oneshot(|p| Raw::read(p, with_io))?;
        let cpu_secs = raw.times.user + raw.times.system;
        let name = raw.name.unwrap_or_else(|| "?".into());
        let cmdline = match raw.cmdline {
            Some(args) if !args.is_empty() => args
                .iter()
                .map(|a| a.to_string_lossy())
                .collect::<Vec<_>>()
                .join(" ")
                // One line per row: newlines and other controls show as spaces.
                .replace(|c: char| c.is_control(), " "),
            _ => format!("[{name}]"),
        };
        let mem = raw.mem;
        let res = mem.map(|m| m.rss).unwrap_or(0);
        let el = elapsed.unwrap_or(0.0);
        let base_cpu = if is_new { 0.0 } else { t.cpu_secs };
        let cpu_pct = if first {
            0.0
        } else {
            rate(base_cpu, cpu_secs, el) * 100.0
        };
        let mut io_sched = None;
        let io = if with_io {
            let prio = io_prio(
                raw.ionice,
                raw.nice,
                raw.ext.as_ref().and_then(|e| e.sched_policy),
            );
            let blkio = raw.times.iowait;
            let blkio_prev = if is_new {
                0.0
            } else {
                t.blkio_prev.unwrap_or(blkio)
            };
            t.blkio_prev = Some(blkio);
            let (base, since) = *t
                .blkio_base
                .get_or_insert((if first { blkio } else { 0.0 }, Instant::now()));
            let delay_pct = if first {
                0.0
            } else {
                delay_percent(blkio - blkio_prev, el)
            };
            let since = since.elapsed().as_secs_f64();
            let delay_acc_pct = delay_percent(blkio - base, since);
            let (mut swapin_pct, mut swapin_acc_pct) = (None, None);
            if let Some(d) = raw.delays {
                let swapin = d.swapin_delay_total as f64 / 1e9;
                let prev = if is_new {
                    0.0
                } else {
                    t.swapin_prev.unwrap_or(swapin)
                };
                t.swapin_prev = Some(swapin);
                let base = *t
                    .swapin_base
                    .get_or_insert(if first { swapin } else { 0.0 });
                swapin_pct = Some(if first {
                    0.0
                } else {
                    delay_percent(swapin - prev, el)
                });
                swapin_acc_pct = Some(delay_percent(swapin - base, since));
            }
            io_sched = Some(IoSched {
                prio,
                delay_pct,
                delay_acc_pct,
                swapin_pct,
                swapin_acc_pct,
            });
            raw.io.map(|c| {
                let cur = (c.read_bytes, c.write_bytes);
                let prev = if is_new {
                    (0, 0)
                } else {
                    t.io_prev.unwrap_or(cur)
                };
                let base = *t.io_base.get_or_insert(if first { cur } else { (0, 0) });
                t.io_prev = Some(cur);
                IoRow {
                    read_rate: if first {
                        0.0
                    } else {
                        rate(prev.0 as f64, cur.0 as f64, el)
                    },
                    write_rate: if first {
                        0.0
                    } else {
                        rate(prev.1 as f64, cur.1 as f64, el)
                    },
                    read_acc: cur.0.saturating_sub(base.0),
                    write_acc: cur.1.saturating_sub(base.1),
                }
            })
        } else {
            None
        };
        t.cpu_secs = cpu_secs;
        let user = self.user_name(raw.uid, &t.proc);
        Some(ProcRow {
            pid: t.proc.pid(),
            ppid: raw.ppid.unwrap_or(0),
            name,
            cmdline,
            user,
            nice: raw.nice,
            priority: raw.ext.as_ref().map(|e| e.priority),
            virt: mem.map(|m| m.vms).unwrap_or(0),
            res,
            cpu_secs,
            cpu_pct,
            mem_pct: if self.total_mem > 0 {
                res as f64 / self.total_mem as f64 * 100.0
            } else {
                0.0
            },
            status: raw.status,
            io,
            io_sched,
        })
    }
}

/// What a row reads of its process, in one oneshot.
struct Raw {
    times: psutil_rs::ProcessCpuTimes,
    name: Option<String>,
    cmdline: Option<Vec<std::ffi::OsString>>,
    mem: Option<psutil_rs::MemoryInfo>,
    uid: Option<u32>,
    ppid: Option<Pid>,
    nice: Option<i32>,
    ext: Option<psutil_rs::ProcessStatExt>,
    status: Option<Status>,
    ionice: Option<psutil_rs::IoNice>,
    io: Option<psutil_rs::ProcessIoCounters>,
    delays: Option<psutil_rs::TaskDelays>,
}

impl Raw {
    /// `None` when the process is gone (stat, which every column needs, fails).
    fn read(p: &Process, with_io: bool) -> Option<Raw> {
        let times = p.cpu_times().ok()?;
        Some(Raw {
            times,
            name: p.name().ok().map(|n| n.to_string_lossy().into_owned()),
            cmdline: p.cmdline().ok(),
            mem: p.memory_info().ok(),
            uid: p.uids().ok().map(|u| u.real),
            ppid: p.ppid().ok(),
            nice: p.nice().ok(),
            ext: p.stat_ext().ok(),
            status: p.status().ok(),
            ionice: if with_io { p.ionice().ok() } else { None },
            io: if with_io { p.io_counters().ok() } else { None },
            delays: if with_io { p.delay_stats().ok() } else { None },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(pid: Pid, ppid: Pid, name: &str) -> ProcRow {
        ProcRow {
            pid,
            ppid,
            name: name.into(),
            cmdline: format!("/usr/bin/{name} --flag"),
            user: "root".into(),
            nice: Some(0),
            priority: Some(20),
            virt: 0,
            res: 0,
            cpu_secs: 0.0,
            cpu_pct: 0.0,
            mem_pct: 0.0,
            status: Some(Status::Sleeping),
            io: None,
            io_sched: None,
        }
    }

    fn pids(rows: &[ProcRow], v: &[(usize, usize)]) -> Vec<Pid> {
        v.iter().map(|(i, _)| rows[*i].pid).collect()
    }

    fn sample() -> Vec<ProcRow> {
        let mut a = row(1, 0, "init");
        a.res = 10;
        a.cpu_pct = 1.0;
        a.cpu_secs = 100.0;
        let mut b = row(2, 1, "bash");
        b.res = 30;
        b.cpu_pct = 50.0;
        b.cpu_secs = 5.0;
        b.user = "alice".into();
        let mut c = row(3, 2, "vim");
        c.res = 20;
        c.cpu_pct = 120.0;
        c.cpu_secs = 7.0;
        c.user = "alice".into();
        let mut d = row(4, 1, "sshd");
        d.res = 20;
        d.cpu_pct = 50.0;
        d.cpu_secs = 1.0;
        vec![d, c, a, b]
    }

    #[test]
    fn rates() {
        assert_eq!(rate(1.0, 3.0, 2.0), 1.0);
        assert_eq!(rate(3.0, 1.0, 2.0), 0.0, "counter reset");
        assert_eq!(rate(1.0, 3.0, 0.0), 0.0, "no time");
    }

    #[test]
    fn sort_keys() {
        let rows = sample();
        let mut o = ViewOpts::new(SortKey::Cpu);
        assert_eq!(pids(&rows, &visible(&rows, &o)), [3, 2, 4, 1]);
        o.sort = SortKey::Mem;
        // ties (pids 3 and 4 at 20) by pid
        assert_eq!(pids(&rows, &visible(&rows, &o)), [2, 3, 4, 1]);
        o.sort = SortKey::Time;
        assert_eq!(pids(&rows, &visible(&rows, &o)), [1, 3, 2, 4]);
        o.sort = SortKey::Pid;
        assert_eq!(pids(&rows, &visible(&rows, &o)), [1, 2, 3, 4]);
        o.reverse = true;
        assert_eq!(pids(&rows, &visible(&rows, &o)), [4, 3, 2, 1]);
    }

    #[test]
    fn filter_by_name_command_or_user() {
        let rows = sample();
        let mut o = ViewOpts::new(SortKey::Pid);
        o.filter = "ALICE".into();
        assert_eq!(pids(&rows, &visible(&rows, &o)), [2, 3]);
        o.filter = "ssh".into();
        assert_eq!(pids(&rows, &visible(&rows, &o)), [4]);
        o.filter = "--flag".into();
        assert_eq!(visible(&rows, &o).len(), 4);
        o.filter = "nothing-matches".into();
        assert!(visible(&rows, &o).is_empty());
    }

    #[test]
    fn tree_view() {
        let rows = sample();
        let mut o = ViewOpts::new(SortKey::Cpu);
        o.tree = true;
        let v = visible(&rows, &o);
        // init, then its children by %CPU (bash 50 ties sshd 50 -> pid order), vim under bash
        assert_eq!(pids(&rows, &v), [1, 2, 3, 4]);
        let depths: Vec<usize> = v.iter().map(|(_, d)| *d).collect();
        assert_eq!(depths, [0, 1, 2, 1]);
        // Filtered parent: the child becomes a root.
        o.filter = "vim".into();
        assert_eq!(visible(&rows, &o), vec![(1, 0)]);
    }

    #[test]
    fn tree_survives_cycles_and_self_parents() {
        let rows = vec![row(5, 6, "a"), row(6, 5, "b"), row(7, 7, "c")];
        let v = tree_order(&rows, &[0, 1, 2]);
        let mut got = pids(&rows, &v);
        got.sort();
        assert_eq!(got, [5, 6, 7]);
    }

    #[test]
    fn io_prio_like_iotop() {
        use psutil_rs::{IoClass, IoNice};
        let io = |ioclass, value| Some(IoNice::new(ioclass, value));
        assert_eq!(
            io_prio(io(IoClass::BestEffort, 3), Some(0), Some(0)),
            "be/3"
        );
        assert_eq!(io_prio(io(IoClass::Realtime, 0), Some(0), Some(0)), "rt/0");
        assert_eq!(io_prio(io(IoClass::Idle, 0), Some(0), Some(0)), "idle");
        assert_eq!(io_prio(io(IoClass::None, 0), Some(0), Some(0)), "be/4");
        assert_eq!(io_prio(io(IoClass::None, 0), Some(19), Some(0)), "be/7");
        assert_eq!(io_prio(io(IoClass::None, 0), Some(-20), Some(3)), "be/0");
        assert_eq!(io_prio(io(IoClass::None, 0), Some(0), Some(1)), "rt/4");
        assert_eq!(io_prio(io(IoClass::None, 0), Some(0), Some(5)), "idle");
        assert_eq!(io_prio(None, Some(0), Some(0)), "?");
        assert_eq!(delay_percent(0.05, 0.5), 10.0);
        assert_eq!(delay_percent(2.0, 0.5), 99.99);
        assert_eq!(delay_percent(0.0, 0.0), 0.0);
    }

    #[test]
    fn only_io_and_accumulated() {
        let mut rows = sample();
        rows[0].io = Some(IoRow {
            read_rate: 0.0,
            write_rate: 100.0,
            read_acc: 0,
            write_acc: 1000,
        });
        rows[1].io = Some(IoRow {
            read_rate: 0.0,
            write_rate: 0.0,
            read_acc: 5000,
            write_acc: 0,
        });
        let mut o = ViewOpts::new(SortKey::Io);
        o.only_io = true;
        assert_eq!(pids(&rows, &visible(&rows, &o)), [4]);
        o.accumulated = true;
        assert_eq!(pids(&rows, &visible(&rows, &o)), [3, 4]);
        o.sort = SortKey::Write;
        assert_eq!(pids(&rows, &visible(&rows, &o)), [4, 3]);
        o.only_io = false;
        o.sort = SortKey::Read;
        // no io counters sort as zero, then by pid
        assert_eq!(pids(&rows, &visible(&rows, &o)), [3, 1, 2, 4]);
    }

    #[test]
    fn counts() {
        let mut rows = sample();
        rows[0].status = Some(Status::Running);
        rows[1].status = Some(Status::Zombie);
        rows[2].status = Some(Status::Stopped);
        let c = task_counts(&rows);
        assert_eq!(
            c,
            TaskCounts {
                total: 4,
                running: 1,
                sleeping: 1,
                stopped: 1,
                zombie: 1
            }
        );
    }

    #[test]
    fn sampler_follows_this_process() {
        let me = std::process::id();
        let mut s = Sampler::new(Some(vec![me, u32::MAX - 1]), true);
        let rows = s.refresh();
        assert_eq!(rows.len(), 1, "the missing pid is skipped");
        assert_eq!(rows[0].pid, me);
        assert_eq!(rows[0].cpu_pct, 0.0, "no baseline yet");
        // Burn some CPU, then the second refresh shows it.
        let t = Instant::now();
        let mut x = 0u64;
        while t.elapsed().as_millis() < 300 {
            x = x.wrapping_add(std::hint::black_box(1));
        }
        assert!(x > 0);
        let rows = s.refresh();
        // The whole process's CPU (other test threads run too): above zero, below
        // what all CPUs could give, and its total matches /proc/self/stat.
        let ncpu = psutil_rs::cpu_count().unwrap_or(1) as f64;
        assert!(rows[0].cpu_pct > 0.0, "{}", rows[0].cpu_pct);
        assert!(
            rows[0].cpu_pct <= ncpu * 100.0 + 10.0,
            "{}",
            rows[0].cpu_pct
        );
        let stat = std::fs::read_to_string("/proc/self/stat").unwrap();
        let f: Vec<&str> = stat
            .rsplit_once(')')
            .unwrap()
            .1
            .split_whitespace()
            .collect();
        // fields 14 and 15 (utime, stime) are the 12th and 13th after the comm
        let ticks: f64 = f[11].parse::<f64>().unwrap() + f[12].parse::<f64>().unwrap();
        let secs = ticks / 100.0; // CLK_TCK is 100 on Linux
        assert!(
            (rows[0].cpu_secs - secs).abs() < 0.5,
            "{} vs {secs}",
            rows[0].cpu_secs
        );
        assert!(rows[0].res > 0);
        assert!(s.process(me).is_some());
    }
}
