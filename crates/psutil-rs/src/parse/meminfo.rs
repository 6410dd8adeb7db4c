//! `/proc/meminfo`: memory statistics, `Key:  value kB` per line.

use super::fields::{lines, parse_u64, split_once, trim, words};
use crate::error::{Error, Result};

const FILE: &str = "meminfo";

/// The lines of `/proc/meminfo` psutil uses, converted to bytes. A line the running
/// kernel does not print is `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Meminfo {
    /// `MemTotal`.
    pub mem_total: Option<u64>,
    /// `MemFree`.
    pub mem_free: Option<u64>,
    /// `MemAvailable` (since Linux 3.14).
    pub mem_available: Option<u64>,
    /// `Buffers`.
    pub buffers: Option<u64>,
    /// `Cached`.
    pub cached: Option<u64>,
    /// `Active`.
    pub active: Option<u64>,
    /// `Inactive`.
    pub inactive: Option<u64>,
    /// `Active(file)` (since Linux 2.6.28).
    pub active_file: Option<u64>,
    /// `Inactive(file)` (since Linux 2.6.28).
    pub inactive_file: Option<u64>,
    /// `Shmem` (since Linux 2.6.32).
    pub shmem: Option<u64>,
    /// `MemShared` (Linux 2.4 only).
    pub mem_shared: Option<u64>,
    /// `Slab`.
    pub slab: Option<u64>,
    /// `SReclaimable` (since Linux 2.6.19).
    pub s_reclaimable: Option<u64>,
    /// `SwapTotal`.
    pub swap_total: Option<u64>,
    /// `SwapFree`.
    pub swap_free: Option<u64>,
    /// `Inact_dirty` (Linux 2.4 with rmap).
    pub inact_dirty: Option<u64>,
    /// `Inact_clean` (Linux 2.4 with rmap).
    pub inact_clean: Option<u64>,
    /// `Inact_laundry` (Linux 2.4 with rmap).
    pub inact_laundry: Option<u64>,
}

/// Parses `/proc/meminfo`. Values in `kB` are multiplied by 1024; a value without a unit
/// (such as `HugePages_Total`) is kept as is. A line without `:` or with a non-numeric
/// value is a parse error; unknown keys are ignored. `MemTotal` is required.
///
/// Every line this crate reads is printed in `kB` by all kernels, so one of them
/// without a unit is a parse error: it is how a file cut inside a line (`MemFree:
/// 2401`) shows, and reading it as bytes would be silently wrong by a factor of 1024.
pub fn parse(data: &[u8]) -> Result<Meminfo> {
    let mut m = Meminfo::default();
    for (n, line) in lines(data) {
        let Some((key, rest)) = split_once(line, b':') else {
            return Err(Error::parse(FILE, Some(n), "line has no ':'"));
        };
        let mut w = words(rest);
        let value = w
            .next()
            .and_then(parse_u64)
            .ok_or_else(|| Error::parse(FILE, Some(n), "value is not a number"))?;
        let unit = w.next();
        let slot = match trim(key) {
            b"MemTotal" => &mut m.mem_total,
            b"MemFree" => &mut m.mem_free,
            b"MemAvailable" => &mut m.mem_available,
            b"Buffers" => &mut m.buffers,
            b"Cached" => &mut m.cached,
            b"Active" => &mut m.active,
            b"Inactive" => &mut m.inactive,
            b"Active(file)" => &mut m.active_file,
            b"Inactive(file)" => &mut m.inactive_file,
            b"Shmem" => &mut m.shmem,
            b"MemShared" => &mut m.mem_shared,
            b"Slab" => &mut m.slab,
            b"SReclaimable" => &mut m.s_reclaimable,
            b"SwapTotal" => &mut m.swap_total,
            b"SwapFree" => &mut m.swap_free,
            b"Inact_dirty" => &mut m.inact_dirty,
            b"Inact_clean" => &mut m.inact_clean,
            b"Inact_laundry" => &mut m.inact_laundry,
            _ => {
                if unit.is_some_and(|u| u != b"kB") {
                    return Err(Error::parse(FILE, Some(n), "unknown unit"));
                }
                continue;
            }
        };
        let value = match unit {
            Some(b"kB") => value
                .checked_mul(1024)
                .ok_or_else(|| Error::parse(FILE, Some(n), "value overflows"))?,
            Some(_) => return Err(Error::parse(FILE, Some(n), "unknown unit")),
            None => return Err(Error::parse(FILE, Some(n), "value has no kB unit")),
        };
        *slot = Some(value);
    }
    if m.mem_total.is_none() {
        return Err(Error::parse(FILE, None, "no MemTotal line"));
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_modern_kernel() {
        let m = parse(b"MemTotal:       24684092 kB\nMemFree:        24018776 kB\nMemAvailable:   24388336 kB\nHugePages_Total:       0\n").unwrap();
        assert_eq!(m.mem_total, Some(24684092 * 1024));
        assert_eq!(m.mem_available, Some(24388336 * 1024));
        assert_eq!(m.swap_total, None);
    }

    #[test]
    fn rejects_garbage() {
        assert!(parse(b"").is_err());
        assert!(parse(b"hello world\n").is_err());
        assert!(parse(b"MemTotal: lots kB\n").is_err());
        assert!(parse(b"MemTotal: 18446744073709551615 kB\n").is_err());
        // Found by the fuzzer: a line cut before its unit read as bytes, 1024 times
        // too small (fuzz/artifacts/meminfo/crash-07684dc7...).
        let e = parse(b"MemTotal: 24684092 kB\nCached: 67312\n").unwrap_err();
        assert!(
            e.to_string()
                .contains("meminfo line 2: value has no kB unit"),
            "{e}"
        );
        assert!(parse(b"MemTotal: 24684092\n").is_err());
        assert!(parse(b"MemTotal: 1 kB\nHugePages_Total: 0\nHugepagesize: 2048 kB\n").is_ok());
        let e = parse(b"MemTotal: 1 kB\nMemFree: -5 kB\n").unwrap_err();
        assert!(e.to_string().contains("meminfo line 2"), "{e}");
    }
}
