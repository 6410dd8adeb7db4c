//! `cpu_freq()` on Linux: sysfs cpufreq or `/proc/cpuinfo`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::count::numbered;
use crate::cpu::freq::{mean, RawFreq};
use crate::cpu::CpuFreq;
use crate::error::{Error, Result};
use crate::parse::cpuinfo;
use crate::parse::fields::parse_u64;
use crate::sys;
use crate::sys::root::Root;

/// Parses a kHz attribute and converts it to MHz; `None` for a negative integer (the
/// `-1` of "unknown"), which cannot be a frequency. Anything else that is not a whole
/// number is an error.
fn parse_khz(path: &Path, raw: &[u8]) -> Result<Option<f64>> {
    let (negative, digits) = match raw.strip_prefix(b"-") {
        Some(rest) => (true, rest),
        None => (false, raw),
    };
    let khz = parse_u64(digits).ok_or_else(|| Error::Parse {
        path: path.to_path_buf(),
        line: Some(1),
        msg: format!(
            "{:?} is not a frequency in kHz",
            String::from_utf8_lossy(raw)
        ),
    })?;
    Ok((!negative || khz == 0).then(|| khz as f64 / 1000.0))
}

/// Reads a kHz attribute as MHz (`None`: unknown, see [`parse_khz`]).
fn read_khz(path: &Path) -> Result<Option<f64>> {
    parse_khz(path, &sys::fs::read_trimmed(path)?)
}

/// Reads a kHz attribute as MHz: outer `None` on any I/O error (psutil's
/// `fallback=None`; `cpuinfo_cur_freq` is often readable by root only), inner `None`
/// when it holds a value that cannot be a frequency.
fn read_khz_opt(path: &Path) -> Result<Option<Option<f64>>> {
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

    /// [`cpu_freq_percpu`](crate::cpu_freq_percpu) read from this root.
    pub fn cpu_freq_percpu(&self) -> Result<Vec<CpuFreq>> {
        Ok(self
            .cpu_freq_raw()?
            .into_iter()
            .map(RawFreq::known)
            .collect())
    }

    /// The entries of [`cpu_freq_percpu`] with unknown values as `None`.
    fn cpu_freq_raw(&self) -> Result<Vec<RawFreq>> {
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
                .map(|current| RawFreq {
                    current,
                    min: None,
                    max: None,
                })
                .collect());
        }
        let dirs = self.cpufreq_dirs()?;
        let use_cpuinfo = dirs.len() == mhz.len();
        let mut out = Vec::with_capacity(dirs.len());
        for (i, dir) in dirs.iter().enumerate() {
            // A `cpu MHz` line that is not a frequency counts as absent: sysfs is read.
            let from_cpuinfo = mhz.get(i).filter(|_| use_cpuinfo).copied().flatten();
            let current = match from_cpuinfo {
                // psutil goes through int(MHz * 1000) / 1000, truncating below 1 kHz.
                Some(m) => Some(Some((m * 1000.0).trunc() / 1000.0)),
                None => read_khz_opt(&dir.join("scaling_cur_freq"))?,
            };
            let current = match current {
                Some(Some(c)) => Some(c),
                // scaling_cur_freq holds no frequency: cpuinfo_cur_freq if it has one,
                // else unknown (the files are there, the value is not).
                Some(None) => read_khz_opt(&dir.join("cpuinfo_cur_freq"))?.flatten(),
                None => match read_khz_opt(&dir.join("cpuinfo_cur_freq"))? {
                    Some(c) => c,
                    None => {
                        // psutil checks cpu<i>/online with the index, not the number.
                        let online = sys::fs::read(&cpu.join(format!("cpu{i}/online")));
                        if matches!(online.as_deref(), Ok(b"0\n")) {
                            // psutil's zeros, which count in its means.
                            out.push(RawFreq {
                                current: Some(0.0),
                                min: Some(0.0),
                                max: Some(0.0),
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
            out.push(RawFreq {
                current,
                min: read_khz(&dir.join("scaling_min_freq"))?,
                max: read_khz(&dir.join("scaling_max_freq"))?,
            });
        }
        Ok(out)
    }

    /// [`cpu_freq`](crate::cpu_freq) read from this root.
    pub fn cpu_freq(&self) -> Result<Option<CpuFreq>> {
        Ok(mean(&self.cpu_freq_raw()?))
    }
}

fn list_dir_opt(dir: &Path) -> Result<Option<Vec<std::ffi::OsString>>> {
    match sys::fs::list_dir(dir) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e),
    }
}
