#![allow(unsafe_code)]
//! `sysctl(3)` and `sysctlbyname(3)` (macOS and the BSDs): a whole value into a byte
//! buffer, sized by the kernel and grown while the value grows between the size query
//! and the read (`ENOMEM`), and the fixed-size integers read by name.

use std::ffi::CString;
use std::io;

/// How many times a read that raced a growing value (`ENOMEM`) is retried.
const ATTEMPTS: usize = 8;

/// The whole value of the MIB `mib`, as the kernel writes it (`sysctl(3)` once with a
/// null buffer for the size, then into a buffer with room to spare).
pub(crate) fn by_mib(mib: &[libc::c_int]) -> io::Result<Vec<u8>> {
    let mut name = mib.to_vec();
    let len = libc::c_uint::try_from(name.len())
        .map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?;
    read_loop(|buf, size| {
        // SAFETY: `name` holds `len` ints; `buf` is null (size query) or writable for
        // `*size` bytes; no new value is set.
        unsafe { libc::sysctl(name.as_mut_ptr(), len, buf, size, std::ptr::null_mut(), 0) }
    })
}

/// The whole value of the sysctl named `name` (`sysctlbyname(3)`).
pub(crate) fn by_name(name: &str) -> io::Result<Vec<u8>> {
    let cname = CString::new(name).map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?;
    read_loop(|buf, size| {
        // SAFETY: `cname` is NUL-terminated; `buf` is null (size query) or writable for
        // `*size` bytes; no new value is set.
        unsafe { libc::sysctlbyname(cname.as_ptr(), buf, size, std::ptr::null_mut(), 0) }
    })
}

/// The value of `name` read as an unsigned integer of the kernel's width (4 or 8
/// bytes, native order): `hw.memsize`, `hw.cpufrequency`, `hw.physicalcpu`, ...
pub(crate) fn uint_by_name(name: &str) -> io::Result<u64> {
    let bytes = by_name(name)?;
    native_uint(&bytes).ok_or_else(|| io::Error::from_raw_os_error(libc::EINVAL))
}

/// The same as [`uint_by_name`] for a MIB.
pub(crate) fn uint_by_mib(mib: &[libc::c_int]) -> io::Result<u64> {
    let bytes = by_mib(mib)?;
    native_uint(&bytes).ok_or_else(|| io::Error::from_raw_os_error(libc::EINVAL))
}

/// A 4- or 8-byte native-order unsigned integer; `None` for any other length.
fn native_uint(bytes: &[u8]) -> Option<u64> {
    match bytes.len() {
        4 => <[u8; 4]>::try_from(bytes)
            .ok()
            .map(|b| u64::from(u32::from_ne_bytes(b))),
        8 => <[u8; 8]>::try_from(bytes).ok().map(u64::from_ne_bytes),
        _ => None,
    }
}

/// Runs `call(buf, &mut size)` first with a null buffer (the size), then with a buffer
/// of that size plus a margin, again with a larger one on `ENOMEM`.
fn read_loop(
    mut call: impl FnMut(*mut libc::c_void, *mut libc::size_t) -> libc::c_int,
) -> io::Result<Vec<u8>> {
    let mut last = io::Error::from_raw_os_error(libc::ENOMEM);
    for attempt in 0..ATTEMPTS {
        let mut size: libc::size_t = 0;
        if call(std::ptr::null_mut(), &mut size) != 0 {
            return Err(io::Error::last_os_error());
        }
        // Room for entries added between the two calls (processes, sockets...).
        let cap = size + size / 8 + 64 * (attempt + 1);
        let mut buf = vec![0u8; cap];
        let mut got: libc::size_t = cap;
        if call(buf.as_mut_ptr().cast(), &mut got) != 0 {
            let e = io::Error::last_os_error();
            if e.raw_os_error() == Some(libc::ENOMEM) {
                last = e;
                continue;
            }
            return Err(e);
        }
        buf.truncate(got.min(cap));
        return Ok(buf);
    }
    Err(last)
}
