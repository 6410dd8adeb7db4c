//! `io.stat` (cgroup v2, since Linux 4.5): per-device I/O counters, one line per
//! device: `$MAJ:$MIN rbytes=$N wbytes=$N rios=$N wios=$N dbytes=$N dios=$N`
//! (`dbytes`/`dios`, discards, since Linux 5.0). Other keys (`cost.*` of the iocost
//! controller, `rdelay`...) are skipped.

use super::{device, shown};
use crate::error::{Error, Result};
use crate::parse::fields::{lines, parse_u64, split_once, words};

/// The I/O counters of one block device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct IoStat {
    /// The device's major number.
    pub major: u32,
    /// The device's minor number.
    pub minor: u32,
    /// Bytes read.
    pub rbytes: u64,
    /// Bytes written.
    pub wbytes: u64,
    /// Read operations.
    pub rios: u64,
    /// Write operations.
    pub wios: u64,
    /// Bytes discarded (v2 since Linux 5.0; v1's `Discard` lines since 4.19).
    pub dbytes: Option<u64>,
    /// Discard operations (as `dbytes`).
    pub dios: Option<u64>,
}

impl IoStat {
    /// A device with every counter 0 and no discard counters.
    pub fn zero(major: u32, minor: u32) -> IoStat {
        IoStat {
            major,
            minor,
            rbytes: 0,
            wbytes: 0,
            rios: 0,
            wios: 0,
            dbytes: None,
            dios: None,
        }
    }
}

/// Parses `io.stat`.
pub fn parse(data: &[u8]) -> Result<Vec<IoStat>> {
    let mut out = Vec::new();
    for (n, line) in lines(data) {
        let bad = || Error::parse("io.stat", Some(n), format!("bad line {:?}", shown(line)));
        let mut w = words(line);
        let Some(dev) = w.next() else { continue };
        let (major, minor) = device(dev).ok_or_else(bad)?;
        let mut s = IoStat::zero(major, minor);
        for kv in w {
            let (k, v) = split_once(kv, b'=').ok_or_else(bad)?;
            let num = || parse_u64(v).ok_or_else(bad);
            match k {
                b"rbytes" => s.rbytes = num()?,
                b"wbytes" => s.wbytes = num()?,
                b"rios" => s.rios = num()?,
                b"wios" => s.wios = num()?,
                b"dbytes" => s.dbytes = Some(num()?),
                b"dios" => s.dios = Some(num()?),
                _ => {}
            }
        }
        out.push(s);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters() {
        let v = parse(
            b"8:16 rbytes=1459200 wbytes=314773504 rios=192 wios=353 dbytes=0 dios=0\n\
              254:0 rbytes=1 wbytes=2 rios=3 wios=4 cost.usage=9 cost.vrate=100.00\n",
        )
        .unwrap();
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].wbytes, 314_773_504);
        assert_eq!(v[0].dbytes, Some(0));
        assert_eq!((v[1].major, v[1].rios, v[1].dios), (254, 3, None));
    }

    #[test]
    fn garbage() {
        for bad in [&b"8:16 rbytes=-1"[..], b"8:16 rbytes", b"x rbytes=1"] {
            assert!(parse(bad).unwrap_err().to_string().contains("line 1"));
        }
    }
}
