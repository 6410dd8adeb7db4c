//! `psutil kill` and `psutil killall`.
//!
//! Signals go through `Process::send_signal`, which checks the process identity and
//! uses a pidfd: a pid reused between lookup and signal never receives it.

use crate::args::{KillArgs, KillallArgs};
use crate::out::{self, CmdError};
use crate::procinfo::{Extra, ProcInfo};
use crate::signals;

fn describe(e: &psutil_rs::Error) -> &'static str {
    if e.is_access_denied() {
        "Operation not permitted"
    } else if e.is_no_such_process() || e.is_zombie() {
        "No such process"
    } else {
        "failed"
    }
}

/// Signals each pid; reports failures as kill(1) does and exits 1 if any failed.
pub fn kill(a: &KillArgs) -> Result<(), CmdError> {
    if a.list {
        let names: Vec<&str> = signals::SIGNALS.iter().map(|(n, _)| *n).collect();
        return out::print(&format!("{}\n", names.join(" ")));
    }
    let sig = signals::parse(&a.signal)?;
    let mut failed = Vec::new();
    for &pid in &a.pids {
        let Ok(p32) = u32::try_from(pid) else {
            failed.push(format!("kill: ({pid}) - invalid pid"));
            continue;
        };
        let res = psutil_rs::Process::new(p32).and_then(|p| p.send_signal(sig));
        if let Err(e) = res {
            failed.push(format!("kill: ({pid}) - {}", describe(&e)));
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(failed.join("\n").into())
    }
}

/// Signals every process running one of the programs.
pub fn killall(a: &KillallArgs) -> Result<(), CmdError> {
    let sig = signals::parse(&a.signal)?;
    let me = std::process::id();
    let procs = ProcInfo::all(Extra::NONE);
    let mut errors = Vec::new();
    for name in &a.names {
        let targets: Vec<&ProcInfo> = procs
            .iter()
            .filter(|p| p.pid != me && p.name == *name)
            .collect();
        if targets.is_empty() {
            errors.push(format!("{name}: no process found"));
            continue;
        }
        for p in targets {
            match psutil_rs::Process::new(p.pid).and_then(|h| h.send_signal(sig)) {
                Ok(()) if a.verbose => {
                    eprintln!("Killed {}({}) with signal {sig}", p.name, p.pid)
                }
                Ok(()) => {}
                Err(e) => errors.push(format!("{}({}): {}", p.name, p.pid, describe(&e))),
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n").into())
    }
}
