//! `getloadavg()`.

use crate::error::Result;
use crate::sys;

/// The system load averages over 1, 5 and 15 minutes: the average number of runnable
/// (and uninterruptible) tasks.
///
/// psutil's `getloadavg()` returns a plain tuple `(1m, 5m, 15m)`, so with the `serde`
/// feature this struct serializes as a 3-element sequence `[one, five, fifteen]`, not
/// as a map. It converts to and from `(f64, f64, f64)` and `[f64; 3]`.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct LoadAvg {
    /// Over the last minute.
    pub one: f64,
    /// Over the last 5 minutes.
    pub five: f64,
    /// Over the last 15 minutes.
    pub fifteen: f64,
}

#[cfg(feature = "serde")]
impl serde::Serialize for LoadAvg {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeTuple;
        let mut t = s.serialize_tuple(3)?;
        t.serialize_element(&self.one)?;
        t.serialize_element(&self.five)?;
        t.serialize_element(&self.fifteen)?;
        t.end()
    }
}

impl From<[f64; 3]> for LoadAvg {
    fn from([one, five, fifteen]: [f64; 3]) -> Self {
        LoadAvg { one, five, fifteen }
    }
}

impl From<LoadAvg> for [f64; 3] {
    fn from(l: LoadAvg) -> Self {
        [l.one, l.five, l.fifteen]
    }
}

impl From<LoadAvg> for (f64, f64, f64) {
    fn from(l: LoadAvg) -> Self {
        (l.one, l.five, l.fifteen)
    }
}

/// The 1, 5 and 15 minute load averages. psutil's `getloadavg()` (which is Python's
/// `os.getloadavg()`).
///
/// Linux: on the host this is `sysinfo(2)`'s fixed-point loads / 65536, the way glibc's
/// `getloadavg(3)` computes them, so the values equal psutil's to the last bit (and
/// carry more decimals than `/proc/loadavg`, which rounds them to two). With a
/// different `/proc` (`set_procfs_path`) it parses that
/// `/proc/loadavg` instead.
///
/// Windows: psutil's emulation: the processor queue length (PDH `\System\Processor Queue Length`) sampled every 5 s and damped as the Linux kernel does; an error where the counter is missing (psutil raises too).
pub fn getloadavg() -> Result<LoadAvg> {
    sys::cpu::getloadavg()
}
