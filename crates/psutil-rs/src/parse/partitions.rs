//! `/proc/partitions` and the sysfs files that identify a block device by number:
//! `/sys/dev/block/<major>:<minor>/uevent` and `/sys/class/block/<name>/dev`.
//!
//! `/proc/partitions` starts with a header line and a blank line, then one line per
//! block device: `major minor #blocks name`.

use super::fields::{parse_u64, split_once, trim, words};
use crate::error::Result;

/// One line of `/proc/partitions`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Partition {
    /// Device major number; `None` when the field is not a number.
    pub major: Option<u32>,
    /// Device minor number; `None` when the field is not a number.
    pub minor: Option<u32>,
    /// Size in 1 KiB blocks; `None` when the field is not a number.
    pub blocks: Option<u64>,
    /// The device name under `/dev` (`sda1`, `nvme0n1p2`, `dm-0`).
    pub name: Vec<u8>,
}

/// Parses `/proc/partitions`. Like psutil, the first two lines are skipped whatever they
/// hold, and lines with fewer than four fields are ignored, so this never fails.
pub fn parse(data: &[u8]) -> Result<Vec<Partition>> {
    let mut out = Vec::new();
    for line in data.split(|&c| c == b'\n').skip(2) {
        let f: Vec<&[u8]> = words(line).collect();
        let [major, minor, blocks, name, ..] = f.as_slice() else {
            continue;
        };
        let num32 = |w: &[u8]| parse_u64(w).and_then(|v| u32::try_from(v).ok());
        out.push(Partition {
            major: num32(major),
            minor: num32(minor),
            blocks: parse_u64(blocks),
            name: name.to_vec(),
        });
    }
    Ok(out)
}

/// The `DEVNAME=` value of a sysfs `uevent` file (`KEY=value` lines), if present and
/// not empty.
pub fn uevent_devname(data: &[u8]) -> Option<Vec<u8>> {
    data.split(|&c| c == b'\n').find_map(|line| {
        let value = trim(line.strip_prefix(b"DEVNAME=")?);
        (!value.is_empty()).then(|| value.to_vec())
    })
}

/// Parses a sysfs `dev` file (`major:minor`).
pub fn parse_dev(data: &[u8]) -> Option<(u32, u32)> {
    let (major, minor) = split_once(trim(data), b':')?;
    let major = u32::try_from(parse_u64(major)?).ok()?;
    let minor = u32::try_from(parse_u64(minor)?).ok()?;
    Some((major, minor))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_proc_partitions() {
        let p = parse(
            b"major minor  #blocks  name\n\n 254        0  268435456 vda\n   8   1 1024 sda1\n",
        )
        .unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(
            p[0],
            Partition {
                major: Some(254),
                minor: Some(0),
                blocks: Some(268435456),
                name: b"vda".to_vec()
            }
        );
        assert_eq!(p[1].name, b"sda1");
    }

    #[test]
    fn tolerates_garbage() {
        // Header lines are skipped even if they look like data; short lines ignored.
        let p = parse(b"8 0 1 sda\n8 1 1 sda1\nx y z w\n1 2\n\n").unwrap();
        assert_eq!(p.len(), 1);
        assert_eq!((p[0].major, p[0].minor, p[0].blocks), (None, None, None));
        assert!(parse(b"").unwrap().is_empty());
        assert!(
            parse(b"99999999999 0 1 big\n\n99999999999 0 1 big\n").unwrap()[0]
                .major
                .is_none()
        );
    }

    #[test]
    fn uevent_and_dev() {
        let u = b"MAJOR=254\nMINOR=0\nDEVNAME=vda\nDEVTYPE=disk\n";
        assert_eq!(uevent_devname(u), Some(b"vda".to_vec()));
        assert_eq!(uevent_devname(b"MAJOR=1\nDEVNAME=\n"), None);
        assert_eq!(uevent_devname(b""), None);
        assert_eq!(parse_dev(b"254:0\n"), Some((254, 0)));
        assert_eq!(parse_dev(b"254"), None);
        assert_eq!(parse_dev(b"a:b"), None);
    }
}
