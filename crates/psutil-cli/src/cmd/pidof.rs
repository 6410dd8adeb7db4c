//! `psutil pidof`: pids of the processes running a program, like pidof(8).

use crate::args::PidofArgs;
use crate::out::{self, CmdError};
use crate::platform;
use crate::procinfo::{Extra, ProcInfo};

/// True if `arg` is `name` or a path ending in it (`\` separates too on Windows); a
/// login shell's leading `-` is dropped.
fn names(arg: Option<&std::ffi::OsString>, name: &str) -> bool {
    arg.map(|a| a.to_string_lossy())
        .map(|a| a.strip_prefix('-').unwrap_or(&a).to_string())
        .is_some_and(|a| a == name || a.rsplit(platform::PATH_SEPARATORS).next() == Some(name))
}

/// True if process `p` runs program `name`, as procps pidof decides: `argv[0]` or its
/// basename, with `scripts` also the basename of `argv[1]` (a shell or interpreter
/// running the script `name`); a process without arguments (a kernel thread) by its
/// name. (procps also matches the executable's path, which is not read here.)
fn matches(p: &ProcInfo, name: &str, scripts: bool) -> bool {
    match p.cmdline.as_deref() {
        Some(args) if !args.is_empty() => {
            names(args.first(), name) || (scripts && names(args.get(1), name))
        }
        _ => p.name == name,
    }
}

/// Prints the pids, highest first as pidof does (nothing with `-q`); exit status 1
/// when none matched.
pub fn run(a: &PidofArgs, json: bool) -> Result<(), CmdError> {
    let me = std::process::id();
    let mut pids: Vec<u32> = ProcInfo::all(Extra::NONE)
        .iter()
        .filter(|p| p.pid != me && !a.omit.contains(&p.pid))
        .filter(|p| a.names.iter().any(|n| matches(p, n, a.scripts)))
        .map(|p| p.pid)
        .collect();
    pids.sort_unstable_by(|x, y| y.cmp(x));
    if a.single {
        pids.truncate(1);
    }
    if json {
        out::json(&pids)?;
    } else if !pids.is_empty() && !a.quiet {
        let text: Vec<String> = pids.iter().map(u32::to_string).collect();
        out::print(&format!("{}\n", text.join(" ")))?;
    }
    if pids.is_empty() {
        return Err(crate::out::Silent.into());
    }
    Ok(())
}
