//! The descriptor table (`kern.proc.filedesc`, what libutil's `kinfo_getfile` reads)
//! and the address space (`kern.proc.vmmap`, `kinfo_getvmmap`): `cwd`, `num_fds`,
//! `open_files`, `net_connections`, `memory_maps`.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::PathBuf;

use indexmap::IndexMap;

use super::super::net::sockets::{connection, TcpStates};
use super::calls;
use super::types::{MemoryMap, MemoryMapExt, OpenFile, ProcessConnection};
use crate::error::Result;
use crate::net::kind::ConnectionKind;
use crate::parse::freebsd::kinfo_file::{self, KinfoFile, KF_FD_TYPE_CWD};
use crate::parse::freebsd::kinfo_vmentry;
use crate::process::Process;

impl Process {
    /// The descriptor table, with psutil's errors.
    fn files(&self) -> Result<Vec<KinfoFile>> {
        let buf = self.call(calls::filedesc(self.pid), "sysctl kern.proc.filedesc")?;
        kinfo_file::parse(&buf)
    }
}

/// The `KF_FD_TYPE_CWD` entry's path; empty when there is none (as psutil).
pub(crate) fn cwd(p: &Process) -> Result<PathBuf> {
    Ok(p.files()?
        .into_iter()
        .find(|f| f.fd == KF_FD_TYPE_CWD)
        .map(|f| PathBuf::from(OsString::from_vec(f.path)))
        .unwrap_or_default())
}

/// The number of entries of the descriptor table, as psutil counts `kinfo_getfile`'s
/// entries (the cwd, root and jail pseudo-descriptors included).
pub(crate) fn num_fds(p: &Process) -> Result<usize> {
    Ok(p.files()?.len())
}

/// The regular files open (`KF_TYPE_VNODE` + `KF_VTYPE_VREG`), with their descriptor
/// (the executable's entry included, descriptor -5, as psutil lists it).
pub(crate) fn open_files(p: &Process) -> Result<Vec<OpenFile>> {
    Ok(p.files()?
        .into_iter()
        .filter(KinfoFile::is_regular_file)
        .map(|f| OpenFile {
            path: PathBuf::from(OsString::from_vec(f.path)),
            fd: f.fd,
        })
        .collect())
}

/// The sockets of the descriptor table of the kind asked for, TCP ones with the state
/// of their control block in `net.inet.tcp.pcblist`.
pub(crate) fn net_connections(p: &Process, kind: ConnectionKind) -> Result<Vec<ProcessConnection>> {
    let files = p.files()?;
    let tcp = TcpStates::read(kind);
    Ok(files
        .iter()
        .filter_map(|f| connection(f, kind, &tcp))
        .collect())
}

/// Every mapping of `kern.proc.vmmap`. psutil's `memory_maps(grouped=False)`.
pub(crate) fn memory_maps_ungrouped(p: &Process) -> Result<Vec<MemoryMapExt>> {
    let buf = p.call(calls::vmmap(p.pid), "sysctl kern.proc.vmmap")?;
    let n = |v: i32| u64::try_from(v).unwrap_or(0);
    Ok(kinfo_vmentry::parse(&buf)?
        .into_iter()
        .map(|e| MemoryMapExt {
            addr: e.addr(),
            perms: e.perms(),
            path: PathBuf::from(OsString::from_vec(e.display_path())),
            rss: n(e.resident),
            private: n(e.private_resident),
            ref_count: n(e.ref_count),
            shadow_count: n(e.shadow_count),
        })
        .collect())
}

/// The mappings summed per path, in order of first appearance. psutil's
/// `memory_maps()`.
pub(crate) fn memory_maps(p: &Process) -> Result<Vec<MemoryMap>> {
    let mut by_path: IndexMap<PathBuf, [u64; 4]> = IndexMap::new();
    for m in memory_maps_ungrouped(p)? {
        let e = by_path.entry(m.path).or_default();
        for (t, v) in e
            .iter_mut()
            .zip([m.rss, m.private, m.ref_count, m.shadow_count])
        {
            *t = t.saturating_add(v);
        }
    }
    Ok(by_path
        .into_iter()
        .map(
            |(path, [rss, private, ref_count, shadow_count])| MemoryMap {
                path,
                rss,
                private,
                ref_count,
                shadow_count,
            },
        )
        .collect())
}
