//! `/proc/<pid>/io`: I/O counters, see proc_pid_io(5).

use super::fields::{lines, parse_u64, split_once, trim};
use crate::error::{Error, Result};

const FILE: &str = "io";

/// The counters of `/proc/<pid>/io`, named as in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct PidIo {
    /// `rchar`: bytes read by read-like syscalls.
    pub rchar: u64,
    /// `wchar`: bytes written by write-like syscalls.
    pub wchar: u64,
    /// `syscr`: read syscalls.
    pub syscr: u64,
    /// `syscw`: write syscalls.
    pub syscw: u64,
    /// `read_bytes`: bytes fetched from storage.
    pub read_bytes: u64,
    /// `write_bytes`: bytes sent to storage.
    pub write_bytes: u64,
}

/// Parses `/proc/<pid>/io`. Lines that do not parse are skipped (as psutil does); a file
/// without any of the six counters is an error.
pub fn parse(data: &[u8]) -> Result<PidIo> {
    let mut io = PidIo::default();
    let mut seen = 0u8;
    for (_, line) in lines(data) {
        let Some((key, value)) = split_once(line, b':') else {
            continue;
        };
        let Some(v) = parse_u64(trim(value)) else {
            continue;
        };
        let (slot, bit) = match key {
            b"rchar" => (&mut io.rchar, 1),
            b"wchar" => (&mut io.wchar, 2),
            b"syscr" => (&mut io.syscr, 4),
            b"syscw" => (&mut io.syscw, 8),
            b"read_bytes" => (&mut io.read_bytes, 16),
            b"write_bytes" => (&mut io.write_bytes, 32),
            _ => continue,
        };
        *slot = v;
        seen |= bit;
    }
    if seen != 63 {
        return Err(Error::parse(FILE, None, "missing counters"));
    }
    Ok(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io() {
        let data = b"rchar: 1\nwchar: 2\nsyscr: 3\nsyscw: 4\nread_bytes: 5\nwrite_bytes: 6\n\
            cancelled_write_bytes: 7\ngarbage\nrchar: x\n";
        let io = parse(data).unwrap();
        assert_eq!(
            io,
            PidIo {
                rchar: 1,
                wchar: 2,
                syscr: 3,
                syscw: 4,
                read_bytes: 5,
                write_bytes: 6
            }
        );
        assert!(parse(b"").is_err());
        assert!(parse(b"rchar: 1\n").is_err());
    }
}
