//! The user database through the C library's name service switch (NSS).
#![allow(unsafe_code)]

use std::ffi::CStr;

/// The first buffer offered to `getpwuid_r` (glibc's `_SC_GETPW_R_SIZE_MAX` is 1024);
/// it doubles on `ERANGE` up to [`MAX_BUF`].
const FIRST_BUF: usize = 1024;
/// No record needs more: a larger request is treated as "not found".
const MAX_BUF: usize = 1 << 20;

/// The name of the user `uid` from `getpwuid_r(3)`: every source `/etc/nsswitch.conf`
/// lists for `passwd` (`files`, `systemd` for DynamicUser and userdb accounts, `sss`,
/// `ldap`, `extrausers`, ...), as Python's `pwd.getpwuid`. `None` when no source
/// knows the uid, and when the lookup fails (a source that cannot be reached):
/// CPython's `pwd` module turns both into `KeyError`, which psutil turns into the uid.
/// The name's bytes are kept as they are.
pub(crate) fn user_name(uid: u32) -> Option<Vec<u8>> {
    let mut buf: Vec<libc::c_char> = vec![0; FIRST_BUF];
    loop {
        // SAFETY: `libc::passwd` is a plain C struct of integers and pointers, for which
        // all-zero bytes (null pointers) are a valid value.
        let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        let (b, len) = (buf.as_mut_ptr(), buf.len());
        // SAFETY: `pwd` and `result` are valid out-pointers and `b` is a writable buffer
        // of `len` bytes; on success getpwuid_r points `result` at `pwd`, whose strings
        // live in `buf`, both alive and unchanged until the end of this iteration.
        let rc = unsafe { libc::getpwuid_r(uid, &mut pwd, b, len, &mut result) };
        if rc == libc::ERANGE && buf.len() < MAX_BUF {
            buf.resize(buf.len() * 2, 0);
            continue;
        }
        if rc != 0 || result.is_null() || pwd.pw_name.is_null() {
            return None;
        }
        // SAFETY: on success `pw_name` is a NUL-terminated string inside `buf`, which is
        // alive and unchanged here.
        let name = unsafe { CStr::from_ptr(pwd.pw_name) };
        return Some(name.to_bytes().to_vec());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_and_unknown() {
        assert_eq!(user_name(0).as_deref(), Some(&b"root"[..]));
        // The largest uid is (uid_t)-1, "no uid": never an account.
        assert_eq!(user_name(u32::MAX), None);
    }
}
