#![allow(unsafe_code)]
//! `disk_usage()` on macOS: `statvfs(3)`, and `used` from
//! `getattrlist(ATTR_VOL_SPACEUSED)` as psutil does (APFS volumes share their
//! container's free space, so `total - free` would count the other volumes).

use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use crate::disk::DiskUsage;
use crate::error::{Error, Result};
use crate::parse::macos::attrlist::{parse_space_used, SPACEUSED_LEN};
use crate::percent::usage_percent;

/// `getattrlist(path, ATTR_VOL_INFO | ATTR_VOL_SPACEUSED)`; `None` when the call fails
/// (psutil then keeps the `statvfs` figure).
fn space_used(path: &Path) -> Option<u64> {
    let c = CString::new(path.as_os_str().as_bytes()).ok()?;
    // SAFETY: `attrlist` is plain data; all-zero is valid before the fields are set.
    let mut req: libc::attrlist = unsafe { std::mem::zeroed() };
    req.bitmapcount = libc::ATTR_BIT_MAP_COUNT;
    req.volattr = libc::ATTR_VOL_INFO | libc::ATTR_VOL_SPACEUSED;
    let mut buf = [0u8; SPACEUSED_LEN + 4];
    // SAFETY: `c` is NUL-terminated, `req` a valid request and `buf` writable for its
    // length, which is passed.
    let rc = unsafe {
        libc::getattrlist(
            c.as_ptr(),
            (&mut req as *mut libc::attrlist).cast(),
            buf.as_mut_ptr().cast(),
            buf.len(),
            0,
        )
    };
    if rc != 0 {
        return None;
    }
    parse_space_used(&buf)
}

/// `disk_usage(path)`: `statvfs(3)` (`f_blocks`, `f_bfree`, `f_bavail` × `f_frsize`),
/// `used` replaced by the volume's `ATTR_VOL_SPACEUSED` when the volume answers.
pub(crate) fn disk_usage(path: &Path) -> Result<DiskUsage> {
    let st =
        rustix::fs::statvfs(path).map_err(|e| Error::from_io(std::io::Error::from(e), path))?;
    let frsize = st.f_frsize;
    let mut usage = DiskUsage::from_statvfs((
        st.f_blocks.saturating_mul(frsize),
        st.f_bfree.saturating_mul(frsize),
        st.f_bavail.saturating_mul(frsize),
    ));
    if let Some(used) = space_used(path) {
        usage.used = used;
        usage.percent = usage_percent(used as f64, used as f64 + usage.free as f64);
    }
    Ok(usage)
}
