//! `/proc/<pid>/statm`: memory usage in pages, see proc_pid_statm(5).

use super::fields::{parse_u64, words};
use crate::error::{Error, Result};

const FILE: &str = "statm";

/// The seven numbers of `/proc/<pid>/statm`, in pages, in the file's order:
/// size, resident, shared, text, lib, data, dt.
pub fn parse(data: &[u8]) -> Result<[u64; 7]> {
    let mut out = [0u64; 7];
    let mut w = words(data);
    for (i, slot) in out.iter_mut().enumerate() {
        let word = w
            .next()
            .ok_or_else(|| Error::parse(FILE, Some(1), format!("only {i} of 7 fields")))?;
        *slot = parse_u64(word).ok_or_else(|| {
            Error::parse(FILE, Some(1), format!("field {} is not a number", i + 1))
        })?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statm() {
        assert_eq!(parse(b"1 2 3 4 0 6 0\n").unwrap(), [1, 2, 3, 4, 0, 6, 0]);
        assert!(parse(b"").is_err());
        assert!(parse(b"1 2 3").is_err());
        assert!(parse(b"1 2 3 4 x 6 0").is_err());
    }
}
