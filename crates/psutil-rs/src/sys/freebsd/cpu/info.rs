//! CPU counts (`hw.ncpu`, `kern.sched.topology_spec`), frequencies
//! (`dev.cpu.<n>.freq`, `dev.cpu.<n>.freq_levels`) and the load average
//! (`getloadavg(3)`).

use super::super::sysctl;
use crate::cpu::{CpuFreq, LoadAvg};
use crate::error::{Error, Result};
use crate::parse::freebsd::values;

/// `cpu_count()`: `hw.ncpu`; `None` below 1.
pub(crate) fn cpu_count() -> Option<usize> {
    let n = sysctl::int("hw.ncpu").ok()?;
    usize::try_from(n).ok().filter(|&n| n >= 1)
}

/// `cpu_count(logical=False)`: the `cpu` groups two levels down in
/// `kern.sched.topology_spec` (psutil's XPath `group/children/group/cpu`); a
/// single-CPU system without that level counts 1.
pub(crate) fn cpu_count_physical() -> Option<usize> {
    let xml = sysctl::by_name("kern.sched.topology_spec").ok();
    match xml.as_deref().and_then(values::topology_cores) {
        Some(n) => Some(n),
        None if cpu_count() == Some(1) => Some(1),
        None => None,
    }
}

/// `cpu_freq(percpu=True)`: for each CPU, `dev.cpu.<n>.freq` (MHz) and the first and
/// last of `dev.cpu.<n>.freq_levels` as max and min (0.0 when unknown). CPUs without
/// the sysctl are skipped, as psutil's `ENOENT` rule.
pub(crate) fn cpu_freq_percpu() -> Result<Vec<CpuFreq>> {
    let n = cpu_count().unwrap_or(1);
    let mut out = Vec::new();
    for cpu in 0..n {
        let current = match sysctl::int(&format!("dev.cpu.{cpu}.freq")) {
            Ok(mhz) => f64::from(mhz),
            Err(e) if e.raw_os_error() == Some(libc::ENOENT) => continue,
            Err(e) => return Err(sysctl::error(e, "dev.cpu.N.freq")),
        };
        let (max, min) = sysctl::by_name(&format!("dev.cpu.{cpu}.freq_levels"))
            .ok()
            .and_then(|t| values::freq_levels(&t))
            .unwrap_or((0.0, 0.0));
        out.push(CpuFreq { current, min, max });
    }
    Ok(out)
}

/// `cpu_freq()`: the mean of the per-CPU values, `None` when no CPU has a frequency.
pub(crate) fn cpu_freq() -> Result<Option<CpuFreq>> {
    let all = cpu_freq_percpu()?;
    if all.is_empty() {
        return Ok(None);
    }
    let n = all.len() as f64;
    let mean = |f: fn(&CpuFreq) -> f64| all.iter().map(f).sum::<f64>() / n;
    Ok(Some(CpuFreq {
        current: mean(|c| c.current),
        min: mean(|c| c.min),
        max: mean(|c| c.max),
    }))
}

/// `getloadavg()`: `getloadavg(3)` (shared with macOS).
pub(crate) fn getloadavg() -> Result<LoadAvg> {
    super::super::loadavg::getloadavg()
        .map(LoadAvg::from)
        .map_err(|e| Error::from_io(e, "getloadavg"))
}
