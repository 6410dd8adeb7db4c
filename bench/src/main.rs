//! Side-by-side benchmark harness (issue 6): psutil-rs against psutil, psutil_rs
//! (Python), sysinfo, procfs, `ps`/`ss` and a raw /proc "floor", on a workload of N idle
//! processes, interleaved in rounds.
//!
//! `cargo run --release -p bench -- --procs 1000` runs everything and prints a Markdown
//! report (BENCHMARKS.md is made from it); `--quick` is a small smoke run. See `--help`.
//!
//! Every contender runs in its own subprocess per snapshot (a Rust contender is this
//! binary in `__serve` mode, a Python one is `python3 -c <py/contender.py>`), so that its
//! peak RSS (VmHWM) is its own. The harness sends one request per round over stdin; the
//! subprocess times the snapshot itself (wall and process CPU time) and answers on
//! stdout. `ps` and `ss` are timed as whole processes (fork + exec + run + exit).
#![allow(unsafe_code)]

mod contenders;
mod report;
mod workload;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::Instant;

use report::{Slot, Status};

const PY_CONTENDER: &str = include_str!("../py/contender.py");
const PY_PERCALL: &str = include_str!("../py/percall.py");

/// Options.
#[derive(Debug, Clone)]
pub struct Opts {
    /// Workload size.
    pub procs: usize,
    /// Timed rounds (after one warm-up round).
    pub rounds: usize,
    /// Large process heap, MiB.
    pub big_mib: usize,
    /// Large process mappings.
    pub big_maps: usize,
    /// Sockets held by the large process.
    pub sockets: usize,
    /// Python interpreter.
    pub python: String,
    /// Snapshots to run.
    pub snaps: Vec<char>,
    /// Contenders to run (empty: all).
    pub only: Vec<String>,
    /// Where to write the machine-readable results (TSV).
    pub results: Option<String>,
    /// The command line, for the report.
    pub command: String,
    /// Quick mode.
    pub quick: bool,
    /// Print the per-read costs on the workload instead of running the contenders.
    pub file_costs: bool,
    /// Also time every psutil call in psutil and psutil_rs (py/percall.py).
    pub per_call: bool,
}

const USAGE: &str = "usage: bench [--procs N] [--rounds R] [--quick] [--snapshots abcd]
             [--contenders a,b,..] [--big-mib M] [--big-maps K] [--sockets S]
             [--python PATH] [--per-call]
             [--results FILE.tsv]
  --procs N       workload size (default 1000)
  --rounds R      timed rounds after one warm-up (default 15)
  --quick         N=30, 3 rounds, small large-process: a smoke run (< 1 minute)
  --big-mib M     heap of the large process, MiB (default 256)
  --big-maps K    one-page mappings in the large process (default 2000)
  --sockets S     TCP listeners and UDP sockets in the large process, plus S/2
                  connected TCP pairs (default 100)
  --python PATH   interpreter for the psutil and psutil_rs contenders (default python3)
  --snapshots S   which snapshots: a=process table, b=system, c=connections, d=memory maps
  --contenders L  subset of: psutil-rs,psutil_rs,psutil,sysinfo,sysinfo-mt,procfs,
                  floor,ps,ss
  --results F     also write one TSV line per contender and snapshot
  --per-call      also time every psutil function and Process method in psutil and
                  psutil_rs (py/percall.py, with --python; --quick: its smoke mode)
                  once the workload is gone, and add its table to the report
  --file-costs    instead: time each per-process read over the workload
                  (the profile behind BENCHMARKS.md's \"where time goes\")";

fn parse_args(args: &[String]) -> Result<Opts, String> {
    let mut o = Opts {
        procs: 1000,
        rounds: 15,
        big_mib: 256,
        big_maps: 2000,
        sockets: 100,
        python: "python3".into(),
        snaps: vec!['a', 'b', 'c', 'd'],
        only: Vec::new(),
        results: None,
        command: format!("cargo run --release -p bench -- {}", args.join(" ")),
        quick: false,
        file_costs: false,
        per_call: false,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut val = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        let num = |v: String, name: &str| {
            v.parse::<usize>()
                .map_err(|_| format!("{name}: not a number: {v:?}"))
        };
        match a.as_str() {
            "--procs" => o.procs = num(val(a)?, a)?,
            "--rounds" => o.rounds = num(val(a)?, a)?.max(1),
            "--big-mib" => o.big_mib = num(val(a)?, a)?,
            "--big-maps" => o.big_maps = num(val(a)?, a)?,
            "--sockets" => o.sockets = num(val(a)?, a)?,
            "--python" => o.python = val(a)?,
            "--results" => o.results = Some(val(a)?),
            "--snapshots" => o.snaps = val(a)?.chars().filter(|c| "abcd".contains(*c)).collect(),
            "--contenders" => o.only = val(a)?.split(',').map(str::to_string).collect(),
            "--quick" => {
                o.quick = true;
                o.procs = 30;
                o.rounds = 3;
                o.big_mib = 8;
                o.big_maps = 64;
                o.sockets = 8;
            }
            "--file-costs" => o.file_costs = true,
            "--per-call" => o.per_call = true,
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    if o.procs < 2 {
        return Err("--procs must be at least 2".into());
    }
    Ok(o)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("__worker") => workload::worker_mode(args.get(1..).unwrap_or_default()),
        Some("__exit") => workload::exit_mode(),
        Some("__serve") => serve(args.get(1..).unwrap_or_default()),
        _ => {}
    }
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return;
    }
    let opts = match parse_args(&args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    if let Err(e) = orchestrate(&opts) {
        eprintln!("bench: {e}");
        std::process::exit(1);
    }
}

// ------------------------------------------------------------------ subprocess side

fn status_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| {
            l.strip_prefix(field)?
                .strip_prefix(':')?
                .split_whitespace()
                .next()?
                .parse()
                .ok()
        })
        .unwrap_or(0)
}

/// System (kernel) CPU time of this process so far (`getrusage(2)`), ns.
fn sys_ns() -> u64 {
    // SAFETY: an all-zero rusage is a valid value.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: ru is a valid out-pointer.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) };
    ru.ru_stime.tv_sec as u64 * 1_000_000_000 + ru.ru_stime.tv_usec as u64 * 1000
}

fn cpu_ns() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: ts is a valid out-pointer.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

/// `__serve <contender> <snapshot>`: a Rust contender speaking the line protocol.
fn serve(args: &[String]) -> ! {
    let contender = args.first().cloned().unwrap_or_default();
    let snap = args.get(1).and_then(|s| s.chars().next()).unwrap_or('a');
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "ready {} - -", status_kb("VmRSS"));
    let _ = out.flush();
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let mut words = line.split_whitespace();
        match words.next() {
            Some("quit") => {
                let _ = writeln!(out, "rss {}", status_kb("VmHWM"));
                let _ = out.flush();
                std::process::exit(0);
            }
            Some(_) => {
                let big: u32 = words.next().and_then(|w| w.parse().ok()).unwrap_or(0);
                let (w0, c0, k0) = (Instant::now(), cpu_ns(), sys_ns());
                let answer = contenders::run(&contender, snap, big);
                let (wall, cpu) = (w0.elapsed().as_nanos(), cpu_ns().saturating_sub(c0));
                let sys = sys_ns().saturating_sub(k0);
                let _ = match answer {
                    contenders::Answer::Ok(o) => writeln!(
                        out,
                        "ok {wall} {cpu} {sys} {} {}",
                        o.count,
                        if o.missing.is_empty() { "-" } else { o.missing }
                    ),
                    contenders::Answer::Na(why) => writeln!(out, "na {why}"),
                    contenders::Answer::Err(e) => writeln!(out, "err {}", e.replace('\n', " ")),
                };
                let _ = out.flush();
            }
            None => {}
        }
    }
    std::process::exit(0)
}

// ------------------------------------------------------------------ harness side

/// Runs py/percall.py with the contenders' interpreter (`--quick` in quick mode): its
/// Markdown table, or why it could not run.
fn per_call(o: &Opts) -> Result<String, String> {
    let mut cmd = Command::new(&o.python);
    cmd.args(["-c", PY_PERCALL]);
    if o.quick {
        cmd.arg("--quick");
    }
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("{}: {e}", o.python))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let last = err
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        return Err(format!("percall.py failed ({}): {last}", out.status));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A contender's process for one snapshot.
enum Runner {
    /// A serving subprocess.
    Server {
        child: Child,
        stdin: ChildStdin,
        stdout: BufReader<ChildStdout>,
    },
    /// A whole command per round (`ps`, `ss`).
    Whole(Vec<String>),
    /// Not running.
    None,
}

fn spawn_server(mut cmd: Command) -> Result<(Runner, String), String> {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("spawn {cmd:?}: {e}"))?;
    let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
        return Err("no pipes".into());
    };
    let mut stdout = BufReader::new(stdout);
    let mut line = String::new();
    stdout.read_line(&mut line).map_err(|e| e.to_string())?;
    Ok((
        Runner::Server {
            child,
            stdin,
            stdout,
        },
        line.trim().to_string(),
    ))
}

/// One answer: Ok((wall ns, cpu ns, system cpu ns, count, missing, peak kB for whole
/// processes)).
type Sample = (u64, u64, u64, usize, String, u64);

fn request(runner: &mut Runner, snap: char, big_pid: u32) -> Result<Option<Sample>, String> {
    match runner {
        Runner::Server { stdin, stdout, .. } => {
            writeln!(stdin, "{snap} {big_pid}").map_err(|e| format!("write: {e}"))?;
            stdin.flush().map_err(|e| e.to_string())?;
            let mut line = String::new();
            stdout.read_line(&mut line).map_err(|e| e.to_string())?;
            let line = line.trim_end();
            let mut w = line.splitn(6, ' ');
            match w.next() {
                Some("ok") => {
                    let mut num = || -> Result<u64, String> {
                        w.next()
                            .and_then(|x| x.parse().ok())
                            .ok_or_else(|| format!("bad answer {line:?}"))
                    };
                    let (wall, cpu, sys, count) = (num()?, num()?, num()?, num()? as usize);
                    let missing = w.next().unwrap_or("-");
                    let missing = if missing == "-" { "" } else { missing };
                    Ok(Some((wall, cpu, sys, count, missing.to_string(), 0)))
                }
                Some("na") => Err(format!("na:{}", line.get(3..).unwrap_or(""))),
                _ if line.is_empty() => Err("the contender process died".into()),
                _ => Err(line.to_string()),
            }
        }
        Runner::Whole(argv) => run_whole(argv).map(Some),
        Runner::None => Ok(None),
    }
}

/// Runs a command to completion, timing it from spawn to reap; rusage from wait4.
fn run_whole(argv: &[String]) -> Result<Sample, String> {
    let t0 = Instant::now();
    let mut child = Command::new(argv.first().ok_or("empty command")?)
        .args(argv.get(1..).unwrap_or_default())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{}: {e}", argv.join(" ")))?;
    let mut out = Vec::new();
    if let Some(mut o) = child.stdout.take() {
        o.read_to_end(&mut out).map_err(|e| e.to_string())?;
    }
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waiting for our own child with valid out-pointers; std's Child is not
    // waited on afterwards (dropping it does not wait).
    let r = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut ru) };
    let wall = t0.elapsed().as_nanos() as u64;
    if r < 0 {
        return Err(std::io::Error::last_os_error().to_string());
    }
    if status != 0 {
        return Err(format!("{} exited with status {status}", argv.join(" ")));
    }
    let tv = |t: libc::timeval| t.tv_sec as u64 * 1_000_000_000 + t.tv_usec as u64 * 1000;
    let (sys, cpu) = (tv(ru.ru_stime), tv(ru.ru_utime) + tv(ru.ru_stime));
    let lines = out
        .iter()
        .filter(|&&c| c == b'\n')
        .count()
        .saturating_sub(1);
    Ok((wall, cpu, sys, lines, String::new(), ru.ru_maxrss as u64))
}

const PS: &[&str] = &[
    "ps",
    "-ww",
    "-eo",
    "pid,ppid,comm,args,stat,user,lstart,time,rss,vsz,nlwp",
];
const SS: &[&str] = &["ss", "-tuanp"];

/// The contenders in report order.
pub const CONTENDERS: [&str; 9] = [
    "psutil-rs",
    "psutil_rs",
    "psutil",
    "sysinfo",
    "sysinfo-mt",
    "procfs",
    "floor",
    "ps",
    "ss",
];

fn start_runner(name: &str, snap: char, o: &Opts) -> (Runner, Status, u64, String) {
    let started = |cmd: Command| match spawn_server(cmd) {
        Ok((r, ready)) => {
            let mut w = ready.split_whitespace();
            match w.next() {
                Some("ready") => {
                    let rss = w.next().and_then(|x| x.parse().ok()).unwrap_or(0);
                    let version = w.collect::<Vec<_>>().join(" ");
                    (r, Status::Ok, rss, version)
                }
                _ => {
                    stop(r);
                    (Runner::None, Status::Unavailable(ready), 0, String::new())
                }
            }
        }
        Err(e) => (Runner::None, Status::Unavailable(e), 0, String::new()),
    };
    match name {
        "psutil" | "psutil_rs" => {
            let mut cmd = Command::new(&o.python);
            cmd.args(["-c", PY_CONTENDER, name, &snap.to_string()]);
            started(cmd)
        }
        "ps" | "ss" => {
            let (argv, own) = if name == "ps" { (PS, 'a') } else { (SS, 'c') };
            if snap != own {
                return (
                    Runner::None,
                    Status::Na(format!("{name} only measured for ({own})")),
                    0,
                    String::new(),
                );
            }
            let runner = Runner::Whole(argv.iter().map(|s| s.to_string()).collect());
            (runner, Status::Ok, 0, argv.join(" "))
        }
        _ => {
            let exe = std::env::current_exe().unwrap_or_else(|_| "bench".into());
            let mut cmd = Command::new(exe);
            cmd.args(["__serve", name, &snap.to_string()]);
            // sysinfo is built with its `multithread` feature (rayon): "sysinfo" is
            // held to one thread, as its default build reads; "sysinfo-mt" uses one
            // per CPU.
            if name == "sysinfo" {
                cmd.env("RAYON_NUM_THREADS", "1");
            } else {
                cmd.env_remove("RAYON_NUM_THREADS");
            }
            started(cmd)
        }
    }
}

fn stop(runner: Runner) -> u64 {
    if let Runner::Server {
        mut child,
        mut stdin,
        mut stdout,
    } = runner
    {
        let _ = writeln!(stdin, "quit");
        let _ = stdin.flush();
        let mut line = String::new();
        let _ = stdout.read_line(&mut line);
        let _ = child.wait();
        return line
            .strip_prefix("rss ")
            .and_then(|x| x.trim().parse().ok())
            .unwrap_or(0);
    }
    0
}

fn orchestrate(o: &Opts) -> Result<(), String> {
    let machine = report::Machine::now();
    eprintln!(
        "bench: starting {} workload processes ({} mode)…",
        o.procs,
        if o.quick { "quick" } else { "full" }
    );
    let t0 = Instant::now();
    let wl = workload::Workload::start(workload::Spec {
        procs: o.procs,
        big_mib: o.big_mib,
        big_maps: o.big_maps,
        sockets: o.sockets,
    })
    .map_err(|e| format!("workload: {e}"))?;
    eprintln!(
        "bench: workload of {} up in {:.1} s ({:?}); large process {}",
        wl.len(),
        t0.elapsed().as_secs_f64(),
        wl.mix,
        wl.big_pid
    );
    if o.file_costs {
        contenders::file_costs();
        return Ok(());
    }
    let names: Vec<&str> = CONTENDERS
        .iter()
        .copied()
        .filter(|c| o.only.is_empty() || o.only.iter().any(|x| x == c))
        .collect();
    let mut slots: Vec<(Slot, Runner)> = Vec::new();
    for &snap in &o.snaps {
        for &name in &names {
            let (runner, status, idle_kb, version) = start_runner(name, snap, o);
            slots.push((
                Slot {
                    contender: name.to_string(),
                    snap,
                    status,
                    samples: Vec::new(),
                    counts: Vec::new(),
                    missing: String::new(),
                    idle_kb,
                    peak_kb: 0,
                    version,
                },
                runner,
            ));
        }
    }
    // Round 0 is the warm-up (imports, page cache, first-call caches); not recorded.
    for round in 0..=o.rounds {
        eprint!("\rbench: round {round}/{}", o.rounds);
        for &snap in &o.snaps {
            let idx: Vec<usize> = (0..slots.len())
                .filter(|&i| slots.get(i).is_some_and(|(s, _)| s.snap == snap))
                .collect();
            let k = idx.len().max(1);
            // Rotate the order every round, so no contender always runs first.
            for j in 0..idx.len() {
                let Some(&i) = idx.get((j + round) % k) else {
                    continue;
                };
                let Some((slot, runner)) = slots.get_mut(i) else {
                    continue;
                };
                if slot.status != Status::Ok {
                    continue;
                }
                match request(runner, snap, wl.big_pid) {
                    Ok(Some((wall, cpu, sys, count, missing, peak))) => {
                        slot.missing = missing;
                        slot.peak_kb = slot.peak_kb.max(peak);
                        if round > 0 {
                            slot.samples.push((wall, cpu, sys));
                            slot.counts.push(count);
                        }
                    }
                    Ok(None) => {}
                    Err(e) => {
                        slot.status = match e.strip_prefix("na:") {
                            Some(why) => Status::Na(why.trim().to_string()),
                            None => Status::Err(e),
                        };
                    }
                }
            }
        }
    }
    eprintln!();
    let mut done = Vec::new();
    for (mut slot, runner) in slots {
        let peak = stop(runner);
        slot.peak_kb = slot.peak_kb.max(peak);
        done.push(slot);
    }
    let mix = wl.mix;
    let big_pid = wl.big_pid;
    drop(wl);
    let machine_end = report::Machine::now();
    let mut text = report::render(o, &machine, &machine_end, &mix, big_pid, &done);
    if o.per_call {
        eprintln!("bench: timing every call (py/percall.py)…");
        text.push_str(&report::per_call(&per_call(o)));
    }
    println!("{text}");
    if let Some(path) = &o.results {
        std::fs::write(path, report::tsv(&done)).map_err(|e| format!("{path}: {e}"))?;
    }
    Ok(())
}
