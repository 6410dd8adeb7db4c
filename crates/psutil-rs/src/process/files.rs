//! `open_files()`: regular files among `/proc/<pid>/fd`, with `fdinfo` positions.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::PathBuf;

use super::handle::Process;
use super::types::OpenFile;
use crate::error::Result;
use crate::parse::pid_fdinfo;
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

impl Process {
    /// The regular files the process has open, by descriptor number: each
    /// `/proc/<pid>/fd/<fd>` link whose target is an absolute path to a regular file
    /// (`stat(2)`), with `pos` and `flags` from `/proc/<pid>/fdinfo/<fd>`. Sockets, pipes,
    /// devices and descriptors closed meanwhile are skipped. psutil's `open_files()`.
    pub fn open_files(&self) -> Result<Vec<OpenFile>> {
        let mut fds: Vec<u32> = self
            .list("fd")?
            .iter()
            .filter_map(|n| n.to_str()?.parse().ok())
            .collect();
        fds.sort_unstable();
        let mut out = Vec::new();
        let mut vanished = false;
        let dir = self.dir().map_err(|e| self.map_err(e, "fd"))?;
        for fd in fds {
            let target = match sys::process::readlink_at(dir.as_fd(), &format!("fd/{fd}")) {
                Ok(t) => t,
                Err(e) => match e.raw_os_error() {
                    Some(libc::ENOENT) | Some(libc::ESRCH) => {
                        vanished = true;
                        continue;
                    }
                    Some(libc::EINVAL) | Some(libc::ENAMETOOLONG) => continue,
                    _ => return Err(self.map_err(e, &format!("fd/{fd}"))),
                },
            };
            let path = PathBuf::from(OsString::from_vec(target));
            if !path.is_absolute() || !sys::process::is_regular_file(&path) {
                continue;
            }
            let name = format!("fdinfo/{fd}");
            let data = match sys::process::read_at(dir.as_fd(), &name) {
                Ok(d) => d,
                Err(e) if matches!(e.raw_os_error(), Some(libc::ENOENT) | Some(libc::ESRCH)) => {
                    vanished = true;
                    continue;
                }
                Err(e) => return Err(self.map_err(e, &name)),
            };
            let (position, flags) =
                pid_fdinfo::parse(&data).map_err(|e| e.at_path(&self.path(&name)))?;
            out.push(OpenFile {
                path,
                fd,
                position,
                mode: mode(flags),
                flags,
            });
        }
        if vanished && self.stat_raw().is_err() {
            return Err(self.nsp());
        }
        Ok(out)
    }
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
