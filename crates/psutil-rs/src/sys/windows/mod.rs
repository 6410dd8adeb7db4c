//! The Windows backend: psutil's Windows calls (psutil-platforms.md §4.1) through
//! `windows-sys`, the buffers decoded by [`crate::parse::windows`].

pub(crate) mod af;
pub(crate) mod ext;
pub(crate) mod os_error;
pub(crate) mod os_str;
// the system-wide areas (the process ones are below)
pub(crate) mod boot;
pub(crate) mod cpu;
pub(crate) mod disk;
pub(crate) mod heap;
pub(crate) mod memory;
pub(crate) mod net;
pub(crate) mod sensors;
pub(crate) mod services;
pub(crate) mod users;
mod win32;
// process
pub(crate) mod process;
