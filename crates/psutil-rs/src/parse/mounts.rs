//! `/proc/self/mounts` and `/etc/mtab`: the mount table in `getmntent(3)` format.
//!
//! One mount per line: `fsname dir type opts freq passno`, separated by runs of spaces
//! or tabs. The kernel writes a space, tab, newline or backslash inside a field as the
//! octal escapes `\040`, `\011`, `\012` and `\134`; glibc's `getmntent` also accepts
//! `\\` for a backslash. This parser follows glibc's reading rules (which psutil relies
//! on): leading blanks are skipped, blank lines and lines starting with `#` are
//! ignored, trailing blanks are cut, and a missing field reads as empty. Fields are kept
//! as raw bytes: device and mount point names need not be UTF-8.
//!
//! One difference from glibc: `getmntent` reads through a 4 KiB line buffer and drops
//! whatever follows on longer lines (very long overlayfs option strings); this parser
//! keeps whole lines.

use super::fields::lines;
use crate::error::Result;

/// One line of the mount table, with escapes decoded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct MountEntry {
    /// `mnt_fsname`: the device or the filesystem's source (`/dev/sda1`, `tmpfs`,
    /// `server:/export`, `none`).
    pub fsname: Vec<u8>,
    /// `mnt_dir`: the mount point.
    pub dir: Vec<u8>,
    /// `mnt_type`: the filesystem type (`ext4`, `tmpfs`, `fuse.sshfs`).
    pub fstype: Vec<u8>,
    /// `mnt_opts`: the comma-separated mount options.
    pub opts: Vec<u8>,
}

/// Parses a mount table. It never fails: as with `getmntent`, every non-comment line is
/// an entry and missing fields are empty.
pub fn parse(data: &[u8]) -> Result<Vec<MountEntry>> {
    let mut out = Vec::new();
    for (_, line) in lines(data) {
        let line = trim_blanks_end(skip_blanks(line));
        if line.is_empty() || line.first() == Some(&b'#') {
            continue;
        }
        let mut fields = line
            .split(|&c| is_blank(c))
            .filter(|f| !f.is_empty())
            .map(decode);
        out.push(MountEntry {
            fsname: fields.next().unwrap_or_default(),
            dir: fields.next().unwrap_or_default(),
            fstype: fields.next().unwrap_or_default(),
            opts: fields.next().unwrap_or_default(),
        });
    }
    Ok(out)
}

/// Decodes the escapes of one field as glibc's `getmntent` does: `\040` (space),
/// `\011` (tab), `\012` (newline), `\134` and `\\` (backslash). Any other backslash is
/// kept as it is.
pub fn decode(field: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(field.len());
    let mut i = 0;
    while let Some(&c) = field.get(i) {
        if c == b'\\' {
            let (decoded, len) = match field.get(i + 1..i + 4) {
                Some(b"040") => (Some(b' '), 4),
                Some(b"011") => (Some(b'\t'), 4),
                Some(b"012") => (Some(b'\n'), 4),
                Some(b"134") => (Some(b'\\'), 4),
                _ if field.get(i + 1) == Some(&b'\\') => (Some(b'\\'), 2),
                _ => (None, 1),
            };
            out.push(decoded.unwrap_or(c));
            i += len;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn is_blank(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

fn skip_blanks(s: &[u8]) -> &[u8] {
    let start = s.iter().position(|&c| !is_blank(c)).unwrap_or(s.len());
    s.get(start..).unwrap_or_default()
}

fn trim_blanks_end(s: &[u8]) -> &[u8] {
    let end = s.iter().rposition(|&c| !is_blank(c)).map_or(0, |i| i + 1);
    s.get(..end).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(fsname: &[u8], dir: &[u8], fstype: &[u8], opts: &[u8]) -> MountEntry {
        MountEntry {
            fsname: fsname.to_vec(),
            dir: dir.to_vec(),
            fstype: fstype.to_vec(),
            opts: opts.to_vec(),
        }
    }

    #[test]
    fn parses_kernel_lines() {
        let m = parse(b"/dev/vda / ext4 rw,relatime 0 0\nproc /proc proc rw 0 0\n").unwrap();
        assert_eq!(
            m,
            vec![
                e(b"/dev/vda", b"/", b"ext4", b"rw,relatime"),
                e(b"proc", b"/proc", b"proc", b"rw"),
            ]
        );
    }

    #[test]
    fn decodes_escapes() {
        let m = parse(b"/dev/sdb1 /media/my\\040disk\\011x\\012y\\134z vfat rw 0 0\n").unwrap();
        assert_eq!(m[0].dir, b"/media/my disk\tx\ny\\z");
        assert_eq!(decode(b"a\\\\b"), b"a\\b");
        // Unknown or truncated escapes stay as they are.
        assert_eq!(decode(b"a\\041b"), b"a\\041b");
        assert_eq!(decode(b"a\\04"), b"a\\04");
        assert_eq!(decode(b"a\\"), b"a\\");
        assert_eq!(decode(b"\\040\\040"), b"  ");
    }

    #[test]
    fn keeps_non_utf8_bytes() {
        let m = parse(b"/dev/sdc1 /mnt/\xff\xfe ext4 rw 0 0\n").unwrap();
        assert_eq!(m[0].dir, b"/mnt/\xff\xfe");
    }

    #[test]
    fn getmntent_line_rules() {
        let data = b"# comment\n\n   \n\t/dev/a\t /a  \text4   rw\t0 0  \nsrc /b\nonly\n";
        let m = parse(data).unwrap();
        assert_eq!(
            m,
            vec![
                e(b"/dev/a", b"/a", b"ext4", b"rw"),
                e(b"src", b"/b", b"", b""),
                e(b"only", b"", b"", b""),
            ]
        );
        assert!(parse(b"").unwrap().is_empty());
        // A '#' not at the start of the line is part of a field.
        assert_eq!(parse(b"a#b /c t o\n").unwrap()[0].fsname, b"a#b");
    }

    #[test]
    fn never_panics_on_garbage() {
        for data in [
            &b"\\"[..],
            b"\\0",
            b"\\\\\\",
            b"\x00\x01 \\134",
            b"\n\n\t\t\n",
        ] {
            let _ = parse(data).unwrap();
        }
    }
}
