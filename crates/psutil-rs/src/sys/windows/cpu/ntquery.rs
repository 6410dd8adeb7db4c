#![allow(unsafe_code)]
//! `NtQuerySystemInformation`, resolved in ntdll at run time as psutil does (the call is
//! undocumented; a missing export must not stop the executable from loading).

use std::ffi::c_void;
use std::sync::OnceLock;

use windows_sys::Win32::System::LibraryLoader::{GetModuleHandleW, GetProcAddress};

use crate::error::{Error, Result};

type NtQuerySystemInformationFn =
    unsafe extern "system" fn(class: i32, buf: *mut c_void, len: u32, ret: *mut u32) -> i32;

/// `STATUS_INFO_LENGTH_MISMATCH`.
const STATUS_INFO_LENGTH_MISMATCH: i32 = 0xC000_0004_u32 as i32;
/// `STATUS_BUFFER_TOO_SMALL`.
const STATUS_BUFFER_TOO_SMALL: i32 = 0xC000_0023_u32 as i32;

fn resolve() -> Option<NtQuerySystemInformationFn> {
    static F: OnceLock<Option<NtQuerySystemInformationFn>> = OnceLock::new();
    *F.get_or_init(|| {
        let ntdll: Vec<u16> = "ntdll.dll\0".encode_utf16().collect();
        // SAFETY: both names are NUL-terminated; ntdll is mapped in every process.
        let f = unsafe {
            let module = GetModuleHandleW(ntdll.as_ptr());
            if module.is_null() {
                return None;
            }
            GetProcAddress(module, c"NtQuerySystemInformation".as_ptr().cast())?
        };
        // SAFETY: NtQuerySystemInformation has this signature on every Windows version.
        Some(unsafe {
            std::mem::transmute::<unsafe extern "system" fn() -> isize, NtQuerySystemInformationFn>(
                f,
            )
        })
    })
}

/// The bytes `NtQuerySystemInformation(class)` returns (`ReturnLength` of them),
/// starting with a buffer of `initial` bytes and growing it while the call reports it
/// too small. `what` names the class in errors.
pub(crate) fn query(class: i32, initial: usize, what: &str) -> Result<Vec<u8>> {
    let f = resolve()
        .ok_or_else(|| Error::unsupported("ntdll.dll does not export NtQuerySystemInformation"))?;
    let mut len = initial.max(64);
    for _ in 0..16 {
        // u64 elements: 8-byte alignment for the records.
        let mut buf = vec![0u64; len.div_ceil(8)];
        let cap = u32::try_from(buf.len() * 8).unwrap_or(u32::MAX);
        let mut ret = 0u32;
        // SAFETY: `buf` is valid for `cap` bytes and `ret` is a valid out-pointer.
        let status = unsafe { f(class, buf.as_mut_ptr().cast(), cap, &mut ret) };
        if status == STATUS_INFO_LENGTH_MISMATCH || status == STATUS_BUFFER_TOO_SMALL {
            len = (ret as usize).max(len * 2);
            continue;
        }
        if status < 0 {
            return Err(Error::Io {
                path: Some(format!("NtQuerySystemInformation({what})").into()),
                source: std::io::Error::other(format!("NTSTATUS {:#010x}", status as u32)),
            });
        }
        let bytes: Vec<u8> = buf.iter().flat_map(|w| w.to_le_bytes()).collect();
        let used = (ret as usize).min(bytes.len());
        return Ok(bytes.get(..used).unwrap_or_default().to_vec());
    }
    Err(Error::Io {
        path: Some(format!("NtQuerySystemInformation({what})").into()),
        source: std::io::Error::other("the buffer kept growing"),
    })
}
