//! `psutil free`: like procps free(1).

use std::time::Duration;

use crate::args::FreeArgs;
use crate::fmt::free_human;
use crate::out::{self, CmdError};

fn scale(a: &FreeArgs, n: u64) -> String {
    if a.human {
        free_human(n)
    } else if a.bytes {
        n.to_string()
    } else if a.mebi {
        (n >> 20).to_string()
    } else if a.gibi {
        (n >> 30).to_string()
    } else {
        (n >> 10).to_string()
    }
}

fn row(label: &str, cells: &[String]) -> String {
    // free(1)'s layout: the first column ends at column 20, then " %11s" per column.
    let mut line = format!(
        "{label:<7}{:>13}",
        cells.first().map(String::as_str).unwrap_or("")
    );
    for c in cells.iter().skip(1) {
        line.push_str(&format!(" {c:>11}"));
    }
    line.push('\n');
    line
}

fn render(a: &FreeArgs) -> Result<String, CmdError> {
    let vm = psutil_rs::virtual_memory()?;
    let sw = psutil_rs::swap_memory()?;
    let mut s = String::new();
    let (heads, mem): (&[&str], Vec<u64>) = if a.wide {
        (
            &[
                "total",
                "used",
                "free",
                "shared",
                "buffers",
                "cache",
                "available",
            ],
            vec![
                vm.total,
                vm.used,
                vm.free,
                vm.shared,
                vm.buffers,
                vm.cached,
                vm.available,
            ],
        )
    } else {
        (
            &["total", "used", "free", "shared", "buff/cache", "available"],
            vec![
                vm.total,
                vm.used,
                vm.free,
                vm.shared,
                vm.buffers.saturating_add(vm.cached),
                vm.available,
            ],
        )
    };
    let heads: Vec<String> = heads.iter().map(|h| h.to_string()).collect();
    s.push_str(&row("", &heads));
    s.push_str(&row(
        "Mem:",
        &mem.iter().map(|&n| scale(a, n)).collect::<Vec<_>>(),
    ));
    let swap = [sw.total, sw.used, sw.free];
    s.push_str(&row(
        "Swap:",
        &swap.iter().map(|&n| scale(a, n)).collect::<Vec<_>>(),
    ));
    Ok(s)
}

/// Prints memory and swap usage, repeating with `-s`/`-c`.
pub fn run(a: &FreeArgs, json: bool) -> Result<(), CmdError> {
    if let Some(s) = a.seconds {
        if !(s.is_finite() && s > 0.0) {
            return Err(format!("seconds argument '{s}' is not positive").into());
        }
    }
    let repeat = a.seconds.is_some() || a.count.is_some();
    let delay = Duration::from_secs_f64(a.seconds.unwrap_or(1.0));
    let mut n = 0u64;
    loop {
        if json {
            let v = serde_json::json!({
                "virtual_memory": psutil_rs::virtual_memory()?,
                "swap_memory": psutil_rs::swap_memory()?,
            });
            out::json(&v)?;
        } else {
            let mut text = render(a)?;
            if repeat {
                text.push('\n');
            }
            out::print(&text)?;
        }
        n += 1;
        if !repeat || a.count.is_some_and(|c| n >= c) {
            return Ok(());
        }
        std::thread::sleep(delay);
    }
}
