//! Drives and disks as psutil's `disk_partitions()` and `disk_io_counters()` report them
//! on Windows: the drive type of `GetDriveTypeW`, the volume flags of
//! `GetVolumeInformationW` turned into psutil's `opts` string, the `all=False` filter,
//! and the `DISK_PERFORMANCE` record of `IOCTL_DISK_PERFORMANCE`.

use super::bytes::{ticks_at, u32_at};
use crate::error::{Error, Result};

/// `DRIVE_UNKNOWN`.
pub const DRIVE_UNKNOWN: u32 = 0;
/// `DRIVE_NO_ROOT_DIR`: the root path is invalid (nothing mounted there).
pub const DRIVE_NO_ROOT_DIR: u32 = 1;
/// `DRIVE_REMOVABLE`.
pub const DRIVE_REMOVABLE: u32 = 2;
/// `DRIVE_FIXED`.
pub const DRIVE_FIXED: u32 = 3;
/// `DRIVE_REMOTE`: a network drive.
pub const DRIVE_REMOTE: u32 = 4;
/// `DRIVE_CDROM`.
pub const DRIVE_CDROM: u32 = 5;
/// `DRIVE_RAMDISK`.
pub const DRIVE_RAMDISK: u32 = 6;

/// `FILE_VOLUME_IS_COMPRESSED`.
pub const FILE_VOLUME_IS_COMPRESSED: u32 = 0x0000_8000;
/// `FILE_READ_ONLY_VOLUME`.
pub const FILE_READ_ONLY_VOLUME: u32 = 0x0008_0000;
/// `FILE_SUPPORTS_REPARSE_POINTS`: the volume can hold mount points.
pub const FILE_SUPPORTS_REPARSE_POINTS: u32 = 0x0000_0080;

/// psutil's word for a `GetDriveTypeW` value, the last item of `opts`: `fixed`,
/// `cdrom`, `removable`, `unknown`, `unmounted` (`DRIVE_NO_ROOT_DIR`), `remote`,
/// `ramdisk`; `?` for a value outside the list.
pub fn drive_type_name(drive_type: u32) -> &'static str {
    match drive_type {
        DRIVE_FIXED => "fixed",
        DRIVE_CDROM => "cdrom",
        DRIVE_REMOVABLE => "removable",
        DRIVE_UNKNOWN => "unknown",
        DRIVE_NO_ROOT_DIR => "unmounted",
        DRIVE_REMOTE => "remote",
        DRIVE_RAMDISK => "ramdisk",
        _ => "?",
    }
}

/// Whether `disk_partitions(all=False)` lists the drive `root` (`"A:\"`): not when its
/// type is unknown, unmounted, remote or a RAM disk, nor for a removable `A:\` (a floppy,
/// slow to query). `all=True` lists every drive.
pub fn keep_drive(root: &str, drive_type: u32, all: bool) -> bool {
    if all {
        return true;
    }
    match drive_type {
        DRIVE_UNKNOWN | DRIVE_NO_ROOT_DIR | DRIVE_REMOTE | DRIVE_RAMDISK => false,
        DRIVE_REMOVABLE => !root.eq_ignore_ascii_case("A:\\"),
        _ => true,
    }
}

/// The flag part of psutil's `opts` for `GetVolumeInformationW`'s file-system flags:
/// `ro` or `rw`, then `,compressed` and `,readonly` when set. `None` (the volume could
/// not be queried, e.g. an empty removable drive) gives an empty string.
pub fn volume_opts(flags: Option<u32>) -> String {
    let Some(flags) = flags else {
        return String::new();
    };
    let read_only = flags & FILE_READ_ONLY_VOLUME != 0;
    let mut opts = String::from(if read_only { "ro" } else { "rw" });
    if flags & FILE_VOLUME_IS_COMPRESSED != 0 {
        opts.push_str(",compressed");
    }
    if read_only {
        opts.push_str(",readonly");
    }
    opts
}

/// psutil's full `opts`: [`volume_opts`], a comma when it is not empty, then
/// [`drive_type_name`]: `rw,fixed`, `ro,readonly,cdrom`, `removable`.
pub fn partition_opts(flags: Option<u32>, drive_type: u32) -> String {
    let mut opts = volume_opts(flags);
    if !opts.is_empty() {
        opts.push(',');
    }
    opts.push_str(drive_type_name(drive_type));
    opts
}

/// The root paths of `GetLogicalDriveStringsW`'s buffer: NUL-terminated strings one
/// after the other, ended by an empty one (`A:\`, `C:\`, ...).
pub fn split_drive_strings(units: &[u16]) -> Vec<String> {
    units
        .split(|&c| c == 0)
        .take_while(|s| !s.is_empty())
        .map(String::from_utf16_lossy)
        .collect()
}

/// Size of `DISK_PERFORMANCE` on 64-bit Windows.
pub const DISK_PERFORMANCE_LEN: usize = 88;

/// The counters of one `DISK_PERFORMANCE` record that psutil reports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct DiskPerformance {
    /// `BytesRead`.
    pub bytes_read: u64,
    /// `BytesWritten`.
    pub bytes_written: u64,
    /// `ReadTime`, in 100-ns ticks.
    pub read_time: u64,
    /// `WriteTime`, in 100-ns ticks.
    pub write_time: u64,
    /// `ReadCount`.
    pub read_count: u32,
    /// `WriteCount`.
    pub write_count: u32,
}

impl DiskPerformance {
    /// `ReadTime` in milliseconds (100-ns ticks / 10 000). psutil 7.2.2 divides by
    /// 10 000 000 and calls the result milliseconds (psutil-platforms.md §7 gotcha 2);
    /// this reports real milliseconds, like every other platform's `read_time`.
    pub fn read_time_ms(&self) -> u64 {
        self.read_time / 10_000
    }

    /// `WriteTime` in milliseconds (see [`read_time_ms`](Self::read_time_ms)).
    pub fn write_time_ms(&self) -> u64 {
        self.write_time / 10_000
    }
}

/// Decodes a `DISK_PERFORMANCE` record: `BytesRead` (0), `BytesWritten` (8), `ReadTime`
/// (16), `WriteTime` (24), `IdleTime` (32), `ReadCount` (40), `WriteCount` (44), ...
pub fn parse_disk_performance(buf: &[u8]) -> Result<DiskPerformance> {
    let p = (|| {
        Some(DiskPerformance {
            bytes_read: ticks_at(buf, 0)?,
            bytes_written: ticks_at(buf, 8)?,
            read_time: ticks_at(buf, 16)?,
            write_time: ticks_at(buf, 24)?,
            read_count: u32_at(buf, 40)?,
            write_count: u32_at(buf, 44)?,
        })
    })();
    p.ok_or_else(|| Error::parse("IOCTL_DISK_PERFORMANCE", None, "short DISK_PERFORMANCE"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opts_as_psutil_builds_them() {
        assert_eq!(partition_opts(Some(0xA), DRIVE_FIXED), "rw,fixed");
        assert_eq!(
            partition_opts(Some(FILE_READ_ONLY_VOLUME), DRIVE_CDROM),
            "ro,readonly,cdrom"
        );
        assert_eq!(
            partition_opts(Some(FILE_VOLUME_IS_COMPRESSED | 2), DRIVE_FIXED),
            "rw,compressed,fixed"
        );
        assert_eq!(partition_opts(None, DRIVE_REMOVABLE), "removable");
        assert_eq!(partition_opts(None, 42), "?");
        let names: Vec<_> = (0..=6).map(drive_type_name).collect();
        assert_eq!(
            names,
            [
                "unknown",
                "unmounted",
                "removable",
                "fixed",
                "remote",
                "cdrom",
                "ramdisk"
            ]
        );
    }

    #[test]
    fn all_false_filter() {
        for t in [
            DRIVE_UNKNOWN,
            DRIVE_NO_ROOT_DIR,
            DRIVE_REMOTE,
            DRIVE_RAMDISK,
        ] {
            assert!(!keep_drive("D:\\", t, false));
            assert!(keep_drive("D:\\", t, true));
        }
        assert!(keep_drive("C:\\", DRIVE_FIXED, false));
        assert!(keep_drive("E:\\", DRIVE_CDROM, false));
        assert!(keep_drive("E:\\", DRIVE_REMOVABLE, false));
        assert!(!keep_drive("A:\\", DRIVE_REMOVABLE, false));
        assert!(!keep_drive("a:\\", DRIVE_REMOVABLE, false));
        assert!(keep_drive("A:\\", DRIVE_FIXED, false));
        assert!(keep_drive("A:\\", DRIVE_REMOVABLE, true));
    }

    #[test]
    fn drive_strings() {
        let units: Vec<u16> = "C:\\\0Z:\\\0\0".encode_utf16().collect();
        assert_eq!(split_drive_strings(&units), ["C:\\", "Z:\\"]);
        assert!(split_drive_strings(&[0]).is_empty());
        assert!(split_drive_strings(&[]).is_empty());
        // No final empty string (a truncated buffer): what is there still counts.
        let units: Vec<u16> = "C:\\".encode_utf16().collect();
        assert_eq!(split_drive_strings(&units), ["C:\\"]);
    }

    #[test]
    fn disk_performance() {
        let mut b = vec![0u8; DISK_PERFORMANCE_LEN];
        b[0..8].copy_from_slice(&4096u64.to_le_bytes());
        b[8..16].copy_from_slice(&8192u64.to_le_bytes());
        b[16..24].copy_from_slice(&25_000_000u64.to_le_bytes()); // 2.5 s
        b[24..32].copy_from_slice(&10_000u64.to_le_bytes()); // 1 ms
        b[40..44].copy_from_slice(&3u32.to_le_bytes());
        b[44..48].copy_from_slice(&5u32.to_le_bytes());
        let p = parse_disk_performance(&b).unwrap();
        assert_eq!((p.bytes_read, p.bytes_written), (4096, 8192));
        assert_eq!((p.read_count, p.write_count), (3, 5));
        assert_eq!((p.read_time_ms(), p.write_time_ms()), (2500, 1));
        assert!(parse_disk_performance(&b[..47]).is_err());
    }
}
