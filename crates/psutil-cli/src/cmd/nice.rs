//! `psutil renice` and `psutil nice`.

use std::os::unix::process::CommandExt;

use crate::args::{NiceArgs, ReniceArgs};
use crate::out::{self, CmdError};

/// Sets the nice value of each pid, printing what renice(1) prints.
pub fn renice(a: &ReniceArgs, json: bool) -> Result<(), CmdError> {
    if !(-20..=19).contains(&a.priority) {
        return Err(format!("invalid priority {}: must be in -20..19", a.priority).into());
    }
    let mut text = String::new();
    let mut results = Vec::new();
    let mut errors = Vec::new();
    for &pid in &a.pids {
        let Ok(pid32) = u32::try_from(pid) else {
            errors.push(format!("invalid pid {pid}"));
            continue;
        };
        let res = psutil_rs::Process::new(pid32).and_then(|p| {
            let old = p.nice()?;
            p.set_nice(a.priority)?;
            Ok((old, p.nice()?))
        });
        match res {
            Ok((old, new)) => {
                text.push_str(&format!(
                    "{pid} (process ID) old priority {old}, new priority {new}\n"
                ));
                results.push(serde_json::json!({"pid": pid, "old": old, "new": new}));
            }
            Err(e) => errors.push(format!(
                "failed to set priority for {pid} (process ID): {e}"
            )),
        }
    }
    if json {
        out::json(&results)?;
    } else {
        out::print(&text)?;
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n").into())
    }
}

/// Without a command prints the current nice value; with one, adjusts ours and execs it.
pub fn nice(a: &NiceArgs) -> Result<(), CmdError> {
    let me = psutil_rs::Process::current()?;
    let current = me.nice()?;
    let Some((prog, args)) = a.command.split_first() else {
        return out::print(&format!("{current}\n"));
    };
    let target = (current + a.adjustment.unwrap_or(10)).clamp(-20, 19);
    // Like nice(1): a failure to raise priority is a warning, the command still runs.
    if let Err(e) = me.set_nice(target) {
        eprintln!("psutil nice: cannot set niceness: {e}");
    }
    let err = std::process::Command::new(prog).args(args).exec();
    Err(format!("{}: {err}", prog.to_string_lossy()).into())
}
