//! A hung mount: a FUSE mount whose daemon never answers (the kernel's FUSE device
//! opened and never read, so `statvfs` on it blocks until the device is closed, as on a
//! dead NFS server). It exists only in the exporter's own mount namespace (`unshare -m`),
//! so nothing else on the machine (`df`, other tests) can trip on it, and it goes away
//! with the exporter, which holds the device open.

use std::process::Command;
use std::time::{Duration, Instant};

use super::common::{parse, tempdir, tool, value, wait_for, Exporter, Sample};

/// Opens the FUSE device on fd 3, mounts it on `$1` with no daemon behind it, and
/// execs `$2 serve` with the config `$3` (the exporter inherits fd 3).
const SCRIPT: &str = "exec 3<>/dev/fuse || exit 1
mount -i -t fuse -o fd=3,rootmode=40000,user_id=0,group_id=0 psutil-hung \"$1\" || exit 1
exec \"$2\" serve --listen 127.0.0.1:0 --config \"$3\"";

/// Threads of `pid` named `psutil-statvfs`.
fn statvfs_threads(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/task"))
        .unwrap()
        .filter_map(|t| std::fs::read_to_string(t.ok()?.path().join("comm")).ok())
        .filter(|c| c.trim() == "psutil-statvfs")
        .count()
}

fn read_secs(s: &[Sample]) -> f64 {
    value(s, "psutil_exporter_read_duration_seconds", &[]).unwrap()
}

#[test]
fn a_hung_mount_costs_one_timeout_then_is_skipped() {
    let dir = tempdir("hung");
    let mnt = dir.join("mnt");
    std::fs::create_dir(&mnt).unwrap();
    let cfg = dir.join("c.yml");
    // No process table: only statvfs's time counts in the read's duration.
    std::fs::write(
        &cfg,
        "statvfs_timeout_seconds: 2\nprocesses:\n  group_by: none\ncgroups:\n  max: 0\n",
    )
    .unwrap();
    let mut cmd = Command::new(tool("unshare", "util-linux"));
    cmd.args(["-m", "--propagation", "private", "sh", "-c", SCRIPT, "sh"])
        .arg(&mnt)
        .arg(env!("CARGO_BIN_EXE_psutil"))
        .arg(&cfg);
    let e = Exporter::spawn(
        cmd,
        "in a mount namespace with a hung FUSE mount (needs root and /dev/fuse)",
    );
    let mountpoint = mnt.to_str().unwrap();
    let l = [("mountpoint", mountpoint), ("fstype", "fuse")];

    // The first scrape waits the timeout once, then reports the mount as an error.
    let t0 = Instant::now();
    let (_, s) = parse(&e.metrics());
    let first = t0.elapsed();
    assert_eq!(value(&s, "node_filesystem_device_error", &l), Some(1.0));
    assert_eq!(value(&s, "node_filesystem_size_bytes", &l), None);
    assert_eq!(
        value(&s, "psutil_exporter_statvfs_blocked_mounts", &[]),
        Some(1.0)
    );
    assert_eq!(
        value(
            &s,
            "psutil_exporter_collector_success",
            &[("collector", "filesystem")]
        ),
        Some(1.0)
    );
    assert!(read_secs(&s) >= 2.0, "read took {}", read_secs(&s));
    assert!(
        first < Duration::from_secs(10),
        "first scrape took {first:?}"
    );

    // Later scrapes skip it without waiting and start no new thread: the one blocked
    // thread stays the only statvfs thread.
    for _ in 0..3 {
        let (_, s) = parse(&e.metrics());
        assert_eq!(value(&s, "node_filesystem_device_error", &l), Some(1.0));
        assert!(read_secs(&s) < 1.0, "read took {}", read_secs(&s));
    }
    wait_for(10, "one statvfs thread (the blocked one)", || {
        (statvfs_threads(e.pid()) == 1).then_some(())
    });
}
