#![allow(unsafe_code)]
//! The small Win32 and NT helpers every process call uses: an owned handle, the last
//! error, the ntdll exports resolved at run time, UTF-16 strings, the drive map for NT
//! paths, and `OpenProcess` with psutil's error decisions (psutil-platforms.md §5.1).

use std::ffi::{c_void, OsString};
use std::os::windows::ffi::OsStringExt;
use std::sync::OnceLock;

use windows_sys::Win32::Foundation::{
    CloseHandle, GetLastError, ERROR_ACCESS_DENIED, ERROR_INVALID_PARAMETER,
    ERROR_PRIVILEGE_NOT_HELD, HANDLE, STILL_ACTIVE,
};
use windows_sys::Win32::Storage::FileSystem::QueryDosDeviceW;
use windows_sys::Win32::System::LibraryLoader::{GetModuleHandleW, GetProcAddress};
use windows_sys::Win32::System::ProcessStatus::K32EnumProcesses;
use windows_sys::Win32::System::Threading::{GetExitCodeProcess, OpenProcess};

use crate::error::Pid;
use crate::parse::windows::nt_path::Drive;

/// A handle closed on drop.
#[derive(Debug)]
pub(crate) struct OwnedHandle(pub HANDLE);

impl OwnedHandle {
    pub(crate) fn raw(&self) -> HANDLE {
        self.0
    }
}

impl Drop for OwnedHandle {
    fn drop(&mut self) {
        // SAFETY: the handle was returned open by the API that made this value and is
        // closed once, here.
        unsafe {
            CloseHandle(self.0);
        }
    }
}

// SAFETY: a process, thread or snapshot handle is a kernel object reference usable from
// any thread.
unsafe impl Send for OwnedHandle {}
// SAFETY: as above; the calls made on it are thread-safe.
unsafe impl Sync for OwnedHandle {}

/// `GetLastError()`.
pub(crate) fn last_error() -> u32 {
    // SAFETY: no arguments; reads the thread's last-error value.
    unsafe { GetLastError() }
}

/// Why a process could not be reached, in psutil's terms.
#[derive(Debug)]
pub(crate) enum Failure {
    /// NoSuchProcess.
    Gone,
    /// AccessDenied.
    Denied,
    /// Any other Win32 error code (an `OSError`).
    Os(u32),
}

impl Failure {
    /// psutil's reading of a Win32 error code: `ERROR_ACCESS_DENIED` and
    /// `ERROR_PRIVILEGE_NOT_HELD` are AccessDenied, anything else an OS error.
    pub(crate) fn from_code(code: u32) -> Failure {
        match code {
            ERROR_ACCESS_DENIED | ERROR_PRIVILEGE_NOT_HELD => Failure::Denied,
            c => Failure::Os(c),
        }
    }

    /// [`Failure::from_code`] of the last error.
    pub(crate) fn last() -> Failure {
        Failure::from_code(last_error())
    }
}

/// `EnumProcesses`, its buffer grown by 1024 pids until the answer fits.
pub(crate) fn enum_processes() -> Result<Vec<u32>, u32> {
    let mut cap = 1024usize;
    loop {
        let mut buf = vec![0u32; cap];
        let bytes = u32::try_from(cap * 4).unwrap_or(u32::MAX);
        let mut got = 0u32;
        // SAFETY: `buf` has `bytes` writable bytes; `got` is a valid out pointer.
        let ok = unsafe { K32EnumProcesses(buf.as_mut_ptr(), bytes, &mut got) };
        if ok == 0 {
            return Err(last_error());
        }
        if got < bytes {
            buf.truncate(got as usize / 4);
            return Ok(buf);
        }
        cap += 1024;
    }
}

/// Whether `pid` is in `EnumProcesses` (false when the list cannot be read).
pub(crate) fn listed(pid: Pid) -> bool {
    enum_processes().is_ok_and(|l| l.contains(&pid))
}

/// psutil's `psutil_handle_from_pid`: `OpenProcess(access)` with its decisions. PID 0 is
/// AccessDenied; `ERROR_INVALID_PARAMETER` is NoSuchProcess; a NULL handle without an
/// error is AccessDenied if the pid is listed, else NoSuchProcess; an open handle on a
/// process that has exited (exit code not `STILL_ACTIVE`) whose pid is no longer listed
/// is NoSuchProcess (Wine keeps such pids openable for about a second).
pub(crate) fn open_process(pid: Pid, access: u32) -> Result<OwnedHandle, Failure> {
    if pid == 0 {
        return Err(Failure::Denied);
    }
    // SAFETY: plain call; a NULL result is checked.
    let h = unsafe { OpenProcess(access, 0, pid) };
    if h.is_null() {
        return Err(match last_error() {
            ERROR_INVALID_PARAMETER => Failure::Gone,
            0 if listed(pid) => Failure::Denied,
            0 => Failure::Gone,
            c => Failure::from_code(c),
        });
    }
    let h = OwnedHandle(h);
    if has_exited(&h) && !listed(pid) {
        return Err(Failure::Gone);
    }
    Ok(h)
}

/// Whether `GetExitCodeProcess` says the process has ended (a failure, such as
/// ERROR_ACCESS_DENIED on a handle without query rights, says nothing).
pub(crate) fn has_exited(h: &OwnedHandle) -> bool {
    let mut code = 0u32;
    // SAFETY: `h` is an open process handle; `code` a valid out pointer.
    let ok = unsafe { GetExitCodeProcess(h.raw(), &mut code) };
    ok != 0 && code != STILL_ACTIVE as u32
}

/// UTF-16 with a terminating NUL, for the `W` calls.
pub(crate) fn wide(s: &str) -> Vec<u16> {
    s.encode_utf16().chain(std::iter::once(0)).collect()
}

/// The text of UTF-16 units up to the first NUL.
pub(crate) fn from_wide(units: &[u16]) -> OsString {
    let end = units.iter().position(|&c| c == 0).unwrap_or(units.len());
    OsString::from_wide(units.get(..end).unwrap_or_default())
}

/// The address of an ntdll export, resolved once per name with `GetProcAddress` (a
/// static import of an export Wine lacks would stop the executable from loading).
pub(crate) fn ntdll_proc(name: &'static [u8]) -> Option<usize> {
    static MODULE: OnceLock<usize> = OnceLock::new();
    let module = *MODULE.get_or_init(|| {
        let n = wide("ntdll.dll");
        // SAFETY: `n` is a NUL-terminated UTF-16 string; ntdll is always loaded.
        unsafe { GetModuleHandleW(n.as_ptr()) as usize }
    });
    if module == 0 {
        return None;
    }
    debug_assert!(name.last() == Some(&0));
    // SAFETY: `module` is ntdll's handle, `name` a NUL-terminated ASCII name.
    let f = unsafe { GetProcAddress(module as _, name.as_ptr()) };
    f.map(|f| f as usize)
}

/// Resolves and caches one ntdll export as a typed function pointer.
macro_rules! ntdll_fn {
    ($name:ident: $ty:ty) => {{
        static CELL: std::sync::OnceLock<Option<usize>> = std::sync::OnceLock::new();
        let addr = *CELL.get_or_init(|| {
            $crate::sys::imp::process::win::ntdll_proc(concat!(stringify!($name), "\0").as_bytes())
        });
        // SAFETY: the address is ntdll's export of that name, whose signature is `$ty`.
        addr.map(|a| unsafe { std::mem::transmute::<usize, $ty>(a) })
    }};
}
pub(crate) use ntdll_fn;

/// `NtQuerySystemInformation`.
pub(crate) type NtQuerySystemInformationFn =
    unsafe extern "system" fn(u32, *mut c_void, u32, *mut u32) -> i32;
/// `NtQueryInformationProcess` / `NtSetInformationProcess`.
pub(crate) type NtProcessInformationFn =
    unsafe extern "system" fn(HANDLE, u32, *mut c_void, u32, *mut u32) -> i32;
/// `NtSetInformationProcess`.
pub(crate) type NtSetProcessInformationFn =
    unsafe extern "system" fn(HANDLE, u32, *mut c_void, u32) -> i32;
/// `NtSuspendProcess` / `NtResumeProcess`.
pub(crate) type NtProcessFn = unsafe extern "system" fn(HANDLE) -> i32;

/// `STATUS_INFO_LENGTH_MISMATCH`.
pub(crate) const STATUS_INFO_LENGTH_MISMATCH: i32 = 0xC000_0004_u32 as i32;
/// `STATUS_BUFFER_TOO_SMALL`.
pub(crate) const STATUS_BUFFER_TOO_SMALL: i32 = 0xC000_0023_u32 as i32;
/// `STATUS_ACCESS_DENIED`.
pub(crate) const STATUS_ACCESS_DENIED: i32 = 0xC000_0022_u32 as i32;

/// `NtQuerySystemInformation(class)` into a buffer grown until the answer fits; the
/// buffer is 8-byte aligned (a `Vec<u64>`), returned with the byte count filled.
pub(crate) fn query_system(class: u32, first: usize) -> Result<(Vec<u64>, usize), i32> {
    let Some(query) = ntdll_fn!(NtQuerySystemInformation: NtQuerySystemInformationFn) else {
        return Err(STATUS_ACCESS_DENIED);
    };
    let mut size = first.max(4096);
    for _ in 0..16 {
        let mut buf = vec![0u64; size.div_ceil(8)];
        let len = u32::try_from(buf.len() * 8).unwrap_or(u32::MAX);
        let mut needed = 0u32;
        // SAFETY: `buf` holds `len` writable bytes; `needed` is a valid out pointer.
        let st = unsafe { query(class, buf.as_mut_ptr().cast(), len, &mut needed) };
        if st >= 0 {
            let all = buf.len() * 8;
            let filled = (needed as usize).min(all);
            return Ok((buf, if filled == 0 { all } else { filled }));
        }
        if st != STATUS_INFO_LENGTH_MISMATCH && st != STATUS_BUFFER_TOO_SMALL {
            return Err(st);
        }
        size = (needed as usize).max(size * 2) + 64 * 1024;
    }
    Err(STATUS_INFO_LENGTH_MISMATCH)
}

/// The bytes of an 8-byte aligned buffer.
pub(crate) fn as_bytes(buf: &[u64], len: usize) -> &[u8] {
    // SAFETY: a `[u64]` is `len * 8` initialised bytes; `u8` has no alignment needs.
    let all = unsafe { std::slice::from_raw_parts(buf.as_ptr().cast::<u8>(), buf.len() * 8) };
    all.get(..len).unwrap_or(all)
}

/// The drive map for NT paths: `QueryDosDeviceW` of `A:`..`Z:`.
pub(crate) fn drives() -> Vec<Drive> {
    let mut out = Vec::new();
    for letter in b'A'..=b'Z' {
        let name = format!("{}:", letter as char);
        let w = wide(&name);
        let mut buf = vec![0u16; 1024];
        // SAFETY: `w` is NUL-terminated; `buf` has `buf.len()` writable units.
        let n = unsafe { QueryDosDeviceW(w.as_ptr(), buf.as_mut_ptr(), buf.len() as u32) };
        if n == 0 {
            continue;
        }
        let device = from_wide(&buf).to_string_lossy().into_owned();
        out.push(Drive {
            letter: name,
            device,
        });
    }
    out
}

/// An NTSTATUS failure in psutil's terms: `STATUS_ACCESS_DENIED` is AccessDenied,
/// anything else an OS error (carrying the NTSTATUS).
pub(crate) fn query_fail(status: i32) -> Failure {
    if status == STATUS_ACCESS_DENIED {
        Failure::Denied
    } else {
        Failure::Os(status as u32)
    }
}
