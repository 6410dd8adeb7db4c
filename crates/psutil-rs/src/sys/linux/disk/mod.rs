//! Disks on Linux: `disk_partitions()`, `disk_io_counters()`, and the syscalls and
//! sysfs walking they need: `statvfs(2)`, `stat(2)` of `/`, and the
//! `/sys/block/*/**/stat` walk.

mod io;
mod partitions;

pub use io::DiskIoCounters;
pub(crate) use io::{disk_io_raw, NowrapKey};
pub(crate) use partitions::disk_partitions;

use std::path::{Path, PathBuf};

use crate::disk::DiskUsage;
use crate::error::{Error, Result};

/// `disk_usage(path)`: one `statvfs(2)` call.
pub(crate) fn disk_usage(path: &Path) -> Result<DiskUsage> {
    statvfs_bytes(path).map(DiskUsage::from_statvfs)
}

/// The `statvfs(2)` fields `disk_usage` needs, all in bytes already multiplied by
/// `f_frsize`: `(total, free_to_root, free_to_user)`.
fn statvfs_bytes(path: &Path) -> Result<(u64, u64, u64)> {
    let st =
        rustix::fs::statvfs(path).map_err(|e| Error::from_io(std::io::Error::from(e), path))?;
    let frsize = st.f_frsize;
    Ok((
        st.f_blocks.saturating_mul(frsize),
        st.f_bfree.saturating_mul(frsize),
        st.f_bavail.saturating_mul(frsize),
    ))
}

/// `(major, minor)` of `st_dev` of `path` (`stat(2)`): the device holding it.
pub(crate) fn device_of(path: &Path) -> Result<(u32, u32)> {
    let st = rustix::fs::stat(path).map_err(|e| Error::from_io(std::io::Error::from(e), path))?;
    Ok((rustix::fs::major(st.st_dev), rustix::fs::minor(st.st_dev)))
}

/// True if `path` is a regular file, following symlinks (Python's `os.path.isfile`).
pub(crate) fn is_file(path: &Path) -> bool {
    path.is_file()
}

/// Every directory at or below `top` (following `top` itself if it is a symlink, but no
/// symlink below it, as Python's `os.walk` does) that contains an entry named `stat`:
/// `(directory name, path of its stat file)`. Directories that cannot be listed are
/// skipped, as `os.walk` skips them.
pub(crate) fn walk_stat_files(top: &Path) -> Vec<(std::ffi::OsString, PathBuf)> {
    let mut out = Vec::new();
    let mut stack = vec![top.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut has_stat = false;
        let mut subdirs = Vec::new();
        for entry in rd.flatten() {
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if is_dir {
                subdirs.push(entry.path());
            } else if entry.file_name() == "stat" {
                has_stat = true;
            }
        }
        if has_stat {
            if let Some(name) = dir.file_name() {
                out.push((name.to_os_string(), dir.join("stat")));
            }
        }
        stack.extend(subdirs.into_iter().rev());
    }
    out
}
