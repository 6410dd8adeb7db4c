//! `/proc/diskstats` (and `/sys/block/<dev>/stat`): block-device I/O counters.
//!
//! A `/proc/diskstats` line is one of four layouts, told apart by the number of
//! whitespace-separated fields (see the kernel's `Documentation/admin-guide/iostats.rst`):
//!
//! | fields | kernel | layout |
//! |---|---|---|
//! | 14 | 2.6 – 4.17 | `major minor name` + 11 counters |
//! | 18 | 4.18 – 5.4 | the same + 4 discard counters |
//! | 20 | 5.5+ | the same + 2 flush counters |
//! | 15 | 2.4 | `major minor reads name` + 11 counters (the name is the 4th field) |
//! | 7 | 2.6 partitions | `major minor name reads rsect writes wsect` |
//!
//! The 11 counters start `reads reads_merged rsect rtime writes writes_merged wsect
//! wtime in_flight io_ticks weighted_io_ticks`; times are in milliseconds, sectors are
//! 512-byte units whatever the device's real sector size. Any other field count is a
//! parse error, as it is a `ValueError` in psutil.

use super::fields::{lines, parse_u64, words};
use crate::error::{Error, Result};

const FILE: &str = "diskstats";

/// The counters of one device, in the kernel's units.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct DiskStat {
    /// The kernel's device name (`sda`, `nvme0n1p1`, `cciss/c0d0`).
    pub name: String,
    /// Reads completed.
    pub reads: u64,
    /// Writes completed.
    pub writes: u64,
    /// Sectors (512 bytes) read.
    pub read_sectors: u64,
    /// Sectors (512 bytes) written.
    pub write_sectors: u64,
    /// Milliseconds spent reading.
    pub read_time: u64,
    /// Milliseconds spent writing.
    pub write_time: u64,
    /// Adjacent reads merged into one.
    pub reads_merged: u64,
    /// Adjacent writes merged into one.
    pub writes_merged: u64,
    /// Milliseconds with I/O in flight (`io_ticks`).
    pub busy_time: u64,
}

/// Parses `/proc/diskstats`, one [`DiskStat`] per line in file order. Device names are
/// decoded lossily (the kernel's are ASCII).
///
/// The kernel ends every line with a newline, so a last line without one is a parse
/// error: the file was cut short, and a modern line cut to 7 or 15 fields would
/// otherwise be read in an older layout, with counters in the wrong fields.
pub fn parse(data: &[u8]) -> Result<Vec<DiskStat>> {
    if !data.is_empty() && !data.ends_with(b"\n") {
        let last = data.split(|&c| c == b'\n').count();
        return Err(Error::parse(
            FILE,
            Some(last),
            "line is cut short (no newline)",
        ));
    }
    let mut out = Vec::new();
    for (n, line) in lines(data) {
        let f: Vec<&[u8]> = words(line).collect();
        if f.is_empty() {
            continue;
        }
        let num = |i: usize| -> Result<u64> {
            f.get(i).and_then(|w| parse_u64(w)).ok_or_else(|| {
                Error::parse(FILE, Some(n), format!("field {} is not a number", i + 1))
            })
        };
        let name = |i: usize| -> String {
            String::from_utf8_lossy(f.get(i).copied().unwrap_or_default()).into_owned()
        };
        let stat = match f.len() {
            // Linux 2.4 puts the name after the read count; 2.6+ after the device
            // numbers. The other counters are in the same columns.
            k @ (14 | 15 | 18..) => {
                let (name_at, reads_at) = if k == 15 { (3, 2) } else { (2, 3) };
                DiskStat {
                    name: name(name_at),
                    reads: num(reads_at)?,
                    reads_merged: num(4)?,
                    read_sectors: num(5)?,
                    read_time: num(6)?,
                    writes: num(7)?,
                    writes_merged: num(8)?,
                    write_sectors: num(9)?,
                    write_time: num(10)?,
                    busy_time: num(12)?,
                }
            }
            7 => DiskStat {
                name: name(2),
                reads: num(3)?,
                read_sectors: num(4)?,
                writes: num(5)?,
                write_sectors: num(6)?,
                ..DiskStat::default()
            },
            k => {
                return Err(Error::parse(
                    FILE,
                    Some(n),
                    format!("expected 7, 14, 15 or at least 18 fields, got {k}"),
                ))
            }
        };
        // psutil converts every counter of the line (including the ones it then
        // ignores), so a malformed unused counter is an error too.
        let first_counter = if f.len() == 15 { 4 } else { 3 };
        let last = if f.len() == 7 { 7 } else { 14 };
        for i in first_counter..last {
            num(i)?;
        }
        out.push(stat);
    }
    Ok(out)
}

/// Parses `/sys/block/<dev>/stat` (or a partition's `stat`): the 11+ counters of a
/// diskstats line without `major minor name`. `name` is the device the file belongs
/// to. Only the first 10 fields are read; fewer is a parse error.
pub fn parse_block_stat(name: &str, data: &[u8]) -> Result<DiskStat> {
    let f: Vec<&[u8]> = words(data).take(10).collect();
    let num = |i: usize| -> Result<u64> {
        f.get(i).and_then(|w| parse_u64(w)).ok_or_else(|| {
            Error::parse(
                "stat",
                Some(1),
                format!("field {} is missing or not a number", i + 1),
            )
        })
    };
    for i in 0..10 {
        num(i)?;
    }
    Ok(DiskStat {
        name: name.to_string(),
        reads: num(0)?,
        reads_merged: num(1)?,
        read_sectors: num(2)?,
        read_time: num(3)?,
        writes: num(4)?,
        writes_merged: num(5)?,
        write_sectors: num(6)?,
        write_time: num(7)?,
        busy_time: num(9)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counters(s: &DiskStat) -> [u64; 9] {
        [
            s.reads,
            s.writes,
            s.read_sectors,
            s.write_sectors,
            s.read_time,
            s.write_time,
            s.reads_merged,
            s.writes_merged,
            s.busy_time,
        ]
    }

    #[test]
    fn layout_14_fields() {
        let d = parse(b"   3    0   hda 1 2 3 4 5 6 7 8 9 10 11\n").unwrap();
        assert_eq!(d[0].name, "hda");
        // reads writes rsect wsect rtime wtime rmerged wmerged busy
        assert_eq!(counters(&d[0]), [1, 5, 3, 7, 4, 8, 2, 6, 10]);
    }

    #[test]
    fn layout_18_and_20_fields() {
        let d = parse(
            b" 8 0 sda 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15\n\
              254 0 vda 7159 3467 1729250 6935 848 5740 361688 775 0 5172 7876 3087 67 41936 163 42 1\n",
        )
        .unwrap();
        assert_eq!(counters(&d[0]), [1, 5, 3, 7, 4, 8, 2, 6, 10]);
        assert_eq!(d[1].name, "vda");
        assert_eq!(
            counters(&d[1]),
            [7159, 848, 1729250, 361688, 6935, 775, 3467, 5740, 5172]
        );
    }

    #[test]
    fn layout_15_fields_linux_2_4() {
        let d = parse(b"3 0 100 hda 2 3 4 5 6 7 8 9 10 11 12\n").unwrap();
        assert_eq!(d[0].name, "hda");
        assert_eq!(counters(&d[0]), [100, 5, 3, 7, 4, 8, 2, 6, 10]);
    }

    #[test]
    fn layout_7_fields_partition() {
        let d = parse(b"3 1 hda1 1 2 3 4\n").unwrap();
        assert_eq!(d[0].name, "hda1");
        assert_eq!(counters(&d[0]), [1, 3, 2, 4, 0, 0, 0, 0, 0]);
    }

    #[test]
    fn names_with_slash_and_empty_file() {
        let d = parse(b"104 0 cciss/c0d0 1 2 3 4 5 6 7 8 9 10 11\n").unwrap();
        assert_eq!(d[0].name, "cciss/c0d0");
        assert!(parse(b"").unwrap().is_empty());
        // A 5.5+ line cut after its 4th counter has the 7 fields of a 2.6 partition
        // line; without its newline it is known to be cut (found by the fault tests).
        let e = parse(b"8 0 sda 1 2 3 4 5 6 7 8 9 10 11\n8 0 sdb 446216 784926 9550688 43")
            .unwrap_err();
        assert!(e.to_string().contains("diskstats line 2"), "{e}");
        assert!(parse(b"\n\n").unwrap().is_empty());
    }

    #[test]
    fn garbage_is_an_error() {
        for (data, what) in [
            (&b"8 0 sda 1 2 3\n"[..], "got 6"),
            (b"8 0 sda 1 2 3 4 5 6 7 8 9 10 11 12 13 14\n", "got 17"),
            (b"8 0 sda 1 2 x 4 5 6 7 8 9 10 11\n", "field 6"),
            (b"8 0 sda 1 2 3 4 5 6 7 8 y 10 11\n", "field 12"),
            (b"8 0 sda -1 2 3 4\n", "field 4"),
            (b"8 0 sda 1 2 3 4 5 6 7 8 9 10 11\ngarbage\n", "line 2"),
        ] {
            let e = parse(data).unwrap_err();
            assert!(e.to_string().contains(what), "{e} should mention {what}");
            assert!(e.to_string().contains("diskstats"), "{e}");
        }
    }

    #[test]
    fn sysfs_stat() {
        let s = parse_block_stat("vda", b"    7159     3467  1729250     6935      848     5740   361688      775        0     5172     7876\n").unwrap();
        assert_eq!(s.name, "vda");
        assert_eq!(
            counters(&s),
            [7159, 848, 1729250, 361688, 6935, 775, 3467, 5740, 5172]
        );
        assert!(parse_block_stat("x", b"1 2 3 4 5 6 7 8 9\n").is_err());
        assert!(parse_block_stat("x", b"").is_err());
        assert!(parse_block_stat("x", b"1 2 3 4 5 6 7 8 9 z 11").is_err());
    }
}
