#![allow(unsafe_code)]
//! The FreeBSD uses of `sysctl(3)` beyond the shared reader (`sys/unix/sysctl.rs`):
//! `sysctlnametomib(3)` for the indexed names (`vm.swap_info.<n>`), fixed-size reads,
//! writes (`kern.proc.rlimit`), signed integers, and the errors naming the sysctl. The
//! errno is kept so callers can map it to psutil's errors (`ESRCH`, `EPERM`,
//! `ENOENT`).

use std::ffi::CString;
use std::io;

use crate::error::Error;

/// A failed sysctl: the errno, as an `io::Error`.
pub(crate) type SysResult<T> = std::result::Result<T, io::Error>;

/// The whole value at `mib` (the shared `sysctl(3)` reader: size probe, margin,
/// `ENOMEM` retry).
pub(crate) fn by_mib(mib: &[libc::c_int]) -> SysResult<Vec<u8>> {
    super::unix_sysctl::by_mib(mib)
}

/// Reads at most `cap` bytes of the value at `mib` (for fixed-size records, where the
/// size probe is not needed).
pub(crate) fn by_mib_fixed(mib: &[libc::c_int], cap: usize) -> SysResult<Vec<u8>> {
    let len = u32::try_from(mib.len()).map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?;
    let mut buf = vec![0u8; cap];
    let mut got: libc::size_t = cap;
    // SAFETY: `buf` is writable for `got` bytes; `mib` holds `len` ints.
    let rc = unsafe {
        libc::sysctl(
            mib.as_ptr(),
            len,
            buf.as_mut_ptr().cast(),
            &mut got,
            std::ptr::null(),
            0,
        )
    };
    if rc != 0 {
        return Err(io::Error::last_os_error());
    }
    buf.truncate(got);
    Ok(buf)
}

/// Writes `value` to the sysctl at `mib` (no old value read).
pub(crate) fn set_by_mib(mib: &[libc::c_int], value: &[u8]) -> SysResult<()> {
    let len = u32::try_from(mib.len()).map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?;
    // SAFETY: `mib` holds `len` ints; `value` is readable for its length; no old value.
    let rc = unsafe {
        libc::sysctl(
            mib.as_ptr(),
            len,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            value.as_ptr().cast(),
            value.len(),
        )
    };
    if rc != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// The MIB of a sysctl name (`sysctlnametomib(3)`).
pub(crate) fn name_to_mib(name: &str) -> SysResult<Vec<libc::c_int>> {
    let c = CString::new(name).map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))?;
    let mut mib = [0 as libc::c_int; 24];
    let mut n: libc::size_t = mib.len();
    // SAFETY: `c` is NUL-terminated; `mib` is writable for `n` ints, and the call
    // stores the number written in `n`.
    let rc = unsafe { libc::sysctlnametomib(c.as_ptr(), mib.as_mut_ptr(), &mut n) };
    if rc != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(mib.get(..n).unwrap_or_default().to_vec())
}

/// The whole value of the sysctl `name` (`sysctlbyname(3)`, shared reader).
pub(crate) fn by_name(name: &str) -> SysResult<Vec<u8>> {
    super::unix_sysctl::by_name(name)
}

/// An integer sysctl `name` of 4 or 8 bytes (negative values of a signed one read as
/// 0).
pub(crate) fn uint(name: &str, signed: bool) -> SysResult<u64> {
    if !signed {
        return super::unix_sysctl::uint_by_name(name);
    }
    let buf = by_name(name)?;
    crate::parse::freebsd::values::uint(&buf, signed)
        .ok_or_else(|| io::Error::from_raw_os_error(libc::EINVAL))
}

/// An `int` sysctl `name`, negative values kept.
pub(crate) fn int(name: &str) -> SysResult<i32> {
    let buf = by_name(name)?;
    crate::parse::freebsd::values::int(&buf)
        .ok_or_else(|| io::Error::from_raw_os_error(libc::EINVAL))
}

/// The crate's error for a failed sysctl, naming it.
pub(crate) fn error(e: io::Error, name: &str) -> Error {
    Error::from_io(e, format!("sysctl {name}"))
}

/// `hw.pagesize`, cached (the page size never changes).
pub(crate) fn page_size() -> u64 {
    use std::sync::OnceLock;
    static PAGE: OnceLock<u64> = OnceLock::new();
    *PAGE.get_or_init(|| uint("hw.pagesize", true).unwrap_or(4096).max(1))
}
