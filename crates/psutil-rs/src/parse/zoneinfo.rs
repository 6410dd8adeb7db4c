//! `/proc/zoneinfo`: per-zone memory watermarks.

use super::fields::{lines, parse_u64, words};
use crate::error::{Error, Result};

const FILE: &str = "zoneinfo";

/// Sums the `low` watermark (in pages) over every zone, as the kernel's own
/// MemAvailable estimate does. Returns `None` when the file has no `low` line.
pub fn sum_low_watermarks(data: &[u8]) -> Result<Option<u64>> {
    let mut total: Option<u64> = None;
    for (n, line) in lines(data) {
        let mut w = words(line);
        if w.next() != Some(b"low") {
            continue;
        }
        let v = w
            .next()
            .and_then(parse_u64)
            .ok_or_else(|| Error::parse(FILE, Some(n), "low watermark is not a number"))?;
        total = Some(
            total
                .unwrap_or(0)
                .checked_add(v)
                .ok_or_else(|| Error::parse(FILE, Some(n), "sum overflows"))?,
        );
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums() {
        let d = b"Node 0, zone DMA\n  pages free 3\n        min      1\n        low      4\n        high     5\nNode 0, zone Normal\n        low      10\n";
        assert_eq!(sum_low_watermarks(d).unwrap(), Some(14));
        assert_eq!(sum_low_watermarks(b"").unwrap(), None);
        assert!(sum_low_watermarks(b"low x\n").is_err());
    }
}
