//! Faults in `/proc/diskstats`, the sysfs block stats and the mount tables.

use super::*;

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
