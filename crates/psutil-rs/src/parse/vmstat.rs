//! `/proc/vmstat`: virtual-memory event counters, `name value` per line.

use super::fields::{lines, parse_u64, words};
use crate::error::{Error, Result};

const FILE: &str = "vmstat";

/// The counters of `/proc/vmstat` psutil uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Vmstat {
    /// `pswpin`: pages swapped in since boot (absent on kernels built without swap).
    pub pswpin: Option<u64>,
    /// `pswpout`: pages swapped out since boot.
    pub pswpout: Option<u64>,
}

/// Parses `/proc/vmstat`. A line that is not `name number` is a parse error.
pub fn parse(data: &[u8]) -> Result<Vmstat> {
    let mut v = Vmstat::default();
    for (n, line) in lines(data) {
        let mut w = words(line);
        let (Some(key), Some(val), None) = (w.next(), w.next(), w.next()) else {
            return Err(Error::parse(FILE, Some(n), "expected 'name value'"));
        };
        let slot = match key {
            b"pswpin" => &mut v.pswpin,
            b"pswpout" => &mut v.pswpout,
            _ => continue,
        };
        *slot = Some(parse_u64(val).ok_or_else(|| Error::parse(FILE, Some(n), "not a number"))?);
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses() {
        let v = parse(b"nr_free_pages 100\npswpin 3\npswpout 4\n").unwrap();
        assert_eq!((v.pswpin, v.pswpout), (Some(3), Some(4)));
        assert_eq!(parse(b"nr_free_pages 1\n").unwrap().pswpin, None);
        assert!(parse(b"pswpin x\n").is_err());
        assert!(parse(b"garbage\n").is_err());
    }
}
