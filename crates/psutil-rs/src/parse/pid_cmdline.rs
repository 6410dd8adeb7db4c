//! `/proc/<pid>/cmdline`: the argument vector, NUL-separated, see proc_pid_cmdline(5).

use std::ffi::OsString;

use crate::error::Result;

/// Splits `/proc/<pid>/cmdline` into arguments with psutil's rules: NUL-separated when
/// the data ends with a NUL, otherwise space-separated (programs that rewrite their
/// title with `setproctitle` often use spaces); one trailing separator is dropped; and a
/// NUL-terminated single argument that contains spaces is split on spaces too. Empty data
/// gives an empty list. Bytes are kept as they are.
pub fn parse(data: &[u8]) -> Result<Vec<OsString>> {
    if data.is_empty() {
        return Ok(Vec::new());
    }
    let sep = if data.ends_with(b"\0") { b'\0' } else { b' ' };
    let data = data.strip_suffix(&[sep]).unwrap_or(data);
    let mut args: Vec<&[u8]> = data.split(|&c| c == sep).collect();
    if sep == b'\0' && args.len() == 1 && data.contains(&b' ') {
        args = data.split(|&c| c == b' ').collect();
    }
    Ok(args
        .into_iter()
        .map(|a| crate::sys::os_str::from_vec(a.to_vec()))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(data: &[u8]) -> Vec<String> {
        parse(data)
            .unwrap()
            .into_iter()
            .map(|s| s.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn rules() {
        assert_eq!(p(b"sleep\x0030\x00"), ["sleep", "30"]);
        assert_eq!(p(b"a\x00\x00b\x00"), ["a", "", "b"]);
        assert_eq!(p(b"chrome --type=renderer"), ["chrome", "--type=renderer"]);
        assert_eq!(
            p(b"chrome --type=renderer \x00"),
            ["chrome", "--type=renderer", ""]
        );
        assert_eq!(
            p(b"nginx: worker process\x00"),
            ["nginx:", "worker", "process"]
        );
        assert_eq!(p(b"x"), ["x"]);
        assert!(p(b"").is_empty());
        assert_eq!(p(b"\x00"), [""]);
    }

    #[test]
    fn non_utf8_kept() {
        let v = parse(b"a\xff\x00b\x00").unwrap();
        assert_eq!(v[0], crate::sys::os_str::from_vec(b"a\xff".to_vec()));
    }
}
