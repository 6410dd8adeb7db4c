//! The fixture trees `fixtures/linux/cgroup-{v1,v2,hybrid}`: every value asserted is
//! the one written in the tree's files (see the README of `fixtures/linux`).

use std::path::{Path, PathBuf};

use psutil_rs::os::linux::{CgroupLayout, CgroupLimit, CgroupVersion};

use crate::util::{fixture, fixture_root};

const MI: u64 = 1024 * 1024;
use CgroupLimit::{Limited, Unlimited};

fn fx(tree: &str, rel: &str) -> PathBuf {
    fixture(tree).join(rel)
}

#[test]
fn v1_membership() {
    let m = fixture_root("cgroup-v1").cgroups(4242).unwrap();
    assert_eq!(m.len(), 6);
    assert!(m.iter().all(|m| m.version == CgroupVersion::V1));
    assert_eq!(m[4].hierarchy_id, 6);
    assert_eq!(m[4].controllers, ["cpu", "cpuacct"]);
    assert_eq!(m[4].path, Path::new("/docker/c1/worker"));
    assert_eq!(
        m[4].dir.as_deref(),
        Some(fx("cgroup-v1", "sys/fs/cgroup/cpu,cpuacct/docker/c1/worker").as_path())
    );
    assert_eq!(m[5].controllers, ["name=systemd"]);
    assert_eq!(
        m[5].dir.as_deref(),
        Some(fx("cgroup-v1", "sys/fs/cgroup/systemd/docker/c1/worker").as_path())
    );
}

#[test]
fn v1_view() {
    let root = fixture_root("cgroup-v1");
    let c = root.cgroup(4242).unwrap();
    assert_eq!(c.pid, 4242);
    assert_eq!(c.layout, CgroupLayout::V1);
    assert_eq!(c.path.as_deref(), Some(Path::new("/docker/c1/worker")));
    // cpu: the quota is set on docker/c1 only (150000/100000), the worker's is -1
    let q = c.cpu.quota.unwrap();
    assert_eq!((q.quota_us, q.period_us), (Limited(150_000), 100_000));
    assert_eq!(q.cpus(), Some(1.5));
    assert_eq!(c.cpu.shares, Some(512));
    assert_eq!(c.cpu.weight, None);
    assert_eq!(c.cpu.cpuset, Some(vec![0, 1, 3])); // cpuset.cpus: no effective_cpus
    assert_eq!(c.cpu.usage_usec, Some(123_456_789)); // cpuacct.usage ns / 1000
    let hz = user_hz();
    assert_eq!(c.cpu.user_usec, Some(1000 * 1_000_000 / hz));
    assert_eq!(c.cpu.system_usec, Some(250 * 1_000_000 / hz));
    assert_eq!(c.cpu.nr_periods, Some(10));
    assert_eq!(c.cpu.nr_throttled, Some(3));
    assert_eq!(c.cpu.throttled_usec, Some(4_500_000)); // throttled_time ns / 1000
                                                       // memory: 512 MiB on docker/c1, LONG_MAX page-rounded elsewhere
    let m = &c.memory;
    assert_eq!(m.limit, Some(Limited(512 * MI)));
    assert_eq!(m.high, None);
    assert_eq!(m.swap_limit, Some(Limited(512 * MI))); // memsw 1 GiB - 512 MiB
    assert_eq!(m.current, Some(100 * MI));
    assert_eq!(m.swap_current, Some(110_100_480 - 100 * MI));
    assert_eq!(m.anon, Some(50 * MI));
    assert_eq!(m.file, Some(40 * MI));
    assert_eq!(m.kernel, Some(8 * MI));
    assert_eq!(m.shmem, Some(4096));
    assert_eq!(m.inactive_file, Some(20 * MI));
    assert_eq!(m.oom, None);
    assert_eq!(m.oom_kill, Some(2));
    // pids: 100 on docker/c1
    assert_eq!(c.pids.current, Some(7));
    assert_eq!(c.pids.max, Some(Limited(100)));
    // blkio: read_bps 2 MiB/s on the worker, 1 MiB/s on docker/c1
    let max = c.io.max.as_ref().unwrap();
    assert_eq!(max.len(), 2);
    assert_eq!((max[0].major, max[0].minor), (8, 0));
    assert_eq!(max[0].rbps, Limited(MI));
    assert_eq!(max[0].wbps, Unlimited);
    assert_eq!(max[0].riops, Unlimited);
    assert_eq!(max[0].wiops, Limited(100));
    assert_eq!(
        (max[1].minor, max[1].wiops, max[1].rbps),
        (16, Limited(50), Unlimited)
    );
    let st = c.io.stat.as_ref().unwrap();
    assert_eq!(st.len(), 2);
    assert_eq!(
        (st[0].rbytes, st[0].wbytes, st[0].rios, st[0].wios),
        (4096, 8192, 1, 2)
    );
    assert_eq!((st[0].dbytes, st[0].dios), (Some(512), Some(1)));
    assert_eq!((st[1].minor, st[1].rbytes, st[1].rios), (16, 1024, 1));
    // no v2 hierarchy: no cgroup pressure
    assert_eq!(c.pressure, Default::default());
    // a kernel without PSI: no /proc/pressure
    let p = root.pressure().unwrap();
    assert!(p.cpu.is_none() && p.memory.is_none() && p.io.is_none() && p.irq.is_none());
}

/// `USER_HZ`, the unit of `cpuacct.stat`, from `getconf CLK_TCK`.
fn user_hz() -> u64 {
    let out = std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

#[test]
fn v1_effective() {
    let root = fixture_root("cgroup-v1");
    // affinity 0-3 (4), quota 1.5 → 2, cpuset 0,1,3 (3)
    assert_eq!(root.cpu_count_effective(4242).unwrap(), 2);
    let m = root.virtual_memory_effective(4242).unwrap();
    assert_eq!(m.total, 512 * MI);
    assert_eq!(m.limit, Some(512 * MI));
    assert_eq!(m.used, 100 * MI - 20 * MI);
    assert_eq!(m.free, 512 * MI - 100 * MI);
    assert_eq!(m.available, 512 * MI - 80 * MI); // below MemAvailable (6 GiB)
    assert_eq!(m.percent, 15.6); // 80 / 512
}

#[test]
fn v2_nested_mount_root() {
    let root = fixture_root("cgroup-v2");
    let m = root.cgroups(1234).unwrap();
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].version, CgroupVersion::V2);
    assert_eq!(m[0].hierarchy_id, 0);
    assert!(m[0].controllers.is_empty());
    assert_eq!(m[0].path, Path::new("/kubepods/pod1/ctr/app"));
    // the mount's root is /kubepods/pod1/ctr: the cgroup is app/ under the mount point
    assert_eq!(
        m[0].dir.as_deref(),
        Some(fx("cgroup-v2", "sys/fs/cgroup/app").as_path())
    );
    // another pod's cgroup is not under the mount's root: not visible
    let other = root.cgroups(77).unwrap();
    assert_eq!(other[0].dir, None);
    let c = root.cgroup(77).unwrap();
    assert_eq!(c.layout, CgroupLayout::V2);
    assert_eq!(c.memory.limit, None);
    assert_eq!(c.cpu.quota, None);
    assert!(c.pressure.cpu.is_none());
}

#[test]
fn v2_view() {
    let c = fixture_root("cgroup-v2").cgroup(1234).unwrap();
    assert_eq!(c.layout, CgroupLayout::V2);
    assert_eq!(c.path.as_deref(), Some(Path::new("/kubepods/pod1/ctr/app")));
    // cpu.max "max 100000" on app, "200000 100000" on its parent (the mount's root)
    let q = c.cpu.quota.unwrap();
    assert_eq!(
        (q.quota_us, q.period_us, q.cpus()),
        (Limited(200_000), 100_000, Some(2.0))
    );
    assert_eq!(c.cpu.weight, Some(200));
    assert_eq!(c.cpu.shares, None);
    assert_eq!(c.cpu.cpuset, Some(vec![0, 1, 2, 3]));
    assert_eq!(c.cpu.usage_usec, Some(5_000_000));
    assert_eq!(c.cpu.user_usec, Some(4_000_000));
    assert_eq!(c.cpu.system_usec, Some(1_000_000));
    assert_eq!(c.cpu.nr_periods, Some(40));
    assert_eq!(c.cpu.nr_throttled, Some(4));
    assert_eq!(c.cpu.throttled_usec, Some(300_000));
    let m = &c.memory;
    assert_eq!(m.limit, Some(Limited(1024 * MI))); // the parent's memory.max
    assert_eq!(m.high, Some(Limited(768 * MI))); // the app's memory.high
    assert_eq!(m.swap_limit, Some(Limited(0))); // the parent's memory.swap.max
    assert_eq!(m.current, Some(256 * MI));
    assert_eq!(m.swap_current, Some(0));
    assert_eq!(m.anon, Some(100 * MI));
    assert_eq!(m.file, Some(150 * MI));
    assert_eq!(m.kernel, Some(8 * MI));
    assert_eq!(m.shmem, Some(MI));
    assert_eq!(m.inactive_file, Some(100 * MI));
    assert_eq!((m.oom, m.oom_kill), (Some(1), Some(1)));
    // pids is not in the parent's cgroup.subtree_control: no pids.* files in app/
    assert_eq!(c.pids.current, None);
    assert_eq!(c.pids.max, None);
    // io.max: per device and field, the tighter of app/ and the parent
    let max = c.io.max.as_ref().unwrap();
    assert_eq!(max.len(), 2);
    assert_eq!((max[0].major, max[0].minor), (8, 16));
    assert_eq!(
        (max[0].rbps, max[0].wbps, max[0].riops, max[0].wiops),
        (Limited(2_097_152), Limited(MI), Unlimited, Limited(120))
    );
    assert_eq!(
        (max[1].major, max[1].riops, max[1].rbps),
        (259, Limited(1000), Unlimited)
    );
    let st = c.io.stat.as_ref().unwrap();
    assert_eq!(
        (
            st[0].rbytes,
            st[0].wbytes,
            st[0].rios,
            st[0].wios,
            st[0].dbytes,
            st[0].dios
        ),
        (1_459_200, 314_773_504, 192, 353, Some(0), Some(0))
    );
    assert_eq!((st[1].major, st[1].dbytes), (259, Some(512)));
    // the cgroup's own pressure files; no irq.pressure in app/
    let cpu = c.pressure.cpu.unwrap();
    let some = cpu.some.unwrap();
    assert_eq!(
        (some.avg10, some.avg60, some.avg300, some.total),
        (0.5, 0.4, 0.3, 1000)
    );
    assert_eq!(cpu.full.unwrap().total, 500);
    assert_eq!(c.pressure.io.unwrap().full.unwrap().total, 66_666);
    assert_eq!(c.pressure.memory.unwrap().some.unwrap().total, 0);
    assert!(c.pressure.irq.is_none());
}

#[test]
fn v2_system_pressure_and_effective() {
    let root = fixture_root("cgroup-v2");
    let p = root.pressure().unwrap();
    let cpu = p.cpu.unwrap();
    assert_eq!(cpu.some.unwrap().avg10, 1.5);
    assert_eq!(cpu.full.unwrap().total, 2_345_678);
    assert_eq!(p.memory.unwrap().full.unwrap().avg60, 0.01);
    assert_eq!(p.io.unwrap().some.unwrap().total, 987_654_321);
    let irq = p.irq.unwrap();
    assert!(irq.some.is_none());
    assert_eq!(irq.full.unwrap().total, 4321);
    // affinity 0-7 (8), quota 2.0 (parent) → 2, cpuset 0-3 (4)
    assert_eq!(root.cpu_count_effective(1234).unwrap(), 2);
    let m = root.virtual_memory_effective(1234).unwrap();
    assert_eq!(m.total, 1024 * MI);
    assert_eq!(m.limit, Some(1024 * MI));
    assert_eq!(m.used, 256 * MI - 100 * MI);
    assert_eq!(m.free, 1024 * MI - 256 * MI);
    assert_eq!(m.available, 1024 * MI - 156 * MI);
    // not visible: physical memory only (MemTotal 4 GiB), the host's used
    let host = root.virtual_memory().unwrap();
    let m = root.virtual_memory_effective(77).unwrap();
    assert_eq!((m.total, m.limit, m.used), (4096 * MI, None, host.used));
}

#[test]
fn hybrid() {
    let root = fixture_root("cgroup-hybrid");
    let ms = root.cgroups(555).unwrap();
    assert_eq!(ms.len(), 10);
    assert_eq!(ms[9].version, CgroupVersion::V2);
    assert_eq!(
        ms[9].dir.as_deref(),
        Some(fx("cgroup-hybrid", "sys/fs/cgroup/unified").as_path())
    );
    // a cgroup at its mount's root is the mount point itself (Path's == ignores a
    // trailing '/', the printed directory does not)
    for m in &ms {
        let d = m.dir.as_ref().unwrap().to_str().unwrap();
        assert!(!d.ends_with('/'), "{d}");
    }
    assert_eq!(
        ms[5].dir.as_deref(),
        Some(fx("cgroup-hybrid", "sys/fs/cgroup/memory/process_api/7b59").as_path())
    );
    let c = root.cgroup(555).unwrap();
    assert_eq!(c.layout, CgroupLayout::Hybrid);
    assert_eq!(c.path.as_deref(), Some(Path::new("/")));
    // cpu from the v1 cpu and cpuacct hierarchies, not from unified/cpu.stat
    assert_eq!(c.cpu.quota.unwrap().quota_us, Unlimited);
    assert_eq!(c.cpu.quota.unwrap().cpus(), None);
    assert_eq!(c.cpu.shares, Some(1024));
    assert_eq!(c.cpu.usage_usec, Some(38_603_347_381));
    assert_eq!(c.cpu.cpuset, Some(vec![0, 1]));
    // memory: LONG_MAX page-rounded on the cgroup, 2 GiB on /process_api
    assert_eq!(c.memory.limit, Some(Limited(2048 * MI)));
    assert_eq!(c.memory.swap_limit, None); // no memsw files: no swap accounting
    assert_eq!(c.memory.current, Some(1_200_738_304));
    assert_eq!(c.memory.inactive_file, Some(883_818_496));
    // pids: the root cgroup has no pids.current / pids.max
    assert_eq!((c.pids.current, c.pids.max), (None, None));
    // io: the root's throttle files are empty
    assert_eq!(c.io.max.as_deref(), Some(&[][..]));
    assert_eq!(c.io.stat.as_deref(), Some(&[][..]));
    // pressure from the v2 (unified) hierarchy
    assert_eq!(c.pressure.cpu.unwrap().some.unwrap().total, 6_185_720_063);
    assert_eq!(c.pressure.io.unwrap().full.unwrap().avg300, 3.1);
    assert!(c.pressure.irq.is_none());
    assert_eq!(root.cpu_count_effective(555).unwrap(), 2);
    let m = root.virtual_memory_effective(555).unwrap();
    assert_eq!(m.total, 2048 * MI);
    assert_eq!(m.used, 1_200_738_304 - 883_818_496);
}

#[test]
fn missing_process_is_no_such_process() {
    let e = fixture_root("cgroup-v2").cgroup(999_999).unwrap_err();
    assert!(e.is_no_such_process(), "{e}");
}

#[test]
fn serde_limits_are_numbers_or_max() {
    let c = fixture_root("cgroup-v2").cgroup(1234).unwrap();
    let v = serde_json::to_value(&c).unwrap();
    assert_eq!(v["layout"], "v2");
    assert_eq!(v["cpu"]["quota"]["quota_us"], 200_000);
    assert_eq!(v["memory"]["limit"], 1024 * MI);
    assert_eq!(v["memory"]["swap_limit"], 0);
    assert_eq!(v["memory"]["high"], 768 * MI);
    assert_eq!(v["io"]["max"][0]["wiops"], 120);
    assert_eq!(v["io"]["max"][0]["riops"], "max");
    assert_eq!(v["pids"]["max"], serde_json::Value::Null);
    assert_eq!(v["pressure"]["cpu"]["some"]["total"], 1000);
    let m = fixture_root("cgroup-hybrid").cgroups(555).unwrap();
    let v = serde_json::to_value(&m).unwrap();
    assert_eq!(v[9]["version"], "v2");
    assert_eq!(v[9]["path"], "/");
    assert_eq!(v[0]["controllers"][0], "name=systemd");
}
