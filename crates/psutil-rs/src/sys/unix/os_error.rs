//! The OS error codes the portable [`Error`](crate::Error) maps to psutil's kinds: errno
//! values.

/// `ENOENT`: [`Error::NotFound`](crate::Error::NotFound).
pub(crate) const NOT_FOUND: &[i32] = &[libc::ENOENT];
/// `EACCES`, `EPERM`: [`Error::AccessDenied`](crate::Error::AccessDenied).
pub(crate) const ACCESS_DENIED: &[i32] = &[libc::EACCES, libc::EPERM];
