//! The `sysctl(CTL_KERN, KERN_PROCARGS2, pid)` buffer: `int argc`, the executable
//! path (NUL-terminated, then NUL padding), `argc` NUL-terminated arguments, then the
//! environment strings up to an empty one (the "apple" strings that follow are not the
//! environment). psutil's source for cmdline and environ on macOS.

use indexmap::IndexMap;

use crate::error::{Error, Result};
use crate::parse::bytes::i32_at;

/// The decoded argument block.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct ProcArgs {
    /// The executable path the kernel recorded at exec.
    pub exec_path: Vec<u8>,
    /// `argv`, as many strings as the block holds up to `argc`.
    pub argv: Vec<Vec<u8>>,
    /// The environment strings (`KEY=value`), in order.
    pub env: Vec<Vec<u8>>,
}

/// Decodes a `KERN_PROCARGS2` buffer. Fewer than 4 bytes is an error; a block cut
/// short gives the strings it holds.
pub fn parse(b: &[u8]) -> Result<ProcArgs> {
    let argc = i32_at(b, 0).ok_or_else(|| Error::parse("KERN_PROCARGS2", None, "no argc"))?;
    let argc = usize::try_from(argc).unwrap_or(0);
    let rest = b.get(4..).unwrap_or_default();
    // The executable path, then its NUL padding.
    let path_end = rest.iter().position(|c| *c == 0).unwrap_or(rest.len());
    let exec_path = rest.get(..path_end).unwrap_or_default().to_vec();
    let mut pos = path_end;
    while rest.get(pos) == Some(&0) {
        pos += 1;
    }
    let mut strings = rest.get(pos..).unwrap_or_default().split(|c| *c == 0);
    let mut argv = Vec::with_capacity(argc.min(4096));
    for _ in 0..argc {
        match strings.next() {
            Some(s) => argv.push(s.to_vec()),
            None => break,
        }
    }
    let mut env = Vec::new();
    for s in strings {
        if s.is_empty() {
            break;
        }
        env.push(s.to_vec());
    }
    Ok(ProcArgs {
        exec_path,
        argv,
        env,
    })
}

/// The environment as psutil's `parse_environ_block` keeps it: `KEY=value` strings
/// with a non-empty key, later duplicates replacing earlier ones; others skipped.
pub fn environ_map(env: &[Vec<u8>]) -> IndexMap<Vec<u8>, Vec<u8>> {
    let mut out = IndexMap::new();
    for s in env {
        let Some(eq) = s.iter().position(|c| *c == b'=') else {
            continue;
        };
        if eq == 0 {
            continue;
        }
        let (k, v) = s.split_at(eq);
        out.insert(k.to_vec(), v.get(1..).unwrap_or_default().to_vec());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(argc: i32, body: &[u8]) -> Vec<u8> {
        let mut b = argc.to_le_bytes().to_vec();
        b.extend_from_slice(body);
        b
    }

    #[test]
    fn argv_env_and_apple_strings() {
        let b = block(
            2,
            b"/bin/sleep\0\0\0\0sleep\x0010\0PATH=/bin\0=x\0NOEQ\0HOME=/\0\0ptr_munge=1\0",
        );
        let a = parse(&b).unwrap();
        assert_eq!(a.exec_path, b"/bin/sleep");
        assert_eq!(a.argv, [b"sleep".to_vec(), b"10".to_vec()]);
        assert_eq!(a.env.len(), 4);
        let m = environ_map(&a.env);
        assert_eq!(m.len(), 2);
        assert_eq!(m.get(&b"PATH".to_vec()), Some(&b"/bin".to_vec()));
        assert_eq!(m.get(&b"HOME".to_vec()), Some(&b"/".to_vec()));
    }

    #[test]
    fn truncated_and_garbage() {
        assert!(parse(&[1, 0]).is_err());
        let a = parse(&block(5, b"/x\0a\0b")).unwrap();
        assert_eq!(a.argv, [b"a".to_vec(), b"b".to_vec()]);
        let a = parse(&block(-3, b"/x\0")).unwrap();
        assert!(a.argv.is_empty() && a.env.is_empty());
        let a = parse(&block(i32::MAX, b"")).unwrap();
        assert!(a.exec_path.is_empty());
    }
}
