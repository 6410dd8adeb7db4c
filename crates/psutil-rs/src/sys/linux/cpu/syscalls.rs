#![allow(unsafe_code)]
//! CPU-related syscalls.

/// `sysconf(_SC_NPROCESSORS_ONLN)`: the online CPUs (glibc reads
/// `/sys/devices/system/cpu/online`). `None` when sysconf fails or reports < 1.
pub(crate) fn nprocessors_onln() -> Option<usize> {
    // SAFETY: sysconf takes an integer name, has no pointer arguments and no
    // preconditions; an unknown name returns -1.
    let n = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) };
    usize::try_from(n).ok().filter(|n| *n >= 1)
}

/// The 1, 5 and 15 minute load averages from `sysinfo(2)`, as glibc's `getloadavg(3)`
/// (and so Python's `os.getloadavg()`) computes them: the kernel's fixed-point values
/// divided by 2^16, with more precision than `/proc/loadavg` prints.
pub(crate) fn loadavg_sysinfo() -> [f64; 3] {
    let si = rustix::system::sysinfo();
    si.loads.map(|l| l as f64 / 65536.0)
}
