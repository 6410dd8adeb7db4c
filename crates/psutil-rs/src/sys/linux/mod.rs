//! The Linux backend.

pub(crate) mod fs;
pub(crate) mod syscalls;

#[allow(unused_imports)] // used as the areas land
pub(crate) use syscalls::{clock_ticks, page_size, sysinfo_swap};

/// Default locations of the kernel's pseudo-filesystems and friends.
pub(crate) struct Dirs {
    pub proc: &'static str,
    pub sys: &'static str,
    pub dev: &'static str,
    pub etc: &'static str,
    pub run: &'static str,
}

/// The one place where the literal `/proc` (and `/sys`, …) is written.
pub(crate) const DEFAULT_DIRS: Dirs = Dirs {
    proc: "/proc",
    sys: "/sys",
    dev: "/dev",
    etc: "/etc",
    run: "/run",
};
// process
pub(crate) mod process;
