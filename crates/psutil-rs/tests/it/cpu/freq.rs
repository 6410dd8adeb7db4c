//! `cpu_freq` and `cpu_freq_percpu`: sysfs cpufreq policies, per-CPU directories and
//! `/proc/cpuinfo`, against psutil and hand-written trees.

use super::*;

/// psutil's `scpufreq(current, min, max)`, to compare with a [`CpuFreq`] (which is
/// `#[non_exhaustive]`: other crates cannot write one).
#[derive(Debug, Clone, Copy)]
pub(super) struct Freq {
    current: f64,
    min: f64,
    max: f64,
}

impl PartialEq<Freq> for CpuFreq {
    fn eq(&self, want: &Freq) -> bool {
        (self.current, self.min, self.max) == (want.current, want.min, want.max)
    }
}

pub(super) fn freq(current: f64, min: f64, max: f64) -> Freq {
    Freq { current, min, max }
}

#[test]
fn cpu_freq_matches_psutil() {
    let guest_cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap();
    if emulator().is_some() && !guest_cpuinfo.to_lowercase().contains("cpu mhz") {
        // qemu-user (8.1 and later) shows the guest an aarch64 /proc/cpuinfo of its own,
        // without "cpu MHz" lines, where psutil on the host reads the real one: without a
        // cpufreq driver (this VM has none) the guest has no frequency, as psutil on ARM.
        let sysfs = std::path::Path::new("/sys/devices/system/cpu/cpufreq");
        let policies = std::fs::read_dir(sysfs).map_or(0, |d| d.count());
        if policies == 0 {
            assert!(psutil_rs::cpu_freq_percpu().unwrap().is_empty());
            assert_eq!(psutil_rs::cpu_freq().unwrap(), None);
            return;
        }
    }
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
