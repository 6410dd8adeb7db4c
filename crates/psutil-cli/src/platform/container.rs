//! The container's limits as the tools print them (Linux only: cgroups): the text of a
//! limit or a CPU quota, and the overview's "Container" section.

use std::fmt::Write as _;

use psutil_rs::os::linux::{Cgroup, CgroupLimit, CpuQuota, EffectiveMemory, Pressure, Root};
use serde_json::Value;

use crate::fmt::bytes2human;

/// A limit: `unlimited`, or its number (as bytes2human when `bytes`); `-` when absent.
pub fn limit_text(l: Option<CgroupLimit>, bytes: bool) -> String {
    match l {
        None => "-".into(),
        Some(CgroupLimit::Unlimited) => "unlimited".into(),
        Some(CgroupLimit::Limited(v)) if bytes => bytes2human(v),
        Some(CgroupLimit::Limited(v)) => v.to_string(),
    }
}

/// A CPU quota: `0.50 CPUs (50000/100000 us)` or `unlimited (period 100000 us)`.
pub fn quota_text(q: Option<&CpuQuota>) -> String {
    match q {
        None => "-".into(),
        Some(q) => match q.cpus() {
            Some(c) => format!(
                "{c:.2} CPUs ({}/{} us)",
                q.quota_us.value().unwrap_or(0),
                q.period_us
            ),
            None => format!("unlimited (period {} us)", q.period_us),
        },
    }
}

/// `avg10/avg60/avg300` of the `some` line, `-` when absent.
pub fn pressure_text(p: Option<&Pressure>) -> String {
    match p.and_then(|p| p.some.as_ref()) {
        Some(l) => format!("{:.2}/{:.2}/{:.2}", l.avg10, l.avg60, l.avg300),
        None => "-".into(),
    }
}

/// True when a limit applies to the cgroup: a CPU quota, a memory limit below physical
/// memory, a pids limit, or a cpuset smaller than the machine.
fn limited(c: &Cgroup, eff: &EffectiveMemory) -> bool {
    let quota = c.cpu.quota.as_ref().and_then(CpuQuota::cpus).is_some();
    let pids = matches!(c.pids.max, Some(CgroupLimit::Limited(_)));
    let cpuset = c
        .cpu
        .cpuset
        .as_ref()
        .zip(psutil_rs::cpu_count())
        .is_some_and(|(set, n)| set.len() < n);
    quota || eff.limit.is_some() || pids || cpuset
}

/// The overview's section about the container this command runs in (its JSON and its
/// text), when a cgroup limit applies to it; `None` otherwise (or when cgroups cannot be
/// read: the overview goes on without them).
pub fn container_overview() -> Option<(Value, String)> {
    let root = Root::current();
    let me = std::process::id();
    let c = root.cgroup(me).ok()?;
    let eff = root.virtual_memory_effective(me).ok()?;
    if !limited(&c, &eff) {
        return None;
    }
    let cpus = root.cpu_count_effective(me).ok();
    let json = serde_json::json!({
        "cgroup": c,
        "cpu_count_effective": cpus,
        "virtual_memory_effective": eff,
    });
    let mut s = String::new();
    let path = c
        .path
        .as_ref()
        .map_or_else(|| "-".into(), |p| p.display().to_string());
    let layout = serde_json::to_value(c.layout).ok();
    let layout = layout.as_ref().and_then(Value::as_str).unwrap_or("?");
    let _ = writeln!(s, "Container (cgroup {path}, {layout})");
    let _ = writeln!(
        s,
        "  CPU     limit {}, {} CPU{} usable{}",
        quota_text(c.cpu.quota.as_ref()),
        cpus.map_or_else(|| "?".into(), |n| n.to_string()),
        if cpus == Some(1) { "" } else { "s" },
        match (c.cpu.nr_throttled, c.cpu.nr_periods) {
            (Some(t), Some(p)) if p > 0 => format!(", throttled {t} of {p} periods"),
            _ => String::new(),
        }
    );
    let _ = writeln!(
        s,
        "  Memory  {:5.1}%  {} used of {}, {} available",
        eff.percent,
        bytes2human(eff.used),
        bytes2human(eff.total),
        bytes2human(eff.available)
    );
    if c.pids.max.is_some() || c.pids.current.is_some() {
        let _ = writeln!(
            s,
            "  Pids    {} of {}",
            c.pids.current.map_or_else(|| "-".into(), |n| n.to_string()),
            limit_text(c.pids.max, false)
        );
    }
    let p = &c.pressure;
    if p.cpu.is_some() || p.memory.is_some() || p.io.is_some() {
        let _ = writeln!(
            s,
            "  Pressure (some avg10/60/300)  cpu {}  memory {}  io {}",
            pressure_text(p.cpu.as_ref()),
            pressure_text(p.memory.as_ref()),
            pressure_text(p.io.as_ref())
        );
    }
    Some((json, s))
}
