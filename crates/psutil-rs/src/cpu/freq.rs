//! `cpu_freq()`: current, minimum and maximum frequency (on Linux from sysfs cpufreq or
//! `/proc/cpuinfo`).

use crate::error::Result;
use crate::sys;

/// CPU frequency in MHz. psutil's `scpufreq`.
///
/// A value the kernel gives that cannot be a frequency (negative, as the `-1` written
/// for "unknown" by some drivers and hypervisors, or not finite) is unknown, never
/// reported as such: in a per-CPU entry an unknown field is 0.0, psutil's
/// representation of an unknown `min`/`max` (and of an offline CPU's `current`); in
/// [`cpu_freq`]'s means unknown values are left out, and a field no CPU knows is 0.0.
/// (psutil reports such values as they are: -0.001 for a `-1` kHz file, -1.0 for a
/// `cpu MHz : -1` line.)
#[doc(alias = "scpufreq")]
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CpuFreq {
    /// Current frequency: the `cpu MHz` line of `/proc/cpuinfo` or `scaling_cur_freq`
    /// (see [`cpu_freq_percpu`]); 0.0 when unknown.
    pub current: f64,
    /// `scaling_min_freq`; 0.0 when the kernel has no cpufreq driver or the value is
    /// unknown.
    pub min: f64,
    /// `scaling_max_freq`; 0.0 when the kernel has no cpufreq driver or the value is
    /// unknown.
    pub max: f64,
}

/// One entry before unknown values are replaced: `None` is unknown.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RawFreq {
    pub(crate) current: Option<f64>,
    pub(crate) min: Option<f64>,
    pub(crate) max: Option<f64>,
}

impl RawFreq {
    /// The entry with unknown values as 0.0 (psutil's representation).
    pub(crate) fn known(self) -> CpuFreq {
        CpuFreq {
            current: self.current.unwrap_or(0.0),
            min: self.min.unwrap_or(0.0),
            max: self.max.unwrap_or(0.0),
        }
    }
}

/// The mean of the known values, 0.0 when none is.
fn mean_known(values: impl Iterator<Item = Option<f64>>) -> f64 {
    let (sum, n) = values
        .flatten()
        .fold((0.0, 0u32), |(s, n), v| (s + v, n + 1));
    if n == 0 {
        0.0
    } else {
        sum / f64::from(n)
    }
}

/// [`cpu_freq`]: the mean of each field over `all` (unknown values left out), `None`
/// when `all` is empty (psutil averages its per-CPU list in Python).
pub(crate) fn mean(all: &[RawFreq]) -> Option<CpuFreq> {
    if all.is_empty() {
        return None;
    }
    Some(CpuFreq {
        current: mean_known(all.iter().map(|c| c.current)),
        min: mean_known(all.iter().map(|c| c.min)),
        max: mean_known(all.iter().map(|c| c.max)),
    })
}

/// The frequency of each CPU (or each cpufreq policy) in MHz. psutil's
/// `cpu_freq(percpu=True)`.
///
/// Linux: when the kernel has a cpufreq driver (`/sys/devices/system/cpu/cpufreq/policy0` or
/// `/sys/devices/system/cpu/cpu0/cpufreq` exists; for the host's `/sys` this is looked
/// at once, on the first call, as psutil decides it once at import), one entry per
/// `cpufreq/policy[0-9]*` directory (else per `cpu[0-9]*/cpufreq`), sorted by number:
/// - `current`: the N-th `cpu MHz` line of `/proc/cpuinfo` when there are as many such
///   lines as directories (psutil #1851); else `scaling_cur_freq`, then
///   `cpuinfo_cur_freq` (kHz / 1000). If neither is readable and
///   `/sys/devices/system/cpu/cpuN/online` reads `0` (N being the entry's index, as in
///   psutil), the CPU is offline and the entry is all zeros; otherwise
///   [`Error::Unsupported`](crate::Error::Unsupported).
/// - `min`, `max`: `scaling_min_freq`, `scaling_max_freq` (kHz / 1000).
///
/// Without cpufreq (common in virtual machines), one entry per `cpu MHz` line of
/// `/proc/cpuinfo` with `min` and `max` 0.0; empty on architectures whose cpuinfo has
/// no such line. psutil makes this choice once at import; this function makes it on
/// every call.
///
/// A value that cannot be a frequency (negative or not finite, see [`CpuFreq`]) is
/// unknown: a `cpu MHz` line holding one counts as absent (sysfs is read instead,
/// when there is cpufreq), a `scaling_cur_freq` holding one leads to
/// `cpuinfo_cur_freq`, and a field left unknown is 0.0.
///
/// Windows: `CallNtPowerInformation(ProcessorInformation)`: one entry, as psutil.
pub fn cpu_freq_percpu() -> Result<Vec<CpuFreq>> {
    sys::cpu::cpu_freq_percpu()
}

/// The CPU frequency in MHz: the mean of each field over [`cpu_freq_percpu`]'s entries,
/// the entry itself when there is one, `None` when there is none. psutil's
/// `cpu_freq()`. Unknown values (see [`CpuFreq`]) are left out of the means; a field
/// unknown for every entry is 0.0. An offline CPU's zeros count, as in psutil.
///
/// Windows: `CallNtPowerInformation(ProcessorInformation)` of the first CPU (current and max MHz; min 0.0, as psutil).
pub fn cpu_freq() -> Result<Option<CpuFreq>> {
    sys::cpu::cpu_freq()
}
