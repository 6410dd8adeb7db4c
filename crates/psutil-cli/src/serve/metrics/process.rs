//! Process-group metrics: the processes of one scrape of the table, put in groups by
//! the configured rule ([`Grouping`](crate::serve::config::Grouping)), at most
//! `max_groups` of them plus `other`.
//!
//! | family | type | from |
//! | --- | --- | --- |
//! | `psutil_process_group_cpu_seconds_total{group,mode="user"\|"system"}` | counter | `/proc/<pid>/stat` |
//! | `psutil_process_group_read_bytes_total{group}`, `..._written_bytes_total` | counter | `/proc/<pid>/io` (`read_bytes`, `write_bytes`) |
//! | `psutil_process_group_resident_memory_bytes{group}`, `..._virtual_memory_bytes` | gauge | `/proc/<pid>/statm` |
//! | `psutil_process_group_open_fds{group}` | gauge | `/proc/<pid>/fd` |
//! | `psutil_process_group_threads{group}` | gauge | `/proc/<pid>/stat` |
//! | `psutil_process_group_processes{group}` | gauge | the table |
//! | `psutil_process_group_oldest_start_time_seconds{group}` | gauge | `/proc/<pid>/stat` + boot time |
//!
//! The counters stay monotonic when members exit: the last values seen of a process
//! that is gone are added to its group's total (as process-exporter does). A group is
//! admitted the first time it is seen while fewer than `max_groups` are; when the limit
//! is reached, a group without processes gives its place (the one idle longest), and
//! otherwise the newcomer counts in `other`. Values a process does not let us read
//! (`/proc/<pid>/io` and `fd` of another user's process without privileges) count as 0.

use std::collections::HashMap;

use psutil_rs::{Attr, IndexMap, Pid, ProcessInfo, Value};

use super::sink::{labels, Sink};

/// The group of processes beyond `max_groups`.
pub const OTHER: &str = "other";

/// The counters of one process or of a group's exited processes.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Counters {
    /// User CPU seconds.
    pub user: f64,
    /// System CPU seconds.
    pub system: f64,
    /// Bytes read from storage.
    pub read: f64,
    /// Bytes written to storage.
    pub written: f64,
}

impl Counters {
    fn add(&mut self, o: &Counters) {
        self.user += o.user;
        self.system += o.system;
        self.read += o.read;
        self.written += o.written;
    }

    /// The counters of one table record (0 where not read).
    pub fn of(info: &ProcessInfo) -> Counters {
        let (user, system) = info.cpu_times().map_or((0.0, 0.0), |t| (t.user, t.system));
        let (read, written) = match info.get(Attr::IoCounters) {
            Some(Ok(Value::IoCounters(io))) => (io.read_bytes as f64, io.write_bytes as f64),
            _ => (0.0, 0.0),
        };
        Counters {
            user,
            system,
            read,
            written,
        }
    }
}

/// A group's state kept across scrapes.
#[derive(Debug, Default)]
struct Admitted {
    exited: Counters,
    /// The scrape number in which the group last had a process.
    last_live: u64,
}

/// The grouping state kept across scrapes.
#[derive(Debug)]
pub struct Groups {
    max: usize,
    scrape: u64,
    admitted: IndexMap<String, Admitted>,
    /// The last counters of each live process (pid, create time) and its group.
    last: HashMap<(Pid, u64), (String, Counters)>,
}

/// One process of a scrape with the group key the rule gave it (`None`: not exported,
/// a cmdline rule that did not match).
pub struct Member<'a> {
    /// The record.
    pub info: &'a ProcessInfo,
    /// The group key.
    pub key: Option<String>,
}

#[derive(Default)]
struct Live {
    counters: Counters,
    rss: f64,
    vms: f64,
    fds: f64,
    threads: f64,
    procs: f64,
    oldest: Option<f64>,
}

impl Groups {
    /// No groups yet; at most `max` besides `other`.
    pub fn new(max: usize) -> Groups {
        Groups {
            max,
            scrape: 0,
            admitted: IndexMap::new(),
            last: HashMap::new(),
        }
    }

    /// The group `key` counts in this scrape: itself when admitted (or admissible),
    /// `other` otherwise.
    fn admit(&mut self, key: &str) -> String {
        if let Some(a) = self.admitted.get_mut(key) {
            a.last_live = self.scrape;
            return key.to_string();
        }
        // `other` is one of the admitted and does not count against `max`.
        if self.admitted.len() > self.max {
            let idle = self
                .admitted
                .iter()
                .filter(|(_, a)| a.last_live < self.scrape)
                .min_by_key(|(_, a)| a.last_live)
                .map(|(k, _)| k.clone());
            match idle {
                Some(k) => {
                    self.admitted.shift_remove(&k);
                }
                None => return OTHER.to_string(),
            }
        }
        self.admitted.insert(
            key.to_string(),
            Admitted {
                exited: Counters::default(),
                last_live: self.scrape,
            },
        );
        key.to_string()
    }

    /// Groups `members` and writes the group families.
    pub fn collect(&mut self, members: &[Member<'_>], s: &mut Sink) {
        self.scrape += 1;
        let mut live: IndexMap<String, Live> = IndexMap::new();
        let mut now: HashMap<(Pid, u64), (String, Counters)> = HashMap::new();
        // `other` first, so a key named "other" cannot be admitted separately.
        self.admitted
            .entry(OTHER.to_string())
            .or_default()
            .last_live = self.scrape;
        for m in members {
            let Some(key) = &m.key else { continue };
            let group = self.admit(key);
            let c = Counters::of(m.info);
            let ctime = m.info.create_time().unwrap_or(0.0);
            now.insert((m.info.pid(), ctime.to_bits()), (group.clone(), c));
            let g = live.entry(group).or_default();
            g.counters.add(&c);
            g.procs += 1.0;
            if let Some(mi) = m.info.memory_info() {
                g.rss += mi.rss as f64;
                g.vms += mi.vms as f64;
            }
            if let Some(Ok(Value::Count(n))) = m.info.get(Attr::NumFds) {
                g.fds += *n as f64;
            }
            g.threads += m.info.num_threads().unwrap_or(0) as f64;
            if ctime > 0.0 {
                g.oldest = Some(g.oldest.map_or(ctime, |o: f64| o.min(ctime)));
            }
        }
        for (id, (group, c)) in self.last.drain() {
            if !now.contains_key(&id) {
                if let Some(a) = self.admitted.get_mut(&group) {
                    a.exited.add(&c);
                }
            }
        }
        self.last = now;
        self.write(&live, s);
    }

    fn write(&self, live: &IndexMap<String, Live>, s: &mut Sink) {
        let empty = Live::default();
        for (group, a) in &self.admitted {
            let g = live.get(group).unwrap_or(&empty);
            let l = || labels(&[("group", group)]);
            let mut c = a.exited;
            c.add(&g.counters);
            const CPU: &str = "CPU seconds of the group's processes, live and exited.";
            s.counter(
                "psutil_process_group_cpu_seconds",
                CPU,
                labels(&[("group", group), ("mode", "user")]),
                c.user,
            );
            s.counter(
                "psutil_process_group_cpu_seconds",
                CPU,
                labels(&[("group", group), ("mode", "system")]),
                c.system,
            );
            s.counter(
                "psutil_process_group_read_bytes",
                "Bytes the group's processes read from storage.",
                l(),
                c.read,
            );
            s.counter(
                "psutil_process_group_written_bytes",
                "Bytes the group's processes wrote to storage.",
                l(),
                c.written,
            );
            s.gauge(
                "psutil_process_group_resident_memory_bytes",
                "Resident memory of the group's processes (sum of RSS).",
                l(),
                g.rss,
            );
            s.gauge(
                "psutil_process_group_virtual_memory_bytes",
                "Virtual memory of the group's processes (sum of VMS).",
                l(),
                g.vms,
            );
            s.gauge(
                "psutil_process_group_open_fds",
                "Open file descriptors.",
                l(),
                g.fds,
            );
            s.gauge("psutil_process_group_threads", "Threads.", l(), g.threads);
            s.gauge(
                "psutil_process_group_processes",
                "Processes in the group.",
                l(),
                g.procs,
            );
            if let Some(t) = g.oldest {
                s.gauge(
                    "psutil_process_group_oldest_start_time_seconds",
                    "Start time of the group's oldest process, seconds since the epoch.",
                    l(),
                    t,
                );
            }
        }
    }
}
