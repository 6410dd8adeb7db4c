//! `/proc/net/unix`: one line per Unix domain socket of the reader's network namespace.
//!
//! After a header line: `Num: RefCount Protocol Flags Type St Inode [Path]`, with `Type`
//! in hex (`0001` stream, `0002` dgram, `0005` seqpacket). The kernel prints the path
//! byte by byte after one space; abstract names start with `@` and their NUL bytes are
//! printed as `@`.

use super::fields::{lines, parse_hex_u64, parse_u64, words};
use crate::error::{Error, Result};

const FILE: &str = "net/unix";

/// One socket line.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct UnixSocket {
    /// The `Type` column (`SOCK_STREAM` = 1, `SOCK_DGRAM` = 2, `SOCK_SEQPACKET` = 5).
    pub sock_type: u16,
    /// The socket inode.
    pub inode: u64,
    /// The bound path as raw bytes (`@name` for abstract sockets); empty when unbound.
    pub path: Vec<u8>,
}

/// Parses `/proc/net/unix`. The first line is a header. Lines without a space are
/// skipped (psutil #766: a path containing a newline continues on the next line).
/// A line with fewer than 7 columns or a bad type or inode is a parse error.
///
/// The path is everything after the 7th column and its separating space, so paths with
/// spaces are kept whole (psutil drops the path of such lines).
pub fn parse(data: &[u8]) -> Result<Vec<UnixSocket>> {
    let mut out = Vec::new();
    for (n, line) in lines(data).skip(1) {
        if !line.contains(&b' ') {
            continue;
        }
        let err = |what: &str| Error::parse(FILE, Some(n), what);
        let cols: Vec<&[u8]> = words(line).take(7).collect();
        let [_, _, _, _, sock_type, _, inode] = cols[..] else {
            return Err(err("expected at least 7 columns"));
        };
        let sock_type = parse_hex_u64(sock_type)
            .and_then(|t| u16::try_from(t).ok())
            .ok_or_else(|| err("bad type"))?;
        let inode = parse_u64(inode).ok_or_else(|| err("bad inode"))?;
        // The path starts after the inode column and one space.
        let path = match inode_end(line) {
            Some(end) => line.get(end + 1..).unwrap_or_default().to_vec(),
            None => Vec::new(),
        };
        out.push(UnixSocket {
            sock_type,
            inode,
            path,
        });
    }
    Ok(out)
}

/// The byte offset just past the 7th whitespace-separated column.
fn inode_end(line: &[u8]) -> Option<usize> {
    let mut col = 0;
    let mut in_word = false;
    for (i, c) in line.iter().enumerate() {
        if c.is_ascii_whitespace() {
            if in_word {
                col += 1;
                if col == 7 {
                    return Some(i);
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "Num       RefCount Protocol Flags    Type St Inode Path\n";

    #[test]
    fn lines_with_and_without_paths() {
        let data = format!(
            "{HEAD}00000000e8fec46a: 00000003 00000000 00000000 0001 03   175\n\
             0000000012345678: 00000002 00000000 00010000 0001 01 20335 /run/systemd/private\n\
             0000000012345679: 00000002 00000000 00000000 0002 01 20336 @/tmp/.X11-unix/X0\n\
             000000001234567a: 00000002 00000000 00000000 0005 01 20337 @abs@with@nuls\n\
             000000001234567b: 00000002 00000000 00000000 0001 01 20338 /tmp/with space\n"
        );
        let v = parse(data.as_bytes()).unwrap();
        assert_eq!(v.len(), 5);
        assert_eq!(
            v[0],
            UnixSocket {
                sock_type: 1,
                inode: 175,
                path: vec![]
            }
        );
        assert_eq!(v[1].path, b"/run/systemd/private");
        assert_eq!((v[2].sock_type, v[2].inode), (2, 20336));
        assert_eq!(v[2].path, b"@/tmp/.X11-unix/X0");
        assert_eq!(v[3].sock_type, 5);
        assert_eq!(v[3].path, b"@abs@with@nuls");
        assert_eq!(v[4].path, b"/tmp/with space");
    }

    #[test]
    fn newline_in_path_continuation_is_skipped() {
        let data =
            format!("{HEAD}0000000012345678: 00000002 00000000 00010000 0001 01 9 /tmp/a\nb\n");
        let v = parse(data.as_bytes()).unwrap();
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].path, b"/tmp/a");
    }

    #[test]
    fn garbage_is_an_error() {
        for bad in [
            "0000: 00000002 00000000 00010000 0001 01\n",
            "0000: 00000002 00000000 00010000 zz 01 5\n",
            "0000: 00000002 00000000 00010000 0001 01 x5\n",
        ] {
            let e = parse(format!("{HEAD}{bad}").as_bytes()).unwrap_err();
            assert!(e.to_string().contains("net/unix line 2"), "{e}");
        }
        assert!(parse(b"").unwrap().is_empty());
        let full = format!("{HEAD}0000000012345678: 00000002 00000000 00010000 0001 01 20335 /x\n");
        for i in 0..full.len() {
            let _ = parse(&full.as_bytes()[..i]);
        }
    }
}
