//! `boot_time()` on Linux: the `btime` line of `/proc/stat`.

use super::root::Root;
use crate::error::Result;
use crate::parse::proc_stat;
use crate::sys;

impl Root {
    /// [`boot_time`](crate::boot_time) read from this root.
    pub fn boot_time(&self) -> Result<f64> {
        let btime = sys::fs::parse(&self.proc_path("stat"), proc_stat::parse_btime)?;
        Ok(btime as f64)
    }
}

/// `boot_time()` from the current [`Root`].
pub(crate) fn boot_time() -> Result<f64> {
    Root::current().boot_time()
}
