//! Process memory beyond `statm`: `memory_full_info`, `memory_maps`, `memory_percent`.

use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};

use super::types::{MemoryFullInfo, MemoryMap, MemoryMapExt};
use crate::error::{Error, Result};
use crate::parse::pid_smaps::{self, SmapsEntry};
use crate::percent::{memory_percent as memory_percent_of, memtype_index};
use crate::process::Process;

/// psutil's `pfullmem._fields`, the valid `memtype`s of `memory_percent`.
const MEMTYPES: [&str; 10] = [
    "rss", "vms", "shared", "text", "lib", "data", "dirty", "uss", "pss", "swap",
];

fn map_path(raw: &[u8]) -> PathBuf {
    if raw.is_empty() {
        return PathBuf::from("[anon]");
    }
    let suffix: &[u8] = b" (deleted)";
    let mut v = raw.to_vec();
    if v.ends_with(suffix) && !Path::new(OsStr::from_bytes(&v)).exists() {
        v.truncate(v.len() - suffix.len());
    }
    PathBuf::from(OsString::from_vec(v))
}

impl Process {
    /// (uss, pss, swap) from `smaps_rollup`, or `smaps` when the rollup is missing.
    pub(crate) fn smaps_totals(&self) -> Result<(u64, u64, u64)> {
        let data = match self.read("smaps_rollup") {
            Ok(d) => d,
            // ESRCH: a zombie (psutil falls back to smaps, empty for a zombie: zeros).
            Err(Error::NotFound { .. })
            | Err(Error::NoSuchProcess { .. })
            | Err(Error::ZombieProcess { .. }) => self.read("smaps")?,
            Err(e) => return Err(e),
        };
        pid_smaps::totals(&data)
    }

    fn smaps(&self) -> Result<Vec<SmapsEntry>> {
        let data = self.read("smaps")?;
        if data.is_empty() {
            self.zombie_check()?;
            return Ok(Vec::new());
        }
        pid_smaps::parse(&data).map_err(|e| e.at_path(&self.path("smaps")))
    }
}

/// [`memory_info`](Process::memory_info) plus USS, PSS and swap, summed from
/// `/proc/<pid>/smaps_rollup` (since Linux 4.14), falling back to the slower
/// `/proc/<pid>/smaps` when the rollup is missing or fails with ESRCH (zombies: all
/// zeros then, as in psutil), as psutil's `memory_full_info()`.
pub(crate) fn memory_full_info(p: &Process) -> Result<MemoryFullInfo> {
    let totals = p.smaps_totals()?;
    Ok(MemoryFullInfo::new(p.memory_info()?, totals))
}

/// The mapped regions from `/proc/<pid>/smaps`, summed per path in order of first
/// appearance. psutil's `memory_maps(grouped=True)`. Anonymous regions are
/// `[anon]`; `" (deleted)"` is dropped when that path does not exist. A zombie gives
/// [`Error::ZombieProcess`]; kernel threads an empty list.
pub(crate) fn memory_maps(p: &Process) -> Result<Vec<MemoryMap>> {
    let mut out: Vec<MemoryMap> = Vec::new();
    let mut index: std::collections::HashMap<PathBuf, usize> = std::collections::HashMap::new();
    for e in p.smaps()? {
        let path = map_path(&e.path);
        match index.get(&path).and_then(|&i| out.get_mut(i)) {
            Some(m) => m.counters.add(&e.counters),
            None => {
                index.insert(path.clone(), out.len());
                out.push(MemoryMap {
                    path,
                    counters: e.counters,
                });
            }
        }
    }
    Ok(out)
}

/// Every mapped region of `/proc/<pid>/smaps` with its address and permissions.
/// psutil's `memory_maps(grouped=False)`.
pub(crate) fn memory_maps_ungrouped(p: &Process) -> Result<Vec<MemoryMapExt>> {
    Ok(p.smaps()?
        .into_iter()
        .map(|e| MemoryMapExt {
            path: map_path(&e.path),
            addr: e.addr,
            perms: e.perms,
            counters: e.counters,
        })
        .collect())
}

/// This process's share of physical memory, in percent (not rounded):
/// `memtype` (a field of [`MemoryFullInfo`]: "rss", "vms", ..., "uss", "pss",
/// "swap") / `MemTotal` of `/proc/meminfo` × 100. psutil's `memory_percent()`.
pub(crate) fn memory_percent(p: &Process, memtype: &str) -> Result<f64> {
    let i = memtype_index(&MEMTYPES, memtype)?;
    let value = if i < 7 {
        let m = p.memory_info()?;
        [m.rss, m.vms, m.shared, m.text, m.lib, m.data, m.dirty]
            .into_iter()
            .zip(MEMTYPES)
            .find(|(_, n)| *n == memtype)
            .map_or(0, |(v, _)| v)
    } else {
        let m = p.memory_full_info()?;
        match memtype {
            "uss" => m.uss,
            "pss" => m.pss,
            _ => m.swap,
        }
    };
    memory_percent_of(
        value,
        p.imp.root.virtual_memory()?.total,
        "MemTotal of /proc/meminfo is 0",
    )
}
