//! Single-value cgroup files: limits (`memory.max`, `memory.high`, `memory.swap.max`,
//! `pids.max` in v2; `memory.limit_in_bytes`, `memory.memsw.limit_in_bytes`,
//! `cpu.cfs_quota_us`, `pids.max` in v1) and counters (`memory.current`,
//! `memory.usage_in_bytes`, `cpuacct.usage`, `pids.current`, `cpu.weight`,
//! `cpu.shares`, ...).
//!
//! A limit is "unlimited" when the kernel prints `max` (v2 and v1's `pids.max`), `-1`
//! (v1's `cpu.cfs_quota_us`, and what v1 memory files accept when written), or a number
//! at or above 9223372036854771712: v1 memory files print `PAGE_COUNTER_MAX` pages in
//! bytes, that is `LONG_MAX` rounded down to a 4 KiB page (other page sizes give other
//! values near `LONG_MAX`, all above `2^62`, so every value ≥ 9223372036854771712
//! counts as unlimited; no machine has that much memory).

use super::shown;
use crate::error::{Error, Result};
use crate::parse::fields::{parse_i64, parse_u64, trim};

const FILE: &str = "cgroup limit";

/// The smallest value read as unlimited: `LONG_MAX` rounded down to a 4 KiB page, what
/// v1's `memory.limit_in_bytes` prints when no limit is set.
pub const V1_UNLIMITED: u64 = 9_223_372_036_854_771_712;

/// A cgroup limit: unlimited (`max`, `-1`, or v1's page-rounded `LONG_MAX`) or a
/// number (bytes, microseconds, a count: the unit of the file it comes from).
///
/// Serialized as the number, or as the string `"max"` when unlimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CgroupLimit {
    /// No limit.
    Unlimited,
    /// A limit of this many units.
    Limited(u64),
}

impl CgroupLimit {
    /// The limit as a number; `None` when unlimited.
    pub fn value(&self) -> Option<u64> {
        match self {
            CgroupLimit::Unlimited => None,
            CgroupLimit::Limited(v) => Some(*v),
        }
    }

    /// The tighter of two limits (a number beats unlimited, the smaller number wins).
    pub fn min(self, other: CgroupLimit) -> CgroupLimit {
        match (self, other) {
            (CgroupLimit::Limited(a), CgroupLimit::Limited(b)) => CgroupLimit::Limited(a.min(b)),
            (CgroupLimit::Limited(a), CgroupLimit::Unlimited)
            | (CgroupLimit::Unlimited, CgroupLimit::Limited(a)) => CgroupLimit::Limited(a),
            (CgroupLimit::Unlimited, CgroupLimit::Unlimited) => CgroupLimit::Unlimited,
        }
    }

    /// Classifies one number as v1 memory files print it: ≥ [`V1_UNLIMITED`] is
    /// unlimited.
    pub fn from_value(v: u64) -> CgroupLimit {
        if v >= V1_UNLIMITED {
            CgroupLimit::Unlimited
        } else {
            CgroupLimit::Limited(v)
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for CgroupLimit {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            CgroupLimit::Unlimited => s.serialize_str("max"),
            CgroupLimit::Limited(v) => s.serialize_u64(*v),
        }
    }
}

/// Parses one limit word (no surrounding whitespace): `max`, `-1`, or a number.
pub fn parse_word(word: &[u8]) -> Option<CgroupLimit> {
    if word == b"max" {
        return Some(CgroupLimit::Unlimited);
    }
    if let Some(v) = parse_u64(word) {
        return Some(CgroupLimit::from_value(v));
    }
    // -1 is the only negative value the kernel prints for a limit.
    (parse_i64(word) == Some(-1)).then_some(CgroupLimit::Unlimited)
}

/// Parses a limit file: one word and a newline.
pub fn parse(data: &[u8]) -> Result<CgroupLimit> {
    parse_word(trim(data))
        .ok_or_else(|| Error::parse(FILE, Some(1), format!("bad limit {:?}", shown(data))))
}

/// Parses a counter file: one unsigned number and a newline (`memory.current`,
/// `pids.current`, `cpuacct.usage`, `cpu.weight`, ...).
pub fn parse_value(data: &[u8]) -> Result<u64> {
    parse_u64(trim(data)).ok_or_else(|| {
        Error::parse(
            "cgroup value",
            Some(1),
            format!("bad number {:?}", shown(data)),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits() {
        assert_eq!(parse(b"max\n").unwrap(), CgroupLimit::Unlimited);
        assert_eq!(parse(b"-1\n").unwrap(), CgroupLimit::Unlimited);
        assert_eq!(
            parse(b"9223372036854771712\n").unwrap(),
            CgroupLimit::Unlimited
        );
        assert_eq!(
            parse(b"9223372036854775807\n").unwrap(),
            CgroupLimit::Unlimited
        );
        assert_eq!(
            parse(b"104857600\n").unwrap(),
            CgroupLimit::Limited(104_857_600)
        );
        assert_eq!(parse(b"0").unwrap(), CgroupLimit::Limited(0));
        assert_eq!(CgroupLimit::Limited(5).value(), Some(5));
        assert_eq!(CgroupLimit::Unlimited.value(), None);
        assert_eq!(
            CgroupLimit::Unlimited.min(CgroupLimit::Limited(3)),
            CgroupLimit::Limited(3)
        );
        assert_eq!(
            CgroupLimit::Limited(7).min(CgroupLimit::Limited(3)),
            CgroupLimit::Limited(3)
        );
    }

    #[test]
    fn garbage() {
        for bad in [&b""[..], b"-2", b"maxx", b"1 2", b"12a", b"\xff", b"-"] {
            let e = parse(bad).unwrap_err().to_string();
            assert!(e.contains("bad limit"), "{e}");
        }
        assert_eq!(parse_value(b"42\n").unwrap(), 42);
        assert!(parse_value(b"max").is_err());
        assert!(parse_value(b"").is_err());
    }
}
