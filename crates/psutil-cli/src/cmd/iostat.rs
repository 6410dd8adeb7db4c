//! `psutil iostat`: per-disk transfer rates, like `iostat -d -k`.

use std::time::{Duration, Instant};

use psutil_rs::{DiskIoCounters, IndexMap};

use crate::args::IostatArgs;
use crate::out::{self, CmdError};
use crate::table::{Align, Table};
use crate::time::now;

fn report(
    cur: &IndexMap<String, DiskIoCounters>,
    prev: Option<&IndexMap<String, DiskIoCounters>>,
    secs: f64,
) -> String {
    let mut t = Table::new(&[
        ("Device", Align::Left),
        ("tps", Align::Right),
        ("kB_read/s", Align::Right),
        ("kB_wrtn/s", Align::Right),
        ("kB_read", Align::Right),
        ("kB_wrtn", Align::Right),
    ]);
    let mut names: Vec<&String> = cur.keys().collect();
    names.sort();
    let secs = secs.max(1e-9);
    for name in names {
        let Some(c) = cur.get(name) else { continue };
        let zero = DiskIoCounters::default();
        let p = prev.and_then(|p| p.get(name)).unwrap_or(&zero);
        let ios = (c.read_count + c.write_count).saturating_sub(p.read_count + p.write_count);
        let rd = c.read_bytes.saturating_sub(p.read_bytes) / 1024;
        let wr = c.write_bytes.saturating_sub(p.write_bytes) / 1024;
        if prev.is_none() && c.read_count == 0 && c.write_count == 0 {
            continue; // iostat hides devices that never did I/O
        }
        t.push(vec![
            name.clone(),
            format!("{:.2}", ios as f64 / secs),
            format!("{:.2}", rd as f64 / secs),
            format!("{:.2}", wr as f64 / secs),
            rd.to_string(),
            wr.to_string(),
        ]);
    }
    t.render()
}

/// Prints the since-boot report, then one report per interval.
pub fn run(a: &IostatArgs, json: bool) -> Result<(), CmdError> {
    if let Some(i) = a.interval {
        if !(i.is_finite() && i > 0.0) {
            return Err(format!("invalid interval '{i}': must be a positive number").into());
        }
    }
    let mut prev = psutil_rs::disk_io_counters_perdisk()?;
    let uptime = now() - psutil_rs::boot_time()?;
    if json {
        return out::json(&prev);
    }
    out::print(&report(&prev, None, uptime))?;
    let Some(interval) = a.interval else {
        return Ok(());
    };
    let count = a.count.unwrap_or(u64::MAX);
    let mut last = Instant::now();
    for _ in 1..count {
        std::thread::sleep(Duration::from_secs_f64(interval));
        let cur = psutil_rs::disk_io_counters_perdisk()?;
        let el = last.elapsed().as_secs_f64();
        last = Instant::now();
        out::print(&format!("\n{}", report(&cur, Some(&prev), el)))?;
        prev = cur;
    }
    Ok(())
}
