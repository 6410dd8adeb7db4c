//! The `kern.devstat.all` sysctl (what libdevstat's `devstat_getdevs` reads without a
//! kvm handle): a `long` generation number, then `struct devstat` records
//! (`<sys/devicestat.h>`, amd64: 288 bytes each).

use crate::error::{Error, Result};

use crate::parse::bytes::{cstr_clipped_at, i32_at, i64_at, u64_at};

/// The generation number before the records.
pub const HEADER_LEN: usize = 8;
/// `sizeof(struct devstat)` on amd64.
pub const DEVSTAT_LEN: usize = 288;
/// `device_name[DEVSTAT_NAME_LEN]`.
pub const DEVICE_NAME: usize = 44;
/// `DEVSTAT_NAME_LEN`.
pub const DEVSTAT_NAME_LEN: usize = 16;
/// `unit_number` (`int`).
pub const UNIT_NUMBER: usize = 60;
/// `bytes[DEVSTAT_N_TRANS_FLAGS]` (`uint64_t[4]`).
pub const BYTES: usize = 64;
/// `operations[DEVSTAT_N_TRANS_FLAGS]`.
pub const OPERATIONS: usize = 96;
/// `duration[DEVSTAT_N_TRANS_FLAGS]` (`struct bintime[4]`, 16 bytes each).
pub const DURATION: usize = 128;
/// `busy_time` (`struct bintime`).
pub const BUSY_TIME: usize = 192;
/// `DEVSTAT_READ`: the index of reads in the arrays.
pub const DEVSTAT_READ: usize = 1;
/// `DEVSTAT_WRITE`.
pub const DEVSTAT_WRITE: usize = 2;

/// One device's counters, in psutil's `sdiskio` order for FreeBSD.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DevStat {
    /// `device_name` followed by `unit_number` (`ada0`).
    pub name: String,
    /// read_count, write_count, read_bytes, write_bytes, read_time (ms), write_time
    /// (ms), busy_time (ms).
    pub counters: [u64; 7],
}

/// A `struct bintime` (`time_t sec; uint64_t frac`, frac in 2^-64 s) at `at`, in
/// milliseconds (psutil's conversion: the high 32 bits of `frac`).
fn bintime_ms(b: &[u8], at: usize) -> Option<u64> {
    let sec = u64::try_from(i64_at(b, at)?).unwrap_or(0);
    let frac = u64_at(b, at + 8)?;
    let ns = (1_000_000_000u64 * (frac >> 32)) >> 32;
    Some(sec.saturating_mul(1000).saturating_add(ns / 1_000_000))
}

fn record(r: &[u8]) -> Option<DevStat> {
    let name =
        String::from_utf8_lossy(cstr_clipped_at(r, DEVICE_NAME, DEVSTAT_NAME_LEN)).into_owned();
    let unit = i32_at(r, UNIT_NUMBER)?;
    Some(DevStat {
        name: format!("{name}{unit}"),
        counters: [
            u64_at(r, OPERATIONS + 8 * DEVSTAT_READ)?,
            u64_at(r, OPERATIONS + 8 * DEVSTAT_WRITE)?,
            u64_at(r, BYTES + 8 * DEVSTAT_READ)?,
            u64_at(r, BYTES + 8 * DEVSTAT_WRITE)?,
            bintime_ms(r, DURATION + 16 * DEVSTAT_READ)?,
            bintime_ms(r, DURATION + 16 * DEVSTAT_WRITE)?,
            bintime_ms(r, BUSY_TIME)?,
        ],
    })
}

/// Every device of a `kern.devstat.all` buffer. A buffer without the generation
/// number, or whose records are not whole, is an error.
pub fn parse(buf: &[u8]) -> Result<Vec<DevStat>> {
    let body = buf
        .get(HEADER_LEN..)
        .filter(|b| b.len() % DEVSTAT_LEN == 0)
        .ok_or_else(|| Error::parse("kern.devstat.all", None, "not whole records"))?;
    body.chunks_exact(DEVSTAT_LEN)
        .map(|r| record(r).ok_or_else(|| Error::parse("kern.devstat.all", None, "short record")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_disk() {
        let mut buf = vec![0u8; HEADER_LEN + DEVSTAT_LEN];
        let r = &mut buf[HEADER_LEN..];
        r[DEVICE_NAME..DEVICE_NAME + 3].copy_from_slice(b"ada");
        r[OPERATIONS + 8..OPERATIONS + 16].copy_from_slice(&10u64.to_le_bytes());
        r[BYTES + 16..BYTES + 24].copy_from_slice(&4096u64.to_le_bytes());
        r[DURATION + 16..DURATION + 24].copy_from_slice(&2i64.to_le_bytes());
        r[DURATION + 24..DURATION + 32].copy_from_slice(&(1u64 << 63).to_le_bytes());
        let v = parse(&buf).unwrap();
        assert_eq!(v[0].name, "ada0");
        assert_eq!(v[0].counters, [10, 0, 0, 4096, 2500, 0, 0]);
        assert!(parse(&buf[..100]).is_err());
        assert!(parse(&[]).is_err());
        assert_eq!(parse(&[0; 8]).unwrap(), vec![]);
    }
}
