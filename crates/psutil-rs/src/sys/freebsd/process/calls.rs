//! The per-process sysctls of psutil's FreeBSD backend (`kern.proc.<what>.<pid>`), as
//! raw bytes with the call's errno; [`handle`](super::handle) maps the errors to
//! psutil's kinds and [`crate::parse::freebsd`] decodes the bytes.

use std::io;

use super::super::sysctl;
use crate::error::Pid;

/// A raw call's result: the errno on failure.
pub(crate) type Raw = io::Result<Vec<u8>>;

fn pid_arg(pid: Pid) -> io::Result<libc::c_int> {
    libc::c_int::try_from(pid).map_err(|_| io::Error::from_raw_os_error(libc::ESRCH))
}

/// `kern.proc.<what>.<pid>`.
fn proc_mib(what: libc::c_int, pid: Pid) -> io::Result<[libc::c_int; 4]> {
    Ok([libc::CTL_KERN, libc::KERN_PROC, what, pid_arg(pid)?])
}

/// `kern.proc.pid.<pid>`: one `kinfo_proc` (empty when there is no such process).
pub(crate) fn kinfo(pid: Pid) -> Raw {
    sysctl::by_mib(&proc_mib(libc::KERN_PROC_PID, pid)?)
}

/// `kern.proc.pid.<pid>` with `KERN_PROC_INC_THREAD`: one `kinfo_proc` per thread.
pub(crate) fn kinfo_threads(pid: Pid) -> Raw {
    sysctl::by_mib(&proc_mib(
        libc::KERN_PROC_PID | libc::KERN_PROC_INC_THREAD,
        pid,
    )?)
}

/// `kern.proc.proc`: one `kinfo_proc` per process (no threads).
pub(crate) fn kinfo_all() -> Raw {
    sysctl::by_mib(&[libc::CTL_KERN, libc::KERN_PROC, libc::KERN_PROC_PROC, 0])
}

/// `kern.proc.args.<pid>`: the NUL-separated arguments.
pub(crate) fn args(pid: Pid) -> Raw {
    sysctl::by_mib(&proc_mib(libc::KERN_PROC_ARGS, pid)?)
}

/// `kern.proc.env.<pid>`: the NUL-separated `NAME=value` strings.
pub(crate) fn env(pid: Pid) -> Raw {
    sysctl::by_mib(&proc_mib(libc::KERN_PROC_ENV, pid)?)
}

/// `kern.proc.pathname.<pid>`: the executable's path, NUL-terminated.
pub(crate) fn pathname(pid: Pid) -> Raw {
    sysctl::by_mib(&proc_mib(libc::KERN_PROC_PATHNAME, pid)?)
}

/// `kern.proc.filedesc.<pid>`: the packed `kinfo_file` records.
pub(crate) fn filedesc(pid: Pid) -> Raw {
    sysctl::by_mib(&proc_mib(libc::KERN_PROC_FILEDESC, pid)?)
}

/// `kern.proc.vmmap.<pid>`: the packed `kinfo_vmentry` records.
pub(crate) fn vmmap(pid: Pid) -> Raw {
    sysctl::by_mib(&proc_mib(libc::KERN_PROC_VMMAP, pid)?)
}

/// `kern.proc.rlimit.<pid>.<resource>`: one `struct rlimit`.
pub(crate) fn rlimit(pid: Pid, resource: i32) -> Raw {
    let [a, b, c, d] = proc_mib(libc::KERN_PROC_RLIMIT, pid)?;
    sysctl::by_mib_fixed(
        &[a, b, c, d, resource],
        crate::parse::freebsd::values::RLIMIT_LEN,
    )
}

/// Writes `kern.proc.rlimit.<pid>.<resource>`.
pub(crate) fn set_rlimit(pid: Pid, resource: i32, value: &[u8]) -> io::Result<()> {
    let [a, b, c, d] = proc_mib(libc::KERN_PROC_RLIMIT, pid)?;
    sysctl::set_by_mib(&[a, b, c, d, resource], value)
}
