//! `disk_partitions()` on Linux: the mount table, filtered with `/proc/filesystems`.

use std::collections::HashSet;
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::{Path, PathBuf};

use crate::disk::DiskPartition;
use crate::error::Result;
use crate::parse::{filesystems, mounts, partitions};
use crate::sys;
use crate::sys::root::Root;

impl Root {
    /// [`disk_partitions`](crate::disk_partitions) read from this root.
    ///
    /// The mount table is `/etc/mtab` (its real path) when this root is the host's and
    /// the file exists, otherwise `<procfs>/self/mounts`. `/dev/root` is resolved with
    /// `<procfs>/partitions`, `<sysfs>/dev/block/M:m/uevent` and
    /// `<sysfs>/class/block/*/dev`, and must exist under this root's `/dev`; the device
    /// looked for is always that of the running system's `/` (`stat("/")`), as in
    /// psutil, since a directory tree has no `st_dev` of its own to offer.
    pub fn disk_partitions(&self, all: bool) -> Result<Vec<DiskPartition>> {
        let physical: Option<HashSet<String>> = if all {
            None
        } else {
            let fs = sys::fs::parse(&self.proc_path("filesystems"), filesystems::parse)?;
            Some(
                fs.into_iter()
                    .filter(|f| !f.nodev || f.name == "zfs")
                    .map(|f| f.name)
                    .collect(),
            )
        };
        let mtab = self.etc().join("mtab");
        let table = if self.is_host() && sys::disk::is_file(&mtab) {
            sys::fs::canonicalize(&mtab).unwrap_or(mtab)
        } else {
            self.proc_path("self/mounts")
        };
        let entries = sys::fs::parse(&table, mounts::parse)?;
        // Resolved at most once per call, and only if a /dev/root line is present.
        let mut root_device: Option<Option<Vec<u8>>> = None;
        let mut out = Vec::new();
        for e in entries {
            let mut device = e.fsname;
            if device == b"none" {
                device.clear();
            }
            if device == b"/dev/root" || device == b"rootfs" {
                if let Some(found) = root_device.get_or_insert_with(|| self.root_device()) {
                    device.clone_from(found);
                }
            }
            let fstype = String::from_utf8_lossy(&e.fstype).into_owned();
            if let Some(types) = &physical {
                if device.is_empty() || !types.contains(&fstype) {
                    continue;
                }
            }
            out.push(DiskPartition {
                device: OsString::from_vec(device),
                mountpoint: PathBuf::from(OsString::from_vec(e.dir)),
                fstype,
                opts: String::from_utf8_lossy(&e.opts).into_owned(),
            });
        }
        Ok(out)
    }

    /// psutil's `RootFsDeviceFinder`: the `/dev/<name>` of the device holding the running
    /// system's `/` (`st_dev` of `stat("/")`), or `None`. The first source that names a
    /// device decides; the name must then exist under this root's `/dev`.
    fn root_device(&self) -> Option<Vec<u8>> {
        let (major, minor) = sys::disk::device_of(Path::new("/")).ok()?;
        let name = self
            .root_device_from_partitions(major, minor)
            .or_else(|| self.root_device_from_uevent(major, minor))
            .or_else(|| self.root_device_from_class_block(major, minor))?;
        let node = self.devfs().join(OsString::from_vec(name.clone()));
        if !sys::fs::exists(&node) {
            return None;
        }
        let mut dev = sys::DEFAULT_DIRS.dev.as_bytes().to_vec();
        dev.push(b'/');
        dev.extend_from_slice(&name);
        Some(dev)
    }

    fn root_device_from_partitions(&self, major: u32, minor: u32) -> Option<Vec<u8>> {
        let parts = sys::fs::parse(&self.proc_path("partitions"), partitions::parse).ok()?;
        parts
            .into_iter()
            .find(|p| p.major == Some(major) && p.minor == Some(minor) && !p.name.is_empty())
            .map(|p| p.name)
    }

    fn root_device_from_uevent(&self, major: u32, minor: u32) -> Option<Vec<u8>> {
        let path = self.sys_path(format!("dev/block/{major}:{minor}/uevent"));
        partitions::uevent_devname(&sys::fs::read(&path).ok()?)
    }

    fn root_device_from_class_block(&self, major: u32, minor: u32) -> Option<Vec<u8>> {
        let dir = self.sys_path("class/block");
        let mut names = sys::fs::list_dir(&dir).ok()?;
        names.sort();
        names.into_iter().find_map(|name| {
            let data = sys::fs::read(&dir.join(&name).join("dev")).ok()?;
            (partitions::parse_dev(&data) == Some((major, minor))).then(|| name.into_vec())
        })
    }
}

/// `disk_partitions()` from the current [`Root`].
pub(crate) fn disk_partitions(all: bool) -> Result<Vec<DiskPartition>> {
    Root::current().disk_partitions(all)
}
