#![allow(unsafe_code)]
//! `boot_time()` on Windows: now minus the uptime, from `QueryInterruptTime` (looked up
//! at run time: Windows 7+, includes time asleep, missing from Wine 8) or else
//! `GetTickCount64`, smoothed as psutil does.

use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use windows_sys::Win32::System::LibraryLoader::{GetModuleHandleW, GetProcAddress, LoadLibraryW};
use windows_sys::Win32::System::SystemInformation::GetTickCount64;

use crate::error::{Error, Result};
use crate::parse::windows::boot_time::smooth;
use crate::parse::windows::filetime::duration_secs;

type QueryInterruptTimeFn = unsafe extern "system" fn(*mut u64);

/// `QueryInterruptTime` of kernelbase.dll, if this Windows has it.
fn query_interrupt_time() -> Option<QueryInterruptTimeFn> {
    static F: OnceLock<Option<QueryInterruptTimeFn>> = OnceLock::new();
    *F.get_or_init(|| {
        let name: Vec<u16> = "kernelbase.dll\0".encode_utf16().collect();
        // SAFETY: NUL-terminated names; the module stays loaded (kernelbase is never
        // unloaded, and a LoadLibraryW reference is kept for the life of the process).
        let f = unsafe {
            let mut module = GetModuleHandleW(name.as_ptr());
            if module.is_null() {
                module = LoadLibraryW(name.as_ptr());
            }
            if module.is_null() {
                return None;
            }
            GetProcAddress(module, c"QueryInterruptTime".as_ptr().cast())?
        };
        // SAFETY: QueryInterruptTime is `VOID QueryInterruptTime(PULONGLONG)`.
        Some(unsafe {
            std::mem::transmute::<unsafe extern "system" fn() -> isize, QueryInterruptTimeFn>(f)
        })
    })
}

/// The system uptime in seconds.
fn uptime() -> f64 {
    if let Some(f) = query_interrupt_time() {
        let mut ticks = 0u64;
        // SAFETY: valid out-pointer.
        unsafe { f(&mut ticks) };
        return duration_secs(ticks);
    }
    // SAFETY: no arguments.
    let ms = unsafe { GetTickCount64() };
    ms as f64 / 1000.0
}

/// `boot_time()`: `now − uptime`, replaced by the previous answer when within one
/// second of it (psutil's smoothing of the jitter, issue 1007).
pub(crate) fn boot_time() -> Result<f64> {
    static LAST: Mutex<f64> = Mutex::new(0.0);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|_| Error::unsupported("the system clock is before 1970"))?
        .as_secs_f64();
    let computed = now - uptime();
    let mut last = LAST.lock().unwrap_or_else(PoisonError::into_inner);
    *last = smooth(*last, computed);
    Ok(*last)
}
