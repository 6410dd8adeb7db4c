//! `psutil df`: like GNU df(1), built on `disk_partitions(all=true)` and `disk_usage`
//! (inode counts from statvfs(2)).

use std::collections::HashSet;
use std::path::PathBuf;

use crate::args::DfArgs;
use crate::fmt::df_human;
use crate::out::{self, CmdError};
use crate::platform;
use crate::table::{Align, Table};

struct Row {
    device: String,
    fstype: String,
    mountpoint: PathBuf,
    /// The file asked about (`-` without one).
    file: String,
    /// psutil's usage (`None` on the --total line).
    usage: Option<psutil_rs::DiskUsage>,
    /// total, used, free bytes.
    bytes: (u64, u64, u64),
    /// `(total, free)` inodes.
    inodes: Option<(u64, u64)>,
}

/// df's percent: used / (used + available), rounded up; "-" when both are 0.
fn percent(used: u64, avail: u64) -> String {
    let denom = used.saturating_add(avail);
    if denom == 0 {
        return "-".into();
    }
    let pct = (u128::from(used) * 100).div_ceil(u128::from(denom));
    format!("{pct}%")
}

/// GNU's remote file system rule: a `host:` source, or `//host/share` of smbfs, smb3 or
/// cifs, or the automounter's `-hosts`.
fn is_remote(device: &str, fstype: &str) -> bool {
    device.contains(':')
        || (device.starts_with("//") && ["smbfs", "smb3", "cifs"].contains(&fstype))
        || device == "-hosts"
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
        if (!a.types.is_empty() && !a.types.contains(&p.fstype))
            || a.exclude.contains(&p.fstype)
            || (a.local && is_remote(&device, &p.fstype))
        {
            continue;
        }
        // A file's file system is shown whatever it is.
        if !a.all && a.files.is_empty() {
            // df hides pseudo file systems (zero blocks) and a device mounted twice.
            if usage.total == 0 {
                continue;
            }
            if device.starts_with('/') && !seen_dev.insert(device.clone()) {
                continue;
            }
        }
        let inodes = if a.inodes || a.output.is_some() {
            platform::inodes(&p.mountpoint)
        } else {
            None
        };
        let row = Row {
            device,
            fstype: p.fstype,
            mountpoint: p.mountpoint,
            file: "-".into(),
            bytes: (usage.total, usage.used, usage.free),
            usage: Some(usage),
            inodes,
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
            let full = std::fs::canonicalize(f).map_err(|e| format!("{}: {e}", f.display()))?;
            let best = out
                .iter()
                .filter(|r| full.starts_with(&r.mountpoint))
                .max_by_key(|r| r.mountpoint.as_os_str().len())
                .ok_or_else(|| format!("{}: no file system found", full.display()))?;
            chosen.push(Row {
                device: best.device.clone(),
                fstype: best.fstype.clone(),
                mountpoint: best.mountpoint.clone(),
                file: f.to_string_lossy().into_owned(),
                usage: best.usage,
                bytes: best.bytes,
                inodes: best.inodes,
            });
        }
        return Ok(chosen);
    }
    Ok(out)
}

/// The `--output` fields, GNU's names.
const FIELDS: [&str; 12] = [
    "source", "fstype", "itotal", "iused", "iavail", "ipcent", "size", "used", "avail", "pcent",
    "file", "target",
];

/// The header of a field.
fn header(field: &str, a: &DfArgs) -> &'static str {
    match field {
        "source" => "Filesystem",
        "fstype" => "Type",
        "itotal" => "Inodes",
        "iused" => "IUsed",
        "iavail" => "IFree",
        "ipcent" => "IUse%",
        "size" if a.human => "Size",
        "size" => "1K-blocks",
        "used" => "Used",
        // the default layout says "Available", --output "Avail"
        "avail" if a.output.is_none() && !a.human => "Available",
        "avail" => "Avail",
        "pcent" => "Use%",
        "file" => "File",
        _ => "Mounted on",
    }
}

/// A block count in 1K blocks, or human with -h; an inode count as is, or human.
fn blocks(n: u64, a: &DfArgs) -> String {
    if a.human {
        df_human(n)
    } else {
        n.div_ceil(1024).to_string()
    }
}

fn count(n: u64, a: &DfArgs) -> String {
    if a.human {
        df_human(n)
    } else {
        n.to_string()
    }
}

/// The cell of `field` for a row; `total` rows show `-` where a sum means nothing.
fn cell(field: &str, r: &Row, a: &DfArgs) -> String {
    let (total, used, free) = r.bytes;
    let ino = |f: fn(u64, u64) -> u64| r.inodes.map_or("-".into(), |(t, fr)| count(f(t, fr), a));
    match field {
        // psutil reports a mount whose source is "none" with an empty device; df
        // prints the source as the kernel has it (the --json row keeps psutil's "")
        "source" if r.device.is_empty() => "none".into(),
        "source" => r.device.clone(),
        "fstype" => r.fstype.clone(),
        "itotal" => ino(|t, _| t),
        "iused" => ino(|t, f| t - f),
        "iavail" => ino(|_, f| f),
        "ipcent" => r.inodes.map_or("-".into(), |(t, f)| percent(t - f, f)),
        "size" => blocks(total, a),
        "used" => blocks(used, a),
        "avail" => blocks(free, a),
        "pcent" => percent(used, free),
        "file" => r.file.clone(),
        _ => r.mountpoint.to_string_lossy().into_owned(),
    }
}

/// The fields shown: `--output`'s, or the default (block or inode) layout.
fn fields(a: &DfArgs) -> Result<Vec<String>, CmdError> {
    if let Some(list) = &a.output {
        for f in list {
            if !FIELDS.contains(&f.as_str()) {
                return Err(format!(
                    "--output: unknown field {f:?} (fields: {})",
                    FIELDS.join(",")
                )
                .into());
            }
        }
        return Ok(list.clone());
    }
    let mut v = vec!["source"];
    if a.print_type {
        v.push("fstype");
    }
    if a.inodes {
        v.extend(["itotal", "iused", "iavail", "ipcent"]);
    } else {
        v.extend(["size", "used", "avail", "pcent"]);
    }
    v.push("target");
    Ok(v.into_iter().map(String::from).collect())
}

/// Prints the table (or JSON with psutil's field names).
pub fn run(a: &DfArgs, json: bool) -> Result<(), CmdError> {
    if a.output.is_some() && (a.inodes || a.print_type) {
        return Err("--output cannot be combined with -i or -T (name the fields in it)".into());
    }
    let fields = fields(a)?;
    let mut rows = rows(a)?;
    if a.total {
        let sum = |f: fn(&Row) -> u64| rows.iter().map(f).fold(0u64, u64::saturating_add);
        let inodes = (
            sum(|r| r.inodes.map_or(0, |i| i.0)),
            sum(|r| r.inodes.map_or(0, |i| i.1)),
        );
        let bytes = (sum(|r| r.bytes.0), sum(|r| r.bytes.1), sum(|r| r.bytes.2));
        rows.push(Row {
            device: "total".into(),
            fstype: "-".into(),
            mountpoint: PathBuf::from("-"),
            file: "-".into(),
            usage: None,
            bytes,
            inodes: rows.iter().any(|r| r.inodes.is_some()).then_some(inodes),
        });
    }
    if json {
        let v: Vec<_> = rows
            .iter()
            .map(|r| {
                serde_json::json!({
                    "device": r.device,
                    "mountpoint": r.mountpoint,
                    "fstype": r.fstype,
                    "usage": r.usage.map_or_else(
                        || serde_json::json!({"total": r.bytes.0, "used": r.bytes.1, "free": r.bytes.2}),
                        |u| serde_json::json!(u),
                    ),
                    "inodes": r.inodes.map(|(t, f)| serde_json::json!({"total": t, "used": t - f, "free": f})),
                })
            })
            .collect();
        return out::json(&v);
    }
    let n = fields.len();
    let heads: Vec<(&str, Align)> = fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let align = match f.as_str() {
                "source" | "fstype" | "file" | "target" if i + 1 == n => Align::Last,
                "source" | "fstype" | "file" | "target" => Align::Left,
                _ => Align::Right,
            };
            (header(f, a), align)
        })
        .collect();
    let mut t = Table::new(&heads);
    // GNU df's minimum widths: 14 for the device, 5 for -h sizes.
    for (i, f) in fields.iter().enumerate() {
        match f.as_str() {
            "source" => t.min_width(i, 14),
            "size" | "used" | "avail" | "itotal" | "iused" | "iavail" if a.human => {
                t.min_width(i, 5)
            }
            _ => {}
        }
    }
    for r in &rows {
        t.push(fields.iter().map(|f| cell(f, r, a)).collect());
    }
    out::print(&t.render())
}
