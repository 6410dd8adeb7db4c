#![allow(unsafe_code)]
//! `users()` on Windows: the Terminal Services sessions (`WTSEnumerateSessionsW`,
//! `WTSQuerySessionInformationW`). Wine 8 reports no session, so there it is empty.

use std::ffi::OsString;

use windows_sys::Win32::Foundation::ERROR_CALL_NOT_IMPLEMENTED;
use windows_sys::Win32::Networking::WinSock::AF_INET;
use windows_sys::Win32::System::RemoteDesktop::{
    WTSClientAddress, WTSEnumerateSessionsW, WTSFreeMemory, WTSQuerySessionInformationW,
    WTSSessionInfo, WTSUserName, WTSINFOW, WTS_CLIENT_ADDRESS, WTS_CURRENT_SERVER_HANDLE,
    WTS_INFO_CLASS, WTS_SESSION_INFOW,
};

use super::win32;
use crate::error::Pid;
use crate::error::Result;
use crate::parse::windows::filetime::unix_secs;

/// A Terminal Services session. psutil's Windows `suser`, with its fields in its order.
#[doc(alias = "suser")]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct User {
    /// `WTSUserName`: the user name.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::users::ser::os"))]
    pub name: OsString,
    /// Always `None` on Windows (psutil's value).
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::users::ser::os_opt"))]
    pub terminal: Option<OsString>,
    /// `WTSClientAddress`: the client's IPv4 address; `None` for a local session or
    /// another address family, as psutil.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::users::ser::os_opt"))]
    pub host: Option<OsString>,
    /// `WTSSessionInfo.ConnectTime`, in seconds since the epoch.
    pub started: f64,
    /// Always `None` on Windows (psutil's value).
    pub pid: Option<Pid>,
}

/// A buffer the WTS API allocated; freed with `WTSFreeMemory` on drop.
struct WtsBuf(*mut core::ffi::c_void);

impl Drop for WtsBuf {
    fn drop(&mut self) {
        if !self.0.is_null() {
            // SAFETY: the pointer came from a WTS call and is freed once.
            unsafe { WTSFreeMemory(self.0) };
        }
    }
}

/// `WTSQuerySessionInformationW(session, class)`: the returned bytes, copied.
fn query(session: u32, class: WTS_INFO_CLASS, call: &str) -> Result<Vec<u8>> {
    let mut p: *mut u16 = std::ptr::null_mut();
    let mut len = 0u32;
    // SAFETY: valid out-pointers; the buffer is freed by `WtsBuf`.
    let ok = unsafe {
        WTSQuerySessionInformationW(WTS_CURRENT_SERVER_HANDLE, session, class, &mut p, &mut len)
    };
    if ok == 0 {
        return Err(win32::last_error(call));
    }
    let buf = WtsBuf(p.cast());
    if buf.0.is_null() {
        return Ok(Vec::new());
    }
    // SAFETY: the call returned `len` bytes at `p`, alive until `buf` drops.
    Ok(unsafe { std::slice::from_raw_parts(p.cast::<u8>(), len as usize).to_vec() })
}

/// A UTF-16 string of bytes, up to its first NUL.
fn utf16_bytes(b: &[u8]) -> String {
    let units: Vec<u16> = b
        .chunks_exact(2)
        .filter_map(|c| c.try_into().ok().map(u16::from_le_bytes))
        .take_while(|&u| u != 0)
        .collect();
    String::from_utf16_lossy(&units)
}

/// The session's client IPv4 address as text, `None` for a local session or another
/// family (psutil reports only IPv4 client addresses).
fn client_address(session: u32) -> Result<Option<String>> {
    let b = query(
        session,
        WTSClientAddress,
        "WTSQuerySessionInformationW(WTSClientAddress)",
    )?;
    if b.len() < std::mem::size_of::<WTS_CLIENT_ADDRESS>() {
        return Ok(None);
    }
    // SAFETY: `b` holds a whole WTS_CLIENT_ADDRESS (plain data; read unaligned).
    let a: WTS_CLIENT_ADDRESS = unsafe { std::ptr::read_unaligned(b.as_ptr().cast()) };
    if a.AddressFamily != u32::from(AF_INET) {
        return Ok(None);
    }
    let [_, _, o1, o2, o3, o4, ..] = a.Address;
    Ok(Some(format!("{o1}.{o2}.{o3}.{o4}")))
}

/// The session's connect time (`WTSINFOW.ConnectTime`) in seconds since the epoch.
fn connect_time(session: u32) -> Result<f64> {
    let b = query(
        session,
        WTSSessionInfo,
        "WTSQuerySessionInformationW(WTSSessionInfo)",
    )?;
    if b.len() < std::mem::size_of::<WTSINFOW>() {
        return Ok(0.0);
    }
    // SAFETY: `b` holds a whole WTSINFOW (plain data; read unaligned).
    let info: WTSINFOW = unsafe { std::ptr::read_unaligned(b.as_ptr().cast()) };
    Ok(unix_secs(u64::try_from(info.ConnectTime).unwrap_or(0)))
}

/// `users()`: one entry per session with a user name (`WTSUserName`), with the client's
/// IPv4 address as host (`WTSClientAddress`) and the connect time (`WTSSessionInfo`);
/// no terminal, and pid 0 (psutil's `None`s on Windows); a session without an IPv4
/// client address has an empty host (psutil's `None`). A Windows without Terminal
/// Services (`ERROR_CALL_NOT_IMPLEMENTED`, Nano Server) gives an empty list, as psutil.
pub(crate) fn users() -> Result<Vec<User>> {
    let mut sessions: *mut WTS_SESSION_INFOW = std::ptr::null_mut();
    let mut count = 0u32;
    // SAFETY: valid out-pointers; the array is freed by `WtsBuf`.
    let ok = unsafe {
        WTSEnumerateSessionsW(WTS_CURRENT_SERVER_HANDLE, 0, 1, &mut sessions, &mut count)
    };
    if ok == 0 {
        let code = win32::last_error_code();
        if code == ERROR_CALL_NOT_IMPLEMENTED {
            return Ok(Vec::new());
        }
        return Err(win32::win_error(code, "WTSEnumerateSessionsW"));
    }
    let _free = WtsBuf(sessions.cast());
    let ids: Vec<u32> = if sessions.is_null() {
        Vec::new()
    } else {
        // SAFETY: the call returned `count` records at `sessions`.
        unsafe { std::slice::from_raw_parts(sessions, count as usize) }
            .iter()
            .map(|s| s.SessionId)
            .collect()
    };
    let mut out = Vec::new();
    for id in ids {
        let name = utf16_bytes(&query(
            id,
            WTSUserName,
            "WTSQuerySessionInformationW(WTSUserName)",
        )?);
        if name.is_empty() {
            continue;
        }
        let host = client_address(id)?;
        let started = connect_time(id)?;
        out.push(User {
            name: OsString::from(name),
            terminal: None,
            host: host.map(OsString::from),
            started,
            pid: None,
        });
    }
    Ok(out)
}
