//! `statfs.f_flags` (`MNT_*` of macOS's `<sys/mount.h>`) as the `opts` string of
//! psutil's `disk_partitions()` on macOS.

/// The flags psutil names after `rw`/`ro`, in its order.
const NAMES: &[(u32, &str)] = &[
    (0x0000_0002, "sync"),             // MNT_SYNCHRONOUS
    (0x0000_0004, "noexec"),           // MNT_NOEXEC
    (0x0000_0008, "nosuid"),           // MNT_NOSUID
    (0x0000_0020, "union"),            // MNT_UNION
    (0x0000_0040, "async"),            // MNT_ASYNC
    (0x0000_0100, "exported"),         // MNT_EXPORTED
    (0x0000_1000, "local"),            // MNT_LOCAL
    (0x0000_2000, "quota"),            // MNT_QUOTA
    (0x0000_4000, "rootfs"),           // MNT_ROOTFS
    (0x0000_8000, "dovolfs"),          // MNT_DOVOLFS
    (0x0010_0000, "dontbrowse"),       // MNT_DONTBROWSE
    (0x0020_0000, "ignore-ownership"), // MNT_IGNORE_OWNERSHIP
    (0x0040_0000, "automounted"),      // MNT_AUTOMOUNTED
    (0x0080_0000, "journaled"),        // MNT_JOURNALED
    (0x0100_0000, "nouserxattr"),      // MNT_NOUSERXATTR
    (0x0200_0000, "defwrite"),         // MNT_DEFWRITE
    (0x0001_0000, "update"),           // MNT_UPDATE
    (0x0004_0000, "reload"),           // MNT_RELOAD
    (0x0008_0000, "force"),            // MNT_FORCE
    (0x000f_0000, "cmdflags"),         // MNT_CMDFLAGS (any of its bits)
    (0x0000_0400, "quarantine"),       // MNT_QUARANTINE
    (0x0400_0000, "multilabel"),       // MNT_MULTILABEL
    (0x1000_0000, "noatime"),          // MNT_NOATIME
];

/// `MNT_RDONLY`.
const MNT_RDONLY: u32 = 0x1;

/// The comma-separated options: `ro` or `rw`, then each named flag that is set.
pub fn opts(flags: u32) -> String {
    let mut out = vec![if flags & MNT_RDONLY != 0 { "ro" } else { "rw" }];
    out.extend(
        NAMES
            .iter()
            .filter(|(bit, _)| flags & bit != 0)
            .map(|(_, n)| *n),
    );
    out.join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(opts(0), "rw");
        assert_eq!(
            opts(0x1 | 0x1000 | 0x4000 | 0x0080_0000),
            "ro,local,rootfs,journaled"
        );
        assert_eq!(opts(0x0001_0000), "rw,update,cmdflags");
        assert_eq!(opts(u32::MAX).split(',').count(), 1 + NAMES.len());
    }
}
