//! `cpu_percent()` and `cpu_times_percent()`: utilisation between two reads of
//! the CPU times (`/proc/stat` on Linux), and [`CpuSampler`], which holds the previous read.

use std::cell::RefCell;
use std::time::Duration;

use super::times::CpuTimes;
use crate::error::Result;
use crate::percent::round_to;
use crate::sys;
use crate::sys::cpu::Source;

/// Per-field deltas clamped at 0: CPU times occasionally go backwards (psutil #392,
/// #645, #1210; top does the same).
fn deltas(t1: &CpuTimes, t2: &CpuTimes) -> CpuTimes {
    t1.zip_with(t2, |a, b| (b - a).max(0.0))
}

/// All the time in `d` as the platform counts it ([`CpuTimes::total`]; on Linux the
/// sum of its fields minus `guest` and `guest_nice`, which are already counted in `user`
/// and `nice`).
fn total(d: &CpuTimes) -> f64 {
    d.total()
}

/// psutil's `cpu_percent` formula: `busy = total - idle` (minus each field the platform
/// counts as not busy, `CpuTimes::idle_parts`: `idle` and `iowait` on Linux),
/// `round(busy / total * 100, 1)`, 0.0 when no time passed.
pub(crate) fn percent_of(t1: &CpuTimes, t2: &CpuTimes) -> f64 {
    let d = deltas(t1, t2);
    let all = total(&d);
    if all == 0.0 {
        return 0.0;
    }
    let busy = d.idle_parts().into_iter().fold(all, |busy, v| busy - v);
    round_to(busy / all * 100.0, 1)
}

/// psutil's `cpu_times_percent` formula: each delta × `100 / max(1, total)`, rounded
/// to one decimal and clamped to 0..=100.
///
/// `max(1, total)` is psutil's guard against a zero total. `total` is in seconds, so
/// when less than one second of CPU time elapsed (a short interval) the scale is 100
/// and the fields add up to less than 100; psutil behaves the same.
pub(crate) fn times_percent_of(t1: &CpuTimes, t2: &CpuTimes) -> CpuTimes {
    let d = deltas(t1, t2);
    let all = total(&d);
    let scale = 100.0 / if all > 1.0 { all } else { 1.0 };
    d.map(|v| round_to(v * scale, 1).clamp(0.0, 100.0))
}

/// The previous reads: one of the `cpu` line and one of the `cpuN` lines.
#[derive(Debug, Clone, Default)]
pub(crate) struct Baseline {
    total: Option<CpuTimes>,
    percpu: Option<Vec<CpuTimes>>,
}

impl Baseline {
    /// Compares a new read with the stored one (or, when `interval` is non-zero, with a
    /// read taken `interval` earlier), stores the new read and returns `f(old, new)`.
    /// Without a stored read the "old" one is taken now, as psutil does for a thread
    /// that has no baseline yet.
    pub(crate) fn total<T>(
        &mut self,
        root: &Source,
        interval: Option<Duration>,
        f: impl Fn(&CpuTimes, &CpuTimes) -> T,
    ) -> Result<T> {
        let t1 = match (interval.filter(|d| !d.is_zero()), &self.total) {
            (Some(d), _) => {
                let t = root.cpu_times()?;
                std::thread::sleep(d);
                t
            }
            (None, Some(t)) => *t,
            (None, None) => root.cpu_times()?,
        };
        let t2 = root.cpu_times()?;
        self.total = Some(t2);
        Ok(f(&t1, &t2))
    }

    /// [`Baseline::total`] for the `cpuN` lines, paired in order (a CPU that went
    /// offline shortens the result, like psutil's `zip`).
    pub(crate) fn percpu<T>(
        &mut self,
        root: &Source,
        interval: Option<Duration>,
        f: impl Fn(&CpuTimes, &CpuTimes) -> T,
    ) -> Result<Vec<T>> {
        let t1 = match (interval.filter(|d| !d.is_zero()), &self.percpu) {
            (Some(d), _) => {
                let t = root.cpu_times_percpu()?;
                std::thread::sleep(d);
                t
            }
            // psutil's `baseline or cpu_times(percpu=True)`: an empty list is no baseline.
            (None, Some(t)) if !t.is_empty() => t.clone(),
            (None, _) => root.cpu_times_percpu()?,
        };
        let t2 = root.cpu_times_percpu()?;
        let out = t1.iter().zip(&t2).map(|(a, b)| f(a, b)).collect();
        self.percpu = Some(t2);
        Ok(out)
    }
}

/// CPU utilisation since the previous call, with its own baseline.
///
/// Every method reads `<proc>/stat` (the `cpu` line for the system-wide methods, the
/// `cpuN` lines for the `_percpu` ones), compares it with the previous read of the same
/// lines, and keeps the new read as the next baseline. [`CpuSampler::new`] takes the
/// first read, so the first call measures the time since then. The methods never
/// block: call them at least 0.1 s apart for meaningful values.
///
/// The free functions ([`cpu_percent`] and friends) keep the same kind of baseline per
/// calling thread (psutil's per-thread dictionaries). An explicit sampler is
/// independent of them and of other samplers, and can be moved between threads.
/// All four methods of one sampler share its two baselines; use two samplers to track
/// [`percent`](CpuSampler::percent) and [`times_percent`](CpuSampler::times_percent)
/// separately, as psutil's two functions do.
///
/// ```no_run
/// let mut s = psutil_rs::CpuSampler::new()?;
/// std::thread::sleep(std::time::Duration::from_millis(500));
/// println!("{}% busy", s.percent()?);
/// # Ok::<(), psutil_rs::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct CpuSampler {
    root: Source,
    base: Baseline,
}

impl CpuSampler {
    /// A sampler on the current source (on Linux the current `Root`, psutil's
    /// `PROCFS_PATH`), with its baseline read now (from `/proc/stat` on Linux).
    pub fn new() -> Result<CpuSampler> {
        CpuSampler::on(sys::cpu::current().as_ref().clone())
    }

    /// A sampler reading `root`, with its baseline read now.
    pub(crate) fn on(root: Source) -> Result<CpuSampler> {
        let (total, percpu) = root.cpu_times_both()?;
        Ok(CpuSampler {
            root,
            base: Baseline {
                total: Some(total),
                percpu: Some(percpu),
            },
        })
    }

    /// The busy share of all CPUs since the previous read, in percent rounded to one
    /// decimal: `(total - idle - iowait) / total × 100`, where `total` excludes `guest`
    /// and `guest_nice`. 0.0 when no time elapsed. psutil's `cpu_percent()`.
    pub fn percent(&mut self) -> Result<f64> {
        self.base.total(&self.root, None, percent_of)
    }

    /// [`percent`](CpuSampler::percent) for each CPU (the `cpuN` lines of
    /// `/proc/stat`). psutil's `cpu_percent(percpu=True)`.
    pub fn percent_percpu(&mut self) -> Result<Vec<f64>> {
        self.base.percpu(&self.root, None, percent_of)
    }

    /// The share of each CPU mode since the previous read, in percent rounded to one
    /// decimal, as a [`CpuTimes`] of percentages. psutil's `cpu_times_percent()`,
    /// including its scale of `100 / max(1 s, elapsed CPU time)`.
    pub fn times_percent(&mut self) -> Result<CpuTimes> {
        self.base.total(&self.root, None, times_percent_of)
    }

    /// [`times_percent`](CpuSampler::times_percent) for each CPU. psutil's
    /// `cpu_times_percent(percpu=True)`.
    pub fn times_percent_percpu(&mut self) -> Result<Vec<CpuTimes>> {
        self.base.percpu(&self.root, None, times_percent_of)
    }
}

thread_local! {
    /// psutil's `_last_cpu_times[tid]` and `_last_per_cpu_times[tid]`.
    pub(crate) static PERCENT: RefCell<Baseline> = RefCell::new(Baseline::default());
    /// psutil's `_last_cpu_times_2[tid]` and `_last_per_cpu_times_2[tid]`.
    pub(crate) static TIMES_PERCENT: RefCell<Baseline> = RefCell::new(Baseline::default());
}

fn with_baseline<T>(
    which: &'static std::thread::LocalKey<RefCell<Baseline>>,
    f: impl FnOnce(&mut Baseline) -> Result<T>,
) -> Result<T> {
    which.with(|b| f(&mut b.borrow_mut()))
}

/// System-wide CPU utilisation in percent, rounded to one decimal. psutil's
/// `cpu_percent(interval)`.
///
/// Reads the system-wide CPU times (Linux: the `cpu` line of `/proc/stat`). With `interval`
/// `Some` and non-zero, reads it, sleeps for `interval` and reads it again (blocking). With
/// `None` or zero, compares with the previous call made by the same thread and returns at
/// once; a thread's first call has nothing to compare with and returns a meaningless value
/// (usually 0.0), as in psutil. The baseline is per thread and separate from
/// [`cpu_percent_percpu`] and [`cpu_times_percent`]; see [`CpuSampler`] for an explicit
/// one.
pub fn cpu_percent(interval: Option<Duration>) -> Result<f64> {
    with_baseline(&PERCENT, |b| {
        b.total(&sys::cpu::current(), interval, percent_of)
    })
}

/// [`cpu_percent`] for each CPU (Linux: the `cpuN` lines of `/proc/stat`). psutil's
/// `cpu_percent(interval, percpu=True)`.
pub fn cpu_percent_percpu(interval: Option<Duration>) -> Result<Vec<f64>> {
    with_baseline(&PERCENT, |b| {
        b.percpu(&sys::cpu::current(), interval, percent_of)
    })
}

/// The share of each CPU mode in percent, as a [`CpuTimes`] of percentages rounded to
/// one decimal. psutil's `cpu_times_percent(interval)`.
///
/// Reads the system-wide CPU times (Linux: the `cpu` line of `/proc/stat`); `interval` and
/// the per-thread baseline work as in [`cpu_percent`], with a baseline of its own. Each
/// field is `delta × 100 / max(1, total)` where `total` is the elapsed CPU time in seconds
/// (psutil's formula: below one second of CPU time the fields add up to less than 100).
pub fn cpu_times_percent(interval: Option<Duration>) -> Result<CpuTimes> {
    with_baseline(&TIMES_PERCENT, |b| {
        b.total(&sys::cpu::current(), interval, times_percent_of)
    })
}

/// [`cpu_times_percent`] for each CPU (Linux: the `cpuN` lines of `/proc/stat`). psutil's
/// `cpu_times_percent(interval, percpu=True)`.
pub fn cpu_times_percent_percpu(interval: Option<Duration>) -> Result<Vec<CpuTimes>> {
    with_baseline(&TIMES_PERCENT, |b| {
        b.percpu(&sys::cpu::current(), interval, times_percent_of)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sampler_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<CpuSampler>();
    }
}
