//! `cpu_count()` on macOS: `sysctlbyname("hw.logicalcpu")` and `("hw.physicalcpu")`.

use super::super::sysctl;

/// A positive count from a sysctl, `None` otherwise (psutil's "values < 1 become None").
fn count(name: &str) -> Option<usize> {
    let n = sysctl::uint_by_name(name).ok()?;
    usize::try_from(n).ok().filter(|n| *n >= 1)
}

/// `cpu_count()`: `hw.logicalcpu`.
pub(crate) fn cpu_count() -> Option<usize> {
    count("hw.logicalcpu")
}

/// `cpu_count(logical=False)`: `hw.physicalcpu`.
pub(crate) fn cpu_count_physical() -> Option<usize> {
    count("hw.physicalcpu")
}
