//! `psutil pmap [-x] PID`: a process's memory map, like procps pmap(1).

use std::fmt::Write as _;

use psutil_rs::{MemoryMapExt, Process};

use crate::args::PmapArgs;
use crate::out::{self, CmdError};
use psutil_rs::os::linux::ProcessExt as _;

/// pmap's Mode column: "r-x--" from smaps' "r-xp".
fn mode(perms: &str) -> String {
    let b = perms.as_bytes();
    let c = |i: usize| b.get(i).copied().map(char::from).unwrap_or('-');
    format!(
        "{}{}{}{}-",
        c(0),
        c(1),
        c(2),
        if c(3) == 's' { 's' } else { '-' }
    )
}

/// pmap's Mapping column: the file's basename; `  [ stack ]` for the stack and
/// `  [ anon ]` for every other mapping without a file (heap, vdso, vvar, …).
fn mapping(m: &MemoryMapExt) -> String {
    let path = m.path.to_string_lossy();
    match path.as_ref() {
        "[stack]" => "  [ stack ]".into(),
        p if p.is_empty() || p.starts_with('[') => "  [ anon ]".into(),
        p => p.rsplit('/').next().unwrap_or(p).to_string(),
    }
}

fn start(addr: &str) -> String {
    let s = addr.split('-').next().unwrap_or(addr);
    format!("{s:0>16}")
}

/// Prints each process's map.
pub fn run(a: &PmapArgs, json: bool) -> Result<(), CmdError> {
    let mut s = String::new();
    let mut all = Vec::new();
    for &pid in &a.pids {
        let p = Process::new(pid)?;
        let maps = p.memory_maps_ungrouped()?;
        if json {
            all.push(serde_json::json!({"pid": pid, "memory_maps": maps}));
            continue;
        }
        let cmd: Vec<String> = p
            .cmdline()
            .unwrap_or_default()
            .iter()
            .map(|x| x.to_string_lossy().into_owned())
            .collect();
        let cmd = if cmd.is_empty() {
            format!("[{}]", p.name()?.to_string_lossy())
        } else {
            cmd.join(" ")
        };
        writeln!(s, "{pid}:   {cmd}")?;
        let (mut tsize, mut trss, mut tdirty) = (0u64, 0u64, 0u64);
        if a.extended {
            writeln!(s, "Address           Kbytes     RSS   Dirty Mode  Mapping")?;
        }
        for m in &maps {
            let dirty = m.counters.shared_dirty + m.counters.private_dirty;
            tsize += m.counters.size;
            trss += m.counters.rss;
            tdirty += dirty;
            if a.extended {
                writeln!(
                    s,
                    "{} {:>7} {:>7} {:>7} {} {}",
                    start(&m.addr),
                    m.counters.size / 1024,
                    m.counters.rss / 1024,
                    dirty / 1024,
                    mode(&m.perms),
                    mapping(m)
                )?;
            } else {
                writeln!(
                    s,
                    "{} {:>6}K {} {}",
                    start(&m.addr),
                    m.counters.size / 1024,
                    mode(&m.perms),
                    mapping(m)
                )?;
            }
        }
        if a.extended {
            writeln!(s, "---------------- ------- ------- ------- ")?;
            writeln!(
                s,
                "total kB         {:>7} {:>7} {:>7}",
                tsize / 1024,
                trss / 1024,
                tdirty / 1024
            )?;
        } else {
            writeln!(s, " total {:>16}K", tsize / 1024)?;
        }
    }
    if json {
        return out::json(&all);
    }
    out::print(&s)
}
