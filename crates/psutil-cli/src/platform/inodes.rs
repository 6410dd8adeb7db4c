//! Inode counts of a mounted file system (df -i), which psutil's `disk_usage` lacks.

use std::path::Path;

/// `(total, free)` inodes of the file system holding `path`: `f_files` and `f_ffree` of
/// statvfs(2); `None` where it fails or the platform has no inodes (Windows).
pub fn inodes(path: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    return rustix::fs::statvfs(path)
        .ok()
        .map(|s| (s.f_files, s.f_ffree.min(s.f_files)));
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}
