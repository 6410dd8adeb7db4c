//! The v1 blkio throttling files.
//!
//! - limits, `$MAJ:$MIN $VALUE` per line: `blkio.throttle.read_bps_device`,
//!   `write_bps_device`, `read_iops_device`, `write_iops_device` ([`parse_limits`]);
//! - counters, `$MAJ:$MIN $OP $VALUE` per line with `Read`, `Write`, `Sync`, `Async`,
//!   `Discard` (since 4.19) and `Total`, and a last `Total $VALUE` line:
//!   `blkio.throttle.io_service_bytes`, `blkio.throttle.io_serviced` ([`parse_ops`]).

use super::{device, shown};
use crate::error::{Error, Result};
use crate::parse::fields::{lines, parse_u64, words};

/// Parses a limit file into `(major, minor, value)` triples.
pub fn parse_limits(data: &[u8]) -> Result<Vec<(u32, u32, u64)>> {
    let mut out = Vec::new();
    for (n, line) in lines(data) {
        let bad = || Error::parse("blkio", Some(n), format!("bad line {:?}", shown(line)));
        let mut w = words(line);
        let Some(dev) = w.next() else { continue };
        let (major, minor) = device(dev).ok_or_else(bad)?;
        let v = w.next().and_then(parse_u64).ok_or_else(bad)?;
        if w.next().is_some() {
            return Err(bad());
        }
        out.push((major, minor, v));
    }
    Ok(out)
}

/// One `$MAJ:$MIN $OP $VALUE` line of a counter file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct BlkioOp {
    /// The device's major number.
    pub major: u32,
    /// The device's minor number.
    pub minor: u32,
    /// `Read`, `Write`, `Sync`, `Async`, `Discard` or `Total`.
    pub op: String,
    /// Bytes or operations.
    pub value: u64,
}

/// Parses a counter file; the closing `Total $VALUE` line is skipped.
pub fn parse_ops(data: &[u8]) -> Result<Vec<BlkioOp>> {
    let mut out = Vec::new();
    for (n, line) in lines(data) {
        let bad = || Error::parse("blkio", Some(n), format!("bad line {:?}", shown(line)));
        let w: Vec<&[u8]> = words(line).collect();
        match w.as_slice() {
            [] => {}
            [b"Total", v] if parse_u64(v).is_some() => {}
            [dev, op, v] => {
                let (major, minor) = device(dev).ok_or_else(bad)?;
                let op = std::str::from_utf8(op).map_err(|_| bad())?.to_owned();
                let value = parse_u64(v).ok_or_else(bad)?;
                out.push(BlkioOp {
                    major,
                    minor,
                    op,
                    value,
                });
            }
            _ => return Err(bad()),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files() {
        assert_eq!(
            parse_limits(b"8:0 1048576\n8:16 20\n").unwrap(),
            [(8, 0, 1_048_576), (8, 16, 20)]
        );
        let ops =
            parse_ops(b"8:0 Read 4096\n8:0 Write 8192\n8:0 Total 12288\nTotal 12288\n").unwrap();
        assert_eq!(ops.len(), 3);
        assert_eq!(ops[1].op, "Write");
        assert_eq!(ops[1].value, 8192);
    }

    #[test]
    fn garbage() {
        assert!(parse_limits(b"8:0").is_err());
        assert!(parse_limits(b"8:0 1 2").is_err());
        assert!(parse_ops(b"8:0 Read").is_err());
        assert!(parse_ops(b"Total x").is_err());
        assert!(parse_ops(b"8 Read 1")
            .unwrap_err()
            .to_string()
            .contains("line 1"));
    }
}
