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

use psutil_rs::os::linux::Root;
use psutil_rs::{BatteryTime, ConnAddr, ConnectionKind, ConnectionStatus, Error};

use crate::util::{fixture, TempTree};

mod cpu;
mod disk;
mod net;
mod sensors;

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
        let used_line = crate::util::MEMINFO_KEYS
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
