#![allow(unsafe_code)]
//! psutil's `username()` on Windows: the process token's user, `DOMAIN\user`
//! (`OpenProcessToken` + `GetTokenInformation(TokenUser)` + `LookupAccountSidW`).

use windows_sys::Win32::Foundation::{ERROR_INSUFFICIENT_BUFFER, ERROR_NONE_MAPPED, HANDLE};
use windows_sys::Win32::Security::{
    GetTokenInformation, LookupAccountSidW, TokenUser, SID_NAME_USE, TOKEN_QUERY, TOKEN_USER,
};
use windows_sys::Win32::System::Threading::{OpenProcessToken, PROCESS_QUERY_LIMITED_INFORMATION};

use super::win::{self, Failure, OwnedHandle};
use crate::error::Result;
use crate::process::Process;

/// `DOMAIN\user` of the process's token; pids 0 and 4 are `NT AUTHORITY\SYSTEM`. A SID
/// without a name (`ERROR_NONE_MAPPED`) is AccessDenied, as psutil.
pub(crate) fn username(p: &Process) -> Result<String> {
    if p.pid == 0 || p.pid == 4 {
        return Ok(r"NT AUTHORITY\SYSTEM".into());
    }
    let h = p.open_handle(PROCESS_QUERY_LIMITED_INFORMATION)?;
    let mut tok: HANDLE = std::ptr::null_mut();
    // SAFETY: `h` is an open process handle; `tok` a valid out pointer.
    if unsafe { OpenProcessToken(h.raw(), TOKEN_QUERY, &mut tok) } == 0 {
        return Err(p.failure(Failure::last(), "OpenProcessToken"));
    }
    let tok = OwnedHandle(tok);
    let mut buf = vec![0u64; 64];
    loop {
        let len = (buf.len() * 8) as u32;
        let mut needed = 0u32;
        // SAFETY: `buf` has `len` writable, 8-aligned bytes; `needed` is an out pointer.
        let ok = unsafe {
            GetTokenInformation(
                tok.raw(),
                TokenUser,
                buf.as_mut_ptr().cast(),
                len,
                &mut needed,
            )
        };
        if ok != 0 {
            break;
        }
        if win::last_error() != ERROR_INSUFFICIENT_BUFFER || needed <= len {
            return Err(p.failure(Failure::last(), "GetTokenInformation"));
        }
        buf = vec![0u64; (needed as usize).div_ceil(8)];
    }
    // SAFETY: the call filled `buf` with a TOKEN_USER (aligned, as the buffer is 8-aligned)
    // whose SID points into the same buffer, alive until the end of this function.
    let sid = unsafe { (*buf.as_ptr().cast::<TOKEN_USER>()).User.Sid };
    let (mut name, mut domain) = (vec![0u16; 256], vec![0u16; 256]);
    loop {
        let (mut nlen, mut dlen) = (name.len() as u32, domain.len() as u32);
        let mut use_: SID_NAME_USE = 0;
        // SAFETY: `sid` is valid (above); the buffers have the lengths given.
        let ok = unsafe {
            LookupAccountSidW(
                std::ptr::null(),
                sid,
                name.as_mut_ptr(),
                &mut nlen,
                domain.as_mut_ptr(),
                &mut dlen,
                &mut use_,
            )
        };
        if ok != 0 {
            let n = win::from_wide(&name).to_string_lossy().into_owned();
            let d = win::from_wide(&domain).to_string_lossy().into_owned();
            return Ok(format!("{d}\\{n}"));
        }
        match win::last_error() {
            ERROR_INSUFFICIENT_BUFFER
                if (nlen as usize) > name.len() || (dlen as usize) > domain.len() =>
            {
                name = vec![0u16; nlen as usize + 1];
                domain = vec![0u16; dlen as usize + 1];
            }
            ERROR_NONE_MAPPED => return Err(p.denied_error()),
            c => return Err(p.failure(Failure::from_code(c), "LookupAccountSidW")),
        }
    }
}
