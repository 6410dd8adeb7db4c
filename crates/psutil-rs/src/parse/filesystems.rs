//! `/proc/filesystems`: the filesystem types the kernel knows, one per line.
//!
//! Each line is an optional `nodev` flag, a tab, and the type name:
//! `nodev\ttmpfs` (a filesystem that needs no block device) or `\text4`.

use super::fields::{lines, words};
use crate::error::{Error, Result};

const FILE: &str = "filesystems";

/// One registered filesystem type.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Filesystem {
    /// The type name, as in the third field of the mount table (`ext4`, `tmpfs`).
    pub name: String,
    /// True when the line starts with `nodev`: the type is not backed by a block
    /// device (tmpfs, proc, sysfs, network and FUSE filesystems, zfs).
    pub nodev: bool,
}

/// Parses `/proc/filesystems`. A line with no name, or with more than `nodev` and a
/// name, is a parse error. Names are decoded lossily (the kernel's are ASCII).
pub fn parse(data: &[u8]) -> Result<Vec<Filesystem>> {
    let mut out = Vec::new();
    for (n, line) in lines(data) {
        let mut w = words(line);
        let (nodev, name) = match (w.next(), w.next(), w.next()) {
            (None, _, _) => continue,
            (Some(b"nodev"), Some(name), None) => (true, name),
            (Some(name), None, None) if name != b"nodev" => (false, name),
            _ => return Err(Error::parse(FILE, Some(n), "expected '[nodev]\\tname'")),
        };
        out.push(Filesystem {
            name: String::from_utf8_lossy(name).into_owned(),
            nodev,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses() {
        let fs = parse(b"nodev\tsysfs\n\text4\nnodev\tzfs\n\tfuseblk\n").unwrap();
        let got: Vec<_> = fs.iter().map(|f| (f.name.as_str(), f.nodev)).collect();
        assert_eq!(
            got,
            vec![
                ("sysfs", true),
                ("ext4", false),
                ("zfs", true),
                ("fuseblk", false)
            ]
        );
        assert!(parse(b"").unwrap().is_empty());
        assert!(parse(b"\n  \n").unwrap().is_empty());
    }

    #[test]
    fn garbage_is_an_error() {
        let e = parse(b"\text4\nnodev\n").unwrap_err();
        assert!(e.to_string().contains("filesystems line 2"), "{e}");
        assert!(parse(b"nodev a b\n").is_err());
        assert!(parse(b"a b\n").is_err());
    }
}
