//! What the tools read that exists on one platform only, behind one switch: the
//! Linux-only process attributes (`uids`, the terminal, `stat` extras, I/O priority and
//! counters, delay accounting), the Linux fields of `virtual_memory()`, the sensors,
//! `--root`, the signal table, inode counts. The other modules call these and carry no `cfg` of their own (the
//! subcommands that exist on Linux only are chosen in `cmd/`).

#[cfg(target_os = "linux")]
#[path = "linux.rs"]
mod imp;

#[cfg(windows)]
#[path = "windows.rs"]
mod imp;

#[cfg(any(target_os = "macos", target_os = "freebsd"))]
#[path = "bsd.rs"]
mod imp;

#[cfg(not(target_os = "linux"))]
mod stand_in;

/// The container's limits (cgroups, Linux only).
#[cfg(target_os = "linux")]
mod container;
mod inodes;
mod signal_table;
#[cfg(target_os = "linux")]
pub use container::*;

pub use imp::*;
pub use inodes::inodes;
pub use signal_table::{realtime_signals, signal_aliases, standard_signals};
