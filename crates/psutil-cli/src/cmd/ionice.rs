//! `psutil ionice -p PID [-c CLASS -n LEVEL]`: like util-linux ionice(1).

use psutil_rs::{IoClass, Process};

use crate::args::IoniceArgs;
use crate::out::{self, CmdError};
use psutil_rs::os::linux::ProcessExt as _;

fn parse_class(s: &str) -> Result<IoClass, String> {
    match s.to_ascii_lowercase().as_str() {
        "0" | "none" => Ok(IoClass::None),
        "1" | "realtime" => Ok(IoClass::Realtime),
        "2" | "best-effort" | "besteffort" => Ok(IoClass::BestEffort),
        "3" | "idle" => Ok(IoClass::Idle),
        _ => Err(format!("unknown scheduling class: {s:?}")),
    }
}

fn class_name(c: IoClass) -> &'static str {
    match c {
        IoClass::None => "none",
        IoClass::Realtime => "realtime",
        IoClass::BestEffort => "best-effort",
        IoClass::Idle => "idle",
    }
}

/// Prints (and with -c sets) each pid's I/O priority.
pub fn run(a: &IoniceArgs, json: bool) -> Result<(), CmdError> {
    if a.pids.is_empty() {
        return Err("no pid given (-p PID)".into());
    }
    let class = a.class.as_deref().map(parse_class).transpose()?;
    if let Some(l) = a.level {
        if l > 7 {
            return Err(format!("invalid priority level {l}: must be 0..7").into());
        }
    }
    let mut text = String::new();
    let mut records = Vec::new();
    for &pid in &a.pids {
        let p = Process::new(pid)?;
        if let Some(c) = class {
            let level = match c {
                IoClass::None | IoClass::Idle => None,
                _ => Some(a.level.unwrap_or(4)),
            };
            p.set_ionice(c, level)?;
            continue; // util-linux prints nothing when setting
        }
        let io = p.ionice()?;
        records
            .push(serde_json::json!({"pid": pid, "ioclass": io.ioclass as u32, "value": io.value}));
        match io.ioclass {
            IoClass::Idle => text.push_str("idle\n"),
            c => text.push_str(&format!("{}: prio {}\n", class_name(c), io.value)),
        }
    }
    if json {
        return out::json(&records);
    }
    out::print(&text)
}
