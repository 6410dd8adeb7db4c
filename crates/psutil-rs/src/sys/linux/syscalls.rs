//! Small syscalls and system constants.

/// `sysconf(_SC_PAGESIZE)`.
pub(crate) fn page_size() -> u64 {
    rustix::param::page_size() as u64
}

/// `sysconf(_SC_CLK_TCK)`: the unit of the times in /proc/stat and /proc/<pid>/stat.
pub(crate) fn clock_ticks() -> u64 {
    rustix::param::clock_ticks_per_second()
}

/// Swap totals from `sysinfo(2)`: `(total, free)` in bytes. The fields are the
/// kernel's `unsigned long` (32-bit on i686, where `mem_unit` scales them past 4 GiB),
/// so they are widened before the multiplication.
pub(crate) fn sysinfo_swap() -> (u64, u64) {
    let si = rustix::system::sysinfo();
    let unit = u64::from(si.mem_unit.max(1));
    #[allow(clippy::useless_conversion)] // u64 already on 64-bit targets
    let (total, free) = (u64::from(si.totalswap), u64::from(si.freeswap));
    (total.saturating_mul(unit), free.saturating_mul(unit))
}

/// The soft `RLIMIT_NOFILE` of this process (`getrlimit(2)`); `None` for unlimited.
pub(crate) fn nofile_soft() -> Option<u64> {
    rustix::process::getrlimit(rustix::process::Resource::Nofile).current
}

/// `clock_gettime(CLOCK_MONOTONIC)` in seconds: the clock of Python's
/// `time.monotonic()`.
pub(crate) fn monotonic() -> f64 {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::Monotonic);
    t.tv_sec as f64 + t.tv_nsec as f64 / 1e9
}
