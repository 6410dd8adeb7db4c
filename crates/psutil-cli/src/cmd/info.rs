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
use crate::time::local;
use psutil_rs::os::linux::ProcessExt as _;
use psutil_rs::os::unix::ProcessExt as _;

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

/// Collects the attributes into an ordered map.
pub fn attributes(p: &Process) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("pid".into(), json!(p.pid()));
    m.insert("name".into(), val(p.name().map(|n| lossy(&n))));
    m.insert("exe".into(), val(p.exe().map(|e| lossy(e.as_os_str()))));
    m.insert(
        "cmdline".into(),
        val(p
            .cmdline()
            .map(|c| c.iter().map(|a| lossy(a)).collect::<Vec<_>>())),
    );
    m.insert("ppid".into(), val(p.ppid()));
    m.insert("status".into(), val(p.status().map(|s| s.as_str())));
    m.insert("username".into(), val(p.username()));
    m.insert("uids".into(), val(p.uids()));
    m.insert("gids".into(), val(p.gids()));
    m.insert("create_time".into(), val(p.create_time()));
    m.insert("cwd".into(), val(p.cwd().map(|c| lossy(c.as_os_str()))));
    m.insert(
        "terminal".into(),
        val(p.terminal().map(|t| t.map(|t| lossy(t.as_os_str())))),
    );
    m.insert("nice".into(), val(p.nice()));
    m.insert("cpu_num".into(), val(p.cpu_num()));
    m.insert("cpu_times".into(), val(p.cpu_times()));
    m.insert("memory_info".into(), val(p.memory_info()));
    m.insert("memory_full_info".into(), val(p.memory_full_info()));
    m.insert("memory_percent".into(), val(p.memory_percent("rss")));
    m.insert("memory_maps".into(), val(p.memory_maps()));
    m.insert("open_files".into(), val(p.open_files()));
    m.insert("cpu_affinity".into(), val(p.cpu_affinity()));
    m.insert("ionice".into(), val(p.ionice()));
    m.insert("io_counters".into(), val(p.io_counters()));
    m.insert("num_ctx_switches".into(), val(p.num_ctx_switches()));
    m.insert("num_fds".into(), val(p.num_fds()));
    m.insert("num_threads".into(), val(p.num_threads()));
    m.insert("threads".into(), val(p.threads()));
    m.insert(
        "environ".into(),
        val(p.environ().map(|e| {
            let mut v: Vec<(String, String)> =
                e.iter().map(|(k, v)| (lossy(k), lossy(v))).collect();
            v.sort();
            v.into_iter()
                .map(|(k, v)| (k, Value::String(v)))
                .collect::<Map<String, Value>>()
        })),
    );
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
