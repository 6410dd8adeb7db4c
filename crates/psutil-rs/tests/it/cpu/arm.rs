//! ARM machines (issue 15): `/proc/cpuinfo` without `model name`, `cpu MHz` or
//! `physical id` (the `CPU implementer`/`CPU part` lines instead), one cpufreq policy per
//! cluster (big.LITTLE), topology from the device tree. Hand-written trees imitating a
//! Rockchip RK3399 (4 Cortex-A53 + 2 Cortex-A72, kernel 6.1) and a Raspberry Pi 4
//! (4 Cortex-A72, one policy); fixtures/linux/README.md describes them. Checked against
//! util-linux's lscpu reading the same trees (`--sysroot`) and against the values the
//! trees were written with.

use super::freq::freq;
use super::*;

/// lscpu's summary of a tree: the sum over its CPU types of "Core(s) per socket" ×
/// "Socket(s)", and the per-CPU (max, min, current) MHz of `lscpu -e`.
fn lscpu(tree: &str) -> (usize, Vec<(f64, f64, f64)>) {
    let root = fixture(tree);
    let root = root.to_str().unwrap();
    let summary = run("lscpu", &["--sysroot", root]);
    let (mut cores, mut per_socket) = (0, 0);
    for line in summary.lines() {
        let (k, v) = line.split_once(':').unwrap();
        match k.trim() {
            "Core(s) per socket" => per_socket = v.trim().parse().unwrap(),
            "Socket(s)" => cores += per_socket * v.trim().parse::<usize>().unwrap(),
            _ => {}
        }
    }
    let table = run("lscpu", &["--sysroot", root, "-e=CPU,MAXMHZ,MINMHZ,MHZ"]);
    let per_cpu = table
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<f64> = l.split_whitespace().map(|w| w.parse().unwrap()).collect();
            (f[1], f[2], f[3])
        })
        .collect();
    (cores, per_cpu)
}

#[test]
fn big_little_counts_and_frequencies() {
    let r = fixture_root("rk3399-aarch64");
    let (cores, per_cpu) = lscpu("rk3399-aarch64");
    // Six processors in cpuinfo, six cores (A53 x4 in cluster 0, A72 x2 in cluster 1),
    // whose core_id restarts in each cluster: core_cpus_list tells them apart.
    assert_eq!(r.cpu_count(), Some(6));
    assert_eq!(cores, 6);
    assert_eq!(r.cpu_count_physical(), Some(cores));
    // One entry per policy (policy0: cpus 0-3, policy4: cpus 4-5), as psutil: the
    // scaling_* files, since cpuinfo has no "cpu MHz" lines to take current from.
    let per = r.cpu_freq_percpu().unwrap();
    assert_eq!(
        per,
        vec![freq(1008.0, 408.0, 1416.0), freq(1800.0, 408.0, 1800.0)]
    );
    for (f, cpu) in per.iter().zip([0, 4]) {
        let (max, min, cur) = per_cpu[cpu];
        assert_eq!(
            (f.max, f.min, f.current),
            (max, min, cur),
            "cpu{cpu} vs lscpu"
        );
    }
    // psutil's cpu_freq(): the mean over the entries.
    assert_eq!(r.cpu_freq().unwrap().unwrap(), freq(1404.0, 408.0, 1608.0));
    // /proc/stat's six cpuN lines.
    let t = r.cpu_times_percpu().unwrap();
    assert_eq!(t.len(), 6);
    assert_eq!(t[5].idle, (345_678 - 5_000) as f64 / 100.0);
}

#[test]
fn raspberry_pi_counts_and_frequencies() {
    let r = fixture_root("rpi4-aarch64");
    let (cores, per_cpu) = lscpu("rpi4-aarch64");
    // The board lines after the processors (Revision, Serial, Model) are not CPUs.
    assert_eq!(r.cpu_count(), Some(4));
    assert_eq!(cores, 4);
    assert_eq!(r.cpu_count_physical(), Some(4));
    let per = r.cpu_freq_percpu().unwrap();
    assert_eq!(per, vec![freq(1500.0, 600.0, 1800.0)]);
    let (max, min, cur) = per_cpu[0];
    assert_eq!((per[0].max, per[0].min, per[0].current), (max, min, cur));
    assert_eq!(r.cpu_freq().unwrap().unwrap(), freq(1500.0, 600.0, 1800.0));
}

#[test]
fn arm_cpuinfo_without_topology_has_no_physical_count() {
    // Without sysfs topology, psutil falls back to cpuinfo's "physical id"/"core id"
    // pairs, which ARM kernels do not print: unknown (None), never a guess.
    let cpuinfo = std::fs::read(fixture("rk3399-aarch64").join("proc/cpuinfo")).unwrap();
    let t = TempTree::new(&[("proc/cpuinfo", &cpuinfo)]);
    assert_eq!(t.root().cpu_count(), Some(6));
    assert_eq!(t.root().cpu_count_physical(), None);
    // No cpufreq and no "cpu MHz": no frequency (psutil's cpu_freq() is None there).
    assert!(t.root().cpu_freq_percpu().unwrap().is_empty());
    assert_eq!(t.root().cpu_freq().unwrap(), None);
}
