//! Resource hygiene (issue 7): thousands of calls leave the fd count, the thread count
//! and RSS where they were, and `wait`, `Popen` and `wait_procs` leave no zombie and no
//! thread behind. Runs in a child copy of the test binary, whose only other thread is
//! the test harness's, so the counts are its own.

use std::process::Command;
use std::time::{Duration, Instant};

use psutil_rs::{AttrSet, ConnectionKind, Popen, Process, ProcessTable};

use crate::race::run_isolated;

/// Entries of `/proc/self/fd` (the listing's own descriptor excluded).
fn fds() -> usize {
    std::fs::read_dir("/proc/self/fd").unwrap().count() - 1
}

/// Entries of `/proc/self/task`.
fn tasks() -> usize {
    std::fs::read_dir("/proc/self/task").unwrap().count()
}

/// `VmRSS:` of `/proc/self/status`, in KiB.
fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .unwrap()
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .unwrap()
}

/// Our children, read from every `/proc/<pid>/stat` (ppid = us), with their state.
fn children() -> Vec<(u32, char)> {
    let me = std::process::id().to_string();
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Ok(pid) = name.parse::<u32>() else {
            continue;
        };
        let Ok(s) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        let Some((_, rest)) = s.rsplit_once(')') else {
            continue;
        };
        let f: Vec<&str> = rest.split_whitespace().collect();
        if f.get(1) == Some(&me.as_str()) {
            out.push((pid, f[0].chars().next().unwrap()));
        }
    }
    out
}

/// The system functions, one call each.
fn system_calls() -> Vec<(&'static str, fn())> {
    vec![
        ("virtual_memory", || {
            let _ = psutil_rs::virtual_memory().unwrap();
        }),
        ("swap_memory", || {
            let _ = psutil_rs::swap_memory().unwrap();
        }),
        ("cpu_times", || {
            let _ = psutil_rs::cpu_times().unwrap();
        }),
        ("cpu_times_percpu", || {
            let _ = psutil_rs::cpu_times_percpu().unwrap();
        }),
        ("cpu_percent", || {
            let _ = psutil_rs::cpu_percent(None).unwrap();
        }),
        ("cpu_times_percent", || {
            let _ = psutil_rs::cpu_times_percent(None).unwrap();
        }),
        ("cpu_count", || {
            let _ = psutil_rs::cpu_count();
        }),
        ("cpu_count_physical", || {
            let _ = psutil_rs::cpu_count_physical();
        }),
        ("cpu_stats", || {
            let _ = psutil_rs::cpu_stats().unwrap();
        }),
        ("cpu_freq", || {
            let _ = psutil_rs::cpu_freq();
        }),
        ("getloadavg", || {
            let _ = psutil_rs::getloadavg().unwrap();
        }),
        ("boot_time", || {
            let _ = psutil_rs::boot_time().unwrap();
        }),
        ("disk_partitions", || {
            let _ = psutil_rs::disk_partitions(true).unwrap();
        }),
        ("disk_usage", || {
            let _ = psutil_rs::disk_usage("/").unwrap();
        }),
        ("disk_io_counters", || {
            let _ = psutil_rs::disk_io_counters_perdisk().unwrap();
        }),
        ("net_io_counters", || {
            let _ = psutil_rs::net_io_counters_pernic().unwrap();
        }),
        ("net_if_addrs", || {
            let _ = psutil_rs::net_if_addrs().unwrap();
        }),
        ("net_if_stats", || {
            let _ = psutil_rs::net_if_stats().unwrap();
        }),
        ("net_connections", || {
            let _ = psutil_rs::net_connections(ConnectionKind::All).unwrap();
        }),
        ("sensors_temperatures", || {
            let _ = psutil_rs::sensors_temperatures();
        }),
        ("sensors_fans", || {
            let _ = psutil_rs::sensors_fans();
        }),
        ("sensors_battery", || {
            let _ = psutil_rs::sensors_battery();
        }),
        ("users", || {
            let _ = psutil_rs::users().unwrap();
        }),
        ("pids", || {
            let _ = psutil_rs::pids().unwrap();
        }),
        ("pid_exists", || {
            let _ = psutil_rs::pid_exists(1);
        }),
        ("cgroup", || {
            let _ = psutil_rs::cgroup().unwrap();
        }),
        ("pressure", || {
            let _ = psutil_rs::pressure().unwrap();
        }),
        ("cpu_count_effective", || {
            let _ = psutil_rs::cpu_count_effective().unwrap();
        }),
        ("virtual_memory_effective", || {
            let _ = psutil_rs::virtual_memory_effective().unwrap();
        }),
    ]
}

#[test]
fn no_leak_after_many_calls() {
    let out = run_isolated("hygiene::hygiene_probe", "PSUTIL_RS_HYGIENE_PROBE", false);
    assert!(out.contains("hygiene:"), "{out}");
}

#[test]
#[ignore = "run by no_leak_after_many_calls in a child copy of the test binary"]
fn hygiene_probe() {
    if std::env::var_os("PSUTIL_RS_HYGIENE_PROBE").is_none() {
        return;
    }
    // Under qemu-user (crate::util::emulator) every call costs ~20 times more: a fifth of
    // the work, and the first-half RSS bound is not applied there (qemu's translated
    // code, counted in our VmRSS, grows for a while); the second-half bound is.
    let emulated = crate::util::emulator().is_some();
    let scale = if emulated { 5 } else { 1 };
    let system_calls_n: usize = 10_000 / scale;
    let snapshots_n: usize = 1_000 / scale;
    // Whole-table snapshots of the cheap stat attributes (issue 7 asks for 10,000).
    let table_snapshots_n: usize = 10_000 / scale;
    /// RSS may grow this much in all: allocator arenas and buffers sized by the largest
    /// table seen (other suites on the machine spawn thousands of processes meanwhile).
    const RSS_BOUND_KIB: u64 = 4096;
    /// And this much in the second half, once those have settled (allocator
    /// fragmentation moves by a few hundred KiB when other suites change the process
    /// count meanwhile): a leak of 128 bytes per call and per snapshot (5,000 of each in
    /// that half: 1.25 MiB) would exceed it.
    const RSS_HALF_BOUND_KIB: u64 = 512;
    let calls = system_calls();
    let me = Process::current().unwrap();
    // What the table reads itself plus the cheap handle attributes; every fourth
    // snapshot is a full `as_dict` of this process (memory maps, open files,
    // connections, threads, environ ...).
    let set = AttrSet::parse([
        "cmdline",
        "cpu_num",
        "cpu_times",
        "create_time",
        "cwd",
        "exe",
        "gids",
        "io_counters",
        "memory_info",
        "name",
        "nice",
        "num_ctx_switches",
        "num_fds",
        "num_threads",
        "ppid",
        "status",
        "terminal",
        "uids",
        "username",
    ])
    .unwrap();
    let mut spent = vec![Duration::ZERO; calls.len()];
    let mut snap_spent = [Duration::ZERO; 4];
    let stat_set = AttrSet::parse(["name", "ppid", "status"]).unwrap();
    let mut stat_table = ProcessTable::new(stat_set);
    // Each returns the most processes a snapshot of its saw: buffers are sized by the
    // largest table, so the RSS bounds hold only while that peak does not grow.
    let mut table_snaps = |n: usize| {
        let mut peak = 0;
        for _ in 0..n {
            peak = peak.max(stat_table.snapshot().unwrap().len());
        }
        peak
    };
    let mut work = |rounds: usize, snaps: usize| {
        let mut peak = 0;
        for i in 0..rounds {
            let t = Instant::now();
            (calls[i % calls.len()].1)();
            spent[i % calls.len()] += t.elapsed();
        }
        let mut table = ProcessTable::new(set);
        for i in 0..snaps {
            // Reused tables, new tables, process_iter, and full handles on ourselves
            // (every attribute, memory maps included), in turn.
            let t = Instant::now();
            match i % 4 {
                0 => peak = peak.max(table.snapshot().unwrap().len()),
                1 => peak = peak.max(ProcessTable::new(set).snapshot().unwrap().len()),
                2 => peak = peak.max(psutil_rs::process_iter().unwrap().len()),
                _ => drop(me.as_dict(AttrSet::all(), &psutil_rs::Value::None).unwrap()),
            }
            snap_spent[i % 4] += t.elapsed();
        }
        peak
    };
    // Warm-up: lazily built caches (process_iter's instances, nowrap tables, the cpu
    // percent baselines, the terminal map) and the allocator's arenas.
    work(calls.len() * 20, 40);
    table_snaps(100);
    // process_iter's cached instances hold one `/proc/<pid>` descriptor each, and the
    // number of processes on the machine moves: count without them.
    psutil_rs::process_iter_cache_clear();
    let (fd0, task0, rss0) = (fds(), tasks(), rss_kib());
    let t = Instant::now();
    let procs_half =
        work(system_calls_n / 2, snapshots_n / 2).max(table_snaps(table_snapshots_n / 2));
    let rss_half = rss_kib();
    let procs_end =
        work(system_calls_n / 2, snapshots_n / 2).max(table_snaps(table_snapshots_n / 2));
    let elapsed = t.elapsed();
    psutil_rs::process_iter_cache_clear();
    let (fd1, task1, rss1) = (fds(), tasks(), rss_kib());
    println!(
        "hygiene: {system_calls_n} system calls ({} functions), {snapshots_n} mixed snapshots and \
         {table_snapshots_n} table snapshots in \
         {:.1} s: fds {fd0} -> {fd1}, tasks {task0} -> {task1}, VmRSS {rss0} -> {rss_half} (half-way) -> {rss1} KiB",
        calls.len(),
        elapsed.as_secs_f64()
    );
    if std::env::var_os("HYGIENE_TIMES").is_some() {
        for ((n, _), d) in calls.iter().zip(&spent) {
            println!("{n}: {d:?}");
        }
        println!("snapshots: {snap_spent:?}");
    }
    assert_eq!(fd1, fd0, "fd count changed");
    assert_eq!(task1, task0, "thread count changed");
    assert!(
        emulated || rss1 <= rss0 + RSS_BOUND_KIB,
        "VmRSS grew {rss0} -> {rss1} KiB"
    );
    // The records and buffers grow with the number of processes: the second-half
    // bound holds when the most processes a snapshot saw in that half (other suites
    // spawn hundreds for a moment) is within 10% of the first half's peak.
    if procs_end * 10 <= procs_half * 11 {
        assert!(
            rss1 <= rss_half + RSS_HALF_BOUND_KIB,
            "VmRSS grew {rss_half} -> {rss1} KiB in the second half (at most {procs_half} \
             processes in a snapshot of the first half, {procs_end} of the second)"
        );
    } else {
        println!("hygiene: at most {procs_half} processes, then {procs_end} in the second half: its RSS bound not applied");
    }

    // wait, Popen, wait_procs: no zombie, no thread, no fd left.
    const CHILDREN: usize = 60;
    for i in 0..CHILDREN / 3 {
        // Popen, waited with and without a timeout.
        let p = Popen::spawn(Command::new("true").arg(i.to_string())).unwrap();
        let timeout = (i % 2 == 0).then(|| Duration::from_secs(5));
        assert_eq!(p.wait(timeout).unwrap(), Some(0));
        drop(p);
        // Process::wait on a plain std child (ours: reaped by wait).
        let c = Command::new("sleep").arg("0.01").spawn().unwrap();
        let pr = Process::new(c.id()).unwrap();
        assert_eq!(pr.wait(Some(Duration::from_secs(5))).unwrap(), Some(0));
        drop(c);
    }
    let kids: Vec<std::process::Child> = (0..CHILDREN / 3)
        .map(|i| {
            Command::new("sleep")
                .arg(format!("0.0{}", i % 5))
                .spawn()
                .unwrap()
        })
        .collect();
    let procs: Vec<Process> = kids.iter().map(|c| Process::new(c.id()).unwrap()).collect();
    let (gone, alive) =
        psutil_rs::wait_procs(&procs, Some(Duration::from_secs(10)), |_, _| {}).unwrap();
    assert!(alive.is_empty());
    assert_eq!(gone.len(), procs.len());
    drop(gone);
    drop(procs);
    drop(kids);
    let left = children();
    let (fd2, task2) = (fds(), tasks());
    println!(
        "hygiene: {CHILDREN} children via Popen.wait, Process.wait and wait_procs: children \
         left {left:?}, fds {fd1} -> {fd2}, tasks {task1} -> {task2}"
    );
    assert!(left.is_empty(), "children left: {left:?}");
    assert_eq!(fd2, fd1, "fd count changed");
    assert_eq!(task2, task1, "thread count changed");
}
