//! Race stress (issue 7): process-table snapshots while spawner threads create, kill and
//! reap processes (and threads) as fast as they can. Zero panics, only NoSuchProcess
//! (records left out) or ZombieProcess for processes that vanish, and no record mixing
//! two processes.
//!
//! The stress runs in a child copy of the test binary (`run_isolated`), so that its
//! processes and threads do not disturb the other tests (which look at this process's
//! children, fds and threads), and a panic there is reported here.

use std::collections::HashMap;
use std::ffi::OsString;
use std::process::{Child, Command};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use psutil_rs::{Attr, AttrSet, Error, Process, ProcessTable, Value};

/// Runs the `#[ignore]`d test `name` (module path) in a new copy of this test binary
/// with `env=1` set (and as `nobody` when `as_nobody`), fails if it fails, and returns
/// its stdout.
pub(crate) fn run_isolated(name: &str, env: &str, as_nobody: bool) -> String {
    run_isolated_with(name, env, as_nobody, &[])
}

/// [`run_isolated`] with more environment variables.
pub(crate) fn run_isolated_with(
    name: &str,
    env: &str,
    as_nobody: bool,
    vars: &[(&str, String)],
) -> String {
    let exe = std::env::current_exe().unwrap();
    let mut cmd = if as_nobody {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=nobody", "--regid=nogroup", "--clear-groups"])
            .arg(&exe);
        c
    } else {
        Command::new(&exe)
    };
    let out = cmd
        .args([
            "--exact",
            name,
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(env, "1")
        .envs(vars.iter().map(|(k, v)| (k, v)))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "{name} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    print!("{stdout}");
    stdout
}

/// What the spawner started: comm and argv after `exec`.
#[derive(Debug, Clone)]
struct Kind {
    comm: String,
    argv: Vec<OsString>,
}

/// Children keyed by (pid, start time in ticks), read from `/proc/<pid>/stat` by the
/// spawner itself before it reaps the child (so the pid cannot have been reused yet).
type Registry = Arc<Mutex<HashMap<(u32, u64), Kind>>>;

/// Field 22 (starttime) and comm of `/proc/<pid>/stat`, parsed here independently.
fn raw_stat(pid: u32) -> Option<(String, u64)> {
    let s = std::fs::read(format!("/proc/{pid}/stat")).ok()?;
    let open = s.iter().position(|&b| b == b'(')?;
    let close = s.iter().rposition(|&b| b == b')')?;
    let comm = String::from_utf8_lossy(s.get(open + 1..close)?).into_owned();
    let rest = std::str::from_utf8(s.get(close + 2..)?).ok()?;
    let start = rest.split_whitespace().nth(19)?.parse().ok()?;
    Some((comm, start))
}

const THREAD_CHURN: &str = r#"
import signal, sys, threading, time
end = time.time() + float(sys.argv[1])
n = 0
signal.signal(signal.SIGTERM, lambda *a: (print(n), sys.exit(0)))
while time.time() < end:
    ts = [threading.Thread(target=lambda: None) for _ in range(4)]
    [t.start() for t in ts]
    [t.join() for t in ts]
    n += 4
print(n)
"#;

#[derive(Default)]
struct Counts {
    spawned: AtomicU64,
    killed: AtomicU64,
    threads: AtomicU64,
}

fn spawn_registered(reg: &Registry, cmd: &mut Command, kind: Kind) -> Option<Child> {
    let child = cmd.spawn().ok()?;
    // The child is not reaped yet, so its pid is still its own. (`spawn` returns once
    // `exec` has replaced the address space, which can be just before comm is set.)
    if let Some((comm, start)) = raw_stat(child.id()) {
        assert!(
            comm == kind.comm || comm == "spawner",
            "{comm} for {kind:?}"
        );
        reg.lock().unwrap().insert((child.id(), start), kind);
    }
    Some(child)
}

fn spawner(reg: Registry, stop: Arc<AtomicBool>, counts: Arc<Counts>) {
    let mut n = 0u64;
    while !stop.load(Ordering::Relaxed) {
        let mut batch = Vec::new();
        for i in 0..6u64 {
            n += 1;
            let (mut cmd, kind) = if (n + i).is_multiple_of(3) {
                (
                    Command::new("true"),
                    Kind {
                        comm: "true".into(),
                        argv: vec!["true".into()],
                    },
                )
            } else {
                let arg = format!("0.0{}", n % 5);
                let mut c = Command::new("sleep");
                c.arg(&arg);
                (
                    c,
                    Kind {
                        comm: "sleep".into(),
                        argv: vec!["sleep".into(), arg.into()],
                    },
                )
            };
            if let Some(c) = spawn_registered(&reg, &mut cmd, kind) {
                counts.spawned.fetch_add(1, Ordering::Relaxed);
                batch.push(c);
            }
        }
        for (i, mut c) in batch.into_iter().enumerate() {
            if i.is_multiple_of(2) {
                let _ = c.kill();
                counts.killed.fetch_add(1, Ordering::Relaxed);
            }
            let _ = c.wait();
        }
    }
}

/// Entry point: the stress in an isolated child.
#[test]
#[cfg_attr(
    target_arch = "aarch64",
    ignore = "qemu-user (this target's only runner here: scripts/cross) deadlocks a child \
              forked while another guest thread holds one of its locks"
)]
fn snapshots_while_spawning() {
    let out = run_isolated("race::stress_probe", "PSUTIL_RS_RACE_PROBE", false);
    assert!(out.contains("race stress:"), "{out}");
}

#[test]
#[ignore = "run by snapshots_while_spawning in a child copy of the test binary"]
fn stress_probe() {
    if std::env::var_os("PSUTIL_RS_RACE_PROBE").is_none() {
        return;
    }
    const MAX_SNAPSHOTS: u64 = 2_000;
    const MAX_TIME: Duration = Duration::from_secs(15);
    let me = std::process::id();
    let my_argv: Vec<OsString> = std::env::args_os().collect();
    let reg: Registry = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let counts = Arc::new(Counts::default());
    let mut workers = Vec::new();
    // Two spawners; the comm of their forked children before `exec` is the thread name.
    for _ in 0..2 {
        let (r, s, c) = (reg.clone(), stop.clone(), counts.clone());
        workers.push(
            std::thread::Builder::new()
                .name("spawner".into())
                .spawn(move || spawner(r, s, c))
                .unwrap(),
        );
    }
    // Thread churn inside this process (its own record changes num_threads)...
    {
        let (s, c) = (stop.clone(), counts.clone());
        workers.push(
            std::thread::Builder::new()
                .name("churn".into())
                .spawn(move || {
                    while !s.load(Ordering::Relaxed) {
                        let ts: Vec<_> = (0..4).map(|_| std::thread::spawn(|| ())).collect();
                        for t in ts {
                            t.join().unwrap();
                        }
                        c.threads.fetch_add(4, Ordering::Relaxed);
                    }
                })
                .unwrap(),
        );
    }
    // ... and in a child that creates and joins threads for the whole run.
    let secs = MAX_TIME.as_secs_f64().to_string();
    // The interpreter itself, not a shim script (pyenv's is a bash script).
    let python = String::from_utf8(
        Command::new("python3")
            .args(["-c", "import sys; print(sys.executable)"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap()
    .trim()
    .to_string();
    let py_comm: String = python
        .rsplit('/')
        .next()
        .unwrap()
        .chars()
        .take(15)
        .collect();
    let churner = spawn_registered(
        &reg,
        Command::new(&python)
            .args(["-c", THREAD_CHURN, &secs])
            .stdout(std::process::Stdio::piped()),
        Kind {
            comm: py_comm.clone(),
            argv: vec![
                python.clone().into(),
                "-c".into(),
                THREAD_CHURN.into(),
                secs.into(),
            ],
        },
    )
    .expect("python3");

    let attrs = AttrSet::from([
        Attr::Cmdline,
        Attr::CreateTime,
        Attr::MemoryInfo,
        Attr::Name,
        Attr::NumCtxSwitches,
        Attr::NumThreads,
        Attr::Ppid,
        Attr::Status,
        Attr::Uids,
    ]);
    let mut table = ProcessTable::new(attrs);
    let uid = rustix_uid();
    let started = Instant::now();
    let (mut snapshots, mut records, mut checked, mut zombies) = (0u64, 0u64, 0u64, 0u64);
    let mut exiting_seen = 0u64;
    let (mut handles_checked, mut handles_gone) = (0u64, 0u64);
    let mut held: Vec<(Process, Kind)> = Vec::new();
    let mut failures: Vec<String> = Vec::new();
    while snapshots < MAX_SNAPSHOTS && started.elapsed() < MAX_TIME && failures.len() < 20 {
        let procs = table.snapshot().unwrap();
        snapshots += 1;
        records += procs.len() as u64;
        // Handles made from the previous snapshot's records: their children are mostly
        // reaped by now and their pids possibly reused (pid_max is small here); reads
        // through them give that child's data or NoSuchProcess, never a newcomer's.
        for (p, kind) in held.drain(..) {
            handles_checked += 1;
            match p.name() {
                Ok(n) if *n == *kind.comm || n == "spawner" => {}
                Ok(n) => failures.push(format!("handle {p:?}: name {n:?} for {kind:?}")),
                Err(Error::NoSuchProcess { .. }) => handles_gone += 1,
                Err(e) => failures.push(format!("handle {p:?}: name: {e:?}")),
            }
            match p.cmdline() {
                // Empty: exiting, its address space already released (see below).
                Ok(a) if a == kind.argv || a == my_argv || a.is_empty() => {}
                Ok(a) => failures.push(format!("handle {p:?}: cmdline {a:?} for {kind:?}")),
                Err(Error::NoSuchProcess { .. }) | Err(Error::ZombieProcess { .. }) => {}
                Err(e) => failures.push(format!("handle {p:?}: cmdline: {e:?}")),
            }
        }
        for info in &procs {
            // Only ZombieProcess (and AccessDenied when unprivileged) may stand for a
            // value; NoSuchProcess drops the record; anything else is a bug.
            for (a, v) in info.values() {
                match v {
                    Ok(_) => {}
                    Err(Error::ZombieProcess { .. }) => zombies += 1,
                    Err(Error::AccessDenied { .. }) if uid != 0 => {}
                    Err(e) => failures.push(format!("pid {} {a}: {e:?}", info.pid())),
                }
            }
            let Some(start) = info.start_ticks() else {
                failures.push(format!("pid {}: no start time", info.pid()));
                continue;
            };
            let kind = reg.lock().unwrap().get(&(info.pid(), start)).cloned();
            let Some(kind) = kind else { continue };
            checked += 1;
            let name = info.name().map(|n| n.to_string_lossy().into_owned());
            let cmdline = info.get(Attr::Cmdline);
            // cmdline is read before stat (psutil's attribute order). Before `exec` both
            // are the spawner's (comm = its thread name), after it the program's. In
            // between, and again while the process exits (`exit_mm`), cmdline is empty:
            // `exec` installs the new address space before it sets comm and the
            // arguments. So: the program's arguments imply the program's comm, and the
            // spawner's comm implies the spawner's arguments (or none).
            let args = match cmdline {
                Some(Ok(Value::Cmdline(a))) => Some(a),
                _ => None,
            };
            let post_exec = args == Some(&kind.argv);
            let pre_exec = args == Some(&my_argv);
            let empty = args.is_some_and(|a| a.is_empty());
            let zombie = matches!(cmdline, Some(Err(Error::ZombieProcess { .. })));
            let ok = match name.as_deref() {
                Some(n) if n == kind.comm.as_str() => post_exec || pre_exec || empty || zombie,
                Some("spawner") => pre_exec || empty,
                _ => false,
            } && info.ppid() == Some(me)
                && info.uids().map(|u| u.real) == Some(uid);
            let exiting = empty;
            exiting_seen += u64::from(exiting);
            if !ok {
                failures.push(format!("mixed record for {kind:?}: {info:?}"));
            }
            if kind.comm != py_comm && info.num_threads() != Some(1) {
                failures.push(format!("threads of {kind:?}: {info:?}"));
            }
            if held.len() < 16 {
                match table.process(info) {
                    Ok(p) => held.push((p, kind)),
                    Err(Error::NoSuchProcess { .. }) => {}
                    Err(e) => failures.push(format!("table.process: {e:?}")),
                }
            }
        }
    }
    let elapsed = started.elapsed();
    stop.store(true, Ordering::Relaxed);
    for w in workers {
        w.join().unwrap();
    }
    let _ = Process::new(churner.id()).and_then(|p| p.terminate());
    let churn_out = churner.wait_with_output().unwrap();
    let py_threads = String::from_utf8_lossy(&churn_out.stdout)
        .trim()
        .to_string();
    let short: Vec<String> = failures
        .iter()
        .map(|f| f.chars().take(600).collect())
        .collect();
    assert!(failures.is_empty(), "{short:#?}");
    println!(
        "race stress: {snapshots} snapshots in {:.1} s, {records} records, {checked} records \
         of spawned children checked ({exiting_seen} with an empty cmdline: in exec or exiting), {zombies} ZombieProcess values, {} processes spawned \
         ({} killed), {} threads created here, {} in python, {handles_checked} handles \
         re-read ({handles_gone} gone)",
        elapsed.as_secs_f64(),
        counts.spawned.load(Ordering::Relaxed),
        counts.killed.load(Ordering::Relaxed),
        counts.threads.load(Ordering::Relaxed),
        if py_threads.is_empty() { "?" } else { &py_threads },
    );
    // 15 s give ~1,000 snapshots on an idle machine, tens on a crowded one.
    assert!(snapshots >= 20, "only {snapshots} snapshots");
    assert!(checked > 0, "no spawned child seen");
}

pub(crate) fn rustix_uid() -> u32 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap()
}
