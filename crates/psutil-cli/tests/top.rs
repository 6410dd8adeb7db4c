// The classic tool this compares with is procps top (Linux).
#![cfg(target_os = "linux")]

//! `psutil top -b` read as a script reads procps `top -b`: the same regular
//! expressions parse every header line and process line of both, and the values that
//! do not move (memory and swap totals, each stable process's user, PR, NI and
//! command) are equal.

use std::collections::HashMap;
use std::process::Command;

use regex::Regex;

/// What a script takes from a `top -b` frame.
#[derive(Debug, Default)]
struct Frame {
    tasks_total: u64,
    cpu: Vec<f64>,
    mem_total: f64,
    swap_total: f64,
    /// pid -> (user, PR, NI, command)
    rows: HashMap<u32, (String, String, String, String)>,
}

fn parse(text: &str) -> Vec<Frame> {
    let top = Regex::new(
        r"^top - \d\d:\d\d:\d\d up .+, +\d+ users?, +load average: [\d.]+, [\d.]+, [\d.]+$",
    )
    .unwrap();
    let tasks = Regex::new(
        r"^Tasks: +(\d+) total, +\d+ running, +\d+ sleeping, +\d+ stopped, +\d+ zombie$",
    )
    .unwrap();
    let cpu = Regex::new(
        r"^%Cpu\(s\): *([\d.]+) us, *([\d.]+) sy, *([\d.]+) ni, *([\d.]+) id, *([\d.]+) wa, *([\d.]+) hi, *([\d.]+) si, *([\d.]+) st *$",
    )
    .unwrap();
    let mem = Regex::new(
        r"^MiB Mem : +([\d.]+) total, +([\d.]+) free, +([\d.]+) used, +([\d.]+) buff/cache *$",
    )
    .unwrap();
    let swap = Regex::new(
        r"^MiB Swap: +([\d.]+) total, +([\d.]+) free, +([\d.]+) used\. +([\d.]+) avail Mem *$",
    )
    .unwrap();
    let head =
        Regex::new(r"^ *PID +USER +PR +NI +VIRT +RES +SHR +S +%CPU +%MEM +TIME\+ +COMMAND *$")
            .unwrap();
    let row = Regex::new(
        r"^ *(\d+) +(\S+) +(\S+) +(-?\d+) +(\d+[mgt]?) +(\d+[mgt]?) +(\d+[mgt]?) +([RSDZTtIX]) +([\d.]+) +([\d.]+) +(\d+:\d\d\.\d\d) (.+)$",
    )
    .unwrap();
    let mut frames = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(l) = lines.next() {
        if l.is_empty() {
            continue;
        }
        assert!(top.is_match(l), "top line {l:?}");
        let mut f = Frame::default();
        let l = lines.next().unwrap();
        f.tasks_total = tasks.captures(l).unwrap_or_else(|| panic!("{l:?}"))[1]
            .parse()
            .unwrap();
        let l = lines.next().unwrap();
        let c = cpu.captures(l).unwrap_or_else(|| panic!("{l:?}"));
        f.cpu = (1..=8).map(|i| c[i].parse().unwrap()).collect();
        let l = lines.next().unwrap();
        f.mem_total = mem.captures(l).unwrap_or_else(|| panic!("{l:?}"))[1]
            .parse()
            .unwrap();
        let l = lines.next().unwrap();
        f.swap_total = swap.captures(l).unwrap_or_else(|| panic!("{l:?}"))[1]
            .parse()
            .unwrap();
        assert_eq!(lines.next(), Some(""));
        let l = lines.next().unwrap();
        assert!(head.is_match(l), "{l:?}");
        while let Some(l) = lines.next_if(|l| !l.is_empty()) {
            let c = row
                .captures(l)
                .unwrap_or_else(|| panic!("process line {l:?}"));
            f.rows.insert(
                c[1].parse().unwrap(),
                (
                    c[2].into(),
                    c[3].into(),
                    c[4].into(),
                    c[12].trim_end().into(),
                ),
            );
        }
        frames.push(f);
    }
    frames
}

fn top(cmd: &str, args: &[&str]) -> Vec<Frame> {
    let out = Command::new(cmd).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{cmd}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    parse(&String::from_utf8(out.stdout).unwrap())
}

#[test]
fn top_batch_parses_as_procps_top() {
    let args = ["-b", "-n", "2", "-d", "0.3"];
    let before = top("top", &[&args[..], &["-w", "512"]].concat());
    let ours = top(
        env!("CARGO_BIN_EXE_psutil"),
        &[&["top"][..], &args].concat(),
    );
    let after = top("top", &[&args[..], &["-w", "512"]].concat());
    assert_eq!(ours.len(), 2);
    for f in &ours {
        assert_eq!(f.mem_total, before[0].mem_total);
        assert_eq!(f.swap_total, before[0].swap_total);
        let (lo, hi) = (before[0].tasks_total, after[0].tasks_total);
        assert!(
            f.tasks_total + 10 >= lo.min(hi) && f.tasks_total <= lo.max(hi) + 10,
            "{} tasks, procps {lo}..{hi}",
            f.tasks_total
        );
        let sum: f64 = f.cpu.iter().sum();
        assert!(sum <= 100.0 * 1.02, "{:?}", f.cpu);
        assert!(f.rows.len() as u64 == f.tasks_total, "one line per task");
    }
    // user, PR, NI and command of every process procps showed the same twice
    let mut compared = 0;
    for (pid, b) in &before[1].rows {
        let (Some(a), Some(o)) = (after[1].rows.get(pid), ours[1].rows.get(pid)) else {
            continue;
        };
        if a != b {
            continue;
        }
        // a kernel worker's name carries the work queue it last served, which changes
        // and changes back between the runs: only its own part is compared
        let own = |r: &(String, String, String, String)| {
            let mut r = r.clone();
            if r.3.starts_with("kworker/") {
                r.3 = r.3.split('-').next().unwrap_or("").to_string();
            }
            r
        };
        assert_eq!(own(o), own(b), "pid {pid}");
        compared += 1;
    }
    assert!(compared > 20, "only {compared} processes compared");
}
