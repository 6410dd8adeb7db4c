//! `boot_time()` on macOS: `sysctl(CTL_KERN, KERN_BOOTTIME)`, whole seconds as psutil.

use super::sysctl;
use crate::error::{Error, Result};
use crate::parse::macos::sysctl_values::parse_boottime;

/// `boot_time()`: `kern.boottime`'s `tv_sec`.
pub(crate) fn boot_time() -> Result<f64> {
    let b = sysctl::by_mib(&[libc::CTL_KERN, libc::KERN_BOOTTIME])
        .map_err(|e| Error::from_io(e, "sysctl kern.boottime"))?;
    parse_boottime(&b)
}
