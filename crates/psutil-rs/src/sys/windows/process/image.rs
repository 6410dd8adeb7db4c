#![allow(unsafe_code)]
//! psutil's `exe()` route: `NtQuerySystemInformation(SystemProcessIdInformation)`, the
//! image path of any pid without opening it (an NT path). Wine 8 does not implement it.

use super::win::{query_fail, Failure, NtQuerySystemInformationFn, STATUS_INFO_LENGTH_MISMATCH};
use crate::error::Pid;

/// `SystemProcessIdInformation`.
const SYSTEM_PROCESS_ID_INFORMATION: u32 = 88;
/// `STATUS_INVALID_PARAMETER`: no such pid.
const STATUS_INVALID_PARAMETER: i32 = 0xC000_000D_u32 as i32;

/// `SYSTEM_PROCESS_ID_INFORMATION` (x64): the pid, then the `UNICODE_STRING` the call
/// fills, whose buffer the caller provides.
#[repr(C)]
struct ProcessIdInformation {
    pid: usize,
    length: u16,
    maximum_length: u16,
    buffer: *mut u16,
}

/// The NT image path of `pid` (`\Device\HarddiskVolume1\...`).
pub(crate) fn process_id_image(pid: Pid) -> Result<String, Failure> {
    let query = super::win::ntdll_fn!(NtQuerySystemInformation: NtQuerySystemInformationFn)
        .ok_or(Failure::Denied)?;
    let mut units = 0x200usize;
    for _ in 0..4 {
        let mut buf = vec![0u16; units];
        let mut info = ProcessIdInformation {
            pid: pid as usize,
            length: 0,
            maximum_length: u16::try_from(units * 2).unwrap_or(0xFFFE),
            buffer: buf.as_mut_ptr(),
        };
        // SAFETY: `info` is the structure the class expects, its buffer `buf` holds
        // `maximum_length` writable bytes.
        let st = unsafe {
            query(
                SYSTEM_PROCESS_ID_INFORMATION,
                (&mut info as *mut ProcessIdInformation).cast(),
                std::mem::size_of::<ProcessIdInformation>() as u32,
                std::ptr::null_mut(),
            )
        };
        if st == STATUS_INFO_LENGTH_MISMATCH {
            units = usize::from(info.maximum_length) / 2 + 1;
            continue;
        }
        if st == STATUS_INVALID_PARAMETER {
            return Err(Failure::Gone);
        }
        if st < 0 {
            return Err(query_fail(st));
        }
        let n = (usize::from(info.length) / 2).min(buf.len());
        return Ok(String::from_utf16_lossy(buf.get(..n).unwrap_or_default()));
    }
    Err(Failure::Denied)
}
