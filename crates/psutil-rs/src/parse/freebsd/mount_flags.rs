//! `statfs.f_flags` (`<sys/mount.h>` `MNT_*`) as psutil's `disk_partitions()` `opts`.

/// `MNT_RDONLY`.
pub const MNT_RDONLY: u64 = 0x0000_0001;

/// The option words after `rw`/`ro`, in psutil's order, with their `MNT_*` bits.
pub const OPTIONS: &[(u64, &str)] = &[
    (0x0000_0002, "sync"),        // MNT_SYNCHRONOUS
    (0x0000_0004, "noexec"),      // MNT_NOEXEC
    (0x0000_0008, "nosuid"),      // MNT_NOSUID
    (0x0000_0020, "union"),       // MNT_UNION
    (0x0000_0040, "async"),       // MNT_ASYNC
    (0x0010_0000, "suiddir"),     // MNT_SUIDDIR
    (0x0020_0000, "softdep"),     // MNT_SOFTDEP
    (0x0040_0000, "nosymfollow"), // MNT_NOSYMFOLLOW
    (0x0200_0000, "gjournal"),    // MNT_GJOURNAL
    (0x0400_0000, "multilabel"),  // MNT_MULTILABEL
    (0x0800_0000, "acls"),        // MNT_ACLS
    (0x1000_0000, "noatime"),     // MNT_NOATIME
    (0x4000_0000, "noclusterr"),  // MNT_NOCLUSTERR
    (0x8000_0000, "noclusterw"),  // MNT_NOCLUSTERW
    (0x0000_0010, "nfs4acls"),    // MNT_NFS4ACLS
];

/// `rw` or `ro`, then each set option, comma-separated.
pub fn opts(flags: u64) -> String {
    let mut out = String::from(if flags & MNT_RDONLY != 0 { "ro" } else { "rw" });
    for (bit, word) in OPTIONS {
        if flags & bit != 0 {
            out.push(',');
            out.push_str(word);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        assert_eq!(opts(0), "rw");
        assert_eq!(opts(0x1 | 0x8 | 0x1000_0000), "ro,nosuid,noatime");
        assert_eq!(opts(0x20_0000 | 0x10), "rw,softdep,nfs4acls");
    }
}
