//! Live checks against the running machine: cgroup files and `/proc/pressure` read
//! directly, `nproc` and `taskset`. The cgroup test creates cgroups (root only, on the
//! v1 cpu and memory hierarchies of this kind of machine) and removes them afterwards.

use std::path::{Path, PathBuf};
use std::process::{Child, Command};

use psutil_rs::os::linux::{CgroupLimit, ProcessExt as _};
use psutil_rs::{Process, Root};

use crate::util::{close, run};

#[test]
fn own_membership_matches_proc_self_cgroup() {
    let text = std::fs::read_to_string("/proc/self/cgroup").unwrap();
    let got = Process::current().unwrap().cgroups().unwrap();
    assert_eq!(got.len(), text.lines().count());
    for (m, line) in got.iter().zip(text.lines()) {
        let mut parts = line.splitn(3, ':');
        assert_eq!(m.hierarchy_id.to_string(), parts.next().unwrap());
        assert_eq!(m.controllers.join(","), parts.next().unwrap());
        assert_eq!(m.path.to_str().unwrap(), parts.next().unwrap());
    }
    // the free function is the current process's view
    let c = psutil_rs::cgroup().unwrap();
    assert_eq!(c.pid, std::process::id());
}

/// The mount point of the v1 hierarchy holding `ctrl` and this process's path in it,
/// from `/proc/self/mountinfo` and `/proc/self/cgroup` read here.
fn v1_dir(ctrl: &str) -> Option<PathBuf> {
    let mi = std::fs::read_to_string("/proc/self/mountinfo").ok()?;
    let mount = mi.lines().find_map(|l| {
        let (left, right) = l.split_once(" - ")?;
        let mut r = right.split(' ');
        let (fstype, _, opts) = (r.next()?, r.next()?, r.next()?);
        (fstype == "cgroup" && opts.split(',').any(|o| o == ctrl))
            .then(|| left.split(' ').nth(4).map(PathBuf::from))?
    })?;
    let cg = std::fs::read_to_string("/proc/self/cgroup").ok()?;
    let path = cg.lines().find_map(|l| {
        let mut p = l.splitn(3, ':');
        let (_, ctrls, path) = (p.next()?, p.next()?, p.next()?);
        ctrls.split(',').any(|c| c == ctrl).then(|| path.to_owned())
    })?;
    Some(mount.join(path.trim_start_matches('/')))
}

/// Kills the children and removes the cgroups (innermost first), also on panic.
struct Cleanup {
    kids: Vec<Child>,
    dirs: Vec<PathBuf>,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        for k in &mut self.kids {
            let _ = k.kill();
            let _ = k.wait();
        }
        for d in self.dirs.iter().rev() {
            // the killed tasks leave the cgroup asynchronously
            for _ in 0..100 {
                if std::fs::remove_dir(d).is_ok() || !d.exists() {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
        }
    }
}

/// A `sleep 60` that moves itself into the `cgroup.procs` files given, then execs, so
/// that the memory of `sleep` is charged to the new memory cgroup.
fn sleeper_in(procs: &[PathBuf]) -> Child {
    let moves: Vec<String> = procs
        .iter()
        .map(|p| format!("echo $$ > '{}'", p.display()))
        .collect();
    let script = format!("{} && exec sleep 60", moves.join(" && "));
    Command::new("sh").arg("-c").arg(script).spawn().unwrap()
}

/// Waits until `pid`'s `/proc/<pid>/cgroup` names `path` (the shell has moved itself).
fn wait_member(pid: u32, path: &str) {
    for _ in 0..250 {
        let cg = std::fs::read_to_string(format!("/proc/{pid}/cgroup")).unwrap_or_default();
        let exe = std::fs::read_link(format!("/proc/{pid}/exe")).unwrap_or_default();
        if cg.lines().any(|l| l.ends_with(path)) && exe.ends_with("sleep") {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("process {pid} did not reach cgroup {path}");
}

#[test]
fn created_cgroup_limits_read_back() {
    if run("id", &["-u"]).trim() != "0" {
        eprintln!("skipped: creating cgroups needs root (this test runs as root in CI)");
        return;
    }
    let (Some(cpu), Some(mem)) = (v1_dir("cpu"), v1_dir("memory")) else {
        panic!("this test needs the v1 cpu and memory hierarchies (cgroup v1 or hybrid layout)");
    };
    let name = format!("psutil-rs-it-{}", std::process::id());
    let mut guard = Cleanup {
        kids: Vec::new(),
        dirs: Vec::new(),
    };
    for d in [
        cpu.join(&name),
        mem.join(&name),
        cpu.join(&name).join("g"),
        mem.join(&name).join("g"),
    ] {
        std::fs::create_dir(&d)
            .unwrap_or_else(|e| panic!("cannot create cgroup {}: {e}", d.display()));
        guard.dirs.push(d);
    }
    let write = |p: PathBuf, v: &str| {
        std::fs::write(&p, v).unwrap_or_else(|e| panic!("cannot write {}: {e}", p.display()))
    };
    write(cpu.join(&name).join("cpu.cfs_period_us"), "100000");
    write(cpu.join(&name).join("cpu.cfs_quota_us"), "50000");
    write(mem.join(&name).join("memory.limit_in_bytes"), "104857600");
    // one process in the limited cgroup, one in its grandchild g/ (no limit of its own)
    guard.kids.push(sleeper_in(&[
        cpu.join(&name).join("cgroup.procs"),
        mem.join(&name).join("cgroup.procs"),
    ]));
    guard.kids.push(sleeper_in(&[
        cpu.join(&name).join("g/cgroup.procs"),
        mem.join(&name).join("g/cgroup.procs"),
    ]));
    let pids: Vec<u32> = guard.kids.iter().map(Child::id).collect();
    let mem_path = |i: usize| {
        let rel = mem.join(&name).join(if i == 0 { "" } else { "g" });
        (
            rel.clone(),
            rel.to_str().unwrap().trim_end_matches('/').to_owned(),
        )
    };
    for (i, pid) in pids.iter().enumerate() {
        let (_, full) = mem_path(i);
        let suffix = &full[full.find(&name).unwrap() - 1..];
        wait_member(*pid, suffix);
        let p = Process::new(*pid).unwrap();
        // membership: the memory and cpu lines resolve to the created directories
        let ms = p.cgroups().unwrap();
        let dir_of = |c: &str| {
            ms.iter()
                .find(|m| m.controllers.iter().any(|x| x == c))
                .and_then(|m| m.dir.clone())
                .unwrap()
        };
        let want = |base: &Path| base.join(&name).join(if i == 0 { "" } else { "g" });
        assert_eq!(
            dir_of("memory").components().collect::<Vec<_>>(),
            want(&mem).components().collect::<Vec<_>>()
        );
        assert_eq!(
            dir_of("cpu").components().collect::<Vec<_>>(),
            want(&cpu).components().collect::<Vec<_>>()
        );
        // the view: limits are the created cgroup's, for the grandchild too
        let c = p.cgroup().unwrap();
        assert_eq!(c.cpu.quota.unwrap().cpus(), Some(0.5), "pid {pid}");
        assert_eq!(
            c.memory.limit,
            Some(CgroupLimit::Limited(104_857_600)),
            "pid {pid}"
        );
        let direct: u64 = std::fs::read_to_string(want(&mem).join("memory.usage_in_bytes"))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        let current = c.memory.current.unwrap();
        assert!(current > 0, "memory.usage_in_bytes of a running sleep is 0");
        // an idle sleep: the charge moves by a few pages at most (tolerance 1 MiB)
        close(
            "memory.current",
            current as f64,
            direct as f64,
            1024.0 * 1024.0,
        );
        let root = Root::host();
        assert_eq!(root.cpu_count_effective(*pid).unwrap(), 1, "pid {pid}");
        let vm = root.virtual_memory_effective(*pid).unwrap();
        assert_eq!(vm.total, 104_857_600);
        assert_eq!(vm.limit, Some(104_857_600));
    }
    drop(guard);
    assert!(!cpu.join(&name).exists(), "the cgroup was not removed");
}

#[test]
fn cpu_count_effective_matches_nproc() {
    let nproc: usize = run("nproc", &[]).trim().parse().unwrap();
    assert_eq!(psutil_rs::cpu_count_effective().unwrap(), nproc);
    // under taskset -c 0: nproc says 1, and so do we for a process pinned the same way
    let pinned: usize = run("taskset", &["-c", "0", "nproc"])
        .trim()
        .parse()
        .unwrap();
    assert_eq!(pinned, 1);
    let mut kid = Command::new("taskset")
        .args(["-c", "0", "sleep", "10"])
        .spawn()
        .unwrap();
    // taskset sets the affinity, then execs: wait for the exec
    let pid = kid.id();
    for _ in 0..250 {
        if std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|e| e.ends_with("sleep")) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let got = Root::host().cpu_count_effective(pid);
    let _ = kid.kill();
    let _ = kid.wait();
    assert_eq!(got.unwrap(), pinned);
}

/// `(avg10, avg60, avg300, total)` of the `some`/`full` line of a pressure file.
fn psi(text: &str, kind: &str) -> Option<[f64; 4]> {
    let line = text.lines().find(|l| l.starts_with(kind))?;
    let mut out = [0.0; 4];
    for (slot, kv) in out.iter_mut().zip(line.split(' ').skip(1)) {
        *slot = kv.split_once('=')?.1.parse().ok()?;
    }
    Some(out)
}

#[test]
fn pressure_matches_proc_pressure() {
    let files = ["cpu", "memory", "io", "irq"];
    let read = |f: &str| std::fs::read_to_string(format!("/proc/pressure/{f}")).ok();
    let before: Vec<_> = files.iter().map(|f| read(f)).collect();
    let ours = psutil_rs::pressure().unwrap();
    let after: Vec<_> = files.iter().map(|f| read(f)).collect();
    let ours = [ours.cpu, ours.memory, ours.io, ours.irq];
    for (i, f) in files.iter().enumerate() {
        let (Some(b), Some(a)) = (&before[i], &after[i]) else {
            assert!(ours[i].is_none(), "{f}: no file but a value");
            continue;
        };
        let p = ours[i].unwrap_or_else(|| panic!("{f}: file present, no value"));
        for (kind, line) in [("some", p.some), ("full", p.full)] {
            let (Some(b), Some(a)) = (psi(b, kind), psi(a, kind)) else {
                assert!(line.is_none(), "{f} {kind}");
                continue;
            };
            let l = line.unwrap();
            // each value lies between the two direct reads (the averages change every
            // 2 s, the total grows monotonically)
            for (j, v) in [l.avg10, l.avg60, l.avg300, l.total as f64]
                .into_iter()
                .enumerate()
            {
                let (lo, hi) = (b[j].min(a[j]), b[j].max(a[j]));
                assert!(
                    lo <= v && v <= hi,
                    "{f} {kind} field {j}: {v} not in [{lo}, {hi}]"
                );
            }
        }
    }
    // totals are monotone between two calls
    let (p1, p2) = (
        psutil_rs::pressure().unwrap(),
        psutil_rs::pressure().unwrap(),
    );
    let t = |p: &psutil_rs::os::linux::Pressures| p.cpu.and_then(|c| c.some).map(|s| s.total);
    assert!(t(&p1) <= t(&p2));
}

/// The directory of this process's v2 cgroup, from `/proc/self/mountinfo` and
/// `/proc/self/cgroup` read here.
fn v2_dir() -> Option<PathBuf> {
    let mi = std::fs::read_to_string("/proc/self/mountinfo").ok()?;
    let mount = mi.lines().find_map(|l| {
        let (left, right) = l.split_once(" - ")?;
        let f: Vec<&str> = left.split(' ').collect();
        let (root, point) = (f.get(3)?, f.get(4)?);
        (right.starts_with("cgroup2 ") && *root == "/").then(|| PathBuf::from(point))
    })?;
    let cg = std::fs::read_to_string("/proc/self/cgroup").ok()?;
    let path = cg.lines().find_map(|l| l.strip_prefix("0::"))?.to_owned();
    Some(mount.join(path.trim_start_matches('/')))
}

#[test]
fn cgroup_pressure_matches_the_v2_files() {
    let Some(dir) = v2_dir() else {
        eprintln!("skipped: no cgroup2 mount with this process's cgroup");
        return;
    };
    let read = || std::fs::read_to_string(dir.join("cpu.pressure")).ok();
    let (before, ours, after) = (read(), psutil_rs::cgroup().unwrap(), read());
    let (Some(b), Some(a)) = (before, after) else {
        assert!(ours.pressure.cpu.is_none());
        return;
    };
    let l = ours.pressure.cpu.unwrap().some.unwrap();
    let (b, a) = (psi(&b, "some").unwrap(), psi(&a, "some").unwrap());
    for (j, v) in [l.avg10, l.avg60, l.avg300, l.total as f64]
        .into_iter()
        .enumerate()
    {
        let (lo, hi) = (b[j].min(a[j]), b[j].max(a[j]));
        assert!(
            lo <= v && v <= hi,
            "cpu.pressure field {j}: {v} not in [{lo}, {hi}]"
        );
    }
}

#[test]
fn virtual_memory_effective_of_this_process() {
    // expected: MemTotal, or the tightest memory.limit_in_bytes below it of this
    // process's v1 memory cgroup and its ancestors (read here, walking up the directory)
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap();
    let mem_total: u64 = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
        .map(|kb: u64| kb * 1024)
        .unwrap();
    let Some(mut dir) = v1_dir("memory") else {
        eprintln!("skipped: no v1 memory hierarchy (the v2 case is in the fixture tests)");
        return;
    };
    let mut tightest = u64::MAX;
    while let Ok(v) = std::fs::read_to_string(dir.join("memory.limit_in_bytes")) {
        tightest = tightest.min(v.trim().parse().unwrap());
        if !dir.pop() {
            break;
        }
    }
    let eff = psutil_rs::virtual_memory_effective().unwrap();
    if tightest < mem_total {
        assert_eq!((eff.total, eff.limit), (tightest, Some(tightest)));
    } else {
        assert_eq!((eff.total, eff.limit), (mem_total, None));
    }
    assert!(eff.used <= eff.total && eff.available <= eff.total);
}

#[test]
fn gone_process_is_no_such_process() {
    let mut kid = Command::new("sleep").arg("10").spawn().unwrap();
    let p = Process::new(kid.id()).unwrap();
    assert!(!p.cgroups().unwrap().is_empty());
    kid.kill().unwrap();
    kid.wait().unwrap();
    let e = p.cgroups().unwrap_err();
    assert!(e.is_no_such_process(), "{e:?}");
    let e = p.cgroup().unwrap_err();
    assert!(e.is_no_such_process(), "{e:?}");
    let e = Root::host().cpu_count_effective(kid.id()).unwrap_err();
    assert!(e.is_no_such_process(), "{e:?}");
}
