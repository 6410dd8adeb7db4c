#![allow(unsafe_code)]
//! Disks on FreeBSD: `disk_usage()` (`statvfs(3)`), `disk_partitions()`
//! (`getfsstat(2)`) and `disk_io_counters()` (`kern.devstat.all`, what libdevstat's
//! `devstat_getdevs` reads, decoded by
//! [`parse::freebsd::devstat`](crate::parse::freebsd::devstat)).

use std::ffi::{CStr, OsString};
use std::os::unix::ffi::OsStringExt;
use std::path::{Path, PathBuf};

use super::sysctl;
use crate::disk::io::disk_io_fields;
use crate::disk::{DiskPartition, DiskUsage};
use crate::error::{Error, Result};
use crate::parse::freebsd::{devstat, mount_flags};

/// `disk_usage(path)`: one `statvfs(3)` call (`free` is what non-root may use).
pub(crate) fn disk_usage(path: &Path) -> Result<DiskUsage> {
    let st =
        rustix::fs::statvfs(path).map_err(|e| Error::from_io(std::io::Error::from(e), path))?;
    let frsize = st.f_frsize;
    Ok(DiskUsage::from_statvfs((
        st.f_blocks.saturating_mul(frsize),
        st.f_bfree.saturating_mul(frsize),
        st.f_bavail.saturating_mul(frsize),
    )))
}

fn c_field(f: &[libc::c_char]) -> Vec<u8> {
    let bytes: Vec<u8> = f.iter().map(|&c| c as u8).collect();
    CStr::from_bytes_until_nul(&bytes)
        .map(|c| c.to_bytes().to_vec())
        .unwrap_or(bytes)
}

/// `disk_partitions(all)`: every mounted file system of `getfsstat(MNT_NOWAIT)`;
/// `all` is ignored, as psutil ignores it on the BSDs. `opts` from `f_flags`
/// ([`parse::freebsd::mount_flags`](crate::parse::freebsd::mount_flags)).
pub(crate) fn disk_partitions(_all: bool) -> Result<Vec<DiskPartition>> {
    let err = || Error::from_io(std::io::Error::last_os_error(), "getfsstat");
    // SAFETY: a null buffer asks for the number of mounted file systems.
    let n = unsafe { libc::getfsstat(std::ptr::null_mut(), 0, libc::MNT_NOWAIT) };
    let n = usize::try_from(n).map_err(|_| err())?;
    // SAFETY: `statfs` is a plain C struct for which all-zero bytes are valid.
    let mut buf: Vec<libc::statfs> = vec![unsafe { std::mem::zeroed() }; n + 4];
    let bytes = (buf.len() * std::mem::size_of::<libc::statfs>()) as libc::c_long;
    // SAFETY: `buf` is writable for `bytes` bytes, which getfsstat does not exceed.
    let got = unsafe { libc::getfsstat(buf.as_mut_ptr(), bytes, libc::MNT_NOWAIT) };
    let got = usize::try_from(got).map_err(|_| err())?;
    buf.truncate(got);
    Ok(buf
        .iter()
        .map(|fs| DiskPartition {
            device: OsString::from_vec(c_field(&fs.f_mntfromname)),
            mountpoint: PathBuf::from(OsString::from_vec(c_field(&fs.f_mntonname))),
            fstype: String::from_utf8_lossy(&c_field(&fs.f_fstypename)).into_owned(),
            opts: mount_flags::opts(fs.f_flags),
        })
        .collect())
}

/// Block-device I/O statistics since boot. psutil's `sdiskio` on FreeBSD, fields in its
/// order.
///
/// From the `struct devstat` of each device in `kern.devstat.all` (libdevstat's
/// source). Times are in milliseconds (`struct bintime` converted).
#[doc(alias = "sdiskio")]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct DiskIoCounters {
    /// Reads completed (`operations[DEVSTAT_READ]`).
    pub read_count: u64,
    /// Writes completed (`operations[DEVSTAT_WRITE]`).
    pub write_count: u64,
    /// Bytes read (`bytes[DEVSTAT_READ]`).
    pub read_bytes: u64,
    /// Bytes written (`bytes[DEVSTAT_WRITE]`).
    pub write_bytes: u64,
    /// Milliseconds spent reading (`duration[DEVSTAT_READ]`).
    pub read_time: u64,
    /// Milliseconds spent writing (`duration[DEVSTAT_WRITE]`).
    pub write_time: u64,
    /// Milliseconds the device was busy (`busy_time`).
    pub busy_time: u64,
}

disk_io_fields!(
    read_count,
    write_count,
    read_bytes,
    write_bytes,
    read_time,
    write_time,
    busy_time,
);

/// Which wrap-around state a read uses: FreeBSD has one source, the running system.
pub(crate) type NowrapKey = ();

fn read_disk_io() -> Result<Vec<(String, DiskIoCounters)>> {
    let buf =
        sysctl::by_name("kern.devstat.all").map_err(|e| sysctl::error(e, "kern.devstat.all"))?;
    Ok(devstat::parse(&buf)?
        .into_iter()
        .map(|d| (d.name, DiskIoCounters::from_array(d.counters)))
        .collect())
}

/// The raw counters of `disk_io_counters()` (summed over the devices, `None` when
/// there is none) and of `disk_io_counters(perdisk=True)` (per device: `ada0`, `nvd0`,
/// ...), with their nowrap key.
pub(crate) fn disk_io_raw(_perdisk: bool) -> Result<(NowrapKey, Vec<(String, DiskIoCounters)>)> {
    Ok(((), read_disk_io()?))
}
