//! psutil's "fast path" on Windows: `NtQuerySystemInformation(SystemProcessInformation)`,
//! one snapshot of every process and thread without opening any handle, decoded by
//! [`parse::windows::system_process_information`](crate::parse::windows::system_process_information).

use super::win::{as_bytes, query_system};
use crate::error::{Error, Pid, Result};
use crate::parse::windows::system_process_information::{self as spi, ProcessRecord};

/// `SystemProcessInformation`.
const SYSTEM_PROCESS_INFORMATION: u32 = 5;

fn os_error(status: i32) -> Error {
    Error::Io {
        path: None,
        source: std::io::Error::other(format!(
            "NtQuerySystemInformation(SystemProcessInformation) failed: NTSTATUS {:#010x}",
            status as u32
        )),
    }
}

/// Every process of one snapshot, in the kernel's order.
pub(crate) fn all() -> Result<Vec<ProcessRecord>> {
    let (buf, len) = query_system(SYSTEM_PROCESS_INFORMATION, 256 * 1024).map_err(os_error)?;
    let bytes = as_bytes(&buf, len);
    spi::parse(bytes, bytes.as_ptr() as usize)
}

/// The record of `pid` in a fresh snapshot, `None` when it has none (gone).
pub(crate) fn find(pid: Pid) -> Result<Option<ProcessRecord>> {
    let (buf, len) = query_system(SYSTEM_PROCESS_INFORMATION, 256 * 1024).map_err(os_error)?;
    let bytes = as_bytes(&buf, len);
    spi::find(bytes, bytes.as_ptr() as usize, u64::from(pid))
}
