//! Flat keyed cgroup files: one `key value` pair per line. v2: `cpu.stat`
//! (`usage_usec`, `user_usec`, `system_usec`, `nr_periods`, `nr_throttled`,
//! `throttled_usec`), `memory.stat`, `memory.events` (`oom`, `oom_kill`); v1:
//! `cpu.stat` (`throttled_time` in ns), `cpuacct.stat` (`user`, `system` in USER_HZ
//! ticks), `memory.stat` (`rss`, `cache`, `shmem`, `total_inactive_file`, ...),
//! `memory.oom_control` (`oom_kill_disable`, `under_oom`, `oom_kill` since 4.13).

use super::shown;
use crate::error::{Error, Result};
use crate::parse::fields::{lines, parse_u64, words};

/// The pairs of a flat keyed file, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Keyed {
    /// Every `(key, value)` pair.
    pub pairs: Vec<(String, u64)>,
}

impl Keyed {
    /// The value of `key`, `None` when the file has no such line.
    pub fn get(&self, key: &str) -> Option<u64> {
        self.pairs.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
    }
}

/// Parses a flat keyed file. A line that is not a word and an unsigned number is an
/// error naming the line.
pub fn parse(data: &[u8]) -> Result<Keyed> {
    let mut pairs = Vec::new();
    for (n, line) in lines(data) {
        let bad = || {
            Error::parse(
                "cgroup keyed file",
                Some(n),
                format!("not a 'key value' line: {:?}", shown(line)),
            )
        };
        let mut w = words(line);
        let (Some(key), Some(value), None) = (w.next(), w.next(), w.next()) else {
            if words(line).next().is_none() {
                continue;
            }
            return Err(bad());
        };
        let key = std::str::from_utf8(key).map_err(|_| bad())?;
        pairs.push((key.to_owned(), parse_u64(value).ok_or_else(bad)?));
    }
    Ok(Keyed { pairs })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stat() {
        let k = parse(b"usage_usec 120\nuser_usec 100\nsystem_usec 20\nnr_periods 0\n").unwrap();
        assert_eq!(k.get("usage_usec"), Some(120));
        assert_eq!(k.get("system_usec"), Some(20));
        assert_eq!(k.get("throttled_usec"), None);
        assert_eq!(k.pairs.len(), 4);
        assert!(parse(b"").unwrap().pairs.is_empty());
    }

    #[test]
    fn garbage() {
        for bad in [&b"a"[..], b"a b", b"a 1 2", b"a -1", b"\xff 1"] {
            let e = parse(bad).unwrap_err().to_string();
            assert!(e.contains("line 1"), "{e}");
        }
    }
}
