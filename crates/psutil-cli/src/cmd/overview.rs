//! `psutil` with no arguments: a one-screen system overview.

use std::fmt::Write as _;

use crate::fmt::{bytes2human, uptime};
use crate::out::{self, CmdError};

/// Prints the overview.
pub fn run(json: bool) -> Result<(), CmdError> {
    let vm = psutil_rs::virtual_memory()?;
    let sw = psutil_rs::swap_memory()?;
    let boot = psutil_rs::boot_time()?;
    if json {
        return out::json(&serde_json::json!({
            "virtual_memory": vm,
            "swap_memory": sw,
            "boot_time": boot,
        }));
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(boot);
    let mut s = String::new();
    writeln!(s, "up {}", uptime(now - boot))?;
    writeln!(
        s,
        "Mem   {:>5.1}%  total {:>7}  used {:>7}  avail {:>7}",
        vm.percent,
        bytes2human(vm.total),
        bytes2human(vm.used),
        bytes2human(vm.available)
    )?;
    writeln!(
        s,
        "Swap  {:>5.1}%  total {:>7}  used {:>7}  free  {:>7}",
        sw.percent,
        bytes2human(sw.total),
        bytes2human(sw.used),
        bytes2human(sw.free)
    )?;
    out::print(&s)
}
