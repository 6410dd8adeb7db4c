//! The cgroup view ([`Cgroup`]) and pressure stall information.

use std::path::{Path, PathBuf};

use super::membership::{cgroup_mounts, read_lines, resolve_full, Resolved};
use super::source::{parse_opt, unified};
use super::types::{Cgroup, CgroupLayout, CgroupVersion, Pressures};
use super::{cpu, io, memory};
use crate::error::{Error, Pid, Result};
use crate::parse::cgroup::pid_cgroup::PidCgroup;
use crate::parse::cgroup::pressure;
use crate::Root;

/// The four pressure files `<dir>/<prefix>{cpu,memory,io,irq}<suffix>`.
fn pressures(dir: &Path, prefix: &str, suffix: &str) -> Result<Pressures> {
    let one = |name: &str| {
        parse_opt(
            &dir.join(format!("{prefix}{name}{suffix}")),
            pressure::parse,
        )
    };
    Ok(Pressures {
        cpu: one("cpu")?,
        memory: one("memory")?,
        io: one("io")?,
        irq: one("irq")?,
    })
}

fn layout(members: &[Resolved]) -> CgroupLayout {
    let v1 = members.iter().any(|(m, _)| m.version == CgroupVersion::V1);
    let v2 = members.iter().any(|(m, _)| m.version == CgroupVersion::V2);
    match (v1, v2) {
        (true, true) => CgroupLayout::Hybrid,
        (true, false) => CgroupLayout::V1,
        _ => CgroupLayout::V2,
    }
}

fn main_path(members: &[Resolved]) -> Option<PathBuf> {
    let by = |f: &dyn Fn(&super::types::CgroupMembership) -> bool| {
        members
            .iter()
            .find(|(m, _)| f(m))
            .map(|(m, _)| m.path.clone())
    };
    by(&|m| m.version == CgroupVersion::V2)
        .or_else(|| by(&|m| m.controllers.iter().any(|c| c == "memory")))
        .or_else(|| members.first().map(|(m, _)| m.path.clone()))
}

/// Builds the view of process `pid` from its `/proc/<pid>/cgroup` lines.
pub(super) fn build(root: &Root, pid: Pid, lines: Vec<PidCgroup>) -> Result<Cgroup> {
    if lines.is_empty() {
        return Err(Error::unsupported(format!(
            "cgroups: /proc/{pid}/cgroup lists no hierarchy"
        )));
    }
    let members = resolve_full(lines, &cgroup_mounts(root)?);
    Ok(Cgroup {
        pid,
        layout: layout(&members),
        path: main_path(&members),
        cpu: cpu::cpu(&members)?,
        memory: memory::memory(&members)?,
        pids: memory::pids(&members)?,
        io: io::io(&members)?,
        pressure: match unified(&members) {
            Some(ctl) => pressures(&ctl.dir, "", ".pressure")?,
            None => Pressures::default(),
        },
    })
}

/// The memberships of `pid` with their mount points, read from `root`.
pub(super) fn members(root: &Root, pid: Pid) -> Result<Vec<Resolved>> {
    Ok(resolve_full(read_lines(root, pid)?, &cgroup_mounts(root)?))
}

impl Root {
    /// The cgroup view of process `pid` read from this root (see [`Cgroup`]):
    /// `<procfs>/<pid>/cgroup`, `<procfs>/self/mountinfo` and the cgroup files under the
    /// mounted hierarchies. Linux only; an extension beyond psutil.
    ///
    /// ```
    /// // a container's process whose CPU quota is set on its parent cgroup only
    /// let root = psutil_rs::os::linux::Root::under(concat!(
    ///     env!("CARGO_MANIFEST_DIR"),
    ///     "/../../fixtures/linux/cgroup-v2"
    /// ));
    /// let c = root.cgroup(1234)?;
    /// assert_eq!(c.cpu.quota.and_then(|q| q.cpus()), Some(2.0));
    /// assert_eq!(c.memory.limit.and_then(|l| l.value()), Some(1 << 30));
    /// # Ok::<(), psutil_rs::Error>(())
    /// ```
    pub fn cgroup(&self, pid: Pid) -> Result<Cgroup> {
        build(self, pid, read_lines(self, pid)?)
    }

    /// System-wide pressure stall information from this root:
    /// `<procfs>/pressure/{cpu,memory,io,irq}` (see [`pressure()`](crate::pressure())).
    pub fn pressure(&self) -> Result<Pressures> {
        pressures(&self.proc_path("pressure"), "", "")
    }
}

/// The cgroup view of the current process (see [`Cgroup`]): its limits, usage and
/// pressure read from `/proc/self/cgroup`, `/proc/self/mountinfo` and the cgroup files.
/// Linux only; an extension beyond psutil.
pub fn cgroup() -> Result<Cgroup> {
    Root::current().cgroup(std::process::id())
}

/// System-wide pressure stall information (PSI, Linux 4.20+):
/// `/proc/pressure/{cpu,memory,io}` and `/proc/pressure/irq` (6.1+). A field is `None`
/// when its file is absent, or PSI is disabled (`psi=0`, `EOPNOTSUPP`). Linux only; an
/// extension beyond psutil.
pub fn pressure() -> Result<Pressures> {
    Root::current().pressure()
}

/// `ProcessExt::cgroup`: the lines read through the process's handle, identity checked
/// again once the files are read.
pub(crate) fn process_cgroup(p: &crate::Process) -> Result<Cgroup> {
    use crate::os::linux::ProcessExt as _;
    let lines = p.read_parse("cgroup", crate::parse::cgroup::pid_cgroup::parse)?;
    let view = build(p.root(), p.pid(), lines)?;
    p.check_not_reused()?;
    Ok(view)
}
