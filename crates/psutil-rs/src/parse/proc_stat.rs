//! `/proc/stat`: kernel and system statistics (CPU times, context switches, boot time).

use super::fields::{lines, parse_u64, words};
use crate::error::{Error, Result};

const FILE: &str = "stat";

/// The `btime` line: boot time in seconds since the epoch.
pub fn parse_btime(data: &[u8]) -> Result<u64> {
    for (n, line) in lines(data) {
        let mut w = words(line);
        if w.next() == Some(b"btime") {
            return w
                .next()
                .and_then(parse_u64)
                .ok_or_else(|| Error::parse(FILE, Some(n), "btime is not a number"));
        }
    }
    Err(Error::parse(FILE, None, "no btime line"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn btime() {
        assert_eq!(
            parse_btime(b"cpu 1 2 3\nbtime 1700000000\n").unwrap(),
            1_700_000_000
        );
        assert!(parse_btime(b"cpu 1 2 3\n").is_err());
        assert!(parse_btime(b"btime -1\n").is_err());
    }
}
