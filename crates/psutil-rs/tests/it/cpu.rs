//! The CPU functions against /proc/stat and sysfs read directly, nproc, lscpu, psutil,
//! and hand-written fixture trees (each commented with the kernel it imitates).

use std::collections::BTreeSet;
use std::time::Duration;

use psutil_rs::CpuFreq;

use crate::util::*;

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

// ---------------------------------------------------------------- cpu_freq

/// psutil's `scpufreq(current, min, max)`, to compare with a [`CpuFreq`] (which is
/// `#[non_exhaustive]`: other crates cannot write one).
#[derive(Debug, Clone, Copy)]
struct Freq {
    current: f64,
    min: f64,
    max: f64,
}

impl PartialEq<Freq> for CpuFreq {
    fn eq(&self, want: &Freq) -> bool {
        (self.current, self.min, self.max) == (want.current, want.min, want.max)
    }
}

fn freq(current: f64, min: f64, max: f64) -> Freq {
    Freq { current, min, max }
}

#[test]
fn cpu_freq_matches_psutil() {
    let p = psutil("[psutil.cpu_freq(), psutil.cpu_freq(percpu=True)]");
    let ours_mean = ours(&psutil_rs::cpu_freq().unwrap());
    let ours_per = ours(&psutil_rs::cpu_freq_percpu().unwrap());
    let (p_mean, p_per) = (&p[0], p[1].as_array().unwrap());
    assert_eq!(ours_per.as_array().unwrap().len(), p_per.len());
    let check = |o: &serde_json::Value, p: &serde_json::Value| {
        same_fields(o, p);
        // current moves with frequency scaling: 20 %; min and max are fixed.
        let (oc, pc) = (
            o["current"].as_f64().unwrap(),
            p["current"].as_f64().unwrap(),
        );
        close("current", oc, pc, pc * 0.2);
        assert_eq!(o["min"], p["min"]);
        assert_eq!(o["max"], p["max"]);
    };
    if p_mean.is_null() {
        assert!(ours_mean.is_null());
    } else {
        check(&ours_mean, p_mean);
    }
    for (o, p) in ours_per.as_array().unwrap().iter().zip(p_per) {
        check(o, p);
    }
}

#[test]
fn cpu_freq_without_cpufreq_uses_cpuinfo() {
    // The captured VM has no cpufreq driver: one entry per "cpu MHz" line, min=max=0.
    let r = fixture_root("debian12-6.18");
    let per = r.cpu_freq_percpu().unwrap();
    assert_eq!(per, vec![freq(2596.122, 0.0, 0.0); 2]);
    assert_eq!(r.cpu_freq().unwrap().unwrap(), freq(2596.122, 0.0, 0.0));
    // Mean over entries; none (arm64 cpuinfo has no MHz line) gives None.
    let t = TempTree::new(&[(
        "proc/cpuinfo",
        b"processor\t: 0\ncpu MHz\t\t: 1000.0\n\nprocessor\t: 1\ncpu MHz\t\t: 3000.5\n\n",
    )]);
    assert_eq!(
        t.root().cpu_freq().unwrap().unwrap(),
        freq(2000.25, 0.0, 0.0)
    );
    let t = TempTree::new(&[("proc/cpuinfo", b"processor\t: 0\nBogoMIPS\t: 48.00\n\n")]);
    assert!(t.root().cpu_freq_percpu().unwrap().is_empty());
    assert_eq!(t.root().cpu_freq().unwrap(), None);
    let t = TempTree::new(&[("proc/cpuinfo", b"cpu MHz\t\t: fast\n")]);
    assert!(t.root().cpu_freq().is_err());
}

/// A hand-written cpufreq tree in kHz: policies 0, 2 and 10 (one per cluster, as on
/// big.LITTLE), to check numeric ordering.
fn policies(extra: &[(&'static str, &'static [u8])]) -> TempTree {
    let p = "sys/devices/system/cpu/cpufreq";
    let mut files: Vec<(String, &[u8])> = vec![
        (format!("{p}/policy0/scaling_cur_freq"), b"1800000\n"),
        (format!("{p}/policy0/scaling_min_freq"), b"400000\n"),
        (format!("{p}/policy0/scaling_max_freq"), b"2000000\n"),
        (format!("{p}/policy10/scaling_cur_freq"), b"3000500\n"),
        (format!("{p}/policy10/scaling_min_freq"), b"800000\n"),
        (format!("{p}/policy10/scaling_max_freq"), b"3200000\n"),
        (format!("{p}/policy2/scaling_min_freq"), b"400000\n"),
        (format!("{p}/policy2/scaling_max_freq"), b"2200000\n"),
        (format!("{p}/policy2/cpuinfo_cur_freq"), b"1200000\n"),
        (format!("{p}/boost"), b"1\n"),
    ];
    for (k, v) in extra {
        files.push((k.to_string(), v));
    }
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    TempTree::new(&refs)
}

#[test]
fn cpu_freq_from_sysfs_policies() {
    // cpuinfo has a different number of MHz lines (1) than policies (3): sysfs is
    // read; policy2 has no scaling_cur_freq, so cpuinfo_cur_freq is used.
    let t = policies(&[("proc/cpuinfo", b"cpu MHz\t\t: 999.0\n")]);
    let per = t.root().cpu_freq_percpu().unwrap();
    assert_eq!(
        per,
        vec![
            freq(1800.0, 400.0, 2000.0),
            freq(1200.0, 400.0, 2200.0),
            freq(3000.5, 800.0, 3200.0),
        ]
    );
    let mean = t.root().cpu_freq().unwrap().unwrap();
    close(
        "current",
        mean.current,
        (1800.0 + 1200.0 + 3000.5) / 3.0,
        1e-9,
    );
    close("min", mean.min, 1600.0 / 3.0, 1e-9);
    close("max", mean.max, 7400.0 / 3.0, 1e-9);
    same_fields(
        &ours(&mean),
        &psutil("psutil._ntuples.scpufreq(1.0, 2.0, 3.0)"),
    );

    // As many MHz lines as policies: cpuinfo gives current (psutil #1851), truncated to
    // whole kHz as psutil's int(MHz * 1000) / 1000 does.
    let t = policies(&[(
        "proc/cpuinfo",
        b"cpu MHz\t\t: 1000.1234\n\ncpu MHz\t\t: 1100.0\n\ncpu MHz\t\t: 1200.9999\n\n",
    )]);
    let per = t.root().cpu_freq_percpu().unwrap();
    let cur: Vec<f64> = per.iter().map(|f| f.current).collect();
    assert_eq!(cur, vec![1000.123, 1100.0, 1200.999]);
    assert_eq!(per[2].max, 3200.0);
}

#[test]
fn cpu_freq_offline_and_missing() {
    let no_cur = "sys/devices/system/cpu/cpufreq/policy2/cpuinfo_cur_freq";
    // Offline CPU (psutil #2254): no current-frequency file and cpu<index>/online = 0.
    let t = policies(&[
        ("proc/cpuinfo", b""),
        ("sys/devices/system/cpu/cpu1/online", b"0\n"),
    ]);
    std::fs::remove_file(t.dir.join(no_cur)).unwrap();
    let per = t.root().cpu_freq_percpu().unwrap();
    assert_eq!(per[1], freq(0.0, 0.0, 0.0));
    assert_eq!(per[2].current, 3000.5);
    // Online: psutil raises NotImplementedError.
    let t = policies(&[
        ("proc/cpuinfo", b""),
        ("sys/devices/system/cpu/cpu1/online", b"1\n"),
    ]);
    std::fs::remove_file(t.dir.join(no_cur)).unwrap();
    let e = t.root().cpu_freq_percpu().unwrap_err();
    assert!(matches!(e, psutil_rs::Error::Unsupported { .. }), "{e:?}");
    // A missing scaling_max_freq is an error, as in psutil.
    let t = policies(&[("proc/cpuinfo", b"")]);
    std::fs::remove_file(
        t.dir
            .join("sys/devices/system/cpu/cpufreq/policy0/scaling_max_freq"),
    )
    .unwrap();
    assert!(t.root().cpu_freq_percpu().unwrap_err().is_not_found());
    // Garbage in a kHz file.
    let t = policies(&[
        ("proc/cpuinfo", b""),
        (
            "sys/devices/system/cpu/cpufreq/policy10/scaling_min_freq",
            b"fast\n",
        ),
    ]);
    let e = t.root().cpu_freq_percpu().unwrap_err();
    assert!(e.to_string().contains("scaling_min_freq"), "{e}");
}

/// The captured VM's /proc/cpuinfo (2 CPUs at 2596.122 MHz, no cpufreq) with the
/// `cpu MHz` value of the CPUs in `unknown` replaced by `-1`, the value a kernel or
/// hypervisor writes when it does not know the frequency.
fn debian_cpuinfo_with_minus_one(unknown: &[usize]) -> Vec<u8> {
    let text = std::fs::read_to_string(fixture("debian12-6.18").join("proc/cpuinfo")).unwrap();
    let mut n = 0;
    let mut out = String::new();
    for line in text.lines() {
        if line.starts_with("cpu MHz") {
            assert_eq!(line, "cpu MHz\t\t: 2596.122");
            if unknown.contains(&n) {
                out.push_str("cpu MHz\t\t: -1\n");
                n += 1;
                continue;
            }
            n += 1;
        }
        out.push_str(line);
        out.push('\n');
    }
    assert_eq!(n, 2);
    out.into_bytes()
}

#[test]
fn cpu_freq_minus_one_in_cpuinfo_is_unknown() {
    // Without cpufreq: the CPU whose line holds -1 has an unknown (0.0) current, never
    // -1.0, and the mean leaves it out.
    let data = debian_cpuinfo_with_minus_one(&[0]);
    let t = TempTree::new(&[("proc/cpuinfo", &data)]);
    assert_eq!(
        t.root().cpu_freq_percpu().unwrap(),
        vec![freq(0.0, 0.0, 0.0), freq(2596.122, 0.0, 0.0)]
    );
    assert_eq!(
        t.root().cpu_freq().unwrap().unwrap(),
        freq(2596.122, 0.0, 0.0)
    );
    // Every line -1: entries are still there (one per CPU), all unknown.
    let data = debian_cpuinfo_with_minus_one(&[0, 1]);
    let t = TempTree::new(&[("proc/cpuinfo", &data)]);
    assert_eq!(
        t.root().cpu_freq_percpu().unwrap(),
        vec![freq(0.0, 0.0, 0.0); 2]
    );
    assert_eq!(t.root().cpu_freq().unwrap().unwrap(), freq(0.0, 0.0, 0.0));
    // The unmodified capture still reads as before.
    let data = debian_cpuinfo_with_minus_one(&[]);
    let t = TempTree::new(&[("proc/cpuinfo", &data)]);
    assert_eq!(
        t.root().cpu_freq_percpu().unwrap(),
        fixture_root("debian12-6.18").cpu_freq_percpu().unwrap()
    );
}

#[test]
fn cpu_freq_minus_one_in_sysfs_is_unknown() {
    let p = "sys/devices/system/cpu/cpufreq";
    // scaling_cur_freq -1 with no cpuinfo_cur_freq (policy0), scaling_min_freq -1
    // (policy10): unknown, 0.0 in the entry, left out of the mean; not an error and
    // never -0.001 (psutil's -1 / 1000).
    let t = policies(&[
        ("proc/cpuinfo", b""),
        (
            "sys/devices/system/cpu/cpufreq/policy0/scaling_cur_freq",
            b"-1\n",
        ),
        (
            "sys/devices/system/cpu/cpufreq/policy10/scaling_min_freq",
            b"-1\n",
        ),
    ]);
    let per = t.root().cpu_freq_percpu().unwrap();
    assert_eq!(
        per,
        vec![
            freq(0.0, 400.0, 2000.0),
            freq(1200.0, 400.0, 2200.0),
            freq(3000.5, 0.0, 3200.0),
        ]
    );
    let mean = t.root().cpu_freq().unwrap().unwrap();
    close("current", mean.current, (1200.0 + 3000.5) / 2.0, 1e-9);
    close("min", mean.min, 400.0, 1e-9);
    close("max", mean.max, 7400.0 / 3.0, 1e-9);
    // scaling_cur_freq -1 but cpuinfo_cur_freq known: that one is used.
    let t = policies(&[
        ("proc/cpuinfo", b""),
        (
            "sys/devices/system/cpu/cpufreq/policy0/scaling_cur_freq",
            b"-1\n",
        ),
        (
            "sys/devices/system/cpu/cpufreq/policy0/cpuinfo_cur_freq",
            b"1500000\n",
        ),
    ]);
    assert_eq!(
        t.root().cpu_freq_percpu().unwrap()[0],
        freq(1500.0, 400.0, 2000.0)
    );
    // As many cpu MHz lines as policies, one of them -1: that CPU's current comes
    // from sysfs (policy2: cpuinfo_cur_freq), the others from cpuinfo.
    let t = policies(&[(
        "proc/cpuinfo",
        b"cpu MHz\t\t: 1000.0\n\ncpu MHz\t\t: -1\n\ncpu MHz\t\t: 1300.0\n\n",
    )]);
    let cur: Vec<f64> = t
        .root()
        .cpu_freq_percpu()
        .unwrap()
        .iter()
        .map(|f| f.current)
        .collect();
    assert_eq!(cur, vec![1000.0, 1200.0, 1300.0]);
    // Every value negative: no field anywhere below zero.
    let t = TempTree::new(&[
        ("proc/cpuinfo", b"cpu MHz\t\t: -1\n"),
        (&format!("{p}/policy0/scaling_cur_freq"), b"-1\n"),
        (&format!("{p}/policy0/cpuinfo_cur_freq"), b"-1\n"),
        (&format!("{p}/policy0/scaling_min_freq"), b"-1\n"),
        (&format!("{p}/policy0/scaling_max_freq"), b"-1\n"),
    ]);
    assert_eq!(
        t.root().cpu_freq_percpu().unwrap(),
        vec![freq(0.0, 0.0, 0.0)]
    );
    assert_eq!(t.root().cpu_freq().unwrap().unwrap(), freq(0.0, 0.0, 0.0));
    // A sign on something that is not a number is still garbage.
    let t = policies(&[
        ("proc/cpuinfo", b""),
        (
            "sys/devices/system/cpu/cpufreq/policy0/scaling_max_freq",
            b"-fast\n",
        ),
    ]);
    assert!(t.root().cpu_freq_percpu().is_err());
}

#[test]
fn cpu_freq_from_per_cpu_dirs() {
    // Older kernels: /sys/devices/system/cpu/cpuN/cpufreq, no policy directories.
    let c = "sys/devices/system/cpu";
    let t = TempTree::new(&[
        ("proc/cpuinfo", b""),
        (&format!("{c}/cpu0/cpufreq/scaling_cur_freq"), b"2000000\n"),
        (&format!("{c}/cpu0/cpufreq/scaling_min_freq"), b"1000000\n"),
        (&format!("{c}/cpu0/cpufreq/scaling_max_freq"), b"3000000\n"),
        (&format!("{c}/cpu1/cpufreq/scaling_cur_freq"), b"2500000\n"),
        (&format!("{c}/cpu1/cpufreq/scaling_min_freq"), b"1000000\n"),
        (&format!("{c}/cpu1/cpufreq/scaling_max_freq"), b"3000000\n"),
        (&format!("{c}/cpu2/topology/core_id"), b"2\n"),
    ]);
    let per = t.root().cpu_freq_percpu().unwrap();
    assert_eq!(
        per,
        vec![freq(2000.0, 1000.0, 3000.0), freq(2500.0, 1000.0, 3000.0)]
    );
    assert_eq!(
        t.root().cpu_freq().unwrap().unwrap(),
        freq(2250.0, 1000.0, 3000.0)
    );
}

// ---------------------------------------------------------------- cpu_percent

#[test]
fn cpu_percent_with_interval_is_in_range_and_close_to_psutil() {
    // psutil and we measure the same 2 s window (psutil starts ~0.2 s later, the time
    // Python needs to import it): the machine's load is the same for both.
    let h = std::thread::spawn(|| psutil("psutil.cpu_percent(interval=2.0)"));
    std::thread::sleep(Duration::from_millis(200));
    let o = psutil_rs::cpu_percent(Some(Duration::from_secs(2))).unwrap();
    let p = h.join().unwrap().as_f64().unwrap();
    assert!((0.0..=100.0).contains(&o), "{o}");
    close("cpu_percent(2s) vs psutil", o, p, 30.0);

    let o = psutil_rs::cpu_percent(Some(Duration::from_millis(100))).unwrap();
    assert!((0.0..=100.0).contains(&o), "{o}");
    let per = psutil_rs::cpu_percent_percpu(Some(Duration::from_millis(100))).unwrap();
    assert_eq!(per.len(), psutil_rs::cpu_times_percpu().unwrap().len());
    assert!(per.iter().all(|p| (0.0..=100.0).contains(p)), "{per:?}");
}

#[test]
fn cpu_times_percent_with_interval() {
    let t = psutil_rs::cpu_times_percent(Some(Duration::from_millis(1200))).unwrap();
    same_fields(
        &ours(&t),
        &psutil("psutil.cpu_times_percent(interval=0.01)"),
    );
    let vals: Vec<f64> = t.values().collect();
    assert!(vals.iter().all(|v| (0.0..=100.0).contains(v)), "{t:?}");
    // 1.2 s on >= 1 CPU is more than 1 s of CPU time, so the fields are real shares
    // and add up to 100 (up to the rounding of each field, guest counted twice).
    let sum: f64 = vals.iter().sum::<f64>() - t.guest.unwrap_or(0.0) - t.guest_nice.unwrap_or(0.0);
    close("sum of shares", sum, 100.0, 1.0);
    let per = psutil_rs::cpu_times_percent_percpu(Some(Duration::from_millis(100))).unwrap();
    assert_eq!(per.len(), psutil_rs::cpu_times_percpu().unwrap().len());
}

#[test]
fn first_call_in_a_thread_is_about_zero() {
    // psutil: a thread without a baseline compares two immediate reads ("a meaningless
    // 0.0 value which you should ignore"), not the time since boot. A clock tick (or a
    // preemption) between the two reads can make it non-zero, so ask several fresh
    // threads: the average since boot of a running system is never exactly 0.0.
    let results: Vec<(f64, Vec<f64>)> = (0..5)
        .map(|_| {
            std::thread::spawn(|| {
                (
                    psutil_rs::cpu_percent(None).unwrap(),
                    psutil_rs::cpu_percent_percpu(None).unwrap(),
                )
            })
            .join()
            .unwrap()
        })
        .collect();
    assert!(results.iter().any(|(t, _)| *t == 0.0), "{results:?}");
    assert!(
        results.iter().any(|(_, per)| per.iter().all(|p| *p == 0.0)),
        "{results:?}"
    );
    for (t, per) in &results {
        assert!((0.0..=100.0).contains(t));
        assert!(per.iter().all(|p| (0.0..=100.0).contains(p)));
    }
    // psutil's own first calls in a thread other than the importing one.
    let p = psutil(
        "[__import__('concurrent.futures').futures.ThreadPoolExecutor(1).submit(f).result() \
         for f in (psutil.cpu_percent, lambda: psutil.cpu_percent(percpu=True))]",
    );
    let p = p.as_array().unwrap();
    assert!((0.0..=100.0).contains(&p[0].as_f64().unwrap()), "{p:?}");
    assert_eq!(p[1].as_array().unwrap().len(), results[0].1.len());
    // Later calls in the same thread compare with the previous one.
    std::thread::spawn(|| {
        psutil_rs::cpu_percent(None).unwrap();
        std::thread::sleep(Duration::from_millis(300));
        let p = psutil_rs::cpu_percent(None).unwrap();
        assert!((0.0..=100.0).contains(&p));
    })
    .join()
    .unwrap();
}

/// Writes a /proc/stat with 2 CPUs, each given as `[user, nice, system, idle, iowait,
/// irq, softirq, steal, guest, guest_nice]` ticks; the `cpu` line is their sum.
fn write_stat(t: &TempTree, cpus: &[[u64; 10]]) {
    let mut total = [0u64; 10];
    for c in cpus {
        for (t, v) in total.iter_mut().zip(c) {
            *t += v;
        }
    }
    let line = |label: &str, v: &[u64; 10]| {
        let v: Vec<String> = v.iter().map(|x| x.to_string()).collect();
        format!("{label} {}\n", v.join(" "))
    };
    let mut s = line("cpu ", &total);
    for (i, c) in cpus.iter().enumerate() {
        s += &line(&format!("cpu{i}"), c);
    }
    s += "intr 1 0\nctxt 1\nbtime 1\nsoftirq 1 0\n";
    std::fs::write(t.dir.join("proc/stat"), s).unwrap();
}

#[test]
fn sampler_gives_exact_percentages_on_a_rewritten_stat() {
    let hz = clk_tck();
    let t = TempTree::new(&[("proc/stat", b"")]);
    write_stat(&t, &[[1000, 0, 500, 8000, 100, 0, 0, 0, 0, 0]; 2]);
    let mut s = t.root().cpu_sampler().unwrap();
    let mut s2 = t.root().cpu_sampler().unwrap();
    // No time passed: 0.0 (psutil's ZeroDivisionError branch).
    assert_eq!(s.percent().unwrap(), 0.0);

    // Over the interval, in ticks:
    //   cpu0: user 300 (of which guest 100), system 100, idle 500, iowait 100  -> 1000
    //   cpu1: user 0, nice 50 (all guest_nice), idle 850, iowait 50, steal 50   -> 1000
    write_stat(
        &t,
        &[
            [1300, 0, 600, 8500, 200, 0, 0, 0, 100, 0],
            [1000, 50, 500, 8850, 150, 0, 0, 50, 0, 50],
        ],
    );
    // total = 2000 ticks (guest not counted twice); busy = 2000 - 1350 idle - 150
    // iowait = 500 -> 25.0 %.
    assert_eq!(s.percent().unwrap(), 25.0);
    // cpu0: busy 400 / 1000; cpu1: busy 100 (nice 50 + steal 50) / 1000.
    assert_eq!(s2.percent_percpu().unwrap(), vec![40.0, 10.0]);
    // The baseline moved: nothing changed since.
    assert_eq!(s.percent().unwrap(), 0.0);

    // times_percent: 2000 ticks is 2000/hz s (20 s at HZ=100, > 1 s), so each field
    // is its share of 2000.
    let p = s2.times_percent().unwrap();
    assert!(2000.0 / hz > 1.0);
    assert_eq!(
        (
            p.user,
            p.nice,
            p.system,
            p.idle,
            p.iowait,
            p.steal,
            p.guest,
            p.guest_nice
        ),
        (15.0, 2.5, 5.0, 67.5, 7.5, Some(2.5), Some(5.0), Some(2.5))
    );
    let per = s2.times_percent_percpu().unwrap();
    assert_eq!((per[0].user, per[0].idle, per[1].idle), (0.0, 0.0, 0.0));

    // A counter going backwards (psutil #1210) counts as 0; a third of a percent
    // rounds to one decimal like Python's round().
    let mut s3 = t.root().cpu_sampler().unwrap();
    write_stat(
        &t,
        &[
            [1300, 0, 600, 9100, 190, 0, 0, 0, 100, 0],
            [1100, 50, 500, 9050, 150, 0, 0, 50, 0, 50],
        ],
    );
    // Δ: cpu0 idle 600, iowait -10 -> 0; cpu1 user 100, idle 200. busy 100 of 900.
    assert_eq!(s3.percent().unwrap(), 11.1);
    assert_eq!(s3.percent_percpu().unwrap(), vec![0.0, 33.3]);
}

#[test]
fn sampler_times_percent_below_one_second_of_cpu_time() {
    // psutil scales by 100 / max(1, elapsed CPU seconds): with less than 1 s elapsed
    // the fields are delta × 100 and do not add up to 100. Reproduced on purpose.
    let hz = clk_tck();
    let t = TempTree::new(&[("proc/stat", b"")]);
    write_stat(&t, &[[0; 10]; 2]);
    let mut s = t.root().cpu_sampler().unwrap();
    // 0.1 s user + 0.2 s idle on cpu0 (0.3 s in all).
    let (u, i) = ((0.1 * hz) as u64, (0.2 * hz) as u64);
    write_stat(&t, &[[u, 0, 0, i, 0, 0, 0, 0, 0, 0], [0; 10]]);
    let p = s.times_percent().unwrap();
    assert_eq!((p.user, p.idle), (10.0, 20.0));
    let p = psutil("psutil.cpu_times_percent(interval=0.05)");
    let sum: f64 = p
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_f64().unwrap())
        .sum();
    assert!(
        sum < 100.0 * 0.5,
        "psutil's short-interval fields add up to {sum}"
    );
}

#[test]
fn sampler_on_an_old_kernel_stat() {
    // 7 columns (Linux 2.6.0..2.6.10): no steal/guest fields in the result.
    let t = TempTree::new(&[("proc/stat", STAT_7)]);
    let mut s = t.root().cpu_sampler().unwrap();
    std::fs::write(
        t.dir.join("proc/stat"),
        b"cpu  150 2 30 450 5 6 7\ncpu0 75 1 15 225 2 3 3\ncpu1 75 1 15 225 3 3 4\n",
    )
    .unwrap();
    assert_eq!(s.percent_percpu().unwrap(), vec![50.0, 50.0]);
    let mut s = t.root().cpu_sampler().unwrap();
    let p = s.times_percent().unwrap();
    assert_eq!((p.steal, p.guest, p.guest_nice), (None, None, None));
    assert_eq!(ours(&p).as_object().unwrap().len(), 7);
    // Garbage written between samples is an error, and the baseline is kept.
    std::fs::write(t.dir.join("proc/stat"), b"cpu x\n").unwrap();
    assert!(s.percent().is_err());
    std::fs::write(
        t.dir.join("proc/stat"),
        b"cpu  250 2 30 450 5 6 7\ncpu0 75 1 15 225 2 3 3\ncpu1 75 1 15 225 3 3 4\n",
    )
    .unwrap();
    assert_eq!(s.percent().unwrap(), 100.0);
}

#[test]
fn times_percent_fields_match_psutil() {
    let p = psutil("psutil.cpu_times_percent()");
    let o = ours(&psutil_rs::cpu_times_percent(None).unwrap());
    same_fields(&o, &p);
}

#[test]
fn percent_formulas_equal_psutils_on_the_same_files() {
    // psutil reads `PROCFS_PATH/stat`, so both libraries can be run over the same
    // sequence of hand-made /proc/stat files and must agree to the last bit: rounding,
    // clamping of decreasing counters, guest exclusion and the summation order.
    // (psutil's layout is fixed at import from the host's /proc/stat: 10 columns.)
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut rnd = |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let mut cpus = [[1_000_000u64; 10]; 2];
    let trees: Vec<TempTree> = (0..40)
        .map(|i| {
            for c in cpus.iter_mut() {
                for (f, v) in c.iter_mut().enumerate() {
                    // Mostly growing counters; sometimes idle-only, sometimes less than
                    // 1 s of CPU time (psutil's max(1, total) scale), sometimes going back.
                    let step = match rnd(10) {
                        0 => 0,
                        1 if f == 4 => 0u64.wrapping_sub(rnd(30)),
                        _ if i % 7 == 3 && f != 3 => 0,
                        _ if i % 5 == 2 => rnd(8),
                        _ => rnd(if f < 5 { 3000 } else { 40 }),
                    };
                    *v = v.wrapping_add(step);
                }
            }
            let t = TempTree::new(&[("proc/stat", b"")]);
            write_stat(&t, &cpus);
            t
        })
        .collect();
    let dirs: Vec<String> = trees
        .iter()
        .map(|t| format!("{:?}", t.dir.join("proc").to_str().unwrap()))
        .collect();
    let p = psutil(&format!(
        "[(setattr(psutil, 'PROCFS_PATH', d), psutil.cpu_times(), psutil.cpu_percent(), \
           psutil.cpu_percent(percpu=True), psutil.cpu_times_percent(), \
           psutil.cpu_times_percent(percpu=True))[1:] for d in [{}]]",
        dirs.join(", ")
    ));
    let p = p.as_array().unwrap();
    let work = TempTree::new(&[("proc/stat", b"")]);
    let copy = |i: usize| {
        std::fs::copy(trees[i].dir.join("proc/stat"), work.dir.join("proc/stat")).unwrap();
    };
    copy(0);
    let mut a = work.root().cpu_sampler().unwrap();
    let mut b = work.root().cpu_sampler().unwrap();
    for (i, exp) in p.iter().enumerate() {
        copy(i);
        assert_eq!(
            ours(&work.root().cpu_times().unwrap()),
            exp[0],
            "cpu_times #{i}"
        );
        if i == 0 {
            continue; // psutil's first call compares with the host's /proc at import
        }
        assert_eq!(ours(&a.percent().unwrap()), exp[1], "cpu_percent #{i}");
        assert_eq!(ours(&a.percent_percpu().unwrap()), exp[2], "percpu #{i}");
        assert_eq!(
            ours(&b.times_percent().unwrap()),
            exp[3],
            "cpu_times_percent #{i}"
        );
        assert_eq!(
            ours(&b.times_percent_percpu().unwrap()),
            exp[4],
            "cpu_times_percent percpu #{i}"
        );
    }
}

#[test]
fn captured_and_hand_written_trees_equal_psutil_with_procfs_path() {
    // psutil reads /proc/stat and /proc/cpuinfo through PROCFS_PATH; /sys stays the
    // host's. The host has no cpufreq driver (checked below), so psutil's cpu_freq
    // uses the cpuinfo of PROCFS_PATH, like ours on a tree without sys/.
    let host_cpufreq = std::path::Path::new("/sys/devices/system/cpu/cpufreq/policy0").exists()
        || std::path::Path::new("/sys/devices/system/cpu/cpu0/cpufreq").exists();
    assert!(
        !host_cpufreq,
        "this test assumes the project VM (no cpufreq)"
    );
    let hand = TempTree::new(&[
        (
            "proc/cpuinfo",
            b"processor\t: 0\ncpu MHz\t\t: 800.001\n\nprocessor\t: 1\ncpu MHz\t\t: 4700.3\n\n\
processor\t: 2\ncpu MHz\t\t: 1234.5678\n\n",
        ),
        ("proc/stat", STAT_7),
    ]);
    for (dir, root) in [
        (fixture("debian12-6.18"), fixture_root("debian12-6.18")),
        (hand.dir.clone(), hand.root()),
    ] {
        let proc = format!("{:?}", dir.join("proc").to_str().unwrap());
        let p = psutil(&format!(
            "(setattr(psutil, 'PROCFS_PATH', {proc}), psutil.cpu_freq(), \
              psutil.cpu_freq(percpu=True), psutil.cpu_stats())[1:]"
        ));
        assert_eq!(ours(&root.cpu_freq().unwrap()), p[0], "{proc}");
        assert_eq!(ours(&root.cpu_freq_percpu().unwrap()), p[1], "{proc}");
        assert_eq!(ours(&root.cpu_stats().unwrap()), p[2], "{proc}");
    }
    // cpu_times needs the host's 10-column layout in psutil: only the captured tree.
    let proc = format!(
        "{:?}",
        fixture("debian12-6.18").join("proc").to_str().unwrap()
    );
    let p = psutil(&format!(
        "(setattr(psutil, 'PROCFS_PATH', {proc}), psutil.cpu_times(), \
          psutil.cpu_times(percpu=True))[1:]"
    ));
    let r = fixture_root("debian12-6.18");
    assert_eq!(ours(&r.cpu_times().unwrap()), p[0]);
    assert_eq!(ours(&r.cpu_times_percpu().unwrap()), p[1]);
}
