//! What the POSIX backends (`linux/`, and the BSD-family backends) share: calls of the C
//! library that behave alike on every POSIX system. Each backend re-exports the modules
//! it uses under its own name (`sys::imp::passwd`, ...), so the portable modules never
//! name this one.

pub(crate) mod af;
pub(crate) mod ifaddrs;
pub(crate) mod localtime;
pub(crate) mod os_error;
pub(crate) mod os_str;
pub(crate) mod passwd;
pub(crate) mod process;

// The BSD family (macOS, FreeBSD): sysctl, utmpx, interface ioctls, loadavg, process
// control. Linux reads /proc and uses its own syscalls instead.
#[cfg(any(target_os = "macos", target_os = "freebsd"))]
pub(crate) mod if_ioctl;
#[cfg(any(target_os = "macos", target_os = "freebsd"))]
pub(crate) mod loadavg;
#[cfg(any(target_os = "macos", target_os = "freebsd"))]
pub(crate) mod signals;
#[cfg(any(target_os = "macos", target_os = "freebsd"))]
pub(crate) mod sysctl;
#[cfg(any(target_os = "macos", target_os = "freebsd"))]
pub(crate) mod utmpx;
