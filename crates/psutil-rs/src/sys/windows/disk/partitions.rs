#![allow(unsafe_code)]
//! `disk_partitions()` on Windows: `GetLogicalDriveStringsW`, `GetDriveTypeW`,
//! `GetVolumeInformationW` and the volume mount points (`FindFirstVolumeMountPointW`),
//! with critical-error dialogs off (`SetErrorMode(SEM_FAILCRITICALERRORS)`), as psutil.

use std::ffi::OsString;
use std::path::PathBuf;

use windows_sys::Win32::Foundation::INVALID_HANDLE_VALUE;
use windows_sys::Win32::Storage::FileSystem::{
    FindFirstVolumeMountPointW, FindNextVolumeMountPointW, FindVolumeMountPointClose,
    GetDriveTypeW, GetLogicalDriveStringsW, GetVolumeInformationW,
};
use windows_sys::Win32::System::Diagnostics::Debug::{SetErrorMode, SEM_FAILCRITICALERRORS};

use super::super::win32;
use crate::disk::DiskPartition;
use crate::error::Result;
use crate::parse::windows::adapters::wide_array_str;
use crate::parse::windows::drives::{
    keep_drive, partition_opts, split_drive_strings, FILE_SUPPORTS_REPARSE_POINTS,
};

/// `MAX_PATH`.
const MAX_PATH: usize = 260;

/// Restores the previous error mode on drop.
struct ErrorMode(u32);

impl ErrorMode {
    fn fail_critical_errors() -> ErrorMode {
        // SAFETY: no pointers.
        ErrorMode(unsafe { SetErrorMode(SEM_FAILCRITICALERRORS) })
    }
}

impl Drop for ErrorMode {
    fn drop(&mut self) {
        // SAFETY: no pointers.
        unsafe { SetErrorMode(self.0) };
    }
}

/// The drive roots (`C:\`, ...).
fn drive_roots() -> Result<Vec<String>> {
    let mut len = 256u32;
    for _ in 0..4 {
        let mut buf = vec![0u16; len as usize + 1];
        // SAFETY: `buf` is valid for `len` units (plus one spare).
        let n = unsafe { GetLogicalDriveStringsW(len, buf.as_mut_ptr()) };
        if n == 0 {
            return Err(win32::last_error("GetLogicalDriveStringsW"));
        }
        if n > len {
            len = n;
            continue;
        }
        return Ok(split_drive_strings(
            buf.get(..n as usize).unwrap_or_default(),
        ));
    }
    Ok(Vec::new())
}

/// `GetVolumeInformationW` of `root`: the file-system flags and name, `None` when the
/// volume cannot be queried (an empty removable drive, "device not ready").
fn volume_info(root: &[u16]) -> Option<(u32, String)> {
    let mut flags = 0u32;
    let mut max_component = 0u32;
    let mut fs_name = [0u16; MAX_PATH + 1];
    // SAFETY: `root` is NUL-terminated; the name buffer is valid for its length; the
    // volume-name and serial outputs are not requested (NULL).
    let ok = unsafe {
        GetVolumeInformationW(
            root.as_ptr(),
            std::ptr::null_mut(),
            0,
            std::ptr::null_mut(),
            &mut max_component,
            &mut flags,
            fs_name.as_mut_ptr(),
            fs_name.len() as u32,
        )
    };
    (ok != 0).then(|| (flags, wide_array_str(&fs_name)))
}

/// The volume mount points of the volume at `root` (paths relative to it, `mnt\x\`).
fn mount_points(root: &[u16]) -> Vec<String> {
    let mut out = Vec::new();
    let mut buf = [0u16; MAX_PATH + 1];
    // SAFETY: `root` is NUL-terminated; `buf` is valid for its length.
    let h =
        unsafe { FindFirstVolumeMountPointW(root.as_ptr(), buf.as_mut_ptr(), buf.len() as u32) };
    if h == INVALID_HANDLE_VALUE || h.is_null() {
        return out;
    }
    loop {
        out.push(wide_array_str(&buf));
        // SAFETY: `h` is an open search handle; `buf` is valid for its length.
        if unsafe { FindNextVolumeMountPointW(h, buf.as_mut_ptr(), buf.len() as u32) } == 0 {
            break;
        }
    }
    // SAFETY: `h` is open and closed once.
    unsafe { FindVolumeMountPointClose(h) };
    out
}

/// `disk_partitions(all)`: one entry per drive letter (device = mountpoint = `C:\`),
/// filtered as psutil with `all == false`
/// ([`keep_drive`](crate::parse::windows::drives::keep_drive)); `fstype` from
/// `GetVolumeInformationW` (empty when the volume cannot be queried) and `opts` as
/// psutil builds it (`rw,fixed`, see
/// [`partition_opts`](crate::parse::windows::drives::partition_opts)). A volume that
/// supports reparse points adds one entry per volume mount point, with the drive as
/// device and the drive + mount path as mountpoint. Under Wine the drives are Wine's
/// drive map (`C:\`, `Z:\`), every one "NTFS".
pub(crate) fn disk_partitions(all: bool) -> Result<Vec<DiskPartition>> {
    let _mode = ErrorMode::fail_critical_errors();
    let mut out = Vec::new();
    for root in drive_roots()? {
        let wide = win32::wide(&root);
        // SAFETY: `wide` is NUL-terminated.
        let drive_type = unsafe { GetDriveTypeW(wide.as_ptr()) };
        if !keep_drive(&root, drive_type, all) {
            continue;
        }
        let info = volume_info(&wide);
        let flags = info.as_ref().map(|(f, _)| *f);
        let fstype = info.as_ref().map(|(_, n)| n.clone()).unwrap_or_default();
        let opts = partition_opts(flags, drive_type);
        let mounts = match flags {
            Some(f) if f & FILE_SUPPORTS_REPARSE_POINTS != 0 => mount_points(&wide),
            _ => Vec::new(),
        };
        out.push(DiskPartition {
            device: OsString::from(&root),
            mountpoint: PathBuf::from(&root),
            fstype: fstype.clone(),
            opts: opts.clone(),
        });
        for m in mounts {
            out.push(DiskPartition {
                device: OsString::from(&root),
                mountpoint: PathBuf::from(format!("{root}{m}")),
                fstype: fstype.clone(),
                opts: opts.clone(),
            });
        }
    }
    Ok(out)
}
