//! Where a controller's files are read from, and the walk up its ancestors.

use std::path::{Path, PathBuf};

use super::membership::Resolved;
use super::types::{CgroupLimit, CgroupVersion};
use crate::error::{Error, Result};
use crate::parse::cgroup::limit;
use crate::sys;

/// The directory of one controller for one process: the cgroup's own directory and
/// the mount point that bounds the walk up its ancestors.
pub(super) struct Ctl {
    pub version: CgroupVersion,
    pub dir: PathBuf,
    pub top: PathBuf,
}

/// The directory that holds controller `name`'s files: its v1 hierarchy when the
/// process has one listing that controller (`None` if it is not mounted here), else the
/// v2 unified hierarchy.
pub(super) fn controller(members: &[Resolved], name: &str) -> Option<Ctl> {
    let v1 = members
        .iter()
        .find(|(m, _)| m.version == CgroupVersion::V1 && m.controllers.iter().any(|c| c == name));
    let (m, top) = match v1 {
        Some(found) => found,
        None => members
            .iter()
            .find(|(m, _)| m.version == CgroupVersion::V2)?,
    };
    Some(Ctl {
        version: m.version,
        dir: m.dir.clone()?,
        top: top.clone()?,
    })
}

/// The v2 unified directory of the process, if mounted here.
pub(super) fn unified(members: &[Resolved]) -> Option<Ctl> {
    let (m, top) = members
        .iter()
        .find(|(m, _)| m.version == CgroupVersion::V2)?;
    Some(Ctl {
        version: CgroupVersion::V2,
        dir: m.dir.clone()?,
        top: top.clone()?,
    })
}

/// Reads `path`; `None` when the file is absent or the kernel does not support reading
/// it (`EOPNOTSUPP`: PSI disabled with `psi=0`; `ENODEV`).
pub(super) fn read_opt(path: &Path) -> Result<Option<Vec<u8>>> {
    match sys::fs::read(path) {
        Ok(d) => Ok(Some(d)),
        Err(Error::NotFound { .. }) => Ok(None),
        Err(e)
            if matches!(
                e.raw_os_error(),
                Some(libc::EOPNOTSUPP | libc::ENODEV | libc::ENOENT)
            ) =>
        {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// Reads and parses `path`, `None` when absent (see [`read_opt`]); a parse error names
/// the full path.
pub(super) fn parse_opt<T>(
    path: &Path,
    parser: impl FnOnce(&[u8]) -> Result<T>,
) -> Result<Option<T>> {
    match read_opt(path)? {
        Some(d) => parser(&d).map(Some).map_err(|e| e.at_path(path)),
        None => Ok(None),
    }
}

impl Ctl {
    /// `<dir>/<name>`.
    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// The cgroup's own file `name`, parsed; `None` when absent.
    pub fn own<T>(&self, name: &str, parser: impl FnOnce(&[u8]) -> Result<T>) -> Result<Option<T>> {
        parse_opt(&self.file(name), parser)
    }

    /// The cgroup's own counter file `name`.
    pub fn value(&self, name: &str) -> Result<Option<u64>> {
        self.own(name, limit::parse_value)
    }

    /// The cgroup's directory and each ancestor up to the mount point, innermost first.
    pub fn chain(&self) -> Vec<PathBuf> {
        let mut out = vec![self.dir.clone()];
        let mut p = self.dir.as_path();
        while p != self.top {
            match p.parent() {
                Some(parent) if parent.starts_with(&self.top) => {
                    out.push(parent.to_path_buf());
                    p = parent;
                }
                _ => break,
            }
        }
        out
    }

    /// The parsed file `name` of every directory of [`chain`](Ctl::chain) that has it,
    /// innermost first; `None` when the cgroup's own file is absent.
    pub fn each<T>(
        &self,
        name: &str,
        parser: impl Fn(&[u8]) -> Result<T>,
    ) -> Result<Option<Vec<T>>> {
        let mut out = Vec::new();
        for (i, dir) in self.chain().iter().enumerate() {
            match parse_opt(&dir.join(name), &parser)? {
                Some(v) => out.push(v),
                None if i == 0 => return Ok(None),
                None => {}
            }
        }
        Ok(Some(out))
    }

    /// The tightest limit of file `name` among the cgroup and its ancestors; `None`
    /// when the cgroup's own file is absent.
    pub fn limit(&self, name: &str) -> Result<Option<CgroupLimit>> {
        Ok(self
            .each(name, limit::parse)?
            .map(|v| v.into_iter().fold(CgroupLimit::Unlimited, CgroupLimit::min)))
    }
}
