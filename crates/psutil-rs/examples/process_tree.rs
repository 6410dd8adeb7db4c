//! Prints the process tree (`pstree -p` style), from one snapshot of the process table.
//!
//! ```sh
//! cargo run --example process_tree          # every process
//! cargo run --example process_tree -- 1234  # the subtree of pid 1234
//! ```

use std::collections::BTreeMap;
use std::io::Write;

use psutil_rs::{process_table, Attr, AttrSet, Pid};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root: Option<Pid> = match std::env::args().nth(1) {
        Some(a) => Some(a.parse().map_err(|_| format!("not a pid: {a:?}"))?),
        None => None,
    };
    // pid, ppid and name of every process, each /proc/<pid>/stat read once.
    let table = process_table(AttrSet::from([Attr::Pid, Attr::Ppid, Attr::Name]))?;
    let mut names = BTreeMap::new();
    let mut parents = BTreeMap::new();
    let mut children: BTreeMap<Pid, Vec<Pid>> = BTreeMap::new();
    for p in &table {
        let name = p.name().map(|n| n.to_string_lossy().into_owned());
        names.insert(p.pid(), name.unwrap_or_else(|| "?".into()));
        // A process whose ppid could not be read is shown as a top.
        let ppid = p.ppid().unwrap_or(p.pid());
        parents.insert(p.pid(), ppid);
        children.entry(ppid).or_default().push(p.pid());
    }
    let tops: Vec<Pid> = match root {
        Some(pid) if names.contains_key(&pid) => vec![pid],
        Some(pid) => return Err(format!("no process with pid {pid}").into()),
        // The processes whose parent is not in the table (pid 0: the kernel).
        None => parents
            .iter()
            .filter(|(pid, ppid)| pid == ppid || !names.contains_key(*ppid))
            .map(|(pid, _)| *pid)
            .collect(),
    };
    let mut out = std::io::stdout().lock();
    for pid in tops {
        print_tree(&mut out, pid, 0, &names, &children)?;
    }
    Ok(())
}

fn print_tree(
    out: &mut impl Write,
    pid: Pid,
    depth: usize,
    names: &BTreeMap<Pid, String>,
    children: &BTreeMap<Pid, Vec<Pid>>,
) -> std::io::Result<()> {
    let name = names.get(&pid).map_or("?", String::as_str);
    writeln!(out, "{:indent$}{name}({pid})", "", indent = depth * 2)?;
    for &child in children.get(&pid).into_iter().flatten() {
        if child != pid {
            print_tree(out, child, depth + 1, names, children)?;
        }
    }
    Ok(())
}
