#![allow(unsafe_code)]
//! `cpu_count()` on Windows: `GetActiveProcessorCount(ALL_PROCESSOR_GROUPS)` and
//! `GetLogicalProcessorInformationEx(RelationAll)`.

use windows_sys::Win32::Foundation::{GetLastError, ERROR_INSUFFICIENT_BUFFER};
use windows_sys::Win32::System::SystemInformation::{
    GetLogicalProcessorInformationEx, GetSystemInfo, RelationAll, SYSTEM_INFO,
};
use windows_sys::Win32::System::Threading::{GetActiveProcessorCount, ALL_PROCESSOR_GROUPS};

use crate::parse::windows::processor::parse_logical_processor_information;

/// `cpu_count()`: the active processors of every processor group; if that call gives
/// 0, `SYSTEM_INFO.dwNumberOfProcessors`. `None` below 1.
pub(crate) fn cpu_count() -> Option<usize> {
    // SAFETY: no pointers.
    let mut n = unsafe { GetActiveProcessorCount(ALL_PROCESSOR_GROUPS) };
    if n == 0 {
        // SAFETY: SYSTEM_INFO is plain data, filled by the call.
        let info = unsafe {
            let mut info: SYSTEM_INFO = std::mem::zeroed();
            GetSystemInfo(&mut info);
            info
        };
        n = info.dwNumberOfProcessors;
    }
    usize::try_from(n).ok().filter(|n| *n >= 1)
}

/// `cpu_count(logical=False)`: the `RelationProcessorCore` records of
/// `GetLogicalProcessorInformationEx(RelationAll)`. `None` when the call fails or
/// reports no core.
pub(crate) fn cpu_count_physical() -> Option<usize> {
    let mut len = 0u32;
    // SAFETY: a size probe: NULL buffer, valid length pointer.
    let ok =
        unsafe { GetLogicalProcessorInformationEx(RelationAll, std::ptr::null_mut(), &mut len) };
    // SAFETY: no pointers.
    if ok != 0 || unsafe { GetLastError() } != ERROR_INSUFFICIENT_BUFFER {
        return None;
    }
    for _ in 0..4 {
        let mut buf = vec![0u64; (len as usize).div_ceil(8)];
        let mut got = u32::try_from(buf.len() * 8).ok()?;
        // SAFETY: `buf` is valid (and 8-aligned) for `got` bytes.
        let ok = unsafe {
            GetLogicalProcessorInformationEx(RelationAll, buf.as_mut_ptr().cast(), &mut got)
        };
        if ok == 0 {
            // SAFETY: no pointers.
            if unsafe { GetLastError() } == ERROR_INSUFFICIENT_BUFFER {
                len = got.max(len.saturating_mul(2));
                continue;
            }
            return None;
        }
        let bytes: Vec<u8> = buf.iter().flat_map(|w| w.to_le_bytes()).collect();
        let topology = parse_logical_processor_information(bytes.get(..got as usize)?).ok()?;
        return usize::try_from(topology.cores).ok().filter(|n| *n >= 1);
    }
    None
}
