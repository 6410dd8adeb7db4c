//! `/proc/<pid>/mountinfo`: the mounts of a mount namespace (see proc_pid_mountinfo(5)),
//! used to find where each cgroup hierarchy is mounted.
//!
//! One mount per line: `mount-ID parent-ID major:minor root mount-point mount-options
//! [optional-fields...] - fstype source super-options`. The optional fields end at the
//! lone `-`. Fields escape space, tab, newline and backslash as `\040`, `\011`, `\012`,
//! `\134`. For a cgroup mount, `root` is the cgroup path at the mount's root (not `/`
//! under a bind mount or a cgroup namespace), and the super options name the v1
//! controllers (`rw,cpu,cpuacct`, `rw,name=systemd`).

use super::shown;
use crate::error::{Error, Result};
use crate::parse::fields::{lines, parse_u64, words};
use crate::parse::mounts::decode;

const FILE: &str = "mountinfo";

/// One line of `/proc/<pid>/mountinfo`, with escapes decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct MountInfo {
    /// Field 1: the mount's id.
    pub mount_id: u64,
    /// Field 2: the parent mount's id.
    pub parent_id: u64,
    /// Field 4: the path inside the filesystem at the mount's root.
    pub root: Vec<u8>,
    /// Field 5: the mount point, relative to the reader's root directory.
    pub mount_point: Vec<u8>,
    /// The filesystem type after the `-` (`cgroup`, `cgroup2`, `ext4`).
    pub fstype: Vec<u8>,
    /// The source after the filesystem type.
    pub source: Vec<u8>,
    /// The per-superblock options (`rw,memory`).
    pub super_options: Vec<u8>,
}

impl MountInfo {
    /// The super options that are v1 cgroup controllers: every option except
    /// `rw`/`ro` and the v1 mount flags that are not controllers (`noprefix`,
    /// `clone_children`, `xattr`, `cpuset_v2_mode`, `favordynmods`, `release_agent=`).
    /// `name=<n>` is kept: it names a controller-less hierarchy as
    /// `/proc/<pid>/cgroup` does.
    pub fn cgroup_controllers(&self) -> Vec<String> {
        const NOT: &[&str] = &[
            "rw",
            "ro",
            "noprefix",
            "clone_children",
            "xattr",
            "cpuset_v2_mode",
            "favordynmods",
            "nsdelegate",
            "memory_recursiveprot",
            "memory_localevents",
            "memory_hugetlb_accounting",
            "pids_localevents",
        ];
        String::from_utf8_lossy(&self.super_options)
            .split(',')
            .filter(|o| !o.is_empty() && !NOT.contains(o) && !o.starts_with("release_agent="))
            .map(str::to_owned)
            .collect()
    }
}

/// Parses `/proc/<pid>/mountinfo`. A line with fewer than 10 fields, ids that are not
/// numbers, or no `-` separator is an error naming the line.
pub fn parse(data: &[u8]) -> Result<Vec<MountInfo>> {
    let mut out = Vec::new();
    for (n, line) in lines(data) {
        let bad = |what: &str| Error::parse(FILE, Some(n), format!("{what} in {:?}", shown(line)));
        let f: Vec<&[u8]> = words(line).collect();
        let sep = f
            .iter()
            .skip(6)
            .position(|w| *w == b"-")
            .map(|i| i + 6)
            .ok_or_else(|| bad("no '-' separator"))?;
        let field = |i: usize| f.get(i).copied().ok_or_else(|| bad("missing field"));
        let id = |i: usize| field(i).and_then(|w| parse_u64(w).ok_or_else(|| bad("bad mount id")));
        out.push(MountInfo {
            mount_id: id(0)?,
            parent_id: id(1)?,
            root: decode(field(3)?),
            mount_point: decode(field(4)?),
            fstype: decode(field(sep + 1)?),
            source: decode(field(sep + 2)?),
            super_options: f.get(sep + 3).map(|w| decode(w)).unwrap_or_default(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HYBRID: &[u8] = b"31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n\
32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime shared:7 - cgroup cgroup rw,cpu,cpuacct\n\
40 31 0:37 /docker/x /sys/fs/cgroup/sys\\040temd rw,relatime - cgroup cgroup rw,xattr,name=systemd\n\
41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw,nsdelegate\n";

    #[test]
    fn cgroup_mounts() {
        let m = parse(HYBRID).unwrap();
        assert_eq!(m.len(), 4);
        assert_eq!(m[1].fstype, b"cgroup");
        assert_eq!(m[1].cgroup_controllers(), ["cpu", "cpuacct"]);
        assert_eq!(m[2].root, b"/docker/x");
        assert_eq!(m[2].mount_point, b"/sys/fs/cgroup/sys temd");
        assert_eq!(m[2].cgroup_controllers(), ["name=systemd"]);
        assert_eq!(m[3].fstype, b"cgroup2");
        assert!(m[3].cgroup_controllers().is_empty());
        assert_eq!(m[0].mount_id, 31);
        assert_eq!(m[0].parent_id, 23);
    }

    #[test]
    fn garbage() {
        for bad in [
            &b"31 23 0:28 / /x rw"[..],
            b"a 23 0:28 / /x rw - tmpfs tmpfs rw",
            b"31 23 0:28 / /x rw -",
        ] {
            let e = parse(bad).unwrap_err().to_string();
            assert!(e.contains("line 1"), "{e}");
        }
        assert!(parse(b"\n").unwrap().is_empty());
    }
}
