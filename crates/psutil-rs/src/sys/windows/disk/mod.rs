#![allow(unsafe_code)]
//! Disks on Windows: `disk_usage()` (`GetDiskFreeSpaceExW`), `disk_partitions()`
//! (drive letters and volumes) and `disk_io_counters()` (`IOCTL_DISK_PERFORMANCE`).

mod io;
mod partitions;

pub use io::DiskIoCounters;
pub(crate) use io::{disk_io_raw, NowrapKey};
pub(crate) use partitions::disk_partitions;

use std::path::Path;

use windows_sys::Win32::Foundation::{ERROR_FILE_NOT_FOUND, ERROR_PATH_NOT_FOUND};
use windows_sys::Win32::Storage::FileSystem::GetDiskFreeSpaceExW;

use super::win32;
use crate::disk::DiskUsage;
use crate::error::{Error, Result};

/// `disk_usage(path)`: `GetDiskFreeSpaceExW`. `free` is the total free space (not the
/// caller's quota), so `used = total − free` and `percent = used / total`, as psutil
/// reports them on Windows. A path that does not exist is [`Error::NotFound`] naming
/// it.
pub(crate) fn disk_usage(path: &Path) -> Result<DiskUsage> {
    let wide = win32::wide_path(path)?;
    let (mut caller_free, mut total, mut free) = (0u64, 0u64, 0u64);
    // SAFETY: `wide` is NUL-terminated; three valid out-pointers.
    let ok = unsafe { GetDiskFreeSpaceExW(wide.as_ptr(), &mut caller_free, &mut total, &mut free) };
    if ok == 0 {
        let code = win32::last_error_code();
        if code == ERROR_FILE_NOT_FOUND || code == ERROR_PATH_NOT_FOUND {
            return Err(Error::NotFound {
                path: path.to_path_buf(),
            });
        }
        return Err(match win32::win_error(code, "GetDiskFreeSpaceExW") {
            Error::Io { source, .. } => Error::Io {
                path: Some(path.to_path_buf()),
                source,
            },
            other => other,
        });
    }
    Ok(DiskUsage::from_statvfs((total, free, free)))
}
