//! The macOS backend: psutil's macOS calls (psutil-platforms.md §4.2) through `libc`
//! (sysctl, Mach host statistics, libproc, getfsstat, getifaddrs, utmpx) and IOKit
//! (disk I/O, battery, Apple Silicon CPU frequency), the buffers decoded by
//! [`crate::parse::macos`]. Compiled and linted for x86_64- and aarch64-apple-darwin,
//! not yet run.

pub(crate) mod af;
pub(crate) mod ext;
pub(crate) use super::unix::{
    if_ioctl, ifaddrs, loadavg, os_error, os_str, passwd, signals, sysctl, utmpx,
};
mod iokit;
mod mach;
// the system-wide areas (the process ones are below)
pub(crate) mod boot;
pub(crate) mod cpu;
pub(crate) mod disk;
pub(crate) mod heap;
pub(crate) mod memory;
pub(crate) mod net;
pub(crate) mod sensors;
pub(crate) mod users;
// process
pub(crate) mod process;
