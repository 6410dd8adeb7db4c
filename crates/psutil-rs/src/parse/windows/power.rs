//! `CallNtPowerInformation(ProcessorInformation)`: one `PROCESSOR_POWER_INFORMATION` per
//! logical CPU, psutil's `cpu_freq()` (it reads the first: `CurrentMhz`, `MaxMhz`).
//!
//! Layout (24 bytes, six `ULONG`s): `Number`, `MaxMhz`, `CurrentMhz`, `MhzLimit`,
//! `MaxIdleState`, `CurrentIdleState`.

use crate::error::{Error, Result};
use crate::parse::bytes::u32_at;

/// Size of `PROCESSOR_POWER_INFORMATION`.
pub const PROCESSOR_POWER_LEN: usize = 24;

/// One CPU's power information.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ProcessorPower {
    /// `Number`: the CPU.
    pub number: u32,
    /// `MaxMhz`.
    pub max_mhz: u32,
    /// `CurrentMhz`.
    pub current_mhz: u32,
    /// `MhzLimit`.
    pub mhz_limit: u32,
}

/// Decodes the array (a trailing partial record is an error).
pub fn parse(buf: &[u8]) -> Result<Vec<ProcessorPower>> {
    let err = || Error::parse("PROCESSOR_POWER_INFORMATION", None, "not whole records");
    if !buf.len().is_multiple_of(PROCESSOR_POWER_LEN) {
        return Err(err());
    }
    buf.chunks_exact(PROCESSOR_POWER_LEN)
        .map(|r| {
            Some(ProcessorPower {
                number: u32_at(r, 0)?,
                max_mhz: u32_at(r, 4)?,
                current_mhz: u32_at(r, 8)?,
                mhz_limit: u32_at(r, 12)?,
            })
        })
        .collect::<Option<Vec<_>>>()
        .ok_or_else(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records() {
        let mut b = Vec::new();
        for cpu in 0..2u32 {
            for v in [cpu, 3000, 2600 + cpu, 3000, 2, 0] {
                b.extend_from_slice(&v.to_le_bytes());
            }
        }
        let p = parse(&b).unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(
            p[1],
            ProcessorPower {
                number: 1,
                max_mhz: 3000,
                current_mhz: 2601,
                mhz_limit: 3000
            }
        );
        assert!(parse(&b[..30]).is_err());
        assert!(parse(&[]).unwrap().is_empty());
    }
}
