//! Drives as psutil's `disk_partitions()` reports them on Windows: the drive type of
//! `GetDriveTypeW`, the volume flags of `GetVolumeInformationW` turned into psutil's
//! `opts` string, and the `all=False` filter.

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
}
