//! `psutil taskset -p [-c] [MASK|LIST] PID`: like util-linux taskset(1).

use psutil_rs::Process;

use crate::args::TasksetArgs;
use crate::out::{self, CmdError};
use psutil_rs::os::linux::ProcessExt as _;

/// "0,2-3" → [0, 2, 3].
pub fn parse_list(s: &str) -> Result<Vec<u32>, String> {
    let mut cpus = Vec::new();
    for part in s.split(',').filter(|p| !p.is_empty()) {
        let bad = || format!("failed to parse CPU list: {s}");
        match part.split_once('-') {
            Some((a, b)) => {
                let (a, b): (u32, u32) =
                    (a.parse().map_err(|_| bad())?, b.parse().map_err(|_| bad())?);
                if a > b {
                    return Err(bad());
                }
                cpus.extend(a..=b);
            }
            None => cpus.push(part.parse().map_err(|_| bad())?),
        }
    }
    Ok(cpus)
}

/// [0, 1, 2, 5, 7, 8] → "0-2,5,7,8": util-linux writes a run of three or more as a
/// range and a pair as two numbers.
pub fn format_list(cpus: &[u32]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(&start) = cpus.get(i) {
        let mut end = start;
        while cpus.get(i + 1) == Some(&(end + 1)) {
            end += 1;
            i += 1;
        }
        match end - start {
            0 => out.push(start.to_string()),
            1 => out.push(format!("{start},{end}")),
            _ => out.push(format!("{start}-{end}")),
        }
        i += 1;
    }
    out.join(",")
}

fn parse_mask(s: &str) -> Result<Vec<u32>, String> {
    let hex = s.trim_start_matches("0x");
    let v = u128::from_str_radix(hex, 16).map_err(|_| format!("failed to parse CPU mask: {s}"))?;
    Ok((0..128).filter(|b| v >> b & 1 == 1).collect())
}

fn format_mask(cpus: &[u32]) -> String {
    let v: u128 = cpus.iter().filter(|&&c| c < 128).map(|&c| 1u128 << c).sum();
    format!("{v:x}")
}

/// Prints the affinity (and sets it when a mask or list is given).
pub fn run(a: &TasksetArgs, json: bool) -> Result<(), CmdError> {
    let (spec, pid) = match a.values.as_slice() {
        [pid] => (None, pid),
        [spec, pid] => (Some(spec), pid),
        _ => return Err("usage: taskset -p [-c] [MASK|LIST] PID".into()),
    };
    let pid: u32 = pid.parse().map_err(|_| format!("invalid pid: {pid}"))?;
    let p = Process::new(pid)?;
    let show = |cpus: &[u32], word: &str| {
        if a.list {
            format!("pid {pid}'s {word} affinity list: {}\n", format_list(cpus))
        } else {
            format!("pid {pid}'s {word} affinity mask: {}\n", format_mask(cpus))
        }
    };
    let current = p.cpu_affinity()?;
    if json && spec.is_none() {
        return out::json(&serde_json::json!({"pid": pid, "cpu_affinity": current}));
    }
    let mut text = show(&current, "current");
    if let Some(spec) = spec {
        let cpus = if a.list {
            parse_list(spec)?
        } else {
            parse_mask(spec)?
        };
        p.set_cpu_affinity(&cpus)?;
        let now = p.cpu_affinity()?;
        if json {
            return out::json(&serde_json::json!({"pid": pid, "cpu_affinity": now}));
        }
        text.push_str(&show(&now, "new"));
    }
    out::print(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_masks() {
        assert_eq!(parse_list("0,2-3"), Ok(vec![0, 2, 3]));
        assert!(parse_list("3-1").is_err());
        assert_eq!(format_list(&[0, 1, 2, 5]), "0-2,5");
        assert_eq!(format_list(&[0, 1, 5, 7, 8]), "0,1,5,7,8");
        assert_eq!(parse_mask("0x5"), Ok(vec![0, 2]));
        assert_eq!(format_mask(&[0, 1]), "3");
    }
}
