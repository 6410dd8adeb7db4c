//! `/proc/<pid>/fdinfo/<fd>`: position and flags of an open file, see proc_pid_fdinfo(5).

use super::fields::{lines, parse_u64, split_once, trim};
use crate::error::{Error, Result};

const FILE: &str = "fdinfo";

/// `(pos, flags)`: the `pos:` line (decimal) and the `flags:` line (octal).
pub fn parse(data: &[u8]) -> Result<(u64, u32)> {
    let (mut pos, mut flags) = (None, None);
    for (n, line) in lines(data) {
        let Some((k, v)) = split_once(line, b':') else {
            continue;
        };
        let v = trim(v);
        match k {
            b"pos" => {
                pos = Some(parse_u64(v).ok_or_else(|| Error::parse(FILE, Some(n), "bad pos"))?)
            }
            b"flags" => {
                let s =
                    std::str::from_utf8(v).map_err(|_| Error::parse(FILE, Some(n), "bad flags"))?;
                flags = Some(
                    u32::from_str_radix(s, 8)
                        .map_err(|_| Error::parse(FILE, Some(n), "bad flags"))?,
                )
            }
            _ => {}
        }
    }
    match (pos, flags) {
        (Some(p), Some(f)) => Ok((p, f)),
        _ => Err(Error::parse(FILE, None, "missing pos or flags")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fdinfo() {
        assert_eq!(
            parse(b"pos:\t12\nflags:\t0102002\nmnt_id:\t3\nino:\t5\n").unwrap(),
            (12, 0o102002)
        );
        assert!(parse(b"").is_err());
        assert!(parse(b"pos:\t1\nflags:\t9\n").is_err());
    }
}
