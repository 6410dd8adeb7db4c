//! Statistics and the Markdown report.

use std::fmt::Write;

use crate::workload::Mix;
use crate::Opts;

/// A contender's state for one snapshot.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// Measured.
    Ok,
    /// The contender has no API for this snapshot.
    Na(String),
    /// The contender could not be started (e.g. the Python module is not installed).
    Unavailable(String),
    /// It failed.
    Err(String),
}

/// One contender on one snapshot.
#[derive(Debug, Clone)]
pub struct Slot {
    /// Contender name.
    pub contender: String,
    /// Snapshot letter.
    pub snap: char,
    /// State.
    pub status: Status,
    /// (wall ns, CPU ns, of which system/kernel ns) per timed round.
    pub samples: Vec<(u64, u64, u64)>,
    /// Items produced per timed round.
    pub counts: Vec<usize>,
    /// What the contender could not cover.
    pub missing: String,
    /// VmRSS right after start-up, kB.
    pub idle_kb: u64,
    /// Peak RSS (VmHWM, or ru_maxrss for whole processes), kB.
    pub peak_kb: u64,
    /// Version line reported by the contender.
    pub version: String,
}

/// The `q`-quantile (0..=1) of sorted values, linear interpolation.
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let pos = q * (sorted.len() - 1) as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    let (a, b) = (
        sorted.get(lo).copied().unwrap_or(f64::NAN),
        sorted.get(hi).copied().unwrap_or(f64::NAN),
    );
    a + (b - a) * (pos - lo as f64)
}

impl Slot {
    /// One measure of every sample, sorted, in ms: 0 wall, 1 CPU, 2 system CPU.
    fn sorted(&self, which: usize) -> Vec<f64> {
        let mut v: Vec<f64> = self
            .samples
            .iter()
            .map(|&(w, c, k)| [w, c, k].get(which).copied().unwrap_or(0) as f64 / 1e6)
            .collect();
        v.sort_by(f64::total_cmp);
        v
    }
    /// Median wall time, ms (NaN when not measured).
    pub fn median(&self) -> f64 {
        quantile(&self.sorted(0), 0.5)
    }
    /// Median CPU time, ms.
    pub fn cpu_median(&self) -> f64 {
        quantile(&self.sorted(1), 0.5)
    }
    /// Median item count.
    pub fn count(&self) -> Option<usize> {
        let mut c = self.counts.clone();
        c.sort_unstable();
        c.get(c.len() / 2).copied()
    }
    fn measured(&self) -> bool {
        self.status == Status::Ok && !self.samples.is_empty()
    }
}

/// Facts about the machine at one moment.
pub struct Machine {
    nproc: usize,
    kernel: String,
    cpu: String,
    mem_gib: f64,
    load: String,
}

impl Machine {
    /// Reads /proc now.
    pub fn now() -> Machine {
        let read = |p: &str| std::fs::read_to_string(p).unwrap_or_default();
        let cpuinfo = read("/proc/cpuinfo");
        let cpu = cpuinfo
            .lines()
            .find_map(|l| {
                l.strip_prefix("model name")?
                    .split_once(':')
                    .map(|x| x.1.trim())
            })
            .unwrap_or("?")
            .to_string();
        let mem_kb: f64 = read("/proc/meminfo")
            .lines()
            .find_map(|l| {
                l.strip_prefix("MemTotal:")?
                    .split_whitespace()
                    .next()?
                    .parse()
                    .ok()
            })
            .unwrap_or(0.0);
        Machine {
            nproc: std::thread::available_parallelism().map_or(0, |n| n.get()),
            kernel: read("/proc/sys/kernel/osrelease").trim().to_string(),
            cpu,
            mem_gib: mem_kb / (1024.0 * 1024.0),
            load: read("/proc/loadavg")
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" "),
        }
    }
}

/// The locked version of a crate, from the workspace's Cargo.lock.
fn locked_version(name: &str) -> String {
    let lock = include_str!("../../Cargo.lock");
    let needle = format!("name = \"{name}\"\n");
    lock.split("[[package]]")
        .find(|p| p.contains(&needle))
        .and_then(|p| p.lines().find_map(|l| l.strip_prefix("version = ")))
        .map_or("?".into(), |v| v.trim_matches('"').to_string())
}

const SNAP_TITLES: [(char, &str); 4] = [
    (
        'a',
        "(a) process table: pid, ppid, name, cmdline, status, username, create_time, cpu_times, memory_info, num_threads",
    ),
    (
        'b',
        "(b) system: cpu_times percpu, virtual_memory, swap, disk_io_counters perdisk, net_io_counters pernic, disk partitions + usage, boot_time, users",
    ),
    ('c', "(c) net_connections('inet') with pids"),
    ('d', "(d) memory_full_info + memory_maps of the large process"),
];

fn find<'a>(slots: &'a [Slot], name: &str, snap: char) -> Option<&'a Slot> {
    slots
        .iter()
        .find(|s| s.contender == name && s.snap == snap && s.measured())
}

fn fmt_ratio(x: f64) -> String {
    if x.is_finite() {
        format!("{x:.2}x")
    } else {
        "–".into()
    }
}

/// Milliseconds with three significant digits at least one decimal.
fn ms(x: f64) -> String {
    if x < 1.0 {
        format!("{x:.3}")
    } else if x < 10.0 {
        format!("{x:.2}")
    } else {
        format!("{x:.1}")
    }
}

fn mib(kb: u64) -> String {
    if kb == 0 {
        "–".into()
    } else {
        format!("{:.1}", kb as f64 / 1024.0)
    }
}

/// The Markdown report.
pub fn render(
    o: &Opts,
    m0: &Machine,
    m1: &Machine,
    mix: &Mix,
    big_pid: u32,
    slots: &[Slot],
) -> String {
    let mut r = String::new();
    let _ = writeln!(r, "## Run\n");
    let _ = writeln!(r, "- command: `{}`", o.command.trim());
    let _ = writeln!(
        r,
        "- machine: {} CPUs ({}), kernel {}, {:.1} GiB RAM; load average {} at start, {} at end",
        m0.nproc, m0.cpu, m0.kernel, m0.mem_gib, m0.load, m1.load
    );
    let _ = writeln!(
        r,
        "- workload: {} processes = {} plain sleepers, {} with 2–8 threads ({} threads), {} with 1–16 KiB cmdlines, {} zombies, 1 large process (pid {big_pid}: {} MiB touched heap + {} one-page mappings; {} TCP listeners, {} UDP sockets, {} connected TCP pairs)",
        o.procs,
        mix.plain,
        mix.threaded,
        mix.threads_total,
        mix.long_cmdline,
        mix.zombies,
        o.big_mib,
        o.big_maps,
        o.sockets,
        o.sockets,
        o.sockets.div_ceil(2)
    );
    let _ = writeln!(
        r,
        "- rounds: {} timed after 1 warm-up, contenders interleaved (order rotated every round), each contender in its own process per snapshot",
        o.rounds
    );
    let mut versions = vec![
        format!("sysinfo {}", locked_version("sysinfo")),
        format!("procfs {}", locked_version("procfs")),
    ];
    for py in ["psutil", "psutil_rs"] {
        if let Some(s) = slots
            .iter()
            .find(|s| s.contender == py && !matches!(s.status, Status::Unavailable(_)))
        {
            if !s.version.is_empty() {
                versions.push(format!("{py} {}", s.version));
            }
        }
    }
    let _ = writeln!(r, "- versions: {}", versions.join(", "));
    let _ = writeln!(
        r,
        "\nTimes are wall-clock ms per snapshot (median, p10, p90) and process CPU ms (median user + system time; for ps/ss of the whole process), \
         of which system (kernel) ms. `x floor` and `x psutil-rs` are ratios of wall-clock medians in this run (> 1 = slower), `CPU x floor` the ratio of CPU medians \
         (steadier on a loaded machine). Peak RSS: VmHWM of the contender's own process for this snapshot \
         (ru_maxrss for ps/ss); idle: VmRSS right after start-up. Items: processes (a), partitions with usage (b), connections (c), mappings (d).\n"
    );
    for (snap, title) in SNAP_TITLES {
        if !o.snaps.contains(&snap) {
            continue;
        }
        let floor = find(slots, "floor", snap).map_or(f64::NAN, Slot::median);
        let floor_cpu = find(slots, "floor", snap).map_or(f64::NAN, Slot::cpu_median);
        let ours = find(slots, "psutil-rs", snap).map_or(f64::NAN, Slot::median);
        let _ = writeln!(r, "### {title}\n");
        let _ = writeln!(
            r,
            "| contender | median ms | p10 | p90 | CPU ms | sys ms | x floor | CPU x floor | x psutil-rs | peak RSS MiB | idle RSS MiB | items | notes |"
        );
        let _ = writeln!(
            r,
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
        );
        for s in slots.iter().filter(|s| s.snap == snap) {
            match &s.status {
                Status::Ok if !s.samples.is_empty() => {
                    let w = s.sorted(0);
                    let c = s.sorted(1);
                    let k = s.sorted(2);
                    let med = quantile(&w, 0.5);
                    let _ = writeln!(
                        r,
                        "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                        s.contender,
                        ms(med),
                        ms(quantile(&w, 0.1)),
                        ms(quantile(&w, 0.9)),
                        ms(quantile(&c, 0.5)),
                        ms(quantile(&k, 0.5)),
                        fmt_ratio(med / floor),
                        fmt_ratio(quantile(&c, 0.5) / floor_cpu),
                        fmt_ratio(med / ours),
                        mib(s.peak_kb),
                        mib(s.idle_kb),
                        s.count().map_or("–".into(), |c| c.to_string()),
                        if s.missing.is_empty() { "" } else { &s.missing },
                    );
                }
                Status::Na(why) if why.contains("only measured") => {}
                Status::Ok => {
                    let _ = writeln!(
                        r,
                        "| {} | – | | | | | | | | | | | no samples |",
                        s.contender
                    );
                }
                Status::Na(why) => {
                    let _ = writeln!(r, "| {} | n/a | | | | | | | | | | | {why} |", s.contender);
                }
                Status::Unavailable(why) => {
                    let _ = writeln!(
                        r,
                        "| {} | unavailable | | | | | | | | | | | {why} |",
                        s.contender
                    );
                }
                Status::Err(e) => {
                    let _ = writeln!(
                        r,
                        "| {} | error | | | | | | | | | | | {} |",
                        s.contender,
                        e.replace('|', "/")
                    );
                }
            }
        }
        let _ = writeln!(r);
    }
    r.push_str(&targets(slots));
    r
}

/// The targets, evaluated on this run's medians.
fn targets(slots: &[Slot]) -> String {
    // (wall median, CPU median) in ms.
    let med = |n: &str, s: char| find(slots, n, s).map(|x| (x.median(), x.cpu_median()));
    type Row = (String, Option<(f64, f64)>, String, Option<bool>);
    let mut rows: Vec<Row> = Vec::new();
    let mut ratio =
        |what: &str, a: Option<(f64, f64)>, b: Option<(f64, f64)>, goal: f64, at_least: bool| {
            let v = match (a, b) {
                (Some(a), Some(b)) if b.0 > 0.0 && b.1 > 0.0 => Some((a.0 / b.0, a.1 / b.1)),
                _ => None,
            };
            let ok = v.map(|(w, _)| if at_least { w >= goal } else { w <= goal });
            let goal = format!("{} {goal}", if at_least { "≥" } else { "≤" });
            rows.push((what.to_string(), v, goal, ok));
        };
    ratio(
        "(a) psutil-rs / floor",
        med("psutil-rs", 'a'),
        med("floor", 'a'),
        1.0,
        false,
    );
    ratio(
        "(a) sysinfo / psutil-rs",
        med("sysinfo", 'a'),
        med("psutil-rs", 'a'),
        2.0,
        true,
    );
    ratio(
        "(a) sysinfo-mt (threads) / psutil-rs",
        med("sysinfo-mt", 'a'),
        med("psutil-rs", 'a'),
        2.0,
        true,
    );
    ratio(
        "(a) procfs / psutil-rs",
        med("procfs", 'a'),
        med("psutil-rs", 'a'),
        2.0,
        true,
    );
    ratio(
        "(a) psutil / psutil_rs (Python)",
        med("psutil", 'a'),
        med("psutil_rs", 'a'),
        6.0,
        true,
    );
    ratio(
        "(b) psutil / psutil-rs",
        med("psutil", 'b'),
        med("psutil-rs", 'b'),
        3.0,
        true,
    );
    ratio(
        "(b) psutil-rs / sysinfo",
        med("psutil-rs", 'b'),
        med("sysinfo", 'b'),
        1.0,
        false,
    );
    ratio(
        "(b) psutil-rs / procfs",
        med("psutil-rs", 'b'),
        med("procfs", 'b'),
        1.0,
        false,
    );
    ratio(
        "(c) psutil / psutil-rs",
        med("psutil", 'c'),
        med("psutil-rs", 'c'),
        1.5,
        true,
    );
    for snap in ['a', 'b', 'c', 'd'] {
        let rss = |n: &str| find(slots, n, snap).map(|s| (s.peak_kb as f64, s.peak_kb as f64));
        if rss("sysinfo").is_some() {
            ratio(
                &format!("({snap}) peak RSS psutil-rs / sysinfo"),
                rss("psutil-rs"),
                rss("sysinfo"),
                1.0,
                false,
            );
        }
    }
    let mut r = String::from(
        "### Targets (issue 6), from this run's medians\n\n\
         `met` judges the wall-clock ratio; the CPU-time ratio is given too, as it is steadier on a loaded machine.\n\n\
         | target | wall ratio | CPU ratio | goal | met |\n|---|---:|---:|---|---|\n",
    );
    for (what, v, goal, ok) in rows {
        let _ = writeln!(
            r,
            "| {what} | {} | {} | {goal} | {} |",
            v.map_or("–".into(), |v| format!("{:.2}", v.0)),
            v.map_or("–".into(), |v| format!("{:.2}", v.1)),
            match ok {
                Some(true) => "yes",
                Some(false) => "**no**",
                None => "not measured",
            }
        );
    }
    r
}

/// The report's per-call section: py/percall.py's table (every psutil function and
/// Process method, psutil vs psutil_rs), or why it is missing.
pub fn per_call(result: &Result<String, String>) -> String {
    let mut r = String::from(
        "\n### Per call: psutil vs psutil_rs (issue 4), from py/percall.py\n\n\
         Each call timed in one Python process, the two packages interleaved; the best \
         loop of each; ratio > 1: psutil_rs is faster.\n\n",
    );
    match result {
        Ok(table) => r.push_str(table.trim_end()),
        Err(why) => {
            let _ = write!(r, "not measured: {why}");
        }
    }
    r.push('\n');
    r
}

/// One TSV line per contender and snapshot:
/// contender, snapshot, status, samples, median ms, median items, peak kB.
pub fn tsv(slots: &[Slot]) -> String {
    let mut r = String::from("contender\tsnapshot\tstatus\tsamples\tmedian_ms\titems\tpeak_kb\n");
    for s in slots {
        let status = match &s.status {
            Status::Ok => "ok",
            Status::Na(_) => "na",
            Status::Unavailable(_) => "unavailable",
            Status::Err(_) => "error",
        };
        let _ = writeln!(
            r,
            "{}\t{}\t{status}\t{}\t{:.3}\t{}\t{}",
            s.contender,
            s.snap,
            s.samples.len(),
            s.median(),
            s.count().map_or("-".into(), |c| c.to_string()),
            s.peak_kb
        );
    }
    r
}
