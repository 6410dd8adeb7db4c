//! The host's view, read through Wine's `Z:` drive (`Z:` is `/`): the system-wide
//! /proc and /sys files Wine passes values through from (never `Z:\proc\self`, which is
//! the wineserver).

use std::path::PathBuf;

/// The host path `unix` (`/proc/stat`) as a Windows path (`Z:\proc\stat`).
pub fn z(unix: &str) -> PathBuf {
    PathBuf::from(format!("Z:{}", unix.replace('/', "\\")))
}

/// The host file `unix`, as text.
pub fn read(unix: &str) -> String {
    std::fs::read_to_string(z(unix)).unwrap_or_else(|e| panic!("read {unix}: {e}"))
}

/// The value of a `Key: value kB` line of /proc/meminfo, in bytes.
pub fn meminfo(key: &str) -> u64 {
    let text = read("/proc/meminfo");
    let line = text
        .lines()
        .find(|l| l.split(':').next() == Some(key))
        .unwrap_or_else(|| panic!("no {key} in /proc/meminfo"));
    let kb: u64 = line
        .split_whitespace()
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("bad line {line:?}"));
    kb * 1024
}

/// The numbers of the `cpu` (system-wide) line of /proc/stat, in clock ticks.
pub fn proc_stat_cpu() -> Vec<u64> {
    let text = read("/proc/stat");
    let line = text.lines().next().expect("a first line");
    assert!(line.starts_with("cpu "), "{line}");
    line.split_whitespace()
        .skip(1)
        .map(|v| v.parse().expect("a number"))
        .collect()
}

/// The `btime` of /proc/stat.
pub fn btime() -> u64 {
    read("/proc/stat")
        .lines()
        .find_map(|l| l.strip_prefix("btime "))
        .and_then(|v| v.trim().parse().ok())
        .expect("a btime line")
}

/// The `processor` lines of /proc/cpuinfo.
pub fn cpuinfo_processors() -> usize {
    read("/proc/cpuinfo")
        .lines()
        .filter(|l| l.starts_with("processor"))
        .count()
}

/// The distinct `(physical id, core id)` pairs of /proc/cpuinfo: the physical cores.
pub fn cpuinfo_cores() -> usize {
    let text = read("/proc/cpuinfo");
    let mut pairs = std::collections::BTreeSet::new();
    for block in text.split("\n\n") {
        let field = |k: &str| {
            block
                .lines()
                .find(|l| l.split(':').next().map(str::trim) == Some(k))
                .and_then(|l| l.split(':').nth(1))
                .map(|v| v.trim().to_string())
        };
        if let (Some(p), Some(c)) = (field("physical id"), field("core id")) {
            pairs.insert((p, c));
        }
    }
    pairs.len()
}

/// The first `cpu MHz` of /proc/cpuinfo.
pub fn cpuinfo_mhz() -> Option<f64> {
    read("/proc/cpuinfo")
        .lines()
        .find(|l| l.starts_with("cpu MHz"))
        .and_then(|l| l.split(':').nth(1))
        .and_then(|v| v.trim().parse().ok())
}

/// `/proc/net/dev`: interface name → (rx bytes, tx bytes).
pub fn net_dev() -> Vec<(String, u64, u64)> {
    read("/proc/net/dev")
        .lines()
        .skip(2)
        .filter_map(|l| {
            let (name, rest) = l.split_once(':')?;
            let v: Vec<u64> = rest
                .split_whitespace()
                .filter_map(|x| x.parse().ok())
                .collect();
            Some((name.trim().to_string(), *v.first()?, *v.get(8)?))
        })
        .collect()
}

/// The seconds since the epoch now.
pub fn now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs_f64()
}
