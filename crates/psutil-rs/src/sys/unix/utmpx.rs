#![allow(unsafe_code)]
//! `getutxent(3)`: the login records of `users()` on macOS and the BSDs (the utmpx
//! database, `/var/run/utmpx` on macOS). The C library's iterator is global state, so
//! reads are serialized by a lock.

use std::ffi::CStr;
use std::sync::Mutex;

/// One `USER_PROCESS` record, its strings cut at their first NUL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UtmpxEntry {
    /// `ut_user`.
    pub user: Vec<u8>,
    /// `ut_line` (the terminal, `ttys000`, or `~` for system records).
    pub line: Vec<u8>,
    /// `ut_host`.
    pub host: Vec<u8>,
    /// `ut_tv.tv_sec`.
    pub tv_sec: i64,
    /// `ut_tv.tv_usec`.
    pub tv_usec: i64,
    /// `ut_pid`.
    pub pid: i32,
}

/// Serializes `setutxent`/`getutxent`/`endutxent` (one cursor per process).
static LOCK: Mutex<()> = Mutex::new(());

/// Every `USER_PROCESS` record, in the database's order.
pub(crate) fn user_processes() -> Vec<UtmpxEntry> {
    let _guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let mut out = Vec::new();
    // SAFETY: rewinds the C library's utmpx cursor; serialized by LOCK.
    unsafe { libc::setutxent() };
    loop {
        // SAFETY: returns null at the end, or a record valid until the next call,
        // which we copy out of before calling again; serialized by LOCK.
        let rec = unsafe { libc::getutxent() };
        if rec.is_null() {
            break;
        }
        // SAFETY: `rec` is non-null and points to a `struct utmpx` (above).
        let rec = unsafe { &*rec };
        if rec.ut_type != libc::USER_PROCESS {
            continue;
        }
        // `time_t` and `suseconds_t` widths differ (i64/i32 on macOS, i64/i64 on FreeBSD).
        #[allow(clippy::useless_conversion)]
        out.push(UtmpxEntry {
            user: field(&rec.ut_user),
            line: field(&rec.ut_line),
            host: field(&rec.ut_host),
            tv_sec: i64::from(rec.ut_tv.tv_sec),
            tv_usec: i64::from(rec.ut_tv.tv_usec),
            pid: rec.ut_pid,
        });
    }
    // SAFETY: closes the cursor opened above; serialized by LOCK.
    unsafe { libc::endutxent() };
    out
}

/// A fixed `char` array up to its first NUL (the whole array when it has none).
fn field(chars: &[libc::c_char]) -> Vec<u8> {
    let bytes: Vec<u8> = chars.iter().map(|c| *c as u8).collect();
    match CStr::from_bytes_until_nul(&bytes) {
        Ok(s) => s.to_bytes().to_vec(),
        Err(_) => bytes,
    }
}
