//! `/etc/passwd`: the local user database, `name:pw:uid:gid:gecos:home:shell` lines.

use super::fields::{lines, parse_u64};
use crate::error::Result;

/// The name of the first user with this uid, or `None`. Comment lines, NIS `+`/`-`
/// entries and malformed lines are skipped.
pub fn user_name(data: &[u8], uid: u32) -> Result<Option<Vec<u8>>> {
    for (_, line) in lines(data) {
        if line.starts_with(b"#") || line.starts_with(b"+") || line.starts_with(b"-") {
            continue;
        }
        let mut f = line.split(|&c| c == b':');
        let (Some(name), Some(_), Some(id)) = (f.next(), f.next(), f.next()) else {
            continue;
        };
        if !name.is_empty() && parse_u64(id) == Some(u64::from(uid)) {
            return Ok(Some(name.to_vec()));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup() {
        let d =
            b"# c\nroot:x:0:0:root:/root:/bin/bash\nbad\nnobody:x:65534:65534::/:/sbin/nologin\n";
        assert_eq!(user_name(d, 0).unwrap().as_deref(), Some(&b"root"[..]));
        assert_eq!(
            user_name(d, 65534).unwrap().as_deref(),
            Some(&b"nobody"[..])
        );
        assert_eq!(user_name(d, 1).unwrap(), None);
        assert_eq!(user_name(b"", 0).unwrap(), None);
    }
}
