//! `psutil info PID`: every attribute of one process, psutil's names as keys
//! (psutil's `as_dict()` set).
//!
//! An attribute the kernel refuses shows as `AccessDenied`, a zombie's lost ones as
//! `ZombieProcess`; other errors are printed in place, so one refusal does not hide
//! the rest.

use psutil_rs::{Error, Process};
use serde_json::{json, Map, Value};

use crate::args::InfoArgs;
use crate::out::{self, CmdError};
use crate::platform;
use crate::time::local;

fn val<T: serde::Serialize>(r: Result<T, Error>) -> Value {
    match r {
        Ok(v) => serde_json::to_value(v).unwrap_or(Value::Null),
        Err(Error::AccessDenied { .. }) => json!("AccessDenied"),
        Err(Error::ZombieProcess { .. }) => json!("ZombieProcess"),
        Err(e) => json!(format!("error: {e}")),
    }
}

fn lossy(v: &std::ffi::OsStr) -> String {
    v.to_string_lossy().into_owned()
}

/// The attributes in the order shown: psutil's names; the ones a platform lacks
/// (`crate::platform::attr` says `None`) are left out.
const NAMES: &[&str] = &[
    "pid",
    "name",
    "exe",
    "cmdline",
    "ppid",
    "status",
    "username",
    "uids",
    "gids",
    "create_time",
    "cwd",
    "terminal",
    "nice",
    "cpu_num",
    "cpu_times",
    "memory_info",
    "memory_full_info",
    "memory_percent",
    "memory_maps",
    "open_files",
    "cpu_affinity",
    "ionice",
    "io_counters",
    "num_ctx_switches",
    "num_fds",
    "num_handles",
    "num_threads",
    "threads",
    "environ",
];

/// One common attribute; `None` for a platform-only name.
fn common(p: &Process, name: &str) -> Option<Value> {
    Some(match name {
        "pid" => json!(p.pid()),
        "name" => val(p.name().map(|n| lossy(&n))),
        "exe" => val(p.exe().map(|e| lossy(e.as_os_str()))),
        "cmdline" => val(p
            .cmdline()
            .map(|c| c.iter().map(|a| lossy(a)).collect::<Vec<_>>())),
        "ppid" => val(p.ppid()),
        "status" => val(p.status().map(|s| s.as_str())),
        "username" => val(p.username()),
        "create_time" => val(p.create_time()),
        "cwd" => val(p.cwd().map(|c| lossy(c.as_os_str()))),
        "nice" => val(p.nice()),
        "cpu_times" => val(p.cpu_times()),
        "memory_info" => val(p.memory_info()),
        "memory_full_info" => val(p.memory_full_info()),
        "memory_percent" => val(p.memory_percent("rss")),
        "open_files" => val(p.open_files()),
        "num_ctx_switches" => val(p.num_ctx_switches()),
        "num_threads" => val(p.num_threads()),
        "threads" => val(p.threads()),
        "environ" => val(p.environ().map(|e| {
            let mut v: Vec<(String, String)> =
                e.iter().map(|(k, v)| (lossy(k), lossy(v))).collect();
            v.sort();
            v.into_iter()
                .map(|(k, v)| (k, Value::String(v)))
                .collect::<Map<String, Value>>()
        })),
        _ => return None,
    })
}

/// Collects the attributes into an ordered map.
pub fn attributes(p: &Process) -> Map<String, Value> {
    let mut m = Map::new();
    for name in NAMES {
        let v = common(p, name).or_else(|| platform::attr(p, name).map(val));
        if let Some(v) = v {
            m.insert((*name).into(), v);
        }
    }
    m
}

/// Prints the attributes, one per line (or as JSON).
pub fn run(a: &InfoArgs, json: bool) -> Result<(), CmdError> {
    let p = match a.pid {
        Some(pid) => Process::new(pid)?,
        None => Process::current()?,
    };
    let mut m = attributes(&p);
    if json {
        return out::json(&m);
    }
    if let Some(Value::Number(n)) = m.get("create_time") {
        if let Some(t) = n.as_f64() {
            m.insert(
                "create_time".into(),
                json!(format!("{t} ({})", local(t, "%Y-%m-%d %H:%M:%S"))),
            );
        }
    }
    let mut s = String::new();
    for (k, v) in &m {
        let text = match v {
            Value::String(x) => x.clone(),
            other => other.to_string(),
        };
        s.push_str(&format!("{k:<18} {text}\n"));
    }
    out::print(&s)
}
