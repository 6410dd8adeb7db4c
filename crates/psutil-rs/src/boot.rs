//! `boot_time()`.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::error::Result;
use crate::parse::proc_stat;
use crate::root::Root;
use crate::sys;

impl Root {
    /// [`boot_time`] read from this root.
    pub fn boot_time(&self) -> Result<f64> {
        let btime = sys::fs::parse(&self.proc_path("stat"), proc_stat::parse_btime)?;
        Ok(btime as f64)
    }
}

/// The system boot time in seconds since the epoch. psutil's `boot_time()`.
///
/// Reads the `btime` line of `/proc/stat` on every call (not cached: it moves when the
/// clock is set).
pub fn boot_time() -> Result<f64> {
    Root::current().boot_time()
}

/// [`boot_time`] as a [`SystemTime`].
pub fn boot_time_system() -> Result<SystemTime> {
    let secs = boot_time()?;
    Ok(UNIX_EPOCH + Duration::from_secs_f64(secs.max(0.0)))
}
