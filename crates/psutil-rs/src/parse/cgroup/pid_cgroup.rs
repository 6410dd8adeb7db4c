//! `/proc/<pid>/cgroup`: the control groups a process belongs to, one line per
//! hierarchy: `hierarchy-ID:controller-list:cgroup-path` (see cgroups(7)).
//!
//! cgroup v1 lines have a hierarchy id ≥ 1 and the hierarchy's controllers
//! (`4:memory:/docker/abc`, `2:cpu,cpuacct:/`, `1:name=systemd:/init.scope`); the v2
//! (unified) line is `0::/path`. Inside a cgroup namespace a path outside the
//! namespace's root starts with `/..`. The path is the rest of the line after the second
//! colon, so it may itself contain colons; its bytes are kept as they are.

use super::shown;
use crate::error::{Error, Result};
use crate::parse::fields::{lines, parse_u64, split_once};

const FILE: &str = "cgroup";

/// One line of `/proc/<pid>/cgroup`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PidCgroup {
    /// The hierarchy id (0 for the v2 unified hierarchy; the first column of
    /// `/proc/cgroups` for v1).
    pub hierarchy_id: u32,
    /// The v1 controllers bound to the hierarchy (`cpu`, `cpuacct`, `name=systemd`);
    /// empty for v2.
    pub controllers: Vec<String>,
    /// The cgroup's path relative to the hierarchy's root (or to the cgroup namespace's
    /// root), as printed.
    pub path: Vec<u8>,
}

impl PidCgroup {
    /// True for the v2 (unified) hierarchy line `0::<path>`.
    pub fn is_v2(&self) -> bool {
        self.hierarchy_id == 0 && self.controllers.is_empty()
    }
}

/// Parses `/proc/<pid>/cgroup`. A line without two colons, a hierarchy id that is not
/// a number, or a path that does not start with `/` is an error naming the line.
pub fn parse(data: &[u8]) -> Result<Vec<PidCgroup>> {
    let mut out = Vec::new();
    for (n, line) in lines(data) {
        let bad = |what: &str| Error::parse(FILE, Some(n), format!("{what} in {:?}", shown(line)));
        let (id, rest) = split_once(line, b':').ok_or_else(|| bad("no ':'"))?;
        let (ctrls, path) = split_once(rest, b':').ok_or_else(|| bad("no second ':'"))?;
        let hierarchy_id = parse_u64(id)
            .and_then(|v| u32::try_from(v).ok())
            .ok_or_else(|| bad("bad hierarchy id"))?;
        if path.first() != Some(&b'/') {
            return Err(bad("path not starting with '/'"));
        }
        let ctrls = std::str::from_utf8(ctrls).map_err(|_| bad("non-UTF-8 controller"))?;
        out.push(PidCgroup {
            hierarchy_id,
            controllers: ctrls
                .split(',')
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect(),
            path: path.to_vec(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hybrid() {
        let v = parse(b"9:name=systemd:/\n4:memory:/process_api/7b59\n2:cpu,cpuacct:/a:b\n0::/\n")
            .unwrap();
        assert_eq!(v.len(), 4);
        assert_eq!(v[0].controllers, ["name=systemd"]);
        assert_eq!(v[1].hierarchy_id, 4);
        assert_eq!(v[1].path, b"/process_api/7b59");
        assert_eq!(v[2].controllers, ["cpu", "cpuacct"]);
        assert_eq!(v[2].path, b"/a:b");
        assert!(v[3].is_v2());
        assert!(!v[1].is_v2());
        assert_eq!(v[3].path, b"/");
    }

    #[test]
    fn garbage() {
        for bad in [
            &b"0:/"[..],
            b"x::/",
            b"1:cpu:rel",
            b"1:\xff:/",
            b"99999999999::/",
        ] {
            let e = parse(bad).unwrap_err().to_string();
            assert!(e.contains("line 1"), "{e}");
        }
        assert!(parse(b"").unwrap().is_empty());
    }
}
