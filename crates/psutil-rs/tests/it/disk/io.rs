//! `disk_io_counters`: `/proc/diskstats` read directly, psutil, wrap-around
//! correction, old layouts and the sysfs fallback.

use super::*;

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

pub(super) fn line(name: &str, base: u64) -> String {
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
