//! `/proc/loadavg`: the 1, 5 and 15 minute load averages.

use super::fields::{parse_f64, words};
use crate::error::{Error, Result};

const FILE: &str = "loadavg";

/// Parses the first three fields of `/proc/loadavg` (`0.32 0.10 0.03 1/80 2629`), which
/// the kernel prints with two decimals.
pub fn parse(data: &[u8]) -> Result<[f64; 3]> {
    let mut w = words(data);
    let mut out = [0.0; 3];
    for slot in &mut out {
        let word = w
            .next()
            .ok_or_else(|| Error::parse(FILE, Some(1), "fewer than 3 load averages"))?;
        *slot = parse_f64(word)
            .filter(|v| *v >= 0.0 && v.is_finite())
            .ok_or_else(|| {
                Error::parse(
                    FILE,
                    Some(1),
                    format!(
                        "load average {:?} is not a number",
                        String::from_utf8_lossy(word)
                    ),
                )
            })?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loadavg() {
        assert_eq!(
            parse(b"0.32 0.10 0.03 1/80 2629\n").unwrap(),
            [0.32, 0.10, 0.03]
        );
        assert_eq!(parse(b"12.50 7.00 3.25").unwrap(), [12.5, 7.0, 3.25]);
        assert!(parse(b"").is_err());
        assert!(parse(b"0.1 0.2\n").is_err());
        assert!(parse(b"0.1 x 0.3\n").is_err());
        assert!(parse(b"-1 0 0\n").is_err());
        // 400 digits parse as infinity, which no kernel prints (found by the fault tests).
        let mut huge = vec![b'9'; 400];
        huge.extend_from_slice(b" 0 0\n");
        assert!(parse(&huge).is_err());
    }
}
