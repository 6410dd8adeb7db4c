//! The socket inode → (pid, fd) map, built in one pass over `/proc/<pid>/fd`.

use std::collections::HashMap;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use crate::error::{Error, Pid, Result};
use crate::sys::fs;

/// Which processes hold each socket inode: `inode → [(pid, fd)]`.
pub(crate) type InodeMap = HashMap<u64, Vec<(Pid, i32)>>;

/// Reads every `/proc/<pid>/fd/<fd>` link under `procfs` and records the targets of the
/// form `socket:[INODE]`.
///
/// As in psutil: pids are visited in ascending order and, for an inode held by several
/// processes, the **last** pid that has it replaces the earlier ones (within one pid
/// all its fds are kept, in directory order). A process that vanished or whose fds
/// cannot be read (ENOENT, ESRCH, EACCES/EPERM) is skipped silently, so unprivileged
/// callers see `pid = None, fd = -1` for other users' sockets. Links that vanish or are
/// not links (ENOENT, ESRCH, EINVAL, ENAMETOOLONG) are skipped.
pub(crate) fn socket_inodes(procfs: &Path) -> Result<InodeMap> {
    let mut pids: Vec<Pid> = fs::list_dir(procfs)?
        .iter()
        .filter_map(|n| std::str::from_utf8(n.as_bytes()).ok()?.parse().ok())
        .collect();
    pids.sort_unstable();
    let mut map = InodeMap::new();
    for pid in pids {
        match pid_socket_inodes(procfs, pid) {
            Ok(m) => {
                // dict.update: the later pid's list replaces an earlier one.
                map.extend(m);
            }
            Err(e) if skippable_pid_error(&e) => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(map)
}

fn skippable_pid_error(e: &Error) -> bool {
    e.is_not_found()
        || e.is_access_denied()
        || matches!(e.raw_os_error(), Some(libc::ESRCH | libc::ENOENT))
}

/// The sockets of one process: `inode → [(pid, fd)]`.
pub(crate) fn pid_socket_inodes(procfs: &Path, pid: Pid) -> Result<InodeMap> {
    let dir = procfs.join(pid.to_string()).join("fd");
    let mut map = InodeMap::new();
    for name in fs::list_dir(&dir)? {
        let Some(fd) = std::str::from_utf8(name.as_bytes())
            .ok()
            .and_then(|s| s.parse::<i32>().ok())
        else {
            continue;
        };
        let target = match fs::read_link(&dir.join(&name)) {
            Ok(t) => t,
            Err(e)
                if e.is_not_found()
                    || matches!(
                        e.raw_os_error(),
                        Some(libc::ESRCH | libc::EINVAL | libc::ENAMETOOLONG)
                    ) =>
            {
                continue
            }
            Err(e) => return Err(e),
        };
        if let Some(inode) = socket_inode(target.as_os_str().as_bytes()) {
            map.entry(inode).or_default().push((pid, fd));
        }
    }
    Ok(map)
}

/// `socket:[12345]` → 12345.
fn socket_inode(link: &[u8]) -> Option<u64> {
    let inner = link.strip_prefix(b"socket:[")?.strip_suffix(b"]")?;
    crate::parse::fields::parse_u64(inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn socket_links() {
        assert_eq!(socket_inode(b"socket:[175]"), Some(175));
        assert_eq!(socket_inode(b"socket:[]"), None);
        assert_eq!(socket_inode(b"pipe:[175]"), None);
        assert_eq!(socket_inode(b"/dev/null"), None);
        assert_eq!(socket_inode(b"socket:[12"), None);
    }
}
