#![allow(unsafe_code)]
//! `disk_partitions()` on macOS: `getfsstat(MNT_NOWAIT)`, opts from `f_flags`.

use std::ffi::{CStr, OsString};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::parse::macos::mount_flags::opts;
use crate::DiskPartition;

/// A fixed `char` array up to its NUL.
fn chars(a: &[libc::c_char]) -> Vec<u8> {
    let bytes: Vec<u8> = a.iter().map(|c| *c as u8).collect();
    match CStr::from_bytes_until_nul(&bytes) {
        Ok(s) => s.to_bytes().to_vec(),
        Err(_) => bytes,
    }
}

/// Every mounted filesystem's `struct statfs`.
fn mounts() -> Result<Vec<libc::statfs>> {
    let fail = |what: &str| Error::from_io(std::io::Error::last_os_error(), what.to_string());
    for _ in 0..4 {
        // SAFETY: a null buffer asks for the number of mounts.
        let n = unsafe { libc::getfsstat(std::ptr::null_mut(), 0, libc::MNT_NOWAIT) };
        if n < 0 {
            return Err(fail("getfsstat"));
        }
        let cap = usize::try_from(n).unwrap_or(0) + 4;
        // SAFETY: `statfs` is plain data, for which all-zero bytes are valid.
        let mut buf: Vec<libc::statfs> = vec![unsafe { std::mem::zeroed() }; cap];
        let size = libc::c_int::try_from(cap * std::mem::size_of::<libc::statfs>())
            .unwrap_or(libc::c_int::MAX);
        // SAFETY: `buf` holds `size` writable bytes of `statfs` records.
        let got = unsafe { libc::getfsstat(buf.as_mut_ptr(), size, libc::MNT_NOWAIT) };
        if got < 0 {
            return Err(fail("getfsstat"));
        }
        let got = usize::try_from(got).unwrap_or(0);
        if got < cap {
            buf.truncate(got);
            return Ok(buf);
        }
        // As many as the buffer holds: more may have been mounted; again.
    }
    Err(Error::Io {
        path: Some("getfsstat".into()),
        source: std::io::Error::other("the mount list keeps growing"),
    })
}

/// `disk_partitions(all)`: one entry per mount; device `none` becomes `''`; without
/// `all`, only devices that are absolute paths of existing files (psutil's filter).
pub(crate) fn disk_partitions(all: bool) -> Result<Vec<DiskPartition>> {
    let mut out = Vec::new();
    for m in mounts()? {
        let mut device = chars(&m.f_mntfromname);
        if device == b"none" {
            device.clear();
        }
        let mountpoint = PathBuf::from(OsString::from_vec(chars(&m.f_mntonname)));
        let fstype = String::from_utf8_lossy(&chars(&m.f_fstypename)).into_owned();
        if !all {
            let dev = Path::new(std::ffi::OsStr::from_bytes(&device));
            if !dev.is_absolute() || !dev.exists() {
                continue;
            }
        }
        out.push(DiskPartition {
            device: OsString::from_vec(device),
            mountpoint,
            fstype,
            opts: opts(m.f_flags),
        });
    }
    Ok(out)
}
