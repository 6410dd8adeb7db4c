//! `cpu_percent`, `cpu_times_percent` and [`psutil_rs::CpuSampler`]: ranges, psutil's
//! formulas on the same files, and rewritten `/proc/stat` trees.

use super::*;

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
