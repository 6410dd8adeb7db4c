//! `psutil pidof`: pids of the processes running a program, like pidof(8).

use crate::args::PidofArgs;
use crate::out::{self, CmdError};
use crate::procinfo::{Extra, ProcInfo};

/// True if process `p` runs program `name`: its name, or the basename of `argv[0]`.
fn matches(p: &ProcInfo, name: &str) -> bool {
    if p.name == name {
        return true;
    }
    let argv0 = p
        .cmdline
        .as_ref()
        .and_then(|c| c.first())
        .map(|a| a.to_string_lossy().into_owned());
    argv0.is_some_and(|a| a == name || a.rsplit('/').next() == Some(name))
}

/// Prints the pids, highest first as pidof does; exit status 1 when none matched.
pub fn run(a: &PidofArgs, json: bool) -> Result<(), CmdError> {
    let me = std::process::id();
    let mut pids: Vec<u32> = ProcInfo::all(Extra::NONE)
        .iter()
        .filter(|p| p.pid != me && !a.omit.contains(&p.pid))
        .filter(|p| a.names.iter().any(|n| matches(p, n)))
        .map(|p| p.pid)
        .collect();
    pids.sort_unstable_by(|x, y| y.cmp(x));
    if a.single {
        pids.truncate(1);
    }
    if json {
        out::json(&pids)?;
    } else if !pids.is_empty() {
        let text: Vec<String> = pids.iter().map(u32::to_string).collect();
        out::print(&format!("{}\n", text.join(" ")))?;
    }
    if pids.is_empty() {
        return Err(crate::out::Silent.into());
    }
    Ok(())
}
