//! `psutil free`: like procps free(1).

use std::time::Duration;

use crate::args::FreeArgs;
use crate::fmt::free_human;
use crate::out::{self, CmdError};
use crate::platform;

fn scale(a: &FreeArgs, n: u64) -> String {
    let unit: u64 = if a.si { 1000 } else { 1024 };
    if a.human {
        free_human(n, a.si)
    } else if a.bytes {
        n.to_string()
    } else if a.mebi {
        (n / unit.pow(2)).to_string()
    } else if a.gibi {
        (n / unit.pow(3)).to_string()
    } else {
        (n / unit).to_string()
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
    // psutil's svmem has shared/buffers/cached on Linux only; elsewhere free(1)'s
    // columns show "-".
    let extra = platform::shared_buffers_cached(&vm);
    let dash = || "-".to_string();
    let shared = extra.map_or_else(dash, |(sh, _, _)| scale(a, sh));
    let (heads, mem): (&[&str], Vec<String>) = if a.wide {
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
                scale(a, vm.total),
                scale(a, vm.used),
                scale(a, vm.free),
                shared,
                extra.map_or_else(dash, |(_, b, _)| scale(a, b)),
                extra.map_or_else(dash, |(_, _, c)| scale(a, c)),
                scale(a, vm.available),
            ],
        )
    } else {
        (
            &["total", "used", "free", "shared", "buff/cache", "available"],
            vec![
                scale(a, vm.total),
                scale(a, vm.used),
                scale(a, vm.free),
                shared,
                extra.map_or_else(dash, |(_, b, c)| scale(a, b.saturating_add(c))),
                scale(a, vm.available),
            ],
        )
    };
    let heads: Vec<String> = heads.iter().map(|h| h.to_string()).collect();
    s.push_str(&row("", &heads));
    s.push_str(&row("Mem:", &mem));
    let three = |v: [u64; 3]| v.iter().map(|&n| scale(a, n)).collect::<Vec<_>>();
    if a.lohi {
        // procps without LowTotal in /proc/meminfo (every 64-bit kernel, which has no
        // high memory): Low is all of memory, High is empty.
        let low_used = vm.total.saturating_sub(vm.free);
        s.push_str(&row("Low:", &three([vm.total, low_used, vm.free])));
        s.push_str(&row("High:", &three([0, 0, 0])));
    }
    s.push_str(&row("Swap:", &three([sw.total, sw.used, sw.free])));
    if a.total {
        s.push_str(&row(
            "Total:",
            &three([
                vm.total.saturating_add(sw.total),
                vm.used.saturating_add(sw.used),
                vm.free.saturating_add(sw.free),
            ]),
        ));
    }
    if a.committed {
        // procps: total is the limit, used what is committed, free what is left (it
        // goes negative when overcommitted; shown as 0 here, as an unsigned count).
        if let Some((limit, committed)) = platform::commit_limit_and_committed() {
            s.push_str(&row(
                "Comm:",
                &three([limit, committed, limit.saturating_sub(committed)]),
            ));
        }
    }
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
            let mut v = serde_json::json!({
                "virtual_memory": psutil_rs::virtual_memory()?,
                "swap_memory": psutil_rs::swap_memory()?,
            });
            if let Some((limit, committed)) =
                platform::commit_limit_and_committed().filter(|_| a.committed)
            {
                v["committed"] = serde_json::json!({"limit": limit, "committed": committed});
            }
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
