//! Sending: kill by pid, killall by name, and the `-l`/`-L` listings.
//!
//! Signals go through `Process::send_signal`, which checks the process identity and
//! uses a pidfd: a pid reused between lookup and signal never receives it.

use super::argv::{self, Action, Flags};
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

/// `-l`: the names, 16 to a line; `-l SIG`: a number's name or a name's number.
fn list(which: Option<&str>) -> Result<(), CmdError> {
    let Some(w) = which else {
        let names: Vec<&str> = signals::listed().into_iter().map(|(n, _)| n).collect();
        let lines: Vec<String> = names.chunks(16).map(|c| c.join(" ")).collect();
        return out::print(&format!("{}\n", lines.join("\n")));
    };
    let text = match w.parse::<i32>() {
        Ok(n) => signals::name(n).ok_or_else(|| format!("unknown signal name {w}"))?,
        Err(_) => signals::parse(w)?.to_string(),
    };
    out::print(&format!("{text}\n"))
}

/// `-L`: numbers and names, seven to a line.
fn table() -> Result<(), CmdError> {
    let cells: Vec<String> = signals::listed()
        .into_iter()
        .map(|(n, v)| format!("{v:2} {n:<7}"))
        .collect();
    let lines: Vec<String> = cells.chunks(7).map(|c| c.join(" ")).collect();
    out::print(&format!("{}\n", lines.join("\n")))
}

/// Reads the words; `--json` (before or after the subcommand) is a usage error: kill
/// and killall print no data.
fn read(words: &[String], json: bool, killall: bool) -> Result<(Action, Flags), CmdError> {
    let (action, flags) = argv::parse(words, killall)?;
    if json || flags.json {
        let cmd = if killall { "killall" } else { "kill" };
        return Err(format!("{cmd}: --json: {cmd} prints no data").into());
    }
    Ok((action, flags))
}

/// Signals each pid; reports failures as kill(1) does and exits 1 if any failed.
pub fn kill(a: &KillArgs, json: bool) -> Result<(), CmdError> {
    let (signal, targets) = match read(&a.words, json, false)?.0 {
        Action::List(w) => return list(w.as_deref()),
        Action::Table => return table(),
        Action::Send { signal, targets } => (signal, targets),
    };
    let mut failed = Vec::new();
    for t in &targets {
        let pid = match t.parse::<i64>() {
            Ok(p) => p,
            Err(_) => {
                failed.push(format!("kill: failed to parse argument: {t:?}"));
                continue;
            }
        };
        let p32 = match u32::try_from(pid) {
            Ok(p) if p > 0 => p,
            _ => {
                failed.push(format!(
                    "kill: ({pid}): process groups (0 and negative pids) are not supported"
                ));
                continue;
            }
        };
        let res = psutil_rs::Process::new(p32).and_then(|p| p.send_signal(signal));
        if let Err(e) = res {
            failed.push(format!("kill: ({pid}): {}", describe(&e)));
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(failed.join("\n").into())
    }
}

/// Signals every process running one of the programs.
pub fn killall(a: &KillallArgs, json: bool) -> Result<(), CmdError> {
    let (action, flags) = read(&a.words, json, true)?;
    let (signal, names) = match action {
        Action::List(w) => return list(w.as_deref()),
        Action::Table => return table(),
        Action::Send { signal, targets } => (signal, targets),
    };
    let me = std::process::id();
    let procs = ProcInfo::all(Extra::NONE);
    let mut errors = Vec::new();
    let mut unmatched = false;
    for name in &names {
        let targets: Vec<&ProcInfo> = procs
            .iter()
            .filter(|p| p.pid != me && p.name == *name)
            .collect();
        if targets.is_empty() {
            unmatched = true;
            if !flags.quiet {
                errors.push(format!("{name}: no process found"));
            }
            continue;
        }
        for p in targets {
            match psutil_rs::Process::new(p.pid).and_then(|h| h.send_signal(signal)) {
                Ok(()) if flags.verbose => {
                    eprintln!("Killed {}({}) with signal {signal}", p.name, p.pid)
                }
                Ok(()) => {}
                Err(e) => errors.push(format!("{}({}): {}", p.name, p.pid, describe(&e))),
            }
        }
    }
    if !errors.is_empty() {
        Err(errors.join("\n").into())
    } else if unmatched {
        Err(out::Silent.into())
    } else {
        Ok(())
    }
}
