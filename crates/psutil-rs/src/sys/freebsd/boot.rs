//! `boot_time()` on FreeBSD: `kern.boottime` (`struct timeval`), whole seconds as
//! psutil reports them.

use super::sysctl;
use crate::error::Result;
use crate::parse::freebsd::values;

/// `boot_time()`: the `tv_sec` of `kern.boottime`.
pub(crate) fn boot_time() -> Result<f64> {
    let buf = sysctl::by_name("kern.boottime").map_err(|e| sysctl::error(e, "kern.boottime"))?;
    values::boottime(&buf)
}
