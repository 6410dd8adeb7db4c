//! The CPU functions against /proc/stat and sysfs read directly, nproc, lscpu, psutil,
//! and hand-written fixture trees (each commented with the kernel it imitates).

use std::collections::BTreeSet;
use std::time::Duration;

use psutil_rs::CpuFreq;

use crate::util::*;

mod arm;
mod freq;
mod percent;

const FIELDS: [&str; 10] = [
    "user",
    "nice",
    "system",
    "idle",
    "iowait",
    "irq",
    "softirq",
    "steal",
    "guest",
    "guest_nice",
];

fn clk_tck() -> f64 {
    run("getconf", &["CLK_TCK"]).trim().parse().unwrap()
}

/// The `cpu` lines of /proc/stat, read here independently: label and raw tick values.
fn proc_stat_cpu_lines() -> Vec<(String, Vec<u64>)> {
    std::fs::read_to_string("/proc/stat")
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("cpu"))
        .map(|l| {
            let mut w = l.split_whitespace();
            let label = w.next().unwrap().to_string();
            (label, w.map(|x| x.parse().unwrap()).collect())
        })
        .collect()
}

/// Asserts `lo <= x <= hi` (with `slack`) for every field: the value read by the other
/// side between our two reads of monotonic counters.
#[track_caller]
fn between(
    what: &str,
    lo: &serde_json::Value,
    x: &serde_json::Value,
    hi: &serde_json::Value,
    slack: f64,
) {
    for (k, v) in x.as_object().unwrap() {
        let (lo, v, hi) = (
            lo[k].as_f64().unwrap(),
            v.as_f64().unwrap(),
            hi[k].as_f64().unwrap(),
        );
        assert!(
            lo - slack <= v && v <= hi + slack,
            "{what}.{k}: {v} not within [{lo}, {hi}] ± {slack}"
        );
    }
}

// ---------------------------------------------------------------- cpu_times

#[test]
fn cpu_times_match_proc_stat() {
    let hz = clk_tck();
    let before = psutil_rs::cpu_times().unwrap();
    let lines = proc_stat_cpu_lines();
    let after = psutil_rs::cpu_times().unwrap();
    let (label, ticks) = &lines[0];
    assert_eq!(label, "cpu");
    let b = ours(&before);
    let a = ours(&after);
    // As many fields as the kernel prints columns (10 since Linux 2.6.33).
    assert_eq!(b.as_object().unwrap().len(), ticks.len().min(10));
    for (i, name) in FIELDS.iter().enumerate().take(ticks.len().min(10)) {
        let direct = ticks[i] as f64 / hz;
        let (lo, hi) = (b[name].as_f64().unwrap(), a[name].as_f64().unwrap());
        // iowait may go backwards (psutil #1210): allow one tick of slack.
        assert!(
            lo - 1.0 / hz <= direct && direct <= hi + 1.0 / hz,
            "{name}: {direct} not within [{lo}, {hi}]"
        );
    }
}

#[test]
fn cpu_times_percpu_match_proc_stat() {
    let hz = clk_tck();
    let before = psutil_rs::cpu_times_percpu().unwrap();
    let lines = proc_stat_cpu_lines();
    let after = psutil_rs::cpu_times_percpu().unwrap();
    let cpus: Vec<_> = lines.iter().skip(1).collect();
    assert_eq!(before.len(), cpus.len());
    assert_eq!(after.len(), cpus.len());
    for ((b, a), (label, ticks)) in before.iter().zip(&after).zip(&cpus) {
        assert!(label.starts_with("cpu"));
        let direct = ticks[0] as f64 / hz;
        assert!(
            b.user - 0.01 <= direct && direct <= a.user + 0.01,
            "{label} user"
        );
        let direct = ticks[3] as f64 / hz;
        assert!(
            b.idle - 0.01 <= direct && direct <= a.idle + 0.01,
            "{label} idle"
        );
    }
}

#[test]
fn cpu_times_match_psutil() {
    let before = ours(&psutil_rs::cpu_times().unwrap());
    let p = psutil("psutil.cpu_times()");
    let after = ours(&psutil_rs::cpu_times().unwrap());
    same_fields(&before, &p);
    // psutil read the counters between our two reads.
    between("cpu_times", &before, &p, &after, 0.02);

    let before = ours(&psutil_rs::cpu_times_percpu().unwrap());
    let p = psutil("psutil.cpu_times(percpu=True)");
    let after = ours(&psutil_rs::cpu_times_percpu().unwrap());
    let (b, p, a) = (
        before.as_array().unwrap(),
        p.as_array().unwrap(),
        after.as_array().unwrap(),
    );
    assert_eq!(b.len(), p.len());
    for i in 0..p.len() {
        same_fields(&b[i], &p[i]);
        between("cpu_times_percpu", &b[i], &p[i], &a[i], 0.02);
    }
}

/// Linux 2.6.0 to 2.6.10 print 7 columns (no steal, guest, guest_nice) and no softirq
/// line (2.6.31); hand-written.
const STAT_7: &[u8] = b"cpu  100 2 30 400 5 6 7\ncpu0 50 1 15 200 2 3 3\ncpu1 50 1 15 200 3 3 4\n\
intr 1000 10 20\nctxt 5000\nbtime 1100000000\nprocesses 100\n";

#[test]
fn cpu_times_old_kernels() {
    let hz = clk_tck();
    let t = TempTree::new(&[("proc/stat", STAT_7)]);
    let c = t.root().cpu_times().unwrap();
    assert_eq!(c.user, 100.0 / hz);
    assert_eq!(c.softirq, 7.0 / hz);
    assert_eq!((c.steal, c.guest, c.guest_nice), (None, None, None));
    let fields: Vec<String> = ours(&c).as_object().unwrap().keys().cloned().collect();
    assert_eq!(fields, FIELDS[..7]);
    let per = t.root().cpu_times_percpu().unwrap();
    assert_eq!(per.len(), 2);
    assert_eq!(per[1].iowait, 3.0 / hz);
    // No softirq line (added in Linux 2.6.31): None, as in psutil.
    let s = t.root().cpu_stats().unwrap();
    assert_eq!(
        (s.ctx_switches, s.interrupts, s.soft_interrupts, s.syscalls),
        (5000, 1000, None, 0)
    );
    // No ctxt line: not a /proc/stat of any Linux.
    let bad = TempTree::new(&[(
        "proc/stat",
        b"cpu 1 2 3 4 5 6 7
intr 5
",
    )]);
    let e = bad.root().cpu_stats().unwrap_err();
    assert!(e.to_string().contains("ctxt"), "{e}");

    // Linux 2.6.11..2.6.23: steal only.  2.6.24..2.6.32: steal and guest.
    let t = TempTree::new(&[("proc/stat", b"cpu 1 2 3 4 5 6 7 8\ncpu0 1 2 3 4 5 6 7 8\n")]);
    let c = t.root().cpu_times().unwrap();
    assert_eq!((c.steal, c.guest), (Some(8.0 / hz), None));
    assert_eq!(ours(&c).as_object().unwrap().len(), 8);
    let t = TempTree::new(&[(
        "proc/stat",
        b"cpu 1 2 3 4 5 6 7 8 9\ncpu0 1 2 3 4 5 6 7 8 9\n",
    )]);
    let c = t.root().cpu_times().unwrap();
    assert_eq!((c.guest, c.guest_nice), (Some(9.0 / hz), None));
    assert_eq!(ours(&c).as_object().unwrap().len(), 9);
}

#[test]
fn cpu_times_garbage_and_empty() {
    for (what, data) in [
        ("empty", &b""[..]),
        ("too few columns", b"cpu 1 2 3\n"),
        ("not a number", b"cpu 1 2 3 4 5 6 seven\n"),
        ("short cpu0 line", b"cpu 1 2 3 4 5 6 7 8\ncpu0 1 2\n"),
    ] {
        let t = TempTree::new(&[("proc/stat", data)]);
        let e = t.root().cpu_times_percpu().unwrap_err();
        assert!(matches!(e, psutil_rs::Error::Parse { .. }), "{what}: {e:?}");
        assert!(e.to_string().contains("stat"), "{what}: {e}");
    }
    let t = TempTree::new(&[]);
    assert!(t.root().cpu_times().unwrap_err().is_not_found());
}

#[test]
fn cpu_times_on_captured_tree() {
    let hz = clk_tck();
    let r = fixture_root("debian12-6.18");
    let c = r.cpu_times().unwrap();
    // fixtures/linux/debian12-6.18/proc/stat: "cpu  1734 0 1055 28897 114 0 9 5 0 0"
    assert_eq!(c.user, 1734.0 / hz);
    assert_eq!(c.idle, 28897.0 / hz);
    assert_eq!(c.steal, Some(5.0 / hz));
    assert_eq!(c.guest_nice, Some(0.0));
    assert_eq!(r.cpu_times_percpu().unwrap().len(), 2);
}

// ---------------------------------------------------------------- cpu_stats

#[test]
fn cpu_stats_match_psutil() {
    let before = ours(&psutil_rs::cpu_stats().unwrap());
    let p = psutil("psutil.cpu_stats()");
    let after = ours(&psutil_rs::cpu_stats().unwrap());
    same_fields(&before, &p);
    between("cpu_stats", &before, &p, &after, 0.0);
    assert_eq!(p["syscalls"], 0);
}

#[test]
fn cpu_stats_on_captured_tree() {
    let r = fixture_root("debian12-6.18");
    let data = std::fs::read_to_string(fixture("debian12-6.18").join("proc/stat")).unwrap();
    let first = |prefix: &str| -> u64 {
        data.lines()
            .find(|l| l.starts_with(prefix))
            .unwrap()
            .split_whitespace()
            .nth(1)
            .unwrap()
            .parse()
            .unwrap()
    };
    let s = r.cpu_stats().unwrap();
    assert_eq!(s.ctx_switches, first("ctxt "));
    assert_eq!(s.interrupts, first("intr "));
    assert_eq!(s.soft_interrupts, Some(first("softirq ")));
    assert_eq!(s.syscalls, 0);
}

// ---------------------------------------------------------------- cpu_count

/// Counts the CPUs in a sysfs list such as "0-3,5".
fn list_len(s: &str) -> usize {
    s.trim()
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('-') {
            Some((a, b)) => b.parse::<usize>().unwrap() - a.parse::<usize>().unwrap() + 1,
            None => 1,
        })
        .sum()
}

#[test]
fn cpu_count_matches_nproc_sysfs_and_psutil() {
    let n = psutil_rs::cpu_count().unwrap();
    let online = std::fs::read_to_string("/sys/devices/system/cpu/online").unwrap();
    assert_eq!(n, list_len(&online));
    // nproc honours the affinity mask (<= online); nproc --all counts configured CPUs.
    let nproc: usize = run("nproc", &[]).trim().parse().unwrap();
    let nproc_all: usize = run("nproc", &["--all"]).trim().parse().unwrap();
    assert!(
        nproc <= n && n <= nproc_all,
        "{nproc} <= {n} <= {nproc_all}"
    );
    assert_eq!(Some(n as u64), psutil("psutil.cpu_count()").as_u64());
}

#[test]
fn cpu_count_physical_matches_lscpu_and_psutil() {
    let out = run("lscpu", &["-p=core,socket"]);
    let cores: BTreeSet<&str> = out.lines().filter(|l| !l.starts_with('#')).collect();
    let n = psutil_rs::cpu_count_physical().unwrap();
    assert_eq!(n, cores.len(), "lscpu core,socket pairs: {cores:?}");
    assert_eq!(
        Some(n as u64),
        psutil("psutil.cpu_count(logical=False)").as_u64()
    );
    assert!(n <= psutil_rs::cpu_count().unwrap());
}

#[test]
fn cpu_count_fallbacks() {
    // A root that is not the host skips sysconf: the processor lines of cpuinfo.
    let r = fixture_root("debian12-6.18");
    assert_eq!(r.cpu_count(), Some(2));
    // Captured sysfs topology: two cores, each its own core_cpus_list.
    assert_eq!(r.cpu_count_physical(), Some(2));

    // No "processor" lines (sparc-like cpuinfo): the cpuN lines of /proc/stat.
    let t = TempTree::new(&[
        (
            "proc/cpuinfo",
            b"cpu\t\t: TI UltraSparc II\nncpus active\t: 4\n",
        ),
        (
            "proc/stat",
            b"cpu 1 2 3 4 5 6 7\ncpu0 1 2 3 4 5 6 7\ncpu1 1 2 3 4 5 6 7\ncpu2 1 2 3 4 5 6 7\n",
        ),
    ]);
    assert_eq!(t.root().cpu_count(), Some(3));
    // Nothing at all.
    let t = TempTree::new(&[]);
    assert_eq!(t.root().cpu_count(), None);
    assert_eq!(t.root().cpu_count_physical(), None);
}

#[test]
fn cpu_count_physical_from_sysfs() {
    // 2 cores with 2 hyper-threads each; an older kernel without core_cpus_list (before
    // 5.7), so thread_siblings_list is used. Hand-written.
    let t = TempTree::new(&[
        (
            "sys/devices/system/cpu/cpu0/topology/thread_siblings_list",
            b"0,2\n",
        ),
        (
            "sys/devices/system/cpu/cpu1/topology/thread_siblings_list",
            b"1,3\n",
        ),
        (
            "sys/devices/system/cpu/cpu2/topology/thread_siblings_list",
            b"0,2\n",
        ),
        (
            "sys/devices/system/cpu/cpu3/topology/thread_siblings_list",
            b"1,3\n",
        ),
        (
            "sys/devices/system/cpu/cpufreq/policy0/scaling_cur_freq",
            b"1\n",
        ),
        ("proc/cpuinfo", b"physical id\t: 0\ncpu cores\t: 8\n\n"),
    ]);
    assert_eq!(t.root().cpu_count_physical(), Some(2));
    // core_cpus_list wins over thread_siblings_list when present; 2 sockets × 2 cores
    // whose core_id values repeat across sockets (psutil #1620).
    let t = TempTree::new(&[
        (
            "sys/devices/system/cpu/cpu0/topology/core_cpus_list",
            b"0\n",
        ),
        (
            "sys/devices/system/cpu/cpu1/topology/core_cpus_list",
            b"1\n",
        ),
        (
            "sys/devices/system/cpu/cpu2/topology/core_cpus_list",
            b"2\n",
        ),
        (
            "sys/devices/system/cpu/cpu3/topology/core_cpus_list",
            b"3\n",
        ),
        (
            "sys/devices/system/cpu/cpu0/topology/thread_siblings_list",
            b"0-3\n",
        ),
    ]);
    assert_eq!(t.root().cpu_count_physical(), Some(4));
}

#[test]
fn cpu_count_physical_from_cpuinfo() {
    // No sysfs topology: the sum of "cpu cores" over distinct "physical id" values.
    // Two sockets of 4 cores, 2 threads each shown (blocks repeat per logical CPU).
    let block = |phys: u32| {
        format!("processor\t: 0\nphysical id\t: {phys}\nsiblings\t: 8\ncpu cores\t: 4\n\n")
    };
    let cpuinfo = [block(0), block(0), block(1), block(1)].concat();
    let t = TempTree::new(&[("proc/cpuinfo", cpuinfo.as_bytes())]);
    assert_eq!(t.root().cpu_count_physical(), Some(8));
    assert_eq!(t.root().cpu_count(), Some(4));
    // The captured cpuinfo alone (no sys/): physical id 0, cpu cores 2.
    let data = std::fs::read(fixture("debian12-6.18").join("proc/cpuinfo")).unwrap();
    let t = TempTree::new(&[("proc/cpuinfo", &data)]);
    assert_eq!(t.root().cpu_count_physical(), Some(2));
    // Garbage (no "\t:" separator, as psutil requires) gives None.
    let t = TempTree::new(&[("proc/cpuinfo", b"physical id = 0\ncpu cores = 2\n\n")]);
    assert_eq!(t.root().cpu_count_physical(), None);
}

// ---------------------------------------------------------------- getloadavg

#[test]
fn getloadavg_matches_proc_loadavg_and_psutil() {
    let before = psutil_rs::getloadavg().unwrap();
    let text = std::fs::read_to_string("/proc/loadavg").unwrap();
    let p = psutil("psutil.getloadavg()");
    let after = psutil_rs::getloadavg().unwrap();
    let file: Vec<f64> = text
        .split_whitespace()
        .take(3)
        .map(|x| x.parse().unwrap())
        .collect();
    let p: Vec<f64> = p
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    let (b, a): ([f64; 3], [f64; 3]) = (before.into(), after.into());
    for i in 0..3 {
        // /proc/loadavg prints two decimals (rounded); the kernel updates every 5 s.
        let (lo, hi) = (b[i].min(a[i]), b[i].max(a[i]));
        assert!(
            lo - 0.006 <= file[i] && file[i] <= hi + 0.006,
            "loadavg[{i}]: file {} vs ours {lo}..{hi}",
            file[i]
        );
        // psutil (glibc getloadavg = sysinfo loads / 65536) gives the same bits.
        assert!(
            p[i] == b[i] || p[i] == a[i] || (lo <= p[i] && p[i] <= hi),
            "psutil {} vs {lo}..{hi}",
            p[i]
        );
    }
}

#[test]
fn getloadavg_serializes_like_psutils_tuple() {
    let p = psutil("psutil.getloadavg()");
    let o = ours(&psutil_rs::getloadavg().unwrap());
    assert_eq!(o.as_array().unwrap().len(), p.as_array().unwrap().len());
    // A non-host root parses its own loadavg file.
    let l = fixture_root("debian12-6.18").getloadavg().unwrap();
    assert_eq!(<(f64, f64, f64)>::from(l), (0.32, 0.10, 0.03));
    assert_eq!(ours(&l), serde_json::json!([0.32, 0.10, 0.03]));
    let t = TempTree::new(&[("proc/loadavg", b"garbage\n")]);
    assert!(t.root().getloadavg().is_err());
}
