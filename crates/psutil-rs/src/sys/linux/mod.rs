//! The Linux backend.

pub(crate) mod af;
pub(crate) mod ext;
pub(crate) mod fs;
pub(crate) use super::unix::{os_error, os_str};
pub(crate) mod syscalls;
// the system-wide areas (the process ones are below)
pub(crate) mod boot;
pub(crate) mod cgroup;
pub(crate) mod disk;
#[cfg(target_env = "gnu")] // psutil has heap_info/heap_trim with glibc only
pub(crate) mod heap;
pub(crate) mod memory;
pub(crate) mod net;
pub(crate) mod root;
pub(crate) mod sensors;
pub(crate) mod user_names;
pub(crate) mod users;

pub(crate) use syscalls::{clock_ticks, nofile_soft, page_size, sysinfo_swap};

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
pub(crate) mod ethtool;
pub(crate) use super::unix::ifaddrs;

// cpu
pub(crate) mod cpu;
pub(crate) use cpu::{loadavg_sysinfo, nprocessors_onln};
pub(crate) mod netlink;
pub(crate) mod sock_diag;
pub(crate) mod socket_inodes;
// process
pub(crate) use super::unix::passwd;
pub(crate) mod proc_reader;
pub(crate) mod process;
pub(crate) mod taskstats;
pub(crate) mod threads;
