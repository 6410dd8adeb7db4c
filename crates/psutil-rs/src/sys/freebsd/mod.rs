//! The FreeBSD backend: psutil's FreeBSD calls (psutil-platforms.md §4.3) through
//! sysctl (`kern.proc.*`, `kern.cp_times`, `vm.stats.*`, `kern.devstat.all`, the
//! routing socket's interface list), `getfsstat(2)`, `getifaddrs(3)`, utmpx and the
//! interface ioctls, the buffers decoded by [`crate::parse::freebsd`]. Built without
//! libkvm, libutil or libdevstat: their sysctl sources are read directly.

pub(crate) mod af;
pub(crate) mod ext;
pub(crate) use super::unix::sysctl as unix_sysctl;
pub(crate) use super::unix::{
    if_ioctl, ifaddrs, loadavg, os_error, os_str, passwd, signals, utmpx,
};
pub(crate) mod devname;
mod layout; // compile-time checks of the decoders' offsets
pub(crate) mod sysctl;
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
