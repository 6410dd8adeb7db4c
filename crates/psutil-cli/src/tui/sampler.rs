//! The [`Sampler`] behind `psutil top` and `psutil iotop`: it reads every process (or
//! the chosen ones) at each refresh, following each process across refreshes (by pid
//! and start time) so CPU and I/O deltas are per process, never per pid. Every process
//! is read through one [`ProcessTable`] kept across refreshes (its buffers reused, each
//! file read once per process); the chosen ones (`-p`) each in a `oneshot`.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use psutil_rs::{Pid, Process, ProcessInfo, ProcessTable};

use super::row::{delay_percent, io_prio, rate, IoRow, IoSched, ProcRow};
use crate::procinfo::{Extra, ProcInfo};

/// A process followed across refreshes.
struct Tracked {
    proc: Arc<Process>,
    /// Start time at the first sight: a record of the same pid with another start time
    /// is another process.
    started: Option<f64>,
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

impl Tracked {
    /// A process seen for the first time.
    fn new(proc: Arc<Process>) -> Tracked {
        Tracked {
            proc,
            started: None,
            cpu_secs: 0.0,
            io_prev: None,
            io_base: None,
            blkio_prev: None,
            blkio_base: None,
            swapin_prev: None,
            swapin_base: None,
        }
    }
}

/// User names by uid, looked up once per uid (`Process::username`; the uid itself
/// when it has no name).
#[derive(Default)]
struct UserNames(HashMap<u32, String>);

impl UserNames {
    /// The name of `uid` (its number when it has none).
    fn name(&mut self, uid: u32) -> String {
        self.0
            .entry(uid)
            .or_insert_with(|| crate::platform::user_name(uid).unwrap_or_else(|| uid.to_string()))
            .clone()
    }

    fn get(&mut self, uid: u32, p: &Process) -> String {
        self.0
            .entry(uid)
            .or_insert_with(|| p.username().unwrap_or_else(|_| uid.to_string()))
            .clone()
    }
}

/// Reads every process (or only `pids`), keeping one [`Process`] handle per process so
/// CPU and I/O rates are deltas of the same process between refreshes.
pub struct Sampler {
    tracked: HashMap<Pid, Tracked>,
    users: UserNames,
    last: Option<Instant>,
    only: Option<Vec<Pid>>,
    with_io: bool,
    total_mem: u64,
    /// The reader of every process (`None` when following chosen pids).
    table: Option<ProcessTable>,
    /// Whether command lines are read.
    cmdline: bool,
}

/// When a refresh happens relative to the previous one.
#[derive(Clone, Copy)]
struct Tick {
    /// The sampler's first refresh: no rates yet.
    first: bool,
    /// Seconds since the previous refresh (0 on the first).
    elapsed: f64,
}

impl Sampler {
    /// A sampler of all processes, or of `only` when given; `with_io` also reads
    /// `/proc/<pid>/io`, the I/O priority and the taskstats delays.
    pub fn new(only: Option<Vec<Pid>>, with_io: bool) -> Sampler {
        Sampler {
            tracked: HashMap::new(),
            users: UserNames::default(),
            last: None,
            with_io,
            total_mem: psutil_rs::virtual_memory().map(|m| m.total).unwrap_or(0),
            table: only.is_none().then(|| live_table(with_io, true)),
            only,
            cmdline: true,
        }
    }

    /// Reads command lines (the default) or not (a view that neither shows nor
    /// searches them, as batch top: one file less per process and refresh).
    pub fn set_cmdline(&mut self, on: bool) {
        if on != self.cmdline {
            self.cmdline = on;
            if let Some(t) = self.table.as_mut() {
                *t = live_table(self.with_io, on);
            }
        }
    }

    /// The handle of a process seen at the last refresh (signals and renice go
    /// through it, so a reused pid is never hit).
    pub fn process(&self, pid: Pid) -> Option<&Process> {
        self.tracked.get(&pid).map(|t| &*t.proc)
    }

    /// Reads the processes now. Processes that vanish meanwhile are skipped; rates are
    /// over the time since the previous refresh (0 on the first). A process first seen
    /// after the first refresh was born during the interval, so its whole counters
    /// count as the interval's.
    pub fn refresh(&mut self) -> Vec<ProcRow> {
        let now = Instant::now();
        let tick = Tick {
            first: self.last.is_none(),
            elapsed: self
                .last
                .map_or(0.0, |l| now.duration_since(l).as_secs_f64()),
        };
        self.last = Some(now);
        if let Some(table) = self.table.as_mut() {
            // process_iter's instances: a process seen before is read through the
            // `/proc/<pid>` handle it was opened with (checked by its inode), so only
            // new processes cost a directory open
            let recs = table.process_iter().unwrap_or_default();
            return self.refresh_from(recs, tick);
        }
        let pids = self.only.clone().unwrap_or_default();
        let mut prev = std::mem::take(&mut self.tracked);
        let mut rows = Vec::with_capacity(pids.len());
        for pid in pids {
            let old = prev.remove(&pid);
            let is_new = old.is_none();
            let mut t = match old {
                Some(t) => t,
                None => match Process::new(pid) {
                    Ok(proc) => Tracked::new(Arc::new(proc)),
                    Err(_) => continue,
                },
            };
            let mut row = self.read_row(&mut t, is_new, tick);
            if row.is_none() && !is_new {
                // Gone, or the pid now belongs to a new process: retry with a fresh
                // handle, the old one being stale.
                let Ok(proc) = Process::new(pid) else {
                    continue;
                };
                t = Tracked::new(Arc::new(proc));
                row = self.read_row(&mut t, true, tick);
            }
            if let Some(row) = row {
                rows.push(row);
                self.tracked.insert(pid, t);
            }
        }
        rows
    }

    /// The rows of a table snapshot: a record whose pid was followed with the same
    /// start time continues that process; any other is a process born since.
    fn refresh_from(&mut self, recs: Vec<(Arc<Process>, ProcessInfo)>, tick: Tick) -> Vec<ProcRow> {
        let extra = Extra::live(self.with_io, self.cmdline);
        let mut prev = std::mem::take(&mut self.tracked);
        let mut rows = Vec::with_capacity(recs.len());
        for (proc, rec) in recs {
            let pid = rec.pid();
            let started = rec.create_time();
            let old = prev.remove(&pid).filter(|t| t.started == started);
            let is_new = old.is_none();
            let mut t = match old {
                Some(mut t) => {
                    t.proc = proc;
                    t
                }
                None => Tracked::new(proc),
            };
            t.started = started;
            let Some(mut info) = ProcInfo::from_record(&t.proc, &rec, extra) else {
                continue;
            };
            if extra.owner_by_dir {
                // USER as procps top and iotop show it: the owner of /proc/<pid>,
                // which the record carries for a process seen before
                info.uid = crate::platform::record_dir_owner(&rec)
                    .or_else(|| crate::platform::proc_owner(pid));
                info.username = info.uid.map(|u| self.users.name(u));
            }
            if let Some(row) = self.row_of(&mut t, info, is_new, tick) {
                rows.push(row);
                self.tracked.insert(pid, t);
            }
        }
        rows
    }

    fn read_row(&mut self, t: &mut Tracked, is_new: bool, tick: Tick) -> Option<ProcRow> {
        // Every read of this row in one oneshot: stat, which most columns come from,
        // is read once.
        let users = &mut self.users;
        let extra = Extra::live(self.with_io, self.cmdline);
        let mut info = t
            .proc
            .oneshot(|p| ProcInfo::read_from(p, extra, |p, uid| Some(users.get(uid, p))))?;
        if extra.owner_by_dir {
            // the same USER as the table's rows
            info.uid = crate::platform::proc_owner(info.pid);
            info.username = info.uid.map(|u| self.users.name(u));
        }
        self.row_of(t, info, is_new, tick)
    }

    /// The row of a process read now; `None` when its `stat` is gone.
    fn row_of(
        &mut self,
        t: &mut Tracked,
        info: ProcInfo,
        is_new: bool,
        tick: Tick,
    ) -> Option<ProcRow> {
        // stat, which every column needs, is gone.
        let times = info.cpu_times?;
        let cpu_secs = info.cpu_total();
        let Tick { first, elapsed: el } = tick;
        let base_cpu = if is_new { 0.0 } else { t.cpu_secs };
        let cpu_pct = if first {
            0.0
        } else {
            rate(base_cpu, cpu_secs, el) * 100.0
        };
        let (io, io_sched) = if self.with_io {
            let sched = io_sched(t, &info, crate::platform::iowait(&times), is_new, tick);
            (info.io.map(|c| io_row(t, c, is_new, tick)), Some(sched))
        } else {
            (None, None)
        };
        t.cpu_secs = cpu_secs;
        let res = info.rss();
        Some(ProcRow {
            cmdline: info.command_line(),
            user: info.username.clone().unwrap_or_else(|| "?".into()),
            cpu_pct,
            mem_pct: if self.total_mem > 0 {
                res as f64 / self.total_mem as f64 * 100.0
            } else {
                0.0
            },
            io,
            io_sched,
            info,
        })
    }
}

/// The table a live view reads every process through: read by the calling thread
/// alone (measured at 1,000 processes, the table's reading threads cost more CPU per
/// frame than they save: their start and the kernel's locks, for a wall time a live
/// view does not need shortened).
fn live_table(with_io: bool, cmdline: bool) -> ProcessTable {
    let mut t = ProcessTable::new(ProcInfo::table_attrs(Extra::live(with_io, cmdline)));
    t.set_threads(std::num::NonZeroUsize::new(1));
    t
}

/// The value of a counter at the previous refresh: 0 for a process born during the
/// interval, else the stored one (or `cur` when there is none).
fn previous<T: Copy>(stored: Option<T>, cur: T, zero: T, is_new: bool) -> T {
    if is_new {
        zero
    } else {
        stored.unwrap_or(cur)
    }
}

/// PRIO, IO and SWAPIN of a process; `blkio` is its block I/O delay in seconds.
fn io_sched(t: &mut Tracked, info: &ProcInfo, blkio: f64, is_new: bool, tick: Tick) -> IoSched {
    let Tick { first, elapsed: el } = tick;
    let prio = io_prio(
        info.ionice,
        info.nice,
        info.ext.as_ref().and_then(|e| e.sched_policy),
    );
    let blkio_prev = previous(t.blkio_prev, blkio, 0.0, is_new);
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
    if let Some(d) = info.delays {
        let swapin = d.swapin_delay_total as f64 / 1e9;
        let prev = previous(t.swapin_prev, swapin, 0.0, is_new);
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
    IoSched {
        prio,
        delay_pct,
        delay_acc_pct,
        swapin_pct,
        swapin_acc_pct,
    }
}

/// A process's read and write rates and totals from its I/O counters.
fn io_row(t: &mut Tracked, c: psutil_rs::ProcessIoCounters, is_new: bool, tick: Tick) -> IoRow {
    let Tick { first, elapsed: el } = tick;
    let cur = crate::platform::io_bytes(&c);
    let prev = previous(t.io_prev, cur, (0, 0), is_new);
    let base = *t.io_base.get_or_insert(if first { cur } else { (0, 0) });
    t.io_prev = Some(cur);
    let per_sec = |p: u64, c: u64| {
        if first {
            0.0
        } else {
            rate(p as f64, c as f64, el)
        }
    };
    IoRow {
        read_rate: per_sec(prev.0, cur.0),
        write_rate: per_sec(prev.1, cur.1),
        read_acc: cur.0.saturating_sub(base.0),
        write_acc: cur.1.saturating_sub(base.1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(target_os = "linux")] // compared with /proc/self/stat
    fn sampler_follows_this_process() {
        let me = std::process::id();
        let mut s = Sampler::new(Some(vec![me, u32::MAX - 1]), true);
        let rows = s.refresh();
        assert_eq!(rows.len(), 1, "the missing pid is skipped");
        assert_eq!(rows[0].pid(), me);
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
        let cpu_secs = rows[0].info.cpu_total();
        assert!((cpu_secs - secs).abs() < 0.5, "{cpu_secs} vs {secs}");
        assert!(rows[0].info.rss() > 0);
        assert!(s.process(me).is_some());
    }

    #[test]
    #[cfg(target_os = "linux")] // pid 1 and /proc
    fn sampler_reads_every_process_through_the_table() {
        let me = std::process::id();
        let mut s = Sampler::new(None, false);
        let rows = s.refresh();
        let pids: std::collections::HashSet<Pid> = rows.iter().map(|r| r.pid()).collect();
        assert!(pids.contains(&me) && pids.contains(&1));
        let listed = psutil_rs::pids().unwrap().len();
        assert!(
            rows.len() + 20 >= listed && rows.len() <= listed + 20,
            "{} / {listed}",
            rows.len()
        );
        let t = Instant::now();
        let mut x = 0u64;
        while t.elapsed().as_millis() < 300 {
            x = x.wrapping_add(std::hint::black_box(1));
        }
        assert!(x > 0);
        let rows = s.refresh();
        let mine = rows.iter().find(|r| r.pid() == me).unwrap();
        // followed across the two snapshots: a rate, not the whole lifetime
        assert!(mine.cpu_pct > 0.0, "{}", mine.cpu_pct);
        let ncpu = psutil_rs::cpu_count().unwrap_or(1) as f64;
        assert!(mine.cpu_pct <= ncpu * 100.0 + 10.0, "{}", mine.cpu_pct);
        assert!(mine.info.priority().is_some(), "PR from stat");
        assert!(s.process(me).is_some());
    }
}
