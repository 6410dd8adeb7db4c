//! The OS error codes the portable [`Error`](crate::Error) maps to psutil's kinds: Win32
//! error codes (what `std::io::Error::raw_os_error` holds on Windows).

/// `ERROR_FILE_NOT_FOUND`, `ERROR_PATH_NOT_FOUND`: [`Error::NotFound`](crate::Error::NotFound).
pub(crate) const NOT_FOUND: &[i32] = &[2, 3];
/// `ERROR_ACCESS_DENIED`: [`Error::AccessDenied`](crate::Error::AccessDenied).
pub(crate) const ACCESS_DENIED: &[i32] = &[5];
