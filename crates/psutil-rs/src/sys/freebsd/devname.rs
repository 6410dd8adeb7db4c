#![allow(unsafe_code)]
//! `devname_r(3)`: the `/dev` name of a character device number (the controlling
//! terminal of `terminal()`).

use std::ffi::{CStr, OsString};
use std::os::unix::ffi::OsStringExt;

/// `SPECNAMELEN + 1`: the longest device name and its NUL.
const NAME_LEN: usize = 256;

/// The name under `/dev` of the character device `dev` (`pts/0`, `ttyv0`), `None`
/// when the C library does not know it (it then writes `#C:0x...`, which is not a
/// path).
pub(crate) fn devname(dev: u64) -> Option<OsString> {
    let mut buf = [0 as libc::c_char; NAME_LEN];
    // SAFETY: `buf` is writable for the length passed; devname_r writes a
    // NUL-terminated name into it (or returns null).
    let r = unsafe {
        libc::devname_r(
            dev,
            libc::S_IFCHR,
            buf.as_mut_ptr(),
            NAME_LEN as libc::c_int,
        )
    };
    if r.is_null() {
        return None;
    }
    // SAFETY: on success `r` points to a NUL-terminated string (in `buf` or static
    // storage of the C library).
    let name = unsafe { CStr::from_ptr(r) }.to_bytes().to_vec();
    if name.is_empty() || name.starts_with(b"#") {
        return None;
    }
    Some(OsString::from_vec(name))
}
