#![allow(unsafe_code)]
//! `cmdline()`, `cwd()` and `environ()` on Windows: read from the target's PEB
//! (`NtQueryInformationProcess(ProcessBasicInformation)` for its address, then
//! `ReadProcessMemory` of the PEB, of `RTL_USER_PROCESS_PARAMETERS` and of the strings),
//! decoded by [`parse::windows::process_parameters`](crate::parse::windows::process_parameters)
//! and split by [`parse::windows::command_line`](crate::parse::windows::command_line).
//! 64-bit targets only (this crate is built for x86_64).

use std::ffi::{c_void, OsString};
use std::path::PathBuf;
use std::time::Duration;

use indexmap::IndexMap;
use windows_sys::Win32::Foundation::{ERROR_NOACCESS, ERROR_PARTIAL_COPY};
use windows_sys::Win32::System::Diagnostics::Debug::ReadProcessMemory;
use windows_sys::Win32::System::Memory::{VirtualQueryEx, MEMORY_BASIC_INFORMATION};
use windows_sys::Win32::System::Threading::{PROCESS_QUERY_INFORMATION, PROCESS_VM_READ};

use super::win::{self, query_fail, Failure, NtProcessInformationFn, OwnedHandle};
use crate::error::{Error, Result};
use crate::parse::windows::process_parameters::{self as pp, ProcessParameters, UnicodeString};
use crate::parse::windows::{command_line, nt_path};
use crate::process::Process;

/// `ProcessBasicInformation`.
const PROCESS_BASIC_INFORMATION: u32 = 0;
/// The environment block is read up to this size at most.
const MAX_ENVIRONMENT: u64 = 1 << 20;

/// `ReadProcessMemory` of `len` bytes at `addr`. psutil retries `ERROR_PARTIAL_COPY`
/// (the target is starting or changing its memory) for about a second, with sleeps
/// doubling from 0.1 ms to 40 ms, then gives AccessDenied; `ERROR_NOACCESS` is
/// AccessDenied too.
fn read(h: &OwnedHandle, addr: u64, len: usize) -> Result<Vec<u8>, Failure> {
    let mut buf = vec![0u8; len];
    let mut delay = Duration::from_micros(100);
    for _ in 0..33 {
        let mut got = 0usize;
        // SAFETY: `buf` has `len` writable bytes; the address is in the target and the
        // call validates it.
        let ok = unsafe {
            ReadProcessMemory(
                h.raw(),
                addr as *const c_void,
                buf.as_mut_ptr().cast(),
                len,
                &mut got,
            )
        };
        if ok != 0 {
            buf.truncate(got);
            return Ok(buf);
        }
        match win::last_error() {
            ERROR_PARTIAL_COPY => {
                std::thread::sleep(delay);
                delay = (delay * 2).min(Duration::from_millis(40));
            }
            ERROR_NOACCESS => return Err(Failure::Denied),
            c => return Err(Failure::from_code(c)),
        }
    }
    Err(Failure::Denied)
}

/// The process's parameters block (and the handle, for reading the strings).
fn parameters(p: &Process) -> Result<(OwnedHandle, ProcessParameters)> {
    let h = p.open_handle(PROCESS_QUERY_INFORMATION | PROCESS_VM_READ)?;
    let query = win::ntdll_fn!(NtQueryInformationProcess: NtProcessInformationFn)
        .ok_or_else(|| Error::unsupported("NtQueryInformationProcess"))?;
    let mut pbi = [0u64; 6];
    // SAFETY: `pbi` is the 48-byte PROCESS_BASIC_INFORMATION the class fills.
    let st = unsafe {
        query(
            h.raw(),
            PROCESS_BASIC_INFORMATION,
            pbi.as_mut_ptr().cast(),
            48,
            std::ptr::null_mut(),
        )
    };
    if st < 0 {
        return Err(p.failure(query_fail(st), "NtQueryInformationProcess"));
    }
    let [_, peb, ..] = pbi;
    let fail = |f| p.failure(f, "ReadProcessMemory");
    let peb = read(&h, peb, pp::PEB_READ_LEN).map_err(fail)?;
    let params = read(
        &h,
        pp::process_parameters_address(&peb)?,
        pp::PARAMETERS_READ_LEN,
    )
    .map_err(fail)?;
    Ok((h, pp::parse_parameters(&params)?))
}

fn read_string(p: &Process, h: &OwnedHandle, s: UnicodeString) -> Result<String> {
    if s.is_empty() {
        return Ok(String::new());
    }
    let b =
        read(h, s.buffer, usize::from(s.length)).map_err(|f| p.failure(f, "ReadProcessMemory"))?;
    Ok(pp::unicode_string(&b))
}

/// psutil's `cmdline()`: `[]` for pids 0 and 4; the PEB's `CommandLine` split as
/// `CommandLineToArgvW` splits it.
pub(crate) fn cmdline(p: &Process) -> Result<Vec<OsString>> {
    if p.pid == 0 || p.pid == 4 {
        return Ok(Vec::new());
    }
    let (h, params) = parameters(p)?;
    let line = read_string(p, &h, params.command_line)?;
    Ok(command_line::split_str(&line)
        .into_iter()
        .map(OsString::from)
        .collect())
}

/// psutil's `cwd()`: AccessDenied for pids 0 and 4; the PEB's
/// `CurrentDirectory.DosPath` without its trailing backslash (a drive root keeps it).
pub(crate) fn cwd(p: &Process) -> Result<PathBuf> {
    if p.pid == 0 || p.pid == 4 {
        return Err(p.denied_error());
    }
    let (h, params) = parameters(p)?;
    let dir = read_string(p, &h, params.current_directory)?;
    Ok(PathBuf::from(nt_path::trim_dir(&dir)))
}

/// psutil's `environ()`: `{}` for pids 0 and 4; the PEB's environment block
/// (`EnvironmentSize` bytes, or up to the end of its memory region by `VirtualQueryEx`),
/// names upper-cased.
pub(crate) fn environ(p: &Process) -> Result<IndexMap<OsString, OsString>> {
    if p.pid == 0 || p.pid == 4 {
        return Ok(IndexMap::new());
    }
    let (h, params) = parameters(p)?;
    if params.environment == 0 {
        return Ok(IndexMap::new());
    }
    let size = match params.environment_size {
        Some(s) if s > 0 => s,
        _ => region_rest(&h, params.environment).unwrap_or(64 * 1024),
    }
    .min(MAX_ENVIRONMENT);
    let block = read(&h, params.environment, size as usize)
        .map_err(|f| p.failure(f, "ReadProcessMemory"))?;
    Ok(pp::parse_environment(&block)
        .into_iter()
        .map(|(k, v)| (OsString::from(k), OsString::from(v)))
        .collect())
}

/// The bytes from `addr` to the end of its memory region (`VirtualQueryEx`).
fn region_rest(h: &OwnedHandle, addr: u64) -> Option<u64> {
    let mut mbi = MEMORY_BASIC_INFORMATION::default();
    // SAFETY: `mbi` is a valid out struct of the size given.
    let n = unsafe {
        VirtualQueryEx(
            h.raw(),
            addr as *const c_void,
            &mut mbi,
            std::mem::size_of::<MEMORY_BASIC_INFORMATION>(),
        )
    };
    if n == 0 {
        return None;
    }
    let end = (mbi.BaseAddress as u64).checked_add(mbi.RegionSize as u64)?;
    end.checked_sub(addr)
}
