//! System metrics under node_exporter's names, labels, units and types (the overlap
//! with psutil-rs; node_exporter 1.5 is the reference the tests scrape side by side):
//!
//! | family | type | read from |
//! | --- | --- | --- |
//! | `node_cpu_seconds_total{cpu,mode}` | counter | `/proc/stat` (`cpu_times_percpu`) |
//! | `node_memory_<Field>_bytes` (and `node_memory_<Field>` for counts) | gauge | every line of `/proc/meminfo` |
//! | `node_filesystem_{size,free,avail}_bytes{device,fstype,mountpoint}`, `node_filesystem_device_error` | gauge | `/proc/self/mounts` + `statvfs(3)` with a timeout |
//! | `node_disk_{reads,writes}_completed_total`, `node_disk_{read,written}_bytes_total`, `node_disk_{reads,writes}_merged_total`, `node_disk_{read,write,io}_time_seconds_total`, all `{device}` | counter | `/proc/diskstats` |
//! | `node_network_{receive,transmit}_{bytes,packets,errs,drop}_total{device}` | counter | `/proc/net/dev` |
//! | `node_load1`, `node_load5`, `node_load15` | gauge | `/proc/loadavg` |
//! | `node_boot_time_seconds` | gauge | `btime` of `/proc/stat` |
//! | `node_hwmon_temp_celsius{chip,sensor}`, `node_hwmon_temp_{max,crit}_celsius` | gauge | `/sys/class/hwmon` (`sensors_temperatures`) |
//! | `node_pressure_cpu_waiting_seconds_total`, `node_pressure_{memory,io}_{waiting,stalled}_seconds_total` | counter | `/proc/pressure/*` |
//!
//! Which mounts, disks and interfaces are left out follows the defaults of Debian's
//! node_exporter 1.5 (virtual filesystems and mounts under `/dev`, `/proc`, `/run`,
//! `/sys`, `/mnt`, `/media`; partitions, loop and ram disks; `lo`).

use psutil_rs::os::linux::{Pressure, Root};
use regex::Regex;
use std::sync::LazyLock;

use super::sink::{labels, Sink};
use crate::serve::statvfs::Statvfs;

/// node_exporter's default `--collector.filesystem.fs-types-exclude` (1.5).
static FS_TYPES_EXCLUDE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        "^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs|\
         iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|\
         squashfs|sysfs|tracefs)$",
    )
    .ok()
});
/// The default `--collector.filesystem.mount-points-exclude` of Debian's node_exporter
/// 1.5 (upstream's plus `/run`, `/mnt` and `/media`).
static MOUNTS_EXCLUDE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        "^/(dev|proc|run|sys|mnt|media|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)",
    )
    .ok()
});
/// node_exporter's default `--collector.diskstats.device-exclude` (1.5).
static DISKS_EXCLUDE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^(ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\d+n\d+p)\d+$").ok());

/// One source's reader.
type Part = dyn Fn(&Root, &mut Sink) -> Result<(), String>;

fn excluded(re: &LazyLock<Option<Regex>>, s: &str) -> bool {
    re.as_ref().is_some_and(|r| r.is_match(s))
}

/// Writes every system family; a source that fails is reported in
/// `psutil_exporter_collector_success{collector}` (0) and the scrape goes on.
pub fn collect(root: &Root, statvfs: &Statvfs, s: &mut Sink) {
    let parts: [(&str, &Part); 8] = [
        ("cpu", &cpu),
        ("meminfo", &meminfo),
        ("diskstats", &diskstats),
        ("netdev", &netdev),
        ("loadavg", &loadavg),
        ("stat", &boot_time),
        ("hwmon", &hwmon),
        ("pressure", &pressure),
    ];
    for (name, f) in parts {
        let ok = f(root, s);
        success(s, name, ok);
    }
    let ok = filesystem(root, statvfs, s);
    success(s, "filesystem", ok);
    s.gauge(
        "psutil_exporter_statvfs_blocked_mounts",
        "Mounts whose statvfs has not returned yet (skipped until it does).",
        Vec::new(),
        statvfs.stuck() as f64,
    );
}

fn success(s: &mut Sink, collector: &str, r: Result<(), String>) {
    s.gauge(
        "psutil_exporter_collector_success",
        "Whether a collector's source could be read in this scrape (1) or not (0).",
        labels(&[("collector", collector)]),
        if r.is_ok() { 1.0 } else { 0.0 },
    );
}

fn cpu(root: &Root, s: &mut Sink) -> Result<(), String> {
    let cpus = root.cpu_times_percpu().map_err(|e| e.to_string())?;
    const HELP: &str = "Seconds the CPUs spent in each mode.";
    for (i, t) in cpus.iter().enumerate() {
        let cpu = i.to_string();
        let modes = [
            ("idle", Some(t.idle)),
            ("iowait", Some(t.iowait)),
            ("irq", Some(t.irq)),
            ("nice", Some(t.nice)),
            ("softirq", Some(t.softirq)),
            ("steal", t.steal),
            ("system", Some(t.system)),
            ("user", Some(t.user)),
        ];
        for (mode, v) in modes {
            if let Some(v) = v {
                s.counter(
                    "node_cpu_seconds",
                    HELP,
                    labels(&[("cpu", &cpu), ("mode", mode)]),
                    v,
                );
            }
        }
        for (mode, v) in [("nice", t.guest_nice), ("user", t.guest)] {
            if let Some(v) = v {
                s.counter(
                    "node_cpu_guest_seconds",
                    "Seconds the CPUs spent running guests, by mode.",
                    labels(&[("cpu", &cpu), ("mode", mode)]),
                    v,
                );
            }
        }
    }
    Ok(())
}

/// `node_memory_<Field>_bytes` for each `kB` line of `/proc/meminfo`, `node_memory_<Field>`
/// for the counts (`HugePages_Total`); `(x)` in a field name becomes `_x`.
fn meminfo(root: &Root, s: &mut Sink) -> Result<(), String> {
    let path = root.proc_path("meminfo");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    for line in text.lines() {
        let Some((key, rest)) = line.split_once(':') else {
            continue;
        };
        let mut words = rest.split_whitespace();
        let Some(v) = words.next().and_then(|w| w.parse::<f64>().ok()) else {
            continue;
        };
        let key: String = key
            .trim()
            .chars()
            .filter(|c| *c != ')')
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let (name, v) = match words.next() {
            Some("kB") => (format!("node_memory_{key}_bytes"), v * 1024.0),
            _ => (format!("node_memory_{key}"), v),
        };
        s.gauge(&name, &format!("/proc/meminfo field {key}."), Vec::new(), v);
    }
    Ok(())
}

fn diskstats(root: &Root, s: &mut Sink) -> Result<(), String> {
    let disks = root
        .disk_io_counters_perdisk_raw()
        .map_err(|e| e.to_string())?;
    for (dev, d) in &disks {
        if excluded(&DISKS_EXCLUDE, dev) {
            continue;
        }
        let l = || labels(&[("device", dev)]);
        let ms = |v: u64| v as f64 / 1000.0;
        s.counter(
            "node_disk_reads_completed",
            "Reads completed.",
            l(),
            d.read_count as f64,
        );
        s.counter(
            "node_disk_writes_completed",
            "Writes completed.",
            l(),
            d.write_count as f64,
        );
        s.counter(
            "node_disk_read_bytes",
            "Bytes read.",
            l(),
            d.read_bytes as f64,
        );
        s.counter(
            "node_disk_written_bytes",
            "Bytes written.",
            l(),
            d.write_bytes as f64,
        );
        s.counter(
            "node_disk_reads_merged",
            "Reads merged.",
            l(),
            d.read_merged_count as f64,
        );
        s.counter(
            "node_disk_writes_merged",
            "Writes merged.",
            l(),
            d.write_merged_count as f64,
        );
        s.counter(
            "node_disk_read_time_seconds",
            "Seconds spent reading.",
            l(),
            ms(d.read_time),
        );
        s.counter(
            "node_disk_write_time_seconds",
            "Seconds spent writing.",
            l(),
            ms(d.write_time),
        );
        s.counter(
            "node_disk_io_time_seconds",
            "Seconds the device had I/O in flight.",
            l(),
            ms(d.busy_time),
        );
    }
    Ok(())
}

fn netdev(root: &Root, s: &mut Sink) -> Result<(), String> {
    let nics = root
        .net_io_counters_pernic_raw()
        .map_err(|e| e.to_string())?;
    for (dev, n) in &nics {
        // node_exporter leaves the loopback device out by default.
        if dev == "lo" {
            continue;
        }
        let l = || labels(&[("device", dev)]);
        let rows = [
            (
                "node_network_receive_bytes",
                "Bytes received.",
                n.bytes_recv,
            ),
            ("node_network_transmit_bytes", "Bytes sent.", n.bytes_sent),
            (
                "node_network_receive_packets",
                "Packets received.",
                n.packets_recv,
            ),
            (
                "node_network_transmit_packets",
                "Packets sent.",
                n.packets_sent,
            ),
            ("node_network_receive_errs", "Receive errors.", n.errin),
            ("node_network_transmit_errs", "Transmit errors.", n.errout),
            (
                "node_network_receive_drop",
                "Received packets dropped.",
                n.dropin,
            ),
            (
                "node_network_transmit_drop",
                "Outgoing packets dropped.",
                n.dropout,
            ),
        ];
        for (name, help, v) in rows {
            s.counter(name, help, l(), v as f64);
        }
    }
    Ok(())
}

fn loadavg(root: &Root, s: &mut Sink) -> Result<(), String> {
    let l = root.getloadavg().map_err(|e| e.to_string())?;
    s.gauge("node_load1", "1-minute load average.", Vec::new(), l.one);
    s.gauge("node_load5", "5-minute load average.", Vec::new(), l.five);
    s.gauge(
        "node_load15",
        "15-minute load average.",
        Vec::new(),
        l.fifteen,
    );
    Ok(())
}

fn boot_time(root: &Root, s: &mut Sink) -> Result<(), String> {
    let b = root.boot_time().map_err(|e| e.to_string())?;
    s.gauge(
        "node_boot_time_seconds",
        "Boot time, seconds since the epoch.",
        Vec::new(),
        b,
    );
    Ok(())
}

fn hwmon(root: &Root, s: &mut Sink) -> Result<(), String> {
    let temps = root.sensors_temperatures().map_err(|e| e.to_string())?;
    for (chip, list) in &temps {
        for (i, t) in list.iter().enumerate() {
            let sensor = if t.label.is_empty() {
                format!("temp{}", i + 1)
            } else {
                t.label.clone()
            };
            let l = || labels(&[("chip", chip), ("sensor", &sensor)]);
            s.gauge("node_hwmon_temp_celsius", "Temperature.", l(), t.current);
            if let Some(v) = t.high {
                s.gauge(
                    "node_hwmon_temp_max_celsius",
                    "Temperature high mark.",
                    l(),
                    v,
                );
            }
            if let Some(v) = t.critical {
                s.gauge(
                    "node_hwmon_temp_crit_celsius",
                    "Critical temperature.",
                    l(),
                    v,
                );
            }
        }
    }
    Ok(())
}

fn pressure(root: &Root, s: &mut Sink) -> Result<(), String> {
    let p = root.pressure().map_err(|e| e.to_string())?;
    let us = |v: u64| v as f64 / 1e6;
    let put = |s: &mut Sink, res: &str, p: &Option<Pressure>, full: bool| {
        let Some(p) = p else { return };
        if let Some(l) = &p.some {
            s.counter(
                &format!("node_pressure_{res}_waiting_seconds"),
                &format!("Seconds in which at least one task waited for {res}."),
                Vec::new(),
                us(l.total),
            );
        }
        if full {
            if let Some(l) = &p.full {
                s.counter(
                    &format!("node_pressure_{res}_stalled_seconds"),
                    &format!("Seconds in which all non-idle tasks stalled on {res}."),
                    Vec::new(),
                    us(l.total),
                );
            }
        }
    };
    put(s, "cpu", &p.cpu, false);
    put(s, "memory", &p.memory, true);
    put(s, "io", &p.io, true);
    if p.cpu.is_none() && p.memory.is_none() && p.io.is_none() {
        return Err("no /proc/pressure files (PSI disabled or kernel < 4.20)".into());
    }
    Ok(())
}

/// `node_filesystem_*`: `statvfs` on each mount with a timeout ([`Statvfs`]); a mount
/// that fails, times out or is still blocked from an earlier scrape gets
/// `node_filesystem_device_error` 1 and no size series.
fn filesystem(root: &Root, statvfs: &Statvfs, s: &mut Sink) -> Result<(), String> {
    let parts = root.disk_partitions(true).map_err(|e| e.to_string())?;
    let mut seen = std::collections::HashSet::new();
    for p in &parts {
        let mount = p.mountpoint.to_string_lossy();
        if excluded(&FS_TYPES_EXCLUDE, &p.fstype)
            || excluded(&MOUNTS_EXCLUDE, &mount)
            || !seen.insert((p.device.clone(), p.mountpoint.clone()))
        {
            continue;
        }
        let device = p.device.to_string_lossy();
        let l = || {
            labels(&[
                ("device", &device),
                ("fstype", &p.fstype),
                ("mountpoint", &mount),
            ])
        };
        match statvfs.usage(&p.mountpoint) {
            Ok(u) => {
                // psutil's `free` is statvfs's f_bavail (node_exporter's avail); its
                // `used` is blocks − f_bfree, so f_bfree (node_exporter's free) is
                // total − used.
                s.gauge(
                    "node_filesystem_size_bytes",
                    "Filesystem size in bytes.",
                    l(),
                    u.total as f64,
                );
                s.gauge(
                    "node_filesystem_free_bytes",
                    "Free bytes, including those reserved for root.",
                    l(),
                    u.total.saturating_sub(u.used) as f64,
                );
                s.gauge(
                    "node_filesystem_avail_bytes",
                    "Bytes available to unprivileged users.",
                    l(),
                    u.free as f64,
                );
                s.gauge(
                    "node_filesystem_device_error",
                    "Whether statvfs failed.",
                    l(),
                    0.0,
                );
            }
            Err(_) => {
                s.gauge(
                    "node_filesystem_device_error",
                    "Whether statvfs failed.",
                    l(),
                    1.0,
                );
            }
        }
    }
    Ok(())
}
