//! The platform layer: the only place that does I/O, makes syscalls or uses `unsafe`.
//!
//! One switch chooses the backend for the target OS. Portable modules call `sys::…`
//! and carry no `cfg` of their own. Only Linux exists today; another OS is added as a
//! sibling directory and one more arm here.

#[cfg(target_os = "linux")]
#[path = "linux/mod.rs"]
mod imp;

#[cfg(not(target_os = "linux"))]
compile_error!("psutil-rs supports Linux only for now");

pub(crate) use imp::*;
