// cgroups exist on Linux only.
#![cfg(target_os = "linux")]

//! `psutil cgroup` and the overview's container section, against the cgroup files read
//! directly: on the fixture trees, and on cgroups this test creates (as root).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};

use serde_json::Value;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/linux");

fn psutil(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_psutil"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "psutil {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn read(p: &Path) -> String {
    fs::read_to_string(p)
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        .trim()
        .to_string()
}

fn num(p: &Path) -> u64 {
    read(p).parse().unwrap()
}

#[test]
fn v2_fixture_json_is_the_files() {
    let tree = Path::new(FIXTURES).join("cgroup-v2");
    let out = psutil(&["--root", tree.to_str().unwrap(), "--json", "cgroup", "1234"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let dir = tree.join("sys/fs/cgroup/app");
    let cg = &v["cgroup"];
    assert_eq!(cg["layout"], "v2");
    assert_eq!(
        v["cgroups"][0]["dir"].as_str().unwrap(),
        dir.to_str().unwrap()
    );
    assert_eq!(cg["memory"]["current"], num(&dir.join("memory.current")));
    assert_eq!(cg["cpu"]["weight"], num(&dir.join("cpu.weight")));
    // memory.high: the tightest of the chain app -> (mount root), read directly
    let high = read(&dir.join("memory.high"));
    if high != "max" {
        assert!(cg["memory"]["high"].as_u64().unwrap() <= high.parse::<u64>().unwrap());
    }
    // system PSI is the fixture's /proc/pressure/cpu
    let cpu = read(&tree.join("proc/pressure/cpu"));
    let total: u64 = cpu
        .lines()
        .next()
        .unwrap()
        .rsplit('=')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(v["pressure"]["cpu"]["some"]["total"], total);
    let text = psutil(&["--root", tree.to_str().unwrap(), "cgroup", "1234"]);
    assert!(
        text.contains("cgroup /kubepods/pod1/ctr/app  (v2)"),
        "{text}"
    );
}

#[test]
fn a_bad_pid_is_a_clear_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_psutil"))
        .args(["cgroup", "999999999"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("999999999"), "{err}");
}

/// This process's directory in the v1 hierarchy of `controller` (from
/// /proc/self/cgroup and /proc/self/mountinfo, read here).
fn v1_dir(controller: &str) -> Option<PathBuf> {
    let cgroup = fs::read_to_string("/proc/self/cgroup").ok()?;
    let path = cgroup.lines().find_map(|l| {
        let mut f = l.splitn(3, ':');
        let (_id, ctrls, path) = (f.next()?, f.next()?, f.next()?);
        ctrls
            .split(',')
            .any(|c| c == controller)
            .then(|| path.to_string())
    })?;
    let mountinfo = fs::read_to_string("/proc/self/mountinfo").ok()?;
    mountinfo.lines().find_map(|l| {
        let (left, right) = l.split_once(" - ")?;
        let f: Vec<&str> = left.split_whitespace().collect();
        let r: Vec<&str> = right.split_whitespace().collect();
        let ok = r.first() == Some(&"cgroup")
            && r.get(2)?.split(',').any(|o| o == controller)
            && path.starts_with(f.get(3)?);
        ok.then(|| {
            let rest = path[f[3].len()..].trim_start_matches('/');
            Path::new(f[4]).join(rest)
        })
    })
}

/// A child cgroup in this process's v1 cpu and memory hierarchies with a 0.5-CPU
/// quota and a 100 MiB limit; the processes in it are killed and the directories
/// removed when dropped (also when a test fails).
struct Limited {
    dirs: Vec<PathBuf>,
    children: Vec<Child>,
}

impl Limited {
    fn new(tag: &str) -> Option<Limited> {
        let euid = euid();
        let (cpu, mem) = (v1_dir("cpu")?, v1_dir("memory")?);
        if euid != 0 {
            return None;
        }
        let name = format!("psutil-rs-cli-{tag}-{}", std::process::id());
        let mut me = Limited {
            dirs: Vec::new(),
            children: Vec::new(),
        };
        for d in [cpu.join(&name), mem.join(&name)] {
            fs::create_dir(&d).ok()?;
            me.dirs.push(d);
        }
        fs::write(me.dirs[0].join("cpu.cfs_period_us"), "100000").unwrap();
        fs::write(me.dirs[0].join("cpu.cfs_quota_us"), "50000").unwrap();
        fs::write(me.dirs[1].join("memory.limit_in_bytes"), "104857600").unwrap();
        Some(me)
    }

    /// `sh -c 'move myself in; exec ARGS'`.
    fn spawn(&mut self, args: &[&str]) -> &mut Child {
        let moves: Vec<String> = self
            .dirs
            .iter()
            .map(|d| format!("echo $$ > '{}'", d.join("cgroup.procs").display()))
            .collect();
        let script = format!("{} && exec \"$@\"", moves.join(" && "));
        let child = Command::new("sh")
            .args(["-c", &script, "sh"])
            .args(args)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        self.children.push(child);
        self.children.last_mut().unwrap()
    }
}

impl Limited {
    /// What ARGS print when run inside the cgroup (they must succeed).
    fn output(&mut self, args: &[&str]) -> String {
        use std::io::Read as _;
        let child = self.spawn(args);
        let mut out = String::new();
        child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        assert!(child.wait().unwrap().success(), "{args:?}");
        out
    }
}

impl Drop for Limited {
    fn drop(&mut self) {
        for c in &mut self.children {
            let _ = c.kill();
            let _ = c.wait();
        }
        for d in self.dirs.iter().rev() {
            for _ in 0..100 {
                if fs::remove_dir(d).is_ok() {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        }
    }
}

/// The effective uid, from /proc/self/status (no unsafe in tests).
fn euid() -> u32 {
    let status = fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("Uid:")).unwrap();
    line.split_whitespace().nth(2).unwrap().parse().unwrap()
}

/// The pid of a child once it has moved itself into the cgroup (its cgroup file says
/// so).
fn moved(pid: u32, dir: &Path) -> bool {
    let name = dir.file_name().unwrap().to_str().unwrap();
    for _ in 0..200 {
        let cg = fs::read_to_string(format!("/proc/{pid}/cgroup")).unwrap_or_default();
        if cg
            .lines()
            .filter(|l| l.ends_with(&format!("/{name}")))
            .count()
            >= 2
        {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    false
}

#[test]
fn live_cgroup_read_back_through_the_command() {
    let Some(mut lim) = Limited::new("read") else {
        eprintln!("SKIPPED: needs root and cgroup v1 cpu and memory hierarchies");
        return;
    };
    let pid = lim.spawn(&["sleep", "60"]).id();
    assert!(
        moved(pid, &lim.dirs[0]),
        "the child never entered the cgroup"
    );
    let v: Value = serde_json::from_str(&psutil(&["--json", "cgroup", &pid.to_string()])).unwrap();
    let cg = &v["cgroup"];
    assert_eq!(cg["cpu"]["quota"]["quota_us"], 50000);
    assert_eq!(cg["cpu"]["quota"]["period_us"], 100000);
    assert_eq!(cg["memory"]["limit"], 104857600);
    assert_eq!(v["cpu_count_effective"], 1);
    assert_eq!(v["virtual_memory_effective"]["total"], 104857600);
    let dirs: Vec<&str> = v["cgroups"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|m| m["dir"].as_str())
        .collect();
    for d in &lim.dirs {
        assert!(dirs.contains(&d.to_str().unwrap()), "{dirs:?} lacks {d:?}");
    }
    let usage = num(&lim.dirs[1].join("memory.usage_in_bytes"));
    let current = cg["memory"]["current"].as_u64().unwrap();
    assert!(current.abs_diff(usage) <= 4 << 20, "{current} vs {usage}");
    let text = psutil(&["cgroup", &pid.to_string()]);
    assert!(
        text.contains("quota        0.50 CPUs (50000/100000 us)"),
        "{text}"
    );
    assert!(text.contains("limit        100.0M"), "{text}");
    assert!(text.contains("effective    1 CPU "), "{text}");
}

#[test]
fn overview_shows_the_container_it_runs_in() {
    let Some(mut lim) = Limited::new("overview") else {
        eprintln!("SKIPPED: needs root and cgroup v1 cpu and memory hierarchies");
        return;
    };
    let out = lim.output(&[env!("CARGO_BIN_EXE_psutil")]);
    assert!(out.contains("Container (cgroup "), "{out}");
    assert!(
        out.contains("CPU     limit 0.50 CPUs (50000/100000 us), 1 CPU usable"),
        "{out}"
    );
    assert!(out.contains("used of 100.0M"), "{out}");
    let out = lim.output(&[env!("CARGO_BIN_EXE_psutil"), "--json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["container"]["cgroup"]["memory"]["limit"], 104857600);
    assert_eq!(v["container"]["cpu_count_effective"], 1);
}

#[test]
fn overview_without_limits_has_no_container_section() {
    // Only meaningful where this test itself runs without a CPU quota or memory limit:
    // read the files of its own cgroups directly.
    let quota = v1_dir("cpu").map(|d| read(&d.join("cpu.cfs_quota_us")));
    let limit = v1_dir("memory").map(|d| read(&d.join("memory.limit_in_bytes")));
    let unlimited = quota.as_deref().is_none_or(|q| q == "-1")
        && limit
            .as_deref()
            .is_none_or(|l| l.parse::<u64>().is_ok_and(|n| n >= 9223372036854771712));
    let pids_max = v1_dir("pids").map(|d| d.join("pids.max"));
    let pids_unlimited = pids_max
        .filter(|p| p.exists())
        .is_none_or(|p| read(&p) == "max");
    if !(unlimited && pids_unlimited) {
        eprintln!("SKIPPED: this test runs inside a limited cgroup");
        return;
    }
    let out = psutil(&[]);
    assert!(!out.contains("Container (cgroup"), "{out}");
}
