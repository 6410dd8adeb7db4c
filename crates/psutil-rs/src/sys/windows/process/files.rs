#![allow(unsafe_code)]
//! `open_files()` and `net_connections()` of one process on Windows.

use std::path::PathBuf;

use windows_sys::Win32::Foundation::{DuplicateHandle, DUPLICATE_SAME_ACCESS, HANDLE};
use windows_sys::Win32::Storage::FileSystem::{GetFileType, FILE_TYPE_DISK};
use windows_sys::Win32::System::Threading::{
    GetCurrentProcess, PROCESS_DUP_HANDLE, PROCESS_QUERY_INFORMATION,
};

use super::types::{OpenFile, ProcessConnection};
use super::win::{self, query_fail, OwnedHandle};
use crate::error::{Error, Result};
use crate::parse::windows::{handles, nt_path};
use crate::process::Process;
use crate::ConnectionKind;

/// `SystemExtendedHandleInformation`.
const SYSTEM_EXTENDED_HANDLE_INFORMATION: u32 = 64;
/// `ObjectNameInformation`.
const OBJECT_NAME_INFORMATION: u32 = 1;

type NtQueryObjectFn =
    unsafe extern "system" fn(HANDLE, u32, *mut std::ffi::c_void, u32, *mut u32) -> i32;

/// The NT name of a handle (`NtQueryObject(ObjectNameInformation)`).
fn object_name(h: &OwnedHandle) -> Option<String> {
    let f = win::ntdll_fn!(NtQueryObject: NtQueryObjectFn)?;
    let mut buf = vec![0u64; 1024];
    let mut ret = 0u32;
    // SAFETY: `buf` has the given writable, 8-aligned bytes; `ret` an out pointer.
    let st = unsafe {
        f(
            h.raw(),
            OBJECT_NAME_INFORMATION,
            buf.as_mut_ptr().cast(),
            (buf.len() * 8) as u32,
            &mut ret,
        )
    };
    if st < 0 {
        return None;
    }
    let bytes = win::as_bytes(&buf, buf.len() * 8);
    let len = usize::from(u16::from_le_bytes([*bytes.first()?, *bytes.get(1)?]));
    let ptr = u64::from_le_bytes(bytes.get(8..16)?.try_into().ok()?) as usize;
    let start = ptr.checked_sub(bytes.as_ptr() as usize)?;
    let text = bytes.get(start..start.checked_add(len)?)?;
    let units: Vec<u16> = text
        .chunks_exact(2)
        .filter_map(|c| Some(u16::from_le_bytes(c.try_into().ok()?)))
        .collect();
    Some(String::from_utf16_lossy(&units))
}

/// psutil 7.2.2's `open_files()` on Windows, best-effort: `[]` for pids 0 and 4; the
/// process's handles from `NtQuerySystemInformation(SystemExtendedHandleInformation)`,
/// each duplicated here (`DuplicateHandle`), kept if `GetFileType` says disk file, named
/// with `NtQueryObject(ObjectNameInformation)`, converted to a DOS path and kept if it
/// is an existing regular file; duplicates removed, `fd` -1. psutil runs
/// `NtQueryObject` in a thread it kills after 100 ms, as the call can hang on some
/// pipes; only disk files are asked here, which do not hang, so no thread is used.
pub(crate) fn open_files(p: &Process) -> Result<Vec<OpenFile>> {
    if p.pid == 0 || p.pid == 4 {
        return Ok(Vec::new());
    }
    let target = p.open_handle(PROCESS_DUP_HANDLE | PROCESS_QUERY_INFORMATION)?;
    let (buf, len) =
        win::query_system(SYSTEM_EXTENDED_HANDLE_INFORMATION, 1 << 20).map_err(|st| {
            p.failure(
                query_fail(st),
                "NtQuerySystemInformation(SystemExtendedHandleInformation)",
            )
        })?;
    let entries = handles::parse(win::as_bytes(&buf, len), Some(u64::from(p.pid)))?;
    let drives = win::drives();
    // SAFETY: the pseudo-handle needs no closing.
    let me = unsafe { GetCurrentProcess() };
    let mut out: Vec<OpenFile> = Vec::new();
    for e in entries {
        let mut dup: HANDLE = std::ptr::null_mut();
        // SAFETY: `target` has PROCESS_DUP_HANDLE; `dup` is an out pointer.
        let ok = unsafe {
            DuplicateHandle(
                target.raw(),
                e.handle as usize as HANDLE,
                me,
                &mut dup,
                0,
                0,
                DUPLICATE_SAME_ACCESS,
            )
        };
        if ok == 0 || dup.is_null() {
            continue;
        }
        let dup = OwnedHandle(dup);
        // SAFETY: `dup` is an open handle.
        if unsafe { GetFileType(dup.raw()) } != FILE_TYPE_DISK {
            continue;
        }
        let Some(name) = object_name(&dup) else {
            continue;
        };
        let path = PathBuf::from(nt_path::to_dos_path(&name, &drives));
        if path.is_file() && !out.iter().any(|f| f.path == path) {
            out.push(OpenFile { path, fd: -1 });
        }
    }
    if out.is_empty() && !super::pid_exists(p.pid)? {
        return Err(p.gone_error());
    }
    Ok(out)
}

/// psutil's `net_connections(kind)` on Windows: the rows of the socket tables owned by
/// this pid (`fd` -1), after a liveness check. Under Wine every row's owner is 0, so
/// the list is always empty there (wine-coverage.md).
pub(crate) fn net_connections(p: &Process, kind: ConnectionKind) -> Result<Vec<ProcessConnection>> {
    if !super::pid_exists(p.pid)? {
        return Err(p.gone_error());
    }
    let rows = super::sockets::sockets(kind).map_err(|e| match e {
        Error::AccessDenied { .. } => p.denied_error(),
        e => e,
    })?;
    Ok(rows
        .into_iter()
        .filter(|s| s.pid == p.pid)
        .map(|s| ProcessConnection {
            fd: -1,
            family: s.family,
            r#type: s.r#type,
            laddr: s.laddr,
            raddr: s.raddr,
            status: s.status,
        })
        .collect())
}
