//! `getloadavg()` on Linux: `sysinfo(2)`, or `/proc/loadavg` under another root.

use crate::cpu::LoadAvg;
use crate::error::Result;
use crate::parse::loadavg;
use crate::sys;
use crate::sys::root::Root;

impl Root {
    /// [`getloadavg`](crate::getloadavg) read from this root: `sysinfo(2)` on the host,
    /// else the root's `<proc>/loadavg`.
    pub fn getloadavg(&self) -> Result<LoadAvg> {
        if self.is_host() {
            return Ok(sys::loadavg_sysinfo().into());
        }
        Ok(sys::fs::parse(&self.proc_path("loadavg"), loadavg::parse)?.into())
    }
}
