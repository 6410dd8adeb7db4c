//! A one-screen `top`: system CPU and memory, then the busiest processes.
//!
//! ```sh
//! cargo run --example top                      # refresh every second until Ctrl-C
//! cargo run --example top -- --iterations 1    # one screen, then exit
//! ```
//!
//! CPU percentages are measured between two calls on the same handles: `process_iter`
//! keeps one `Process` per live pid across calls, as psutil's does.

use std::io::Write;
use std::time::Duration;

use psutil_rs::{cpu_percent, process_iter, virtual_memory, Process};

const ROWS: usize = 15;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (iterations, interval) = parse_args()?;
    // First calls only start the measurements (both return 0.0).
    cpu_percent(None)?;
    for p in process_iter()? {
        let _ = p.cpu_percent(None);
    }
    let mut out = std::io::stdout().lock();
    let mut done = 0;
    while iterations.is_none_or(|n| done < n) {
        std::thread::sleep(interval);
        write!(out, "\x1b[2J\x1b[H")?; // clear the terminal, cursor home
        let vm = virtual_memory()?;
        writeln!(
            out,
            "cpu {:5.1}%   mem {:5.1}% of {} MiB, {} MiB available",
            cpu_percent(None)?,
            vm.percent,
            vm.total >> 20,
            vm.available >> 20
        )?;
        let mut rows: Vec<Row> = process_iter()?
            .iter()
            .filter_map(|p| row(p).ok()) // gone or denied since the list was read
            .collect();
        rows.sort_by(|a, b| b.cpu.total_cmp(&a.cpu).then(b.rss.cmp(&a.rss)));
        writeln!(out, "{:>7} {:>6} {:>10}  NAME", "PID", "CPU%", "RSS KiB")?;
        for r in rows.iter().take(ROWS) {
            writeln!(
                out,
                "{:>7} {:6.1} {:>10}  {}",
                r.pid,
                r.cpu,
                r.rss >> 10,
                r.name
            )?;
        }
        done += 1;
    }
    Ok(())
}

/// One line of the table.
struct Row {
    pid: u32,
    cpu: f64,
    rss: u64,
    name: String,
}

fn row(p: &Process) -> psutil_rs::Result<Row> {
    p.oneshot(|p| {
        Ok(Row {
            pid: p.pid(),
            cpu: p.cpu_percent(None)?,
            rss: p.memory_info()?.rss,
            name: p.name()?.to_string_lossy().into_owned(),
        })
    })
}

/// `--iterations N` (default: until interrupted), `--interval SECONDS` (default 1).
fn parse_args() -> Result<(Option<u64>, Duration), String> {
    let mut iterations = None;
    let mut interval = Duration::from_secs(1);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let value = args.next().ok_or(format!("{a} needs a value"))?;
        match a.as_str() {
            "--iterations" => {
                iterations = Some(
                    value
                        .parse()
                        .map_err(|_| format!("bad --iterations {value:?}"))?,
                )
            }
            "--interval" => {
                let s: f64 = value
                    .parse()
                    .map_err(|_| format!("bad --interval {value:?}"))?;
                interval = Duration::try_from_secs_f64(s)
                    .map_err(|_| format!("bad --interval {value:?}"))?;
            }
            _ => {
                return Err(format!(
                    "unknown argument {a:?} (--iterations N, --interval SECONDS)"
                ))
            }
        }
    }
    Ok((iterations, interval))
}
