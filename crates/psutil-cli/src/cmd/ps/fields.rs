//! ps's columns: procps's field names, headers, widths and cell formats, the column sets
//! of its formats, and the sort comparisons.

use std::cmp::Ordering;

use super::argv::{Column, Format};
use crate::procinfo::{state_letter, ProcInfo};
use crate::table::Align;
use crate::time::{local, ps_start};

/// What every cell needs besides its process.
pub struct Ctx {
    /// Now, epoch seconds.
    pub now: f64,
    /// Total memory in bytes (%MEM's divisor).
    pub total_mem: u64,
}

/// A field as procps prints it: header, alignment, minimum width.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// The column header.
    pub header: &'static str,
    /// Left or right aligned.
    pub align: Align,
    /// procps's width (a column is widened by longer cells).
    pub width: usize,
}

const fn s(header: &'static str, align: Align, width: usize) -> Spec {
    Spec {
        header,
        align,
        width,
    }
}

/// The field named `key` (procps's names and aliases), `None` if unknown.
pub fn spec(key: &str) -> Option<Spec> {
    use Align::{Left as L, Right as R};
    Some(match key {
        "pid" | "tgid" => s("PID", R, 5),
        "ppid" => s("PPID", R, 5),
        "pgid" | "pgrp" => s("PGID", R, 5),
        "sid" | "sess" | "session" => s("SID", R, 5),
        "tpgid" => s("TPGID", R, 5),
        "user" | "euser" | "uname" | "ruser" => s("USER", L, 8),
        "uid" | "euid" | "ruid" => s("UID", R, 5),
        // The command's widths apply when it is not the last column (then it is cut).
        "comm" | "ucomm" => s("COMMAND", L, 15),
        "ucmd" => s("CMD", L, 15),
        "args" | "command" => s("COMMAND", L, 27),
        "cmd" => s("CMD", L, 27),
        "stat" => s("STAT", L, 4),
        "s" | "state" => s("S", L, 1),
        "rss" | "rssize" | "rsz" => s("RSS", R, 5),
        "vsz" | "vsize" => s("VSZ", R, 6),
        "pcpu" | "%cpu" => s("%CPU", R, 4),
        "c" => s("C", R, 2),
        "pmem" | "%mem" => s("%MEM", R, 4),
        "nlwp" | "thcount" => s("NLWP", R, 4),
        "tty" | "tname" | "tt" => s("TT", L, 8),
        "ni" | "nice" => s("NI", R, 3),
        "time" | "cputime" => s("TIME", R, 8),
        "bsdtime" => s("TIME", R, 6),
        "stime" | "start_time" => s("START", R, 5),
        "start" => s("STARTED", R, 8),
        "etime" => s("ELAPSED", R, 11),
        "etimes" => s("ELAPSED", R, 7),
        "sz" => s("SZ", R, 5),
        "lwp" | "spid" | "tid" => s("LWP", R, 5),
        "psr" => s("PSR", R, 3),
        "opri" => s("PRI", R, 3),
        "wchan" => s("WCHAN", L, 6),
        "f" | "flag" | "flags" => s("F", R, 1),
        "addr" => s("ADDR", R, 4),
        // -l's ADDR: one column wide, its header overflowing into SZ's
        "addr_1" => s("ADDR", L, 1),
        _ => return None,
    })
    .map(|mut sp| {
        // procps names some aliases' columns differently.
        sp.header = match key {
            "tty" | "tt" => "TT",
            "tname" => "TTY",
            "stime" => "STIME",
            "ruser" => "RUSER",
            "ruid" => "RUID",
            "euid" => "EUID",
            "euser" => "EUSER",
            "sess" | "session" => "SESS",
            "pgrp" => "PGRP",
            "state" => "S",
            "cputime" => "TIME",
            "rssize" | "rsz" => "RSZ",
            "vsize" => "VSZ",
            "thcount" => "THCNT",
            "ucomm" => "COMMAND",
            "spid" => "SPID",
            "tid" => "TID",
            "flag" | "flags" => "F",
            _ => sp.header,
        };
        sp
    })
}

/// The fields cut at their width when they are not the last column.
pub fn is_cut(key: &str) -> bool {
    is_command(key) || key == "wchan"
}

/// The fields that show the command (where `--forest` draws its tree).
pub fn is_command(key: &str) -> bool {
    matches!(key, "comm" | "ucomm" | "ucmd" | "args" | "command" | "cmd")
}

/// The columns of a format without `-o` (procps's `-f` shows the user name under
/// `UID`, and `TTY` rather than `TT`).
pub fn format_columns(f: Format) -> Vec<Column> {
    let list: &[(&str, Option<&str>)] = match f {
        Format::Unix => &[
            ("pid", None),
            ("tname", None),
            ("time", None),
            ("ucmd", None),
        ],
        Format::Full => &[
            ("user", Some("UID")),
            ("pid", None),
            ("ppid", None),
            ("c", None),
            ("stime", None),
            ("tname", None),
            ("time", None),
            ("cmd", None),
        ],
        Format::ExtraFull => &[
            ("user", Some("UID")),
            ("pid", None),
            ("ppid", None),
            ("c", None),
            ("sz", None),
            ("rss", None),
            ("psr", None),
            ("stime", None),
            ("tname", None),
            ("time", None),
            ("cmd", None),
        ],
        Format::Long { full: false } => &[
            ("f", None),
            ("s", None),
            ("uid", None),
            ("pid", None),
            ("ppid", None),
            ("c", None),
            ("opri", None),
            ("ni", None),
            ("addr_1", None),
            ("sz", None),
            ("wchan", None),
            ("tname", None),
            ("time", None),
            ("ucmd", None),
        ],
        Format::Long { full: true } => &[
            ("f", None),
            ("s", None),
            ("user", Some("UID")),
            ("pid", None),
            ("ppid", None),
            ("c", None),
            ("opri", None),
            ("ni", None),
            ("addr_1", None),
            ("sz", None),
            ("wchan", None),
            ("stime", None),
            ("tname", None),
            ("time", None),
            ("cmd", None),
        ],
        Format::LongY { full: false } => &[
            ("s", None),
            ("uid", None),
            ("pid", None),
            ("ppid", None),
            ("c", None),
            ("opri", None),
            ("ni", None),
            ("rss", None),
            ("sz", None),
            ("wchan", None),
            ("tname", None),
            ("time", None),
            ("ucmd", None),
        ],
        Format::LongY { full: true } => &[
            ("s", None),
            ("user", Some("UID")),
            ("pid", None),
            ("ppid", None),
            ("c", None),
            ("opri", None),
            ("ni", None),
            ("rss", None),
            ("sz", None),
            ("wchan", None),
            ("stime", None),
            ("tname", None),
            ("time", None),
            ("cmd", None),
        ],
        Format::Bsd => &[
            ("pid", None),
            ("tname", None),
            ("stat", None),
            ("bsdtime", None),
            ("command", None),
        ],
        Format::BsdUser => &[
            ("user", None),
            ("pid", None),
            ("%cpu", None),
            ("%mem", None),
            ("vsz", None),
            ("rss", None),
            ("tname", None),
            ("stat", None),
            ("start_time", None),
            ("bsdtime", None),
            ("command", None),
        ],
    };
    list.iter()
        .map(|(k, h)| Column {
            key: k.to_string(),
            header: h.map(str::to_string),
            width: None,
        })
        .collect()
}

/// The columns of `f` with `-L`: LWP after PID (after PPID where there is one), and
/// NLWP after C in the full formats.
pub fn thread_columns(f: Format) -> Vec<Column> {
    let mut cols = format_columns(f);
    let after = if cols.iter().any(|c| c.key == "ppid") {
        "ppid"
    } else {
        "pid"
    };
    let col = |k: &str| Column {
        key: k.into(),
        header: None,
        width: None,
    };
    if let Some(i) = cols.iter().position(|c| c.key == after) {
        cols.insert(i + 1, col("lwp"));
    }
    if matches!(f, Format::Full | Format::ExtraFull) {
        if let Some(i) = cols.iter().position(|c| c.key == "c") {
            cols.insert(i + 1, col("nlwp"));
        }
    }
    cols
}

/// procps %CPU: CPU time over lifetime, in tenths of a percent, truncated.
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

/// The kernel's command name as procps shows it ([`ProcInfo::kernel_comm`]).
pub fn comm(p: &ProcInfo) -> String {
    p.kernel_comm()
}

/// A zombie's command as procps shows it: ` <defunct>` after it.
fn defunct(cmd: String, p: &ProcInfo) -> String {
    if p.status == Some(psutil_rs::Status::Zombie) {
        format!("{cmd} <defunct>")
    } else {
        cmd
    }
}

/// `[DD-]HH:MM:SS`, procps's `time`.
fn dhms(t: u64) -> String {
    let (d, h, m, s) = (t / 86400, t / 3600 % 24, t / 60 % 60, t % 60);
    if d > 0 {
        format!("{d}-{h:02}:{m:02}:{s:02}")
    } else {
        format!("{h:02}:{m:02}:{s:02}")
    }
}

/// `[[DD-]hh:]mm:ss`, procps's `etime`.
fn elapsed(t: u64) -> String {
    let (d, h, m, s) = (t / 86400, t / 3600 % 24, t / 60 % 60, t % 60);
    if d > 0 {
        format!("{d}-{h:02}:{m:02}:{s:02}")
    } else if h > 0 {
        format!("{h:02}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

/// A user name in a column `width` wide: procps shows a longer one cut, ending in `+`.
fn fit_user(name: String, width: usize) -> String {
    if name.chars().count() <= width || width == 0 {
        return name;
    }
    let mut s: String = name.chars().take(width - 1).collect();
    s.push('+');
    s
}

/// The text of field `key` for `p`; `width` is its column's (for user names).
pub fn cell(key: &str, width: usize, p: &ProcInfo, c: &Ctx) -> String {
    let tenths = |v: u64| format!("{}.{}", v / 10, v % 10);
    let or_dash = |v: Option<String>| v.unwrap_or_else(|| "-".into());
    let ext = p.ext.as_ref();
    match key {
        "pid" | "tgid" => p.pid.to_string(),
        "ppid" => or_dash(p.ppid.map(|v| v.to_string())),
        "pgid" | "pgrp" => or_dash(ext.and_then(|e| e.pgid).map(|v| v.to_string())),
        "sid" | "sess" | "session" => or_dash(ext.and_then(|e| e.session).map(|v| v.to_string())),
        "tpgid" => ext
            .map(|e| e.tpgid.map_or("-1".into(), |v| v.to_string()))
            .unwrap_or_else(|| "-".into()),
        "user" | "euser" | "uname" | "ruser" => match &p.username {
            Some(u) => fit_user(u.clone(), width),
            None => or_dash(p.uid.map(|u| u.to_string())),
        },
        "uid" | "euid" | "ruid" => or_dash(p.uid.map(|v| v.to_string())),
        "comm" | "ucomm" | "ucmd" => comm(p),
        // procps shows the controls in the arguments (a newline, say) as spaces
        "args" | "command" | "cmd" => defunct(p.command_line(), p),
        "stat" => stat(p),
        "s" | "state" => state_letter(p.status).to_string(),
        "rss" | "rssize" | "rsz" => p
            .memory
            .map(|m| (m.rss / 1024).to_string())
            .unwrap_or_default(),
        "vsz" | "vsize" => p
            .memory
            .map(|m| (m.vms / 1024).to_string())
            .unwrap_or_default(),
        "pcpu" | "%cpu" => tenths(pcpu_tenths(p, c)),
        "c" => (pcpu_tenths(p, c) / 10).min(99).to_string(),
        "pmem" | "%mem" => tenths(pmem_tenths(p, c)),
        "nlwp" | "thcount" => p.num_threads.map(|v| v.to_string()).unwrap_or_default(),
        "tty" | "tname" | "tt" => p.tty.clone().unwrap_or_else(|| "?".into()),
        // procps: "-" for policies other than SCHED_OTHER (0) and SCHED_BATCH (3).
        "ni" | "nice" => match ext.and_then(|e| e.sched_policy) {
            Some(0 | 3) | None => or_dash(p.nice.map(|v| v.to_string())),
            Some(_) => "-".into(),
        },
        "time" | "cputime" => dhms(p.cpu_total() as u64),
        "bsdtime" => {
            let t = p.cpu_total() as u64;
            format!("{}:{:02}", t / 60, t % 60)
        }
        "stime" | "start_time" => match p.create_time {
            Some(t) => ps_start(t, c.now),
            None => "-".into(),
        },
        // procps's `start`: the time of day within 24 hours, else the date.
        "start" => match p.create_time {
            Some(t) if c.now - t < 86400.0 => local(t, "%H:%M:%S"),
            Some(t) => local(t, "%b %d"),
            None => "-".into(),
        },
        "etime" | "etimes" => match p.create_time {
            Some(t) => {
                let secs = (c.now - t).max(0.0) as u64;
                if key == "etime" {
                    elapsed(secs)
                } else {
                    secs.to_string()
                }
            }
            None => "-".into(),
        },
        // the size in pages of the address space
        "sz" => p
            .memory
            .map(|m| (m.vms / page_size()).to_string())
            .unwrap_or_default(),
        "psr" => or_dash(p.cpu_num.map(|v| v.to_string())),
        "lwp" | "spid" | "tid" => p.lwp.unwrap_or(p.pid).to_string(),
        // -l's PRI: the kernel's priority (field 18) + 60
        "opri" => or_dash(ext.map(|e| (e.priority + 60).to_string())),
        "wchan" => or_dash(p.wchan.clone()),
        // procps's F: PF_FORKNOEXEC (0x40) as 1, PF_SUPERPRIV (0x100) as 4
        "f" | "flag" | "flags" => or_dash(ext.map(|e| ((e.flags >> 6) & 7).to_string())),
        // no kernel address is shown (procps prints "-")
        "addr" | "addr_1" => "-".into(),
        _ => String::new(),
    }
}

/// The page size in bytes (4096 when it cannot be known).
fn page_size() -> u64 {
    #[cfg(unix)]
    {
        rustix::param::page_size() as u64
    }
    #[cfg(not(unix))]
    {
        4096
    }
}

/// `a` against `b` on field `key` (numbers as numbers).
pub fn compare(key: &str, a: &ProcInfo, b: &ProcInfo, c: &Ctx) -> Ordering {
    let num = |f: &dyn Fn(&ProcInfo) -> f64| f(a).total_cmp(&f(b));
    match key {
        "pid" | "tgid" => a.pid.cmp(&b.pid),
        "ppid" => a.ppid.cmp(&b.ppid),
        "rss" | "rssize" | "rsz" => num(&|p| p.memory.map(|m| m.rss as f64).unwrap_or(0.0)),
        "vsz" | "vsize" => num(&|p| p.memory.map(|m| m.vms as f64).unwrap_or(0.0)),
        "pcpu" | "%cpu" | "c" => num(&|p| pcpu_tenths(p, c) as f64),
        "pmem" | "%mem" => num(&|p| pmem_tenths(p, c) as f64),
        "time" | "cputime" | "bsdtime" => num(&|p| p.cpu_total()),
        "start" | "stime" | "start_time" => num(&|p| p.create_time.unwrap_or(0.0)),
        "etime" | "etimes" => num(&|p| -p.create_time.unwrap_or(0.0)),
        "nlwp" | "thcount" => a.num_threads.cmp(&b.num_threads),
        "sz" => num(&|p| p.memory.map(|m| m.vms as f64).unwrap_or(0.0)),
        "psr" => a.cpu_num.cmp(&b.cpu_num),
        "lwp" | "spid" | "tid" => a.lwp.unwrap_or(a.pid).cmp(&b.lwp.unwrap_or(b.pid)),
        "ni" | "nice" => a.nice.cmp(&b.nice),
        "uid" | "euid" | "ruid" => a.uid.cmp(&b.uid),
        _ => cell(key, usize::MAX, a, c).cmp(&cell(key, usize::MAX, b, c)),
    }
}

/// psutil's fields of one process, for `--json`.
pub fn json_record(p: &ProcInfo) -> serde_json::Value {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn procps_time_formats() {
        assert_eq!(dhms(167), "00:02:47");
        assert_eq!(dhms(2 * 86400 + 3661), "2-01:01:01");
        assert_eq!(elapsed(61), "01:01");
        assert_eq!(elapsed(3661), "01:01:01");
        assert_eq!(elapsed(86400), "1-00:00:00");
        assert_eq!(fit_user("systemd-network".into(), 8), "systemd+");
        assert_eq!(fit_user("root".into(), 8), "root");
    }
}
