//! Process groups and cgroup metrics, against `/proc/<pid>/stat` and the cgroup files
//! read directly, on processes and a cgroup this test makes.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use super::common::{parse, tempdir, value, wait_for, Daemon, Exporter, Sample};

/// utime + stime of `pid` in seconds, and its state (`/proc/<pid>/stat`).
fn stat_of(pid: u32) -> (f64, char, f64) {
    let s = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let rest = &s[s.rfind(')').unwrap() + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let tck = clk_tck();
    let cpu = (f[11].parse::<f64>().unwrap() + f[12].parse::<f64>().unwrap()) / tck;
    let start = f[19].parse::<f64>().unwrap() / tck;
    (cpu, f[0].chars().next().unwrap(), start)
}

fn clk_tck() -> f64 {
    let out = Command::new("getconf").arg("CLK_TCK").output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
}

fn btime() -> f64 {
    std::fs::read_to_string("/proc/stat")
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("btime "))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

/// A group's CPU seconds, user plus system, as the exporter counts them.
fn group_cpu(s: &[Sample], group: &str) -> f64 {
    ["user", "system"]
        .iter()
        .map(|&mode| {
            let labels = [("group", group), ("mode", mode)];
            value(s, "psutil_process_group_cpu_seconds_total", &labels)
                .unwrap_or_else(|| panic!("no {mode} CPU for group {group}"))
        })
        .sum()
}

/// A shell that burns some CPU, then blocks reading stdin; `marker` is its `$0`.
fn burner(marker: &str) -> Child {
    Command::new("sh")
        .args([
            "-c",
            "i=0; while [ $i -lt 150000 ]; do i=$((i+1)); done; read x",
            marker,
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn cmdline_groups_sum_their_processes_and_stay_monotonic() {
    let marker = format!("psutil-serve-grp-{}", std::process::id());
    let dir = tempdir("groups");
    let cfg = dir.join("c.yml");
    std::fs::write(
        &cfg,
        "processes:\n  group_by: cmdline\n  cmdline_regex: '(psutil-serve-grp-[0-9]+)$'\n",
    )
    .unwrap();
    let mut kids = [burner(&marker), burner(&marker)];
    for k in &kids {
        wait_for(120, "the burners to block", || {
            let (cpu, state, _) = stat_of(k.id());
            (state == 'S' && cpu > 0.0).then_some(())
        });
    }
    let e = Exporter::start(&["--config", cfg.to_str().unwrap()]);
    let g = [("group", marker.as_str())];
    let (_, s) = parse(&e.metrics());
    assert_eq!(value(&s, "psutil_process_group_processes", &g), Some(2.0));
    assert_eq!(value(&s, "psutil_process_group_threads", &g), Some(2.0));
    let ours_cpu = group_cpu(&s, &marker);
    let stats: Vec<_> = kids.iter().map(|k| stat_of(k.id())).collect();
    let direct: f64 = stats.iter().map(|s| s.0).sum();
    assert!(
        (ours_cpu - direct).abs() < 0.015,
        "ours {ours_cpu}, /proc {direct}"
    );
    let oldest = stats.iter().map(|s| s.2).fold(f64::MAX, f64::min) + btime();
    let got = value(&s, "psutil_process_group_oldest_start_time_seconds", &g).unwrap();
    assert!((got - oldest).abs() < 0.02, "ours {got}, /proc {oldest}");
    let rss = value(&s, "psutil_process_group_resident_memory_bytes", &g).unwrap();
    assert!(rss > 0.0);
    // Only the marked processes are exported: nothing else matches the regex.
    let groups: BTreeSet<_> = s
        .iter()
        .filter(|x| x.name == "psutil_process_group_processes")
        .map(|x| x.labels["group"].clone())
        .collect();
    assert_eq!(
        groups,
        BTreeSet::from([marker.clone(), "other".to_string()])
    );

    // One member exits: the group's CPU counter does not go down.
    drop(kids[0].stdin.take());
    kids[0].wait().unwrap();
    let (_, s) = parse(&e.metrics());
    assert_eq!(value(&s, "psutil_process_group_processes", &g), Some(1.0));
    let after = group_cpu(&s, &marker);
    assert!(after >= ours_cpu - 1e-9, "{after} < {ours_cpu}");
    drop(kids[1].stdin.take());
    kids[1].wait().unwrap();
}

#[test]
fn groups_are_bounded() {
    let dir = tempdir("bounded");
    let cfg = dir.join("c.yml");
    std::fs::write(
        &cfg,
        "processes:\n  group_by: name\n  max_groups: 3\ncgroups:\n  max: 2\n",
    )
    .unwrap();
    let e = Exporter::start(&["--config", cfg.to_str().unwrap()]);
    let (_, s) = parse(&e.metrics());
    let groups: BTreeSet<_> = s
        .iter()
        .filter(|x| x.name == "psutil_process_group_processes")
        .map(|x| x.labels["group"].clone())
        .collect();
    assert!(groups.len() <= 4 && groups.contains("other"), "{groups:?}");
    let total: f64 = s
        .iter()
        .filter(|x| x.name == "psutil_process_group_processes")
        .map(|x| x.value)
        .sum();
    assert_eq!(Some(total), value(&s, "psutil_exporter_processes", &[]));
    let cgroups: BTreeSet<_> = s
        .iter()
        .filter(|x| x.name == "psutil_cgroup_processes")
        .map(|x| x.labels["cgroup"].clone())
        .collect();
    assert!(!cgroups.is_empty() && cgroups.len() <= 2, "{cgroups:?}");
}

/// A memory cgroup made here (v1 `memory` hierarchy, or v2), removed on drop.
struct TestCgroup {
    dir: PathBuf,
    /// Its path as `/proc/<pid>/cgroup` shows it.
    path: String,
    v1: bool,
}

impl TestCgroup {
    fn make() -> TestCgroup {
        let name = format!("psutil-serve-test-{}", std::process::id());
        let v1 = Path::new("/sys/fs/cgroup/memory/cgroup.procs").exists();
        let base = if v1 {
            PathBuf::from("/sys/fs/cgroup/memory")
        } else {
            let root = PathBuf::from("/sys/fs/cgroup");
            let _ = std::fs::write(root.join("cgroup.subtree_control"), "+memory +pids");
            root
        };
        let dir = base.join(&name);
        let _ = std::fs::remove_dir(&dir);
        std::fs::create_dir(&dir).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (this test makes a cgroup: it runs as root, as CI does)",
                dir.display()
            )
        });
        let limit = if v1 {
            "memory.limit_in_bytes"
        } else {
            "memory.max"
        };
        std::fs::write(dir.join(limit), "104857600").unwrap();
        TestCgroup {
            dir,
            path: format!("/{name}"),
            v1,
        }
    }

    fn usage(&self) -> f64 {
        let f = if self.v1 {
            "memory.usage_in_bytes"
        } else {
            "memory.current"
        };
        std::fs::read_to_string(self.dir.join(f))
            .unwrap()
            .trim()
            .parse()
            .unwrap()
    }
}

impl Drop for TestCgroup {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir(&self.dir);
    }
}

#[test]
fn cgroup_limit_and_usage_are_the_files() {
    let cg = TestCgroup::make();
    // Killed on drop, before the cgroup (declared earlier) is removed.
    let kid = Daemon(Command::new("sleep").arg("600").spawn().unwrap());
    std::fs::OpenOptions::new()
        .write(true)
        .open(cg.dir.join("cgroup.procs"))
        .unwrap()
        .write_all(kid.0.id().to_string().as_bytes())
        .unwrap();
    let e = Exporter::start(&[]);
    let l = [("cgroup", cg.path.as_str())];
    let (_, s) = parse(&e.metrics());
    let usage_file = cg.usage();
    drop(kid);
    assert_eq!(
        value(&s, "psutil_cgroup_processes", &l),
        Some(1.0),
        "{}",
        cg.path
    );
    assert_eq!(
        value(&s, "psutil_cgroup_memory_limit_bytes", &l),
        Some(104_857_600.0)
    );
    let usage = value(&s, "psutil_cgroup_memory_usage_bytes", &l).unwrap();
    // A sleeping process: its cgroup's usage moves by a few pages at most.
    assert!(
        (usage - usage_file).abs() <= 256.0 * 1024.0,
        "ours {usage}, file {usage_file}"
    );
}

#[test]
fn user_groups_cover_every_process() {
    let dir = tempdir("users");
    let cfg = dir.join("c.yml");
    std::fs::write(&cfg, "processes:\n  group_by: user\n").unwrap();
    let me = Command::new("id").arg("-un").output().unwrap();
    let me = String::from_utf8_lossy(&me.stdout).trim().to_string();
    let e = Exporter::start(&["--config", cfg.to_str().unwrap()]);
    let (_, s) = parse(&e.metrics());
    // This test and the exporter run as `me`.
    assert!(value(&s, "psutil_process_group_processes", &[("group", &me)]).unwrap() >= 2.0);
    let total: f64 = s
        .iter()
        .filter(|x| x.name == "psutil_process_group_processes")
        .map(|x| x.value)
        .sum();
    assert_eq!(Some(total), value(&s, "psutil_exporter_processes", &[]));
}

/// Kernel threads as `/proc/<pid>/stat` flags them (`PF_KTHREAD`, include/linux/sched.h).
fn kernel_threads() -> usize {
    const PF_KTHREAD: u64 = 0x0020_0000;
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|d| {
            let name = d.ok()?.file_name();
            name.to_str()?.parse::<u32>().ok()?;
            let stat = std::fs::read_to_string(format!("/proc/{}/stat", name.to_str()?)).ok()?;
            let rest = &stat[stat.rfind(')')? + 2..];
            // flags is field 9; `rest` starts at field 3.
            rest.split_whitespace().nth(6)?.parse::<u64>().ok()
        })
        .filter(|flags| flags & PF_KTHREAD != 0)
        .count()
}

#[test]
fn kernel_threads_make_one_group_by_name() {
    let before = kernel_threads();
    let e = Exporter::start(&[]);
    let (_, s) = parse(&e.metrics());
    let after = kernel_threads();
    let ours = value(
        &s,
        "psutil_process_group_processes",
        &[("group", "[kernel]")],
    );
    // kworkers come and go between the reads: 2 of slack beyond the bracket.
    let (lo, hi) = (
        before.min(after) as f64 - 2.0,
        before.max(after) as f64 + 2.0,
    );
    if hi < 1.0 {
        // No kernel threads visible (a container's own pid namespace): no group either.
        assert_eq!(ours, None);
        return;
    }
    let ours = ours.unwrap();
    assert!(
        (lo..=hi).contains(&ours),
        "ours {ours}, PF_KTHREAD {before}..{after}"
    );
    let named: Vec<_> = s
        .iter()
        .filter(|x| x.name == "psutil_process_group_processes")
        .map(|x| x.labels["group"].as_str())
        .filter(|g| g.starts_with("kworker/") || g.starts_with("ksoftirqd/"))
        .collect();
    assert!(named.is_empty(), "{named:?}");
}

#[test]
fn group_by_none_with_cgroups_off_reads_no_process() {
    let dir = tempdir("none");
    let cfg = dir.join("c.yml");
    std::fs::write(&cfg, "processes:\n  group_by: none\ncgroups:\n  max: 0\n").unwrap();
    let e = Exporter::start(&["--config", cfg.to_str().unwrap()]);
    let (types, s) = parse(&e.metrics());
    let families: Vec<_> = types
        .keys()
        .filter(|n| n.starts_with("psutil_process_") || n.starts_with("psutil_cgroup_"))
        .collect();
    assert!(families.is_empty(), "{families:?}");
    assert_eq!(value(&s, "psutil_exporter_processes", &[]), None);
    assert!(value(&s, "node_load1", &[]).is_some());
}

/// This process's cgroup path as the exporter labels it, read here directly: the
/// `memory` line of `/proc/self/cgroup` (v1), else the `0::` line (v2).
fn own_cgroup() -> String {
    let text = std::fs::read_to_string("/proc/self/cgroup").unwrap();
    let line = |pick: &dyn Fn(&str) -> bool| {
        text.lines().find_map(|l| {
            let mut f = l.splitn(3, ':');
            let (_, ctrl, path) = (f.next()?, f.next()?, f.next()?);
            pick(ctrl).then(|| path.to_string())
        })
    };
    line(&|c| c.split(',').any(|x| x == "memory"))
        .or_else(|| line(&|c| c.is_empty()))
        .unwrap()
}

#[test]
fn cgroup_groups_count_the_cgroups_processes() {
    let dir = tempdir("bycgroup");
    let cfg = dir.join("c.yml");
    std::fs::write(&cfg, "processes:\n  group_by: cgroup\n  max_groups: 1000\n").unwrap();
    let e = Exporter::start(&["--config", cfg.to_str().unwrap()]);
    let (_, s) = parse(&e.metrics());
    let mine = own_cgroup();
    // This test and the exporter (its child) are in it, at least.
    let n = value(&s, "psutil_process_group_processes", &[("group", &mine)]).unwrap();
    assert!(n >= 2.0, "{mine}: {n}");
    // The same count as the cgroup family's, from the same table (when this cgroup is
    // among the 64 with the most processes, which the cgroup family keeps).
    if let Some(c) = value(&s, "psutil_cgroup_processes", &[("cgroup", &mine)]) {
        assert_eq!(c, n, "{mine}");
    }
}
