//! `disk_usage()` on macOS: `statvfs(3)`.

use std::path::Path;

use crate::disk::DiskUsage;
use crate::error::{Error, Result};

/// `disk_usage(path)`: `statvfs(3)` (`f_blocks`, `f_bfree`, `f_bavail` × `f_frsize`).
/// psutil then asks `getattrlist(ATTR_VOL_SPACEUSED)` for `used` where the SDK has it;
/// not done here: `used` is `total - free for root`, as on the other POSIX systems.
pub(crate) fn disk_usage(path: &Path) -> Result<DiskUsage> {
    let st =
        rustix::fs::statvfs(path).map_err(|e| Error::from_io(std::io::Error::from(e), path))?;
    let frsize = st.f_frsize;
    Ok(DiskUsage::from_statvfs((
        st.f_blocks.saturating_mul(frsize),
        st.f_bfree.saturating_mul(frsize),
        st.f_bavail.saturating_mul(frsize),
    )))
}
