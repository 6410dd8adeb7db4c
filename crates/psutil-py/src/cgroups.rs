//! Control groups and pressure stall information (`psutil_rs.cgroups`, an extension
//! beyond psutil): plain tuples that `python/psutil_rs/cgroups.py` turns into named
//! tuples (paths as `str`, undecodable bytes kept as surrogate escapes, as `os.fsdecode`).
//! A limit is its number, or -1 when unlimited (as psutil's `RLIM_INFINITY`).

use std::ffi::OsString;
use std::sync::Arc;

use pyo3::prelude::*;

use psutil_rs::os::linux::{
    Cgroup, CgroupLayout, CgroupLimit, CgroupVersion, Pressure, PressureLine, Pressures, Root,
};
use psutil_rs::Pid;

use crate::errors::IntoPy;
use crate::root::root;

/// scgroup's values: hierarchy id, controllers, path, version, directory.
type Membership = (u32, Vec<String>, OsString, &'static str, Option<OsString>);
/// spsi's values: avg10, avg60, avg300, total (µs).
type Line = (f64, f64, f64, u64);
/// spressure's values: some, full.
type Psi = Option<(Option<Line>, Option<Line>)>;
/// spressures's values: cpu, memory, io, irq.
type Psis = (Psi, Psi, Psi, Psi);
/// scgcpu's values.
type Cpu = (
    Option<i128>,
    Option<u64>,
    Option<u64>,
    Option<u64>,
    Option<Vec<u32>>,
    Option<u64>,
    Option<u64>,
    Option<u64>,
    Option<u64>,
    Option<u64>,
    Option<u64>,
);
/// scgmemory's values.
type Memory = (
    Option<i128>,
    Option<i128>,
    Option<i128>,
    Option<u64>,
    Option<u64>,
    Option<u64>,
    Option<u64>,
    Option<u64>,
    Option<u64>,
    Option<u64>,
    Option<u64>,
    Option<u64>,
);
/// sioMax's values: major, minor, rbps, wbps, riops, wiops.
type IoMaxT = (u32, u32, i128, i128, i128, i128);
/// siostat's values: major, minor, rbytes, wbytes, rios, wios, dbytes, dios.
type IoStatT = (u32, u32, u64, u64, u64, u64, Option<u64>, Option<u64>);
/// scgroupinfo's values.
type View = (
    Pid,
    &'static str,
    Option<OsString>,
    Cpu,
    Memory,
    (Option<u64>, Option<i128>),
    (Option<Vec<IoMaxT>>, Option<Vec<IoStatT>>),
    Psis,
);

/// The root for one call: a fixture tree (the tests' private hook) or `PROCFS_PATH`'s.
fn pick(procfs: &str, tree: Option<&str>) -> Arc<Root> {
    match tree {
        Some(dir) => Arc::new(Root::under(dir)),
        None => root(procfs),
    }
}

/// A limit as Python sees it: the number, or -1 for unlimited.
fn limit(l: CgroupLimit) -> i128 {
    match l {
        CgroupLimit::Unlimited => -1,
        CgroupLimit::Limited(v) => i128::from(v),
    }
}

fn line(l: PressureLine) -> Line {
    (l.avg10, l.avg60, l.avg300, l.total)
}

fn psi(p: Option<Pressure>) -> Psi {
    p.map(|p| (p.some.map(line), p.full.map(line)))
}

fn psis(p: Pressures) -> Psis {
    (psi(p.cpu), psi(p.memory), psi(p.io), psi(p.irq))
}

fn version(v: CgroupVersion) -> &'static str {
    match v {
        CgroupVersion::V1 => "v1",
        CgroupVersion::V2 => "v2",
    }
}

fn layout(l: CgroupLayout) -> &'static str {
    match l {
        CgroupLayout::V1 => "v1",
        CgroupLayout::V2 => "v2",
        CgroupLayout::Hybrid => "hybrid",
    }
}

fn view(c: Cgroup) -> View {
    let cpu = c.cpu;
    let m = c.memory;
    (
        c.pid,
        layout(c.layout),
        c.path.map(|p| p.into_os_string()),
        (
            cpu.quota.map(|q| limit(q.quota_us)),
            cpu.quota.map(|q| q.period_us),
            cpu.weight,
            cpu.shares,
            cpu.cpuset,
            cpu.usage_usec,
            cpu.user_usec,
            cpu.system_usec,
            cpu.nr_periods,
            cpu.nr_throttled,
            cpu.throttled_usec,
        ),
        (
            m.limit.map(limit),
            m.high.map(limit),
            m.swap_limit.map(limit),
            m.current,
            m.swap_current,
            m.anon,
            m.file,
            m.kernel,
            m.shmem,
            m.inactive_file,
            m.oom,
            m.oom_kill,
        ),
        (c.pids.current, c.pids.max.map(limit)),
        (
            c.io.max.map(|v| {
                v.into_iter()
                    .map(|d| {
                        (
                            d.major,
                            d.minor,
                            limit(d.rbps),
                            limit(d.wbps),
                            limit(d.riops),
                            limit(d.wiops),
                        )
                    })
                    .collect()
            }),
            c.io.stat.map(|v| {
                v.into_iter()
                    .map(|d| {
                        (
                            d.major, d.minor, d.rbytes, d.wbytes, d.rios, d.wios, d.dbytes, d.dios,
                        )
                    })
                    .collect()
            }),
        ),
        psis(c.pressure),
    )
}

/// `/proc/<pid>/cgroup` resolved through the mount table, as scgroup values.
#[pyfunction]
#[pyo3(signature = (pid, procfs, tree=None))]
fn cgroup_memberships(
    py: Python<'_>,
    pid: Pid,
    procfs: &str,
    tree: Option<&str>,
) -> PyResult<Vec<Membership>> {
    let r = pick(procfs, tree);
    let v = py.detach(|| r.cgroups(pid)).py_err(py)?;
    Ok(v.into_iter()
        .map(|m| {
            (
                m.hierarchy_id,
                m.controllers,
                m.path.into_os_string(),
                version(m.version),
                m.dir.map(|d| d.into_os_string()),
            )
        })
        .collect())
}

/// The cgroup view of a process (effective limits, usage, pressure).
#[pyfunction]
#[pyo3(signature = (pid, procfs, tree=None))]
fn cgroup(py: Python<'_>, pid: Pid, procfs: &str, tree: Option<&str>) -> PyResult<View> {
    let r = pick(procfs, tree);
    let c = py.detach(|| r.cgroup(pid)).py_err(py)?;
    Ok(view(c))
}

/// System-wide pressure stall information (`/proc/pressure/*`).
#[pyfunction]
#[pyo3(signature = (procfs, tree=None))]
fn pressure(py: Python<'_>, procfs: &str, tree: Option<&str>) -> PyResult<Psis> {
    let r = pick(procfs, tree);
    let p = py.detach(|| r.pressure()).py_err(py)?;
    Ok(psis(p))
}

/// The CPUs a process can really use (affinity, cgroup quota, cpuset).
#[pyfunction]
#[pyo3(signature = (pid, procfs, tree=None))]
fn cpu_count_effective(
    py: Python<'_>,
    pid: Pid,
    procfs: &str,
    tree: Option<&str>,
) -> PyResult<usize> {
    let r = pick(procfs, tree);
    py.detach(|| r.cpu_count_effective(pid)).py_err(py)
}

/// Memory as a process in its cgroup can use it, as seffmem values.
#[pyfunction]
#[pyo3(signature = (pid, procfs, tree=None))]
fn virtual_memory_effective(
    py: Python<'_>,
    pid: Pid,
    procfs: &str,
    tree: Option<&str>,
) -> PyResult<(u64, u64, f64, u64, u64, Option<u64>)> {
    let r = pick(procfs, tree);
    let m = py.detach(|| r.virtual_memory_effective(pid)).py_err(py)?;
    Ok((m.total, m.available, m.percent, m.used, m.free, m.limit))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(cgroup_memberships, m)?)?;
    m.add_function(wrap_pyfunction!(cgroup, m)?)?;
    m.add_function(wrap_pyfunction!(pressure, m)?)?;
    m.add_function(wrap_pyfunction!(cpu_count_effective, m)?)?;
    m.add_function(wrap_pyfunction!(virtual_memory_effective, m)?)?;
    Ok(())
}
