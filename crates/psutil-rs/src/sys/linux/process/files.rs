//! `open_files()`: regular files among `/proc/<pid>/fd`, with `fdinfo` positions.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::PathBuf;

use super::entries::EntryError;
use super::types::OpenFile;
use crate::error::Result;
use crate::parse::pid_fdinfo;
use crate::process::Process;
use crate::sys;

/// psutil's `file_flags_to_mode`: `r`, `w`, `r+` from the access mode; `O_APPEND`
/// turns `w` into `a` (so `a`, `a+`).
fn mode(flags: u32) -> String {
    let acc = flags & libc::O_ACCMODE as u32;
    let append = flags & libc::O_APPEND as u32 != 0;
    let m = if acc == libc::O_WRONLY as u32 {
        "w"
    } else if acc == libc::O_RDWR as u32 {
        "r+"
    } else {
        "r"
    };
    match (m, append) {
        ("w", true) => "a",
        ("r+", true) => "a+",
        (m, _) => m,
    }
    .to_string()
}

/// The regular files the process has open, by descriptor number: each
/// `/proc/<pid>/fd/<fd>` link whose target is an absolute path to a regular file
/// (`stat(2)`), with `pos` and `flags` from `/proc/<pid>/fdinfo/<fd>`. Sockets, pipes,
/// devices and descriptors closed meanwhile are skipped. psutil's `open_files()`.
pub(crate) fn open_files(p: &Process) -> Result<Vec<OpenFile>> {
    p.read_entries("fd", p.fd_numbers()?, |dir, fd| {
        let link = format!("fd/{fd}");
        let target = match sys::process::calls::readlink_at(dir, &link) {
            Ok(t) => t,
            // Not a path (EINVAL), or one too long to read: not a file psutil lists.
            Err(e) if matches!(e.raw_os_error(), Some(libc::EINVAL | libc::ENAMETOOLONG)) => {
                return Ok(None)
            }
            Err(e) => return Err(EntryError::Io(e, link)),
        };
        let path = PathBuf::from(OsString::from_vec(target));
        if !path.is_absolute() || !sys::process::calls::is_regular_file(&path) {
            return Ok(None);
        }
        let name = format!("fdinfo/{fd}");
        let data = match sys::process::calls::read_at(dir, &name) {
            Ok(d) => d,
            Err(e) => return Err(EntryError::Io(e, name)),
        };
        let (position, flags) = pid_fdinfo::parse(&data).map_err(|e| e.at_path(&p.path(&name)))?;
        Ok(Some(OpenFile {
            path,
            fd,
            position,
            mode: mode(flags),
            flags,
        }))
    })
}

#[cfg(test)]
mod tests {
    use super::mode;

    #[test]
    fn modes() {
        let m = |f: i32| mode(f as u32);
        assert_eq!(m(libc::O_RDONLY), "r");
        assert_eq!(m(libc::O_WRONLY), "w");
        assert_eq!(m(libc::O_RDWR), "r+");
        assert_eq!(m(libc::O_WRONLY | libc::O_APPEND), "a");
        assert_eq!(m(libc::O_RDWR | libc::O_APPEND), "a+");
        assert_eq!(m(libc::O_RDONLY | libc::O_CLOEXEC | 0o100000), "r");
    }
}
