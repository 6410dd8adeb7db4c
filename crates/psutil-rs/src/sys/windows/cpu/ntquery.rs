//! `NtQuerySystemInformation` for the system-wide classes, through the process half's
//! run-time resolved call (`process::win::query_system`: ntdll looked up with
//! `GetProcAddress`, as psutil does).

use super::super::process::win::{as_bytes, query_system};
use crate::error::{Error, Result};

/// The bytes `NtQuerySystemInformation(class)` returns (`ReturnLength` of them),
/// starting with a buffer of `initial` bytes and growing it while the call reports it
/// too small. `what` names the class in errors.
pub(crate) fn query(class: i32, initial: usize, what: &str) -> Result<Vec<u8>> {
    let class = u32::try_from(class).map_err(|_| Error::invalid(format!("class {class}")))?;
    match query_system(class, initial) {
        Ok((buf, len)) => Ok(as_bytes(&buf, len).to_vec()),
        Err(status) => Err(Error::Io {
            path: Some(format!("NtQuerySystemInformation({what})").into()),
            source: std::io::Error::other(format!("NTSTATUS {:#010x}", status as u32)),
        }),
    }
}
