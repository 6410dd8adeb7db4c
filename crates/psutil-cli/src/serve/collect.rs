//! One scrape's read of the system ([`Collector::read`]) and the single flight that
//! shares it ([`Shared::scrape`]): a scrape that arrives while a read is in progress
//! waits for that read and serves its result, so N concurrent scrapes cost one read.

use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Instant;

use psutil_rs::os::linux::Root;
use psutil_rs::{Attr, AttrSet, Pid, ProcessInfo, ProcessTable};

use super::config::{Config, Grouping};
use super::metrics::process::{Groups, Member};
use super::metrics::sink::Sink;
use super::metrics::{cgroup, system};
use super::statvfs::Statvfs;

/// The state kept across scrapes: the process table (its buffers are reused) and the
/// process groups.
pub struct Collector {
    cfg: Config,
    table: ProcessTable,
    groups: Groups,
    reads: u64,
    statvfs: Statvfs,
    /// Each live process's cgroup path, by (pid, start time): read when the process is
    /// first seen and kept while it lives (a process moved to another cgroup later
    /// keeps its first one), so a scrape reads `/proc/<pid>/cgroup` only for new
    /// processes.
    cgroup_paths: HashMap<(Pid, u64), Option<String>>,
}

/// The result of one read: the OpenMetrics text, or why the read failed.
pub type Scrape = Arc<Result<String, String>>;

impl Collector {
    /// A collector with the settings of `cfg`.
    pub fn new(cfg: Config) -> Collector {
        let mut attrs = AttrSet::default();
        // The start time keeps a process's cgroup path across scrapes (pid + start).
        attrs.insert(Attr::CreateTime);
        if !matches!(cfg.grouping, Grouping::Off) {
            for a in [
                Attr::Name,
                Attr::CpuTimes,
                Attr::MemoryInfo,
                Attr::NumFds,
                Attr::NumThreads,
                Attr::IoCounters,
            ] {
                attrs.insert(a);
            }
        }
        // Only the rule's own attribute: each is one more file per process.
        match cfg.grouping {
            Grouping::Cmdline(_) => attrs.insert(Attr::Cmdline),
            Grouping::User => attrs.insert(Attr::Username),
            // The parent tells kernel threads apart (`stat`, read anyway).
            Grouping::Name => attrs.insert(Attr::Ppid),
            Grouping::Cgroup | Grouping::Off => {}
        }
        let groups = Groups::new(cfg.max_groups);
        let statvfs = Statvfs::new(cfg.statvfs_timeout);
        Collector {
            cfg,
            table: ProcessTable::new(attrs),
            groups,
            reads: 0,
            statvfs,
            cgroup_paths: HashMap::new(),
        }
    }

    /// Reads the system once: system families, process groups, cgroups and the
    /// exporter's own, as OpenMetrics text.
    pub fn read(&mut self) -> Result<String, String> {
        let t0 = Instant::now();
        self.reads += 1;
        let root = Root::current();
        let mut s = Sink::new();
        system::collect(&root, &self.statvfs, &mut s);
        let groups_on = !matches!(self.cfg.grouping, Grouping::Off);
        let table_on = groups_on || self.cfg.max_cgroups > 0;
        let recs = if table_on {
            self.table.snapshot()
        } else {
            Ok(Vec::new())
        };
        let procs_ok = recs.is_ok();
        let recs = recs.unwrap_or_default();
        let need_cgroups =
            self.cfg.max_cgroups > 0 || matches!(self.cfg.grouping, Grouping::Cgroup);
        let mut known = std::mem::take(&mut self.cgroup_paths);
        let paths: Vec<Option<String>> = recs
            .iter()
            .map(|r| {
                if !need_cgroups {
                    return None;
                }
                let id = (r.pid(), r.create_time().unwrap_or(0.0).to_bits());
                let path = known
                    .remove(&id)
                    .unwrap_or_else(|| cgroup::path_of(&root, r.pid()));
                self.cgroup_paths.insert(id, path.clone());
                path
            })
            .collect();
        drop(known);
        let members: Vec<Member<'_>> = recs
            .iter()
            .zip(&paths)
            .map(|(r, p)| Member {
                info: r,
                key: group_key(&self.cfg.grouping, r, p.as_deref()),
            })
            .collect();
        if groups_on {
            self.groups.collect(&members, &mut s);
        }
        if self.cfg.max_cgroups > 0 {
            let pids: Vec<_> = recs
                .iter()
                .zip(paths)
                .filter_map(|(r, p)| Some((r.pid(), p?)))
                .collect();
            cgroup::collect(&root, &pids, self.cfg.max_cgroups, &mut s);
        }
        if table_on {
            s.gauge(
                "psutil_exporter_collector_success",
                "Whether a collector's source could be read in this scrape (1) or not (0).",
                super::metrics::sink::labels(&[("collector", "processes")]),
                if procs_ok { 1.0 } else { 0.0 },
            );
            s.gauge(
                "psutil_exporter_processes",
                "Processes in this scrape's table.",
                Vec::new(),
                recs.len() as f64,
            );
        }
        s.counter(
            "psutil_exporter_reads",
            "Reads of the system since start; concurrent scrapes share one read.",
            Vec::new(),
            self.reads as f64,
        );
        s.gauge(
            "psutil_exporter_read_duration_seconds",
            "How long this scrape's read of the system took.",
            Vec::new(),
            t0.elapsed().as_secs_f64(),
        );
        s.openmetrics()
            .map_err(|e| format!("encoding the metrics: {e}"))
    }
}

/// The group of the kernel threads under `group_by: name`.
pub const KERNEL_THREADS: &str = "[kernel]";

/// Whether `r` is a kernel thread: `kthreadd` (pid 2) or one of its children, with no
/// address space (`statm` all zeros). Their names (`kworker/0:1-events`, one per CPU and
/// work item, changing as the work does) would otherwise take every group's place. The
/// address-space check keeps a container's own pid 2 and its children out.
fn is_kernel_thread(r: &ProcessInfo) -> bool {
    let under_kthreadd = r.pid() == 2 || r.ppid() == Some(2);
    under_kthreadd && r.memory_info().is_some_and(|m| m.vms == 0)
}

/// The group of `r` under `rule` (`None`: not exported).
fn group_key(rule: &Grouping, r: &ProcessInfo, cgroup: Option<&str>) -> Option<String> {
    match rule {
        Grouping::Name if is_kernel_thread(r) => Some(KERNEL_THREADS.to_string()),
        Grouping::Name => Some(r.name().map_or_else(
            || "unknown".to_string(),
            |n| n.to_string_lossy().into_owned(),
        )),
        Grouping::User => Some(r.username().unwrap_or("unknown").to_string()),
        Grouping::Cgroup => Some(cgroup.unwrap_or("unknown").to_string()),
        Grouping::Off => None,
        Grouping::Cmdline(re) => {
            let line = r
                .cmdline()?
                .iter()
                .map(|a| a.to_string_lossy())
                .collect::<Vec<_>>()
                .join(" ");
            let caps = re.captures(&line)?;
            let m = caps.name("name").or_else(|| caps.get(1))?;
            Some(m.as_str().to_string())
        }
    }
}

/// The single flight: the collector, and the result of the read in progress.
pub struct Shared {
    collector: Mutex<Collector>,
    flight: Mutex<Flight>,
    done: Condvar,
}

#[derive(Default)]
struct Flight {
    running: bool,
    generation: u64,
    last: Option<Scrape>,
}

impl Shared {
    /// A single flight around `collector`.
    pub fn new(collector: Collector) -> Shared {
        Shared {
            collector: Mutex::new(collector),
            flight: Mutex::new(Flight::default()),
            done: Condvar::new(),
        }
    }

    /// The metrics for one scrape: this caller's own read, or the one in progress
    /// when it arrived; `true` when this caller made the read.
    pub fn scrape(&self) -> (Scrape, bool) {
        let poisoned = || Arc::new(Err("exporter state poisoned by an earlier failure".into()));
        let Ok(mut f) = self.flight.lock() else {
            return (poisoned(), false);
        };
        if f.running {
            let gen = f.generation;
            while f.running && f.generation == gen {
                f = match self.done.wait(f) {
                    Ok(f) => f,
                    Err(_) => return (poisoned(), false),
                };
            }
            return (f.last.clone().unwrap_or_else(poisoned), false);
        }
        f.running = true;
        drop(f);
        let result: Scrape = Arc::new(match self.collector.lock() {
            Ok(mut c) => c.read(),
            Err(_) => Err("exporter state poisoned by an earlier failure".into()),
        });
        if let Ok(mut f) = self.flight.lock() {
            f.running = false;
            f.generation += 1;
            f.last = Some(result.clone());
        }
        self.done.notify_all();
        (result, true)
    }
}
