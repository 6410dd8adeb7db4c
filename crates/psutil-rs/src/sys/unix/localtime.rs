#![allow(unsafe_code)]
//! `localtime_r(3)` for the creation time in a process's `repr`, on every POSIX
//! platform.

/// Local broken-down time of `secs` since the epoch (`localtime_r(3)`, honouring `TZ`):
/// `(year, month 1-12, day, hour, minute, second)`. `None` if out of range.
pub(crate) fn local_time(secs: i64) -> Option<(i32, u32, u32, u32, u32, u32)> {
    let t = libc::time_t::try_from(secs).ok()?;
    // SAFETY: an all-zero `tm` is a valid value (integers and a null zone pointer).
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    // SAFETY: both pointers are to live locals for the duration of the call;
    // localtime_r is the thread-safe variant and only writes into `tm`.
    let r = unsafe { libc::localtime_r(&t, &mut tm) };
    if r.is_null() {
        return None;
    }
    let u = |v: libc::c_int| u32::try_from(v).ok();
    Some((
        tm.tm_year.checked_add(1900)?,
        u(tm.tm_mon)? + 1,
        u(tm.tm_mday)?,
        u(tm.tm_hour)?,
        u(tm.tm_min)?,
        u(tm.tm_sec)?,
    ))
}
