//! The descriptor budget: a `Process` holds its `/proc/<pid>` directory open only while
//! fewer than half the soft `RLIMIT_NOFILE` are held; past that, handles open it per
//! use and check the start time. Without it, `process_iter`'s cache (one handle per
//! process) fails with EMFILE as soon as the machine has more processes than the
//! limit allows descriptors (1,024 by default on many systems), and starves the
//! program of descriptors before that.

use std::collections::HashSet;
use std::process::{Child, Command, Stdio};

use psutil_rs::{Attr, AttrSet, Error, Process, ProcessTable};

use crate::race::run_isolated;
use psutil_rs::os::linux::ProcessExt as _;

const LIMIT: u64 = 64;

fn fds() -> usize {
    std::fs::read_dir("/proc/self/fd").unwrap().count()
}

/// Kills and reaps the sleepers when dropped.
struct Sleepers(Vec<Child>);

impl Drop for Sleepers {
    fn drop(&mut self) {
        for c in &mut self.0 {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

#[test]
fn process_iter_past_the_descriptor_limit() {
    run_isolated(
        "fd_budget::fd_budget_probe",
        "PSUTIL_RS_FD_BUDGET_PROBE",
        false,
    );
}

/// Run by [`process_iter_past_the_descriptor_limit`] in a child process: lowers the soft
/// `RLIMIT_NOFILE` to 64, with more processes than that on the machine.
#[test]
#[ignore = "run by process_iter_past_the_descriptor_limit in a child process"]
fn fd_budget_probe() {
    if std::env::var_os("PSUTIL_RS_FD_BUDGET_PROBE").is_none() {
        return;
    }
    // 80 sleepers, started before the limit is lowered (each spawn needs pipes).
    let kids = Sleepers(
        (0..80)
            .map(|_| {
                Command::new("sleep")
                    .arg("60")
                    .stdin(Stdio::null())
                    .stdout(Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect(),
    );
    let hard = prlimit_hard();
    let status = Command::new("prlimit")
        .args([
            &format!("--pid={}", std::process::id()),
            &format!("--nofile={LIMIT}:{hard}"),
        ])
        .status()
        .unwrap();
    assert!(status.success());
    let fd0 = fds();
    assert!(fd0 < 16, "{fd0} descriptors open before");

    // Every process of the machine, although there are more than the limit.
    let listed: HashSet<u32> = psutil_rs::pids().unwrap().into_iter().collect();
    assert!(
        listed.len() as u64 > LIMIT,
        "only {} processes",
        listed.len()
    );
    let procs = psutil_rs::process_iter().unwrap();
    let got: HashSet<u32> = procs.iter().map(|p| p.pid()).collect();
    for k in &kids.0 {
        assert!(got.contains(&k.id()), "sleeper {} missing", k.id());
    }
    // The cache holds at most half the limit; the rest read per use.
    let held = procs.iter().filter(|p| p.holds_dir()).count();
    assert!(held as u64 <= LIMIT / 2 + 1, "{held} held");
    assert!(procs.iter().any(|p| !p.holds_dir()));
    assert!(fds() as u64 <= LIMIT / 2 + 16, "{} descriptors open", fds());

    // A lazy handle reads the same as a held one of the same process, and a whole-table
    // process_iter works through them.
    let lazy: Vec<_> = procs
        .iter()
        .filter(|p| !p.holds_dir() && kids.0.iter().any(|k| k.id() == p.pid()))
        .collect();
    assert!(!lazy.is_empty());
    for p in &lazy {
        assert_eq!(p.name().unwrap(), "sleep");
        assert_eq!(p.cmdline().unwrap(), ["sleep", "60"]);
        assert_eq!(p.ppid().unwrap(), std::process::id());
        assert!(p.is_running());
        assert!(p.open_files().unwrap().is_empty());
        assert_eq!(p.threads().unwrap().len(), 1);
    }
    let mut table = ProcessTable::new(AttrSet::from([Attr::Pid, Attr::Name, Attr::Cmdline]));
    let rows = table.process_iter().unwrap();
    for k in &kids.0 {
        let (_, info) = rows.iter().find(|(p, _)| p.pid() == k.id()).unwrap();
        assert_eq!(info.name().unwrap(), "sleep");
    }

    // Past the budget a handle whose pid now belongs to another start time reads as
    // gone, as a held one does.
    let victim = lazy[0].pid();
    let stranger = Process::new(victim)
        .unwrap()
        .with_start_ticks_for_test(lazy[0].identity().1.unwrap() + 1);
    if !stranger.holds_dir() {
        assert!(matches!(stranger.name(), Err(Error::NoSuchProcess { .. })));
        assert!(matches!(
            stranger.terminate(),
            Err(Error::NoSuchProcess { .. })
        ));
    }
    // A lazy handle of a process that exits: NoSuchProcess.
    let k = &kids.0[0];
    let p = procs.iter().find(|p| p.pid() == k.id()).unwrap().clone();
    drop(procs);
    drop(rows);
    drop(kids);
    assert!(matches!(p.name(), Err(Error::NoSuchProcess { .. })));
    psutil_rs::process_iter_cache_clear();
    assert!(fds() <= fd0 + 1, "{} descriptors left, {fd0} before", fds());
}

fn prlimit_hard() -> String {
    let out = Command::new("prlimit")
        .args([
            &format!("--pid={}", std::process::id()),
            "--nofile",
            "--raw",
            "--noheadings",
            "--output=HARD",
        ])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}
