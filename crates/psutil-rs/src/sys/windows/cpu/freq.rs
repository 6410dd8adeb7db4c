#![allow(unsafe_code)]
//! `cpu_freq()` on Windows: `CallNtPowerInformation(ProcessorInformation)`.

use windows_sys::Win32::System::Power::{CallNtPowerInformation, ProcessorInformation};

use crate::cpu::CpuFreq;
use crate::error::{Error, Result};
use crate::parse::windows::power::{self, PROCESSOR_POWER_LEN};

/// `STATUS_BUFFER_TOO_SMALL`.
const STATUS_BUFFER_TOO_SMALL: i32 = 0xC000_0023_u32 as i32;

/// `cpu_freq(percpu=True)`: one entry, as psutil gives on Windows: `CurrentMhz` and
/// `MaxMhz` of the first CPU's `PROCESSOR_POWER_INFORMATION`, `min` 0.0.
pub(crate) fn cpu_freq_percpu() -> Result<Vec<CpuFreq>> {
    let mut n = super::cpu_count().unwrap_or(1);
    for _ in 0..4 {
        let mut buf = vec![0u8; n * PROCESSOR_POWER_LEN];
        let len = u32::try_from(buf.len()).unwrap_or(u32::MAX);
        // SAFETY: no input buffer; the output buffer is valid for `len` bytes.
        let status = unsafe {
            CallNtPowerInformation(
                ProcessorInformation,
                std::ptr::null(),
                0,
                buf.as_mut_ptr().cast(),
                len,
            )
        };
        if status == STATUS_BUFFER_TOO_SMALL {
            n *= 2;
            continue;
        }
        if status != 0 {
            return Err(Error::Io {
                path: Some("CallNtPowerInformation(ProcessorInformation)".into()),
                source: std::io::Error::other(format!("NTSTATUS {:#010x}", status as u32)),
            });
        }
        let first = power::parse(&buf)?
            .into_iter()
            .next()
            .ok_or_else(|| Error::parse("CallNtPowerInformation", None, "no record"))?;
        return Ok(vec![CpuFreq {
            current: f64::from(first.current_mhz),
            min: 0.0,
            max: f64::from(first.max_mhz),
        }]);
    }
    Err(Error::unsupported(
        "CallNtPowerInformation(ProcessorInformation) kept asking for a larger buffer",
    ))
}

/// `cpu_freq()`: the single entry of [`cpu_freq_percpu`].
pub(crate) fn cpu_freq() -> Result<Option<CpuFreq>> {
    Ok(cpu_freq_percpu()?.into_iter().next())
}
