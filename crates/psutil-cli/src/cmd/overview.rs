//! `psutil` with no arguments: a one-screen system overview.
//!
//! CPU per core and load, memory and swap, disks with usage, network interfaces with
//! addresses and rates, sensors and battery when present, the top processes by CPU and
//! by memory, uptime and users; inside a container (a cgroup with a CPU, memory or pids
//! limit), its limits, usage and pressure. Rates and percentages are measured over a short
//! interval (`SAMPLE`) between two readings.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

use psutil_rs::{AddressFamily, Pid, Process};

use super::uptime::up_text;
use crate::fmt::bytes2human;
use crate::out::{self, CmdError};
use crate::time::now;

const SAMPLE: Duration = Duration::from_millis(500);
const TOP: usize = 5;

fn bar(pct: f64, width: usize) -> String {
    let filled = ((pct / 100.0) * width as f64)
        .round()
        .clamp(0.0, width as f64) as usize;
    format!("{}{}", "#".repeat(filled), ".".repeat(width - filled))
}

struct ProcRow {
    pid: Pid,
    user: String,
    name: String,
    cpu: f64,
    rss: u64,
    mem: f64,
}

fn proc_cpu_times() -> HashMap<Pid, (Process, f64)> {
    let mut map = HashMap::new();
    for pid in psutil_rs::pids().unwrap_or_default() {
        let Ok(p) = Process::new(pid) else { continue };
        let Ok(t) = p.cpu_times() else { continue };
        map.insert(pid, (p, t.user + t.system));
    }
    map
}

fn top_processes(
    before: &HashMap<Pid, (Process, f64)>,
    elapsed: f64,
    total_mem: u64,
) -> Vec<ProcRow> {
    let mut rows = Vec::new();
    for (pid, (p, t0)) in before {
        let (Ok(t1), Ok(mem)) = (p.cpu_times(), p.memory_info()) else {
            continue;
        };
        let cpu = ((t1.user + t1.system - t0) / elapsed * 100.0).max(0.0);
        rows.push(ProcRow {
            pid: *pid,
            user: p.username().unwrap_or_else(|_| "?".into()),
            name: p
                .name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|_| "?".into()),
            cpu,
            rss: mem.rss,
            mem: if total_mem > 0 {
                mem.rss as f64 / total_mem as f64 * 100.0
            } else {
                0.0
            },
        });
    }
    rows
}

fn proc_table(s: &mut String, title: &str, rows: &[&ProcRow]) -> std::fmt::Result {
    writeln!(s, "{title}")?;
    writeln!(
        s,
        "  {:>7} {:<10} {:>6} {:>6} {:>8}  NAME",
        "PID", "USER", "%CPU", "%MEM", "RSS"
    )?;
    for r in rows {
        writeln!(
            s,
            "  {:>7} {:<10} {:>6.1} {:>6.1} {:>8}  {}",
            r.pid,
            r.user.chars().take(10).collect::<String>(),
            r.cpu,
            r.mem,
            bytes2human(r.rss),
            r.name
        )?;
    }
    Ok(())
}

/// Prints the overview.
pub fn run(json: bool) -> Result<(), CmdError> {
    let mut sampler = psutil_rs::CpuSampler::new()?;
    let net0 = psutil_rs::net_io_counters_pernic()?;
    let procs0 = proc_cpu_times();
    let t0 = Instant::now();
    std::thread::sleep(SAMPLE);
    let elapsed = t0.elapsed().as_secs_f64();
    let percpu = sampler.percent_percpu()?;
    let net1 = psutil_rs::net_io_counters_pernic()?;

    let vm = psutil_rs::virtual_memory()?;
    let sw = psutil_rs::swap_memory()?;
    let boot = psutil_rs::boot_time()?;
    // None where the platform cannot tell (see fmt::load_average).
    let load = psutil_rs::getloadavg().ok();
    let users = psutil_rs::users()?;
    let parts = psutil_rs::disk_partitions(false)?;
    let addrs = psutil_rs::net_if_addrs()?;
    let sensors = crate::platform::sensors()?;
    let battery = psutil_rs::sensors_battery()?;
    let mut procs = top_processes(&procs0, elapsed, vm.total);
    // the limits of the container this runs in, when one applies (cgroups, Linux)
    let container = crate::platform::container_overview();

    if json {
        let disks: Vec<_> = parts
            .iter()
            .map(|p| {
                serde_json::json!({
                    "partition": p,
                    "usage": psutil_rs::disk_usage(&p.mountpoint).ok(),
                })
            })
            .collect();
        let mut v = serde_json::json!({
            "boot_time": boot,
            "users": users,
            "getloadavg": load,
            "cpu_percent_percpu": percpu,
            "virtual_memory": vm,
            "swap_memory": sw,
            "disks": disks,
            "net_if_addrs": addrs,
            "net_io_counters_pernic": net1,
        });
        // psutil has temperatures and fans on Linux (and FreeBSD) only.
        if let (Some(map), Some((temps, fans, _))) = (v.as_object_mut(), &sensors) {
            map.insert("sensors_temperatures".into(), temps.clone());
            map.insert("sensors_fans".into(), fans.clone());
        }
        if let Some(map) = v.as_object_mut() {
            map.insert("sensors_battery".into(), serde_json::to_value(&battery)?);
            if let Some((c, _)) = &container {
                map.insert("container".into(), c.clone());
            }
        }
        return out::json(&v);
    }

    let mut s = String::new();
    let n = users.len();
    writeln!(
        s,
        "up {}, {n} user{}, {}",
        up_text(now() - boot).trim_start(),
        if n == 1 { "" } else { "s" },
        crate::fmt::load_average(load.as_ref())
    )?;
    s.push('\n');
    for (i, pct) in percpu.iter().enumerate() {
        writeln!(s, "cpu{i:<3} [{}] {pct:5.1}%", bar(*pct, 40))?;
    }
    writeln!(
        s,
        "Mem    [{}] {:5.1}%  {} used of {}, {} available",
        bar(vm.percent, 40),
        vm.percent,
        bytes2human(vm.used),
        bytes2human(vm.total),
        bytes2human(vm.available)
    )?;
    writeln!(
        s,
        "Swap   [{}] {:5.1}%  {} used of {}",
        bar(sw.percent, 40),
        sw.percent,
        bytes2human(sw.used),
        bytes2human(sw.total)
    )?;
    if let Some((_, text)) = &container {
        s.push('\n');
        s.push_str(text);
    }

    s.push_str("\nDisks\n");
    for p in &parts {
        let Ok(u) = psutil_rs::disk_usage(&p.mountpoint) else {
            continue;
        };
        writeln!(
            s,
            "  {:<20} {:<8} {:>8} total {:>8} used {:5.1}%  {}",
            p.device.to_string_lossy(),
            p.fstype,
            bytes2human(u.total),
            bytes2human(u.used),
            u.percent,
            p.mountpoint.display()
        )?;
    }

    s.push_str("\nNetwork\n");
    let mut nics: Vec<&String> = net1.keys().collect();
    nics.sort();
    for nic in nics {
        let (Some(a), Some(b)) = (net0.get(nic), net1.get(nic)) else {
            continue;
        };
        let rx = b.bytes_recv.saturating_sub(a.bytes_recv) as f64 / elapsed;
        let tx = b.bytes_sent.saturating_sub(a.bytes_sent) as f64 / elapsed;
        let ips: Vec<&str> = addrs
            .get(nic)
            .into_iter()
            .flatten()
            .filter(|a| matches!(a.family, AddressFamily::Inet | AddressFamily::Inet6))
            .map(|a| a.address.as_str())
            .collect();
        writeln!(
            s,
            "  {:<10} rx {:>8}/s  tx {:>8}/s  {}",
            nic,
            bytes2human(rx as u64),
            bytes2human(tx as u64),
            ips.join(" ")
        )?;
    }

    if let Some((_, _, lines)) = sensors.as_ref().filter(|(_, _, l)| !l.is_empty()) {
        s.push_str("\nSensors\n");
        for line in lines {
            writeln!(s, "{line}")?;
        }
    }
    if let Some(b) = &battery {
        let plugged = match b.power_plugged {
            Some(true) => ", plugged in",
            Some(false) => ", on battery",
            None => "",
        };
        writeln!(s, "\nBattery {:.1}%{plugged}", b.percent)?;
    }

    s.push('\n');
    procs.sort_by(|a, b| b.cpu.total_cmp(&a.cpu).then(a.pid.cmp(&b.pid)));
    let by_cpu: Vec<&ProcRow> = procs.iter().take(TOP).collect();
    proc_table(&mut s, "Top processes by CPU", &by_cpu)?;
    let mut by_mem: Vec<&ProcRow> = procs.iter().collect();
    by_mem.sort_by(|a, b| b.rss.cmp(&a.rss).then(a.pid.cmp(&b.pid)));
    by_mem.truncate(TOP);
    s.push('\n');
    proc_table(&mut s, "Top processes by memory", &by_mem)?;
    out::print(&s)
}
