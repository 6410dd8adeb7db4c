//! Fault fixtures: broken `/proc` and `/sys` trees served through [`Root`], one test per
//! system-wide function. Each fault gets the function's documented answer — a fallback,
//! `None`/0 for what the kernel did not print, or a typed error naming the file — and
//! never a panic or a silently wrong number.
//!
//! The faults: missing file, empty file, truncation (after every line and inside every
//! line of the captured `debian12-6.18` file), extra unknown lines and columns,
//! `u64::MAX` and beyond, negative numbers where the kernel prints unsigned ones,
//! non-UTF-8 names (NIC, disk, mount point, hwmon label, utmp user). Trees are built
//! with `TempTree`; the number of trees each test builds is printed (`--nocapture`)
//! and summed in RELIABILITY.md.
//!
//! Functions that only read syscalls (`disk_usage`, `net_if_addrs`, host-only paths)
//! have no file to break and are not here.

use std::cell::Cell;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use psutil_rs::{BatteryTime, ConnAddr, ConnectionKind, ConnectionStatus, Error, Root};

use crate::util::{fixture, TempTree};

thread_local! {
    static TREES: Cell<usize> = const { Cell::new(0) };
}

/// A temporary root, counted.
fn tree(files: &[(&str, &[u8])]) -> TempTree {
    TREES.with(|n| n.set(n.get() + 1));
    TempTree::new(files)
}

/// Prints how many fault trees the calling test built.
fn report(test: &str) {
    let n = TREES.with(Cell::get);
    println!("faults: {test}: {n} fixtures");
}

fn captured(rel: &str) -> Vec<u8> {
    std::fs::read(fixture("debian12-6.18").join(rel)).unwrap()
}

/// Asserts `e` is a typed error (parse or not-found) whose message names `file`.
#[track_caller]
fn names_file(e: &Error, file: &str) {
    assert!(
        matches!(e, Error::Parse { .. } | Error::NotFound { .. }),
        "untyped error {e:?}"
    );
    assert!(e.to_string().contains(file), "{e} does not name {file}");
}

#[track_caller]
fn parse_error<T: std::fmt::Debug>(r: psutil_rs::Result<T>, file: &str) {
    let e = r.expect_err("expected a parse error");
    assert!(matches!(e, Error::Parse { .. }), "{e:?}");
    names_file(&e, file);
}

#[track_caller]
fn not_found<T: std::fmt::Debug>(r: psutil_rs::Result<T>, file: &str) {
    let e = r.expect_err("expected not-found");
    assert!(e.is_not_found(), "{e:?}");
    names_file(&e, file);
}

/// Cut points of a file: after every line, and inside every line (after its first
/// byte, in its middle, and before its last byte).
fn cuts(data: &[u8]) -> Vec<usize> {
    let mut out = vec![0];
    let mut start = 0;
    for (i, &c) in data.iter().enumerate() {
        if c == b'\n' {
            let len = i - start;
            out.extend(
                [start + 1, start + len / 2, i.saturating_sub(1)]
                    .iter()
                    .filter(|&&k| k > start && k < i),
            );
            out.push(i + 1);
            start = i + 1;
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// True if `cut` ends the data after a whole line.
fn at_line_end(data: &[u8], cut: usize) -> bool {
    cut == 0 || data.get(cut - 1) == Some(&b'\n')
}

/// The line (without its newline) that `cut` falls inside.
fn line_at(data: &[u8], cut: usize) -> &[u8] {
    let start = data[..cut]
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(0, |i| i + 1);
    let end = data[cut..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(data.len(), |i| cut + i);
    &data[start..end]
}

// ---------------------------------------------------------------------------- memory

const MEMINFO_USED: [&str; 18] = [
    "MemTotal",
    "MemFree",
    "MemAvailable",
    "Buffers",
    "Cached",
    "Active",
    "Inactive",
    "Active(file)",
    "Inactive(file)",
    "Shmem",
    "MemShared",
    "Slab",
    "SReclaimable",
    "SwapTotal",
    "SwapFree",
    "Inact_dirty",
    "Inact_clean",
    "Inact_laundry",
];

#[test]
fn virtual_memory_faults() {
    let full = captured("proc/meminfo");
    let good = tree(&[("proc/meminfo", &full)])
        .root()
        .virtual_memory()
        .unwrap();
    let kb = |key: &str| -> u64 {
        let text = String::from_utf8_lossy(&full);
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("{key}:")))
            .unwrap();
        line.split_whitespace()
            .nth(1)
            .unwrap()
            .parse::<u64>()
            .unwrap()
            * 1024
    };

    not_found(tree(&[]).root().virtual_memory(), "proc/meminfo");
    parse_error(
        tree(&[("proc/meminfo", b"")]).root().virtual_memory(),
        "meminfo",
    );

    // Truncation: a field is either right or absent (0, as psutil reports a line the
    // kernel does not print); a cut inside a line psutil uses is an error.
    for cut in cuts(&full) {
        let r = tree(&[("proc/meminfo", &full[..cut])])
            .root()
            .virtual_memory();
        let line = line_at(&full, cut);
        let used_line = MEMINFO_USED
            .iter()
            .any(|k| line.starts_with(format!("{k}:").as_bytes()));
        if !at_line_end(&full, cut) && used_line {
            parse_error(r, "meminfo");
            continue;
        }
        match r {
            Err(e) => names_file(&e, "meminfo"),
            Ok(v) => {
                for (name, got, want) in [
                    ("total", v.total, good.total),
                    ("free", v.free, good.free),
                    ("active", v.active, good.active),
                    ("inactive", v.inactive, good.inactive),
                    ("buffers", v.buffers, good.buffers),
                    ("shared", v.shared, good.shared),
                    ("slab", v.slab, good.slab),
                ] {
                    assert!(got == want || got == 0, "cut {cut}: {name} {got} vs {want}");
                }
                // Cached + SReclaimable, one of which may be cut off.
                assert!(
                    [0, kb("Cached"), good.cached].contains(&v.cached),
                    "cut {cut}"
                );
                assert!(v.available <= v.total && v.used <= v.total, "cut {cut}");
                assert!((0.0..=100.0).contains(&v.percent));
            }
        }
    }

    // Beyond u64 after the kB conversion; with no unit; negative.
    let e = tree(&[("proc/meminfo", b"MemTotal: 18446744073709551615 kB\n")])
        .root()
        .virtual_memory();
    parse_error(e, "meminfo line 1");
    let e = tree(&[(
        "proc/meminfo",
        b"MemTotal: 1000 kB\nMemFree: 18446744073709551615\n",
    )])
    .root()
    .virtual_memory();
    parse_error(e, "meminfo line 2");
    let e = tree(&[("proc/meminfo", b"MemTotal: 1000 kB\nMemFree: -5 kB\n")])
        .root()
        .virtual_memory();
    parse_error(e, "meminfo line 2");
    // The largest value that fits: 2^54 - 1 kB.
    let big = b"MemTotal: 18014398509481983 kB\nMemFree: 18014398509481983 kB\nMemAvailable: 18014398509481983 kB\n";
    let v = tree(&[("proc/meminfo", big)])
        .root()
        .virtual_memory()
        .unwrap();
    assert_eq!(
        (v.total, v.free, v.used),
        (u64::MAX - 1023, u64::MAX - 1023, 0)
    );

    // Extra unknown lines, extra columns and non-UTF-8 keys are ignored.
    let extra = b"MemTotal: 1000 kB extra words\nMemFree: 100 kB\nMemAvailable: 500 kB\n\
Future_Field: 7 kB\nFuture_Counter: 3\n\xff\xfe: 1 kB\n";
    let v = tree(&[("proc/meminfo", extra)])
        .root()
        .virtual_memory()
        .unwrap();
    assert_eq!(
        (v.total, v.free, v.available, v.used),
        (1_024_000, 102_400, 512_000, 512_000)
    );
    assert_eq!(v.percent, 50.0);

    // MemFree above MemTotal: what the file says, and `used` does not go negative.
    let odd = b"MemTotal: 100 kB\nMemFree: 200 kB\nMemAvailable: 300 kB\n";
    let v = tree(&[("proc/meminfo", odd)])
        .root()
        .virtual_memory()
        .unwrap();
    assert_eq!(
        (v.free, v.available, v.used, v.percent),
        (204_800, 204_800, 0, 0.0)
    );

    // Pre-3.14 kernel: a broken or missing zoneinfo falls back to MemFree + Cached.
    let old = b"MemTotal: 1000 kB\nMemFree: 100 kB\nCached: 200 kB\nActive(file): 50 kB\n\
Inactive(file): 50 kB\nSReclaimable: 10 kB\n";
    for zoneinfo in [
        &b"Node 0, zone DMA\n  low  x\n"[..],
        b"  low 18446744073709551615\n  low 1\n",
    ] {
        let t = tree(&[("proc/meminfo", old), ("proc/zoneinfo", zoneinfo)]);
        assert_eq!(t.root().virtual_memory().unwrap().available, 300 * 1024);
    }
    let t = tree(&[("proc/meminfo", old)]);
    assert_eq!(t.root().virtual_memory().unwrap().available, 300 * 1024);
    // A huge watermark: the kernel's formula clamps at 0, never wraps.
    let t = tree(&[
        ("proc/meminfo", old),
        ("proc/zoneinfo", b"  low 18446744073709551615\n"),
    ]);
    assert_eq!(t.root().virtual_memory().unwrap().available, 0);
    report("virtual_memory_faults");
}

#[test]
fn swap_memory_faults() {
    let meminfo = b"MemTotal: 1000 kB\nSwapTotal: 400 kB\nSwapFree: 100 kB\n";
    not_found(tree(&[]).root().swap_memory(), "proc/meminfo");
    // No swap lines in a non-host tree: 0 (sysinfo(2) would describe another system).
    let sw = tree(&[("proc/meminfo", b"MemTotal: 1 kB\n")])
        .root()
        .swap_memory()
        .unwrap();
    assert_eq!((sw.total, sw.used, sw.free, sw.percent), (0, 0, 0, 0.0));
    // vmstat missing or without the counters: 0; broken: an error naming it.
    for vmstat in [None, Some(&b""[..]), Some(b"nr_free_pages 5\n")] {
        let mut files: Vec<(&str, &[u8])> = vec![("proc/meminfo", meminfo)];
        files.extend(vmstat.map(|v| ("proc/vmstat", v)));
        let sw = tree(&files).root().swap_memory().unwrap();
        assert_eq!(
            (sw.total, sw.used, sw.sin, sw.sout),
            (409_600, 307_200, 0, 0)
        );
        assert_eq!(sw.percent, 75.0);
    }
    for bad in [
        &b"pswpin x\n"[..],
        b"pswpin -1\n",
        b"pswpin 1 2\n",
        b"pswpin\n",
        b"pswpin 18446744073709551616\n",
    ] {
        let r = tree(&[("proc/meminfo", meminfo), ("proc/vmstat", bad)])
            .root()
            .swap_memory();
        parse_error(r, "proc/vmstat");
    }
    // Truncations of the captured vmstat.
    let full = captured("proc/vmstat");
    for cut in cuts(&full) {
        let r = tree(&[("proc/meminfo", meminfo), ("proc/vmstat", &full[..cut])])
            .root()
            .swap_memory();
        match r {
            Ok(sw) => assert_eq!((sw.total, sw.used), (409_600, 307_200)),
            Err(e) => names_file(&e, "vmstat"),
        }
    }
    // Counters past u64 once in bytes are clamped to u64::MAX, never wrapped.
    let t = tree(&[
        ("proc/meminfo", meminfo),
        ("proc/vmstat", b"pswpin 18446744073709551615\npswpout 3\n"),
    ]);
    let sw = t.root().swap_memory().unwrap();
    assert_eq!((sw.sin, sw.sout), (u64::MAX, 3 * 4096));
    // SwapFree above SwapTotal: used is 0, not a wrapped subtraction.
    let t = tree(&[(
        "proc/meminfo",
        b"MemTotal: 1 kB\nSwapTotal: 1 kB\nSwapFree: 5 kB\n",
    )]);
    let sw = t.root().swap_memory().unwrap();
    assert_eq!((sw.used, sw.percent), (0, 0.0));
    report("swap_memory_faults");
}

// ------------------------------------------------------------------------------- cpu

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

// ------------------------------------------------------------------------------ disk

#[test]
fn disk_io_counters_faults() {
    let e = tree(&[]).root().disk_io_counters().unwrap_err();
    assert!(
        matches!(e, Error::Unsupported { .. }) && e.to_string().contains("diskstats"),
        "{e}"
    );
    // Without diskstats: the sysfs stat files; a broken one is an error naming it.
    let t = tree(&[(
        "sys/block/sda/stat",
        b"1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17\n",
    )]);
    let c = t.root().disk_io_counters_raw().unwrap().unwrap();
    assert_eq!((c.read_count, c.read_bytes, c.write_count), (1, 3 * 512, 5));
    for bad in [&b""[..], b"1 2 3\n", b"1 2 -3 4 5 6 7 8 9 10 11\n"] {
        parse_error(
            tree(&[("sys/block/sda/stat", bad)])
                .root()
                .disk_io_counters_raw(),
            "sda/stat",
        );
    }

    let full = captured("proc/diskstats");
    let good = tree(&[("proc/diskstats", &full)])
        .root()
        .disk_io_counters_perdisk_raw()
        .unwrap();
    assert!(!good.is_empty());
    parse_error(
        tree(&[("proc/diskstats", b"8 0 sda 1 2\n")])
            .root()
            .disk_io_counters_perdisk_raw(),
        "proc/diskstats line 1",
    );
    assert!(tree(&[("proc/diskstats", b"")])
        .root()
        .disk_io_counters_perdisk_raw()
        .unwrap()
        .is_empty());
    // A cut inside a line is an error (the kernel ends every line with a newline; a
    // 20-field line cut to 7 or 15 fields would read in an older layout); a cut after
    // a line gives the disks before it, right.
    for cut in cuts(&full) {
        let r = tree(&[("proc/diskstats", &full[..cut])])
            .root()
            .disk_io_counters_perdisk_raw();
        if !at_line_end(&full, cut) {
            parse_error(r, "proc/diskstats line");
            continue;
        }
        let m = r.unwrap();
        for (name, c) in &m {
            assert_eq!(Some(c), good.get(name), "cut {cut}: {name}");
        }
    }
    let line = |fields: &str| format!("   8       0 sda {fields}\n").into_bytes();
    // Negative, non-numeric, a field count no kernel prints.
    for fields in [
        "1 2 -3 4 5 6 7 8 9 10 11",
        "1 2 3 4 5 6 7 8 9 10 x",
        "1 2 3 4 5 6 7 8 9 10 11 12 13",
    ] {
        let data = line(fields);
        parse_error(
            tree(&[("proc/diskstats", &data)])
                .root()
                .disk_io_counters_perdisk_raw(),
            "proc/diskstats line 1",
        );
    }
    // Extra columns of a future kernel are ignored; u64::MAX sectors clamp at u64::MAX
    // bytes (never wrap); a non-UTF-8 name is kept (lossily) per disk and, having no
    // /sys/block entry, left out of the total like a partition.
    let data = [
        line("18446744073709551615 0 18446744073709551615 0 1 0 2 0 0 0 0 0 0 0 0 0 0 9 9 9 9"),
        b"   8      16 sd\xff 1 0 1 0 1 0 1 0 0 0 0\n".to_vec(),
    ]
    .concat();
    let t = tree(&[("proc/diskstats", &data), ("sys/block/sda/stat", b"")]);
    let per = t.root().disk_io_counters_perdisk_raw().unwrap();
    let sda = &per["sda"];
    assert_eq!(
        (sda.read_count, sda.read_bytes, sda.write_bytes),
        (u64::MAX, u64::MAX, 1024)
    );
    assert_eq!(per["sd\u{fffd}"].read_bytes, 512);
    let total = t.root().disk_io_counters_raw().unwrap().unwrap();
    assert_eq!(total.read_count, u64::MAX);
    report("disk_io_counters_faults");
}

#[test]
fn disk_partitions_faults() {
    let filesystems = captured("proc/filesystems");
    let mounts = captured("proc/self/mounts");
    not_found(
        tree(&[("proc/filesystems", &filesystems)])
            .root()
            .disk_partitions(true),
        "proc/self/mounts",
    );
    not_found(
        tree(&[("proc/self/mounts", &mounts)])
            .root()
            .disk_partitions(false),
        "proc/filesystems",
    );
    // all=true does not need /proc/filesystems.
    let all = tree(&[("proc/self/mounts", &mounts)])
        .root()
        .disk_partitions(true)
        .unwrap();
    assert!(!all.is_empty());
    parse_error(
        tree(&[
            ("proc/self/mounts", &mounts),
            ("proc/filesystems", b"nodev\tproc extra\n"),
        ])
        .root()
        .disk_partitions(false),
        "proc/filesystems line 1",
    );
    assert!(tree(&[
        ("proc/self/mounts", b""),
        ("proc/filesystems", &filesystems)
    ])
    .root()
    .disk_partitions(false)
    .unwrap()
    .is_empty());

    // Truncations: each mount read is one of the full table's, or the cut line with
    // its fields cut short.
    for cut in cuts(&mounts) {
        let t = tree(&[("proc/self/mounts", &mounts[..cut])]);
        let parts = t.root().disk_partitions(true).unwrap();
        let whole = if at_line_end(&mounts, cut) {
            parts.len()
        } else {
            parts.len().saturating_sub(1)
        };
        assert_eq!(parts[..whole], all[..whole], "cut {cut}");
    }
    let t = tree(&[
        ("proc/self/mounts", &mounts[..mounts.len() / 2]),
        ("proc/filesystems", &filesystems[..filesystems.len() / 2]),
    ]);
    if let Err(e) = t.root().disk_partitions(false) {
        names_file(&e, "proc/filesystems");
    }

    // Non-UTF-8 and escaped mount points are kept byte for byte; a short line has
    // empty fields (kept with all=true, not physical with all=false); extra columns
    // are ignored.
    let table = b"/dev/sda1 /mnt/\xe9t\xe9\\040x ext4 rw,relatime 0 0 extra\n\
/dev/sdb1 /mnt/tab\\011back\\134slash ext4 ro 0 0\n/dev/sdc1 /short\n";
    let t = tree(&[
        ("proc/self/mounts", table),
        ("proc/filesystems", b"\text4\nnodev\tproc\n"),
    ]);
    let p = t.root().disk_partitions(false).unwrap();
    assert_eq!(p.len(), 2);
    assert_eq!(p[0].mountpoint.as_os_str().as_bytes(), b"/mnt/\xe9t\xe9 x");
    assert_eq!(
        p[1].mountpoint.as_os_str().as_bytes(),
        b"/mnt/tab\tback\\slash"
    );
    let p = t.root().disk_partitions(true).unwrap();
    assert_eq!(
        (
            p[2].device.as_bytes(),
            p[2].fstype.as_str(),
            p[2].opts.as_str()
        ),
        (&b"/dev/sdc1"[..], "", "")
    );
    report("disk_partitions_faults");
}

// ------------------------------------------------------------------------------- net

#[test]
fn net_io_counters_faults() {
    not_found(tree(&[]).root().net_io_counters(), "proc/net/dev");
    // No interface lines: None / empty, as for a system without interfaces.
    for empty in [&b""[..], b"Inter-|\n face |\n"] {
        let t = tree(&[("proc/net/dev", empty)]);
        assert_eq!(t.root().net_io_counters().unwrap(), None);
        assert!(t.root().net_io_counters_pernic_raw().unwrap().is_empty());
    }
    let full = captured("proc/net/dev");
    let good = tree(&[("proc/net/dev", &full)])
        .root()
        .net_io_counters_pernic_raw()
        .unwrap();
    for cut in cuts(&full) {
        match tree(&[("proc/net/dev", &full[..cut])])
            .root()
            .net_io_counters_pernic_raw()
        {
            Err(e) => names_file(&e, "proc/net/dev"),
            Ok(m) => {
                for (nic, c) in &m {
                    assert_eq!(Some(c), good.get(nic), "cut {cut}: {nic}");
                }
            }
        }
    }
    let head = "Inter-|   Receive\n face |bytes\n";
    let dev = |line: &str| format!("{head}{line}\n").into_bytes();
    for bad in [
        "  eth0: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15",
        "  eth0: 1 2 3 4 5 6 7 8 -9 10 11 12 13 14 15 16",
        "  eth0: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 18446744073709551616",
        "  eth0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16",
        "      : 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16",
    ] {
        parse_error(
            tree(&[("proc/net/dev", &dev(bad))])
                .root()
                .net_io_counters(),
            "proc/net/dev line 3",
        );
    }
    // u64::MAX counters: exact per NIC, the sum clamps at u64::MAX (never wraps);
    // extra columns are ignored; a non-UTF-8 name is kept lossily.
    let max = u64::MAX;
    let data = format!(
        "{head}  eth0: {max} 1 0 0 0 0 0 0 {max} 2 0 0 0 0 0 0 77 88\n    lo: 5 1 0 0 0 0 0 0 5 1 0 0 0 0 0 0\n"
    );
    let mut data = data.into_bytes();
    data.extend_from_slice(b"  e\xfft0: 1 1 1 1 0 0 0 0 1 1 1 1 0 0 0 0\n");
    let t = tree(&[("proc/net/dev", &data)]);
    let per = t.root().net_io_counters_pernic_raw().unwrap();
    assert_eq!((per["eth0"].bytes_recv, per["eth0"].packets_recv), (max, 1));
    assert_eq!(per["e\u{fffd}t0"].errin, 1);
    let total = t.root().net_io_counters().unwrap().unwrap();
    assert_eq!(
        (total.bytes_recv, total.bytes_sent, total.packets_recv),
        (max, max, 3)
    );
    report("net_io_counters_faults");
}

#[test]
fn net_if_stats_faults() {
    not_found(tree(&[]).root().net_if_stats(), "proc/net/dev");
    // Names from a non-host tree that are not interfaces of this system (unknown,
    // non-UTF-8, too long for an ifreq, with a NUL) are left out; `lo` is this system's.
    let head = "Inter-|\n face |\n";
    let zeros = "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0";
    let mut data =
        format!("{head}    lo: {zeros}\n  nosuchnic0: {zeros}\nlo_plus_sixteen_bytes: {zeros}\n")
            .into_bytes();
    data.extend_from_slice(format!("  l\u{f6}: {zeros}\n  lo\0x: {zeros}\n").as_bytes());
    data.extend_from_slice(b"  l\xff: ");
    data.extend_from_slice(format!("{zeros}\n").as_bytes());
    data.extend_from_slice(format!("  e\u{fffd}0: {zeros}\n").as_bytes());
    let stats = tree(&[("proc/net/dev", &data)])
        .root()
        .net_if_stats()
        .unwrap();
    let names: Vec<&String> = stats.keys().collect();
    assert_eq!(names, ["lo"], "{stats:?}");
    report("net_if_stats_faults");
}

#[test]
fn net_connections_faults() {
    let tcp = captured("proc/net/tcp");
    let unix = captured("proc/net/unix");
    let base: Vec<(&str, &[u8])> = vec![
        ("proc/net/tcp", &tcp),
        ("proc/net/udp", b"  sl  local_address rem_address   st\n"),
        ("proc/net/unix", &unix),
    ];
    let conns = |files: &[(&str, &[u8])]| {
        tree(files)
            .root()
            .net_connections_procfs(ConnectionKind::All)
    };
    // Missing IPv6 tables mean no IPv6; a missing IPv4 table is an error naming it.
    let all = conns(&base).unwrap();
    assert!(!all.is_empty());
    not_found(conns(&base[1..]), "proc/net/tcp");
    for cut in cuts(&tcp) {
        let mut files = base.clone();
        files[0].1 = &tcp[..cut];
        match conns(&files) {
            Ok(v) => assert!(v.iter().all(|c| all.contains(c)), "cut {cut}"),
            Err(e) => names_file(&e, "proc/net/tcp"),
        }
    }
    for cut in cuts(&unix) {
        let mut files = base.clone();
        files[2].1 = &unix[..cut];
        if let Err(e) = conns(&files) {
            names_file(&e, "proc/net/unix");
        }
    }
    let header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
    let sock = |local: &str, st: &str, inode: &str| {
        format!("{header}   0: {local} 00000000:0000 {st} 00000000:00000000 00:00000000 00000000     0        0 {inode} 1 0 100 0 0 10 0\n")
            .into_bytes()
    };
    for bad in [
        sock("0100007F:0016", "0A", "-1"),
        sock("0100007F:10016", "0A", "1"),
        sock("0100007F0:0016", "0A", "1"),
        sock("0100007F:0016", "100", "1"),
        sock("0100007F:0016", "0A", "18446744073709551616"),
        format!("{header}   0: 0100007F:0016\n").into_bytes(),
    ] {
        let mut files = base.clone();
        files[0].1 = &bad;
        parse_error(conns(&files), "proc/net/tcp line 2");
    }
    // An unknown TCP state is NONE; an inode of u64::MAX is kept; extra columns ignored.
    let odd = sock("0100007F:0016", "FF", "18446744073709551615");
    let mut files = base.clone();
    files[0].1 = &odd;
    files.push(("proc/net/tcp6", b"header\n"));
    let v = tree(&files)
        .root()
        .net_connections_procfs(ConnectionKind::Tcp)
        .unwrap();
    assert_eq!(v.len(), 1);
    assert_eq!((v[0].status, v[0].pid), (ConnectionStatus::None, None));
    // A Unix socket path that is not UTF-8 (or holds spaces) is kept byte for byte.
    let unix_odd = b"Num       RefCount Protocol Flags    Type St Inode Path\n\
0000000000000000: 00000002 00000000 00010000 0001 01 12345 /run/\xff\xfe odd\n";
    let mut files = base.clone();
    files[2].1 = unix_odd;
    let v = tree(&files)
        .root()
        .net_connections_procfs(ConnectionKind::Unix)
        .unwrap();
    assert_eq!(v.len(), 1);
    let ConnAddr::Unix(path) = &v[0].laddr else {
        panic!("{v:?}")
    };
    assert_eq!(path.as_bytes(), b"/run/\xff\xfe odd");
    report("net_connections_faults");
}

// --------------------------------------------------------------------------- sensors

#[test]
fn sensors_temperatures_faults() {
    let h = "sys/class/hwmon/hwmon0";
    let files: Vec<(String, &[u8])> = vec![
        (format!("{h}/name"), b"chip\xff\n"),
        (format!("{h}/temp1_input"), b"45000\n"),
        (format!("{h}/temp1_label"), b"Core \xe9\n"),
        (format!("{h}/temp1_max"), b"garbage\n"),
        (format!("{h}/temp1_crit"), b"100000\n"),
        (format!("{h}/temp2_input"), b"hot\n"),
        (format!("{h}/temp3_input"), b""),
        (format!("{h}/temp4_input"), b"-12500\n"),
        (format!("{h}/temp5_input"), b"18446744073709551615\n"),
        (format!("{h}/temp5_max"), b"-1\n"),
        // A chip without a name file is skipped (psutil #1009 and friends).
        ("sys/class/hwmon/hwmon1/temp1_input".into(), b"1000\n"),
    ];
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(p, d)| (p.as_str(), *d)).collect();
    let temps = tree(&refs).root().sensors_temperatures().unwrap();
    assert_eq!(temps.len(), 1, "{temps:?}");
    let chip = &temps["chip\u{fffd}"];
    let currents: Vec<f64> = chip.iter().map(|t| t.current).collect();
    assert_eq!(currents, [45.0, -12.5, u64::MAX as f64 / 1000.0]);
    assert_eq!(chip[0].label, "Core \u{fffd}");
    // An unreadable _max is unset, so _crit is copied to it (psutil's rule).
    assert_eq!((chip[0].high, chip[0].critical), (Some(100.0), Some(100.0)));
    assert_eq!(
        (chip[2].high, chip[2].critical),
        (Some(-0.001), Some(-0.001))
    );
    // Empty and missing trees: an empty map.
    assert!(tree(&[]).root().sensors_temperatures().unwrap().is_empty());
    assert!(tree(&[("sys/class/hwmon/hwmon0/name", b"")])
        .root()
        .sensors_temperatures()
        .unwrap()
        .is_empty());
    // Thermal zones: a broken temp skips the zone, a broken trip point is unset.
    let z = "sys/class/thermal/thermal_zone0";
    let t = tree(&[
        (&format!("{z}/type"), b"acpitz\n"),
        (&format!("{z}/temp"), b"27800\n"),
        (&format!("{z}/trip_point_0_type"), b"critical\n"),
        (&format!("{z}/trip_point_0_temp"), b"x\n"),
        ("sys/class/thermal/thermal_zone1/type", b"broken\n"),
        ("sys/class/thermal/thermal_zone1/temp", b"\n"),
    ]);
    let temps = t.root().sensors_temperatures().unwrap();
    assert_eq!(temps.keys().collect::<Vec<_>>(), ["acpitz"]);
    assert_eq!(
        (temps["acpitz"][0].current, temps["acpitz"][0].critical),
        (27.8, None)
    );
    report("sensors_temperatures_faults");
}

#[test]
fn sensors_fans_faults() {
    let h = "sys/class/hwmon/hwmon0";
    let fans = |input: &[u8], name: Option<&[u8]>| {
        let mut files: Vec<(String, &[u8])> = vec![
            (format!("{h}/fan1_input"), input),
            (format!("{h}/fan1_label"), b"CPU \xff\n"),
        ];
        files.extend(name.map(|n| (format!("{h}/name"), n)));
        let refs: Vec<(&str, &[u8])> = files.iter().map(|(p, d)| (p.as_str(), *d)).collect();
        tree(&refs).root().sensors_fans()
    };
    let f = fans(b"1200\n", Some(b"nct6798\n")).unwrap();
    assert_eq!(
        (f["nct6798"][0].current, f["nct6798"][0].label.as_str()),
        (1200, "CPU \u{fffd}")
    );
    // Negative: what the file says (psutil's int()); not an integer: an error naming
    // the file, as psutil raises; no chip name: the read error.
    assert_eq!(fans(b"-1\n", Some(b"x\n")).unwrap()["x"][0].current, -1);
    for bad in [&b"fast\n"[..], b"", b"18446744073709551615\n", b"1.5\n"] {
        parse_error(fans(bad, Some(b"x\n")), "fan1_input");
    }
    not_found(fans(b"1200\n", None), "hwmon0/name");
    assert!(tree(&[]).root().sensors_fans().unwrap().is_empty());
    report("sensors_fans_faults");
}

#[test]
fn sensors_battery_faults() {
    let ps = "sys/class/power_supply";
    let battery = |attrs: &[(&str, &[u8])]| {
        let files: Vec<(String, &[u8])> = attrs
            .iter()
            .map(|(n, d)| (format!("{ps}/BAT0/{n}"), *d))
            .collect();
        let refs: Vec<(&str, &[u8])> = files.iter().map(|(p, d)| (p.as_str(), *d)).collect();
        tree(&refs).root().sensors_battery()
    };
    assert_eq!(tree(&[]).root().sensors_battery().unwrap(), None);
    // Neither the energy pair nor capacity: None; capacity -1: None.
    assert_eq!(battery(&[("status", b"Discharging\n")]).unwrap(), None);
    assert_eq!(battery(&[("capacity", b"-1\n")]).unwrap(), None);
    parse_error(battery(&[("capacity", b"full\n")]), "capacity");
    // A non-integer attribute used in the arithmetic is an error naming it.
    for bad in [&b"lots\n"[..], b"18446744073709551615\n", b"\n"] {
        parse_error(
            battery(&[("energy_now", bad), ("energy_full", b"100\n")]),
            "energy_now",
        );
    }
    // energy_full 0: percent 0 (documented, no division by zero).
    let b = battery(&[
        ("energy_now", b"50\n"),
        ("energy_full", b"0\n"),
        ("status", b"\xff\xfe\n"),
    ])
    .unwrap()
    .unwrap();
    assert_eq!(
        (b.percent, b.power_plugged, b.secsleft),
        (0.0, None, BatteryTime::Unknown)
    );
    // Negative energy or power: no negative time left; power 0: unknown.
    let b = battery(&[
        ("energy_now", b"-50\n"),
        ("energy_full", b"100\n"),
        ("power_now", b"10\n"),
        ("status", b"Discharging\n"),
    ])
    .unwrap()
    .unwrap();
    assert_eq!((b.percent, b.secsleft), (-50.0, BatteryTime::Unknown));
    let b = battery(&[
        ("energy_now", b"50\n"),
        ("energy_full", b"100\n"),
        ("power_now", b"-9223372036854775808\n"),
        ("status", b"Discharging\n"),
    ])
    .unwrap()
    .unwrap();
    assert_eq!(b.secsleft, BatteryTime::Seconds(0));
    let b = battery(&[
        ("energy_now", b"50\n"),
        ("energy_full", b"100\n"),
        ("power_now", b"0\n"),
        ("status", b"Discharging\n"),
    ])
    .unwrap()
    .unwrap();
    assert_eq!(b.secsleft, BatteryTime::Unknown);
    let b = battery(&[
        ("capacity", b"80\n"),
        ("time_to_empty_now", b"-5\n"),
        ("status", b"Discharging\n"),
    ])
    .unwrap()
    .unwrap();
    assert_eq!((b.percent, b.secsleft), (80.0, BatteryTime::Unknown));
    report("sensors_battery_faults");
}

// ----------------------------------------------------------------------------- users

fn utmp_record(ut_type: i16, pid: i32, user: &[u8], line: &[u8], host: &[u8], sec: i32) -> Vec<u8> {
    // glibc's x86_64 layout (Layout::Compat32), which this machine uses.
    let mut r = vec![0u8; 384];
    r[0..2].copy_from_slice(&ut_type.to_ne_bytes());
    r[4..8].copy_from_slice(&pid.to_ne_bytes());
    r[8..8 + line.len()].copy_from_slice(line);
    r[44..44 + user.len()].copy_from_slice(user);
    r[76..76 + host.len()].copy_from_slice(host);
    r[340..344].copy_from_slice(&sec.to_ne_bytes());
    r
}

#[test]
fn users_faults() {
    // Missing or empty utmp: nobody (psutil's answer on systems without utmp).
    assert!(tree(&[]).root().users().unwrap().is_empty());
    assert!(tree(&[("run/utmp", b"")])
        .root()
        .users()
        .unwrap()
        .is_empty());
    if cfg!(not(target_arch = "x86_64")) {
        return;
    }
    let rec = [
        utmp_record(7, 1234, b"al\xffce", b"pts/0", b"", 1_700_000_000),
        utmp_record(8, 1, b"dead", b"pts/1", b"", 1),
        // Every string field full (no NUL), a negative pid, a time before 1970.
        utmp_record(7, -5, &[b'u'; 32], &[b'l'; 32], &[b'h'; 256], -1),
    ]
    .concat();
    for cut in [0, 1, 383, 384, 385, 767, 768, 1151, 1152] {
        let users = tree(&[("run/utmp", &rec[..cut])]).root().users().unwrap();
        // Only whole records count: a trailing partial one is ignored.
        let whole = [0, 1, 1, 2][cut / 384];
        assert_eq!(users.len(), whole, "cut {cut}");
    }
    let users = tree(&[("run/utmp", &rec)]).root().users().unwrap();
    assert_eq!(users[0].name.as_bytes(), b"al\xffce");
    assert_eq!(
        (users[0].host.as_bytes(), users[0].pid, users[0].started),
        (&b"localhost"[..], 1234, 1.7e9)
    );
    assert_eq!((users[1].name.len(), users[1].host.len()), (32, 256));
    assert_eq!(
        users[1].terminal.as_deref(),
        Some(OsStr::from_bytes(&[b'l'; 32]))
    );
    assert_eq!((users[1].pid, users[1].started), (0, -1.0));
    // A directory where the file should be: an I/O error, not an empty list.
    let t = tree(&[("run/utmp/x", b"")]);
    assert!(t.root().users().is_err());
    report("users_faults");
}

/// The roots above are all fixtures; make sure none of them is taken for the host.
#[test]
fn fault_roots_are_not_the_host() {
    let t = tree(&[]);
    assert!(!t.root().is_host());
    assert!(!Root::under(Path::new("/")).is_host());
}
