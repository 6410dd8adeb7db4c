//! disk_partitions / disk_usage / disk_io_counters against /proc/self/mounts, df(1),
//! /proc/diskstats read directly, psutil, and hand-written trees.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::time::Duration;

use psutil_rs::{DiskIoCounters, DiskPartition, Error};
use serde_json::Value;

use crate::util::*;

// ---------------------------------------------------------------- disk_partitions

fn tuples(parts: &[DiskPartition]) -> Vec<Value> {
    parts.iter().map(ours).collect()
}

#[test]
fn partitions_match_psutil() {
    for all in [true, false] {
        let py = if all { "True" } else { "False" };
        let p = psutil(&format!("psutil.disk_partitions(all={py})"));
        let o = tuples(&psutil_rs::disk_partitions(all).unwrap());
        // Same tuples in the same (mount table) order.
        assert_eq!(Value::Array(o.clone()), p, "all={all}");
        if let (Some(a), Some(b)) = (o.first(), p.as_array().unwrap().first()) {
            same_fields(a, b);
        }
    }
    assert!(!psutil_rs::disk_partitions(false).unwrap().is_empty());
}

/// The kernel's mount table read with a few lines of independent code.
fn proc_mounts() -> Vec<(Vec<u8>, Vec<u8>, String, String)> {
    let data = std::fs::read("/proc/self/mounts").unwrap();
    let unescape = |s: &[u8]| -> Vec<u8> {
        let t = String::from_utf8_lossy(s)
            .replace("\\040", " ")
            .replace("\\011", "\t")
            .replace("\\012", "\n")
            .replace("\\134", "\\");
        t.into_bytes()
    };
    data.split(|&c| c == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| {
            let f: Vec<&[u8]> = l.split(|&c| c == b' ').collect();
            let mut dev = unescape(f[0]);
            if dev == b"none" {
                dev.clear();
            }
            (
                dev,
                unescape(f[1]),
                String::from_utf8_lossy(f[2]).into_owned(),
                String::from_utf8_lossy(f[3]).into_owned(),
            )
        })
        .collect()
}

fn as_tuple(p: &DiskPartition) -> (Vec<u8>, Vec<u8>, String, String) {
    (
        p.device.as_bytes().to_vec(),
        p.mountpoint.as_os_str().as_bytes().to_vec(),
        p.fstype.clone(),
        p.opts.clone(),
    )
}

#[test]
fn partitions_match_proc_self_mounts() {
    let kernel = proc_mounts();
    if kernel
        .iter()
        .any(|m| m.0 == b"/dev/root" || m.0 == b"rootfs")
    {
        return; // resolved devices differ by design; covered by the fixture tests
    }
    // /etc/mtab is a symlink to /proc/mounts on this machine (and on any systemd one).
    let all: Vec<_> = psutil_rs::disk_partitions(true)
        .unwrap()
        .iter()
        .map(as_tuple)
        .collect();
    assert_eq!(all, kernel);

    let fs = std::fs::read_to_string("/proc/filesystems").unwrap();
    let physical: HashSet<&str> = fs
        .lines()
        .filter_map(|l| match l.split('\t').collect::<Vec<_>>()[..] {
            ["", name] => Some(name),
            ["nodev", "zfs"] => Some("zfs"),
            _ => None,
        })
        .collect();
    let expected: Vec<_> = kernel
        .into_iter()
        .filter(|m| !m.0.is_empty() && physical.contains(m.2.as_str()))
        .collect();
    let phys: Vec<_> = psutil_rs::disk_partitions(false)
        .unwrap()
        .iter()
        .map(as_tuple)
        .collect();
    assert_eq!(phys, expected);
}

#[test]
fn fixture_partitions() {
    let root = fixture_root("debian12-6.18");
    let p = root.disk_partitions(false).unwrap();
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].device, "/dev/vda");
    assert_eq!(p[0].mountpoint, Path::new("/"));
    assert_eq!(p[0].fstype, "ext4");
    let all = root.disk_partitions(true).unwrap();
    let mounts =
        std::fs::read_to_string(fixture("debian12-6.18").join("proc/self/mounts")).unwrap();
    assert_eq!(all.len(), mounts.lines().count());
}

const FILESYSTEMS: &[u8] =
    b"nodev\tsysfs\nnodev\ttmpfs\nnodev\tproc\n\text4\n\tvfat\n\txfs\nnodev\tzfs\nnodev\tnfs\n";

#[test]
fn partition_filtering_on_a_hand_written_tree() {
    // Hand-written: a physical disk, a mount point with escaped space/tab/backslash and
    // a non-UTF-8 byte, a 'none' device, zfs (nodev but kept), nfs (nodev, dropped),
    // and a physical type with an empty device.
    let mounts = b"/dev/sda1 / ext4 rw,relatime 0 0\n\
proc /proc proc rw 0 0\n\
none /run tmpfs rw 0 0\n\
/dev/sdb1 /media/my\\040usb\\011\\134\xff vfat ro 0 0\n\
tank/home /home zfs rw,xattr 0 0\n\
srv:/export /mnt/nfs nfs rw,vers=4 0 0\n\
none /weird ext4 rw 0 0\n";
    let t = TempTree::new(&[
        ("proc/filesystems", FILESYSTEMS),
        ("proc/self/mounts", mounts),
    ]);
    let all = t.root().disk_partitions(true).unwrap();
    assert_eq!(all.len(), 7);
    assert_eq!(all[2].device, ""); // none -> ""
    assert_eq!(all[2].mountpoint, Path::new("/run"));
    let phys = t.root().disk_partitions(false).unwrap();
    let got: Vec<_> = phys
        .iter()
        .map(|p| (p.device.to_string_lossy().into_owned(), p.fstype.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("/dev/sda1".to_string(), "ext4"),
            ("/dev/sdb1".to_string(), "vfat"),
            ("tank/home".to_string(), "zfs"),
        ]
    );
    // Escapes decoded, bytes kept.
    assert_eq!(
        phys[1].mountpoint.as_os_str(),
        OsStr::from_bytes(b"/media/my usb\t\\\xff")
    );
    assert_eq!(phys[1].opts, "ro");
    // serde: lossy strings.
    let j = ours(&phys[1]);
    assert_eq!(j["mountpoint"], "/media/my usb\t\\\u{fffd}");
    assert_eq!(j["device"], "/dev/sdb1");

    // No /proc/filesystems: all=true still works, all=false is an error naming it.
    let t = TempTree::new(&[("proc/self/mounts", mounts)]);
    assert_eq!(t.root().disk_partitions(true).unwrap().len(), 7);
    let e = t.root().disk_partitions(false).unwrap_err();
    assert!(
        e.is_not_found() && e.to_string().contains("filesystems"),
        "{e}"
    );
    // No mount table at all.
    let t = TempTree::new(&[("proc/filesystems", FILESYSTEMS)]);
    let e = t.root().disk_partitions(true).unwrap_err();
    assert!(e.to_string().contains("self/mounts"), "{e}");
}

/// `major minor` of the device holding `/`, from stat(1).
fn root_dev() -> (String, String) {
    let out = run("stat", &["-c", "%Hd %Ld", "/"]);
    let mut w = out.split_whitespace();
    (w.next().unwrap().to_string(), w.next().unwrap().to_string())
}

#[test]
fn dev_root_is_resolved_like_psutil() {
    let (maj, min) = root_dev();
    let mounts: &[u8] = b"/dev/root / ext4 rw 0 0\nrootfs /x ext4 rw 0 0\n";
    let partitions =
        format!("major minor  #blocks  name\n\n   1   99   10 other\n {maj} {min} 1000 fakeroot\n");
    let uevent = "MAJOR=1\nDEVNAME=fromuevent\nDEVTYPE=disk\n".to_string();
    let uevent_path = format!("sys/dev/block/{maj}:{min}/uevent");
    let class_dev = format!("{maj}:{min}\n");
    let devices = |p: &psutil_rs::Root| -> Vec<String> {
        p.disk_partitions(false)
            .unwrap()
            .iter()
            .map(|p| p.device.to_string_lossy().into_owned())
            .collect()
    };

    // 1. /proc/partitions.
    let t = TempTree::new(&[
        ("proc/filesystems", FILESYSTEMS),
        ("proc/self/mounts", mounts),
        ("proc/partitions", partitions.as_bytes()),
        (&uevent_path, uevent.as_bytes()),
        ("dev/fakeroot", b""),
        ("dev/fromuevent", b""),
    ]);
    assert_eq!(devices(&t.root()), ["/dev/fakeroot", "/dev/fakeroot"]);

    // 2. No match in /proc/partitions: /sys/dev/block/M:m/uevent DEVNAME.
    let t = TempTree::new(&[
        ("proc/filesystems", FILESYSTEMS),
        ("proc/self/mounts", mounts),
        (
            "proc/partitions",
            b"major minor  #blocks  name\n\n 1 99 10 other\n",
        ),
        (&uevent_path, uevent.as_bytes()),
        ("dev/fromuevent", b""),
    ]);
    assert_eq!(devices(&t.root()), ["/dev/fromuevent", "/dev/fromuevent"]);

    // 3. Neither: /sys/class/block/*/dev.
    let t = TempTree::new(&[
        ("proc/filesystems", FILESYSTEMS),
        ("proc/self/mounts", mounts),
        ("sys/class/block/aaa/dev", b"1:99\n"),
        ("sys/class/block/fromclass/dev", class_dev.as_bytes()),
        ("dev/fromclass", b""),
    ]);
    assert_eq!(devices(&t.root()), ["/dev/fromclass", "/dev/fromclass"]);

    // 4. Found, but no such /dev node: left as it is (psutil does not try further).
    let t = TempTree::new(&[
        ("proc/filesystems", FILESYSTEMS),
        ("proc/self/mounts", mounts),
        ("proc/partitions", partitions.as_bytes()),
        (&uevent_path, uevent.as_bytes()),
        ("dev/fromuevent", b""),
    ]);
    assert_eq!(devices(&t.root()), ["/dev/root", "rootfs"]);

    // 5. Nothing known at all.
    let t = TempTree::new(&[
        ("proc/filesystems", FILESYSTEMS),
        ("proc/self/mounts", mounts),
    ]);
    assert_eq!(devices(&t.root()), ["/dev/root", "rootfs"]);
}

// ---------------------------------------------------------------- disk_usage

/// `df -B1 --output=target,size,used,avail` as mountpoint -> (size, used, avail).
fn df() -> HashMap<String, (u64, u64, u64)> {
    let out = run("df", &["-B1", "--output=target,size,used,avail"]);
    out.lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let n = f.len();
            if n < 4 {
                return None;
            }
            let num = |s: &str| s.parse::<u64>().ok();
            Some((
                f[..n - 3].join(" "),
                (num(f[n - 3])?, num(f[n - 2])?, num(f[n - 1])?),
            ))
        })
        .collect()
}

#[test]
fn usage_matches_df() {
    let mut mountpoints: Vec<String> = psutil_rs::disk_partitions(false)
        .unwrap()
        .iter()
        .map(|p| p.mountpoint.to_string_lossy().into_owned())
        .collect();
    // A couple of tmpfs mounts too, when present (usually static).
    for p in psutil_rs::disk_partitions(true).unwrap() {
        if p.fstype == "tmpfs"
            && (p.mountpoint == Path::new("/dev/shm") || p.mountpoint == Path::new("/run"))
        {
            mountpoints.push(p.mountpoint.to_string_lossy().into_owned());
        }
    }
    let mut checked = 0;
    for mp in mountpoints {
        let before = psutil_rs::disk_usage(&mp).unwrap();
        let d = df();
        let after = psutil_rs::disk_usage(&mp).unwrap();
        let Some(&(size, used, avail)) = d.get(&mp) else {
            continue; // df hides duplicates and some pseudo filesystems
        };
        assert_eq!(before.total, size, "{mp}");
        if before == after {
            // Nothing moved while df ran: exact.
            assert_eq!((before.used, before.free), (used, avail), "{mp}");
        } else {
            // Moving (other builds write to it): 1 GiB.
            close(
                &format!("{mp} used"),
                after.used as f64,
                used as f64,
                1024.0 * 1024.0 * 1024.0,
            );
            close(
                &format!("{mp} free"),
                after.free as f64,
                avail as f64,
                1024.0 * 1024.0 * 1024.0,
            );
        }
        checked += 1;
    }
    assert!(checked > 0, "no mount point in common with df");
}

#[test]
fn usage_matches_psutil() {
    for p in psutil_rs::disk_partitions(false).unwrap() {
        let mp = p.mountpoint.to_string_lossy().into_owned();
        // Bracketed: psutil's read between two of ours. A block allocated and freed in
        // between leaves ours equal and psutil's off by it, so such rounds are retried.
        let (mut before, mut py, mut after);
        let mut tries = 0;
        loop {
            before = psutil_rs::disk_usage(&mp).unwrap();
            py = psutil(&format!("psutil.disk_usage({mp:?})"));
            after = psutil_rs::disk_usage(&mp).unwrap();
            tries += 1;
            if before != after || ours(&before) == py || tries == 5 {
                break;
            }
        }
        let o = ours(&before);
        same_fields(&o, &py);
        assert_eq!(o["total"], py["total"]);
        if before == after {
            assert_eq!(o, py, "{mp}");
        } else {
            let tol = 1024.0 * 1024.0 * 1024.0;
            close("used", after.used as f64, py["used"].as_f64().unwrap(), tol);
            close("free", after.free as f64, py["free"].as_f64().unwrap(), tol);
            close(
                "percent",
                after.percent,
                py["percent"].as_f64().unwrap(),
                1.0,
            );
        }
        // percent is psutil's formula on our own numbers.
        let expect = before.used as f64 / (before.used + before.free) as f64 * 100.0;
        close("percent formula", before.percent, expect, 0.051);
    }
}

#[test]
fn usage_errors_name_the_path() {
    let e = psutil_rs::disk_usage("/nonexistent/psutil-rs").unwrap_err();
    assert!(e.is_not_found(), "{e}");
    assert!(e.to_string().contains("/nonexistent/psutil-rs"), "{e}");
    let e = psutil_rs::disk_usage_timeout("/nonexistent/x", Duration::from_secs(5)).unwrap_err();
    assert!(
        e.is_not_found() && e.to_string().contains("/nonexistent/x"),
        "{e}"
    );
}

#[test]
fn usage_with_timeout_answers_like_disk_usage() {
    let a = psutil_rs::disk_usage_timeout("/proc", Duration::from_secs(10)).unwrap();
    let b = psutil_rs::disk_usage("/proc").unwrap();
    assert_eq!(a, b); // procfs: all zeros, percent 0
    assert_eq!(a.percent, 0.0);
    let a = psutil_rs::disk_usage_timeout("/", Duration::from_secs(10)).unwrap();
    assert_eq!(a.total, psutil_rs::disk_usage("/").unwrap().total);
}

// ---------------------------------------------------------------- disk_io_counters

/// /proc/diskstats read directly: name -> the 9 psutil fields (bytes = sectors * 512).
fn diskstats() -> BTreeMap<String, [u64; 9]> {
    let text = std::fs::read_to_string("/proc/diskstats").unwrap();
    text.lines()
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            assert!(f.len() == 14 || f.len() >= 18, "unexpected layout: {l}");
            let n = |i: usize| f[i].parse::<u64>().unwrap();
            (
                f[2].to_string(),
                [
                    n(3),
                    n(7),
                    n(5) * 512,
                    n(9) * 512,
                    n(6),
                    n(10),
                    n(4),
                    n(8),
                    n(12),
                ],
            )
        })
        .collect()
}

fn arr(c: &DiskIoCounters) -> [u64; 9] {
    [
        c.read_count,
        c.write_count,
        c.read_bytes,
        c.write_bytes,
        c.read_time,
        c.write_time,
        c.read_merged_count,
        c.write_merged_count,
        c.busy_time,
    ]
}

#[track_caller]
fn between(what: &str, lo: [u64; 9], x: [u64; 9], hi: [u64; 9]) {
    for i in 0..9 {
        assert!(
            lo[i] <= x[i] && x[i] <= hi[i],
            "{what} field {i}: {} <= {} <= {}",
            lo[i],
            x[i],
            hi[i]
        );
    }
}

fn is_whole_disk(name: &str) -> bool {
    Path::new("/sys/block")
        .join(name.replace('/', "!"))
        .exists()
}

#[test]
fn io_counters_match_proc_diskstats() {
    // Counters only grow, so ours must lie between two direct reads of the file.
    let root = psutil_rs::Root::host();
    for raw in [true, false] {
        let before = diskstats();
        let o = if raw {
            root.disk_io_counters_perdisk_raw().unwrap()
        } else {
            psutil_rs::disk_io_counters_perdisk().unwrap()
        };
        let total = if raw {
            root.disk_io_counters_raw().unwrap()
        } else {
            psutil_rs::disk_io_counters().unwrap()
        };
        let after = diskstats();
        let keys: Vec<_> = o
            .keys()
            .cloned()
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        assert_eq!(keys, before.keys().cloned().collect::<Vec<_>>());
        for (name, c) in &o {
            between(name, before[name], arr(c), after[name]);
        }
        let sum = |m: &BTreeMap<String, [u64; 9]>| {
            let mut s = [0u64; 9];
            for (_, v) in m.iter().filter(|(k, _)| is_whole_disk(k)) {
                for i in 0..9 {
                    s[i] += v[i];
                }
            }
            s
        };
        between("total", sum(&before), arr(&total.unwrap()), sum(&after));
    }
}

#[test]
fn io_counters_match_psutil() {
    let as_arr = |v: &Value| -> [u64; 9] {
        let names = [
            "read_count",
            "write_count",
            "read_bytes",
            "write_bytes",
            "read_time",
            "write_time",
            "read_merged_count",
            "write_merged_count",
            "busy_time",
        ];
        names.map(|n| v[n].as_u64().unwrap())
    };
    let p1 = psutil("psutil.disk_io_counters(perdisk=True)");
    let o = psutil_rs::disk_io_counters_perdisk().unwrap();
    let t = psutil_rs::disk_io_counters().unwrap().unwrap();
    let p2 = psutil("psutil.disk_io_counters(perdisk=True)");
    let pk: HashSet<&String> = p1.as_object().unwrap().keys().collect();
    assert_eq!(o.keys().collect::<HashSet<_>>(), pk);
    for (name, c) in &o {
        same_fields(&ours(c), &p1[name]);
        between(name, as_arr(&p1[name]), arr(c), as_arr(&p2[name]));
    }
    let pt = psutil("psutil.disk_io_counters()");
    same_fields(&ours(&t), &pt);
    // The total moves: psutil's, read after ours, is >= ours, and close.
    let pt = as_arr(&pt);
    for (i, (a, b)) in arr(&t).iter().zip(pt).enumerate() {
        assert!(*a <= b, "total field {i}: {a} > {b}");
    }
    close(
        "read_bytes",
        arr(&t)[2] as f64,
        pt[2] as f64,
        1024.0 * 1024.0 * 1024.0,
    );
}

fn line(name: &str, base: u64) -> String {
    // 20-field (5.5+) layout; the values are base, base+1, ...
    let v: Vec<String> = (0..17).map(|i| (base + i).to_string()).collect();
    format!("8 0 {name} {}\n", v.join(" "))
}

#[test]
fn nowrap_corrects_counters_that_go_backwards() {
    let t = TempTree::new(&[
        (
            "proc/diskstats",
            format!("{}{}", line("sda", 1000), line("sda1", 500)).as_bytes(),
        ),
        ("sys/block/sda/stat", b""),
    ]);
    let root = t.root();
    let first = root.disk_io_counters_perdisk().unwrap();
    // reads is field 0 of the counters: 1000; read sectors field 2 -> 1002*512.
    assert_eq!(first["sda"].read_count, 1000);
    assert_eq!(first["sda"].read_bytes, 1002 * 512);
    assert_eq!(first["sda1"].read_count, 500);

    // The counters wrap: the kernel now reports smaller numbers.
    std::fs::write(
        t.dir.join("proc/diskstats"),
        format!("{}{}", line("sda", 10), line("sda1", 5)),
    )
    .unwrap();
    let second = root.disk_io_counters_perdisk().unwrap();
    assert_eq!(second["sda"].read_count, 1000 + 10);
    assert_eq!(second["sda"].read_bytes, (1002 + 12) * 512);
    assert_eq!(second["sda"].busy_time, 1009 + 19);
    assert_eq!(second["sda1"].read_count, 500 + 5);
    // Only sda is a whole disk.
    assert_eq!(root.disk_io_counters().unwrap().unwrap(), second["sda"]);
    // The raw variants report the kernel's values and leave the state alone.
    assert_eq!(
        root.disk_io_counters_perdisk_raw().unwrap()["sda"].read_count,
        10
    );
    assert_eq!(root.disk_io_counters_raw().unwrap().unwrap().read_count, 10);
    assert_eq!(root.disk_io_counters().unwrap().unwrap().read_count, 1010);

    // Another root has its own state.
    let other = TempTree::new(&[
        ("proc/diskstats", line("sda", 10).as_bytes()),
        ("sys/block/sda/stat", b""),
    ]);
    assert_eq!(
        other.root().disk_io_counters().unwrap().unwrap().read_count,
        10
    );

    // cache_clear forgets the reminders.
    root.disk_io_counters_cache_clear();
    assert_eq!(root.disk_io_counters().unwrap().unwrap().read_count, 10);
}

#[test]
fn nowrap_sequence_matches_psutil() {
    // psutil run on the same rewritten diskstats (through PROCFS_PATH; /sys stays the
    // host's, so the whole-disk name must be a real /sys/block entry). The total and
    // per-disk calls share one state, so a total call forgets the partitions'
    // reminders: psutil does that too, and this sequence checks it.
    let mut disks: Vec<String> = std::fs::read_dir("/sys/block")
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    disks.sort();
    let disk = disks.first().expect("a block device").clone();
    let part = format!("{disk}-notadisk");
    let steps: [(u64, u64, bool); 7] = [
        (1000, 500, true),
        (10, 5, true),
        (20, 6, false),
        (30, 7, true),
        (3, 1, true),
        (2, 9, false),
        (50, 50, true),
    ];
    let t = TempTree::new(&[("proc/diskstats", b"")]);
    let procfs = t.dir.join("proc");
    let file = procfs.join("diskstats");
    let content = |a: u64, b: u64| format!("{}{}", line(&disk, a), line(&part, b));

    let py_steps: Vec<String> = steps
        .iter()
        .map(|&(a, b, per)| {
            format!(
                "({:?}, {})",
                content(a, b),
                if per { "True" } else { "False" }
            )
        })
        .collect();
    let expr = format!(
        "(setattr(psutil, 'PROCFS_PATH', {procfs:?}), [(open({file:?}, 'w').write(d), psutil.disk_io_counters(perdisk=p))[1] for d, p in [{}]])[1]",
        py_steps.join(", "),
        procfs = procfs.to_str().unwrap(),
        file = file.to_str().unwrap(),
    );
    let py = psutil(&expr);

    let root = psutil_rs::Root::with_procfs(&procfs);
    let mut mine = Vec::new();
    for &(a, b, per) in &steps {
        std::fs::write(&file, content(a, b)).unwrap();
        mine.push(if per {
            ours(&root.disk_io_counters_perdisk().unwrap())
        } else {
            ours(&root.disk_io_counters().unwrap())
        });
    }
    assert_eq!(Value::Array(mine), py);
}

#[test]
fn old_layouts_duplicates_and_slash_names() {
    let data = b"3 0 100 hda 2 3 4 5 6 7 8 9 10 11 12\n\
3 1 hda1 1 2 3 4\n\
104 0 cciss/c0d0 1 2 3 4 5 6 7 8 9 10 11\n\
104 0 cciss/c0d0 9 2 3 4 5 6 7 8 9 10 11\n";
    let t = TempTree::new(&[
        ("proc/diskstats", &data[..]),
        ("sys/block/hda/stat", b""),
        ("sys/block/cciss!c0d0/stat", b""),
    ]);
    let per = t.root().disk_io_counters_perdisk_raw().unwrap();
    assert_eq!(per.len(), 3);
    assert_eq!(arr(&per["hda"]), [100, 5, 3 * 512, 7 * 512, 4, 8, 2, 6, 10]);
    assert_eq!(arr(&per["hda1"]), [1, 3, 2 * 512, 4 * 512, 0, 0, 0, 0, 0]);
    // A repeated name: the last line wins, as in psutil's dict.
    assert_eq!(per["cciss/c0d0"].read_count, 9);
    let total = t.root().disk_io_counters_raw().unwrap().unwrap();
    assert_eq!(total.read_count, 100 + 9); // hda1 is a partition: not counted
}

#[test]
fn sysfs_fallback_without_proc_diskstats() {
    let stat = |b: u64| -> Vec<u8> {
        (0..11)
            .map(|i| (b + i).to_string())
            .collect::<Vec<_>>()
            .join(" ")
            .into_bytes()
    };
    let (sda, sda1, vdb) = (stat(100), stat(10), stat(1000));
    let t = TempTree::new(&[
        ("sys/block/sda/stat", &sda[..]),
        ("sys/block/sda/sda1/stat", &sda1[..]),
        ("sys/block/sda/queue/scheduler", b"none"),
        ("sys/block/vdb/stat", &vdb[..]),
        ("proc/stat", b""),
    ]);
    let per = t.root().disk_io_counters_perdisk_raw().unwrap();
    let mut keys: Vec<_> = per.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["sda", "sda1", "vdb"]);
    // stat: reads rmerged rsect rtime writes wmerged wsect wtime inflight ticks
    assert_eq!(
        arr(&per["sda"]),
        [100, 104, 102 * 512, 106 * 512, 103, 107, 101, 105, 109]
    );
    let total = t.root().disk_io_counters_raw().unwrap().unwrap();
    assert_eq!(total.read_count, 100 + 1000);

    // Neither source: Unsupported.
    let t = TempTree::new(&[("proc/stat", b"")]);
    let e = t.root().disk_io_counters().unwrap_err();
    assert!(matches!(e, Error::Unsupported { .. }), "{e}");
    // A short stat file is a parse error naming it.
    let t = TempTree::new(&[("sys/block/sda/stat", b"1 2 3")]);
    let e = t.root().disk_io_counters_perdisk().unwrap_err();
    assert!(e.to_string().contains("sys/block/sda/stat"), "{e}");
}

#[test]
fn empty_and_broken_diskstats() {
    let t = TempTree::new(&[("proc/diskstats", b""), ("sys/block/sda/stat", b"")]);
    assert_eq!(t.root().disk_io_counters().unwrap(), None);
    assert!(t.root().disk_io_counters_perdisk().unwrap().is_empty());
    let t = TempTree::new(&[(
        "proc/diskstats",
        b"8 0 sda 1 2 3 4 5 6 7 8 9 10 11\n8 1 sda1 1 2\n",
    )]);
    let e = t.root().disk_io_counters_perdisk().unwrap_err();
    assert!(matches!(e, Error::Parse { line: Some(2), .. }), "{e}");
    assert!(e.to_string().contains("diskstats"), "{e}");
}

#[test]
fn fixture_io_counters() {
    let root = fixture_root("debian12-6.18");
    let per = root.disk_io_counters_perdisk_raw().unwrap();
    assert_eq!(per.len(), 10);
    assert_eq!(
        arr(&per["vda"]),
        [
            7159,
            848,
            1729250 * 512,
            361688 * 512,
            6935,
            775,
            3467,
            5740,
            5172
        ]
    );
    // Every device of the fixture has a sys/block entry; only vda is non-zero.
    assert_eq!(root.disk_io_counters_raw().unwrap().unwrap(), per["vda"]);
}

#[test]
fn dev_root_resolves_to_findmnt_source_on_this_host() {
    // A /proc with a '/dev/root' mount table, over the host's /sys and /dev (psutil's
    // PROCFS_PATH semantics): each lookup source must find what findmnt(8) reports for /.
    let source = run("findmnt", &["-o", "SOURCE", "-rn", "/"])
        .trim()
        .to_string();
    if !source.starts_with("/dev/") {
        return; // overlay or tmpfs root (containers): no block device to find
    }
    let partitions = std::fs::read("/proc/partitions").unwrap();
    let mounts: &[u8] = b"/dev/root / ext4 rw 0 0\n";
    let device = |files: &[(&str, &[u8])]| -> String {
        let t = TempTree::new(files);
        let root = psutil_rs::Root::with_procfs(t.dir.join("proc"));
        let p = root.disk_partitions(true).unwrap();
        p[0].device.to_string_lossy().into_owned()
    };
    // /proc/partitions (copied from the host).
    let with_partitions = device(&[
        ("proc/self/mounts", mounts),
        ("proc/partitions", &partitions),
    ]);
    assert_eq!(with_partitions, source);
    // No /proc/partitions: the host's /sys/dev/block/M:m/uevent.
    assert_eq!(device(&[("proc/self/mounts", mounts)]), source);
}

/// disk_partitions(all) of a hand-written /proc, ours (Root::with_procfs) and psutil's
/// (PROCFS_PATH), both over the host's /sys and /dev.
fn partitions_vs_psutil_on_tree(files: &[(&str, &[u8])]) {
    let t = TempTree::new(files);
    let procfs = t.dir.join("proc");
    let root = psutil_rs::Root::with_procfs(&procfs);
    for all in [true, false] {
        let expr = format!(
            "(setattr(psutil, 'PROCFS_PATH', {:?}), psutil.disk_partitions(all={}))[1]",
            procfs.to_str().unwrap(),
            if all { "True" } else { "False" }
        );
        let p = psutil(&expr);
        let o = Value::Array(tuples(&root.disk_partitions(all).unwrap()));
        assert_eq!(o, p, "all={all}");
    }
}

#[test]
fn hand_written_mount_tables_match_psutil() {
    let partitions = std::fs::read("/proc/partitions").unwrap();
    let mounts = b"/dev/root / ext4 rw,relatime 0 0\n\
# a comment\n\
\n\
  none /run tmpfs rw 0 0\n\
/dev/sdb1 /media/my\\040usb\\011x\\134y\\\\z vfat ro,uid=1000\n\
tank/home /home zfs rw,xattr 0 0\n\
srv:/export /mnt/nfs nfs rw,vers=4 0 0\n\
none /weird ext4 rw 0 0\n\
rootfs /alt ext4 rw 0 0\n\
/dev/sdc1\t/tabs\t\txfs\trw  0 0   \n\
lonely\n";
    let files: &[(&str, &[u8])] = &[
        ("proc/filesystems", FILESYSTEMS),
        ("proc/self/mounts", mounts),
        ("proc/partitions", &partitions),
    ];
    partitions_vs_psutil_on_tree(files);
    let t = TempTree::new(files);
    let got: Vec<String> = psutil_rs::Root::with_procfs(t.dir.join("proc"))
        .disk_partitions(false)
        .unwrap()
        .iter()
        .map(|p| format!("{} {}", p.device.to_string_lossy(), p.mountpoint.display()))
        .collect();
    let root_dev = run("findmnt", &["-o", "SOURCE", "-rn", "/"])
        .trim()
        .to_string();
    let root_dev = if root_dev.starts_with("/dev/") {
        root_dev
    } else {
        "/dev/root".into()
    };
    assert_eq!(
        got,
        [
            format!("{root_dev} /"),
            "/dev/sdb1 /media/my usb\tx\\y\\z".into(),
            "tank/home /home".into(),
            format!("{root_dev} /alt"),
            "/dev/sdc1 /tabs".into(),
        ]
    );
    // The real files of this machine, through the same path.
    partitions_vs_psutil_on_tree(&[
        (
            "proc/filesystems",
            &std::fs::read("/proc/filesystems").unwrap(),
        ),
        (
            "proc/self/mounts",
            &std::fs::read("/proc/self/mounts").unwrap(),
        ),
    ]);
}

#[test]
fn sysfs_fallback_on_this_host_matches_diskstats_and_psutil() {
    // A /proc without diskstats over the host's /sys: the /sys/block walk must find the
    // devices of /proc/diskstats with the same (growing) counters, and psutil, pointed
    // at the same /proc, must agree.
    let t = TempTree::new(&[("proc/stat", b"")]);
    let procfs = t.dir.join("proc");
    let root = psutil_rs::Root::with_procfs(&procfs);
    let before = diskstats();
    let p1 = psutil(&format!(
        "(setattr(psutil, 'PROCFS_PATH', {:?}), psutil.disk_io_counters(perdisk=True, nowrap=False))[1]",
        procfs.to_str().unwrap()
    ));
    let o = root.disk_io_counters_perdisk_raw().unwrap();
    let after = diskstats();
    let mut keys: Vec<&String> = o.keys().collect();
    keys.sort();
    assert_eq!(keys, before.keys().collect::<Vec<_>>());
    let pk: HashSet<&String> = p1.as_object().unwrap().keys().collect();
    assert_eq!(o.keys().collect::<HashSet<_>>(), pk);
    for (name, c) in &o {
        between(name, before[name], arr(c), after[name]);
        assert!(p1[name]["read_count"].as_u64().unwrap() <= c.read_count);
    }
}

// ---------------------------------------------------------------- key order

use crate::net::{json_keys, keys, shared_order};

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
