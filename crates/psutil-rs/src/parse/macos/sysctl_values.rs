//! Fixed-size sysctl values psutil reads on macOS: `kern.boottime` (`struct timeval`)
//! and `vm.swapusage` (`struct xsw_usage` of `<sys/sysctl.h>`).

use crate::error::{Error, Result};
use crate::parse::bytes::{i32_at, i64_at, u64_at};

/// `sizeof(struct timeval)` on LP64 (`time_t tv_sec`, `__int32_t tv_usec`, padding).
pub const TIMEVAL_LEN: usize = 16;

/// `kern.boottime` as psutil reports it: whole seconds (`tv_sec`; psutil drops the
/// microseconds on macOS).
pub fn parse_boottime(b: &[u8]) -> Result<f64> {
    let sec = i64_at(b, 0).ok_or_else(|| Error::parse("kern.boottime", None, "short buffer"))?;
    // tv_usec must be there too: a 8-byte answer is not a timeval.
    i32_at(b, 8).ok_or_else(|| Error::parse("kern.boottime", None, "short buffer"))?;
    Ok(sec as f64)
}

/// `sizeof(struct xsw_usage)`: three `u_int64_t`, `u_int32_t xsu_pagesize`,
/// `boolean_t xsu_encrypted`.
pub const XSW_USAGE_LEN: usize = 32;

/// `vm.swapusage`, bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct SwapUsage {
    /// `xsu_total`.
    pub total: u64,
    /// `xsu_avail`.
    pub avail: u64,
    /// `xsu_used`.
    pub used: u64,
}

/// Decodes `struct xsw_usage`.
pub fn parse_swapusage(b: &[u8]) -> Result<SwapUsage> {
    let short = || Error::parse("vm.swapusage", None, "short buffer");
    if b.len() < XSW_USAGE_LEN {
        return Err(short());
    }
    Ok(SwapUsage {
        total: u64_at(b, 0).ok_or_else(short)?,
        avail: u64_at(b, 8).ok_or_else(short)?,
        used: u64_at(b, 16).ok_or_else(short)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boottime_and_swap() {
        let mut t = 1_700_000_123i64.to_le_bytes().to_vec();
        t.extend(999_999i32.to_le_bytes());
        t.extend([0u8; 4]);
        assert_eq!(parse_boottime(&t).unwrap(), 1_700_000_123.0);
        assert!(parse_boottime(&t[..8]).is_err());
        let mut s = Vec::new();
        for v in [3u64 << 30, 1 << 30, 2 << 30] {
            s.extend(v.to_le_bytes());
        }
        s.extend(4096u32.to_le_bytes());
        s.extend(1u32.to_le_bytes());
        let u = parse_swapusage(&s).unwrap();
        assert_eq!((u.total, u.avail, u.used), (3 << 30, 1 << 30, 2 << 30));
        assert!(parse_swapusage(&s[..31]).is_err());
    }
}
