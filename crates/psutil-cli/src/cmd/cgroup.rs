//! `psutil cgroup [PID]`: a process's control groups — the hierarchies it belongs to,
//! the effective CPU, memory, pids and I/O limits, usage and pressure — and what it can
//! really use (an extension beyond psutil; Linux only). Reads through the current
//! root, so `--root DIR` shows a captured system's.

use std::fmt::Write as _;

use psutil_rs::os::linux::{Pressure, Root};

use super::taskset::format_list;
use crate::args::CgroupArgs;
use crate::fmt::bytes2human;
use crate::out::{self, CmdError};
use crate::platform::{limit_text, pressure_text, quota_text};

fn opt(v: Option<u64>) -> String {
    v.map_or_else(|| "-".into(), |n| n.to_string())
}

fn bytes(v: Option<u64>) -> String {
    v.map_or_else(|| "-".into(), bytes2human)
}

/// Microseconds as seconds with three decimals.
fn secs(v: Option<u64>) -> String {
    v.map_or_else(|| "-".into(), |us| format!("{:.3} s", us as f64 / 1e6))
}

fn psi_row(s: &mut String, name: &str, p: Option<&Pressure>) -> std::fmt::Result {
    let Some(p) = p else { return Ok(()) };
    for (kind, line) in [("some", p.some.as_ref()), ("full", p.full.as_ref())] {
        if let Some(l) = line {
            writeln!(
                s,
                "  {:<13} {:>6.2} {:>6.2} {:>6.2} {:>16}",
                format!("{name} {kind}"),
                l.avg10,
                l.avg60,
                l.avg300,
                l.total
            )?;
        }
    }
    Ok(())
}

/// Prints the cgroups of one process (this one by default).
pub fn run(a: &CgroupArgs, json: bool) -> Result<(), CmdError> {
    let root = Root::current();
    let pid = a.pid.unwrap_or_else(std::process::id);
    let members = root.cgroups(pid)?;
    let c = root.cgroup(pid)?;
    let cpus = root.cpu_count_effective(pid)?;
    let eff = root.virtual_memory_effective(pid)?;
    if json {
        return out::json(&serde_json::json!({
            "pid": pid,
            "cgroups": members,
            "cgroup": c,
            "cpu_count_effective": cpus,
            "virtual_memory_effective": eff,
            "pressure": root.pressure()?,
        }));
    }
    let mut s = String::new();
    let layout = serde_json::to_value(c.layout)?;
    writeln!(
        s,
        "PID {pid}  cgroup {}  ({})",
        c.path
            .as_ref()
            .map_or_else(|| "-".into(), |p| p.display().to_string()),
        layout.as_str().unwrap_or("?")
    )?;
    writeln!(s, "\nHierarchies")?;
    writeln!(
        s,
        "  {:>3} {:<16} {:<32} DIRECTORY",
        "ID", "CONTROLLERS", "PATH"
    )?;
    for m in &members {
        let ctrls = if m.controllers.is_empty() {
            "(v2)".to_string()
        } else {
            m.controllers.join(",")
        };
        writeln!(
            s,
            "  {:>3} {:<16} {:<32} {}",
            m.hierarchy_id,
            ctrls,
            m.path.display(),
            m.dir
                .as_ref()
                .map_or_else(|| "(not mounted here)".into(), |d| d.display().to_string())
        )?;
    }
    let cpu = &c.cpu;
    writeln!(s, "\nCPU")?;
    writeln!(s, "  quota        {}", quota_text(cpu.quota.as_ref()))?;
    if cpu.weight.is_some() {
        writeln!(s, "  weight       {}", opt(cpu.weight))?;
    }
    if cpu.shares.is_some() {
        writeln!(s, "  shares       {}", opt(cpu.shares))?;
    }
    let set = cpu
        .cpuset
        .as_ref()
        .map_or_else(|| "-".into(), |v| format_list(v));
    writeln!(s, "  cpuset       {set}")?;
    writeln!(
        s,
        "  usage        {} (user {}, system {})",
        secs(cpu.usage_usec),
        secs(cpu.user_usec),
        secs(cpu.system_usec)
    )?;
    writeln!(
        s,
        "  throttled    {} of {} periods, {}",
        opt(cpu.nr_throttled),
        opt(cpu.nr_periods),
        secs(cpu.throttled_usec)
    )?;
    writeln!(
        s,
        "  effective    {cpus} CPU{} (of {} on the machine)",
        if cpus == 1 { "" } else { "s" },
        root.cpu_count()
            .map_or_else(|| "?".into(), |n| n.to_string())
    )?;
    let m = &c.memory;
    writeln!(s, "\nMemory")?;
    writeln!(s, "  limit        {}", limit_text(m.limit, true))?;
    writeln!(s, "  high         {}", limit_text(m.high, true))?;
    writeln!(s, "  current      {}", bytes(m.current))?;
    writeln!(
        s,
        "  swap         {} of {}",
        bytes(m.swap_current),
        limit_text(m.swap_limit, true)
    )?;
    writeln!(
        s,
        "  anon {}  file {}  kernel {}  shmem {}  inactive_file {}",
        bytes(m.anon),
        bytes(m.file),
        bytes(m.kernel),
        bytes(m.shmem),
        bytes(m.inactive_file)
    )?;
    writeln!(
        s,
        "  OOM          {} events, {} kills",
        opt(m.oom),
        opt(m.oom_kill)
    )?;
    writeln!(
        s,
        "  effective    total {}, used {}, available {} ({:.1}%)",
        bytes2human(eff.total),
        bytes2human(eff.used),
        bytes2human(eff.available),
        eff.percent
    )?;
    writeln!(s, "\nPids")?;
    writeln!(
        s,
        "  current {}  max {}",
        opt(c.pids.current),
        limit_text(c.pids.max, false)
    )?;
    writeln!(s, "\nI/O")?;
    match &c.io.max {
        Some(v) if !v.is_empty() => {
            for d in v {
                writeln!(
                    s,
                    "  max  {}:{} rbps={} wbps={} riops={} wiops={}",
                    d.major,
                    d.minor,
                    limit_text(Some(d.rbps), false),
                    limit_text(Some(d.wbps), false),
                    limit_text(Some(d.riops), false),
                    limit_text(Some(d.wiops), false)
                )?;
            }
        }
        Some(_) => writeln!(s, "  max  unlimited")?,
        None => writeln!(s, "  max  -")?,
    }
    for d in c.io.stat.iter().flatten() {
        writeln!(
            s,
            "  stat {}:{} rbytes={} wbytes={} rios={} wios={}",
            d.major, d.minor, d.rbytes, d.wbytes, d.rios, d.wios
        )?;
    }
    let p = &c.pressure;
    if p.cpu.is_some() || p.memory.is_some() || p.io.is_some() || p.irq.is_some() {
        writeln!(
            s,
            "\nPressure (the cgroup's)  avg10  avg60 avg300  total (us)"
        )?;
        psi_row(&mut s, "cpu", p.cpu.as_ref())?;
        psi_row(&mut s, "memory", p.memory.as_ref())?;
        psi_row(&mut s, "io", p.io.as_ref())?;
        psi_row(&mut s, "irq", p.irq.as_ref())?;
    } else {
        writeln!(
            s,
            "\nPressure     - (cgroup v2 only; system-wide: {})",
            pressure_text(root.pressure()?.cpu.as_ref())
        )?;
    }
    out::print(&s)
}
