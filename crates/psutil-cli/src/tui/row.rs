//! One row of `psutil top` and `psutil iotop`: a process's attributes ([`ProcInfo`],
//! the model ps shares) with what a live view derives from two refreshes (rates,
//! percentages, I/O delays), and the pure functions behind them.

use psutil_rs::{Pid, Status};

use crate::procinfo::ProcInfo;

/// One process at one refresh.
#[derive(Debug, Clone)]
pub struct ProcRow {
    /// The process's attributes, read at this refresh.
    pub info: ProcInfo,
    /// The command line on one line, or `[name]` when empty (kernel threads).
    pub cmdline: String,
    /// Owner's user name (`?` when the uid is unreadable).
    pub user: String,
    /// CPU seconds per wall second since the previous refresh, × 100 (can exceed 100).
    pub cpu_pct: f64,
    /// RES as a share of physical memory, percent.
    pub mem_pct: f64,
    /// Disk I/O (iotop only; `None` when not sampled or not readable).
    pub io: Option<IoRow>,
    /// I/O priority and block I/O delay (iotop only).
    pub io_sched: Option<IoSched>,
}

impl ProcRow {
    /// Process id.
    pub fn pid(&self) -> Pid {
        self.info.pid
    }

    /// Parent pid (0 when unknown).
    pub fn ppid(&self) -> Pid {
        self.info.ppid.unwrap_or(0)
    }

    /// (read, write) of the I/O as rates or as accumulated bytes; (0, 0) without I/O.
    pub fn io_values(&self, accumulated: bool) -> (f64, f64) {
        self.io
            .as_ref()
            .map(|i| i.values(accumulated))
            .unwrap_or((0.0, 0.0))
    }
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
pub fn io_prio(
    io: Option<crate::platform::IoNice>,
    nice: Option<i32>,
    policy: Option<u32>,
) -> String {
    use crate::platform::IoClass;
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

/// Per-second rate of a counter between two readings; a counter that went backwards
/// (reset) or no elapsed time gives 0.
pub fn rate(prev: f64, cur: f64, elapsed: f64) -> f64 {
    if elapsed > 0.0 && cur > prev {
        (cur - prev) / elapsed
    } else {
        0.0
    }
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
        match r.info.status {
            Some(Status::Running) => c.running += 1,
            Some(Status::Sleeping | Status::DiskSleep | Status::Idle) => c.sleeping += 1,
            Some(Status::Stopped | Status::TracingStop) => c.stopped += 1,
            Some(Status::Zombie) => c.zombie += 1,
            _ => {}
        }
    }
    c
}

/// Rows for the unit tests: this process's attributes under other pids and names.
#[cfg(test)]
pub mod testing {
    use super::*;

    /// A row for `pid` (child of `ppid`) named `name`, owned by root, with no CPU time,
    /// no memory and a sleeping state.
    pub fn row(pid: Pid, ppid: Pid, name: &str) -> ProcRow {
        let mut info = ProcInfo::read(std::process::id()).expect("this process");
        info.pid = pid;
        info.ppid = Some(ppid);
        info.name = name.into();
        info.status = Some(Status::Sleeping);
        set_cpu_secs(&mut info, 0.0);
        set_rss(&mut info, 0);
        ProcRow {
            info,
            cmdline: format!("/usr/bin/{name} --flag"),
            user: "root".into(),
            cpu_pct: 0.0,
            mem_pct: 0.0,
            io: None,
            io_sched: None,
        }
    }

    /// Sets user + system CPU seconds (all of it user time).
    pub fn set_cpu_secs(info: &mut ProcInfo, secs: f64) {
        if let Some(t) = info.cpu_times.as_mut() {
            t.user = secs;
            t.system = 0.0;
        }
    }

    /// Sets the resident size.
    pub fn set_rss(info: &mut ProcInfo, bytes: u64) {
        if let Some(m) = info.memory.as_mut() {
            m.rss = bytes;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::row;
    use super::*;

    #[test]
    fn rates() {
        assert_eq!(rate(1.0, 3.0, 2.0), 1.0);
        assert_eq!(rate(3.0, 1.0, 2.0), 0.0, "counter reset");
        assert_eq!(rate(1.0, 3.0, 0.0), 0.0, "no time");
    }

    #[test]
    fn io_prio_like_iotop() {
        use crate::platform::{IoClass, IoNice};
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
    fn counts() {
        let mut rows: Vec<ProcRow> = (1..=4).map(|p| row(p, 0, "x")).collect();
        rows[0].info.status = Some(Status::Running);
        rows[1].info.status = Some(Status::Zombie);
        rows[2].info.status = Some(Status::Stopped);
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
}
