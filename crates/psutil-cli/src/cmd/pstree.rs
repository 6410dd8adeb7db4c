//! `psutil pstree`: the process tree, like `pstree -p` (one process per line).

use std::collections::BTreeMap;

use crate::args::PstreeArgs;
use crate::out::{self, CmdError};
use crate::procinfo::{Extra, ProcInfo};

fn draw(
    pid: u32,
    names: &BTreeMap<u32, String>,
    kids: &BTreeMap<u32, Vec<u32>>,
    prefix: &str,
    last: bool,
    top: bool,
    out: &mut String,
) {
    let name = names.get(&pid).map(String::as_str).unwrap_or("?");
    if top {
        out.push_str(&format!("{name}({pid})\n"));
    } else {
        let branch = if last { "└─" } else { "├─" };
        out.push_str(&format!("{prefix}{branch}{name}({pid})\n"));
    }
    let child_prefix = if top {
        String::new()
    } else if last {
        format!("{prefix}  ")
    } else {
        format!("{prefix}│ ")
    };
    let children = kids.get(&pid).map(Vec::as_slice).unwrap_or(&[]);
    for (i, &c) in children.iter().enumerate() {
        draw(
            c,
            names,
            kids,
            &child_prefix,
            i + 1 == children.len(),
            false,
            out,
        );
    }
}

/// Prints the tree (or, with --json, `{pid: [child pids]}`).
pub fn run(a: &PstreeArgs, json: bool) -> Result<(), CmdError> {
    let procs = ProcInfo::all(Extra::NONE);
    let names: BTreeMap<u32, String> = procs.iter().map(|p| (p.pid, p.name.clone())).collect();
    let mut kids: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    let mut roots = Vec::new();
    for p in &procs {
        match p.ppid {
            Some(pp) if names.contains_key(&pp) && pp != p.pid => {
                kids.entry(pp).or_default().push(p.pid)
            }
            _ => roots.push(p.pid),
        }
    }
    if let Some(pid) = a.pid {
        if !names.contains_key(&pid) {
            return Err(format!("no such process: {pid}").into());
        }
        roots = vec![pid];
    }
    if json {
        return out::json(&kids);
    }
    let mut s = String::new();
    for r in roots {
        draw(r, &names, &kids, "", true, true, &mut s);
    }
    out::print(&s)
}
