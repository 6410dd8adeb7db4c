//! `io.max` (cgroup v2, since Linux 4.5): per-device I/O limits, one line per device:
//! `$MAJ:$MIN rbps=$N wbps=$N riops=$N wiops=$N`, each value a number or `max`.
//! Devices without any limit are not listed. A field that is absent reads as
//! unlimited; unknown keys are skipped (newer kernels may add some).

use super::limit::{parse_word, CgroupLimit};
use super::{device, shown};
use crate::error::{Error, Result};
use crate::parse::fields::{lines, split_once, words};

/// The I/O limits of one block device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct IoMax {
    /// The device's major number.
    pub major: u32,
    /// The device's minor number.
    pub minor: u32,
    /// Read bytes per second.
    pub rbps: CgroupLimit,
    /// Written bytes per second.
    pub wbps: CgroupLimit,
    /// Read operations per second.
    pub riops: CgroupLimit,
    /// Write operations per second.
    pub wiops: CgroupLimit,
}

impl IoMax {
    /// A device with no limit at all.
    pub fn unlimited(major: u32, minor: u32) -> IoMax {
        IoMax {
            major,
            minor,
            rbps: CgroupLimit::Unlimited,
            wbps: CgroupLimit::Unlimited,
            riops: CgroupLimit::Unlimited,
            wiops: CgroupLimit::Unlimited,
        }
    }

    /// The tighter of the two devices' limits, field by field (the device numbers are
    /// `self`'s).
    pub fn min(self, other: &IoMax) -> IoMax {
        IoMax {
            rbps: self.rbps.min(other.rbps),
            wbps: self.wbps.min(other.wbps),
            riops: self.riops.min(other.riops),
            wiops: self.wiops.min(other.wiops),
            ..self
        }
    }
}

/// Parses `io.max`.
pub fn parse(data: &[u8]) -> Result<Vec<IoMax>> {
    let mut out = Vec::new();
    for (n, line) in lines(data) {
        let bad = || Error::parse("io.max", Some(n), format!("bad line {:?}", shown(line)));
        let mut w = words(line);
        let Some(dev) = w.next() else { continue };
        let (major, minor) = device(dev).ok_or_else(bad)?;
        let mut m = IoMax::unlimited(major, minor);
        for kv in w {
            let (k, v) = split_once(kv, b'=').ok_or_else(bad)?;
            let v = parse_word(v).ok_or_else(bad)?;
            match k {
                b"rbps" => m.rbps = v,
                b"wbps" => m.wbps = v,
                b"riops" => m.riops = v,
                b"wiops" => m.wiops = v,
                _ => {}
            }
        }
        out.push(m);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits() {
        let v = parse(b"8:16 rbps=2097152 wbps=max riops=max wiops=120\n").unwrap();
        assert_eq!(v.len(), 1);
        assert_eq!((v[0].major, v[0].minor), (8, 16));
        assert_eq!(v[0].rbps, CgroupLimit::Limited(2_097_152));
        assert_eq!(v[0].wbps, CgroupLimit::Unlimited);
        assert_eq!(v[0].wiops, CgroupLimit::Limited(120));
        let m = v[0].min(&IoMax {
            wbps: CgroupLimit::Limited(5),
            rbps: CgroupLimit::Limited(9_999_999),
            ..IoMax::unlimited(8, 16)
        });
        assert_eq!(m.rbps, CgroupLimit::Limited(2_097_152));
        assert_eq!(m.wbps, CgroupLimit::Limited(5));
    }

    #[test]
    fn garbage() {
        for bad in [&b"8 rbps=1"[..], b"8:16 rbps", b"8:16 rbps=x", b"a:b"] {
            assert!(parse(bad).unwrap_err().to_string().contains("line 1"));
        }
    }
}
