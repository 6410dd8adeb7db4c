//! Key order of `disk_io_counters_perdisk`: `/proc/diskstats`'s, as psutil's.

use super::io::*;
use super::*;

use crate::net::order::{json_keys, keys, shared_order};

/// The device names of a `/proc/diskstats` text in file order (the third field of
/// each line), read here directly.
fn diskstats_names(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.split_whitespace().nth(2).map(str::to_string))
        .collect()
}

#[test]
fn io_counters_perdisk_in_proc_diskstats_order() {
    let host = psutil_rs::Root::host();
    let read = || diskstats_names(&std::fs::read_to_string("/proc/diskstats").unwrap());
    for _ in 0..5 {
        let before = read();
        let got = keys(&host.disk_io_counters_perdisk().unwrap());
        let raw = keys(&host.disk_io_counters_perdisk_raw().unwrap());
        if read() == before {
            assert_eq!(got, before);
            assert_eq!(raw, before);
            return;
        }
    }
    panic!("/proc/diskstats kept changing");
}

#[test]
fn io_counters_perdisk_order_matches_psutil() {
    let ours = keys(&psutil_rs::Root::host().disk_io_counters_perdisk().unwrap());
    let theirs = json_keys(&psutil("psutil.disk_io_counters(perdisk=True)"));
    let (o, t) = shared_order(&ours, &theirs);
    assert!(!o.is_empty(), "{ours:?} vs {theirs:?}");
    assert_eq!(o, t, "ours (left) vs psutil (right)");
}

#[test]
fn fixture_io_counters_in_file_order() {
    let dir = fixture("debian12-6.18");
    let want = diskstats_names(&std::fs::read_to_string(dir.join("proc/diskstats")).unwrap());
    assert_eq!(want.len(), 10);
    let root = fixture_root("debian12-6.18");
    assert_eq!(keys(&root.disk_io_counters_perdisk_raw().unwrap()), want);
    assert_eq!(keys(&root.disk_io_counters_perdisk().unwrap()), want);
}

#[test]
fn hand_written_diskstats_order_and_duplicates() {
    // Not sorted, partitions between disks, and a name listed twice: it keeps its
    // first place and its last values (psutil's dict assignment).
    let data = format!(
        "{}{}{}{}{}",
        line("vdb", 1),
        line("sda", 2),
        line("sda1", 3),
        line("loop0", 4),
        line("sda", 5)
    );
    let t = TempTree::new(&[
        ("proc/diskstats", data.as_bytes()),
        ("sys/block/vdb/stat", b""),
        ("sys/block/sda/stat", b""),
        ("sys/block/loop0/stat", b""),
    ]);
    let r = t.root();
    for per in [
        r.disk_io_counters_perdisk_raw().unwrap(),
        r.disk_io_counters_perdisk().unwrap(),
    ] {
        assert_eq!(keys(&per), ["vdb", "sda", "sda1", "loop0"]);
        assert_eq!(per["sda"].read_count, 5);
    }
}

/// Without `/proc/diskstats`, psutil walks `/sys/block` unsorted: `os.listdir`, then
/// `os.walk` of each device (top-down, directory order). The expected order is that
/// walk, done here by Python on the same tree.
#[test]
fn sysfs_fallback_in_directory_order() {
    let stat = b"1 2 3 4 5 6 7 8 9 10 11";
    let t = TempTree::new(&[
        ("sys/block/vdb/stat", stat),
        ("sys/block/sda/stat", stat),
        ("sys/block/sda/sda2/stat", stat),
        ("sys/block/sda/sda1/stat", stat),
        ("sys/block/sda/queue/scheduler", b"none"),
        ("sys/block/zram0/stat", stat),
        ("sys/block/loop0/stat", stat),
        ("proc/stat", b""),
    ]);
    let block = t.dir.join("sys/block");
    let script = "import os, sys\nT = sys.argv[1]\n\
for b in os.listdir(T):\n    for root, _, files in os.walk(os.path.join(T, b)):\n        \
if 'stat' in files:\n            print(os.path.basename(root))\n";
    let want: Vec<String> = run("python3", &["-c", script, block.to_str().unwrap()])
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(want.len(), 6);
    assert_eq!(
        keys(&t.root().disk_io_counters_perdisk_raw().unwrap()),
        want
    );
}
