//! Hand-written trees (`TempTree`) for what the fixture trees do not show: garbage in a
//! cgroup file is an error naming the file (never a wrong number), odd mount tables,
//! a cgroup namespace's `/..` paths, a mount point outside `/sys`.

use std::path::Path;

use psutil_rs::os::linux::{CgroupLimit, CgroupVersion};

use crate::util::TempTree;

const MOUNTINFO_V2: &[u8] =
    b"30 20 0:26 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate\n";

fn v2_tree(extra: &[(&str, &[u8])]) -> TempTree {
    let mut files: Vec<(&str, &[u8])> = vec![
        ("proc/self/mountinfo", MOUNTINFO_V2),
        ("proc/10/cgroup", b"0::/a\n"),
        ("sys/fs/cgroup/a/memory.max", b"max\n"),
    ];
    files.extend_from_slice(extra);
    TempTree::new(&files)
}

#[test]
fn garbage_in_a_limit_names_the_file() {
    let t = v2_tree(&[("sys/fs/cgroup/a/memory.high", b"lots\n")]);
    let e = t.root().cgroup(10).unwrap_err();
    let msg = e.to_string();
    assert!(msg.contains("memory.high") && msg.contains("lots"), "{msg}");
}

#[test]
fn garbage_in_cpu_max_and_pressure_names_the_file() {
    let t = v2_tree(&[("sys/fs/cgroup/a/cpu.max", b"50000\n")]);
    let msg = t.root().cgroup(10).unwrap_err().to_string();
    assert!(msg.contains("cpu.max"), "{msg}");
    let t = v2_tree(&[("sys/fs/cgroup/a/io.pressure", b"some avg10=x\n")]);
    let msg = t.root().cgroup(10).unwrap_err().to_string();
    assert!(msg.contains("io.pressure"), "{msg}");
    let t = v2_tree(&[("proc/pressure/cpu", b"some total=1\n")]);
    let msg = t.root().pressure().unwrap_err().to_string();
    assert!(msg.contains("pressure/cpu"), "{msg}");
}

#[test]
fn garbage_in_proc_pid_cgroup_and_mountinfo() {
    let t = TempTree::new(&[
        ("proc/self/mountinfo", MOUNTINFO_V2),
        ("proc/10/cgroup", b"0:/a\n"),
    ]);
    let msg = t.root().cgroups(10).unwrap_err().to_string();
    assert!(msg.contains("10/cgroup") && msg.contains("line 1"), "{msg}");
    let t = TempTree::new(&[
        ("proc/self/mountinfo", b"30 20 0:26 / /sys/fs/cgroup rw\n"),
        ("proc/10/cgroup", b"0::/a\n"),
    ]);
    let msg = t.root().cgroups(10).unwrap_err().to_string();
    assert!(msg.contains("mountinfo"), "{msg}");
}

#[test]
fn namespace_paths_and_unmounted_hierarchies() {
    // inside a cgroup namespace, cgroups outside it show as /..; a v1 hierarchy that is
    // not mounted here, and a mount point outside /sys under a fixture root, have no
    // directory
    let t = TempTree::new(&[
        (
            "proc/self/mountinfo",
            b"30 20 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n\
              31 20 0:27 / /cgroup/memory rw - cgroup cgroup rw,memory\n",
        ),
        (
            "proc/10/cgroup",
            b"4:memory:/x\n3:pids:/\n0::/../../other\n",
        ),
    ]);
    let m = t.root().cgroups(10).unwrap();
    assert_eq!(m[0].version, CgroupVersion::V1);
    assert_eq!(m[0].dir, None); // /cgroup/memory: not under this root's /sys or /proc
    assert_eq!(m[1].dir, None); // pids: not mounted
    assert_eq!(m[2].path, Path::new("/../../other"));
    assert_eq!(m[2].dir, None);
    let c = t.root().cgroup(10).unwrap();
    assert_eq!(c.memory.limit, None);
    assert_eq!(c.pids.max, None);
    assert!(c.pressure.cpu.is_none());
}

#[test]
fn psi_disabled_or_absent_is_none_and_limits_fold() {
    // no pressure files (psi=0 gives EOPNOTSUPP on read, absent files here); memory.max
    // on two ancestors: the tighter one counts even when it is the outer one
    let t = TempTree::new(&[
        ("proc/self/mountinfo", MOUNTINFO_V2),
        ("proc/10/cgroup", b"0::/a/b/c\n"),
        ("sys/fs/cgroup/a/memory.max", b"300\n"),
        ("sys/fs/cgroup/a/b/memory.max", b"400\n"),
        ("sys/fs/cgroup/a/b/c/memory.max", b"max\n"),
        ("sys/fs/cgroup/a/b/c/pids.max", b"max\n"),
    ]);
    let c = t.root().cgroup(10).unwrap();
    assert_eq!(c.memory.limit, Some(CgroupLimit::Limited(300)));
    assert_eq!(c.pids.max, Some(CgroupLimit::Unlimited));
    assert_eq!(c.pressure, Default::default());
    let p = t.root().pressure().unwrap();
    assert!(p.cpu.is_none() && p.io.is_none());
}

#[test]
fn empty_proc_pid_cgroup_is_unsupported() {
    let t = TempTree::new(&[
        ("proc/self/mountinfo", MOUNTINFO_V2),
        ("proc/10/cgroup", b""),
    ]);
    let e = t.root().cgroup(10).unwrap_err();
    assert!(matches!(e, psutil_rs::Error::Unsupported { .. }), "{e:?}");
}

const MEMINFO: &[u8] = b"MemTotal: 1000 kB\nMemFree: 300 kB\nMemAvailable: 600 kB\n";

#[test]
fn root_cgroup_uses_the_hosts_memory() {
    // v2 root: no memory.current (the file exists on non-root cgroups only)
    let t = TempTree::new(&[
        ("proc/self/mountinfo", MOUNTINFO_V2),
        ("proc/10/cgroup", b"0::/\n"),
        ("proc/meminfo", MEMINFO),
        ("sys/fs/cgroup/memory.stat", b"anon 1\n"),
    ]);
    let host = t.root().virtual_memory().unwrap();
    let m = t.root().virtual_memory_effective(10).unwrap();
    assert_eq!(
        (m.total, m.used, m.available, m.limit),
        (1_024_000, host.used, 614_400, None)
    );
    assert_eq!(m.free, 307_200);
    // v1 root: memory.usage_in_bytes there counts the whole machine; the host's used
    let t = TempTree::new(&[
        (
            "proc/self/mountinfo",
            b"35 31 0:32 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n",
        ),
        ("proc/10/cgroup", b"4:memory:/\n"),
        ("proc/meminfo", MEMINFO),
        ("sys/fs/cgroup/memory/memory.usage_in_bytes", b"999999\n"),
        (
            "sys/fs/cgroup/memory/memory.limit_in_bytes",
            b"9223372036854771712\n",
        ),
    ]);
    let m = t.root().virtual_memory_effective(10).unwrap();
    assert_eq!(
        (m.total, m.used, m.limit),
        (1_024_000, 1_024_000 - 614_400, None)
    );
}

#[test]
fn cpu_count_effective_floors_at_one_and_rounds_up() {
    let tree = |quota: &'static [u8]| {
        TempTree::new(&[
            ("proc/self/mountinfo", MOUNTINFO_V2),
            ("proc/10/cgroup", b"0::/a\n"),
            ("proc/10/status", b"Name:\tx\nCpus_allowed_list:\t0-7\n"),
            ("sys/fs/cgroup/a/cpu.max", quota),
        ])
    };
    assert_eq!(
        tree(b"1000 100000\n")
            .root()
            .cpu_count_effective(10)
            .unwrap(),
        1
    );
    assert_eq!(
        tree(b"250000 100000\n")
            .root()
            .cpu_count_effective(10)
            .unwrap(),
        3
    );
    assert_eq!(
        tree(b"max 100000\n")
            .root()
            .cpu_count_effective(10)
            .unwrap(),
        8
    );
    assert_eq!(
        tree(b"0 100000\n").root().cpu_count_effective(10).unwrap(),
        1
    );
}
