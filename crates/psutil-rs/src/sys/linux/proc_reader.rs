#![allow(unsafe_code)]
//! Fast reads for the process table: `/proc` opened once, each `/proc/<pid>` opened
//! relative to it, and each file read relative to that with `openat(2)` + `read(2)`
//! into a buffer the caller reuses (no `statx`, no `lseek`, no allocation once the
//! buffers have grown).

use std::ffi::CStr;
use std::io;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};

use rustix::fs::{Mode, OFlags};

use super::fs::read_appending;
use crate::error::Pid;

/// Opens a procfs directory for listing and `openat`.
pub(crate) use super::process::calls::open_listing as open_proc;

/// The numeric entries of the directory `proc` (one `getdents64` pass), sorted.
pub(crate) fn list_pids(proc: BorrowedFd<'_>) -> io::Result<Vec<Pid>> {
    Ok(list_pids_ino(proc)?.into_iter().map(|(p, _)| p).collect())
}

/// [`list_pids`] with each entry's inode number (`d_ino`). procfs gives a new
/// `/proc/<pid>` inode to each process, and keeps the one an open handle pins while
/// that process lives, so a changed inode means the pid was reused.
pub(crate) fn list_pids_ino(proc: BorrowedFd<'_>) -> io::Result<Vec<(Pid, u64)>> {
    let mut dir = rustix::fs::Dir::read_from(proc).map_err(io::Error::from)?;
    let mut out = Vec::with_capacity(1024);
    while let Some(entry) = dir.read() {
        let entry = match entry {
            Ok(e) => e,
            Err(rustix::io::Errno::NOENT) => continue,
            Err(e) => return Err(e.into()),
        };
        let name = entry.file_name().to_bytes();
        if name.is_empty() || !name.iter().all(u8::is_ascii_digit) {
            continue;
        }
        if let Some(pid) = std::str::from_utf8(name)
            .ok()
            .and_then(|s| s.parse::<Pid>().ok())
        {
            out.push((pid, entry.ino()));
        }
    }
    out.sort_unstable();
    Ok(out)
}

/// Opens `<proc>/<pid>` as an `O_PATH` directory handle: files read through it belong
/// to the process that held the pid when it was opened (see `process::open_dir`).
pub(crate) fn open_pid_dir(proc: BorrowedFd<'_>, pid: Pid) -> io::Result<OwnedFd> {
    let mut name = [0u8; 12];
    let s = pid_name(pid, &mut name);
    rustix::fs::openat(
        proc,
        s,
        OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .map_err(io::Error::from)
}

/// Writes `pid` in decimal plus a NUL into `buf`, returning the C string.
fn pid_name(pid: Pid, buf: &mut [u8; 12]) -> &CStr {
    let mut digits = [0u8; 10];
    let mut n = pid;
    let mut len = 0;
    loop {
        if let Some(d) = digits.get_mut(len) {
            *d = b'0' + (n % 10) as u8;
        }
        len += 1;
        n /= 10;
        if n == 0 || len == digits.len() {
            break;
        }
    }
    for (i, slot) in buf.iter_mut().enumerate() {
        *slot = if i < len {
            digits.get(len - 1 - i).copied().unwrap_or(b'0')
        } else {
            0
        };
    }
    CStr::from_bytes_until_nul(buf).unwrap_or_default()
}

/// Reads the whole file `name` under `dir` into `buf` (cleared first, capacity kept):
/// `openat`, then `read` until a read returns less than the space left, growing the
/// buffer when a read fills it, then `close`.
///
/// Only for files whose short read is their end: regular files, the single-record
/// `seq_file`s of `/proc/<pid>` (`stat`, `status`, `statm`, `io`: the kernel formats the
/// whole file into its buffer and copies as much as fits) and `cmdline`/`environ` (read
/// page by page until the end or the count). Multi-record files such as `smaps` or
/// `maps` return one buffer page per read and must be read until a read returns 0.
pub(crate) fn read_into(dir: BorrowedFd<'_>, name: &CStr, buf: &mut Vec<u8>) -> io::Result<()> {
    let fd = rustix::fs::openat(dir, name, OFlags::RDONLY | OFlags::CLOEXEC, Mode::empty())
        .map_err(io::Error::from)?;
    buf.clear();
    if buf.capacity() < 4096 {
        buf.reserve(4096);
    }
    loop {
        let space = buf.capacity() - buf.len();
        if read_appending(fd.as_fd(), buf)? < space {
            return Ok(());
        }
        buf.reserve(buf.capacity());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn reads_whole_files_into_a_reused_buffer() {
        let proc = open_proc(Path::new("/proc")).unwrap();
        let me = open_pid_dir(proc.as_fd(), std::process::id()).unwrap();
        let mut buf = Vec::new();
        read_into(me.as_fd(), c"stat", &mut buf).unwrap();
        let want = std::fs::read("/proc/self/stat").unwrap();
        // Same process, same pid and comm; the times may move. Under qemu-user (see
        // tests/it/util.rs's `emulator`), /proc/self/stat opened by name is qemu's view of
        // the guest (its comm is the test binary's), the descriptor-relative read the
        // kernel's (comm "qemu-aarch64"): the pid alone is compared there.
        let cut = if std::env::var_os("PSUTIL_TEST_EMULATOR").is_some() {
            b' '
        } else {
            b')'
        };
        let head = |b: &[u8]| b.split(|&c| c == cut).next().unwrap_or_default().to_vec();
        assert_eq!(head(&buf), head(&want));
        assert!(buf.ends_with(b"\n"));
        read_into(me.as_fd(), c"cmdline", &mut buf).unwrap();
        let want = std::fs::read("/proc/self/cmdline").unwrap();
        if std::env::var_os("PSUTIL_TEST_EMULATOR").is_some() {
            // qemu's command line: "qemu-aarch64\0" before the guest's.
            assert!(buf.ends_with(&want));
        } else {
            assert_eq!(buf, want);
        }
        // A file several times the first 4 KiB: the buffer grows until a short read.
        let dir = std::env::temp_dir().join(format!("psutil-rs-read-into-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let big: Vec<u8> = (0..20_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(dir.join("big"), &big).unwrap();
        let d = open_proc(&dir).unwrap();
        read_into(d.as_fd(), c"big", &mut buf).unwrap();
        assert_eq!(buf, big);
        let cap = buf.capacity();
        read_into(me.as_fd(), c"statm", &mut buf).unwrap();
        assert_eq!(buf.capacity(), cap, "capacity kept");
        std::fs::remove_dir_all(&dir).unwrap();
        let e = read_into(me.as_fd(), c"no-such-file", &mut buf).unwrap_err();
        assert_eq!(e.raw_os_error(), Some(libc::ENOENT));
        let pids = list_pids(proc.as_fd()).unwrap();
        assert!(pids.contains(&std::process::id()) && pids.windows(2).all(|w| w[0] < w[1]));
        assert!(open_pid_dir(proc.as_fd(), u32::MAX).is_err());
    }

    #[test]
    fn pid_names() {
        let mut b = [0u8; 12];
        assert_eq!(pid_name(0, &mut b).to_bytes(), b"0");
        assert_eq!(pid_name(7, &mut b).to_bytes(), b"7");
        assert_eq!(pid_name(1234, &mut b).to_bytes(), b"1234");
        assert_eq!(pid_name(u32::MAX, &mut b).to_bytes(), b"4294967295");
    }
}
