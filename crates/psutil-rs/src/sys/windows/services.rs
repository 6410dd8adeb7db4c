#![allow(unsafe_code)]
//! The Windows services (psutil's `win_service_iter()`, `win_service_get()` and
//! `WindowsService`), read from the service control manager: `OpenSCManagerW`,
//! `EnumServicesStatusExW`, `OpenServiceW`, `QueryServiceConfigW`,
//! `QueryServiceConfig2W(SERVICE_CONFIG_DESCRIPTION)` and `QueryServiceStatusEx`.
//! Windows only.

use std::fmt;

use windows_sys::Win32::Foundation::{
    ERROR_INSUFFICIENT_BUFFER, ERROR_INVALID_NAME, ERROR_MORE_DATA, ERROR_MUI_FILE_NOT_FOUND,
    ERROR_NOT_FOUND, ERROR_SERVICE_DOES_NOT_EXIST,
};
use windows_sys::Win32::System::Services::{
    CloseServiceHandle, EnumServicesStatusExW, OpenSCManagerW, OpenServiceW, QueryServiceConfig2W,
    QueryServiceConfigW, QueryServiceStatusEx, ENUM_SERVICE_STATUS_PROCESSW, QUERY_SERVICE_CONFIGW,
    SC_ENUM_PROCESS_INFO, SC_HANDLE, SC_MANAGER_CONNECT, SC_MANAGER_ENUMERATE_SERVICE,
    SC_STATUS_PROCESS_INFO, SERVICE_CONFIG_DESCRIPTION, SERVICE_DESCRIPTIONW, SERVICE_QUERY_CONFIG,
    SERVICE_QUERY_STATUS, SERVICE_STATE_ALL, SERVICE_STATUS_PROCESS, SERVICE_WIN32,
};

use super::win32;
use crate::error::{Error, Pid, Result};
use crate::parse::windows::services::{start_type_name, status_name};

/// A service control manager or service handle, closed on drop.
struct ScHandle(SC_HANDLE);

impl Drop for ScHandle {
    fn drop(&mut self) {
        // SAFETY: the handle is open and closed once.
        unsafe { CloseServiceHandle(self.0) };
    }
}

/// The error of a failed service call on `name`, as psutil maps it: access denied →
/// [`Error::AccessDenied`] ("not querable"), an unknown or invalid name →
/// [`Error::NotFound`] naming the service (psutil's `NoSuchProcess` with `pid=None`),
/// anything else → [`Error::Io`] naming the call.
fn service_error(code: u32, name: &str, call: &str) -> Error {
    match code {
        ERROR_SERVICE_DOES_NOT_EXIST | ERROR_INVALID_NAME => Error::NotFound {
            path: format!("service {name:?}").into(),
        },
        windows_sys::Win32::Foundation::ERROR_ACCESS_DENIED => Error::AccessDenied {
            pid: None,
            name: Some(name.to_string()),
            path: Some(call.into()),
            msg: format!("service {name:?} is not querable (not enough privileges)"),
        },
        _ => win32::win_error(code, call),
    }
}

/// `OpenSCManagerW` on the local machine with `access`.
fn open_manager(access: u32) -> Result<ScHandle> {
    // SAFETY: NULL machine and database: the local, active database.
    let h = unsafe { OpenSCManagerW(std::ptr::null(), std::ptr::null(), access) };
    if h.is_null() {
        return Err(win32::last_error("OpenSCManagerW"));
    }
    Ok(ScHandle(h))
}

/// `OpenServiceW(name, access)` through a manager opened for connecting.
fn open_service(name: &str, access: u32) -> Result<ScHandle> {
    let manager = open_manager(SC_MANAGER_CONNECT)?;
    if name.contains('\0') {
        return Err(service_error(ERROR_INVALID_NAME, name, "OpenServiceW"));
    }
    let wide = win32::wide(name);
    // SAFETY: the manager is open; `wide` is NUL-terminated.
    let h = unsafe { OpenServiceW(manager.0, wide.as_ptr(), access) };
    if h.is_null() {
        return Err(service_error(
            win32::last_error_code(),
            name,
            "OpenServiceW",
        ));
    }
    Ok(ScHandle(h))
}

/// Calls a `Query*` function that fills a caller-sized buffer: first with the size it
/// asked for, again while it reports `ERROR_INSUFFICIENT_BUFFER`. `f(buf, len, needed)`
/// returns the `BOOL`. The buffer is 8-aligned (it holds pointers).
fn sized_query(
    name: &str,
    call: &str,
    f: impl Fn(*mut u8, u32, &mut u32) -> i32,
) -> Result<Vec<u64>> {
    let mut len = 512u32;
    for _ in 0..8 {
        let mut buf = vec![0u64; (len as usize).div_ceil(8)];
        let mut needed = 0u32;
        let cap = u32::try_from(buf.len() * 8).unwrap_or(u32::MAX);
        if f(buf.as_mut_ptr().cast(), cap, &mut needed) != 0 {
            return Ok(buf);
        }
        let code = win32::last_error_code();
        if code == ERROR_INSUFFICIENT_BUFFER || code == ERROR_MORE_DATA {
            len = needed.max(len.saturating_mul(2));
            continue;
        }
        return Err(service_error(code, name, call));
    }
    Err(service_error(ERROR_INSUFFICIENT_BUFFER, name, call))
}

/// `QueryServiceConfigW`: display name, binary path, account, start type.
struct Config {
    display_name: String,
    binpath: String,
    username: String,
    start_type: &'static str,
}

fn query_config(name: &str) -> Result<Config> {
    let service = open_service(name, SERVICE_QUERY_CONFIG)?;
    let buf = sized_query(name, "QueryServiceConfigW", |p, len, needed| {
        // SAFETY: the service is open; `p` is valid (and aligned) for `len` bytes.
        unsafe { QueryServiceConfigW(service.0, p.cast(), len, needed) }
    })?;
    // SAFETY: the call filled a QUERY_SERVICE_CONFIGW at the start of `buf`, whose
    // string pointers point inside `buf` (or are NULL).
    unsafe {
        let c = &*buf.as_ptr().cast::<QUERY_SERVICE_CONFIGW>();
        Ok(Config {
            display_name: win32::from_wide_ptr(c.lpDisplayName),
            binpath: win32::from_wide_ptr(c.lpBinaryPathName),
            username: win32::from_wide_ptr(c.lpServiceStartName),
            start_type: start_type_name(c.dwStartType),
        })
    }
}

/// `QueryServiceStatusEx(SC_STATUS_PROCESS_INFO)`: status and pid.
fn query_status(name: &str) -> Result<(&'static str, Option<Pid>)> {
    let service = open_service(name, SERVICE_QUERY_STATUS)?;
    let mut s = SERVICE_STATUS_PROCESS::default();
    let mut needed = 0u32;
    let size = u32::try_from(std::mem::size_of::<SERVICE_STATUS_PROCESS>()).unwrap_or(0);
    // SAFETY: the service is open; `s` is valid for `size` bytes.
    let ok = unsafe {
        QueryServiceStatusEx(
            service.0,
            SC_STATUS_PROCESS_INFO,
            (&mut s as *mut SERVICE_STATUS_PROCESS).cast(),
            size,
            &mut needed,
        )
    };
    if ok == 0 {
        return Err(service_error(
            win32::last_error_code(),
            name,
            "QueryServiceStatusEx",
        ));
    }
    let pid = (s.dwProcessId != 0).then_some(s.dwProcessId);
    Ok((status_name(s.dwCurrentState), pid))
}

/// `QueryServiceConfig2W(SERVICE_CONFIG_DESCRIPTION)`: the description, empty when
/// the service has none (NULL, `ERROR_NOT_FOUND`, `ERROR_MUI_FILE_NOT_FOUND`).
fn query_description(name: &str) -> Result<String> {
    let service = open_service(name, SERVICE_QUERY_CONFIG)?;
    let buf = sized_query(name, "QueryServiceConfig2W", |p, len, needed| {
        // SAFETY: the service is open; `p` is valid (and aligned) for `len` bytes.
        unsafe { QueryServiceConfig2W(service.0, SERVICE_CONFIG_DESCRIPTION, p, len, needed) }
    });
    let buf = match buf {
        Ok(b) => b,
        Err(Error::Io { source, .. })
            if matches!(
                source.raw_os_error().map(|c| c as u32),
                Some(ERROR_NOT_FOUND | ERROR_MUI_FILE_NOT_FOUND)
            ) =>
        {
            return Ok(String::new())
        }
        Err(e) => return Err(e),
    };
    // SAFETY: the call filled a SERVICE_DESCRIPTIONW at the start of `buf`, whose
    // pointer points inside `buf` or is NULL.
    Ok(unsafe {
        win32::from_wide_ptr((*buf.as_ptr().cast::<SERVICE_DESCRIPTIONW>()).lpDescription)
    })
}

/// A Windows service. psutil's `WindowsService`: the name and display name are known
/// when it is made; every other method asks the service control manager anew (psutil
/// does not cache them either). Two services are equal when their names are.
///
/// Windows only.
#[derive(Debug, Clone)]
pub struct WindowsService {
    name: String,
    display_name: String,
}

impl PartialEq for WindowsService {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for WindowsService {}

impl std::hash::Hash for WindowsService {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name.hash(state);
    }
}

impl fmt::Display for WindowsService {
    /// Like psutil's `str()`, with Rust's quoting:
    /// `WindowsService(name="RpcSs", display_name="...")`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "WindowsService(name={:?}, display_name={:?})",
            self.name, self.display_name
        )
    }
}

/// Everything [`WindowsService::as_dict`] reads, in psutil's key order. psutil's
/// `WindowsService.as_dict()`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct WindowsServiceInfo {
    /// [`WindowsService::display_name`] as `QueryServiceConfigW` reports it now.
    pub display_name: String,
    /// [`WindowsService::binpath`].
    pub binpath: String,
    /// [`WindowsService::username`].
    pub username: String,
    /// [`WindowsService::start_type`].
    pub start_type: String,
    /// [`WindowsService::status`].
    pub status: String,
    /// [`WindowsService::pid`].
    pub pid: Option<Pid>,
    /// [`WindowsService::name`].
    pub name: String,
    /// [`WindowsService::description`].
    pub description: String,
}

impl WindowsService {
    /// The service's key name (`RpcSs`), which identifies it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The name shown to users (`Remote Procedure Call (RPC)`), as known when this value
    /// was made.
    pub fn display_name(&self) -> &str {
        &self.display_name
    }

    /// The command line that starts the service (`lpBinaryPathName` of
    /// `QueryServiceConfigW`).
    pub fn binpath(&self) -> Result<String> {
        Ok(query_config(&self.name)?.binpath)
    }

    /// The account the service runs as (`lpServiceStartName`: `LocalSystem`,
    /// `NT AUTHORITY\LocalService`, ...).
    pub fn username(&self) -> Result<String> {
        Ok(query_config(&self.name)?.username)
    }

    /// `"automatic"`, `"manual"`, `"disabled"` or `"unknown"` (`dwStartType`).
    pub fn start_type(&self) -> Result<&'static str> {
        Ok(query_config(&self.name)?.start_type)
    }

    /// The pid of the process running the service, `None` when it is not running
    /// (`dwProcessId` 0 in `QueryServiceStatusEx`).
    pub fn pid(&self) -> Result<Option<Pid>> {
        Ok(query_status(&self.name)?.1)
    }

    /// psutil's status string: `"running"`, `"paused"`, `"start_pending"`,
    /// `"pause_pending"`, `"continue_pending"`, `"stop_pending"`, `"stopped"` or
    /// `"unknown"` (`dwCurrentState`).
    pub fn status(&self) -> Result<&'static str> {
        Ok(query_status(&self.name)?.0)
    }

    /// The service's description (`QueryServiceConfig2W(SERVICE_CONFIG_DESCRIPTION)`),
    /// empty when it has none.
    pub fn description(&self) -> Result<String> {
        query_description(&self.name)
    }

    /// Every attribute at once. psutil's `as_dict()`.
    pub fn as_dict(&self) -> Result<WindowsServiceInfo> {
        let c = query_config(&self.name)?;
        let (status, pid) = query_status(&self.name)?;
        Ok(WindowsServiceInfo {
            display_name: c.display_name,
            binpath: c.binpath,
            username: c.username,
            start_type: c.start_type.to_string(),
            status: status.to_string(),
            pid,
            name: self.name.clone(),
            description: self.description()?,
        })
    }
}

/// Every Win32 service (drivers excluded), in the order the service control manager
/// lists them, each with its name and display name. psutil's `win_service_iter()`.
///
/// `EnumServicesStatusExW(SC_ENUM_PROCESS_INFO, SERVICE_WIN32, SERVICE_STATE_ALL)`
/// through a manager opened with `SC_MANAGER_ENUMERATE_SERVICE`. Under Wine these are
/// Wine's own services (`RpcSs`, `PlugPlay`, `Spooler`, ...). Windows only.
pub fn win_service_iter() -> Result<std::vec::IntoIter<WindowsService>> {
    let manager = open_manager(SC_MANAGER_ENUMERATE_SERVICE)?;
    let mut out = Vec::new();
    let mut resume = 0u32;
    let mut len = 16 * 1024u32;
    loop {
        let mut buf = vec![0u64; (len as usize).div_ceil(8)];
        let cap = u32::try_from(buf.len() * 8).unwrap_or(u32::MAX);
        let (mut needed, mut count) = (0u32, 0u32);
        // SAFETY: the manager is open; `buf` is valid (and aligned) for `cap` bytes;
        // valid out-pointers; no group name.
        let ok = unsafe {
            EnumServicesStatusExW(
                manager.0,
                SC_ENUM_PROCESS_INFO,
                SERVICE_WIN32,
                SERVICE_STATE_ALL,
                buf.as_mut_ptr().cast(),
                cap,
                &mut needed,
                &mut count,
                &mut resume,
                std::ptr::null(),
            )
        };
        let more = ok == 0 && win32::last_error_code() == ERROR_MORE_DATA;
        if ok == 0 && !more {
            return Err(win32::last_error("EnumServicesStatusExW"));
        }
        let entries = (count as usize)
            .min(buf.len() * 8 / std::mem::size_of::<ENUM_SERVICE_STATUS_PROCESSW>());
        // SAFETY: the call wrote `count` records at the start of `buf`, whose string
        // pointers point inside `buf`.
        let records = unsafe {
            std::slice::from_raw_parts(buf.as_ptr().cast::<ENUM_SERVICE_STATUS_PROCESSW>(), entries)
        };
        for r in records {
            // SAFETY: NUL-terminated strings inside `buf` (or NULL).
            let (name, display_name) = unsafe {
                (
                    win32::from_wide_ptr(r.lpServiceName),
                    win32::from_wide_ptr(r.lpDisplayName),
                )
            };
            out.push(WindowsService { name, display_name });
        }
        if !more {
            break;
        }
        if count == 0 {
            // Not even one record fitted: grow to what the call asked for.
            len = needed.max(len.saturating_mul(2));
        }
    }
    Ok(out.into_iter())
}

/// The service named `name` (its key name, not the display name, matched without
/// regard to case as Windows does), with its display name read now. psutil's
/// `win_service_get(name)`.
///
/// # Errors
/// An unknown name is [`Error::NotFound`] naming the service (psutil's
/// `NoSuchProcess`); a service the caller may not query is [`Error::AccessDenied`].
/// Windows only.
pub fn win_service_get(name: &str) -> Result<WindowsService> {
    let c = query_config(name)?;
    Ok(WindowsService {
        name: name.to_string(),
        display_name: c.display_name,
    })
}
