//! `disk_partitions()`: the mount table, filtered to physical filesystems.

use std::ffi::OsString;
use std::path::PathBuf;

use crate::error::Result;
use crate::sys;

/// One mounted filesystem. psutil's `sdiskpart`, with its fields in its order.
///
/// `device` and `mountpoint` are the raw bytes of the mount table (after `getmntent`'s
/// escape decoding), so names that are not UTF-8 survive. With the `serde` feature they
/// serialize as strings, lossily (invalid UTF-8 becomes U+FFFD), as JSON needs text.
#[doc(alias = "sdiskpart")]
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct DiskPartition {
    /// The mounted device (`/dev/sda1`) or the filesystem's source (`tmpfs`,
    /// `server:/export`); empty when the mount table says `none`. `/dev/root` and
    /// `rootfs` are replaced by the real device of `/` when it can be found.
    #[cfg_attr(feature = "serde", serde(serialize_with = "lossy"))]
    pub device: OsString,
    /// Where it is mounted.
    #[cfg_attr(feature = "serde", serde(serialize_with = "lossy"))]
    pub mountpoint: PathBuf,
    /// The filesystem type (`ext4`, `tmpfs`, `fuse.sshfs`).
    pub fstype: String,
    /// The comma-separated mount options (`rw,relatime`), decoded lossily (psutil
    /// raises `UnicodeDecodeError` on non-UTF-8 options).
    pub opts: String,
}

#[cfg(feature = "serde")]
fn lossy<S: serde::Serializer>(v: &impl AsRef<std::ffi::OsStr>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&v.as_ref().to_string_lossy())
}

/// Mounted filesystems. psutil's `disk_partitions(all)`.
///
/// Linux: reads the mount table (`/etc/mtab` when it exists, else `/proc/self/mounts`) in
/// `getmntent(3)` format, in its order. With `all == false` only physical filesystems
/// are kept: a non-empty device and a type listed without `nodev` in
/// `/proc/filesystems` (plus `zfs`); with `all == true` every mount, including
/// duplicates. A device `none` reads as empty; `/dev/root` and `rootfs` become the real
/// device of `/`, found from `stat("/")` through `/proc/partitions`,
/// `/sys/dev/block/M:m/uevent` or `/sys/class/block/*/dev`.
///
/// Windows: `GetLogicalDriveStringsW`, `GetDriveTypeW`, `GetVolumeInformationW` (`opts`: `rw`/`ro`, then the drive type, as psutil).
pub fn disk_partitions(all: bool) -> Result<Vec<DiskPartition>> {
    sys::disk::disk_partitions(all)
}
