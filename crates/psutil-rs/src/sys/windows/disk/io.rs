#![allow(unsafe_code)]
//! `disk_io_counters()` on Windows: `DeviceIoControl(IOCTL_DISK_PERFORMANCE)` on
//! `\\.\PhysicalDrive0` … `\\.\PhysicalDrive31`, with psutil's wrap-around correction.
//! Wine 8 opens the drives but answers `ERROR_NOT_SUPPORTED`, so there it is empty.

use windows_sys::Win32::Foundation::{
    CloseHandle, ERROR_INSUFFICIENT_BUFFER, ERROR_INVALID_FUNCTION, ERROR_NOT_SUPPORTED,
    INVALID_HANDLE_VALUE,
};
use windows_sys::Win32::Storage::FileSystem::{
    CreateFileW, FILE_SHARE_READ, FILE_SHARE_WRITE, OPEN_EXISTING,
};
use windows_sys::Win32::System::Ioctl::IOCTL_DISK_PERFORMANCE;
use windows_sys::Win32::System::IO::DeviceIoControl;

use super::super::win32;
use crate::disk::io::disk_io_fields;
use crate::error::Result;
use crate::parse::windows::disk_performance::{self, DiskPerformance, DISK_PERFORMANCE_LEN};

/// Block-device I/O statistics since boot. psutil's `sdiskio` on Windows, fields in its
/// order.
///
/// From the `DISK_PERFORMANCE` record of `IOCTL_DISK_PERFORMANCE` (which may need
/// `diskperf -y` on old Windows). Times are in milliseconds.
#[doc(alias = "sdiskio")]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct DiskIoCounters {
    /// Reads completed (`ReadCount`).
    pub read_count: u64,
    /// Writes completed (`WriteCount`).
    pub write_count: u64,
    /// Bytes read (`BytesRead`).
    pub read_bytes: u64,
    /// Bytes written (`BytesWritten`).
    pub write_bytes: u64,
    /// Milliseconds spent reading (`ReadTime`, 100-ns units / 10 000; psutil 7.2.2
    /// divides by 10 000 000, see psutil-platforms.md §7 gotcha 2).
    pub read_time: u64,
    /// Milliseconds spent writing (`WriteTime`).
    pub write_time: u64,
}

disk_io_fields!(
    read_count,
    write_count,
    read_bytes,
    write_bytes,
    read_time,
    write_time,
);

impl DiskIoCounters {
    fn from_performance(p: &DiskPerformance) -> Self {
        DiskIoCounters {
            read_count: u64::from(p.read_count),
            write_count: u64::from(p.write_count),
            read_bytes: p.bytes_read,
            write_bytes: p.bytes_written,
            read_time: p.read_time / TICKS_PER_MS,
            write_time: p.write_time / TICKS_PER_MS,
        }
    }
}

/// 100-ns ticks per millisecond.
const TICKS_PER_MS: u64 = 10_000;

/// Which wrap-around state a read uses: Windows has one source, the running system.
pub(crate) type NowrapKey = ();

/// Closes a handle on drop.
struct Handle(windows_sys::Win32::Foundation::HANDLE);

impl Drop for Handle {
    fn drop(&mut self) {
        // SAFETY: the handle is open and closed once.
        unsafe { CloseHandle(self.0) };
    }
}

/// The `DISK_PERFORMANCE` of `\\.\PhysicalDrive<n>`: `None` when the drive does not
/// open or does not support the request (`ERROR_INVALID_FUNCTION`, e.g. a CD-ROM, or
/// `ERROR_NOT_SUPPORTED`), as psutil skips those.
fn drive_performance(n: u32) -> Result<Option<DiskPerformance>> {
    let path = win32::wide(&format!("\\\\.\\PhysicalDrive{n}"));
    // SAFETY: `path` is NUL-terminated; no security attributes or template.
    let h = unsafe {
        CreateFileW(
            path.as_ptr(),
            0,
            FILE_SHARE_READ | FILE_SHARE_WRITE,
            std::ptr::null(),
            OPEN_EXISTING,
            0,
            std::ptr::null_mut(),
        )
    };
    if h == INVALID_HANDLE_VALUE {
        return Ok(None);
    }
    let h = Handle(h);
    let mut len = DISK_PERFORMANCE_LEN;
    for _ in 0..4 {
        let mut buf = vec![0u64; len.div_ceil(8)];
        let mut got = 0u32;
        // SAFETY: the handle is open; no input; `buf` is valid for its byte length.
        let ok = unsafe {
            DeviceIoControl(
                h.0,
                IOCTL_DISK_PERFORMANCE,
                std::ptr::null(),
                0,
                buf.as_mut_ptr().cast(),
                u32::try_from(buf.len() * 8).unwrap_or(u32::MAX),
                &mut got,
                std::ptr::null_mut(),
            )
        };
        if ok == 0 {
            let code = win32::last_error_code();
            match code {
                ERROR_INSUFFICIENT_BUFFER => {
                    len *= 2;
                    continue;
                }
                ERROR_INVALID_FUNCTION | ERROR_NOT_SUPPORTED => return Ok(None),
                _ => {
                    return Err(win32::win_error(
                        code,
                        "DeviceIoControl(IOCTL_DISK_PERFORMANCE)",
                    ))
                }
            }
        }
        let bytes: Vec<u8> = buf.iter().flat_map(|w| w.to_le_bytes()).collect();
        return disk_performance::parse(bytes.get(..got as usize).unwrap_or_default()).map(Some);
    }
    Ok(None)
}

/// The raw counters of every physical drive that answers, keyed `PhysicalDrive<n>`.
fn read_disk_io() -> Result<Vec<(String, DiskIoCounters)>> {
    let mut out = Vec::new();
    for n in 0..32 {
        if let Some(p) = drive_performance(n)? {
            out.push((
                format!("PhysicalDrive{n}"),
                DiskIoCounters::from_performance(&p),
            ));
        }
    }
    Ok(out)
}

/// The raw counters of `disk_io_counters()` (summed over the physical drives, `None`
/// when none answers, always under Wine) and of `disk_io_counters(perdisk=True)` (per
/// physical drive, empty when none answers), with their nowrap key.
pub(crate) fn disk_io_raw(_perdisk: bool) -> Result<(NowrapKey, Vec<(String, DiskIoCounters)>)> {
    Ok(((), read_disk_io()?))
}
