//! Faults in `/proc/stat` (boot time, CPU times), the CPU counts, cpufreq and
//! `/proc/loadavg`.

use super::*;

#[test]
fn boot_time_faults() {
    not_found(tree(&[]).root().boot_time(), "proc/stat");
    for bad in [
        &b""[..],
        b"cpu 1 2 3\n",
        b"btime\n",
        b"btime -5\n",
        b"btime 1e9\n",
        b"btime 18446744073709551616\n",
    ] {
        parse_error(tree(&[("proc/stat", bad)]).root().boot_time(), "proc/stat");
    }
    let t = tree(&[("proc/stat", b"btime 1700000000 unknown extra\n")]);
    assert_eq!(t.root().boot_time().unwrap(), 1_700_000_000.0);
    let t = tree(&[("proc/stat", b"btime 18446744073709551615\n")]);
    assert_eq!(t.root().boot_time().unwrap(), u64::MAX as f64);
    report("boot_time_faults");
}

#[test]
fn cpu_times_faults() {
    let full = captured("proc/stat");
    let good_tree = tree(&[("proc/stat", &full)]);
    let good = good_tree.root();
    let (good_total, good_percpu) = (good.cpu_times().unwrap(), good.cpu_times_percpu().unwrap());
    not_found(tree(&[]).root().cpu_times(), "proc/stat");
    not_found(tree(&[]).root().cpu_stats(), "proc/stat");
    parse_error(tree(&[("proc/stat", b"")]).root().cpu_times(), "proc/stat");
    parse_error(tree(&[("proc/stat", b"")]).root().cpu_stats(), "proc/stat");

    for cut in cuts(&full) {
        let t = tree(&[("proc/stat", &full[..cut])]);
        match t.root().cpu_times_percpu() {
            Err(e) => names_file(&e, "proc/stat"),
            Ok(percpu) => {
                assert!(percpu.len() <= good_percpu.len());
                // Every CPU line read whole is right; only the one cut inside its last
                // number can differ (a shorter number is still a number).
                let whole = if at_line_end(&full, cut) {
                    percpu.len()
                } else {
                    percpu.len().saturating_sub(1)
                };
                for (a, b) in percpu.iter().zip(&good_percpu).take(whole) {
                    assert_eq!(
                        (a.user, a.system, a.idle),
                        (b.user, b.system, b.idle),
                        "cut {cut}"
                    );
                }
                let total = t.root().cpu_times().unwrap();
                assert_eq!(
                    (total.user, total.system),
                    (good_total.user, good_total.system)
                );
            }
        }
        match t.root().cpu_stats() {
            Err(e) => names_file(&e, "proc/stat"),
            Ok(s) => assert!(s.ctx_switches > 0 && s.interrupts > 0),
        }
    }

    // Negative or non-numeric ticks; a per-CPU line shorter than the first.
    for bad in [
        &b"cpu -1 0 0 0 0 0 0\n"[..],
        b"cpu 1 2 3 4 5 6 x\n",
        b"cpu 1 2 3 4 5 6\n",
        b"cpu 1 2 3 4 5 6 7 8\ncpu0 1 2 3 4 5 6 7\n",
        b"cpu 18446744073709551616 0 0 0 0 0 0\n",
    ] {
        parse_error(
            tree(&[("proc/stat", bad)]).root().cpu_times_percpu(),
            "proc/stat",
        );
    }
    // u64::MAX ticks are a large, finite number of seconds; extra columns are ignored.
    let t = tree(&[("proc/stat", b"cpu 18446744073709551615 0 0 0 0 0 0 0 0 0 99 99\ncpu0 1 0 0 0 0 0 0 0 0 0 99 99\nctxt 1\nintr 2\n")]);
    let c = t.root().cpu_times().unwrap();
    assert!(c.user.is_finite() && c.user > 1e16, "{c:?}");
    assert_eq!(t.root().cpu_times_percpu().unwrap().len(), 1);
    // cpu_stats: ctxt and intr are required, softirq is optional (before 2.6.31).
    let s = t.root().cpu_stats().unwrap();
    assert_eq!(
        (s.ctx_switches, s.interrupts, s.soft_interrupts),
        (1, 2, None)
    );
    parse_error(
        tree(&[("proc/stat", b"intr 2\n")]).root().cpu_stats(),
        "no ctxt line",
    );
    parse_error(
        tree(&[("proc/stat", b"ctxt 1\n")]).root().cpu_stats(),
        "no intr line",
    );
    parse_error(
        tree(&[("proc/stat", b"ctxt -1\nintr 2\n")])
            .root()
            .cpu_stats(),
        "proc/stat line 1",
    );
    report("cpu_times_faults");
}

#[test]
fn cpu_count_faults() {
    // Not the host: no sysconf, only the files. None when nothing tells.
    assert_eq!(tree(&[]).root().cpu_count(), None);
    assert_eq!(tree(&[]).root().cpu_count_physical(), None);
    // cpuinfo without processor lines (or unreadable bytes) falls back to /proc/stat.
    let stat = b"cpu 1 2 3 4 5 6 7\ncpu0 1 2 3 4 5 6 7\ncpu1 1 2 3 4 5 6 7\n";
    for cpuinfo in [&b""[..], b"\xff\xfe\x00garbage\n"] {
        let t = tree(&[("proc/cpuinfo", cpuinfo), ("proc/stat", stat)]);
        assert_eq!(t.root().cpu_count(), Some(2));
    }
    assert_eq!(
        tree(&[("proc/stat", b"garbage\n")]).root().cpu_count(),
        None
    );
    // Truncations of the captured cpuinfo: never more processors than the file has.
    let full = captured("proc/cpuinfo");
    let want = tree(&[("proc/cpuinfo", &full)]).root().cpu_count().unwrap();
    for cut in cuts(&full) {
        let t = tree(&[("proc/cpuinfo", &full[..cut])]);
        assert!(t.root().cpu_count().is_none_or(|n| n <= want));
        assert!(t.root().cpu_count_physical().is_none_or(|n| n <= want));
    }
    // Physical cores: malformed cpuinfo is None (documented), topology wins when present.
    let bad_cores = b"physical id\t: 0\ncpu cores\t: many\n\n";
    assert_eq!(
        tree(&[("proc/cpuinfo", bad_cores)])
            .root()
            .cpu_count_physical(),
        None
    );
    let huge = b"physical id\t: 0\ncpu cores\t: 18446744073709551615\n\nphysical id\t: 1\ncpu cores\t: 1\n\n";
    assert_eq!(
        tree(&[("proc/cpuinfo", huge)]).root().cpu_count_physical(),
        None
    );
    let t = tree(&[
        (
            "sys/devices/system/cpu/cpu0/topology/core_cpus_list",
            b"0-1\n",
        ),
        (
            "sys/devices/system/cpu/cpu1/topology/core_cpus_list",
            b"0-1\n",
        ),
        (
            "sys/devices/system/cpu/cpu2/topology/core_cpus_list",
            b"\xff\n",
        ),
        ("proc/cpuinfo", bad_cores),
    ]);
    assert_eq!(t.root().cpu_count_physical(), Some(2));
    report("cpu_count_faults");
}

#[test]
fn cpu_freq_faults() {
    // No cpufreq: one entry per "cpu MHz" line of cpuinfo.
    not_found(tree(&[]).root().cpu_freq_percpu(), "proc/cpuinfo");
    assert_eq!(
        tree(&[("proc/cpuinfo", b"")]).root().cpu_freq().unwrap(),
        None
    );
    for bad in [
        &b"cpu MHz\t\t: fast\n"[..],
        b"cpu MHz\n",
        b"cpu MHz\t: 1e3\n",
    ] {
        parse_error(
            tree(&[("proc/cpuinfo", bad)]).root().cpu_freq_percpu(),
            "proc/cpuinfo",
        );
    }
    let full = captured("proc/cpuinfo");
    for cut in cuts(&full) {
        match tree(&[("proc/cpuinfo", &full[..cut])])
            .root()
            .cpu_freq_percpu()
        {
            Ok(v) => assert!(v.iter().all(|f| f.current.is_finite() && f.min == 0.0)),
            Err(e) => names_file(&e, "proc/cpuinfo"),
        }
    }
    // cpufreq policy files: garbage and missing ones are errors naming the file.
    let policy = "sys/devices/system/cpu/cpufreq/policy0";
    let files = |cur: &'static [u8], max: Option<&'static [u8]>| -> Vec<(String, &'static [u8])> {
        let mut v = vec![
            (format!("{policy}/scaling_cur_freq"), cur),
            (format!("{policy}/scaling_min_freq"), &b"400000\n"[..]),
        ];
        v.extend(max.map(|m| (format!("{policy}/scaling_max_freq"), m)));
        v
    };
    let run = |files: Vec<(String, &[u8])>| {
        let mut all: Vec<(&str, &[u8])> = files.iter().map(|(p, d)| (p.as_str(), *d)).collect();
        all.push(("proc/cpuinfo", b"processor\t: 0\n"));
        tree(&all).root().cpu_freq_percpu()
    };
    let ok = run(files(b"1800000\n", Some(b"18446744073709551615\n"))).unwrap();
    assert_eq!((ok[0].current, ok[0].min), (1800.0, 400.0));
    assert_eq!(ok[0].max, u64::MAX as f64 / 1000.0);
    parse_error(run(files(b"fast\n", Some(b"1\n"))), "scaling_cur_freq");
    // A negative value is no frequency: unknown (0.0), neither an error nor negative.
    let neg = run(files(b"-1800000\n", Some(b"-1\n"))).unwrap();
    assert_eq!(
        (neg.len(), neg[0].current, neg[0].min, neg[0].max),
        (1, 0.0, 400.0, 0.0)
    );
    parse_error(run(files(b"1800000\n", Some(b"\n"))), "scaling_max_freq");
    not_found(run(files(b"1800000\n", None)), "scaling_max_freq");
    report("cpu_freq_faults");
}

#[test]
fn getloadavg_faults() {
    not_found(tree(&[]).root().getloadavg(), "proc/loadavg");
    for bad in [
        &b""[..],
        b"0.10 0.20\n",
        b"-1.00 0.00 0.00 1/1 1\n",
        b"nan 0 0\n",
        b"0.1 0.2 inf\n",
        b"1e3 0 0\n",
        // 400 digits: not a load the kernel can print (it would read as infinity).
        &[b'9'; 400][..],
    ] {
        let mut data = bad.to_vec();
        if data.len() == 400 {
            data.extend_from_slice(b" 0 0\n");
        }
        parse_error(
            tree(&[("proc/loadavg", &data)]).root().getloadavg(),
            "proc/loadavg",
        );
    }
    let full = captured("proc/loadavg");
    let want: [f64; 3] = tree(&[("proc/loadavg", &full)])
        .root()
        .getloadavg()
        .unwrap()
        .into();
    for cut in 0..full.len() {
        match tree(&[("proc/loadavg", &full[..cut])]).root().getloadavg() {
            // Only a cut inside the third number can still parse.
            Ok(l) => assert_eq!([l.one, l.five], [want[0], want[1]]),
            Err(e) => names_file(&e, "proc/loadavg"),
        }
    }
    let l = tree(&[(
        "proc/loadavg",
        b"18446744073709551615.99 0.00 0.00 999/999 9 extra\n",
    )])
    .root()
    .getloadavg()
    .unwrap();
    assert!(l.one > 1.8e19 && l.one.is_finite());
    report("getloadavg_faults");
}
