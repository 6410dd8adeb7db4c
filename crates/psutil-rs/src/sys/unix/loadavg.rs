#![allow(unsafe_code)]
//! `getloadavg(3)`: the 1, 5 and 15 minute load averages (what Python's
//! `os.getloadavg()`, and so psutil on POSIX, returns).

use std::io;

/// The three load averages; an error when the C library gives fewer than three.
pub(crate) fn getloadavg() -> io::Result<[f64; 3]> {
    let mut out = [0f64; 3];
    // SAFETY: `out` is a writable array of the 3 doubles asked for.
    let n = unsafe { libc::getloadavg(out.as_mut_ptr(), 3) };
    if n != 3 {
        return Err(io::Error::other("getloadavg(3): load average unobtainable"));
    }
    Ok(out)
}
