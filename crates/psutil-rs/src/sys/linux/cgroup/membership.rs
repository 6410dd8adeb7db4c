//! `/proc/<pid>/cgroup` resolved through the mount table: which directory holds each of
//! a process's cgroups.
//!
//! The mount table is the reader's (`<procfs>/self/mountinfo`): the directories this
//! process can open. For each `cgroup`/`cgroup2` mount, its root (field 4) is the cgroup
//! path at the mount point, not `/` under a bind mount or in a cgroup namespace; a
//! member's directory is the mount point plus the member's path below that root. A
//! mount point is an absolute path of the reader: `/sys/...` is read under the root's
//! sysfs directory and `/proc/...` under its procfs, so fixture trees resolve inside
//! themselves; other mount points are used as they are on the host's root, and are not
//! visible (`None`) under any other root.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};

use super::types::{CgroupMembership, CgroupVersion};
use crate::error::{Pid, Result};
use crate::parse::cgroup::mountinfo::{self, MountInfo};
use crate::parse::cgroup::pid_cgroup::{self, PidCgroup};
use crate::sys;
use crate::Root;

/// A cgroup mount of the reader's mount table.
pub(super) struct CgroupMount {
    pub version: CgroupVersion,
    /// v1 controllers (super options); empty for v2.
    pub controllers: Vec<String>,
    /// The cgroup path at the mount's root.
    pub root: PathBuf,
    /// The mount point as a directory of this `Root`.
    pub dir: PathBuf,
}

/// The cgroup mounts of `<procfs>/self/mountinfo`, in file order.
pub(super) fn cgroup_mounts(root: &Root) -> Result<Vec<CgroupMount>> {
    let all = sys::fs::parse(&root.proc_path("self/mountinfo"), mountinfo::parse)?;
    Ok(all.iter().filter_map(|m| cgroup_mount(root, m)).collect())
}

fn cgroup_mount(root: &Root, m: &MountInfo) -> Option<CgroupMount> {
    let version = match m.fstype.as_slice() {
        b"cgroup" => CgroupVersion::V1,
        b"cgroup2" => CgroupVersion::V2,
        _ => return None,
    };
    Some(CgroupMount {
        version,
        controllers: match version {
            CgroupVersion::V1 => m.cgroup_controllers(),
            CgroupVersion::V2 => Vec::new(),
        },
        root: PathBuf::from(OsStr::from_bytes(&m.root)),
        dir: reader_path(root, Path::new(OsStr::from_bytes(&m.mount_point)))?,
    })
}

/// An absolute path of the reader's mount namespace as a path of `root` (see the
/// module's documentation).
fn reader_path(root: &Root, p: &Path) -> Option<PathBuf> {
    let d = sys::DEFAULT_DIRS;
    for (host, mine) in [(d.sys, root.sysfs()), (d.proc, root.procfs())] {
        if let Ok(rest) = p.strip_prefix(host) {
            return Some(mine.join(rest));
        }
    }
    root.is_host().then(|| p.to_path_buf())
}

/// The path below `mount_root` of a cgroup `path`, component-wise; `None` when the
/// path lies outside it or climbs with `..` (a cgroup namespace shows cgroups outside
/// it as `/../...`).
fn below(path: &Path, mount_root: &Path) -> Option<PathBuf> {
    let rest = path.strip_prefix(mount_root).ok()?;
    rest.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then(|| rest.to_path_buf())
}

/// A membership and the directory of its mount point (the top of its visible
/// ancestors), when resolved.
pub(super) type Resolved = (CgroupMembership, Option<PathBuf>);

/// Resolves the lines of `/proc/<pid>/cgroup` against the mounts.
pub(super) fn resolve(lines: Vec<PidCgroup>, mounts: &[CgroupMount]) -> Vec<CgroupMembership> {
    resolve_full(lines, mounts)
        .into_iter()
        .map(|(m, _)| m)
        .collect()
}

/// [`resolve`], keeping each member's mount point directory.
pub(super) fn resolve_full(lines: Vec<PidCgroup>, mounts: &[CgroupMount]) -> Vec<Resolved> {
    lines
        .into_iter()
        .map(|l| {
            let version = if l.is_v2() {
                CgroupVersion::V2
            } else {
                CgroupVersion::V1
            };
            let path = PathBuf::from(OsStr::from_bytes(&l.path));
            let found = mounts
                .iter()
                .filter(|m| {
                    // a v1 line names its hierarchy by its controllers (all of them)
                    m.version == version
                        && (version == CgroupVersion::V2
                            || (!l.controllers.is_empty()
                                && l.controllers.iter().all(|c| m.controllers.contains(c))))
                })
                .find_map(|m| {
                    // the mount's own root is its mount point, without a trailing '/'
                    below(&path, &m.root).map(|rest| match rest.as_os_str().is_empty() {
                        true => (m.dir.clone(), &m.dir),
                        false => (m.dir.join(rest), &m.dir),
                    })
                });
            let (dir, top) = match found {
                Some((dir, top)) => (Some(dir), Some(top.clone())),
                None => (None, None),
            };
            let member = CgroupMembership {
                hierarchy_id: l.hierarchy_id,
                controllers: l.controllers,
                path,
                version,
                dir,
            };
            (member, top)
        })
        .collect()
}

/// `<procfs>/<pid>/cgroup` of `root`, parsed; NoSuchProcess when absent.
pub(super) fn read_lines(root: &Root, pid: Pid) -> Result<Vec<PidCgroup>> {
    let path = root.proc_path(format!("{pid}/cgroup"));
    match sys::fs::parse(&path, pid_cgroup::parse) {
        Err(e) if e.is_not_found() => Err(crate::Error::NoSuchProcess {
            pid,
            name: None,
            msg: "process no longer exists".into(),
        }),
        other => other,
    }
}

impl Root {
    /// The control groups of process `pid` read from this root:
    /// `<procfs>/<pid>/cgroup` resolved through `<procfs>/self/mountinfo` (see
    /// [`ProcessExt::cgroups`](crate::os::linux::ProcessExt::cgroups)). Linux only; an
    /// extension beyond psutil.
    pub fn cgroups(&self, pid: Pid) -> Result<Vec<CgroupMembership>> {
        Ok(resolve(read_lines(self, pid)?, &cgroup_mounts(self)?))
    }
}

/// `ProcessExt::cgroups`: `/proc/<pid>/cgroup` read through the process's handle (so
/// a reused pid is detected), resolved through the reader's mount table.
pub(crate) fn process_cgroups(p: &crate::Process) -> Result<Vec<CgroupMembership>> {
    use crate::os::linux::ProcessExt as _;
    let lines = p.read_parse("cgroup", pid_cgroup::parse)?;
    Ok(resolve(lines, &cgroup_mounts(p.root())?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn below_root() {
        let b = |p: &str, r: &str| below(Path::new(p), Path::new(r));
        assert_eq!(b("/a/b", "/"), Some(PathBuf::from("a/b")));
        assert_eq!(b("/", "/"), Some(PathBuf::new()));
        assert_eq!(b("/docker/x/y", "/docker/x"), Some(PathBuf::from("y")));
        assert_eq!(b("/docker/xy", "/docker/x"), None);
        assert_eq!(b("/../..", "/"), None);
        assert_eq!(b("/other", "/docker/x"), None);
    }
}
