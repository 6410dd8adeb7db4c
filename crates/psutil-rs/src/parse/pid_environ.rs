//! `/proc/<pid>/environ`: the initial environment, `KEY=value` entries separated by NULs.

use std::ffi::OsString;

use indexmap::IndexMap;

use crate::error::Result;

/// Parses an environment block as psutil does: stop at an empty entry (a leading or
/// double NUL) or at data without a final NUL; skip entries without `=` or with an
/// empty name; a repeated name keeps its first place and its last value, as in
/// psutil's dict. The map lists the variables in the order of the block. Bytes are
/// kept as they are.
pub fn parse(data: &[u8]) -> Result<IndexMap<OsString, OsString>> {
    let mut out = IndexMap::new();
    let mut rest = data;
    while let Some(end) = rest.iter().position(|&c| c == 0) {
        if end == 0 {
            break;
        }
        let (entry, tail) = rest.split_at(end);
        if let Some(eq) = entry.iter().position(|&c| c == b'=') {
            if eq > 0 {
                let (k, v) = entry.split_at(eq);
                out.insert(
                    crate::sys::os_str::from_vec(k.to_vec()),
                    crate::sys::os_str::from_vec(v.get(1..).unwrap_or_default().to_vec()),
                );
            }
        }
        rest = tail.get(1..).unwrap_or_default();
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environ() {
        let e = parse(b"A=1\x00B=x=y\x00noeq\x00=z\x00A=2\x00\x00C=3\x00").unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!(e[&OsString::from("A")], "2");
        assert_eq!(e[&OsString::from("B")], "x=y");
        assert!(parse(b"").unwrap().is_empty());
        assert!(parse(b"\x00A=1\x00").unwrap().is_empty());
        // No trailing NUL: the unterminated entry is dropped, as psutil does.
        assert!(parse(b"A=1").unwrap().is_empty());
        let keys = |e: &IndexMap<OsString, OsString>| -> Vec<String> {
            e.keys().map(|k| k.to_string_lossy().into_owned()).collect()
        };
        assert_eq!(keys(&e), ["A", "B"]);
        // File order, not sorted; a repeated name stays where it first appeared.
        let e = parse(b"Z=1\x00A=2\x00M=3\x00Z=4\x00").unwrap();
        assert_eq!(keys(&e), ["Z", "A", "M"]);
        assert_eq!(e[&OsString::from("Z")], "4");
        let e = parse(b"K=\xff\x00").unwrap();
        assert_eq!(
            e[&OsString::from("K")],
            crate::sys::os_str::from_vec(b"\xff".to_vec())
        );
    }
}
