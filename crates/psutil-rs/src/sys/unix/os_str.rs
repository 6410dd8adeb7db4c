//! Bytes to `OsString` for the parsers of kernel files (pid_cmdline, pid_environ).

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

/// The bytes as they are (an `OsString` is bytes on Unix).
pub(crate) fn from_vec(bytes: Vec<u8>) -> OsString {
    OsString::from_vec(bytes)
}
