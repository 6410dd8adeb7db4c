//! `cpu.max` (cgroup v2): the CPU bandwidth limit, `$QUOTA $PERIOD` in microseconds,
//! `max` for no quota (`max 100000`, `50000 100000`). Since Linux 4.15. The v1
//! equivalent is the pair `cpu.cfs_quota_us` (-1 for none) and `cpu.cfs_period_us`,
//! read with [`limit`](super::limit); [`CpuQuota::new`] builds the same value from them.

use super::limit::{parse_word, CgroupLimit};
use super::shown;
use crate::error::{Error, Result};
use crate::parse::fields::{parse_u64, words};

/// A CPU bandwidth limit: at most `quota_us` of CPU time every `period_us`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CpuQuota {
    /// The CPU time allowed per period, in microseconds (v2 `cpu.max` first field, v1
    /// `cpu.cfs_quota_us`).
    pub quota_us: CgroupLimit,
    /// The period, in microseconds (v2 `cpu.max` second field, v1
    /// `cpu.cfs_period_us`).
    pub period_us: u64,
}

impl CpuQuota {
    /// A quota of `quota_us` per `period_us`.
    pub fn new(quota_us: CgroupLimit, period_us: u64) -> CpuQuota {
        CpuQuota {
            quota_us,
            period_us,
        }
    }

    /// How many CPUs' worth of time the quota allows (`quota / period`, 0.5 for
    /// `50000 100000`); `None` when unlimited or the period is 0.
    pub fn cpus(&self) -> Option<f64> {
        let q = self.quota_us.value()?;
        (self.period_us > 0).then(|| q as f64 / self.period_us as f64)
    }
}

/// Parses `cpu.max`.
pub fn parse(data: &[u8]) -> Result<CpuQuota> {
    let bad = || Error::parse("cpu.max", Some(1), format!("bad cpu.max {:?}", shown(data)));
    let mut w = words(data);
    let quota = w.next().and_then(parse_word).ok_or_else(bad)?;
    let period = w.next().and_then(parse_u64).ok_or_else(bad)?;
    if w.next().is_some() {
        return Err(bad());
    }
    Ok(CpuQuota::new(quota, period))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotas() {
        let q = parse(b"max 100000\n").unwrap();
        assert_eq!(q.quota_us, CgroupLimit::Unlimited);
        assert_eq!(q.period_us, 100_000);
        assert_eq!(q.cpus(), None);
        let q = parse(b"50000 100000\n").unwrap();
        assert_eq!(q.cpus(), Some(0.5));
        assert_eq!(CpuQuota::new(CgroupLimit::Limited(1), 0).cpus(), None);
    }

    #[test]
    fn garbage() {
        for bad in [&b""[..], b"max", b"1 2 3", b"x 100", b"100 max", b"100 -1"] {
            assert!(parse(bad).unwrap_err().to_string().contains("bad cpu.max"));
        }
    }
}
