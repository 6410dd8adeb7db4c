//! Bytes to `OsString` for the parsers of Linux kernel files compiled everywhere
//! (pid_cmdline, pid_environ): on Windows an `OsString` is UTF-16, so bytes are read as
//! UTF-8, invalid sequences replaced.

use std::ffi::OsString;

/// The bytes as UTF-8 (lossy).
pub(crate) fn from_vec(bytes: Vec<u8>) -> OsString {
    OsString::from(String::from_utf8_lossy(&bytes).into_owned())
}
