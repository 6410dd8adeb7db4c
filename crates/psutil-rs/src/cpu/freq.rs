//! `cpu_freq()`: current, minimum and maximum frequency from sysfs cpufreq or
//! `/proc/cpuinfo`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::count::numbered;
use crate::error::{Error, Result};
use crate::parse::cpuinfo;
use crate::parse::fields::parse_u64;
use crate::root::Root;
use crate::sys;

/// CPU frequency in MHz. psutil's `scpufreq`.
#[doc(alias = "scpufreq")]
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CpuFreq {
    /// Current frequency: the `cpu MHz` line of `/proc/cpuinfo` or `scaling_cur_freq`
    /// (see [`cpu_freq_percpu`]).
    pub current: f64,
    /// `scaling_min_freq`; 0.0 when the kernel has no cpufreq driver.
    pub min: f64,
    /// `scaling_max_freq`; 0.0 when the kernel has no cpufreq driver.
    pub max: f64,
}

/// Parses a kHz attribute and converts it to MHz.
fn parse_khz(path: &Path, raw: &[u8]) -> Result<f64> {
    let khz = parse_u64(raw).ok_or_else(|| Error::Parse {
        path: path.to_path_buf(),
        line: Some(1),
        msg: format!(
            "{:?} is not a frequency in kHz",
            String::from_utf8_lossy(raw)
        ),
    })?;
    Ok(khz as f64 / 1000.0)
}

/// Reads a kHz attribute as MHz.
fn read_khz(path: &Path) -> Result<f64> {
    parse_khz(path, &sys::fs::read_trimmed(path)?)
}

/// Reads a kHz attribute as MHz, giving `None` on any I/O error (psutil's
/// `fallback=None`; `cpuinfo_cur_freq` is often readable by root only).
fn read_khz_opt(path: &Path) -> Result<Option<f64>> {
    match sys::fs::read_trimmed(path) {
        Ok(raw) => parse_khz(path, &raw).map(Some),
        Err(_) => Ok(None),
    }
}

impl Root {
    /// The cpufreq directories: `cpufreq/policy[0-9]*`, else `cpu[0-9]*/cpufreq`,
    /// sorted by their number.
    fn cpufreq_dirs(&self) -> Result<Vec<PathBuf>> {
        let base = self.sys_path("devices/system/cpu");
        let mut found: Vec<(u64, PathBuf)> = Vec::new();
        let policies = base.join("cpufreq");
        if let Some(names) = list_dir_opt(&policies)? {
            for n in names {
                if let Some(k) = numbered(&n, "policy") {
                    found.push((k, policies.join(n)));
                }
            }
        }
        if found.is_empty() {
            if let Some(names) = list_dir_opt(&base)? {
                for n in names {
                    if let Some(k) = numbered(&n, "cpu") {
                        let p = base.join(n).join("cpufreq");
                        if sys::fs::exists(&p) {
                            found.push((k, p));
                        }
                    }
                }
            }
        }
        found.sort_by_key(|(k, _)| *k);
        Ok(found.into_iter().map(|(_, p)| p).collect())
    }

    /// [`cpu_freq_percpu`] read from this root.
    pub fn cpu_freq_percpu(&self) -> Result<Vec<CpuFreq>> {
        let cpuinfo_path = self.proc_path("cpuinfo");
        let cpu = self.sys_path("devices/system/cpu");
        let probe = || {
            sys::fs::exists(&cpu.join("cpufreq/policy0"))
                || sys::fs::exists(&cpu.join("cpu0/cpufreq"))
        };
        // psutil looks once, at import, and keeps its choice: so does this for the
        // host's /sys (other trees are looked at every time).
        static HOST_HAS_CPUFREQ: OnceLock<bool> = OnceLock::new();
        let has_cpufreq = if self.sysfs() == Path::new(sys::DEFAULT_DIRS.sys) {
            *HOST_HAS_CPUFREQ.get_or_init(probe)
        } else {
            probe()
        };
        let mhz = sys::fs::parse(&cpuinfo_path, cpuinfo::mhz)?;
        if !has_cpufreq {
            return Ok(mhz
                .into_iter()
                .map(|current| CpuFreq {
                    current,
                    min: 0.0,
                    max: 0.0,
                })
                .collect());
        }
        let dirs = self.cpufreq_dirs()?;
        let use_cpuinfo = dirs.len() == mhz.len();
        let mut out = Vec::with_capacity(dirs.len());
        for (i, dir) in dirs.iter().enumerate() {
            let current = match mhz.get(i).filter(|_| use_cpuinfo) {
                // psutil goes through int(MHz * 1000) / 1000, truncating below 1 kHz.
                Some(m) => Some((m * 1000.0).trunc() / 1000.0),
                None => read_khz_opt(&dir.join("scaling_cur_freq"))?,
            };
            let current = match current {
                Some(c) => c,
                None => match read_khz_opt(&dir.join("cpuinfo_cur_freq"))? {
                    Some(c) => c,
                    None => {
                        // psutil checks cpu<i>/online with the index, not the number.
                        let online = sys::fs::read(&cpu.join(format!("cpu{i}/online")));
                        if matches!(online.as_deref(), Ok(b"0\n")) {
                            out.push(CpuFreq {
                                current: 0.0,
                                min: 0.0,
                                max: 0.0,
                            });
                            continue;
                        }
                        return Err(Error::unsupported(format!(
                            "can't find current frequency file in {}",
                            dir.display()
                        )));
                    }
                },
            };
            out.push(CpuFreq {
                current,
                min: read_khz(&dir.join("scaling_min_freq"))?,
                max: read_khz(&dir.join("scaling_max_freq"))?,
            });
        }
        Ok(out)
    }

    /// [`cpu_freq`] read from this root.
    pub fn cpu_freq(&self) -> Result<Option<CpuFreq>> {
        let all = self.cpu_freq_percpu()?;
        Ok(match all.as_slice() {
            [] => None,
            [one] => Some(*one),
            many => {
                let n = many.len() as f64;
                let sum = |f: fn(&CpuFreq) -> f64| many.iter().map(f).fold(0.0, |a, v| a + v);
                Some(CpuFreq {
                    current: sum(|c| c.current) / n,
                    min: sum(|c| c.min) / n,
                    max: sum(|c| c.max) / n,
                })
            }
        })
    }
}

fn list_dir_opt(dir: &Path) -> Result<Option<Vec<std::ffi::OsString>>> {
    match sys::fs::list_dir(dir) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e),
    }
}

/// The frequency of each CPU (or each cpufreq policy) in MHz. psutil's
/// `cpu_freq(percpu=True)`.
///
/// When the kernel has a cpufreq driver (`/sys/devices/system/cpu/cpufreq/policy0` or
/// `/sys/devices/system/cpu/cpu0/cpufreq` exists; for the host's `/sys` this is looked
/// at once, on the first call, as psutil decides it once at import), one entry per
/// `cpufreq/policy[0-9]*` directory (else per `cpu[0-9]*/cpufreq`), sorted by number:
/// - `current`: the N-th `cpu MHz` line of `/proc/cpuinfo` when there are as many such
///   lines as directories (psutil #1851); else `scaling_cur_freq`, then
///   `cpuinfo_cur_freq` (kHz / 1000). If neither is readable and
///   `/sys/devices/system/cpu/cpuN/online` reads `0` (N being the entry's index, as in
///   psutil), the CPU is offline and the entry is all zeros; otherwise
///   [`Error::Unsupported`].
/// - `min`, `max`: `scaling_min_freq`, `scaling_max_freq` (kHz / 1000).
///
/// Without cpufreq (common in virtual machines), one entry per `cpu MHz` line of
/// `/proc/cpuinfo` with `min` and `max` 0.0; empty on architectures whose cpuinfo has
/// no such line. psutil makes this choice once at import; this function makes it on
/// every call.
pub fn cpu_freq_percpu() -> Result<Vec<CpuFreq>> {
    Root::current().cpu_freq_percpu()
}

/// The CPU frequency in MHz: the mean of each field over [`cpu_freq_percpu`]'s entries,
/// the entry itself when there is one, `None` when there is none. psutil's
/// `cpu_freq()`.
pub fn cpu_freq() -> Result<Option<CpuFreq>> {
    Root::current().cpu_freq()
}
