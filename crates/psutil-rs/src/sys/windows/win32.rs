#![allow(unsafe_code)]
//! Small helpers the Windows system backend shares: UTF-16 strings and Win32 errors.

use std::ffi::OsStr;
use std::os::windows::ffi::OsStrExt;
use std::path::Path;

use crate::error::{Error, Result};

/// `s` as a NUL-terminated UTF-16 string.
pub(crate) fn wide(s: &str) -> Vec<u16> {
    s.encode_utf16().chain(Some(0)).collect()
}

/// A path as a NUL-terminated UTF-16 string; a path holding a NUL is
/// [`Error::InvalidArgument`].
pub(crate) fn wide_path(p: &Path) -> Result<Vec<u16>> {
    let units: Vec<u16> = OsStr::new(p).encode_wide().collect();
    if units.contains(&0) {
        return Err(Error::invalid(format!(
            "path {} contains a NUL character",
            p.display()
        )));
    }
    Ok(units.into_iter().chain(Some(0)).collect())
}

/// The string at a NUL-terminated UTF-16 pointer (empty for NULL), decoded lossily.
///
/// # Safety
/// `p` is NULL or points to a NUL-terminated UTF-16 string.
pub(crate) unsafe fn from_wide_ptr(p: *const u16) -> String {
    if p.is_null() {
        return String::new();
    }
    let mut len = 0usize;
    // SAFETY: the caller guarantees a NUL terminator, so every unit up to it is readable.
    unsafe {
        while *p.add(len) != 0 {
            len += 1;
        }
        String::from_utf16_lossy(std::slice::from_raw_parts(p, len))
    }
}

/// The error of a failed Win32 `call` whose code is `code`: `ERROR_ACCESS_DENIED` is
/// [`Error::AccessDenied`], anything else [`Error::Io`] naming the call.
pub(crate) fn win_error(code: u32, call: &str) -> Error {
    if code == windows_sys::Win32::Foundation::ERROR_ACCESS_DENIED {
        return Error::AccessDenied {
            pid: None,
            name: None,
            path: Some(call.into()),
            msg: String::new(),
        };
    }
    Error::Io {
        path: Some(call.into()),
        source: std::io::Error::from_raw_os_error(code as i32),
    }
}

/// [`win_error`] with the calling thread's `GetLastError()`.
pub(crate) fn last_error(call: &str) -> Error {
    win_error(last_error_code(), call)
}

/// `GetLastError()`.
pub(crate) fn last_error_code() -> u32 {
    // SAFETY: no arguments.
    unsafe { windows_sys::Win32::Foundation::GetLastError() }
}
