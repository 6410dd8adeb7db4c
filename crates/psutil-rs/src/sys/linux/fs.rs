//! File reads on /proc and /sys, with errors mapped to the crate's kinds.

use std::ffi::{OsStr, OsString};
use std::io;
use std::os::fd::{AsFd, BorrowedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Reads a whole file (see [`read_to_eof`]): `open`, `read` until a read returns 0,
/// `close`.
pub(crate) fn read(path: &Path) -> Result<Vec<u8>> {
    rustix::fs::open(
        path,
        rustix::fs::OFlags::RDONLY | rustix::fs::OFlags::CLOEXEC,
        rustix::fs::Mode::empty(),
    )
    .map_err(io::Error::from)
    .and_then(|fd| read_to_eof(fd.as_fd()))
    .map_err(|e| Error::from_io(e, path))
}

/// Reads an open file until a read returns 0. /proc files report a size of 0, so the
/// buffer starts at 32 KiB (psutil's chunk size, large enough that most files arrive in
/// one read, which the kernel guarantees to be consistent) and doubles when a read
/// fills it. Not `std::fs::read`/`read_to_end`, whose size hint costs a `statx` and an
/// `lseek` per file, useless on /proc and /sys.
pub(crate) fn read_to_eof(fd: BorrowedFd<'_>) -> io::Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(32 * 1024);
    loop {
        if buf.len() == buf.capacity() {
            buf.reserve(buf.capacity());
        }
        if read_appending(fd, &mut buf)? == 0 {
            return Ok(buf);
        }
    }
}

/// One `read(2)` into the spare capacity of `buf` (appended to its contents), restarted
/// when a signal interrupts it (EINTR). Returns the number of bytes read; 0 at the end.
pub(crate) fn read_appending(fd: BorrowedFd<'_>, buf: &mut Vec<u8>) -> io::Result<usize> {
    loop {
        match rustix::io::read(fd, rustix::buffer::spare_capacity(buf)) {
            Err(rustix::io::Errno::INTR) => continue,
            done => return done.map_err(io::Error::from),
        }
    }
}

/// Reads a file, returning `None` when it does not exist.
pub(crate) fn read_opt(path: &Path) -> Result<Option<Vec<u8>>> {
    match read(path) {
        Ok(b) => Ok(Some(b)),
        Err(Error::NotFound { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Reads a small sysfs attribute and trims the trailing newline and spaces.
pub(crate) fn read_trimmed(path: &Path) -> Result<Vec<u8>> {
    let mut b = read(path)?;
    while b.last().is_some_and(|c| c.is_ascii_whitespace()) {
        b.pop();
    }
    Ok(b)
}

/// Reads a file and hands it to a parser; a parse error gets the full path.
pub(crate) fn parse<T>(path: &Path, parser: impl FnOnce(&[u8]) -> Result<T>) -> Result<T> {
    let data = read(path)?;
    parser(&data).map_err(|e| e.at_path(path))
}

/// True if `path` exists (follows symlinks).
pub(crate) fn exists(path: &Path) -> bool {
    path.exists()
}

/// The names in a directory, unsorted. A missing directory is `NotFound`.
pub(crate) fn list_dir(path: &Path) -> Result<Vec<OsString>> {
    let mut out = Vec::new();
    for_each_name(path, |n| out.push(OsStr::from_bytes(n).to_os_string()))?;
    Ok(out)
}

/// Calls `f` with each name in a directory (unsorted, without `.` and `..`), without
/// allocating one string per entry. A missing directory is `NotFound`.
pub(crate) fn for_each_name(path: &Path, f: impl FnMut(&[u8])) -> Result<()> {
    let fd = super::process::open_listing(path).map_err(|e| Error::from_io(e, path))?;
    super::process::for_each_name(fd.as_fd(), f).map_err(|e| Error::from_io(e, path))
}

/// The modification time of `path` (`stat(2)`, following symlinks) and how long ago it
/// was, in nanoseconds since the epoch and as a duration against the realtime clock;
/// `None` when `path` does not exist.
pub(crate) fn mtime(path: &Path) -> Result<Option<(i128, std::time::Duration)>> {
    match std::fs::metadata(path) {
        Ok(m) => {
            use std::os::unix::fs::MetadataExt;
            let ns = i128::from(m.mtime()) * 1_000_000_000 + i128::from(m.mtime_nsec());
            let age = m
                .modified()
                .ok()
                .and_then(|t| t.elapsed().ok())
                .unwrap_or_default();
            Ok(Some((ns, age)))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::from_io(e, path)),
    }
}

/// `readlink(2)`.
pub(crate) fn read_link(path: &Path) -> Result<PathBuf> {
    std::fs::read_link(path).map_err(|e| Error::from_io(e, path))
}

/// `realpath(3)`.
pub(crate) fn canonicalize(path: &Path) -> Result<PathBuf> {
    std::fs::canonicalize(path).map_err(|e| Error::from_io(e, path))
}
