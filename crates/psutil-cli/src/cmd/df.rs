//! `psutil df`: like GNU df(1), built on `disk_partitions(all=true)` and `disk_usage`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::args::DfArgs;
use crate::fmt::df_human;
use crate::out::{self, CmdError};
use crate::table::{Align, Table};

struct Row {
    device: String,
    fstype: String,
    mountpoint: PathBuf,
    usage: psutil_rs::DiskUsage,
}

/// df's Use%: used / (used + available), rounded up; "-" when both are 0.
fn use_percent(u: &psutil_rs::DiskUsage) -> String {
    let denom = u.used.saturating_add(u.free);
    if denom == 0 {
        return "-".into();
    }
    let pct = (u128::from(u.used) * 100).div_ceil(u128::from(denom));
    format!("{pct}%")
}

fn rows(a: &DfArgs) -> Result<Vec<Row>, CmdError> {
    let parts = psutil_rs::disk_partitions(true)?;
    let mut out: Vec<Row> = Vec::new();
    let mut seen_dev: HashSet<String> = HashSet::new();
    for p in parts {
        let Ok(usage) = psutil_rs::disk_usage(&p.mountpoint) else {
            continue; // inaccessible (df skips these too, or reports them with -a)
        };
        let device = p.device.to_string_lossy().into_owned();
        if !a.all {
            // df hides pseudo file systems (zero blocks) and a device mounted twice.
            if usage.total == 0 {
                continue;
            }
            if device.starts_with('/') && !seen_dev.insert(device.clone()) {
                continue;
            }
        }
        let row = Row {
            device,
            fstype: p.fstype,
            mountpoint: p.mountpoint,
            usage,
        };
        // A later mount on the same mountpoint hides the earlier one; df shows the
        // visible file system at the position of the first mount.
        match out.iter_mut().find(|r| r.mountpoint == row.mountpoint) {
            Some(slot) if !a.all => *slot = row,
            _ => out.push(row),
        }
    }
    if !a.files.is_empty() {
        let mut chosen = Vec::new();
        for f in &a.files {
            let f = std::fs::canonicalize(f).map_err(|e| format!("{}: {e}", f.display()))?;
            let best = out
                .iter()
                .filter(|r| f.starts_with(&r.mountpoint))
                .max_by_key(|r| r.mountpoint.as_os_str().len())
                .ok_or_else(|| format!("{}: no file system found", f.display()))?;
            chosen.push(Row {
                device: best.device.clone(),
                fstype: best.fstype.clone(),
                mountpoint: best.mountpoint.clone(),
                usage: best.usage,
            });
        }
        return Ok(chosen);
    }
    Ok(out)
}

/// Prints the table (or JSON with psutil's field names).
pub fn run(a: &DfArgs, json: bool) -> Result<(), CmdError> {
    let rows = rows(a)?;
    if json {
        let v: Vec<_> = rows
            .iter()
            .map(|r| {
                serde_json::json!({
                    "device": r.device,
                    "mountpoint": r.mountpoint,
                    "fstype": r.fstype,
                    "usage": r.usage,
                })
            })
            .collect();
        return out::json(&v);
    }
    let size_head = if a.human { "Size" } else { "1K-blocks" };
    let avail_head = if a.human { "Avail" } else { "Available" };
    let mut heads = vec![("Filesystem", Align::Left)];
    if a.print_type {
        heads.push(("Type", Align::Left));
    }
    heads.extend([
        (size_head, Align::Right),
        ("Used", Align::Right),
        (avail_head, Align::Right),
        ("Use%", Align::Right),
        ("Mounted on", Align::Last),
    ]);
    let mut t = Table::new(&heads);
    // GNU df's minimum widths: 14 for the device, 5 for -h sizes.
    t.min_width(0, 14);
    if a.human {
        let first = if a.print_type { 2 } else { 1 };
        for col in first..first + 3 {
            t.min_width(col, 5);
        }
    }
    let size = |n: u64| {
        if a.human {
            df_human(n)
        } else {
            n.div_ceil(1024).to_string()
        }
    };
    for r in &rows {
        let mut cells = vec![r.device.clone()];
        if a.print_type {
            cells.push(r.fstype.clone());
        }
        cells.extend([
            size(r.usage.total),
            size(r.usage.used),
            size(r.usage.free),
            use_percent(&r.usage),
            display(&r.mountpoint),
        ]);
        t.push(cells);
    }
    out::print(&t.render())
}

fn display(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}
