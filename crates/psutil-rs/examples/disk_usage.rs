//! Disk usage of every mounted filesystem, as `df -h` shows it.
//!
//! ```sh
//! cargo run --example disk_usage
//! cargo run --example disk_usage -- --all   # also the pseudo filesystems (proc, sysfs, ...)
//! ```

use std::io::Write;

use psutil_rs::{disk_partitions, disk_usage};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let all = match std::env::args().nth(1).as_deref() {
        None => false,
        Some("--all") => true,
        Some(a) => return Err(format!("unknown argument {a:?} (--all)").into()),
    };
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{:<24} {:>9} {:>9} {:>9} {:>5}  {:<8} MOUNTED ON",
        "DEVICE", "SIZE", "USED", "AVAIL", "USE%", "TYPE"
    )?;
    for part in disk_partitions(all)? {
        // A mount that cannot be queried (no permission, a hung network share) is
        // reported and skipped.
        let usage = match disk_usage(&part.mountpoint) {
            Ok(u) => u,
            Err(e) => {
                eprintln!("{}: {e}", part.mountpoint.display());
                continue;
            }
        };
        writeln!(
            out,
            "{:<24} {:>9} {:>9} {:>9} {:>4.0}%  {:<8} {}",
            part.device.to_string_lossy(),
            human(usage.total),
            human(usage.used),
            human(usage.free),
            usage.percent,
            part.fstype,
            part.mountpoint.display()
        )?;
    }
    Ok(())
}

/// Bytes in the largest binary unit that keeps a number below 1024, as `df -h`.
fn human(bytes: u64) -> String {
    let mut value = bytes as f64;
    for unit in ["B", "K", "M", "G", "T"] {
        if value < 1024.0 {
            return format!("{value:.1}{unit}");
        }
        value /= 1024.0;
    }
    format!("{value:.1}P")
}
