//! cgroup metrics: the cgroups the scraped processes are in, at most `max_cgroups` of
//! them (those with the most processes, then by path), each read once per scrape
//! through [`Root::cgroup`] on one of its processes. Labelled `{cgroup="<path>"}`, the
//! path as `/proc/<pid>/cgroup` gives it ([`path_of`]).
//!
//! | family | type | from (v2 / v1) |
//! | --- | --- | --- |
//! | `psutil_cgroup_processes` | gauge | the process table |
//! | `psutil_cgroup_cpu_usage_seconds_total` | counter | `cpu.stat` `usage_usec` / `cpuacct.usage` |
//! | `psutil_cgroup_cpu_quota_cpus` (only when limited) | gauge | `cpu.max` / `cpu.cfs_quota_us` ÷ period, tightest ancestor |
//! | `psutil_cgroup_cpu_periods_total`, `..._throttled_periods_total` | counter | `cpu.stat` `nr_periods`, `nr_throttled` |
//! | `psutil_cgroup_cpu_throttled_seconds_total` | counter | `cpu.stat` `throttled_usec` / `throttled_time` |
//! | `psutil_cgroup_memory_usage_bytes` | gauge | `memory.current` / `memory.usage_in_bytes` |
//! | `psutil_cgroup_memory_limit_bytes` (only when limited) | gauge | `memory.max` / `memory.limit_in_bytes`, tightest ancestor |
//! | `psutil_cgroup_memory_swap_usage_bytes` | gauge | `memory.swap.current` / memsw − usage |
//! | `psutil_cgroup_memory_oom_kills_total` | counter | `memory.events` `oom_kill` / `memory.oom_control` |
//! | `psutil_cgroup_pids_current`, `psutil_cgroup_pids_limit` (only when limited) | gauge | `pids.current`, `pids.max` |
//!
//! Families whose file is absent (controller not enabled) are left out for that cgroup.

use std::collections::BTreeMap;

use psutil_rs::os::linux::Root;
use psutil_rs::parse::cgroup::pid_cgroup;
use psutil_rs::Pid;

use super::sink::{labels, Sink};

/// The cgroup path a process is grouped and labelled by, from `/proc/<pid>/cgroup` (one
/// small read and no mount table: this runs for every process of every scrape): the v1
/// memory hierarchy's when there is one (in systemd's hybrid layout the v2 hierarchy
/// carries no controllers and is often `/` for every process), else the v2 unified
/// path, else the first line's. `None` when the file cannot be read (the process is
/// gone) or parsed.
pub fn path_of(root: &Root, pid: Pid) -> Option<String> {
    let data = std::fs::read(root.proc_path(format!("{pid}/cgroup"))).ok()?;
    let lines = pid_cgroup::parse(&data).ok()?;
    let pick = lines
        .iter()
        .find(|m| m.controllers.iter().any(|c| c == "memory"))
        .or_else(|| lines.iter().find(|m| m.is_v2()))
        .or_else(|| lines.first())?;
    Some(String::from_utf8_lossy(&pick.path).into_owned())
}

/// Writes the families of the `max` cgroups with the most processes among `pids`
/// (each process's cgroup path, as [`path_of`] gives it).
pub fn collect(root: &Root, pids: &[(Pid, String)], max: usize, s: &mut Sink) {
    let mut by_path: BTreeMap<&str, (usize, Pid)> = BTreeMap::new();
    for (pid, path) in pids {
        let e = by_path.entry(path.as_str()).or_insert((0, *pid));
        e.0 += 1;
    }
    let mut ranked: Vec<(&str, usize, Pid)> = by_path
        .into_iter()
        .map(|(p, (n, pid))| (p, n, pid))
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    for (path, n, pid) in ranked.into_iter().take(max) {
        let l = || labels(&[("cgroup", path)]);
        s.gauge(
            "psutil_cgroup_processes",
            "Processes seen in the cgroup.",
            l(),
            n as f64,
        );
        let Ok(cg) = root.cgroup(pid) else { continue };
        let us = |v: u64| v as f64 / 1e6;
        if let Some(v) = cg.cpu.usage_usec {
            s.counter(
                "psutil_cgroup_cpu_usage_seconds",
                "CPU seconds used by the cgroup.",
                l(),
                us(v),
            );
        }
        if let Some(q) = &cg.cpu.quota {
            if let (Some(quota), true) = (q.quota_us.value(), q.period_us > 0) {
                s.gauge(
                    "psutil_cgroup_cpu_quota_cpus",
                    "CPU bandwidth limit in CPUs (quota / period), the tightest of the cgroup and its ancestors.",
                    l(),
                    quota as f64 / q.period_us as f64,
                );
            }
        }
        if let Some(v) = cg.cpu.nr_periods {
            s.counter(
                "psutil_cgroup_cpu_periods",
                "CPU enforcement periods elapsed.",
                l(),
                v as f64,
            );
        }
        if let Some(v) = cg.cpu.nr_throttled {
            s.counter(
                "psutil_cgroup_cpu_throttled_periods",
                "CPU enforcement periods in which the cgroup was throttled.",
                l(),
                v as f64,
            );
        }
        if let Some(v) = cg.cpu.throttled_usec {
            s.counter(
                "psutil_cgroup_cpu_throttled_seconds",
                "Seconds the cgroup was throttled.",
                l(),
                us(v),
            );
        }
        if let Some(v) = cg.memory.current {
            s.gauge(
                "psutil_cgroup_memory_usage_bytes",
                "Memory used by the cgroup.",
                l(),
                v as f64,
            );
        }
        if let Some(v) = cg.memory.limit.as_ref().and_then(|x| x.value()) {
            s.gauge(
                "psutil_cgroup_memory_limit_bytes",
                "Memory limit, the tightest of the cgroup and its ancestors.",
                l(),
                v as f64,
            );
        }
        if let Some(v) = cg.memory.swap_current {
            s.gauge(
                "psutil_cgroup_memory_swap_usage_bytes",
                "Swap used by the cgroup.",
                l(),
                v as f64,
            );
        }
        if let Some(v) = cg.memory.oom_kill {
            s.counter(
                "psutil_cgroup_memory_oom_kills",
                "Processes killed by the OOM killer.",
                l(),
                v as f64,
            );
        }
        if let Some(v) = cg.pids.current {
            s.gauge(
                "psutil_cgroup_pids_current",
                "Tasks in the cgroup and its descendants.",
                l(),
                v as f64,
            );
        }
        if let Some(v) = cg.pids.max.as_ref().and_then(|x| x.value()) {
            s.gauge(
                "psutil_cgroup_pids_limit",
                "Task limit, the tightest of the cgroup and its ancestors.",
                l(),
                v as f64,
            );
        }
    }
}
