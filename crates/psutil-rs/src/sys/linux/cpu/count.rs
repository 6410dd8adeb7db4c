//! `cpu_count()` on Linux: `sysconf`, `/proc/cpuinfo`, `/proc/stat` and the sysfs CPU
//! topology.

use std::ffi::OsStr;

use crate::error::Result;
use crate::parse::fields::trim;
use crate::parse::{cpuinfo, proc_stat};
use crate::sys;
use crate::sys::root::Root;

/// For a name matching the glob `<prefix>[0-9]*` (`cpu12`, `policy0`), the number
/// after the prefix; `None` for other names (`cpufreq`, `cpuidle`).
pub(super) fn numbered(name: &OsStr, prefix: &str) -> Option<u64> {
    let rest = name.as_encoded_bytes().strip_prefix(prefix.as_bytes())?;
    let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
    crate::parse::fields::parse_u64(rest.get(..digits)?)
}

impl Root {
    /// [`cpu_count`](crate::cpu_count) read from this root. `sysconf` describes the running
    /// system, so it is used only when this root is the host; other roots go straight to
    /// the file fallbacks.
    pub fn cpu_count(&self) -> Option<usize> {
        if self.is_host() {
            if let Some(n) = sys::nprocessors_onln() {
                return Some(n);
            }
        }
        if let Ok(data) = sys::fs::read(&self.proc_path("cpuinfo")) {
            let n = cpuinfo::count_processors(&data);
            if n > 0 {
                return Some(n);
            }
        }
        let data = sys::fs::read(&self.proc_path("stat")).ok()?;
        Some(proc_stat::count_cpu_lines(&data)).filter(|n| *n > 0)
    }

    /// [`cpu_count_physical`](crate::cpu_count_physical) read from this root.
    pub fn cpu_count_physical(&self) -> Option<usize> {
        match self.cores_from_topology() {
            Ok(Some(n)) => Some(n),
            _ => {
                let data = sys::fs::read(&self.proc_path("cpuinfo")).ok()?;
                cpuinfo::physical_cores(&data).ok().flatten()
            }
        }
    }

    /// The number of distinct `core_cpus_list` (else `thread_siblings_list`) contents.
    fn cores_from_topology(&self) -> Result<Option<usize>> {
        let dir = self.sys_path("devices/system/cpu");
        let cpus: Vec<_> = match sys::fs::list_dir(&dir) {
            Ok(names) => names
                .into_iter()
                .filter(|n| numbered(n, "cpu").is_some())
                .collect(),
            Err(e) if e.is_not_found() => return Ok(None),
            Err(e) => return Err(e),
        };
        for file in ["core_cpus_list", "thread_siblings_list"] {
            let mut seen: Vec<Vec<u8>> = Vec::new();
            for cpu in &cpus {
                let path = dir.join(cpu).join("topology").join(file);
                if !sys::fs::exists(&path) {
                    continue;
                }
                let content = trim(&sys::fs::read(&path)?).to_vec();
                if !seen.contains(&content) {
                    seen.push(content);
                }
            }
            if !seen.is_empty() {
                return Ok(Some(seen.len()));
            }
        }
        Ok(None)
    }
}
