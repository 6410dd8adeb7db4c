//! Terminates every process with a given name, safely when pids are reused.
//!
//! ```sh
//! cargo run --example kill_by_name -- firefox            # SIGTERM, then SIGKILL after 3 s
//! cargo run --example kill_by_name -- --dry-run firefox  # only list them
//! ```
//!
//! The list is made once, and every later action goes through the same `Process` handles:
//! `terminate`, `kill` and `wait` check that the pid still belongs to the process that was
//! listed (on Linux through the `/proc/<pid>` handle and a pidfd opened with it), so a
//! process that exits meanwhile and whose pid is handed to a new process is never signalled
//! by mistake: the call returns `NoSuchProcess` instead.

use std::time::Duration;

use psutil_rs::{process_iter, Error, Process};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut dry_run = false;
    let mut name = None;
    for a in std::env::args().skip(1) {
        match a.as_str() {
            "--dry-run" => dry_run = true,
            _ if name.is_none() && !a.starts_with('-') => name = Some(a),
            _ => {
                return Err(
                    format!("usage: kill_by_name [--dry-run] NAME (unexpected {a:?})").into(),
                )
            }
        }
    }
    let name = name.ok_or("usage: kill_by_name [--dry-run] NAME")?;
    let me = std::process::id();
    let targets: Vec<_> = process_iter()?
        .into_iter()
        .filter(|p| p.pid() != me && p.name().is_ok_and(|n| n.to_string_lossy() == name))
        .collect();
    if targets.is_empty() {
        println!("no process named {name:?}");
        return Ok(());
    }
    for p in &targets {
        println!("{} {name}", p.pid());
    }
    if dry_run {
        return Ok(());
    }
    for p in &targets {
        report(p, "SIGTERM", p.terminate());
    }
    for p in &targets {
        match p.wait(Some(Duration::from_secs(3))) {
            Ok(_) | Err(Error::NoSuchProcess { .. }) => println!("{} ended", p.pid()),
            Err(Error::TimeoutExpired { .. }) => report(p, "SIGKILL", p.kill()),
            Err(e) => println!("{}: {e}", p.pid()),
        }
    }
    Ok(())
}

/// Prints what became of one signal.
fn report(p: &Process, signal: &str, r: psutil_rs::Result<()>) {
    match r {
        Ok(()) => println!("{} {signal} sent", p.pid()),
        // Gone meanwhile, or its pid now names another process: nothing was sent.
        Err(Error::NoSuchProcess { .. }) => println!("{} already gone", p.pid()),
        Err(e) => println!("{}: {e}", p.pid()),
    }
}
