//! `psutil ps`: the process list, like procps `ps aux` (and `-o`, `--sort`, `-p`, `-u`).

use std::cmp::Ordering;

use crate::args::PsArgs;
use crate::out::{self, CmdError};
use crate::procinfo::{state_letter, Extra, ProcInfo};
use crate::table::{Align, Table};
use crate::time::{now, ps_start};

/// `ps aux`'s columns.
const AUX: [&str; 11] = [
    "user", "pid", "pcpu", "pmem", "vsz", "rss", "tty", "stat", "start", "time", "args",
];

struct Ctx {
    now: f64,
    total_mem: u64,
}

fn header(field: &str) -> Option<(&'static str, Align)> {
    Some(match field {
        "pid" => ("PID", Align::Right),
        "ppid" => ("PPID", Align::Right),
        "user" => ("USER", Align::Left),
        "uid" => ("UID", Align::Right),
        "comm" => ("COMMAND", Align::Left),
        "args" | "cmd" => ("COMMAND", Align::Left),
        "stat" => ("STAT", Align::Left),
        "s" => ("S", Align::Left),
        "rss" => ("RSS", Align::Right),
        "vsz" => ("VSZ", Align::Right),
        "pcpu" | "%cpu" => ("%CPU", Align::Right),
        "pmem" | "%mem" => ("%MEM", Align::Right),
        "nlwp" => ("NLWP", Align::Right),
        "tty" => ("TTY", Align::Left),
        "ni" | "nice" => ("NI", Align::Right),
        "time" => ("TIME", Align::Right),
        "start" => ("START", Align::Right),
        _ => return None,
    })
}

/// procps %CPU: CPU time over lifetime, in tenths, truncated.
fn pcpu_tenths(p: &ProcInfo, c: &Ctx) -> u64 {
    let Some(start) = p.create_time else { return 0 };
    let secs = (c.now - start).floor();
    if secs <= 0.0 {
        return 0;
    }
    (p.cpu_total() * 1000.0 / secs) as u64
}

fn pmem_tenths(p: &ProcInfo, c: &Ctx) -> u64 {
    match (p.memory, c.total_mem) {
        (Some(m), t) if t > 0 => (u128::from(m.rss) * 1000 / u128::from(t)) as u64,
        _ => 0,
    }
}

/// procps' STAT: the state letter, then `<` (nice < 0), `N` (nice > 0), `L` (pages
/// locked), `s` (session leader), `l` (multi-threaded), `+` (in the terminal's
/// foreground process group), in that order.
fn stat(p: &ProcInfo) -> String {
    let mut s = String::from(state_letter(p.status));
    match p.nice {
        Some(n) if n < 0 => s.push('<'),
        Some(n) if n > 0 => s.push('N'),
        _ => {}
    }
    if p.locked.is_some_and(|l| l > 0) {
        s.push('L');
    }
    if p.ext.as_ref().is_some_and(|e| e.session == Some(p.pid)) {
        s.push('s');
    }
    if p.num_threads.is_some_and(|n| n > 1) {
        s.push('l');
    }
    if p.ext
        .as_ref()
        .is_some_and(|e| e.tpgid.is_some() && e.tpgid == e.pgid)
    {
        s.push('+');
    }
    s
}

/// procps shows control characters (a newline in a process name, say) as '?', so one
/// process is always one line.
fn printable(s: String) -> String {
    if s.chars().any(char::is_control) {
        s.chars()
            .map(|c| if c.is_control() { '?' } else { c })
            .collect()
    } else {
        s
    }
}

fn cell(field: &str, p: &ProcInfo, c: &Ctx) -> String {
    let tenths = |v: u64| format!("{}.{}", v / 10, v % 10);
    match field {
        "pid" => p.pid.to_string(),
        "ppid" => p.ppid.map(|v| v.to_string()).unwrap_or_else(|| "-".into()),
        "user" => p.username.clone().unwrap_or_else(|| "?".into()),
        "uid" => p.uid.map(|v| v.to_string()).unwrap_or_else(|| "-".into()),
        "comm" => printable(p.name.clone()),
        "args" | "cmd" => printable(p.command()),
        "stat" => stat(p),
        "s" => state_letter(p.status).to_string(),
        "rss" => p
            .memory
            .map(|m| (m.rss / 1024).to_string())
            .unwrap_or_default(),
        "vsz" => p
            .memory
            .map(|m| (m.vms / 1024).to_string())
            .unwrap_or_default(),
        "pcpu" | "%cpu" => tenths(pcpu_tenths(p, c)),
        "pmem" | "%mem" => tenths(pmem_tenths(p, c)),
        "nlwp" => p.num_threads.map(|v| v.to_string()).unwrap_or_default(),
        "tty" => p.tty.clone().unwrap_or_else(|| "?".into()),
        // procps: "-" for policies other than SCHED_OTHER (0) and SCHED_BATCH (3).
        "ni" | "nice" => match p.ext.as_ref().and_then(|e| e.sched_policy) {
            Some(0 | 3) | None => p.nice.map(|v| v.to_string()).unwrap_or_else(|| "-".into()),
            Some(_) => "-".into(),
        },
        "time" => {
            let t = p.cpu_total() as u64;
            format!("{}:{:02}", t / 60, t % 60)
        }
        "start" => match p.create_time {
            Some(t) => ps_start(t, c.now),
            None => "-".into(),
        },
        _ => String::new(),
    }
}

fn compare(field: &str, a: &ProcInfo, b: &ProcInfo, c: &Ctx) -> Ordering {
    let num = |f: &dyn Fn(&ProcInfo) -> f64| f(a).total_cmp(&f(b));
    match field {
        "pid" => a.pid.cmp(&b.pid),
        "ppid" => a.ppid.cmp(&b.ppid),
        "rss" => num(&|p| p.memory.map(|m| m.rss as f64).unwrap_or(0.0)),
        "vsz" => num(&|p| p.memory.map(|m| m.vms as f64).unwrap_or(0.0)),
        "pcpu" | "%cpu" => num(&|p| pcpu_tenths(p, c) as f64),
        "pmem" | "%mem" => num(&|p| pmem_tenths(p, c) as f64),
        "time" => num(&|p| p.cpu_total()),
        "start" => num(&|p| p.create_time.unwrap_or(0.0)),
        "nlwp" => a.num_threads.cmp(&b.num_threads),
        "ni" | "nice" => a.nice.cmp(&b.nice),
        "uid" => a.uid.cmp(&b.uid),
        _ => cell(field, a, c).cmp(&cell(field, b, c)),
    }
}

fn json_record(p: &ProcInfo) -> serde_json::Value {
    serde_json::json!({
        "pid": p.pid,
        "ppid": p.ppid,
        "name": p.name,
        "cmdline": p.cmdline.as_ref().map(|v| v.iter().map(|a| a.to_string_lossy()).collect::<Vec<_>>()),
        "status": p.status.map(|s| s.as_str()),
        "username": p.username,
        "create_time": p.create_time,
        "cpu_times": p.cpu_times,
        "memory_info": p.memory,
        "num_threads": p.num_threads,
        "terminal": p.tty.as_ref().map(|t| format!("/dev/{t}")),
        "nice": p.nice,
    })
}

/// Lists processes.
pub fn run(a: &PsArgs, json: bool) -> Result<(), CmdError> {
    let fields: Vec<String> = if a.format.is_empty() {
        AUX.iter().map(|f| f.to_string()).collect()
    } else {
        a.format.iter().map(|f| f.trim().to_lowercase()).collect()
    };
    for f in &fields {
        if header(f).is_none() {
            return Err(format!("unknown output field {f:?}").into());
        }
    }
    for key in &a.sort {
        let k = key.trim_start_matches(['-', '+']);
        if header(k).is_none() {
            return Err(format!("unknown sort key {key:?}").into());
        }
    }
    let total_mem = psutil_rs::virtual_memory()?.total;
    let c = Ctx {
        now: now(),
        total_mem,
    };
    // stat_ext for STAT's s and + and NI's scheduling class; status for STAT's L.
    let used = |f: &[&str]| {
        fields.iter().any(|x| f.contains(&x.as_str()))
            || a.sort
                .iter()
                .any(|k| f.contains(&k.trim_start_matches(['-', '+'])))
    };
    let extra = Extra {
        stat_ext: used(&["stat", "ni", "nice"]),
        locked: used(&["stat"]),
        ..Extra::NONE
    };
    let mut procs: Vec<ProcInfo> = if a.pids.is_empty() {
        ProcInfo::all(extra)
    } else {
        a.pids
            .iter()
            .filter_map(|&p| ProcInfo::read_with(p, extra))
            .collect()
    };
    if !a.users.is_empty() {
        procs.retain(|p| {
            a.users.iter().any(|u| {
                p.username.as_deref() == Some(u.as_str())
                    || p.uid.map(|v| v.to_string()).as_deref() == Some(u.as_str())
            })
        });
    }
    for key in a.sort.iter().rev() {
        let desc = key.starts_with('-');
        let k = key.trim_start_matches(['-', '+']);
        procs.sort_by(|x, y| {
            let o = compare(k, x, y, &c);
            if desc {
                o.reverse()
            } else {
                o
            }
        });
    }
    if json {
        let v: Vec<_> = procs.iter().map(json_record).collect();
        return out::json(&v);
    }
    let heads: Vec<(&str, Align)> = fields
        .iter()
        .enumerate()
        .filter_map(|(i, f)| {
            let (h, al) = header(f)?;
            Some((
                h,
                if i + 1 == fields.len() {
                    Align::Last
                } else {
                    al
                },
            ))
        })
        .collect();
    let mut t = Table::new(&heads);
    // procps' minimum widths, so `ps aux`'s layout is reproduced.
    for (i, f) in fields.iter().enumerate() {
        let min = match f.as_str() {
            "user" => 8,
            "pid" => 5,
            "tty" => 8,
            "stat" => 4,
            "start" => 5,
            "time" => 6,
            "vsz" => 6,
            "rss" => 5,
            _ => 0,
        };
        t.min_width(i, min);
    }
    for p in &procs {
        t.push(fields.iter().map(|f| cell(f, p, &c)).collect());
    }
    out::print(&t.render())?;
    if procs.is_empty() && !a.pids.is_empty() {
        return Err("no such process".into());
    }
    Ok(())
}
